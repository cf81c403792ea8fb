#!/bin/bash
# Golden results: the whole output of `smkilint lint` on the real SMKI test
# certificates, compared with files reviewed by hand (tests/golden/README.md).
#
#   run_golden.sh SMKILINT SOURCE_ROOT CORPUS_DIR
#
# SOURCE_ROOT/tests/golden/certs/NAME.golden is the output of
#   smkilint lint --format jsonl --profile auto NAME
# run in the folder holding NAME: CORPUS_DIR (../shared/corpus/smki-public,
# the curated certificates outside its bulk folder) when it is there, else
# SOURCE_ROOT/tests/data/smki, which holds byte-identical copies of a few of
# them (the others are then skipped). The variants in SOURCE_ROOT/tests/golden
# (*.golden) run other options over several certificates of the corpus, and
# bulk-e357.golden sums up the bulk folder; they are skipped without it.
#
# Before any comparison, each output is checked against what PROFILES.md §9
# says of its certificate (the profile its file name names; the errors and
# warnings of its deviation, and none on the conforming ones), so a golden
# file can never bless a wrong verdict.
#
# UPDATE_GOLDEN=1 rewrites the golden files instead of comparing (and shows
# what changed); review `git diff tests/golden` before committing them.
# TAP output, one line per golden file.
set -u
smk=$1 root=$2 corpus=$3
case $smk in /*) ;; *) smk=$PWD/$smk ;; esac # meson passes it relative to the build directory
gold=$root/tests/golden
inrepo=$root/tests/data/smki
update=${UPDATE_GOLDEN:-0}
export SMKILINT_PROFILE_DIR=$root/profiles
export LC_ALL=C
unset NO_COLOR
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
diag() { sed 's/^/# /'; }

have_corpus=no
[ -d "$corpus" ] && have_corpus=yes
[ $have_corpus = no ] && echo "# $corpus not found: only the goldens of the copies in tests/data/smki run"

# One result per line, then one finding per line: golden diffs read line by
# line. Nothing is lost: JSON strings hold no raw newline.
normalise() {
	sed -e 's/"findings":\[{"lint"/"findings":[\n{"lint"/' -e 's/},{"lint"/},\n{"lint"/g'
}

# run DIR OUT ARG...: smkilint lint ARG... in DIR; OUT gets a header naming
# the command (the source root written SRC), its exit status and what it
# wrote to standard error (each line after "# stderr: "), then the
# normalised output.
run() {
	local dir=$1 out=$2
	shift 2
	local status
	(cd "$dir" && "$smk" lint "$@") > "$tmp/stdout" 2> "$tmp/stderr"
	status=$?
	{
		echo "# smkilint lint $*" | sed "s|$root|SRC|g"
		echo "# exit status $status"
		sed "s|$root|SRC|g; s/^/# stderr: /" "$tmp/stderr"
		normalise < "$tmp/stdout"
	} > "$out"
}

# ---------------------------------------------------------------- review
# What PROFILES.md §9 says of each certificate, by file name: the profile
# auto-detection must choose, and the exact set of error and warning ids
# (§9.3 deviations; "" for the §9.2 conforming ones). The first match wins.
profile_for() {
	case $1 in
	device-*-ka.pem | device-*-ka-*.pem) echo smki-device-ka ;;
	device-*) echo smki-device-ds ;;
	org-* | xmlsign-*) echo smki-organisation ;; # XML-signing: opt-in profile, never detected
	ca-oca-*) echo smki-oca ;;
	non-smki-*) echo none ;;
	*) echo unknown ;;
	esac
}
ids_for() {
	case $1 in
	org-z99-other-*) echo "smki.common.sig_alg_params_absent" ;;                               # D1
	*-nonder-signature.pem) echo "der.integer_not_minimal" ;;                                # D2
	device-rtds-0001-*) echo "smki.common.policies_critical" ;;                              # D3
	device-rtds-e357-00db1234567890a0-nonrep.pem) echo "smki.device.keyusage_single_ds_or_ka" ;; # D4
	device-dccboxed-*) echo "smki.common.ski_present smki.device.issuer_not_organisation" ;; # D5
	xmlsign-*-decimalOU-*)                                                                   # D6, D7
		echo "smki.chain.self_signed_not_root smki.common.aki_present smki.org.subject_ou_hex2" \
			"smki.org.subject_ou_role_allowed smki.org.validity_max" ;;
	xmlsign-*) echo "smki.chain.self_signed_not_root smki.common.aki_present smki.org.validity_max" ;; # D6, D8
	org-ob-other-*) echo "smki.common.no_unexpected_extensions smki.org.no_basic_constraints" ;; # D9
	non-smki-*) echo "profile.none_matched rfc5280.aki.missing rfc5280.ski.missing" ;; # not SMKI: generic lints
	*) echo "" ;; # §9.2: the Z1 OCA (and its damaged copy, D10), org-z1 (42), org-z2 (D14), E357 devices
	esac
}

# review NAME OUT: the golden-to-be of one certificate agrees with the above.
review() {
	local name=$1 out=$2 want_p got_p want_ids got_ids
	want_p=$(profile_for "$name")
	got_p=$(sed -n 's/^{"input":"[^"]*","index":0,"profile":\("[^"]*"\|null\).*/\1/p' "$out" | tr -d '"')
	[ "$got_p" = null ] && got_p=none
	if [ "$got_p" != "$want_p" ]; then
		echo "$name: profile $got_p, PROFILES.md says $want_p"
		return 1
	fi
	want_ids=$(echo $(ids_for "$name" | tr ' ' '\n' | sed '/^$/d' | sort -u))
	got_ids=$(echo $(grep -o '"lint":"[^"]*","severity":"\(error\|warning\|fatal\)"' "$out" |
		sed 's/"lint":"\([^"]*\)".*/\1/' | sort -u))
	if [ "$got_ids" != "$want_ids" ]; then
		echo "$name: errors and warnings [$got_ids], PROFILES.md §9 says [$want_ids]"
		return 1
	fi
	return 0
}

# compare OUT GOLDEN TITLE: the test line for one golden file.
compare() {
	local out=$1 golden=$2 title=$3
	if [ "$update" = 1 ]; then
		if [ -f "$golden" ] && cmp -s "$out" "$golden"; then
			ok "$title (unchanged)"
		else
			[ -f "$golden" ] && diff -u "$golden" "$out" | diag
			[ -f "$golden" ] || echo "new golden file $golden" | diag
			cp "$out" "$golden"
			ok "$title (golden file written)"
		fi
	elif [ ! -f "$golden" ]; then
		not_ok "$title: no golden file ${golden#"$root"/} (UPDATE_GOLDEN=1 writes it)"
	elif cmp -s "$out" "$golden"; then
		ok "$title"
	else
		diff -u "$golden" "$out" | diag
		not_ok "$title: the output differs from ${golden#"$root"/} (see the diff above)"
	fi
}

# ---------------------------------------------------------------- one golden per certificate
mkdir -p "$gold/certs"
names=$(
	{
		[ $have_corpus = yes ] && (cd "$corpus" && ls -- *.pem)
		(cd "$inrepo" && ls -- *.pem)
		(cd "$gold/certs" && ls -- *.golden 2> /dev/null | sed 's/\.golden$//')
	} | sort -u
)
for name in $names; do
	if [ $have_corpus = yes ] && [ -f "$corpus/$name" ]; then
		dir=$corpus
	elif [ -f "$inrepo/$name" ]; then
		dir=$inrepo
	elif [ $have_corpus = no ]; then
		skip "$name" "$corpus not found and no copy in tests/data/smki"
		continue
	else
		if [ "$update" = 1 ]; then
			rm -f "$gold/certs/$name.golden"
			ok "$name: no such certificate any more, golden file removed"
		else
			not_ok "$name: a golden file for a certificate that is neither in $corpus nor in tests/data/smki"
		fi
		continue
	fi
	out=$tmp/$name.out
	run "$dir" "$out" --format jsonl --profile auto "$name"
	if ! review "$name" "$out" > "$tmp/why"; then
		diag < "$tmp/why"
		sed -n '3,$p' "$out" | diag
		not_ok "$name: the verdict is not what PROFILES.md §9 says (no golden file compared or written)"
		continue
	fi
	compare "$out" "$gold/certs/$name.golden" "$name"
done

# The copies in tests/data/smki are the corpus's bytes (their goldens are
# shared).
if [ $have_corpus = yes ]; then
	differ=""
	for f in "$inrepo"/*.pem; do
		b=${f##*/}
		for c in "$corpus/$b" "$corpus/device-rtds-e357/$b"; do
			[ -f "$c" ] && ! cmp -s "$f" "$c" && differ="$differ $b"
		done
	done
	if [ -z "$differ" ]; then
		ok "tests/data/smki copies are byte-identical to the corpus"
	else
		not_ok "tests/data/smki copies differ from the corpus:$differ"
	fi
	count=$(cd "$corpus" && ls -- *.pem | wc -l)
	if [ "$count" -eq 62 ]; then
		ok "62 curated certificates (smki-public README), each with a golden file"
	else
		not_ok "$count curated certificates in $corpus, its README says 62"
	fi
fi

# ---------------------------------------------------------------- variants
# variant NAME ARGS... -- GLOB...: several certificates of the corpus in one
# run (the certificates by name, in glob order).
variant() {
	local name=$1
	shift
	local args=()
	while [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	shift
	if [ $have_corpus = no ]; then
		skip "variant $name" "$corpus not found"
		return
	fi
	local files
	files=$(cd "$corpus" && for g in "$@"; do ls -d -- $g; done)
	local out=$tmp/$name.out
	# shellcheck disable=SC2086
	run "$corpus" "$out" --format jsonl "${args[@]}" $files
	compare "$out" "$gold/$name.golden" "variant $name"
}

oca=ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem
# Chain: the Z1 OCA as issuer. Every org-z1 signature verifies; D6 (the
# XML-signing certificates name Z1 in UTF8String and are not signed by it),
# D10 (the damaged OCA copy: its issuer ZA is not public, so not checked),
# D14 (Z2: no issuer given matches).
variant issuer-z1 --issuer "$oca" -- 'ca-oca-*.pem' 'org-*.pem' 'xmlsign-*.pem'
# D11: the E357 device certificates carry the placeholder policy arc
# 1800000 of the GBCS reference data; pinned to the DCC test environment it
# is an error (the 0001 and DCC Boxed devices carry the DCC policy).
variant env-dcc-test --env dcc-test -- 'device-*.pem'
# The README's "Tightening a rule" profile: validity_max an error, the
# policy pinned to one OID (which no test certificate carries).
variant readme-my-organisation --profile "$gold/readme/my-organisation.yaml" -- \
	'org-z1-supplier-90b3d51f30010000-*-20151030-*.pem' 'xmlsign-z1-xmlSign-90b3d51f30010000-*.pem'
# The README's naming convention: the org-z1-supplier-…-ds-… certificates
# (CN GITTESTSUPPLIER, GITTESTSUPPLIER2) now fail it, as does MDR on 7F; the
# keyAgreement ones (no CN) do not.
variant readme-naming-ltd --naming "$gold/readme/naming-ltd.yaml" -- \
	'org-z1-supplier-*.pem' 'org-z99-*.pem'

# The bulk folder (398 E357 device certificates): how many results, and each
# (lint, severity, path) with the number of its findings.
if [ $have_corpus = yes ] && [ -d "$corpus/device-rtds-e357" ]; then
	(cd "$corpus" && "$smk" lint --format jsonl device-rtds-e357) > "$tmp/bulk" 2> "$tmp/stderr"
	status=$?
	{
		echo "# smkilint lint --format jsonl device-rtds-e357, summed up"
		echo "# exit status $status"
		sed 's/^/# stderr: /' "$tmp/stderr"
		echo "results $(grep -c '^{"input"' "$tmp/bulk")"
		sed -n 's/.*"profile":"\([^"]*\)".*/profile \1/p' "$tmp/bulk" | sort | uniq -c | sed 's/^ *//'
		grep -o '"lint":"[^"]*","severity":"[^"]*","path":"[^"]*"' "$tmp/bulk" | sort | uniq -c | sed 's/^ *//'
	} > "$tmp/bulk.out"
	compare "$tmp/bulk.out" "$gold/bulk-e357.golden" "bulk folder device-rtds-e357 (398 certificates)"
else
	skip "bulk folder device-rtds-e357" "$corpus/device-rtds-e357 not found"
fi

# The README shows the two example files above as they are.
for f in my-organisation.yaml naming-ltd.yaml; do
	if awk -v file="$gold/readme/$f" '
		BEGIN { while ((getline l < file) > 0) want[++nw] = l }
		{ got[++ng] = $0 }
		END {
			for (i = 1; i + nw - 1 <= ng; i++) {
				k = 0
				while (k < nw && got[i + k] == want[k + 1]) k++
				if (k == nw) exit 0
			}
			exit 1
		}' "$root/README.md"; then
		ok "README.md shows tests/golden/readme/$f verbatim"
	else
		not_ok "README.md does not show tests/golden/readme/$f verbatim (section Tightening a rule)"
	fi
done

echo "1..$n"
exit 0
