#!/usr/bin/env bash
# Hostile corpus: lint every file under the given directories in one smkilint
# process and check that nothing crashed and nothing was lost.
#
# usage: run_corpus.sh SMKILINT JSONCHECK DIR...
#
# Passes when: the exit status is 0 or 1 (findings, not a crash and not an
# unreadable input), stderr holds no sanitizer report, the JSON Lines output
# keeps the contract, and every regular file under DIR... is an `input` of it
# (no more, no fewer). When the first DIR does not exist (the shared corpus is
# not checked out beside the source tree) it prints SKIP and exits 77, which
# meson counts as a skipped test.
set -u

if [ $# -lt 3 ]; then
	echo "usage: $0 SMKILINT JSONCHECK DIR..." >&2
	exit 2
fi
SMK=$1
JC=$2
shift 2
if [ ! -d "$1" ]; then
	echo "SKIP: ../shared/corpus not found ($1)"
	exit 77
fi
for d in "$@"; do
	if [ ! -d "$d" ]; then
		echo "FAIL: $d is not a directory"
		exit 1
	fi
done

T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-corpus.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail=0

# The file list as smkilint sees it: it follows symbolic links (stat).
find -L "$@" -type f | LC_ALL=C sort >"$T/files"
nfiles=$(wc -l <"$T/files")
echo "corpus: $nfiles files under $*"

start=$(date +%s)
"$SMK" lint --format jsonl "$@" >"$T/out" 2>"$T/err"
rc=$?
echo "smkilint exit status $rc after $(($(date +%s) - start)) s; $(wc -l <"$T/out") reports"

case $rc in
0 | 1) ;;
2) echo "FAIL: exit status 2: an input could not be read"; fail=1 ;;
*) echo "FAIL: exit status $rc: smkilint crashed or was killed"; fail=1 ;;
esac
if grep -qE 'runtime error:|AddressSanitizer|LeakSanitizer|MemorySanitizer' "$T/err"; then
	echo "FAIL: sanitizer report on stderr:"
	head -n 60 "$T/err"
	fail=1
elif [ -s "$T/err" ]; then
	echo "stderr (first lines):"
	head -n 20 "$T/err"
fi

if ! "$JC" jsonl "$T/out" >"$T/tsv" 2>"$T/jcerr"; then
	echo "FAIL: the jsonl output breaks the contract:"
	head -n 20 "$T/jcerr"
	fail=1
fi
awk -F'\t' '$1 == "R" { print $2 }' "$T/tsv" | LC_ALL=C sort -u >"$T/inputs"
if ! cmp -s "$T/files" "$T/inputs"; then
	echo "FAIL: the inputs in the output differ from the files on disk (< on disk only, > output only):"
	diff "$T/files" "$T/inputs" | grep '^[<>]' | head -n 40
	fail=1
fi

# A short breakdown, for people reading the log.
echo "reports by highest severity:"
awk -F'\t' '$1 == "R" { n[$6]++ } END { for (s in n) printf "  %-8s %d\n", s, n[s] }' "$T/tsv" | LC_ALL=C sort
echo "most frequent lints:"
awk -F'\t' '$1 == "F" { n[$5]++ } END { for (l in n) printf "%8d %s\n", n[l], l }' "$T/tsv" |
	LC_ALL=C sort -rn | head -n 10

if [ $fail -ne 0 ]; then
	exit 1
fi
echo "PASS: $nfiles files linted in one run, none lost, no crash"
exit 0
