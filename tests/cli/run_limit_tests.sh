#!/usr/bin/env bash
# The program's limits (README.md, "Limits"), each at its boundary: reached
# exactly it is accepted, exceeded by one it is refused with the documented
# message while the other inputs are still linted. Output is TAP.
#
# usage: run_limit_tests.sh SMKILINT SOURCE_ROOT
#
# Writes a few files of 64 MiB in a temporary directory (sparse where it can).
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 SMKILINT SOURCE_ROOT" >&2
	exit 2
fi
SMK=$1
SRC=$2
EX=$SRC/examples/certs
OCA=$EX/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem
ORG=$EX/org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252.pem
MIB64=$((64 * 1024 * 1024))

T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-limits.XXXXXX")
trap 'rm -rf "$T"' EXIT
export NO_COLOR=1

n=0
failures=0

check() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		failures=$((failures + 1))
		echo "not ok $n - $name"
		echo "# failed: $*"
		echo "# exit status $rc; stderr:"
		head -n 10 "$T/err" | sed 's/^/#   /'
	fi
}

# run ARGS...: stdout in $T/out, stderr in $T/err, status in $rc
run() {
	"$SMK" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	if grep -qE 'runtime error:|AddressSanitizer|LeakSanitizer' "$T/err"; then
		rc=99
	fi
}

# pad FILE SIZE: append comment lines (after the PEM block) up to SIZE octets
pad() {
	local f=$1 size=$2 have
	have=$(stat -c %s "$f")
	{ yes '# padding after the certificate, which the PEM reader skips' | head -c $((size - have - 1)); echo; } >>"$f"
	[ "$(stat -c %s "$f")" -eq "$size" ]
}

# --- whole files read at once (read_all: compare, derive-profile, --issuer):
# at most 64 MiB. An input of exactly 64 MiB was refused before (the
# buffer was full, so the reader gave up without looking for one more octet).
cp "$ORG" "$T/exact.pem"
check "read_all: a PEM file of exactly 64 MiB is made" pad "$T/exact.pem" $MIB64
run derive-profile "$T/exact.pem"
check "derive-profile: a file of exactly 64 MiB is read (exit 0)" test "$rc" -eq 0
check "derive-profile: a file of exactly 64 MiB gives a profile" grep -q '^profile: ' "$T/out"
cp "$T/exact.pem" "$T/over.pem"
printf '#' >>"$T/over.pem"
run derive-profile "$T/over.pem"
check "derive-profile: 64 MiB + 1 octet is refused (exit 2)" test "$rc" -eq 2
check "derive-profile: 64 MiB + 1 octet: 'File too large'" grep -qF "over.pem: File too large" "$T/err"
run lint --format jsonl --issuer "$T/exact.pem" "$ORG"
check "--issuer: a file of exactly 64 MiB is read" test "$rc" -eq 0 -o "$rc" -eq 1
run lint --format jsonl --issuer "$T/over.pem" "$ORG"
check "--issuer: 64 MiB + 1 octet is refused (exit 2)" test "$rc" -eq 2
check "--issuer: 64 MiB + 1 octet: 'File too large'" grep -qF "File too large" "$T/err"
rm -f "$T/exact.pem" "$T/over.pem"

# --- a DER input streamed: at most 64 MiB (SMKILINT_STREAM_MAX_ITEM)
{ printf '\x30\x84\x03\xff\xff\xfa'; head -c $((MIB64 - 6)) /dev/zero; } >"$T/exact.der"
run lint --format jsonl "$T/exact.der" "$OCA"
check "DER input of exactly 64 MiB: linted (a fatal finding, exit 1)" test "$rc" -eq 1
check "DER input of exactly 64 MiB: no 'larger than 64 MiB'" test ! -s "$T/err"
check "DER input of exactly 64 MiB: its report is there" grep -qF '"input":"'"$T/exact.der"'"' "$T/out"
{ printf '\x30\x84\x03\xff\xff\xfb'; head -c $((MIB64 - 5)) /dev/zero; } >"$T/over.der"
run lint --format jsonl "$T/over.der" "$OCA"
check "DER input of 64 MiB + 1: exit 2" test "$rc" -eq 2
check "DER input of 64 MiB + 1: 'larger than 64 MiB'" grep -qF "over.der: larger than 64 MiB" "$T/err"
check "DER input of 64 MiB + 1: the next input is still linted" grep -qF '"input":"'"$OCA"'"' "$T/out"
rm -f "$T/exact.der" "$T/over.der"

# --- directories: at most 64 levels below an input directory
d=$T/tree
for i in $(seq 1 64); do d=$d/d; done
mkdir -p "$d/d"
cp "$ORG" "$d/at-64.pem"
cp "$ORG" "$d/d/at-65.pem"
run lint --format jsonl "$T/tree"
check "directory nesting: exit 2 (a level too deep)" test "$rc" -eq 2
check "directory nesting: the 64th level is linted" grep -qF 'at-64.pem' "$T/out"
check "directory nesting: the 65th is not" test "$(grep -c 'at-65.pem' "$T/out")" -eq 0
check "directory nesting: 'directories nested too deeply'" grep -qF "directories nested too deeply" "$T/err"

# --- option counts
args=()
for i in $(seq 1 64); do args+=(--issuer "$OCA"); done
run lint --format jsonl "${args[@]}" "$ORG"
check "64 --issuer options are taken" test "$rc" -eq 0 -o "$rc" -eq 1
run lint --format jsonl "${args[@]}" --issuer "$OCA" "$ORG"
check "65 --issuer options: exit 2" test "$rc" -eq 2
check "65 --issuer options: 'at most 64'" grep -qF "at most 64 --issuer/--issuer-dir options" "$T/err"
args=()
for i in $(seq 1 33); do mkdir -p "$T/profiles-$i"; done
for i in $(seq 1 32); do args+=(--profile-dir "$T/profiles-$i"); done   # empty: adds no profile
run lint --format jsonl "${args[@]}" "$ORG"
check "32 --profile-dir options are taken" test "$rc" -eq 0 -o "$rc" -eq 1
run lint --format jsonl "${args[@]}" --profile-dir "$T/profiles-33" "$ORG"
check "33 --profile-dir options: exit 2" test "$rc" -eq 2
check "33 --profile-dir options: 'at most 32'" grep -qF "at most 32 --profile-dir options" "$T/err"
run lint --format jsonl -j 256 "$ORG"
check "-j 256 is taken" test "$rc" -eq 0 -o "$rc" -eq 1
run lint --format jsonl -j 257 "$ORG"
check "-j 257: exit 2" test "$rc" -eq 2
check "-j 257: says the range" grep -qF "from 1 to 256" "$T/err"

echo "1..$n"
if [ "$failures" -ne 0 ]; then
	echo "# $failures of $n checks failed"
	exit 1
fi
