#!/usr/bin/env bash
# Instructions per certificate, counted by valgrind's callgrind: unlike a
# time, the count does not depend on what else the machine is doing, so a
# regression shows even on a busy machine.
#
# usage: bench/callgrind.sh BUILD_DIR CERTS.pem [ISSUERS.pem] [-- MODE...]
#        (default modes: floor model lint; lint-issuer needs ISSUERS.pem)
#
# Each mode runs once (--runs 1 --no-warmup) under callgrind, which counts
# only inside the harness's run_<mode> function (--toggle-collect), i.e.
# exactly the measured loop over every certificate. With KEEP=DIR the
# callgrind.out files stay in DIR for callgrind_annotate.
set -eu
BUILD=$(cd "$1" && pwd)
CERTS=$2
shift 2
ISSUERS=
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
	ISSUERS=$1
	shift
fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift
MODES=${*:-floor model lint}
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 2; }
N=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$CERTS")
T=${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/smkilint-cg.XXXXXX")}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
mkdir -p "$T"
printf '%-14s %15s %12s\n' mode instructions per_cert
for m in $MODES; do
	fn=run_$(echo "$m" | tr - _)
	valgrind --tool=callgrind --callgrind-out-file="$T/callgrind.out.$m" "--toggle-collect=$fn*" \
		"$BUILD/bench/smkilint-bench" --only "$m" --runs 1 --no-warmup "$CERTS" $ISSUERS >/dev/null 2>"$T/valgrind.$m.log"
	ir=$(sed -n 's/^totals: *//p' "$T/callgrind.out.$m" | awk '{print $1}')
	printf '%-14s %15s %12s\n' "$m" "$ir" "$((ir / N))"
done
echo "($N certificates from $CERTS)"
