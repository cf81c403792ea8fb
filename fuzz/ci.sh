#!/bin/bash
# Fuzz smoke test for CI (called from .ci/run).
#
#   fuzz/ci.sh SOURCE_DIR BUILD_DIR_BASE
#
# 1. BUILD_DIR_BASE-replay: -Dfuzzing=replay with ASan+UBSan (default
#    compiler); `meson test --suite fuzz` replays every seed and reproducer
#    (and the external GPL-3.0 seed folders when ../shared/corpus exists).
# 2. BUILD_DIR_BASE-libfuzzer, only when clang and its libFuzzer runtime are
#    installed: -Dfuzzing=libfuzzer, then each target runs -runs=20000 -seed=1
#    from its seed folder (new inputs go to a scratch folder in the build
#    directory, never into the source tree).
# Takes a few minutes on one core (about 8 on a busy 2-core machine).
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 SOURCE_DIR BUILD_DIR_BASE" >&2
	exit 2
fi
src=$(cd "$1" && pwd)
base=$2
targets=(fuzz_cert_der fuzz_pem fuzz_der_cursor fuzz_profile fuzz_waivers fuzz_csr_der fuzz_tbs_der fuzz_compare)

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}

setup() {   # setup BUILD_DIR MESON_ARGS...
	local dir=$1
	shift
	if [ -f "$dir/build.ninja" ]; then
		meson configure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$src" "$@" >/dev/null
	fi
}

echo "== fuzz: replay build (sanitizers), meson test --suite fuzz"
setup "$base-replay" -Dfuzzing=replay -Db_sanitize=address,undefined -Db_lundef=false -Dtests=disabled
ninja -C "$base-replay"
meson test -C "$base-replay" --suite fuzz --print-errorlogs

# libFuzzer needs clang and compiler-rt's fuzzer runtime (Debian: clang, libclang-rt-14-dev)
have_libfuzzer() {
	command -v clang >/dev/null 2>&1 || return 1
	local tmp
	tmp=$(mktemp -d)
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$tmp/t.c"
	clang -fsanitize=fuzzer "$tmp/t.c" -o "$tmp/t" >/dev/null 2>&1
	local rc=$?
	rm -rf "$tmp"
	return $rc
}

if ! have_libfuzzer; then
	echo "== fuzz: clang or its libFuzzer runtime is missing; libFuzzer runs skipped"
	exit 0
fi

echo "== fuzz: libFuzzer build, ${#targets[@]} targets x 20000 runs"
CC=clang setup "$base-libfuzzer" -Dfuzzing=libfuzzer -Db_sanitize=address,undefined -Db_lundef=false -Dtests=disabled
ninja -C "$base-libfuzzer"
for t in "${targets[@]}"; do
	scratch="$base-libfuzzer/ci-corpus/$t"
	artifacts="$base-libfuzzer/ci-artifacts/$t"
	rm -rf "$scratch"
	mkdir -p "$scratch" "$artifacts"
	log="$base-libfuzzer/ci-$t.log"
	echo "-- $t"
	# The targets that load YAML meet a leak of libfyaml 0.7.12 (fuzz/lsan.supp),
	# whose suppression needs full stacks, which make them 7 times slower: they
	# run without leak detection, then their whole corpus is run once more with
	# it (below).
	asan=$ASAN_OPTIONS
	yaml=no
	case $t in
	fuzz_profile | fuzz_waivers | fuzz_compare) asan=$ASAN_OPTIONS:detect_leaks=0 yaml=yes ;;
	esac
	if ! ASAN_OPTIONS=$asan "$base-libfuzzer/fuzz/$t" -runs=20000 -seed=1 -dict="$src/fuzz/$t.dict" -max_len=16384 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
		"$scratch" "$src/fuzz/$t.in" "$src/fuzz/$t.repro" >"$log" 2>&1; then
		cat "$log"
		echo "== fuzz: $t failed; the input is in $artifacts/ (see fuzz/README.md: add it to fuzz/$t.repro/)" >&2
		exit 1
	fi
	# the coverage reached and the run's size, for the CI log
	grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))|INITED' "$log" || true
	if [ $yaml = yes ] && ! ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=1:fast_unwind_on_malloc=0 \
		LSAN_OPTIONS=suppressions=$src/fuzz/lsan.supp "$base-libfuzzer/fuzz/$t" -runs=0 -max_len=16384 \
		-timeout=60 -artifact_prefix="$artifacts/" "$scratch" "$src/fuzz/$t.in" "$src/fuzz/$t.repro" \
		>"$log.leaks" 2>&1; then
		cat "$log.leaks"
		echo "== fuzz: $t: a leak in its corpus; the input is in $artifacts/" >&2
		exit 1
	fi
done
echo "== fuzz: ok"
