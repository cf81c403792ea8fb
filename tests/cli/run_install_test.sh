#!/usr/bin/env bash
# `meson install --destdir` into a temporary directory, then, as a user of
# the installed files would: the program, the header, smkilint.pc, the
# profiles, the man page, the bash completion and the JSON schema are there;
# examples/pkgconfig-demo builds with `pkg-config --cflags --libs smkilint`
# alone and lints the example certificates. Output is TAP.
#
# usage: run_install_test.sh BUILD_ROOT SOURCE_ROOT PREFIX LIBDIR DATADIR MANDIR SANITIZED
#
# Skipped (exit 77) in a sanitizer build (the demo would need the sanitizer
# runtime) and when make, cc or pkg-config is missing.
set -u
if [ $# -ne 7 ]; then
	echo "usage: $0 BUILD_ROOT SOURCE_ROOT PREFIX LIBDIR DATADIR MANDIR SANITIZED" >&2
	exit 2
fi
BUILD=$1 SRC=$2 PREFIX=$3 LIBDIR=$4 DATADIR=$5 MANDIR=$6 SANITIZED=$7
if [ "$SANITIZED" = yes ]; then
	echo "1..0 # SKIP sanitizer build"
	exit 0
fi
for p in make cc pkg-config meson; do
	if ! command -v $p >/dev/null; then
		echo "1..0 # SKIP $p not installed"
		exit 0
	fi
done
case $LIBDIR in /*) ;; *) LIBDIR=$PREFIX/$LIBDIR ;; esac
case $DATADIR in /*) ;; *) DATADIR=$PREFIX/$DATADIR ;; esac
case $MANDIR in /*) ;; *) MANDIR=$PREFIX/$MANDIR ;; esac

T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-install.XXXXXX")
trap 'rm -rf "$T"' EXIT
D=$T/dest
n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"
	shift
	local l
	for l in "$@"; do echo "# $l"; done
}
check() {
	local name=$1
	shift
	if "$@" >"$T/log" 2>&1; then ok "$name"; else not_ok "$name" "failed: $*" "$(tail -n 15 "$T/log")"; fi
}

check "meson install --destdir" meson install -C "$BUILD" --no-rebuild --destdir "$D"
for f in "$PREFIX/bin/smkilint" "$PREFIX/include/smkilint/smkilint.h" "$LIBDIR/pkgconfig/smkilint.pc" \
	"$DATADIR/smkilint/profiles/smki/common.yaml" "$DATADIR/smkilint/report.schema.json" \
	"$DATADIR/bash-completion/completions/smkilint" "$MANDIR/man1/smkilint.1"; do
	check "installed: $f" test -s "$D$f"
done
check "installed: libsmkilint.so" test -e "$D$LIBDIR/libsmkilint.so"
check "the bash completion parses" bash -n "$D$DATADIR/bash-completion/completions/smkilint"
check "the bash completion completes commands and formats" bash -c "
	smkilint() { '$D$PREFIX/bin/smkilint' \"\$@\"; }
	source '$D$DATADIR/bash-completion/completions/smkilint'
	COMP_WORDS=(smkilint li); COMP_CWORD=1; _smkilint; [[ \" \${COMPREPLY[*]} \" == *' lint '* ]] || exit 1
	COMP_WORDS=(smkilint lint --format s); COMP_CWORD=3; _smkilint; [[ \${COMPREPLY[*]} == sarif ]] || exit 1
	COMP_WORDS=(smkilint lint --fail-on w); COMP_CWORD=3; _smkilint; [[ \${COMPREPLY[*]} == warning ]]"

export PKG_CONFIG_PATH=$D$LIBDIR/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D
check "pkg-config --cflags --libs smkilint" pkg-config --cflags --libs smkilint
# (pkgconf puts the sysroot in front of variables too, pkg-config does not)
pdir=$(pkg-config --variable=profilesdir smkilint)
check "pkg-config: profilesdir names the installed profiles ($pdir)" \
	test "${pdir#"$D"}" = "$DATADIR/smkilint/profiles"
cp -r "$SRC/examples/pkgconfig-demo" "$T/demo"
check "examples/pkgconfig-demo builds with pkg-config alone" make -C "$T/demo" CFLAGS="-O1 -Wall -Wextra -Werror"
LD_LIBRARY_PATH=$D$LIBDIR SMKILINT_PROFILE_DIR=$D$DATADIR/smkilint/profiles \
	"$T/demo/smkilint-demo" "$SRC"/examples/certs/*.pem >"$T/demo.out" 2>&1
rc=$?
if [ $rc -eq 1 ]; then ok "the demo lints the examples (exit 1: they hold errors)"; else not_ok "the demo lints the examples" "exit $rc" "$(tail "$T/demo.out")"; fi
check "the demo uses the installed shared library" \
	env LD_LIBRARY_PATH="$D$LIBDIR" sh -c "ldd '$T/demo/smkilint-demo' | grep -q '$D$LIBDIR/libsmkilint.so'"
check "the demo reports der.integer_not_minimal on the D2 example" grep -q 'der.integer_not_minimal' "$T/demo.out"
SMKILINT_PROFILE_DIR=$D$DATADIR/smkilint/profiles "$D$PREFIX/bin/smkilint" lint --format jsonl \
	"$SRC"/examples/certs/*.pem >"$T/prog.out" 2>&1
rc=$?
if [ $rc -eq 1 ]; then ok "the installed program lints with the installed profiles"; else not_ok "the installed program lints" "exit $rc"; fi
if command -v man >/dev/null; then
	check "the installed man page renders (man -l)" sh -c "MANWIDTH=80 man -l '$D$MANDIR/man1/smkilint.1' | grep -q 'EXIT STATUS'"
fi

echo "1..$n"
[ $failures -eq 0 ]
