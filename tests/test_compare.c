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
	};
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		bool found = false;
		for (size_t j = 0; j < N_MUTATIONS; j++)
			found = found || strcmp(mutations[j].name, required[i]) == 0;
		cr_expect(found, "no mutation \"%s\"", required[i]);
	}
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
