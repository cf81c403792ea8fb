#!/bin/sh
# Generate docs/lints.md: the catalogue from `smkilint lints --format markdown`
# (lint tables and shipped profiles), then the hand-written notes in
# docs/lints-notes.md (coverage of PROFILES.md §10, zlint agreement).
#   gen-lints.sh SMKILINT SOURCE_ROOT write   rewrite docs/lints.md
#   gen-lints.sh SMKILINT SOURCE_ROOT check   fail when docs/lints.md is stale
set -eu
exe=$1 root=$2 mode=$3
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
SMKILINT_PROFILE_DIR="$root/profiles" "$exe" lints --format markdown > "$tmp"
if [ -f "$root/docs/lints-notes.md" ]; then
	echo >> "$tmp"
	cat "$root/docs/lints-notes.md" >> "$tmp"
fi
if [ "$mode" = write ]; then
	cp "$tmp" "$root/docs/lints.md"
	echo "wrote $root/docs/lints.md"
elif ! diff -u "$root/docs/lints.md" "$tmp"; then
	echo "docs/lints.md is out of date: run 'ninja -C BUILD lints-doc' and commit it" >&2
	exit 1
fi
