#!/usr/bin/env bash
# smkilint lint --bulk and smkilint inventory (issue 9). Output is TAP.
#
# usage: run_bulk_tests.sh SMKILINT JSONCHECK SCHEMACHECK GEN_BULK_CERTS GEN_BUNDLE MAXRSS SOURCE_ROOT CORPUS SANITIZED
#
# lint --bulk: the PROFILES.md cases on tests/data/bulk (D4, D13, §8 item 9)
# in every format (JSON checked by jsoncheck and the schema, SARIF by its
# schema, JUnit by xmllint when installed), -j N equal to -j 1, standard
# input and --files-from, waivers, the option errors, and the Issuing CA
# capacity on generated certificates (gen-bulk-certs) against small limits.
# inventory: counts on tests/data/bulk and, when CORPUS exists, on
# CORPUS/smki-public, against hand counts made with openssl (see below);
# -j, stdin, --files-from, json and csv; flat memory over a long bundle
# (skipped with SANITIZED=yes).
set -u

if [ $# -ne 9 ]; then
	echo "usage: $0 SMKILINT JSONCHECK SCHEMACHECK GEN_BULK_CERTS GEN_BUNDLE MAXRSS SOURCE_ROOT CORPUS SANITIZED" >&2
	exit 2
fi
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"
SMK=$(abs "$1") JC=$(abs "$2") SC=$(abs "$3") GENC=$(abs "$4") GEN=$(abs "$5") RSS=$(abs "$6") SRC=$7 CORPUS=$8
SANITIZED=$9
DATA=$SRC/tests/data/bulk
EX=$SRC/examples/certs
REPORT_SCHEMA=$SRC/docs/report.schema.json
SARIF_SCHEMA=$SRC/tests/cli/schemas/sarif-2.1.0-rtm.5.json
JUNIT_XSD=$SRC/tests/cli/schemas/junit.xsd
NONREP=device-rtds-e357-00db1234567890a0-nonrep.pem
GENUINE=device-rtds-e357-00db1234567890a0-ds.pem

T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-bulk.XXXXXX")
trap 'rm -rf "$T"' EXIT
export NO_COLOR=1

valid() {
	local name=$1
	shift
	if "$SC" "$@" >"$T/sc" 2>&1; then ok "$name"; else not_ok "$name" "$(head -n 8 "$T/sc")"; fi
}
# jsoncheck the output (json or jsonl) into $T/jc
jcheck() {
	local name=$1 kind=$2
	if "$JC" "$kind" "$T/out" >"$T/jc" 2>"$T/jcerr"; then ok "$name"; else not_ok "$name" "$(head -n 8 "$T/jcerr")"; fi
}
# count of F lines of a lint in $T/jc (on inputs ending with $2 when given)
nf() { awk -F'\t' -v l="$1" -v s="${2:-}" '$1 == "F" && $5 == l && (s == "" || substr($2, length($2) - length(s) + 1) == s)' "$T/jc" | wc -l; }
eq() { [ "$1" = "$2" ] || { echo "# got '$1', expected '$2'"; return 1; }; }
# a row of inventory --format csv: the row's certificates column
csv_count() { awk -F, -v key="$1" 'index($0, key ",") == 1 { split(substr($0, length(key) + 2), a, ","); print a[1] }' "$T/out"; }

echo "# smkilint: $SMK"
"$SMK" version >/dev/null || { echo "Bail out! $SMK does not run"; exit 1; }
[ -f "$DATA/$NONREP" ] || { echo "Bail out! missing $DATA/$NONREP"; exit 1; }
PEMS=("$DATA"/*.pem)   # the 38 certificates (the folder also holds its README.md)

# ------------------------------------------------------------ lint --bulk, PROFILES.md cases
run lint --bulk --format jsonl "${PEMS[@]}"
expect_rc "bulk: tests/data/bulk fails (duplicate serial, capacity: errors)" 1
jcheck "bulk: jsonl keeps the contract, with the bulk results last" jsonl
check "bulk: D4, the tampered certificate shares its serial with the genuine one" \
	eq "$(nf smki.bulk.duplicate_serial_per_issuer "/$NONREP")" 1
check "bulk: D4, the finding on the tampered one names the genuine one" \
	grep -qP "^C\t$DATA/$NONREP\t0\tsmki.bulk.duplicate_serial_per_issuer\t$DATA/$GENUINE\t0$" "$T/jc"
check "bulk: D4, and the genuine one is reported too" eq "$(nf smki.bulk.duplicate_serial_per_issuer "/$GENUINE")" 1
check "bulk: D13, the device key certified by two issuers, on both certificates" \
	eq "$(nf smki.bulk.key_shared_across_issuers -00db123456789098-ka.pem)" 2
check "bulk: §8 item 9, the 17 re-certifications of 2025" eq "$(nf smki.bulk.renewal_same_key)" 17
check "bulk: ... each on a 2025 certificate" eq "$(nf smki.bulk.renewal_same_key)" \
	"$(awk -F'\t' '$1 == "F" && $5 == "smki.bulk.renewal_same_key" && $2 ~ /-20250901-/' "$T/jc" | wc -l)"
check "bulk: a bulk result per certificate with bulk findings (B lines)" \
	test "$(grep -c '^B' "$T/jc")" -ge 20
check "bulk: no shared key across usages or Entity Identifiers here" \
	eq "$(($(nf smki.bulk.key_shared_across_usages) + $(nf smki.bulk.key_shared_across_subjects)))" 0
cp "$T/out" "$T/bulk1.jsonl"

run lint --bulk --format jsonl "$DATA"
jcheck "bulk: a directory is recursed (its README.md is not a certificate)" jsonl
check "bulk: ... with the same bulk findings as its files" \
	eq "$(grep -c '^F.*smki.bulk' "$T/jc")" "$("$JC" jsonl "$T/bulk1.jsonl" | grep -c '^F.*smki.bulk')"

run lint --bulk -j 3 --format jsonl "${PEMS[@]}"
check "bulk: -j 3 writes what -j 1 writes" cmp -s "$T/out" "$T/bulk1.jsonl"

ls "${PEMS[@]}" >"$T/list"
run lint --bulk --format jsonl --files-from "$T/list"
check "bulk: --files-from gives the same output" cmp -s "$T/out" "$T/bulk1.jsonl"

cat "${PEMS[@]}" | "$SMK" lint --bulk --format jsonl - >"$T/out" 2>"$T/err"
jcheck "bulk: standard input (one bundle) keeps the contract" jsonl
check "bulk: standard input finds the same 17 renewals, in <stdin> #N" \
	eq "$(awk -F'\t' '$1 == "F" && $5 == "smki.bulk.renewal_same_key" && $2 == "<stdin>"' "$T/jc" | wc -l)" 17

run lint --bulk --format json "${PEMS[@]}"
valid "bulk: json is valid against docs/report.schema.json" "$REPORT_SCHEMA" "$T/out"
jcheck "bulk: json keeps the contract" json
check "bulk: summary.bulk counts 38 certificates" grep -qP '^S\tbulk\t38\t' "$T/jc"
run lint --bulk --format jsonl "${PEMS[@]}"
valid "bulk: jsonl results are valid against the schema" --lines "$REPORT_SCHEMA" "$T/out" '#/$defs/result'

run lint --bulk --format sarif "${PEMS[@]}"
valid "bulk: sarif is valid against the SARIF 2.1.0 schema" "$SARIF_SCHEMA" "$T/out"
check "bulk: sarif names the certificates involved (relatedLocations)" grep -q '"relatedLocations"' "$T/out"
run lint --bulk --format junit "${PEMS[@]}"
if command -v xmllint >/dev/null; then
	if xmllint --noout --schema "$JUNIT_XSD" "$T/out" >"$T/xl" 2>&1; then ok "bulk: junit is valid"; else
		not_ok "bulk: junit is valid" "$(head -n 5 "$T/xl")"; fi
else
	skip "bulk: junit is valid" "xmllint (libxml2-utils) not installed"
fi
check "bulk: junit has a suite for the bulk checks" grep -q '<testsuite name="smkilint lint --bulk"' "$T/out"

run lint --bulk "${PEMS[@]}"
check "bulk: text marks bulk findings" grep -q "#0: 1 bulk finding$" "$T/out"
check "bulk: text lists the certificates involved" grep -q "^          certificates: .*$NONREP #0, .*$GENUINE #0$" "$T/out"
check "bulk: the summary line gives the bulk counts" grep -qE '; bulk checks over 38 certificates: [0-9]+ findings$' "$T/out"

run lint --format jsonl "${PEMS[@]}"
jcheck "without --bulk: the contract as before" jsonl
check "without --bulk: no bulk finding, no bulk result" eq "$(grep -c 'smki.bulk\|^B' "$T/jc")" 0

run lint --bulk --min-severity warning --format jsonl "${PEMS[@]}"
jcheck "bulk: --min-severity applies to bulk findings" jsonl
check "bulk: --min-severity warning drops the renewal notices" eq "$(nf smki.bulk.renewal_same_key)" 0
run lint --bulk --ignore 'smki.bulk.*' --format jsonl "${PEMS[@]}"
jcheck "bulk: --ignore applies to bulk findings" jsonl
check "bulk: --ignore 'smki.bulk.*' leaves no bulk result" eq "$(grep -c '^B' "$T/jc")" 0

cat >"$T/waivers.yaml" <<EOF
waivers:
  - lints: smki.bulk.renewal_same_key
    reason: "re-certification accepted by the PMA (test)"
EOF
run lint --bulk --waivers "$T/waivers.yaml" --format jsonl "${PEMS[@]}"
jcheck "bulk: waived bulk findings keep the contract" jsonl
check "bulk: a waiver accepts bulk findings" \
	eq "$(grep -cP '^W\t.*\tsmki.bulk.renewal_same_key\tre-certification accepted' "$T/jc")" 17

# ------------------------------------------------------------ options
run lint --ca-max-certs 5 "${PEMS[@]}"
expect_rc "--ca-max-certs without --bulk is a usage error" 2
run lint --bulk --ca-max-period 3x "${PEMS[@]}"
expect_rc "--ca-max-period 3x is a usage error" 2
run lint --bulk --ca-warn-fraction 1.5 "${PEMS[@]}"
expect_rc "--ca-warn-fraction 1.5 is a usage error" 2
run lint --bulk --ca-max-certs 0 "${PEMS[@]}"
expect_rc "--ca-max-certs 0 is a usage error" 2
run lint --by profile "${PEMS[@]}"
expect_rc "lint --by is a usage error" 2
run inventory --bulk "${PEMS[@]}"
expect_rc "inventory --bulk is a usage error" 2
run inventory --by nosuchfield "${PEMS[@]}"
expect_rc "inventory --by nosuchfield is a usage error" 2
run inventory --by role,role "${PEMS[@]}"
expect_rc "inventory --by role,role is a usage error" 2
run inventory --format sarif "${PEMS[@]}"
expect_rc "inventory --format sarif is a usage error" 2
run inventory
expect_rc "inventory without input is a usage error" 2

# ------------------------------------------------------------ Issuing CA capacity, generated certificates
# gen-bulk-certs N STEP: N device certificates of one CA key, notBefore STEP days apart from 2016-01-01
"$GENC" 8 1 >"$T/c8.pem" && "$GENC" 7 1 >"$T/c7.pem" && "$GENC" 11 1 >"$T/c11.pem" || echo "Bail out! gen-bulk-certs"
LIM=(--bulk --ca-max-certs 10 --ca-warn-fraction 0.8 --format jsonl)
run lint "${LIM[@]}" "$T/c8.pem"
jcheck "capacity: 8 of 10 certificates" jsonl
check "capacity: the warning fires at 80% of 10, on certificate #7" \
	grep -qP "^F\t$T/c8.pem\t7\twarning\tsmki.bulk.ca_capacity_near\t" "$T/jc"
check "capacity: once" eq "$(nf smki.bulk.ca_capacity_near)" 1
run lint "${LIM[@]}" "$T/c7.pem"
jcheck "capacity: 7 of 10 certificates" jsonl
check "capacity: below the fraction, no capacity finding" \
	eq "$(($(nf smki.bulk.ca_capacity_near) + $(nf smki.bulk.ca_capacity_exceeded)))" 0
run lint "${LIM[@]}" "$T/c11.pem"
jcheck "capacity: 11 of 10 certificates" jsonl
check "capacity: the error fires beyond the limit, on certificate #10" \
	grep -qP "^F\t$T/c11.pem\t10\terror\tsmki.bulk.ca_capacity_exceeded\t" "$T/jc"
check "capacity: and fails the run" test "$rc" = 1
run lint --bulk --ca-max-certs 10 --ca-warn-fraction 80% --format jsonl "$T/c8.pem"
jcheck "capacity: --ca-warn-fraction 80%" jsonl
check "capacity: a percentage works as the fraction" eq "$(nf smki.bulk.ca_capacity_near)" 1
run lint --bulk --format jsonl "$T/c11.pem"
jcheck "capacity: the defaults (100000, 3 months)" jsonl
check "capacity: nothing with the defaults" \
	eq "$(($(nf smki.bulk.ca_capacity_near) + $(nf smki.bulk.ca_capacity_exceeded)))" 0
"$GENC" 3 4 >"$T/p4.pem" && "$GENC" 3 3 >"$T/p3.pem" && "$GENC" 3 6 >"$T/p6.pem" || echo "Bail out! gen-bulk-certs"
P=(--bulk --ca-max-period 10d --ca-warn-fraction 0.8 --format jsonl)
run lint "${P[@]}" "$T/p4.pem"
jcheck "capacity: notBefore 0, 4, 8 days, period 10d" jsonl
check "capacity: the period warning fires at 8 of 10 days, on #2" \
	grep -qP "^F\t$T/p4.pem\t2\twarning\tsmki.bulk.ca_capacity_near\ttbsCertificate.validity\t" "$T/jc"
run lint "${P[@]}" "$T/p3.pem"
jcheck "capacity: notBefore 0, 3, 6 days" jsonl
check "capacity: 6 of 10 days, no capacity finding" \
	eq "$(($(nf smki.bulk.ca_capacity_near) + $(nf smki.bulk.ca_capacity_exceeded)))" 0
run lint "${P[@]}" "$T/p6.pem"
jcheck "capacity: notBefore 0, 6, 12 days" jsonl
check "capacity: the period error fires after 10 days, on #2" \
	grep -qP "^F\t$T/p6.pem\t2\terror\tsmki.bulk.ca_capacity_exceeded\ttbsCertificate.validity\t" "$T/jc"
run lint --bulk --ca-max-period 1mo --format jsonl "$T/p6.pem"
jcheck "capacity: --ca-max-period 1mo" jsonl
check "capacity: 12 days of one month, no capacity finding" eq "$(nf smki.bulk.ca_capacity_exceeded)" 0

# ------------------------------------------------------------ inventory, tests/data/bulk
# Hand count of tests/data/bulk (38 files), made with openssl, not smkilint:
#   for f in tests/data/bulk/*.pem; do
#     openssl x509 -in $f -noout -subject -issuer -nameopt RFC2253 -ext keyUsage; done
# and counting subject OU x keyUsage, and the issuers of the certificates with an empty subject:
#   OU=02: Digital Signature 6, Key Agreement 12    OU=03: Digital Signature 4, Key Agreement 4
#   OU=04: Digital Signature 2                      OU=08: Digital Signature 2, Key Agreement 2
#   OU=89: Digital Signature 2                      empty subject: CN=E357 3, CN=0001 1
run inventory --by role,usage --format csv "${PEMS[@]}"
expect_rc "inventory: exit status 0" 0
check "inventory: csv header" eq "$(head -n 1 "$T/out" | tr -d '\r')" "role,usage,certificates,findings,first_not_before,last_not_before"
for row in "02 supplier,digitalSignature=6" "02 supplier,keyAgreement=12" "03 networkOperator,digitalSignature=4" \
	"03 networkOperator,keyAgreement=4" "04 accessControlBroker,digitalSignature=2" "08 loadController,digitalSignature=2" \
	"08 loadController,keyAgreement=2" "89 dspXmlSign,digitalSignature=2"; do
	check "inventory tests/data/bulk: ${row%=*} = ${row#*=} (hand count)" eq "$(csv_count "${row%=*}")" "${row#*=}"
done
cp "$T/out" "$T/inv1.csv"
run inventory --by entity,issuer --format csv "${PEMS[@]}"
check "inventory tests/data/bulk: device certificates of CN=E357 = 3 (hand count)" eq "$(csv_count "(device),CN=E357")" 3
check "inventory tests/data/bulk: device certificates of CN=0001 = 1 (hand count)" eq "$(csv_count "(device),CN=0001")" 1
check "inventory tests/data/bulk: an issuer with a comma is quoted" grep -q '^90b3d51f30010000,"OU=07, CN=Z1",' "$T/out"
run inventory -j 2 --by role,usage --format csv "${PEMS[@]}"
check "inventory: -j 2 counts what -j 1 counts" cmp -s "$T/out" "$T/inv1.csv"
run inventory --by role,usage --format csv --files-from "$T/list"
check "inventory: --files-from counts the same" cmp -s "$T/out" "$T/inv1.csv"
cat "${PEMS[@]}" | "$SMK" inventory --by role,usage --format csv - >"$T/out" 2>"$T/err"
check "inventory: standard input counts the same" cmp -s "$T/out" "$T/inv1.csv"
# notBefore years of tests/data/bulk (openssl x509 -noout -startdate over the 38 files):
#   2015 9, 2016 9, 2018 1, 2023 2, 2025 17
run inventory --format csv "${PEMS[@]}"
check "inventory: every table of the default csv counts the 38 certificates" eq "$(awk -F, 'NR > 1 && $1 != "lint" {
	n = split($0, a, ","); s[$1] += a[n - 3] } END { for (f in s) if (s[f] != 38) print f, s[f] }' "$T/out")" ""
check "inventory: the default csv has the nine fields" \
	eq "$(awk -F, 'NR > 1 { print $1 }' "$T/out" | sort -u | tr '\n' ' ')" "ca entity env issuer lint profile role usage year "
check "inventory: notBefore years (openssl count)" \
	eq "$(awk -F, '$1 == "year" { printf "%s=%s ", $2, $3 }' "$T/out")" "2015=9 2016=9 2018=1 2023=2 2025=17 "
run inventory --format json "${PEMS[@]}"
check "inventory: json totals" grep -qzP '"inputs": 38,\n "unreadable_inputs": 0,\n "certificates": 38,\n "not_decoded": 0,' "$T/out"
check "inventory: json keys" grep -q '"first_not_before": "2015-' "$T/out"
run inventory "${PEMS[@]}"
check "inventory: text starts with the totals" eq "$(head -n 1 "$T/out")" "38 certificates in 38 inputs (0 not decoded)"
check "inventory: text has a table per field" eq "$(grep -cE '^(profile|role|usage|issuer|ca|entity|env|year|lint) ' "$T/out")" 9
run inventory --by year "$DATA/$NONREP" "$T/no-such-file.pem"
expect_rc "inventory: an input that cannot be read gives exit status 2" 2
check "inventory: ... the others are still counted, and the text says so" \
	eq "$(head -n 1 "$T/out")" "1 certificate in 1 input (0 not decoded; 1 input could not be read)"
check "inventory: ... and stderr names it" grep -q "no-such-file.pem" "$T/err"
run lint --bulk --format json "$DATA/$NONREP" "$T/no-such-file.pem"
expect_rc "bulk: an input that cannot be read gives exit status 2" 2
jcheck "bulk: ... and the document keeps the contract" json
run inventory --by lint --format csv "${PEMS[@]}"
# without --issuer every signature is unchecked but the self-signed XML-signing one's (its own key)
check "inventory: findings by lint id" grep -q '^smki.chain.signature_not_checked,37,37,' "$T/out"
check "inventory: a lint row counts certificates and findings" grep -q '^smki.org.notafter_style,3,3,' "$T/out"

# ------------------------------------------------------------ the shared corpus
PUB=$CORPUS/smki-public
if [ -d "$PUB" ]; then
	# Hand count of smki-public (460 PEM files and its README.md), made with openssl over every file:
	#   find smki-public -name '*.pem' | while read f; do
	#     openssl x509 -in $f -noout -subject -issuer -nameopt RFC2253 -ext keyUsage; done
	# then subject OU x keyUsage, and the issuers of the 404 certificates with an empty subject:
	#   OU=01 DS 2 | OU=02 DS 6, KA 13 | OU=03 DS 4, KA 4 | OU=04 DS 3, KA 2 | OU=05 DS 2 | OU=06 DS 2
	#   OU=07 keyCertSign+cRLSign 2 | OU=08 DS 3, KA 3 | OU=137 DS 1 | OU=7F DS 2, KA 2 | OU=87 DS 3
	#   OU=89 DS 2 | empty subject: CN=E357 401, CN=0001 1, the ACB (OU=04, uniqueIdentifier 90b3d51f30000002) 2
	run inventory --by role,usage --format csv "$PUB"
	expect_rc "inventory smki-public: exit status 0" 0
	for row in "01 recovery,digitalSignature=2" "02 supplier,digitalSignature=6" "02 supplier,keyAgreement=13" \
		"03 networkOperator,digitalSignature=4" "03 networkOperator,keyAgreement=4" \
		"04 accessControlBroker,digitalSignature=3" "04 accessControlBroker,keyAgreement=2" \
		"05 transitionalCoS,digitalSignature=2" "06 wanProvider,digitalSignature=2" \
		"07 issuingAuthority,keyCertSign+cRLSign=2" "08 loadController,digitalSignature=3" \
		"08 loadController,keyAgreement=3" "137,digitalSignature=1" "7F other,digitalSignature=2" \
		"7F other,keyAgreement=2" "87 xmlSign,digitalSignature=3" "89 dspXmlSign,digitalSignature=2"; do
		check "inventory smki-public: ${row%=*} = ${row#*=} (hand count)" eq "$(csv_count "${row%=*}")" "${row#*=}"
	done
	run inventory --by entity,issuer --format csv "$PUB"
	check "inventory smki-public: device certificates of CN=E357 = 401 (hand count)" eq "$(csv_count "(device),CN=E357")" 401
	check "inventory smki-public: device certificates of CN=0001 = 1 (hand count)" eq "$(csv_count "(device),CN=0001")" 1
	check "inventory smki-public: device certificates of the ACB = 2 (hand count)" \
		eq "$(csv_count '(device),"OU=04, uniqueIdentifier=#90b3d51f30000002"')" 2
	run inventory --format json "$PUB"
	check "inventory smki-public: 461 items (the README.md is not decoded)" \
		grep -qzP '"certificates": 461,\n "not_decoded": 1,' "$T/out"
	run lint --bulk -j 2 --format jsonl "$PUB"
	jcheck "bulk smki-public: keeps the contract" jsonl
	check "bulk smki-public: D4 and D10, four certificates sharing a serial with another" \
		eq "$(nf smki.bulk.duplicate_serial_per_issuer)" 4
	check "bulk smki-public: D4, the tampered copy" eq "$(nf smki.bulk.duplicate_serial_per_issuer "/$NONREP")" 1
	check "bulk smki-public: D13" eq "$(nf smki.bulk.key_shared_across_issuers -00db123456789098-ka.pem)" 2
	check "bulk smki-public: §8 item 9, 17 re-certifications" eq "$(nf smki.bulk.renewal_same_key)" 17
	# the whole corpus, hostile files included: no crash, no sanitizer report, the contract kept
	run lint --bulk --format jsonl "$CORPUS"
	check "bulk over the whole corpus: exit status 0 or 1 ($rc)" test "$rc" -le 1
	jcheck "bulk over the whole corpus: keeps the contract" jsonl
	run inventory --format json "$CORPUS"
	check "inventory over the whole corpus: exit status 0 ($rc)" test "$rc" = 0
else
	echo "# SKIP: $PUB not found (the shared corpus is not beside this checkout)"
	skip "inventory and bulk over the shared corpus" "$PUB not found"
fi

# ------------------------------------------------------------ memory
if [ "$SANITIZED" = yes ]; then
	skip "inventory: peak memory flat from 2,000 to 12,000 certificates" "sanitizer build"
	skip "bulk: peak memory grows by at most 400 bytes a certificate" "sanitizer build"
else
	"$GEN" 2000 "$EX"/*.pem >"$T/m1.pem"
	"$GEN" 12000 "$EX"/*.pem >"$T/m2.pem"
	"$RSS" "$SMK" inventory -j 2 --format json "$T/m1.pem" >/dev/null 2>"$T/rss1"
	"$RSS" "$SMK" inventory -j 2 --format json "$T/m2.pem" >/dev/null 2>"$T/rss2"
	k1=$(sed -n 's/^maxrss_kib //p' "$T/rss1")
	k2=$(sed -n 's/^maxrss_kib //p' "$T/rss2")
	echo "# inventory peak RSS: 2,000 certificates $k1 KiB, 12,000 certificates $k2 KiB"
	check "inventory: peak memory flat from 2,000 to 12,000 certificates ($k1 -> $k2 KiB)" test "$k2" -le $((k1 + 4096))
	"$RSS" "$SMK" lint --bulk -j 2 --format jsonl "$T/m1.pem" >/dev/null 2>"$T/rss1"
	"$RSS" "$SMK" lint --bulk -j 2 --format jsonl "$T/m2.pem" >/dev/null 2>"$T/rss2"
	k1=$(sed -n 's/^maxrss_kib //p' "$T/rss1")
	k2=$(sed -n 's/^maxrss_kib //p' "$T/rss2")
	echo "# lint --bulk peak RSS: 2,000 certificates $k1 KiB, 12,000 certificates $k2 KiB"
	check "bulk: peak memory grows by at most 400 bytes a certificate ($k1 -> $k2 KiB)" \
		test "$k2" -le $((k1 + 10000 * 400 / 1024 + 4096))
fi

echo "1..$n"
if [ "$failures" -ne 0 ]; then
	echo "# $failures of $n checks failed"
	exit 1
fi
exit 0
