# TAP helpers shared by the program's test suites (tests/cli/run_*_tests.sh).
# Source it first; the suite then sets SMK (the program) and T (a scratch
# folder) before the first check. Checks count in n and failures; the
# suite ends with `echo "1..$n"` and its exit status.

n=0
failures=0
rc=0

# abs PATH: PATH made absolute (the suites cd around).
abs() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }

ok() { n=$((n + 1)); echo "ok $n - $1"; }

skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# not_ok NAME [DIAGNOSTIC...]: a failed check, with the last run's stderr.
not_ok() {
	n=$((n + 1))
	failures=$((failures + 1))
	echo "not ok $n - $1"
	shift
	local l
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done
	if [ -s "$T/err" ]; then
		echo "# stderr of the last command:"
		head -n 20 "$T/err" | sed 's/^/#   /'
	fi
}

# check NAME COMMAND...: ok when COMMAND succeeds.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

# no_sanitizer_output WHAT: any sanitizer report in $T/err is a failure.
no_sanitizer_output() {
	if grep -qE 'runtime error:|AddressSanitizer|LeakSanitizer|ThreadSanitizer|MemorySanitizer' "$T/err"; then
		not_ok "no sanitizer report: smkilint $1"
	fi
}

# run ARGS...: smkilint with stdin from /dev/null; stdout in $T/out, stderr
# in $T/err, exit status in $rc.
run() {
	"$SMK" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	no_sanitizer_output "$*"
}

# expect_rc NAME WANT: the last run exited with WANT.
expect_rc() { if [ "$rc" = "$2" ]; then ok "$1"; else not_ok "$1" "exit status $rc, expected $2"; fi; }
