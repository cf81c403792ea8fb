#!/usr/bin/env bash
# The smkilint program's contract, as README.md documents it: exit codes,
# the three output formats, and what inputs are accepted. Output is TAP
# (meson test protocol 'tap'); each check is one "ok"/"not ok" line.
#
# usage: run_cli_tests.sh SMKILINT JSONCHECK SOURCE_ROOT
#
# Needs only bash and coreutils (no python3, jq or openssl: a minimal Debian
# has none of them). JSON is checked by JSONCHECK (tests/cli/jsoncheck.c).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

if [ $# -ne 3 ]; then
	echo "usage: $0 SMKILINT JSONCHECK SOURCE_ROOT" >&2
	exit 2
fi
SMK=$1
JC=$2
SRC=$3
EX=$SRC/examples/certs
OCA=$EX/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem
ORG=$EX/org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252.pem
DEV=$EX/device-rtds-e357-00db123456789001-ds.pem
NONDER=$EX/device-rtds-e357-00db12345678909b-ds-nonder-signature.pem  # PROFILES.md D2: an error
NULLPAR=$EX/org-z99-other-90b3d51f30010009-ds-20231220-173cfbf0.pem   # D1: errors
BASICC=$EX/org-ob-other-00db123456780004-ds-20150415-43f410fe.pem     # D9: warnings, no error

T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export NO_COLOR=1

# todo_check NAME WHY COMMAND...: a check of a known, open bug (TAP TODO):
# meson counts its failure as an expected failure, and its success as an
# unexpected pass, which fails the suite so that the marker gets removed.
todo_check() {
	local name=$1 why=$2
	shift 2
	n=$((n + 1))
	if "$@"; then echo "ok $n - $name # TODO $why"; else echo "not ok $n - $name # TODO $why"; fi
}

# run_stdin FILE ARGS...: run (tap.sh) with FILE on standard input.
run_stdin() {
	local in=$1
	shift
	"$SMK" "$@" >"$T/out" 2>"$T/err" <"$in"
	rc=$?
	no_sanitizer_output "$*"
}

# tsv FORMAT WHAT: check the last run's stdout against the JSON contract and
# turn it into $T/tsv (see jsoncheck.c). When the contract breaks, that is a
# failed check named after WHAT, and tsv returns non-zero.
tsv() {
	if "$JC" "$1" "$T/out" >"$T/tsv" 2>"$T/jcerr"; then
		return 0
	fi
	not_ok "$1 contract: $2" "$(head -n 10 "$T/jcerr")"
	return 1
}

# contract_holds FORMAT FILE: quietly, does FILE keep the JSON contract?
contract_holds() {
	"$JC" "$1" "$2" >/dev/null 2>&1
}

# reports: "input<TAB>index" of every report in $T/tsv, in output order.
reports() {
	awk -F'\t' '$1 == "R" { print $2 "\t" $3 }' "$T/tsv"
}

# lints_of INPUT: the lint ids reported for INPUT (any index), one a line.
lints_of() {
	awk -F'\t' -v inp="$1" '$1 == "F" && $2 == inp { print $5 }' "$T/tsv"
}

# max_sev_of INPUT INDEX: the highest severity in that report, or -.
max_sev_of() {
	awk -F'\t' -v inp="$1" -v ix="$2" '$1 == "R" && $2 == inp && $3 == ix { print $6 }' "$T/tsv"
}

same_lines() {
	if [ "$1" = "$2" ]; then
		return 0
	fi
	echo "# expected:"
	printf '%s\n' "$1" | sed 's/^/#   /'
	echo "# got:"
	printf '%s\n' "$2" | sed 's/^/#   /'
	return 1
}

# der FILE.pem OUT: the DER inside a one-certificate PEM file (coreutils base64).
der() {
	sed -e '/^-----/d' "$1" | base64 -d >"$2"
}

echo "# smkilint: $SMK"
for f in "$OCA" "$ORG" "$DEV" "$NONDER" "$NULLPAR" "$BASICC"; do
	if [ ! -f "$f" ]; then
		echo "Bail out! missing example certificate $f"
		exit 1
	fi
done

# ------------------------------------------------------------ commands
run version
expect_rc "version: exit 0" 0
check "version: prints 'smkilint X.Y.Z'" grep -qE '^smkilint [0-9]+\.[0-9]+\.[0-9]+$' "$T/out"
version=$(sed -n 's/^smkilint //p' "$T/out")

run lints
expect_rc "lints: exit 0" 0
check "lints: lists der.integer_not_minimal" grep -q '^der\.integer_not_minimal ' "$T/out"

run lints --format json
expect_rc "lints --format json: exit 0" 0
if "$JC" lints "$T/out" >"$T/tsv" 2>"$T/jcerr"; then
	ok "lints --format json: one array of objects with id, severity, citation, description"
else
	not_ok "lints --format json: one array of objects with id, severity, citation, description" \
		"$(head -n 5 "$T/jcerr")"
fi
dups=$(cut -f2 "$T/tsv" | sort | uniq -d)
check "lints --format json: ids are unique" test -z "$dups"
check "lints --format json: has input.not_certificate (fatal)" grep -q $'^L\tinput\\.not_certificate\tfatal$' "$T/tsv"

# ------------------------------------------------------------ exit codes
for f in "$OCA" "$ORG" "$DEV" "$BASICC"; do
	run lint "$f"
	expect_rc "exit 0: no error in $(basename "$f")" 0
done

run lint --issuer "$OCA" --format jsonl "$ORG"
expect_rc "exit 0: Z1 organisation certificate checked against the Z1 OCA" 0
if tsv jsonl "--issuer run"; then
	check "no finding at all on the Z1 organisation certificate with --issuer" \
		test "$(awk -F'\t' '$1 == "R" { print $5 }' "$T/tsv")" = 0
fi

run lint "$NONDER"
expect_rc "exit 1: non-DER ECDSA signature (D2) is an error" 1
check "text output names der.integer_not_minimal" grep -q 'der\.integer_not_minimal' "$T/out"
check "text output gives the ASN.1 path and offset" \
	grep -qF 'at signatureValue.ecdsaSigValue.s (offset ' "$T/out"

run lint --fail-on fatal "$NONDER"
expect_rc "exit 0: --fail-on fatal on a certificate with only errors" 0
run lint --fail-on error "$NONDER"
expect_rc "exit 1: --fail-on error" 1
run lint --fail-on warning "$NONDER"
expect_rc "exit 1: --fail-on warning (an error is above warning)" 1

run lint "$BASICC"
expect_rc "exit 0: warnings only, default --fail-on error" 0
run lint --fail-on warning "$BASICC"
expect_rc "exit 1: warnings only, --fail-on warning" 1
run lint --fail-on info "$OCA"
expect_rc "exit 1: --fail-on info on a certificate with a notice" 1

run lint "$OCA" "$NONDER" "$ORG"
expect_rc "exit 1: one input with an error among clean ones" 1

run lint "$NULLPAR"
expect_rc "exit 1: explicit NULL ECDSA parameters (D1)" 1

# usage errors: exit 2, nothing on stdout
usage_case() {
	local name=$1
	shift
	run "$@"
	expect_rc "exit 2: $name" 2
	check "nothing on stdout: $name" test ! -s "$T/out"
	check "a message on stderr: $name" test -s "$T/err"
}
usage_case "no arguments"
usage_case "unknown command" frobnicate
usage_case "lint without inputs" lint
usage_case "lint --format json without inputs" lint --format json
usage_case "unknown option" lint --no-such-option "$OCA"
usage_case "unknown format" lint --format xml "$OCA"
usage_case "missing --format value" lint --format
usage_case "unknown severity" lint --fail-on critical "$OCA"
usage_case "lints --format jsonl (lints has text and json only)" lints --format jsonl
usage_case "unknown profile" lint --profile no-such-profile "$OCA"

# an input that cannot be read: exit 2, and the others are still linted
run lint --format jsonl "$OCA" "$T/does-not-exist.pem" "$NONDER"
expect_rc "exit 2: a missing input" 2
check "stderr names the missing input" grep -qF "$T/does-not-exist.pem" "$T/err"
if tsv jsonl "a missing input"; then
	check "inputs before and after the missing one are still linted" \
		same_lines "$(printf '%s\t0\n%s\t0' "$OCA" "$NONDER")" "$(reports)"
fi

run lint --format json "$T/does-not-exist.pem" "$NONDER"
expect_rc "exit 2 wins over exit 1 (missing input + an error)" 2
if tsv json "still one valid document when an input is missing"; then
	ok "json: still one valid document when an input is missing"
	check "json: the readable input is in the results" same_lines "$(printf '%s\t0' "$NONDER")" "$(reports)"
fi

run lint --format json "$T/does-not-exist.pem"
expect_rc "exit 2: the only input is missing" 2
if tsv json "empty results when nothing could be read"; then
	check "json: empty results when nothing could be read" test "$(grep -c '^R' "$T/tsv")" -eq 0
fi

run lint "$T/does-not-exist.pem" "$OCA"
check "text summary counts the unreadable input" grep -q '1 input could not be read' "$T/out"

# ------------------------------------------------------------ formats
run lint --format jsonl "$EX"
expect_rc "jsonl over examples/certs: exit 1 (two examples carry errors)" 1
if tsv jsonl "examples/certs"; then
	ok "jsonl: every line is one object with exactly input, index, profile, findings"
fi
cp "$T/tsv" "$T/tsv.jsonl"
check "jsonl: nothing on stderr" test ! -s "$T/err"
check "jsonl: one line per certificate" test "$(wc -l <"$T/out")" -eq 6
check "jsonl: every example has a profile chosen" test "$(awk -F'\t' '$1 == "R" && $4 != "-"' "$T/tsv" | wc -l)" -eq 6
check "jsonl: D2 has der.integer_not_minimal" grep -qx 'der.integer_not_minimal' <(lints_of "$NONDER")
check "jsonl: D2 highest severity is error" test "$(max_sev_of "$NONDER" 0)" = error
check "jsonl: D9 highest severity is warning" test "$(max_sev_of "$BASICC" 0)" = warning
check "jsonl: D1 has an error at signatureAlgorithm.parameters" \
	grep -qE $'^F\t[^\t]*org-z99[^\t]*\t0\terror\t[^\t]*\tsignatureAlgorithm\\.parameters\t' "$T/tsv"
check "jsonl: offsets are given for D2's finding" \
	grep -qE $'^F\t[^\t]*nonder[^\t]*\t0\terror\tder\\.integer_not_minimal\t[^\t]+\t[0-9]+\t[0-9]+$' "$T/tsv"

run lint --format json "$EX"
expect_rc "json over examples/certs: exit 1" 1
if tsv json "examples/certs"; then
	ok "json: one document {smkilint_version, results}"
fi
check "json: smkilint_version is the program's version" grep -qx $'V\t'"$version" "$T/tsv"
check "json and jsonl carry the same reports and findings" \
	same_lines "$(grep -v '^V' "$T/tsv")" "$(cat "$T/tsv.jsonl")"

run lint --format text "$EX"
expect_rc "text over examples/certs: exit 1" 1
check "text: summary line" grep -qE '^6 certificates in 6 inputs: [0-9]+ with findings \(fatal 0, error [1-9]' "$T/out"

run lint --verbose --issuer "$OCA" "$ORG"
check "text --verbose: lists certificates without findings" grep -qF "$ORG #0: no findings" "$T/out"
run lint --issuer "$OCA" "$ORG"
check "text without --verbose: certificates without findings are not listed" \
	test "$(grep -c 'no findings' "$T/out")" -eq 0

run lint --profile none --format jsonl "$EX"
if tsv jsonl "--profile none"; then
	check "--profile none: profile is null in every report" \
		test "$(awk -F'\t' '$1 == "R" && $4 == "-"' "$T/tsv" | wc -l)" -eq 6
fi

# ------------------------------------------------------------ inputs
printf 'this is not a certificate\n' >"$T/text.txt"
for i in 1 2 3 4 5 6 7 8; do printf '\377\376\001\000\200garbage\004\202\377\377'; done >"$T/garbage.bin"
: >"$T/empty"
printf -- '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n' >"$T/key.pem"
printf -- '-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n' >"$T/badb64.pem"
sed '$d' "$ORG" >"$T/unterminated.pem"
der "$ORG" "$T/org.der"
head -c 200 "$T/org.der" >"$T/truncated.der"
{ cat "$T/org.der"; printf 'JUNK'; } >"$T/trailing.der"
printf '\x30\x03\x02\x01\x01' >"$T/tiny.der"

run lint --format jsonl "$T/text.txt" "$T/garbage.bin" "$T/empty" "$T/key.pem" "$T/badb64.pem" \
	"$T/unterminated.pem" "$T/truncated.der" "$T/tiny.der" "$OCA"
expect_rc "garbage inputs: exit 1 (fatal findings), not 2" 1
check "garbage inputs: nothing on stderr" test ! -s "$T/err"
if tsv jsonl "garbage inputs"; then
	ok "garbage inputs: jsonl contract holds"
	check "garbage inputs: every input reported, in order, and the run went on" same_lines \
		"$(printf '%s\t0\n' "$T/text.txt" "$T/garbage.bin" "$T/empty" "$T/key.pem" "$T/badb64.pem" \
			"$T/unterminated.pem" "$T/truncated.der" "$T/tiny.der" "$OCA")" "$(reports)"
	for f in text.txt garbage.bin empty key.pem badb64.pem unterminated.pem truncated.der tiny.der; do
		check "garbage inputs: $f gives a fatal finding" test "$(max_sev_of "$T/$f" 0)" = fatal
	done
	check "text input: input.not_certificate" grep -qx input.not_certificate <(lints_of "$T/text.txt")
	check "random bytes: input.not_certificate" grep -qx input.not_certificate <(lints_of "$T/garbage.bin")
	check "empty file: input.not_certificate" grep -qx input.not_certificate <(lints_of "$T/empty")
	check "PEM without a CERTIFICATE block: input.not_certificate" grep -qx input.not_certificate <(lints_of "$T/key.pem")
	check "bad base64: pem.bad_base64" grep -qx pem.bad_base64 <(lints_of "$T/badb64.pem")
	check "BEGIN without END: pem.unterminated" grep -qx pem.unterminated <(lints_of "$T/unterminated.pem")
	check "truncated DER: der.decode_failed" grep -qx der.decode_failed <(lints_of "$T/truncated.der")
	check "the certificate after the garbage is linted normally" test "$(max_sev_of "$OCA" 0)" != fatal
fi
run lint --fail-on fatal "$T/garbage.bin"
expect_rc "exit 1: --fail-on fatal and an undecodable input" 1

run lint --format jsonl "$T/org.der"
expect_rc "DER input: exit 0" 0
if tsv jsonl "DER input"; then
	check "DER input: same findings as its PEM form" same_lines "$(cut -f1,3- "$T/tsv" | sort)" \
		"$("$SMK" lint --format jsonl "$ORG" | "$JC" jsonl - | cut -f1,3- | sort)"
fi
run lint --format jsonl "$T/trailing.der"
expect_rc "DER with trailing bytes: exit 1" 1
if tsv jsonl "DER with trailing bytes"; then
	check "DER with trailing bytes: der.trailing_data" grep -qx der.trailing_data <(lints_of "$T/trailing.der")
	check "DER with trailing bytes: still one certificate, index 0" \
		same_lines "$(printf '%s\t0' "$T/trailing.der")" "$(reports)"
fi

# strings from the certificate that are not UTF-8, or hold control characters
LC_ALL=C sed 's/\x0c\x02\x30\x32/\x0c\x02\xff\xfe/' "$T/org.der" >"$T/ou-latin1.der"   # OU "02" -> ff fe
LC_ALL=C sed 's/\x0c\x02\x30\x32/\x0c\x02\x1b\x63/' "$T/org.der" >"$T/ou-escape.der"   # OU "02" -> ESC c
check "test data: the OU of the organisation certificate was patched" \
	test "$(cmp -l "$T/org.der" "$T/ou-latin1.der" | wc -l)" -eq 2
run lint --format jsonl "$T/ou-latin1.der"
expect_rc "OU that is not UTF-8: exit 1 (OU is not two hex digits)" 1
check "OU that is not UTF-8: every finding keeps all its keys in JSON (bytes as \\xNN)" \
	contract_holds jsonl "$T/out"
cp "$OCA" "$T/caf"$'\xe9'".pem"   # a Latin-1 file name
run lint --format jsonl "$T/caf"$'\xe9'".pem"
expect_rc "file name that is not UTF-8: exit 0" 0
check "file name that is not UTF-8: the report keeps its input key in JSON" \
	contract_holds jsonl "$T/out"
run lint "$T/ou-escape.der"
expect_rc "OU holding ESC c: exit 1" 1
check "text output does not pass control characters from a certificate to the terminal" \
	test "$(LC_ALL=C tr -d -c '\033' <"$T/out" | wc -c)" -eq 0

# several certificates in one PEM file, with text and another block between them
{
	echo "Bundle exported for the key ceremony, $(date -u +%F)"
	echo
	cat "$OCA"
	echo "subject: OU=02 (supplier)"
	printf -- '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n'
	cat "$ORG"
	cat "$NONDER"
	echo "trailing notes"
} >"$T/bundle.pem"
run lint --format jsonl "$T/bundle.pem"
expect_rc "PEM bundle: exit 1 (the third certificate has an error)" 1
if tsv jsonl "PEM bundle"; then
	check "PEM bundle: indices 0..2, in order, under one input name" \
		same_lines "$(printf '%s\t%d\n' "$T/bundle.pem" 0 "$T/bundle.pem" 1 "$T/bundle.pem" 2)" \
		"$(reports)"
	check "PEM bundle: the error is reported on index 2" test "$(max_sev_of "$T/bundle.pem" 2)" = error
fi
run lint "$T/bundle.pem"
check "PEM bundle, text: each certificate is named INPUT #INDEX" grep -qF "$T/bundle.pem #2:" "$T/out"

# standard input
run_stdin "$NONDER" lint --format jsonl -
expect_rc "stdin: exit 1 for D2" 1
if tsv jsonl "stdin"; then
	check "stdin: the input is named <stdin>" same_lines "$(printf '<stdin>\t0')" "$(reports)"
fi
run_stdin "$T/bundle.pem" lint --format jsonl - "$OCA"
if tsv jsonl "stdin and a file"; then
	check "stdin: a bundle on stdin, then a file" \
		same_lines "$(printf '<stdin>\t0\n<stdin>\t1\n<stdin>\t2\n%s\t0' "$OCA")" "$(reports)"
fi
run_stdin "$T/org.der" lint -
expect_rc "stdin: DER on standard input" 0

# directories: recursed, entries sorted by byte value at each level
mkdir -p "$T/dir/sub" "$T/dir/a-b" "$T/dir/empty-subdir"
cp "$OCA" "$T/dir/b.pem"
cp "$ORG" "$T/dir/a.pem"
cp "$DEV" "$T/dir/Z.pem"
cp "$NONDER" "$T/dir/sub/c.pem"
cp "$ORG" "$T/dir/a-b/x.pem"
cp "$T/org.der" "$T/dir/sub/d.der"
cp "$OCA" "$T/dir/.hidden.pem"
run lint --format jsonl "$T/dir"
expect_rc "directory: exit 1 (sub/c.pem has an error)" 1
if tsv jsonl "directory"; then
	check "directory: recursed in sorted order (byte order, per level)" same_lines \
		"$(printf '%s\t0\n' "$T/dir/.hidden.pem" "$T/dir/Z.pem" "$T/dir/a-b/x.pem" "$T/dir/a.pem" \
			"$T/dir/b.pem" "$T/dir/sub/c.pem" "$T/dir/sub/d.der")" "$(reports)"
fi
run lint --format jsonl "$T/dir/"
if tsv jsonl "directory with a trailing slash"; then
	check "directory given with a trailing slash: no doubled slash in names" \
		test "$(reports | grep -c '//')" -eq 0
fi
run lint --format jsonl "$T/dir/empty-subdir"
expect_rc "empty directory: exit 0" 0
check "empty directory: no output" test ! -s "$T/out"

# inputs are streamed: a large input that holds no certificate is read
# through (a fatal finding, exit 1); only a DER input over 64 MiB cannot be
# held (exit 2), and the rest goes on
truncate -s 65M "$T/huge.bin"
run lint --format jsonl "$T/huge.bin" "$OCA"
expect_rc "65 MiB of zeros: streamed, input.not_certificate, exit 1" 1
if tsv jsonl "65 MiB of zeros"; then
	check "65 MiB of zeros: input.not_certificate" grep -qx input.not_certificate <(lints_of "$T/huge.bin")
fi
{ printf '\x30\x84\x05\x00\x00\x00'; head -c 70000000 /dev/zero; } >"$T/huge.der"
run lint --format jsonl "$T/huge.der" "$OCA"
expect_rc "DER input over 64 MiB: exit 2" 2
check "DER input over 64 MiB: stderr says so" grep -qF 'huge.der: larger than 64 MiB' "$T/err"
if tsv jsonl "DER input over 64 MiB"; then
	check "DER input over 64 MiB: the next input is still linted" same_lines "$(printf '%s\t0' "$OCA")" "$(reports)"
fi
rm -f "$T/huge.bin" "$T/huge.der"

echo "1..$n"
if [ "$failures" -ne 0 ]; then
	echo "# $failures of $n checks failed"
	exit 1
fi
exit 0
