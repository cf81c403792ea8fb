/*
 * smkilint_derive_profile: a profile derived from a forged reference, loaded
 * after the shipped profiles/ and finalized, gives the same verdict as
 * smkilint_compare_der for every mutation of compare_cases.h: linting the
 * candidate with it (`lint --profile derived`) yields an error finding if
 * and only if compare reports a difference. The reference itself passes
 * its own profile.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "common.h"
#include "compare_cases.h"

#define PROFILES_DIR SMK_SOURCE_ROOT "/profiles"
#define DERIVED "derived-from-forge"

static smkilint_ctx *ctx;
static struct fg *g;
static smkilint_profiles *set;
static char *yaml;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	g = fg_new();
	set = NULL;
	yaml = NULL;
}

static void teardown(void)
{
	smkilint_profiles_free(set);
	free(yaml);
	fg_free(g);
	smkilint_ctx_free(ctx);
}

static const char *last_error(void)
{
	const smkilint_error_info *e = smkilint_ctx_last_error(ctx);
	return e != NULL && e->message != NULL ? e->message : "";
}

/* Derive from the reference, load after the shipped profiles, finalize. */
static const smkilint_profile *derive(const uint8_t *ref, size_t len)
{
	int rc = smkilint_derive_profile(&yaml, ctx, ref, len, DERIVED, "forged reference");
	cr_assert(eq(int, rc, 0), "derive: %s", last_error());
	cr_assert(ne(ptr, yaml, NULL));
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	rc = smkilint_profiles_load_dir(set, ctx, PROFILES_DIR);
	cr_assert(eq(int, rc, 0), "loading %s: %s", PROFILES_DIR, last_error());
	rc = smkilint_profiles_load_string(set, ctx, "derived.yaml", yaml, strlen(yaml));
	if (rc != 0)
		cr_log_error("%s", yaml);
	cr_assert(eq(int, rc, 0), "loading the derived profile: %s", last_error());
	rc = smkilint_profiles_finalize(set, ctx);
	cr_assert(eq(int, rc, 0), "finalize: %s", last_error());
	const smkilint_profile *p = smkilint_profiles_find(set, DERIVED);
	cr_assert(ne(ptr, (void *)p, NULL));
	return p;
}

static size_t errors(const smkilint_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		n += smkilint_report_finding(r, i)->severity >= SMKILINT_SEV_ERROR;
	return n;
}

static void log_errors(const smkilint_report *r)
{
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (f->severity >= SMKILINT_SEV_ERROR)
			cr_log_error("%s at %s: expected \"%s\", found \"%s\"", f->lint, f->path, f->expected, f->found);
	}
}

static smkilint_report *lint_with(const smkilint_profile *p, const uint8_t *der, size_t len)
{
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_der(&r, ctx, p, der, len, "candidate", 0), 0), "%s", last_error());
	cr_assert(ne(ptr, r, NULL));
	return r;
}

static size_t differences(const struct pair *p)
{
	smkilint_comparison *k = NULL;
	cr_assert(eq(int, smkilint_compare_der(&k, ctx, p->ref, p->ref_len, p->cand, p->cand_len, 0), 0), "%s",
		  last_error());
	size_t n = smkilint_comparison_differences(k);
	smkilint_comparison_free(k);
	return n;
}

ParameterizedTestParameters(derive, same_verdict_as_compare)
{
	return cr_make_param_array(size_t, case_indexes(N_MUTATIONS), N_MUTATIONS, free_case_indexes);
}

ParameterizedTest(size_t *idx, derive, same_verdict_as_compare, .init = setup, .fini = teardown)
{
	const struct mutation *mu = &mutations[*idx];
	struct pair p;
	make_pair(&p, g, mu);
	const smkilint_profile *prof = derive(p.ref, p.ref_len);

	smkilint_report *r = lint_with(prof, p.ref, p.ref_len);
	if (errors(r) != 0)
		log_errors(r);
	cr_expect(eq(sz, errors(r), 0), "%s: the reference fails its own derived profile", mu->name);
	cr_expect(eq(str, (char *)smkilint_report_profile(r), DERIVED));
	smkilint_report_free(r);

	size_t diffs = differences(&p);
	cr_assert(eq(sz, diffs, mu->diffs), "%s: compare's own count (test_compare.c)", mu->name);
	r = lint_with(prof, p.cand, p.cand_len);
	size_t errs = errors(r);
	if ((errs > 0) != (diffs > 0)) {
		log_errors(r);
		cr_log_error("%s", yaml);
	}
	cr_expect(eq(int, errs > 0, diffs > 0), "%s: compare reports %zu differences, lint --profile derived %zu errors",
		  mu->name, diffs, errs);
	smkilint_report_free(r);
}

/* What a derived profile says about a device reference, checked in its text:
 * the fixed notAfter, the key identifier form, the hwType. */
Test(derive, device_profile_text, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	derive(der, len);
	cr_expect(ne(ptr, strstr(yaml, "profile: \"" DERIVED "\""), NULL), "%s", yaml);
	cr_expect(ne(ptr, strstr(yaml, "not_after: \"99991231235959Z\""), NULL), "%s", yaml);
	cr_expect(eq(ptr, strstr(yaml, "lifetime_seconds"), NULL), "no lifetime with a fixed notAfter");
	cr_expect(ne(ptr, strstr(yaml, "method: 2"), NULL), "the forged SKI is method (2)");
	cr_expect(ne(ptr, strstr(yaml, "1.2.826.0.1.8641679.1.2.2.1"), NULL), "the hwType");
	cr_expect(ne(ptr, strstr(yaml, "opt_in: true"), NULL));
}

/* An undecodable reference: an error naming it, nothing written. */
Test(derive, undecodable_reference, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	int rc = smkilint_derive_profile(&yaml, ctx, der, len - 10, DERIVED, "cut.pem");
	cr_expect(eq(int, rc, SMKILINT_EINVAL));
	cr_expect(eq(ptr, yaml, NULL));
	cr_expect(ne(ptr, strstr(last_error(), "cut.pem"), NULL), "%s", last_error());
}
