#!/bin/bash
# Every lint id of PROFILES.md §10 is either implemented (listed by
# `smkilint lints`) or listed in docs/lints.md with the id it is reported
# under or the reason it is not implemented; and docs/lints.md reports the
# zlint agreement per zlint lint as docs/zlint-agreement.md computed it.
#
#   check_section10.sh SMKILINT SOURCE_ROOT PROFILES_MD
#
# The §10 ids are tests/golden/section10-ids.txt (PROFILES.md is not in this
# repository); when PROFILES_MD exists, that list must be what its §10 says.
# TAP output.
set -u
smk=$1 root=$2 profiles_md=$3
case $smk in /*) ;; *) smk=$PWD/$smk ;; esac
export SMKILINT_PROFILE_DIR=$root/profiles
export LC_ALL=C
list=$root/tests/golden/section10-ids.txt
doc=$root/docs/lints.md
n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }

grep -v '^#' "$list" > "$tmp/ids"
"$smk" lints --format json | sed -n 's/^ *"id": "\([^"]*\)",$/\1/p' | sort -u > "$tmp/lints"
if [ "$(wc -l < "$tmp/lints")" -ge 100 ]; then
	ok "smkilint lints --format json lists $(wc -l < "$tmp/lints") ids"
else
	not_ok "smkilint lints --format json lists only $(wc -l < "$tmp/lints") ids"
fi

# The committed list is PROFILES.md's.
if [ -f "$profiles_md" ]; then
	awk '/^## 10\./ { f = 1; next } /^## 11\./ { f = 0 }
	     f && /^### / { g = $0; sub(/^### /, "", g) }
	     f && /^\* `smki\./ { id = $2; gsub(/`/, "", id); print id "\t" g }' "$profiles_md" > "$tmp/md"
	if [ -s "$tmp/md" ] && cmp -s "$tmp/md" "$tmp/ids"; then
		ok "tests/golden/section10-ids.txt is PROFILES.md §10 ($(wc -l < "$tmp/md") ids)"
	else
		diff -u "$tmp/ids" "$tmp/md" | sed 's/^/# /'
		not_ok "tests/golden/section10-ids.txt differs from $profiles_md §10"
	fi
else
	echo "# $profiles_md not found: the committed list is used as it is"
fi

# The "Coverage of PROFILES.md §10" table of docs/lints.md: first column
# the §10 id, second what it is reported as (or "not implemented"), third
# the notes.
awk '/^## Coverage of PROFILES.md §10/ { f = 1; next } /^## / { f = 0 } f && /^\| `/' "$doc" > "$tmp/table"
if [ -s "$tmp/table" ]; then
	ok "docs/lints.md has the table Coverage of PROFILES.md §10 ($(wc -l < "$tmp/table") rows)"
else
	not_ok "docs/lints.md has no table under 'Coverage of PROFILES.md §10'"
fi

while IFS=$'\t' read -r id group; do
	row=$(grep -F "| \`$id\` |" "$tmp/table" | head -n 1)
	if grep -qxF "$id" "$tmp/lints"; then
		ok "$id ($group): implemented"
	elif [ -n "$row" ]; then
		reported=$(echo "$row" | awk -F'|' '{ print $3 }')
		notes=$(echo "$row" | awk -F'|' '{ print $4 }')
		if echo "$reported" | grep -q 'not implemented'; then
			if [ -n "$(echo "$notes" | tr -d ' ')" ]; then
				ok "$id ($group): not implemented, docs/lints.md says why"
			else
				not_ok "$id ($group): docs/lints.md says it is not implemented but gives no reason"
			fi
		else
			missing=""
			for other in $(echo "$reported" | grep -o '`[a-z0-9_]*\.[a-z0-9_.]*`' | tr -d '`'); do
				grep -qxF "$other" "$tmp/lints" || missing="$missing $other"
			done
			if [ -z "$(echo "$reported" | grep -o '`[a-z0-9_]*\.[a-z0-9_.]*`')" ]; then
				not_ok "$id ($group): docs/lints.md names no lint it is reported as"
			elif [ -n "$missing" ]; then
				not_ok "$id ($group): docs/lints.md says it is reported as$missing, which smkilint lints does not list"
			else
				ok "$id ($group): reported as$(echo "$reported" | grep -o '`[a-z0-9_]*\.[a-z0-9_.]*`' | tr -d '`' |
					sort -u | tr '\n' ' ' | sed 's/^/ /; s/ $//')"
			fi
		fi
	else
		not_ok "$id ($group): neither listed by smkilint lints nor explained in docs/lints.md"
	fi
done < "$tmp/ids"

# The zlint agreement table of docs/lints.md is docs/zlint-agreement.md's
# "Per zlint lint" table (columns reordered, with a verdict).
awk '/^## Per zlint lint/ { f = 1; next } /^## / { f = 0 } f && /^\| `/' "$root/docs/zlint-agreement.md" |
	awk -F'|' '{ for (i = 2; i <= 7; i++) gsub(/^ +| +$/, "", $i); print $2 "|" $4 "|" $3 "|" $5 "|" $6 "|" $7 }' |
	sort > "$tmp/zlint"
awk '/^## Agreement with zlint/ { f = 1; next } /^## / { f = 0 } f && /^\| `/' "$doc" |
	awk -F'|' 'NF == 9 { for (i = 2; i <= 8; i++) gsub(/^ +| +$/, "", $i)
		v = ($7 == "0") ? ($8 == "agree") : ($8 ~ /^disagree: ./)
		print $2 "|" $3 "|" $4 "|" $5 "|" $6 "|" $7 (v ? "" : " (verdict \"" $8 "\" does not fit)") }' |
	sort > "$tmp/ours"
if [ -s "$tmp/zlint" ] && cmp -s "$tmp/zlint" "$tmp/ours"; then
	ok "docs/lints.md reports the agreement with each of the $(wc -l < "$tmp/zlint") mapped zlint lints"
else
	diff -u "$tmp/zlint" "$tmp/ours" | sed 's/^/# /'
	not_ok "the zlint table of docs/lints.md is not the 'Per zlint lint' table of docs/zlint-agreement.md"
fi
if grep -q '(zlint-agreement.md)' "$doc"; then
	ok "docs/lints.md links zlint-agreement.md (every pair)"
else
	not_ok "docs/lints.md does not link zlint-agreement.md"
fi

echo "1..$n"
