/*
 * smkilint_compare_der: a reference forged as fg_cert_new() makes it and a
 * candidate with one mutation. Each mutation of the structure (an extension
 * dropped, duplicated, moved; criticality; a keyUsage bit; a policy; a name
 * attribute's type, value or presence; AKI; the notAfter time of day, the
 * lifetime, the time type; NULL parameters; ...) is exactly one difference,
 * at the right path and aspect. Fields that differ between any two good
 * certificates (serial, key, SKI, signature, validity instants, the device
 * serial) are no difference unless SMKILINT_COMPARE_STRICT, and then one per
 * changed field. The real Z1 OCA and its corrupted-signature copy are
 * equivalent, and differ in signatureValue only when strict.
 *
 * The table is shared with test_derive.c (compare_cases.h), which asserts
 * that a profile derived from the reference gives the same verdict.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "common.h"
#include "compare_cases.h"

#define SMKI_DATA SMK_TEST_DATA "/smki"
#define OCA_Z1 SMKI_DATA "/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem"
#define OCA_Z1_CORRUPTED SMKI_DATA "/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb-corrupted-signature.pem"

static smkilint_ctx *ctx;
static struct fg *g;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	g = fg_new();
}

static void teardown(void)
{
	fg_free(g);
	smkilint_ctx_free(ctx);
}

static bool is_difference(const smkilint_cmp_row *row)
{
	return row->status != SMKILINT_CMP_SAME && row->status != SMKILINT_CMP_FORM_SAME;
}

static void log_differences(const smkilint_comparison *k)
{
	for (size_t i = 0; i < smkilint_comparison_count(k); i++) {
		const smkilint_cmp_row *row = smkilint_comparison_row(k, i);
		if (is_difference(row))
			cr_log_error("difference: %s (%s): \"%s\" / \"%s\"", row->path, row->aspect, row->reference,
				     row->candidate);
	}
}

static smkilint_comparison *compare(const struct pair *p, unsigned flags)
{
	smkilint_comparison *k = NULL;
	int rc = smkilint_compare_der(&k, ctx, p->ref, p->ref_len, p->cand, p->cand_len, flags);
	cr_assert(eq(int, rc, 0), "compare: %s", smkilint_ctx_last_error(ctx)->message);
	return k;
}

/* Exactly `want` differences; when one, it is at path/aspect with status. */
static void expect_differences(const smkilint_comparison *k, const char *what, size_t want, const char *path,
			       const char *aspect, smkilint_cmp_status status)
{
	size_t n = smkilint_comparison_differences(k);
	size_t counted = 0;
	const smkilint_cmp_row *diff = NULL;
	for (size_t i = 0; i < smkilint_comparison_count(k); i++)
		if (is_difference(smkilint_comparison_row(k, i)))
			diff = smkilint_comparison_row(k, i), counted++;
	cr_expect(eq(sz, counted, n), "%s: differences() agrees with the rows", what);
	if (n != want)
		log_differences(k);
	cr_assert(eq(sz, n, want), "%s: %zu differences instead of %zu", what, n, want);
	if (want != 1 || path == NULL)
		return;
	cr_expect(eq(str, (char *)diff->path, (char *)path), "%s: path", what);
	cr_expect(eq(str, (char *)diff->aspect, (char *)aspect), "%s: aspect", what);
	cr_expect(eq(int, diff->status, status), "%s: status", what);
	cr_expect(ne(str, (char *)diff->reference, (char *)diff->candidate), "%s: the two sides differ in the text",
		  what);
}

/* Both rows of a two-difference case are there. */
static void expect_row(const smkilint_comparison *k, const char *what, const char *path, const char *aspect)
{
	bool found = false;
	for (size_t i = 0; i < smkilint_comparison_count(k); i++) {
		const smkilint_cmp_row *row = smkilint_comparison_row(k, i);
		found = found || (is_difference(row) && strcmp(row->path, path) == 0 && strcmp(row->aspect, aspect) == 0);
	}
	cr_expect(found, "%s: no difference at %s (%s)", what, path, aspect);
}

ParameterizedTestParameters(compare, mutation)
{
	return cr_make_param_array(size_t, case_indexes(N_MUTATIONS), N_MUTATIONS, free_case_indexes);
}

ParameterizedTest(size_t *idx, compare, mutation, .init = setup, .fini = teardown)
{
	const struct mutation *mu = &mutations[*idx];
	struct pair p;
	make_pair(&p, g, mu);

	smkilint_comparison *k = compare(&p, 0);
	expect_differences(k, mu->name, mu->diffs, mu->path, mu->aspect, mu->status);
	if (mu->diffs == 2) {
		expect_row(k, mu->name, mu->path, mu->aspect);
		expect_row(k, mu->name, mu->path2, mu->aspect2);
	}
	smkilint_comparison_free(k);

	k = compare(&p, SMKILINT_COMPARE_STRICT);
	const char *spath = mu->strict_path != NULL ? mu->strict_path : mu->path;
	const char *saspect = mu->strict_aspect != NULL ? mu->strict_aspect : mu->aspect;
	smkilint_cmp_status sstatus = mu->strict_path != NULL ? SMKILINT_CMP_DIFFERENT : mu->status;
	char what[200];
	snprintf(what, sizeof(what), "%s (strict)", mu->name);
	expect_differences(k, what, mu->strict_diffs, spath, saspect, sstatus);
	smkilint_comparison_free(k);

	/* a comparison is not symmetric in its rows, but in its verdict it is */
	struct pair q = {p.cand, p.cand_len, p.ref, p.ref_len};
	k = compare(&q, 0);
	cr_expect(eq(sz, smkilint_comparison_differences(k), mu->diffs), "%s: reversed", mu->name);
	smkilint_comparison_free(k);
}

Test(compare, a_reference_equals_itself, .init = setup, .fini = teardown)
{
	for (int kind = FG_DEVICE; kind <= FG_ORGANISATION; kind++) {
		struct fg_cert *c = fg_cert_new(g, (enum fg_kind)kind);
		size_t len;
		const uint8_t *der = fg_cert_der(c, &len);
		struct pair p = {der, len, der, len};
		smkilint_comparison *k = compare(&p, SMKILINT_COMPARE_STRICT);
		cr_expect(eq(sz, smkilint_comparison_differences(k), 0));
		cr_expect(gt(sz, smkilint_comparison_count(k), 20), "every aspect has a row");
		smkilint_comparison_free(k);
	}
}

Test(compare, undecodable_input_is_an_error, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	smkilint_comparison *k = NULL;
	cr_expect(eq(int, smkilint_compare_der(&k, ctx, der, len, der, len / 2, 0), SMKILINT_EINVAL));
	cr_expect(eq(ptr, k, NULL));
	cr_expect(ne(ptr, strstr(smkilint_ctx_last_error(ctx)->message, "the candidate"), NULL), "%s",
		  smkilint_ctx_last_error(ctx)->message);
}

Test(compare, catalogue_of_mutations_is_complete)
{
	/* the brief's list: every one is in the table */
	static const char *const required[] = {
		"drop an extension", "duplicate an extension", "move an extension", "criticality TRUE to absent",
		"critical FALSE encoded", "one keyUsage bit", "policy OID", "subject CN string type",
		"subject CN value", "drop subject OU", "AKI keyIdentifier", "notAfter time of day (lifetime kept)",
		"lifetime one day longer", "notAfter as GeneralizedTime", "NULL parameters in signatureAlgorithm",
		"serial value", "key (SKI not method 2)", "SKI value (not method 2)", "signature value",
		"both validity instants a day later", "device notBefore (notAfter 9999)",
		/* and one per field or extension kind (every_aspect_is_mutated checks the table covers them) */
		"NULL parameters in tbsCertificate.signature", "signatureAlgorithm ecdsa-with-SHA384", "issuer CN string type",
		"add a subject attribute", "two attributes in one RDN", "subjectUniqueID present", "issuerUniqueID present",
		"basicConstraints cA TRUE", "extKeyUsage purpose", "unknown extension value", "notBefore as GeneralizedTime",
		"device notAfter 2049 instead of 9999", "key compressed", "SKI of 20 octets", "signature s not minimal",
		"signature r length in the long form", "hwType", "version v2", "curve P-384", "non-minimal length",
		"CPS qualifier text",
	};
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		bool found = false;
		for (size_t j = 0; j < N_MUTATIONS; j++)
			found = found || strcmp(mutations[j].name, required[i]) == 0;
		cr_expect(found, "no mutation \"%s\"", required[i]);
	}
}

/* Mutations that change two things at once, and so show up as two
 * differences: two fields changed together, or one instant that moves both
 * the notAfter time of day and the lifetime. Every other mutation is one
 * difference (strict or not), or none by form. */
static bool compound(const char *name, bool strict)
{
	static const char *const loose[] = {"notAfter time of day only", "NULL parameters in both AlgorithmIdentifiers"};
	static const char *const strict_[] = {"NULL parameters in both AlgorithmIdentifiers",
					      "notAfter time of day (lifetime kept)", "key and its SKI",
					      "both validity instants a day later"};
	const char *const *list = strict ? strict_ : loose;
	size_t n = strict ? sizeof(strict_) / sizeof(strict_[0]) : sizeof(loose) / sizeof(loose[0]);
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

Test(compare, one_mutation_one_difference)
{
	for (size_t i = 0; i < N_MUTATIONS; i++) {
		const struct mutation *mu = &mutations[i];
		cr_expect(le(sz, mu->diffs, compound(mu->name, false) ? 2 : 1), "%s: %zu differences", mu->name, mu->diffs);
		cr_expect(eq(sz, mu->strict_diffs, compound(mu->name, true) ? 2 : 1), "%s: %zu differences when strict",
			  mu->name, mu->strict_diffs);
	}
}

/* A row's path and aspect with what varies between certificates taken out:
 * attribute positions (rdnSequence[*][*]), and for the aspects every
 * extension has (presence, position, criticality) the extension. */
static char *row_kind(const smkilint_cmp_row *row)
{
	char *k = malloc(strlen(row->path) + strlen(row->aspect) + 8);
	cr_assert(ne(ptr, k, NULL));
	const char *rdn = strstr(row->path, ".rdnSequence[");
	const char *ext = strstr(row->path, "extensions[");
	bool generic = strcmp(row->aspect, "presence") == 0 || strcmp(row->aspect, "position") == 0 ||
		       strcmp(row->aspect, "criticality") == 0;
	if (rdn != NULL)
		sprintf(k, "%.*s.rdnSequence[*][*] %s", (int)(rdn - row->path), row->path, row->aspect);
	else if (ext != NULL && generic)
		sprintf(k, "%.*sextensions[*] %s", (int)(ext - row->path), row->path, row->aspect);
	else
		sprintf(k, "%s %s", row->path, row->aspect);
	return k;
}

struct kinds {
	char *k[256];
	size_t n;
};

static void add_kind(struct kinds *ks, char *k)
{
	for (size_t i = 0; i < ks->n; i++)
		if (strcmp(ks->k[i], k) == 0) {
			free(k);
			return;
		}
	cr_assert(lt(sz, ks->n, 256));
	ks->k[ks->n++] = k;
}

static void rows_of(struct kinds *ks, const struct pair *p, unsigned flags, bool differences_only)
{
	smkilint_comparison *k = compare(p, flags);
	for (size_t i = 0; i < smkilint_comparison_count(k); i++) {
		const smkilint_cmp_row *row = smkilint_comparison_row(k, i);
		if (!differences_only || is_difference(row))
			add_kind(ks, row_kind(row));
	}
	smkilint_comparison_free(k);
}

/* Every aspect compare looks at, in a device and an organisation reference
 * (with basicConstraints, extKeyUsage and an unknown extension added), is
 * changed by some mutation of the table, strict or not: no field or
 * extension kind goes untested. The rows only an equal pair has (an empty
 * name on both sides) are the exception. */
Test(compare, every_aspect_is_mutated, .init = setup, .fini = teardown)
{
	static struct kinds seen, hit;
	seen.n = hit.n = 0;
	void (*bases[])(struct fg_cert *) = {NULL, base_bc_empty, base_eku, base_unknown_ext};
	for (int kind = FG_DEVICE; kind <= FG_ORGANISATION; kind++)
		for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
			struct fg_cert *c = fg_cert_new(g, (enum fg_kind)kind);
			if (bases[b] != NULL)
				bases[b](c);
			size_t len;
			const uint8_t *der = fg_cert_der(c, &len);
			struct pair p = {der, len, der, len};
			rows_of(&seen, &p, 0, false);
			rows_of(&seen, &p, SMKILINT_COMPARE_STRICT, false);
		}
	for (size_t i = 0; i < N_MUTATIONS; i++) {
		struct pair p;
		make_pair(&p, g, &mutations[i]);
		rows_of(&hit, &p, 0, true);
		rows_of(&hit, &p, SMKILINT_COMPARE_STRICT, true);
	}
	for (size_t i = 0; i < seen.n; i++) {
		bool found = strcmp(seen.k[i], "tbsCertificate.subject value") == 0;   /* "empty" on both sides */
		for (size_t j = 0; j < hit.n && !found; j++)
			found = strcmp(seen.k[i], hit.k[j]) == 0;
		cr_expect(found, "no mutation changes %s", seen.k[i]);
	}
	cr_expect(ge(sz, seen.n, 30), "%zu aspects", seen.n);
	for (size_t i = 0; i < seen.n; i++)
		free(seen.k[i]);
	for (size_t i = 0; i < hit.n; i++)
		free(hit.k[i]);
}

/* ------------------------------------------------------------- real files */

Test(compare, z1_oca_and_its_corrupted_copy, .init = setup, .fini = teardown)
{
	size_t a_len, b_len;
	uint8_t *a = read_pem_cert(OCA_Z1, &a_len);
	uint8_t *b = read_pem_cert(OCA_Z1_CORRUPTED, &b_len);
	cr_assert(eq(sz, a_len, b_len));
	cr_assert(ne(int, memcmp(a, b, a_len), 0), "the copies are not identical");
	struct pair p = {a, a_len, b, b_len};

	smkilint_comparison *k = compare(&p, 0);
	expect_differences(k, "Z1 OCA vs corrupted", 0, NULL, NULL, SMKILINT_CMP_SAME);
	smkilint_comparison_free(k);

	k = compare(&p, SMKILINT_COMPARE_STRICT);
	expect_differences(k, "Z1 OCA vs corrupted (strict)", 1, "signatureValue", "value", SMKILINT_CMP_DIFFERENT);
	smkilint_comparison_free(k);
	free(a);
	free(b);
}
