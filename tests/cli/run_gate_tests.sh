#!/usr/bin/env bash
# smkilint as a CI gate (issue 6): every output format validated against its
# schema (docs/report.schema.json, the SARIF 2.1.0 schema, a JUnit XSD),
# --fail-on/--min-severity/--ignore, waivers, -j N giving the output of -j 1,
# --files-from and -0, progress, colour, exit codes 0/1/2, and a memory
# check over a long bundle. Output is TAP.
#
# usage: run_gate_tests.sh SMKILINT SCHEMACHECK SARIF2TSV GEN_BUNDLE MAXRSS SOURCE_ROOT SANITIZED
#
# Needs bash and coreutils. xmllint (libxml2-utils) validates JUnit and
# python3-jsonschema cross-checks the JSON schemas; each check that needs
# one of them is skipped (TAP "# SKIP") when it is absent. SANITIZED=yes
# (an ASan build) skips the memory measurement, which ASan's own
# bookkeeping would swamp.
set -u

if [ $# -ne 7 ]; then
	echo "usage: $0 SMKILINT SCHEMACHECK SARIF2TSV GEN_BUNDLE MAXRSS SOURCE_ROOT SANITIZED" >&2
	exit 2
fi
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"
SMK=$(abs "$1") SC=$(abs "$2") S2T=$(abs "$3") GEN=$(abs "$4") RSS=$(abs "$5") SRC=$6 SANITIZED=$7
EX=$SRC/examples/certs
REPORT_SCHEMA=$SRC/docs/report.schema.json
SARIF_SCHEMA=$SRC/tests/cli/schemas/sarif-2.1.0-rtm.5.json
JUNIT_XSD=$SRC/tests/cli/schemas/junit.xsd
OCA=$EX/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem
ORG=$EX/org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252.pem
NONDER=$EX/device-rtds-e357-00db12345678909b-ds-nonder-signature.pem   # one error: der.integer_not_minimal
BASICC=$EX/org-ob-other-00db123456780004-ds-20150415-43f410fe.pem      # warnings, no error

T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-gate.XXXXXX")
trap 'rm -rf "$T"' EXIT
export NO_COLOR=1

# valid NAME SCHEMA FILE [POINTER] / valid_lines ...: schemacheck, with its complaint in the log
valid() {
	local name=$1
	shift
	if "$SC" "$@" >"$T/sc" 2>&1; then ok "$name"; else not_ok "$name" "$(head -n 8 "$T/sc")"; fi
}
invalid() {
	local name=$1
	shift
	if "$SC" "$@" >"$T/sc" 2>&1; then not_ok "$name" "accepted: $*"; else ok "$name"; fi
}
have_jsonschema() { command -v python3 >/dev/null && python3 -c 'import jsonschema' 2>/dev/null; }
# pyvalid NAME DRAFT SCHEMA FILE [lines POINTER]: the same check with python3-jsonschema
pyvalid() {
	local name=$1
	shift
	if ! have_jsonschema; then
		skip "$name" "python3-jsonschema not installed"
		return
	fi
	if python3 - "$@" >"$T/py" 2>&1 <<'EOF'; then ok "$name"; else not_ok "$name" "$(head -n 8 "$T/py")"; fi
import json, sys, jsonschema
draft, schema_path, doc_path = sys.argv[1:4]
schema = json.load(open(schema_path))
cls = {"2020-12": jsonschema.Draft202012Validator, "4": jsonschema.Draft4Validator}[draft]
cls.check_schema(schema)
docs = []
if len(sys.argv) > 4:   # one document a line, against a subschema
    sub = {"$ref": sys.argv[5], "$defs": schema.get("$defs", {})}
    sub["$schema"] = schema.get("$schema")
    schema = sub
    docs = [json.loads(l) for l in open(doc_path) if l.strip()]
else:
    docs = [json.load(open(doc_path))]
v = cls(schema, format_checker=cls.FORMAT_CHECKER if hasattr(cls, "FORMAT_CHECKER") else jsonschema.FormatChecker())
bad = [e for d in docs for e in v.iter_errors(d)]
for e in bad[:5]:
    print(list(e.absolute_path), e.message[:300])
sys.exit(1 if bad else 0)
EOF
}
same_files() {
	if cmp -s "$1" "$2"; then return 0; fi
	echo "# $1 and $2 differ:"
	diff "$1" "$2" | head -n 10 | sed 's/^/#   /'
	return 1
}

echo "# smkilint: $SMK"
"$SMK" version >/dev/null || { echo "Bail out! $SMK does not run"; exit 1; }
for f in "$OCA" "$ORG" "$NONDER" "$BASICC" "$REPORT_SCHEMA" "$SARIF_SCHEMA" "$JUNIT_XSD"; do
	[ -f "$f" ] || { echo "Bail out! missing $f"; exit 1; }
done
sed -e '/^-----/d' "$ORG" | base64 -d >"$T/org.der"
# a bundle: text, the OCA, a private key, NONDER, ORG; the BEGIN lines are known
{
	echo "exported for the key ceremony"
	cat "$OCA"
	printf -- '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n'
	echo "next:"
	cat "$NONDER" "$ORG"
} >"$T/bundle.pem"
begin_lines=$(grep -n -- '-----BEGIN CERTIFICATE-----' "$T/bundle.pem" | cut -d: -f1 | tr '\n' ' ')

# ------------------------------------------------------------ schemas
run lint --format json "$EX" "$T/bundle.pem" "$T/org.der" "$T/missing.pem"
expect_rc "json, an input missing: exit 2" 2
cp "$T/out" "$T/all.json"
valid "json: valid against docs/report.schema.json" "$REPORT_SCHEMA" "$T/all.json"
pyvalid "json: valid for python3-jsonschema (draft 2020-12) too" 2020-12 "$REPORT_SCHEMA" "$T/all.json"
check "json: schema_version 1.0, summary with exit_status 2 and the missing input" \
	grep -qE '^\{"schema_version": "1\.0", .*"exit_status":2,"errors":\[\{"input":"[^"]*missing\.pem"' \
	<(tr -d '\n' <"$T/all.json")

run lint --format jsonl "$EX" "$T/bundle.pem" "$T/org.der"
expect_rc "jsonl: exit 1 (NONDER has an error)" 1
cp "$T/out" "$T/all.jsonl"
valid "jsonl: each line valid against #/\$defs/result" --lines "$REPORT_SCHEMA" "$T/all.jsonl" '#/$defs/result'
pyvalid "jsonl: valid for python3-jsonschema too" 2020-12 "$REPORT_SCHEMA" "$T/all.jsonl" lines '#/$defs/result'
check "jsonl: one line per certificate (6 examples, 3 in the bundle, 1 DER)" test "$(wc -l <"$T/all.jsonl")" -eq 10
check "jsonl: carries profile_reason" grep -q '"profile_reason":"' "$T/all.jsonl"
check "jsonl: no schema_version or summary lines" test "$(grep -c 'schema_version\|"summary"' "$T/all.jsonl")" -eq 0

# the validator is not vacuous: broken documents are refused
sed 's/"profile_reason":/"profile_why":/' "$T/all.jsonl" >"$T/broken.jsonl"
invalid "schemacheck refuses a result with an unknown key" --lines "$REPORT_SCHEMA" "$T/broken.jsonl" '#/$defs/result'
sed 's/"severity":"error"/"severity":"critical"/' "$T/all.jsonl" >"$T/broken.jsonl"
invalid "schemacheck refuses an unknown severity" --lines "$REPORT_SCHEMA" "$T/broken.jsonl" '#/$defs/result'
sed 's/"schema_version": "1.0", //' "$T/all.json" >"$T/broken.json"
invalid "schemacheck refuses a document without schema_version" "$REPORT_SCHEMA" "$T/broken.json"

run lint --format sarif "$EX" "$T/bundle.pem" "$T/org.der" "$T/missing.pem"
expect_rc "sarif, an input missing: exit 2" 2
cp "$T/out" "$T/all.sarif"
valid "sarif: valid against the SARIF 2.1.0 schema" "$SARIF_SCHEMA" "$T/all.sarif"
pyvalid "sarif: valid for python3-jsonschema (draft-04) too" 4 "$SARIF_SCHEMA" "$T/all.sarif"
"$S2T" "$T/all.sarif" >"$T/sarif.tsv"
check "sarif: every result's ruleIndex names its rule" test "$(awk -F'\t' '$1 == "RES" && $3 != 1' "$T/sarif.tsv" | wc -l)" -eq 0
check "sarif: as many results as json has findings" \
	test "$(grep -c '^RES' "$T/sarif.tsv")" -eq "$(grep -o '"lint":' "$T/all.json" | wc -l)"
check "sarif: every lint of the catalogue is a rule" \
	test "$(grep -c '^RULE' "$T/sarif.tsv")" -ge "$("$SMK" lints --format json | grep -o '"id":' | wc -l)"
check "sarif: levels are error, warning, note" test "$(awk -F'\t' '$1 == "RES" && $4 !~ /^(error|warning|note)$/' "$T/sarif.tsv" | wc -l)" -eq 0
bundle_uri=$(awk -F'\t' '$1 == "RES" && $5 ~ /bundle\.pem$/ { print $5; exit }' "$T/sarif.tsv")
got_lines=$(awk -F'\t' -v u="$bundle_uri" '$1 == "RES" && $5 == u { print $9 ":" $6 }' "$T/sarif.tsv" | sort -u -n | cut -d: -f2 | tr '\n' ' ')
check "sarif: bundle results sit on their certificate's BEGIN line ($begin_lines)" test "$got_lines" = "$begin_lines"
check "sarif: DER results give a byte offset" \
	test "$(awk -F'\t' '$1 == "RES" && $5 ~ /org\.der$/ && $7 != "-"' "$T/sarif.tsv" | wc -l)" -gt 0
check "sarif: the missing input is a notification, and the run not successful" \
	grep -qE $'^INV\tfalse\t2\t1$' "$T/sarif.tsv"
check "sarif: absolute paths are file:// URIs" \
	test "$(awk -F'\t' '$1 == "RES" && $5 !~ /^file:\/\/\//' "$T/sarif.tsv" | wc -l)" -eq 0
cp "$T/bundle.pem" "$T/a b%.pem"
(cd "$T" && "$SMK" lint --format sarif "a b%.pem" >"$T/rel.sarif" 2>/dev/null)
"$S2T" "$T/rel.sarif" >"$T/sarif.tsv"
check "sarif: relative paths are relative URI references, percent-encoded" \
	test "$(awk -F'\t' '$1 == "RES" { print $5 }' "$T/sarif.tsv" | sort -u)" = "a%20b%25.pem"
valid "sarif: that one is valid too" "$SARIF_SCHEMA" "$T/rel.sarif"

run lint --format junit "$EX" "$T/bundle.pem" "$T/missing.pem"
expect_rc "junit, an input missing: exit 2" 2
cp "$T/out" "$T/all.xml"
if command -v xmllint >/dev/null; then
	if xmllint --noout --schema "$JUNIT_XSD" "$T/all.xml" >"$T/xl" 2>&1; then
		ok "junit: valid against tests/cli/schemas/junit.xsd"
	else
		not_ok "junit: valid against tests/cli/schemas/junit.xsd" "$(head -n 8 "$T/xl")"
	fi
else
	skip "junit: valid against tests/cli/schemas/junit.xsd" "xmllint (libxml2-utils) not installed"
fi
check "junit: one testsuite per input (6 + bundle + missing)" test "$(grep -c '<testsuite ' "$T/all.xml")" -eq 8
check "junit: one testcase per certificate, plus one for the missing input" \
	test "$(grep -c '<testcase ' "$T/all.xml")" -eq 10
check "junit: the bundle's suite has 3 tests and 1 failure" \
	grep -qE '<testsuite name="[^"]*bundle\.pem" tests="3" failures="1" errors="0"' "$T/all.xml"
check "junit: the failure names der.integer_not_minimal" grep -q '<failure type="der.integer_not_minimal"' "$T/all.xml"
check "junit: the missing input is an error" grep -q '<error type="input" message="No such file or directory"' "$T/all.xml"
run lint --format junit --fail-on notice "$NONDER"
check "junit --fail-on notice: the notice is a failure too" test "$(grep -c '<failure ' "$T/out")" -eq 2

# ------------------------------------------------------------ thresholds
run lint --format json --min-severity warning "$EX"
check "--min-severity warning: no notice or info shown" test "$(grep -cE '"severity":"(notice|info)"' "$T/out")" -eq 0
check "--min-severity warning: and none counted" grep -q '"notice":0,"info":0' "$T/out"
run lint --ignore 'der.integer_*' "$NONDER"
expect_rc "--ignore glob: the only error is gone, exit 0" 0
run lint --ignore der.integer_not_minimal --ignore 'smki.chain.*' --format jsonl "$NONDER"
check "--ignore twice: neither shows" test "$(grep -cE 'der\.integer_not_minimal|smki\.chain' "$T/out")" -eq 0
run lint --min-severity error --fail-on warning "$BASICC"
expect_rc "--min-severity above --fail-on: dropped warnings do not fail" 0
check "--min-severity above --fail-on: a note says so" grep -q 'cannot fail the run' "$T/err"
run lint --fail-on warning "$BASICC"
expect_rc "--fail-on warning with warnings: exit 1" 1
run lint --format text "$EX" "$T/missing.pem"
expect_rc "text, a missing input among findings: exit 2 wins" 2
check "text: the last line is the summary" grep -qE '^6 certificates in 6 inputs: .*; 1 input could not be read$' <(tail -n 1 "$T/out")
check "stderr names the unreadable input and says the others were linted" \
	grep -q '1 input could not be read (see above); the others were linted' "$T/err"

if [ -w /dev/full ]; then
	"$SMK" lint --format jsonl "$EX" >/dev/full 2>"$T/err"
	rc=$?
	expect_rc "output that cannot be written (/dev/full): exit 2" 2
	check "output that cannot be written: stderr says so" grep -q 'cannot write the output' "$T/err"
fi

# ------------------------------------------------------------ waivers
fp=$(sed -e '/^-----/d' "$NONDER" | base64 -d | sha256sum | cut -c1-64)
cat >"$T/waivers.yaml" <<EOF
# accepted findings of the key ceremony
waivers:
  - lints: der.integer_not_minimal
    reason: "D2 batch, accepted until replaced (SMK-42)"
    expires: 2999-12-31
    sha256: $fp
EOF
run lint --waivers "$T/waivers.yaml" "$NONDER"
expect_rc "waiver: the waived error no longer fails (exit 0)" 0
check "waiver: text says 1 waived" grep -qE '; 1 waived$' "$T/out"
run lint --waivers "$T/waivers.yaml" --format json "$NONDER"
valid "waiver: json with a suppressed finding is valid" "$REPORT_SCHEMA" "$T/out"
check "waiver: json marks the finding suppressed, with reason and source" \
	grep -qF '"suppressed":{"reason":"D2 batch, accepted until replaced (SMK-42)","expires":"2999-12-31","waiver":"' "$T/out"
check "waiver: counted as suppressed, not as an error" grep -q '"error":0,.*"suppressed":1,' "$T/out"
run lint --waivers "$T/waivers.yaml" --format sarif "$NONDER"
valid "waiver: sarif with a suppression is valid" "$SARIF_SCHEMA" "$T/out"
"$S2T" "$T/out" >"$T/sarif.tsv"
check "waiver: the sarif result carries the suppression" \
	grep -qF $'der.integer_not_minimal\t1\terror' <(awk -F'\t' '$8 ~ /^D2 batch/' "$T/sarif.tsv")
run lint --waivers "$T/waivers.yaml" --format jsonl "$ORG"
check "waiver: another certificate is not covered" test "$(grep -c suppressed "$T/out")" -eq 0

cat >"$T/expired.yaml" <<EOF
waivers:
  - lints: [der.integer_not_minimal]
    reason: old D2 exception
    expires: 2001-01-01
    input: "*nonder*"
EOF
run lint --waivers "$T/expired.yaml" --format jsonl "$NONDER"
expect_rc "expired waiver: the finding fails again (exit 1)" 1
check "expired waiver: a waiver.expired warning" grep -qE '"lint":"waiver\.expired","severity":"warning"' "$T/out"
check "expired waiver: it names the waiver's file:line:column" grep -qE '"citation":"[^"]*expired\.yaml:2:5"' "$T/out"
valid "expired waiver: still valid jsonl" --lines "$REPORT_SCHEMA" "$T/out" '#/$defs/result'

printf 'waivers:\n  - lints: der.integer_not_minimal\n    reasn: typo\n' >"$T/bad.yaml"
run lint --waivers "$T/bad.yaml" "$NONDER"
expect_rc "bad waiver file: exit 2" 2
check "bad waiver file: file:line:column" grep -qF "bad.yaml:3:5: unknown key 'reasn'" "$T/err"
check "bad waiver file: nothing on stdout" test ! -s "$T/out"

# ------------------------------------------------------------ streams and -j
"$GEN" 3000 "$EX"/*.pem >"$T/big.pem"
for fmt in jsonl sarif text; do
	"$SMK" lint -j 1 --format $fmt "$T/big.pem" "$T/bundle.pem" >"$T/j1" 2>"$T/err"
	r1=$?
	"$SMK" lint -j 2 --format $fmt "$T/big.pem" "$T/bundle.pem" >"$T/j2" 2>>"$T/err"
	r2=$?
	"$SMK" lint -j 3 --format $fmt "$T/big.pem" "$T/bundle.pem" >"$T/j3" 2>>"$T/err"
	r3=$?
	check "-j 2 and -j 3 give the output of -j 1 ($fmt, 3003 certificates)" \
		same_files "$T/j1" "$T/j2"
	check "-j 3 too ($fmt)" same_files "$T/j1" "$T/j3"
	check "-j: same exit status ($fmt)" test "$r1$r2$r3" = 111
done
"$SMK" lint -j 2 --format jsonl "$T/big.pem" >"$T/out" 2>"$T/err"
check "-j 2: 3000 results in input order" \
	test "$(grep -o '"index":[0-9]*' "$T/out" | cut -d: -f2 | paste -sd' ')" = "$(seq 0 2999 | paste -sd' ')"
run lint -j 0 --format jsonl "$NONDER"
expect_rc "-j 0: one thread per CPU" 1
run lint -j x "$NONDER"
expect_rc "-j x: usage error" 2
run lint -j 100000 "$NONDER"
expect_rc "-j 100000: usage error" 2

# --files-from and -0
mkdir -p "$T/list dir"
cp "$NONDER" "$T/list dir/a b.pem"
cp "$ORG" "$T/list dir/c"$'\n'"d.pem"
printf '%s\n' "$OCA" "$T/list dir/a b.pem" "" "$T/nope.pem" "$T/list dir" >"$T/list.txt"
run lint --format jsonl --files-from "$T/list.txt"
expect_rc "--files-from: a missing entry makes exit 2" 2
check "--files-from: entries in order, directories recursed, the missing one skipped" test \
	"$(grep -o '"input":"[^"]*"' "$T/out" | sed 's/"input"://' | tr '\n' '|')" = \
	"\"$OCA\"|\"$T/list dir/a b.pem\"|\"$T/list dir/a b.pem\"|\"$T/list dir/c\\nd.pem\"|"
check "--files-from: stderr names the missing entry" grep -qF "$T/nope.pem: No such file or directory" "$T/err"
printf '%s\0' "$T/list dir/c"$'\n'"d.pem" "$NONDER" >"$T/list0"
run lint --format jsonl -0 --files-from "$T/list0"
expect_rc "-0 --files-from: NUL-separated names (one with a newline)" 1
check "-0 --files-from: two results" test "$(wc -l <"$T/out")" -eq 2
"$SMK" lint --format jsonl --files-from - "$ORG" <"$T/list.txt" >"$T/out" 2>"$T/err"
check "--files-from -: the list from standard input, after the arguments" \
	test "$(grep -c '"input"' "$T/out")" -eq 5
run lint -0 "$NONDER"
expect_rc "-0 without --files-from: usage error" 2
"$SMK" lint --files-from - - <"$T/list.txt" >"$T/out" 2>"$T/err"
rc=$?
expect_rc "standard input both as input and as list: usage error" 2

# progress: only on request when standard error is not a terminal
run lint --format jsonl "$T/big.pem"
check "no progress line when standard error is not a terminal" test ! -s "$T/err"
run lint --progress --format jsonl "$T/big.pem"
check "--progress: a progress line with count and rate" grep -qE 'smkilint: 3000 certificates, 1 inputs, [0-9]+/s' "$T/err"
check "--progress: with ETA when the size is known" grep -qE '100%  ETA 0:00' "$T/err"

# colour: on a terminal only, never with NO_COLOR
if command -v script >/dev/null; then
	NO_COLOR= script -qec "'$SMK' lint '$NONDER'" /dev/null >"$T/tty" 2>&1
	check "text on a terminal: coloured" grep -q $'\033\\[1;31m' "$T/tty"
	NO_COLOR=1 script -qec "'$SMK' lint '$NONDER'" /dev/null >"$T/tty" 2>&1
	check "text on a terminal with NO_COLOR: no colour" test "$(LC_ALL=C tr -d -c '\033' <"$T/tty" | wc -c)" -eq 0
	NO_COLOR= script -qec "'$SMK' lint --progress --format jsonl '$T/big.pem' >/dev/null" /dev/null >"$T/tty" 2>&1
	check "progress on a terminal ends on its own line" grep -q 'certificates' "$T/tty"
else
	skip "text on a terminal: coloured" "script (bsdutils) not installed"
fi
NO_COLOR= "$SMK" lint "$NONDER" >"$T/out" 2>&1
check "text into a pipe: no colour" test "$(LC_ALL=C tr -d -c '\033' <"$T/out" | wc -c)" -eq 0

# memory does not grow with the number of certificates
if [ "$SANITIZED" = yes ]; then
	skip "peak memory flat from 2,000 to 12,000 certificates" "sanitizer build"
else
	"$GEN" 2000 "$EX"/*.pem >"$T/m1.pem"
	"$GEN" 12000 "$EX"/*.pem >"$T/m2.pem"
	"$RSS" "$SMK" lint -j 2 --format jsonl "$T/m1.pem" >/dev/null 2>"$T/rss1"
	"$RSS" "$SMK" lint -j 2 --format jsonl "$T/m2.pem" >/dev/null 2>"$T/rss2"
	k1=$(sed -n 's/^maxrss_kib //p' "$T/rss1")
	k2=$(sed -n 's/^maxrss_kib //p' "$T/rss2")
	echo "# peak RSS: 2,000 certificates $k1 KiB, 12,000 certificates $k2 KiB"
	check "peak memory flat from 2,000 to 12,000 certificates ($k1 -> $k2 KiB)" test "$k2" -le $((k1 + 4096))
fi

echo "1..$n"
if [ "$failures" -ne 0 ]; then
	echo "# $failures of $n checks failed"
	exit 1
fi
exit 0
