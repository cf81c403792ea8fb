#!/usr/bin/env bash
# End-to-end figures for the CLI: `smkilint lint --format jsonl` over PEM
# bundles, at -j 1 and -j 2: wall time, CPU time, peak RSS (all from
# /usr/bin/time -v, the method of docs/performance.md), and whether -j 2
# writes exactly what -j 1 writes.
#
# usage: bench/cli.sh BUILD_DIR BUNDLE.pem... [-- LINT OPTION...]
#        e.g. bench/cli.sh build /tmp/b/certs.pem -- --issuer /tmp/b/ca.pem
#
# Needs /usr/bin/time (Debian package "time"). Outputs go to $TMPDIR and are
# removed. Wall time depends on what else the machine runs: read it next to
# the CPU percentage, and repeat on a quiet machine.
set -eu
BUILD=$(cd "$1" && pwd)
shift
BUNDLES=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	BUNDLES+=("$1")
	shift
done
[ $# -gt 0 ] && shift
SMK=$BUILD/cli/smkilint
[ -x /usr/bin/time ] || { echo "cli.sh: /usr/bin/time is not installed (apt-get install time)" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
field() { sed -n "s/^\t$1: //p" "$2"; }
secs() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
printf '%-10s %-3s %9s %8s %7s %6s %10s %12s %12s\n' certs j wall_s user_s sys_s cpu peak_KiB certs/s_wall certs/cpu_s
for b in "${BUNDLES[@]}"; do
	n=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$b")
	for j in 1 2; do
		/usr/bin/time -v "$SMK" lint -j $j --format jsonl "$@" "$b" >"$T/out.$j" 2>"$T/time.$j" || true
		wall=$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$T/time.$j" | secs)
		user=$(field 'User time (seconds)' "$T/time.$j")
		sys=$(field 'System time (seconds)' "$T/time.$j")
		cpu=$(field 'Percent of CPU this job got' "$T/time.$j")
		rss=$(field 'Maximum resident set size (kbytes)' "$T/time.$j")
		awk -v n="$n" -v j="$j" -v w="$wall" -v u="$user" -v s="$sys" -v c="$cpu" -v r="$rss" 'BEGIN {
			printf "%-10d %-3d %9.2f %8.2f %7.2f %6s %10d %12.0f %12.0f\n", n, j, w, u, s, c, r, n / w, n / (u + s) }'
	done
	if cmp -s "$T/out.1" "$T/out.2"; then
		echo "  $n: -j 2 wrote exactly what -j 1 wrote ($(wc -l <"$T/out.1") lines)"
	else
		echo "  $n: -j 2 output DIFFERS from -j 1"
	fi
done
