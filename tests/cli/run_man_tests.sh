#!/usr/bin/env bash
# The man page docs/smkilint.1: it renders with man -l and groff without a
# warning, and documents every command, every option of `smkilint lint`
# and of the other commands (as `smkilint --help` lists them), and the exit
# codes. Output is TAP.
#
# usage: run_man_tests.sh SMKILINT SOURCE_ROOT
set -u
SMK=$1 SRC=$2
MAN=$SRC/docs/smkilint.1
n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
T=$(mktemp -d "${TMPDIR:-/tmp}/smkilint-man.XXXXXX")
trap 'rm -rf "$T"' EXIT

if command -v man >/dev/null; then
	MANWIDTH=80 man --warnings -E UTF-8 -l "$MAN" >"$T/page" 2>"$T/warn"
	if [ $? -eq 0 ] && [ ! -s "$T/warn" ] && grep -q '^NAME' "$T/page"; then
		ok "man -l renders it without warnings"
	else
		not_ok "man -l renders it without warnings" "$(head -n 5 "$T/warn")"
	fi
else
	echo "ok $((n += 1)) - man -l renders it # SKIP man not installed"
fi
if command -v groff >/dev/null; then
	if groff -man -ww -z "$MAN" 2>"$T/warn" && [ ! -s "$T/warn" ]; then
		ok "groff -man -ww: no warning"
	else
		not_ok "groff -man -ww: no warning" "$(head -n 5 "$T/warn")"
	fi
	groff -man -Tutf8 -P-cbou "$MAN" >"$T/page" 2>/dev/null
else
	echo "ok $((n += 1)) - groff # SKIP groff not installed"
fi
[ -s "$T/page" ] || sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$MAN" >"$T/page"

# every command and long option that the usage text names
"$SMK" --help >"$T/usage"
for cmd in $(sed -n 's/^ *\(usage: \)\{0,1\}smkilint \([a-z-]*\).*/\2/p' "$T/usage" | sort -u); do
	if grep -qE "^ *(smkilint )?$cmd\b" "$T/page"; then ok "command documented: $cmd"; else not_ok "command documented: $cmd"; fi
done
for opt in $(grep -oE -- '--[a-z][a-z-]*' "$T/usage" | sort -u) -j -0 -f -F -v -h; do
	if grep -qE -- "(^|[ [,])$opt([ ,=]|$)" "$T/page"; then ok "option documented: $opt"; else not_ok "option documented: $opt"; fi
done
for code in 0 1 2; do
	if sed -n '/^EXIT STATUS/,/^[A-Z]/p' "$T/page" | grep -qE "^ +$code +"; then ok "exit status $code documented"; else not_ok "exit status $code documented"; fi
done
for sect in EXAMPLES WAIVERS "OUTPUT FORMATS" "SEE ALSO"; do
	if grep -q "^$sect" "$T/page"; then ok "section $sect"; else not_ok "section $sect"; fi
done
echo "1..$n"
[ $failures -eq 0 ]
