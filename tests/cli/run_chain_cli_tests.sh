#!/usr/bin/env bash
# The program's side of issue 5: issuer checks (--issuer, the notes about the
# issuer certificates themselves on standard error), the summary's noun for
# certification requests and TBS inputs, and the `profiles` table. Output is
# TAP (meson test protocol 'tap'); each check is one "ok"/"not ok" line.
#
# usage: run_chain_cli_tests.sh SMKILINT JSONCHECK SOURCE_ROOT SHARED_CORPUS
#
# Needs only bash and coreutils. The 42 Z1 organisation certificates are
# read from SHARED_CORPUS (../shared/corpus/smki-public beside the tree);
# those checks are skipped when it is absent, the same checks on the copies
# in tests/data/smki always run.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

if [ $# -ne 4 ]; then
	echo "usage: $0 SMKILINT JSONCHECK SOURCE_ROOT SHARED_CORPUS" >&2
	exit 2
fi
SMK=$1
JC=$2
SRC=$3
CORPUS=$4
DATA=$SRC/tests/data/smki
OCA_NAME=ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem
BAD_NAME=ca-oca-z1-issuingAuthority-issued-by-za-71872bdb-corrupted-signature.pem
EX=$SRC/examples/certs

T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-chain-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export NO_COLOR=1

# valid_jsonl FILE: the JSON Lines contract (tests/cli/jsoncheck.c)
valid_jsonl() {
	"$JC" jsonl "$1" >/dev/null 2>&1
}

# count FIXED-STRING FILE: how many lines hold it.
count() {
	grep -cF -- "$1" "$2" || true
}

# ------------------------------------------------------------ --issuer, the Z1 OCA

# z1 LABEL DIR FILES...: the acceptance runs over Z1 organisation certificates
z1() {
	local label=$1 dir=$2
	shift 2
	local total=$#

	# the genuine OCA: every signature verifies, no chain finding at all
	run lint --format jsonl --issuer "$dir/$OCA_NAME" "$@"
	expect_rc "$label: --issuer the Z1 OCA: exit 0" 0
	check "$label: --issuer the Z1 OCA: $total results" test "$(wc -l <"$T/out")" -eq "$total"
	check "$label: --issuer the Z1 OCA: valid JSON Lines" valid_jsonl "$T/out"
	check "$label: --issuer the Z1 OCA: no chain finding" test "$(count '"lint":"smki.chain.' "$T/out")" -eq 0
	check "$label: --issuer the Z1 OCA: the OCA's own signature cannot be checked (stderr, once)" \
		test "$(count "issuer $dir/$OCA_NAME #0: notice smki.chain.signature_not_checked" "$T/err")" -eq 1
	cp "$T/out" "$T/genuine.jsonl"

	# the damaged copy alone: its key is the same, so the same verdicts; the
	# damage shows only against the ZA root, which is not public
	run lint --format jsonl --issuer "$dir/$BAD_NAME" "$@"
	expect_rc "$label: --issuer the damaged copy: exit 0" 0
	check "$label: --issuer the damaged copy: the same results as the genuine OCA" cmp -s "$T/out" "$T/genuine.jsonl"
	check "$label: --issuer the damaged copy: it cannot be anchored (stderr)" \
		test "$(count "issuer $dir/$BAD_NAME #0: notice smki.chain.signature_not_checked" "$T/err")" -eq 1

	# both copies: they conflict, on each certificate and on each copy
	run lint --format jsonl --fail-on warning --issuer "$dir/$OCA_NAME" --issuer "$dir/$BAD_NAME" "$@"
	expect_rc "$label: both copies: exit 1 with --fail-on warning" 1
	check "$label: both copies: each certificate has the conflict warning" \
		test "$(count '"lint":"smki.chain.conflicting_copies","severity":"warning"' "$T/out")" -eq "$total"
	check "$label: both copies: and no other chain finding" \
		test "$(grep -o '"lint":"smki.chain.[a-z_]*"' "$T/out" | sort -u | wc -l)" -eq 1
	check "$label: both copies: each copy is reported on stderr" \
		test "$(count ': warning smki.chain.conflicting_copies: a copy of this certificate' "$T/err")" -eq 2
}

mapfile -t local_z1 < <(ls "$DATA"/org-z1-*.pem)
z1 "tests/data/smki (${#local_z1[@]} certificates)" "$DATA" "${local_z1[@]}"

if [ -d "$CORPUS/smki-public" ]; then
	mapfile -t corpus_z1 < <(ls "$CORPUS"/smki-public/org-z1-*.pem)
	check "corpus: 42 Z1 organisation certificates" test "${#corpus_z1[@]}" -eq 42
	z1 "corpus (42 certificates)" "$CORPUS/smki-public" "${corpus_z1[@]}"
	run lint --issuer "$CORPUS/smki-public/$OCA_NAME" "${corpus_z1[@]}"
	check "corpus: text summary" grep -qE '^42 certificates in 42 inputs: .*error 0, warning 0, notice 0,' "$T/out"
else
	skip "corpus: the 42 Z1 organisation certificates" "$CORPUS/smki-public not found"
fi

# --min-severity and --ignore apply to the notes about the issuers too
run lint --min-severity warning --issuer "$DATA/$OCA_NAME" "${local_z1[0]}"
check "issuer notes: --min-severity warning hides the notice" test ! -s "$T/err"
run lint --ignore 'smki.chain.signature_not_checked' --issuer "$DATA/$OCA_NAME" "${local_z1[0]}"
check "issuer notes: --ignore hides it" test ! -s "$T/err"

# ------------------------------------------------------------ what the summary counts

run lint "$SRC/tests/data/csr/device-ds.pem"
check "summary: one certification request" grep -qE '^1 certification request in 1 input: ' "$T/out"
run lint "$SRC/tests/data/csr/device-ds.pem" "$SRC/tests/data/csr/org-supplier-ds.pem"
check "summary: two certification requests" grep -qE '^2 certification requests in 2 inputs: ' "$T/out"
run lint "$SRC/tests/data/csr/device-ds.pem" "$EX/$OCA_NAME"
check "summary: a request and a certificate are two items" \
	grep -qE '^2 items \(1 certificate, 1 certification request\) in 2 inputs: ' "$T/out"

# a TBS CERTIFICATE block cut out of a sample certificate (coreutils only):
# the DER starts 30 82 LL LL, the TBS 30 82 ll ll at offset 4
sed -n '/BEGIN CERTIFICATE/,/END CERTIFICATE/p' "$EX/$OCA_NAME" | sed '1d;$d' | base64 -d >"$T/oca.der"
read -r hi lo < <(od -An -tu1 -j6 -N2 "$T/oca.der")
tail -c +5 "$T/oca.der" | head -c $((4 + hi * 256 + lo)) >"$T/oca.tbs.der"
{ echo '-----BEGIN TBS CERTIFICATE-----'; base64 "$T/oca.tbs.der"; echo '-----END TBS CERTIFICATE-----'; } >"$T/oca.tbs.pem"
run lint "$T/oca.tbs.pem"
check "summary: one TBS certificate" grep -qE '^1 TBS certificate in 1 input: ' "$T/out"
run lint --verbose "$T/oca.tbs.pem"
check "TBS: the text names the lints skipped for want of a signature" \
	grep -qE '^  skipped, no signature yet \([0-9]+\):.* smki\.chain\.signature_valid' "$T/out"
check "TBS: request-only lints are not among them" test "$(count 'csr.signature' "$T/out")" -eq 0
run lint --verbose "$T/oca.tbs.der"
check "TBS: a DER TBSCertificate is told apart from a certificate" grep -qE '^1 TBS certificate in 1 input: ' "$T/out"
check "TBS: DER, the skipped lints" grep -qE '^  skipped, no signature yet' "$T/out"
check "TBS: the TBS of the sample OCA has no error" grep -qE 'fatal 0, error 0' "$T/out"
run lint "$EX/$OCA_NAME"
check "summary: one certificate" grep -qE '^1 certificate in 1 input: ' "$T/out"

# ------------------------------------------------------------ profiles

run profiles
expect_rc "profiles: exit 0" 0
col=$(head -n 1 "$T/out" | awk '{ print index($0, "DESCRIPTION") }')
kcol=$(head -n 1 "$T/out" | awk '{ print index($0, "KIND") }')
misaligned=$(awk -v c="$col" -v k="$kcol" 'NR > 1 && (substr($0, c - 1, 1) != " " || substr($0, c, 1) == " " ||
	substr($0, k - 1, 1) != " " || substr($0, k, 1) == " ") { print NR": "$0 }' "$T/out")
check "profiles: KIND and DESCRIPTION line up on every line" test -z "$misaligned"
[ -n "$misaligned" ] && echo "$misaligned" | sed 's/^/# /'
check "profiles: the CSR profiles are listed with their kinds" \
	grep -qE '^smki-csr-device +csr-device +SMKI Device certification request' "$T/out"
check "profiles: smki-csr-organisation" grep -qE '^smki-csr-organisation +csr-organisation +SMKI Organisation' "$T/out"

echo "1..$n"
if [ "$failures" -ne 0 ]; then
	echo "# $failures of $n checks failed"
	exit 1
fi
exit 0
