#!/usr/bin/env bash
# Peak memory and time of `smkilint lint --format jsonl` over PEM bundles of
# growing size, at -j 1 and -j 2, and whether -j 2 writes exactly what -j 1
# writes. The numbers in docs/performance.md come from this script.
#
# usage: tests/cli/measure_rss.sh BUILD_DIR [COUNT...]     (default counts: 10000 100000)
#
# Needs /usr/bin/time (Debian package "time"). Bundles are made by the
# gen-bundle test helper from examples/certs, in $TMPDIR.
set -eu
BUILD=$(cd "$1" && pwd)
shift
COUNTS=${*:-10000 100000}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
SMK=$BUILD/cli/smkilint
GEN=$BUILD/tests/gen-bundle
T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-rss.XXXXXX")
trap 'rm -rf "$T"' EXIT
printf '%-9s %-4s %10s %9s %8s %8s %s\n' certs jobs bundle_MiB wall_s user_s cpu peak_RSS_KiB
for n in $COUNTS; do
	"$GEN" "$n" "$SRC"/examples/certs/*.pem >"$T/b.pem"
	mib=$(( $(stat -c %s "$T/b.pem") / 1048576 ))
	for j in 1 2; do
		/usr/bin/time -v "$SMK" lint -j $j --format jsonl "$T/b.pem" >"$T/out.$j" 2>"$T/time.$j" || true
		rss=$(sed -n 's/^\tMaximum resident set size (kbytes): //p' "$T/time.$j")
		wall=$(sed -n 's/^\tElapsed (wall clock) time (h:mm:ss or m:ss): //p' "$T/time.$j")
		user=$(sed -n 's/^\tUser time (seconds): //p' "$T/time.$j")
		cpu=$(sed -n 's/^\tPercent of CPU this job got: //p' "$T/time.$j")
		printf '%-9s %-4s %10s %9s %8s %8s %s\n' "$n" "$j" "$mib" "$wall" "$user" "$cpu" "$rss"
	done
	lines=$(wc -l <"$T/out.1")
	if cmp -s "$T/out.1" "$T/out.2"; then
		echo "  $n: -j 2 output identical to -j 1 ($lines lines, sha256 $(sha256sum <"$T/out.1" | cut -c1-16))"
	else
		echo "  $n: -j 2 output DIFFERS from -j 1"
	fi
done
