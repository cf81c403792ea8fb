/*
 * Every check kind of the profile language (enum smk_check), one rule at a
 * time: a profile with one rule is loaded from text, and smk_rule_run() runs
 * it on a real certificate (tests/data/smki) or on a forged one (tests/forge)
 * with one thing changed. Each check has a case that fails (the finding's id,
 * severity and citation come from the rule; path, offset, expected and found
 * from the certificate), one that passes, SMK_NA where scope matters, and
 * since/until make a rule not effective (SMK_NE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "prof_common.h"

static smkilint_ctx *ctx;
static smkilint_profiles *sets[64];
static size_t n_sets;
static struct fg *g;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	g = fg_new();
	n_sets = 0;
}

static void teardown(void)
{
	for (size_t i = 0; i < n_sets; i++)
		smkilint_profiles_free(sets[i]);
	fg_free(g);
	smkilint_ctx_free(ctx);
}

#define ID "test.rule"
#define CITE "Test citation §1"

/* One rule, with id, severity and citation filled in; `body` holds the
 * check and its keys, each line indented by four spaces. */
#define RULE_SEV(sev, body)                                                                                            \
	"profile: one-rule\n"                                                                                          \
	"rules:\n"                                                                                                     \
	"  - id: " ID "\n"                                                                                             \
	"    severity: " sev "\n"                                                                                      \
	"    citation: \"" CITE "\"\n" body
#define RULE(body) RULE_SEV("error", body)

enum envs { NO_ENVS, SHIPPED_ENVS, CUSTOM_ENV };

/* A finalized set holding the rule's profile (and environments); freed by
 * the teardown, so findings that point into it stay valid in the test. */
static const smkilint_profile *profile_with(const char *yaml, enum envs envs)
{
	smkilint_profiles *set;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	cr_assert(lt(sz, n_sets, sizeof(sets) / sizeof(sets[0])));
	sets[n_sets++] = set;
	if (envs == SHIPPED_ENVS)
		cr_assert(eq(int, smkilint_profiles_load_dir(set, ctx, PROFILES_DIR "/environments"), 0), "%s",
			  last_error(ctx));
	if (envs == CUSTOM_ENV)
		cr_assert(eq(int, smkilint_profiles_load_file(set, ctx, PROF_DATA "/env/custom.yaml", NULL), 0), "%s",
			  last_error(ctx));
	load_text(set, ctx, "one-rule.yaml", yaml);
	finalize_set(set, ctx);
	const smkilint_profile *p = must_find(set, "one-rule");
	cr_assert(eq(sz, p->n_rules, 1));
	return p;
}

static const smkilint_profile *profile_of(const char *yaml)
{
	return profile_with(yaml, NO_ENVS);
}

/* Run the profile's one rule; the report is the caller's. */
static enum smk_status run(const smkilint_profile *p, const struct tcert *t, smkilint_report **out)
{
	smkilint_report *r = smk_report_new("test", 0);
	cr_assert(ne(ptr, r, NULL));
	enum smk_status st = smk_rule_run(&p->rules[0], p, &t->c, r);
	cr_assert(ne(int, st, SMK_FATAL));
	*out = r;
	return st;
}

static const char *status_name(enum smk_status st)
{
	static const char *const names[] = {"NA", "NE", "PASS", "FAIL", "FATAL"};
	return (unsigned)st < 5 ? names[st] : "?";
}

/* The outcome, and no finding unless it failed. */
static void expect_status(const smkilint_profile *p, const struct tcert *t, enum smk_status want, const char *what)
{
	smkilint_report *r;
	enum smk_status st = run(p, t, &r);
	if (st != want)
		log_report(r);
	cr_expect(eq(int, st, want), "%s: %s, expected %s", what, status_name(st), status_name(want));
	if (want != SMK_FAIL)
		cr_expect(eq(sz, smkilint_report_count(r), 0), "%s: no finding", what);
	else
		cr_expect(gt(sz, smkilint_report_count(r), 0), "%s: a failure reports", what);
	smkilint_report_free(r);
}

/* Finding i of r: the rule's id, severity and citation, then the place and
 * the values. off == (size_t)-1: the offset is not checked. */
static void expect_finding_at(const smkilint_report *r, size_t i, smkilint_severity sev, const char *path, size_t off,
			      const char *expected, const char *found)
{
	const smkilint_finding *f = smkilint_report_finding(r, i);
	cr_assert(ne(ptr, (void *)f, NULL), "finding %zu", i);
	cr_expect(eq(str, (char *)f->lint, ID));
	cr_expect(eq(int, f->severity, sev));
	cr_expect(eq(str, (char *)f->citation, CITE));
	cr_expect(eq(str, (char *)f->path, (char *)path), "path: actual \"%s\", wanted \"%s\"", f->path, path);
	cr_expect(eq(int, f->has_offset, 1));
	if (off != (size_t)-1)
		cr_expect(eq(sz, f->offset, off), "offset of %s", path);
	cr_expect(eq(str, (char *)f->expected, (char *)expected), "expected: actual \"%s\", wanted \"%s\"", f->expected,
		  expected);
	cr_expect(eq(str, (char *)f->found, (char *)found), "found: actual \"%s\", wanted \"%s\"", f->found, found);
	cr_expect(gt(sz, strlen(f->message), 0));
}

/* Run, expect SMK_FAIL with exactly one finding, check it. */
static void expect_fail1(const smkilint_profile *p, const struct tcert *t, smkilint_severity sev, const char *path,
			 size_t off, const char *expected, const char *found)
{
	smkilint_report *r;
	enum smk_status st = run(p, t, &r);
	cr_expect(eq(int, st, SMK_FAIL), "%s, expected FAIL", status_name(st));
	if (smkilint_report_count(r) != 1)
		log_report(r);
	cr_assert(eq(sz, smkilint_report_count(r), 1));
	expect_finding_at(r, 0, sev, path, off, expected, found);
	smkilint_report_free(r);
}

#define NOOFF ((size_t)-1)

/* ------------------------------------------------------------ forged certificates */

static struct fg_cert *forge(enum fg_kind kind)
{
	return fg_cert_new(g, kind);
}

/* Encode and decode; the forge stays alive so node offsets can be read. */
static void forged(struct tcert *t, struct fg_cert *c)
{
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	tcert_bytes(t, ctx, der, len);
}

static void set_ext_inner(struct fg_cert *c, enum fg_ext_id id, struct fg_node *inner)
{
	fg_replace(c->doc, c->ext[id].inner, inner);
	c->ext[id].inner = inner;
}

/* ------------------------------------------------------------ lint (CK_LINT) */

Test(check_lint, adjusts_only, .init = setup, .fini = teardown)
{
	/* a rule without check adjusts a built-in lint; it is not run as a rule */
	const smkilint_profile *p = profile_of("profile: one-rule\n"
					       "rules:\n"
					       "  - id: rfc5280.aki.missing\n"
					       "    severity: info\n");
	cr_expect(eq(int, p->rules[0].check, CK_LINT));
	cr_expect(eq(int, p->rules[0].severity, SMKILINT_SEV_INFO));
	cr_expect(eq(str, (char *)p->rules[0].citation, (char *)smkilint_lint_find("rfc5280.aki.missing")->citation),
		  "the built-in lint's citation is kept");
	struct tcert t;
	tcert_file(&t, ctx, C_RSA);
	expect_status(p, &t, SMK_NA, "lint rule");
	/* the pipeline runs the lint at the adjusted severity */
	smkilint_report *r = lint_der_with(ctx, p, t.der, t.len, "rsa");
	const smkilint_finding *f = the_finding(r, "rfc5280.aki.missing");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_INFO));
	smkilint_report_free(r);
	tcert_free(&t);
}

Test(check_lint, disabled_rule_is_na, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_of(RULE("    check: version\n    version: 1\n    disabled: true\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_NA, "a disabled rule that would fail");
	tcert_free(&t);
}

/* ------------------------------------------------------------ version */

Test(check_version, fail_pass, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_of(RULE_SEV("notice", "    check: version\n    version: 3\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "v3 certificate");
	tcert_free(&t);

	struct fg_cert *c = forge(FG_ORGANISATION);
	fg_set_hex(c->version_int, "01");
	forged(&t, c);
	/* the finding points at the INTEGER inside the [0] wrapper */
	expect_fail1(p, &t, SMKILINT_SEV_NOTICE, "tbsCertificate.version", fg_off(c->version_int), "v3", "v2");
	tcert_free(&t);
}

/* since/until compare with notBefore (2015-10-30 for the Z1 certificate), by
 * day and inclusive; outside the range the rule is not effective, even on a
 * certificate it would fail. */
Test(check_version, since_until, .init = setup, .fini = teardown)
{
	struct tcert ok, bad;
	tcert_file(&ok, ctx, C_ORG);
	struct fg_cert *c = forge(FG_ORGANISATION); /* notBefore 151030000000Z, as the Z1 certificate */
	fg_set_hex(c->version_int, "01");
	forged(&bad, c);
	static const struct {
		const char *keys;
		enum smk_status on_ok, on_bad;
	} cases[] = {
		{"    since: 2030-01-01\n", SMK_NE, SMK_NE},
		{"    until: 2015-10-29\n", SMK_NE, SMK_NE},
		{"    since: 2015-10-31\n", SMK_NE, SMK_NE},
		{"    since: 2015-10-30\n", SMK_PASS, SMK_FAIL},
		{"    until: 2015-10-30\n", SMK_PASS, SMK_FAIL},
		{"    since: 2015-01-01\n    until: 2015-12-31\n", SMK_PASS, SMK_FAIL},
		{"    since: 2016-01-01\n    until: 2016-12-31\n", SMK_NE, SMK_NE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char yaml[512];
		snprintf(yaml, sizeof(yaml), RULE("    check: version\n    version: 3\n%s"), cases[i].keys);
		const smkilint_profile *p = profile_of(yaml);
		expect_status(p, &ok, cases[i].on_ok, cases[i].keys);
		expect_status(p, &bad, cases[i].on_bad, cases[i].keys);
	}
	/* the pipeline: an NE rule leaves no finding */
	const smkilint_profile *p = profile_of(RULE("    check: version\n    version: 3\n    since: 2030-01-01\n"));
	smkilint_report *r = lint_der_with(ctx, p, bad.der, bad.len, "v2");
	cr_expect(eq(sz, count_id(r, ID), 0));
	smkilint_report_free(r);
	tcert_free(&ok);
	tcert_free(&bad);
}

/* A rule's description is for listings (docs/profiles.md): the finding's
 * message still says what was found. */
Test(check_version, description_is_not_the_message, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_of(RULE("    check: version\n    version: 1\n"
						    "    description: \"only v1 here\"\n"));
	cr_expect(eq(str, (char *)p->rules[0].description, "only v1 here"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *r;
	cr_expect(eq(int, run(p, &t, &r), SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 1));
	cr_expect(eq(str, (char *)smkilint_report_finding(r, 0)->message, "version is not v1"));
	cr_expect(eq(str, (char *)smkilint_report_finding(r, 0)->found, "v3"));
	smkilint_report_free(r);
	tcert_free(&t);
}

/* ------------------------------------------------------------ serial */

Test(check_serial, fail_pass, .init = setup, .fini = teardown)
{
	const smkilint_profile *p =
		profile_of(RULE_SEV("warning", "    check: serial\n    positive: true\n    length: 16\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "16-octet positive serial");
	tcert_free(&t);

	struct fg_cert *c = forge(FG_ORGANISATION);
	fg_set_hex(c->serial, "80 bc 52 52 01 a1 d7 58 6c 1b c1 c4 73 4d eb 9f");
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_WARNING, "tbsCertificate.serialNumber", fg_off(c->serial),
		     "a positive serial number", "negative or empty");
	tcert_free(&t);

	c = forge(FG_ORGANISATION);
	fg_set_hex(c->serial, "01 02 03 04 05 06 07 08");
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_WARNING, "tbsCertificate.serialNumber", fg_off(c->serial), "16 octets",
		     "8 octets");
	/* a range accepts it */
	const smkilint_profile *q = profile_of(RULE("    check: serial\n    length: {min: 8, max: 20}\n"));
	expect_status(q, &t, SMK_PASS, "8 octets in 8..20");
	tcert_free(&t);
}

/* ------------------------------------------------------------ signature_algorithm */

Test(check_signature_algorithm, params_absent, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_of(
		RULE("    check: signature_algorithm\n    algorithm: ecdsa-with-SHA256\n    parameters: absent\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "no parameters");
	tcert_free(&t);
	/* D1: explicit NULL in both AlgorithmIdentifiers, one finding each */
	tcert_file(&t, ctx, C_D1);
	smkilint_report *r;
	cr_expect(eq(int, run(p, &t, &r), SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	expect_finding_at(r, 0, SMKILINT_SEV_ERROR, "tbsCertificate.signature.parameters",
			  t.c.tbs_sig_alg.params_loc.off, "parameters absent", "NULL");
	expect_finding_at(r, 1, SMKILINT_SEV_ERROR, "signatureAlgorithm.parameters", t.c.sig_alg.params_loc.off,
			  "parameters absent", "NULL");
	/* the NULL is 05 00 in the DER at that offset */
	cr_expect(eq(u8, t.der[t.c.sig_alg.params_loc.off], 0x05));
	cr_expect(eq(u8, t.der[t.c.sig_alg.params_loc.off + 1], 0x00));
	smkilint_report_free(r);
	tcert_free(&t);
}

Test(check_signature_algorithm, params_null_and_algorithm, .init = setup, .fini = teardown)
{
	const smkilint_profile *null = profile_of(RULE("    check: signature_algorithm\n    parameters: null\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_D1);
	expect_status(null, &t, SMK_PASS, "NULL parameters wanted and present");
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *r;
	cr_expect(eq(int, run(null, &t, &r), SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	expect_finding_at(r, 0, SMKILINT_SEV_ERROR, "tbsCertificate.signature", t.c.tbs_sig_alg.loc.off,
			  "NULL parameters", "absent");
	smkilint_report_free(r);

	const smkilint_profile *p384 =
		profile_of(RULE("    check: signature_algorithm\n    algorithm: ecdsa-with-SHA384\n"));
	cr_expect(eq(int, run(p384, &t, &r), SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	expect_finding_at(r, 1, SMKILINT_SEV_ERROR, "signatureAlgorithm", t.c.sig_alg.loc.off,
			  "1.2.840.10045.4.3.3 (ecdsa-with-SHA384)", "1.2.840.10045.4.3.2");
	smkilint_report_free(r);
	/* dotted and named OIDs are the same */
	const smkilint_profile *dotted =
		profile_of(RULE("    check: signature_algorithm\n    algorithm: 1.2.840.10045.4.3.2\n"));
	expect_status(dotted, &t, SMK_PASS, "dotted ecdsa-with-SHA256");
	tcert_free(&t);
}

/* ------------------------------------------------------------ key */

Test(check_key, fail_pass_na, .init = setup, .fini = teardown)
{
	const smkilint_profile *all =
		profile_of(RULE("    check: key\n    algorithm: id-ecPublicKey\n"
				"    curve: prime256v1\n    point: uncompressed\n    on_curve: true\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(all, &t, SMK_PASS, "P-256 organisation key");
	const smkilint_profile *p384 = profile_of(RULE("    check: key\n    curve: secp384r1\n"));
	expect_fail1(p384, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subjectPublicKeyInfo.algorithm.parameters",
		     t.c.spki.alg.params_loc.off, "namedCurve 1.3.132.0.34 (secp384r1)", "1.2.840.10045.3.1.7");
	tcert_free(&t);
	tcert_file(&t, ctx, C_DEV_DS);
	expect_status(all, &t, SMK_PASS, "P-256 device key");
	tcert_free(&t);

	/* a compressed point (the BIT STRING's contents: 00, then the point node) */
	struct fg_cert *c = forge(FG_DEVICE);
	fg_replace(c->doc, c->public_key->kid[0],
		   fg_hex(g, "02 c5fac666befd4e4e75eca96ef44d98e15fe0faaff8f8b7f9531cce86d6c60ca5"));
	forged(&t, c);
	const smkilint_profile *unc = profile_of(RULE("    check: key\n    point: uncompressed\n"));
	expect_fail1(unc, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey",
		     fg_off(c->public_key), "an uncompressed point: 65 octets starting 0x04",
		     "33 octets starting 0x02");
	tcert_free(&t);

	/* a point off the curve: the last octet of Y changed */
	c = forge(FG_DEVICE);
	fg_replace(c->doc, c->public_key->kid[0],
		   fg_hex(g, "04c5fac666befd4e4e75eca96ef44d98e15fe0faaff8f8b7f9531cce86d6c60ca58d6fc0ddca"
			     "30c8daf0dc7900eee8088bfb109cb9a3ecb8eab67641ca4fffe8d9"));
	forged(&t, c);
	const smkilint_profile *on = profile_of(RULE_SEV("info", "    check: key\n    on_curve: true\n"));
	expect_fail1(on, &t, SMKILINT_SEV_INFO, "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey",
		     fg_off(c->public_key), "a point on P-256", "a point that is not on the curve");
	tcert_free(&t);

	/* an RSA key: on_curve alone is not applicable; the algorithm fails */
	tcert_file(&t, ctx, C_RSA);
	expect_status(on, &t, SMK_NA, "on_curve on an RSA key");
	const smkilint_profile *ec = profile_of(RULE("    check: key\n    algorithm: id-ecPublicKey\n"));
	expect_fail1(ec, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subjectPublicKeyInfo.algorithm", t.c.spki.alg.loc.off,
		     "1.2.840.10045.2.1 (id-ecPublicKey)", "1.2.840.113549.1.1.1");
	tcert_free(&t);
}

/* ------------------------------------------------------------ name_empty */

Test(check_name_empty, fail_pass, .init = setup, .fini = teardown)
{
	const smkilint_profile *empty =
		profile_of(RULE("    check: name_empty\n    field: subject\n    empty: true\n"));
	const smkilint_profile *nonempty =
		profile_of(RULE("    check: name_empty\n    field: subject\n    empty: false\n"));
	struct tcert dev, org;
	tcert_file(&dev, ctx, C_DEV_DS);
	tcert_file(&org, ctx, C_ORG);
	expect_status(empty, &dev, SMK_PASS, "device subject empty");
	expect_fail1(empty, &org, SMKILINT_SEV_ERROR, "tbsCertificate.subject", org.c.subject.loc.off, "an empty name",
		     "3 attributes");
	expect_status(nonempty, &org, SMK_PASS, "organisation subject");
	expect_fail1(nonempty, &dev, SMKILINT_SEV_ERROR, "tbsCertificate.subject", dev.c.subject.loc.off,
		     "a non-empty name", "an empty name");
	/* the issuer is never empty here */
	const smkilint_profile *iss = profile_of(RULE("    check: name_empty\n    field: issuer\n    empty: true\n"));
	expect_fail1(iss, &dev, SMKILINT_SEV_ERROR, "tbsCertificate.issuer", dev.c.issuer.loc.off, "an empty name",
		     "1 attributes");
	tcert_free(&dev);
	tcert_free(&org);
}

/* ------------------------------------------------------------ name_attribute */

Test(check_name_attribute, ou_regex_types_count, .init = setup, .fini = teardown)
{
	const smkilint_profile *p =
		profile_of(RULE("    check: name_attribute\n    field: subject\n    type: OU\n"
				"    count: 1\n    string_types: [utf8]\n    regex: \"^[0-9A-F]{2}$\"\n"
				"    length: 2\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "OU 02");
	tcert_free(&t);

	/* D7's decimal role, in the forged organisation certificate */
	struct fg_cert *c = forge(FG_ORGANISATION);
	fg_cert_set(c, &c->subject_ou, fg_str(g, 0x0c, "137"));
	forged(&t, c);
	smkilint_report *r;
	cr_expect(eq(int, run(p, &t, &r), SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2), "regex and length");
	expect_finding_at(r, 0, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][0].value",
			  fg_off(c->subject_ou), "matching /^[0-9A-F]{2}$/", "\"137\"");
	expect_finding_at(r, 1, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][0].value",
			  fg_off(c->subject_ou), "2 characters", "3 characters");
	smkilint_report_free(r);
	tcert_free(&t);

	/* the right value in the wrong string type */
	c = forge(FG_ORGANISATION);
	fg_cert_set(c, &c->subject_ou, fg_str(g, 0x13, "02"));
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][0].value", fg_off(c->subject_ou),
		     "UTF8String", "PrintableString");
	tcert_free(&t);

	/* a device has no OU: count 1 fails on the name */
	tcert_file(&t, ctx, C_DEV_DS);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject", t.c.subject.loc.off, "1 attribute", "0");
	tcert_free(&t);
}

Test(check_name_attribute, na_without_count, .init = setup, .fini = teardown)
{
	/* no count: a name without the attribute is out of scope */
	const smkilint_profile *p =
		profile_of(RULE("    check: name_attribute\n    type: CN\n    regex: \"^[A-Z]+$\"\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_DEV_DS);
	expect_status(p, &t, SMK_NA, "no CN in an empty subject");
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG_KA);
	expect_status(p, &t, SMK_NA, "no CN on a KA organisation certificate");
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "CN GITTESTSUPPLIER");
	tcert_free(&t);
}

Test(check_name_attribute, value_and_issuer, .init = setup, .fini = teardown)
{
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	const smkilint_profile *cn =
		profile_of(RULE("    check: name_attribute\n    type: CN\n    value: GITTESTSUPPLIER\n"));
	expect_status(cn, &t, SMK_PASS, "CN value");
	const smkilint_profile *other = profile_of(RULE("    check: name_attribute\n    type: CN\n    value: OTHER\n"));
	expect_fail1(other, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[0][0].value", NOOFF,
		     "\"OTHER\"", "\"GITTESTSUPPLIER\"");
	/* a BIT STRING value is written #hex */
	const smkilint_profile *uid = profile_of(RULE("    check: name_attribute\n    type: uniqueIdentifier\n"
						      "    value: \"#0090b3d51f30010000\"\n"));
	expect_status(uid, &t, SMK_PASS, "uniqueIdentifier value");
	/* the issuer: OU=07, CN=Z1 */
	const smkilint_profile *iss =
		profile_of(RULE("    check: name_attribute\n    field: issuer\n    type: CN\n"
				"    count: 1\n    regex: \"^Z1$\"\n    string_types: [printable]\n"));
	expect_status(iss, &t, SMK_PASS, "issuer CN Z1");
	const smkilint_profile *iss2 = profile_of(RULE("    check: name_attribute\n    field: issuer\n    type: CN\n"
						       "    regex: \"^Z2$\"\n"));
	expect_fail1(iss2, &t, SMKILINT_SEV_ERROR, "tbsCertificate.issuer.rdnSequence[1][0].value", NOOFF,
		     "matching /^Z2$/", "\"Z1\"");
	tcert_free(&t);
}

Test(check_name_attribute, uid_bits_and_reserved, .init = setup, .fini = teardown)
{
	const smkilint_profile *bits = profile_of(RULE("    check: name_attribute\n    type: uniqueIdentifier\n"
						       "    string_types: [bitstring]\n    bits: 64\n"));
	const smkilint_profile *res =
		profile_of(RULE_SEV("warning", "    check: name_attribute\n"
					       "    type: uniqueIdentifier\n    not_reserved: true\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(bits, &t, SMK_PASS, "8-octet uniqueIdentifier");
	expect_status(res, &t, SMK_PASS, "an assigned EUI");
	tcert_free(&t);

	struct fg_cert *c = forge(FG_ORGANISATION);
	fg_cert_set(c, &c->subject_uid, fg_bits(g, 0, "\x90\xb3\xd5\x1f\x30\x01", 6));
	forged(&t, c);
	expect_fail1(bits, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[2][0].value",
		     fg_off(c->subject_uid), "a BIT STRING of 64 bits with 0 unused bits", "6 octets, 0 unused bits");
	tcert_free(&t);

	c = forge(FG_ORGANISATION);
	fg_cert_set(c, &c->subject_uid, fg_bits(g, 0, "\xff\xff\xff\xff\xff\xff\xff\xff", 8));
	forged(&t, c);
	expect_status(bits, &t, SMK_PASS, "all-ones is still 64 bits");
	expect_fail1(res, &t, SMKILINT_SEV_WARNING, "tbsCertificate.subject.rdnSequence[2][0].value",
		     fg_off(c->subject_uid), "an EUI-64 that is not all-zero or all-ones",
		     "BIT STRING 00ffffffffffffffff");
	tcert_free(&t);
}

/* ------------------------------------------------------------ name_layout */

static const char *const org_layout = "    check: name_layout\n    field: subject\n    attributes:\n"
				      "      - {type: CN, optional: true}\n      - OU\n      - uniqueIdentifier\n"
				      "    others: forbidden\n    single_valued: true\n";

Test(check_name_layout, pass_and_other_attribute, .init = setup, .fini = teardown)
{
	char yaml[1024];
	snprintf(yaml, sizeof(yaml), RULE_SEV("warning", "%s"), org_layout);
	const smkilint_profile *p = profile_of(yaml);
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "CN, OU, uniqueIdentifier");
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG_KA);
	expect_status(p, &t, SMK_PASS, "OU, uniqueIdentifier (CN is optional)");
	tcert_free(&t);

	/* an organizationName RDN at the end */
	struct fg_cert *c = forge(FG_ORGANISATION);
	struct fg_node *o = fg_set(g, fg_atv(g, "2.5.4.10", fg_str(g, 0x0c, "DCC")));
	fg_add(c->subject, o);
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_WARNING, "tbsCertificate.subject.rdnSequence[3][0]", fg_body_off(o),
		     "only the profile's attributes", "organizationName (2.5.4.10)");
	tcert_free(&t);

	/* OU missing: a required attribute */
	c = forge(FG_ORGANISATION);
	fg_remove(c->subject, c->subject->kid[1]);
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_WARNING, "tbsCertificate.subject.rdnSequence[1][0]", NOOFF,
		     "organizationalUnitName before uniqueIdentifier",
		     "uniqueIdentifier without organizationalUnitName");
	tcert_free(&t);
}

Test(check_name_layout, order_and_multivalued, .init = setup, .fini = teardown)
{
	/* the OCA's subject is OU=07, CN=Z1 */
	struct tcert t;
	tcert_file(&t, ctx, C_OCA);
	const smkilint_profile *ou_cn = profile_of(RULE("    check: name_layout\n    attributes: [OU, CN]\n"
							"    others: forbidden\n"));
	expect_status(ou_cn, &t, SMK_PASS, "OU then CN");
	const smkilint_profile *cn_ou = profile_of(RULE("    check: name_layout\n    attributes: [CN, OU]\n"));
	smkilint_report *r;
	cr_expect(eq(int, run(cn_ou, &t, &r), SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	expect_finding_at(r, 0, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[0][0]", NOOFF,
			  "commonName before organizationalUnitName", "organizationalUnitName without commonName");
	expect_finding_at(r, 1, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][0]", NOOFF,
			  "the attributes in the profile's order, each once", "commonName out of order or repeated");
	smkilint_report_free(r);
	tcert_free(&t);

	/* a multi-valued RDN: OU and an organizationName in one SET */
	struct fg_cert *c = forge(FG_ORGANISATION);
	struct fg_node *extra = fg_atv(g, "2.5.4.10", fg_str(g, 0x0c, "DCC"));
	fg_add(c->subject->kid[1], extra);
	forged(&t, c);
	const smkilint_profile *sv = profile_of(RULE("    check: name_layout\n    single_valued: true\n"));
	expect_fail1(sv, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][1]", fg_off(extra),
		     "one attribute per RDN", "organizationName as attribute 2 of RDN 1");
	tcert_free(&t);
}

/* ------------------------------------------------------------ role */

Test(check_role, list, .init = setup, .fini = teardown)
{
	const smkilint_profile *ok =
		profile_of(RULE("    check: role\n    field: subject\n    roles: [\"02\", \"03\"]\n"));
	const smkilint_profile *no =
		profile_of(RULE("    check: role\n    field: subject\n    roles: [\"03\", \"04\"]\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(ok, &t, SMK_PASS, "02 in 02, 03");
	expect_fail1(no, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][0].value", NOOFF,
		     "one of 03, 04", "\"02\"");
	tcert_free(&t);
	tcert_file(&t, ctx, C_DEV_DS);
	expect_status(no, &t, SMK_NA, "a device has no role");
	tcert_free(&t);
}

Test(check_role, forbidden_and_issuer, .init = setup, .fini = teardown)
{
	const smkilint_profile *ca = profile_of(RULE("    check: role\n    forbidden_roles: [\"00\", \"07\"]\n"));
	const smkilint_profile *sup = profile_of(RULE("    check: role\n    forbidden_roles: [\"02\"]\n"));
	const smkilint_profile *iss =
		profile_of(RULE("    check: role\n    field: issuer\n    forbidden_roles: [\"07\"]\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(ca, &t, SMK_PASS, "02 is not a CA role");
	expect_fail1(sup, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][0].value", NOOFF, "none of 02",
		     "\"02\"");
	expect_fail1(iss, &t, SMKILINT_SEV_ERROR, "tbsCertificate.issuer.rdnSequence[0][0].value", NOOFF, "none of 07",
		     "\"07\"");
	tcert_free(&t);
	tcert_file(&t, ctx, C_DEV_DS); /* issuer CN=E357, no OU */
	expect_status(iss, &t, SMK_NA, "an issuer without OU");
	tcert_free(&t);
}

Test(check_role, from_environment, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_with(RULE("    check: role\n    roles: environment\n"), SHIPPED_ENVS);
	struct tcert t;
	tcert_file(&t, ctx, C_ORG_DSPXML);
	expect_status(p, &t, SMK_PASS, "89 is a dcc-test role");
	tcert_free(&t);
	struct fg_cert *c = forge(FG_ORGANISATION);
	fg_cert_set(c, &c->subject_ou, fg_str(g, 0x0c, "0A"));
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][0].value", fg_off(c->subject_ou),
		     "one of 00, 01, 02, 03, 04, 05, 06, 07, 08, 7F, 87, 89", "\"0A\"");
	tcert_free(&t);
	/* with no environment loaded no role is allowed */
	const smkilint_profile *none = profile_of(RULE("    check: role\n    roles: environment\n"));
	tcert_file(&t, ctx, C_ORG);
	expect_fail1(none, &t, SMKILINT_SEV_ERROR, "tbsCertificate.subject.rdnSequence[1][0].value", NOOFF,
		     "one of (no environment loaded)", "\"02\"");
	tcert_free(&t);
}

/* ------------------------------------------------------------ role_key_usage */

Test(check_role_key_usage, fail_pass_na, .init = setup, .fini = teardown)
{
	const smkilint_profile *ds = profile_of(RULE_SEV("warning", "    check: role_key_usage\n    role_key_usages:\n"
								    "      \"02\": [digitalSignature, keyAgreement]\n"
								    "      \"01\": [digitalSignature]\n"));
	const smkilint_profile *ka = profile_of(RULE_SEV("warning", "    check: role_key_usage\n    role_key_usages:\n"
								    "      \"02\": [keyAgreement]\n"));
	const smkilint_profile *other = profile_of(RULE("    check: role_key_usage\n    role_key_usages:\n"
							"      \"03\": [keyAgreement]\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(ds, &t, SMK_PASS, "supplier digitalSignature");
	expect_fail1(ka, &t, SMKILINT_SEV_WARNING, "tbsCertificate.extensions[keyUsage].extnValue",
		     t.c.known[SMK_EXT_KEY_USAGE]->value_loc.off, "at most keyAgreement for role 02",
		     "digitalSignature");
	expect_status(other, &t, SMK_NA, "role 02 not listed");
	tcert_free(&t);
	tcert_file(&t, ctx, C_DEV_DS);
	expect_status(ds, &t, SMK_NA, "a device has no role");
	tcert_free(&t);
}

/* ------------------------------------------------------------ validity */

Test(check_validity, not_after_and_types, .init = setup, .fini = teardown)
{
	const smkilint_profile *forever = profile_of(RULE("    check: validity\n    not_after: \"99991231235959Z\"\n"));
	const smkilint_profile *types = profile_of(RULE("    check: validity\n    not_before_type: utctime\n"
							"    not_after_type: generalizedtime\n"));
	struct tcert dev, org;
	tcert_file(&dev, ctx, C_DEV_DS);
	tcert_file(&org, ctx, C_ORG);
	expect_status(forever, &dev, SMK_PASS, "device notAfter");
	expect_status(types, &dev, SMK_PASS, "device time types");
	expect_fail1(forever, &org, SMKILINT_SEV_ERROR, "tbsCertificate.validity.notAfter", org.c.not_after.loc.off,
		     "GeneralizedTime 99991231235959Z", "UTCTime 251029235959Z");
	expect_fail1(types, &org, SMKILINT_SEV_ERROR, "tbsCertificate.validity.notAfter", org.c.not_after.loc.off,
		     "GeneralizedTime", "UTCTime");
	tcert_free(&dev);
	tcert_free(&org);

	/* the same instant as UTCTime is not the GeneralizedTime the rule names */
	struct fg_cert *c = forge(FG_DEVICE);
	fg_cert_set(c, &c->not_after, fg_str(g, 0x17, "491231235959Z"));
	forged(&dev, c);
	expect_fail1(forever, &dev, SMKILINT_SEV_ERROR, "tbsCertificate.validity.notAfter", fg_off(c->not_after),
		     "GeneralizedTime 99991231235959Z", "UTCTime 491231235959Z");
	tcert_free(&dev);
}

Test(check_validity, lifetime_and_time_of_day, .init = setup, .fini = teardown)
{
	/* Z1: 2015-10-30 00:00:00 .. 2025-10-29 23:59:59, 3653 days less a second */
	struct tcert org, lc;
	tcert_file(&org, ctx, C_ORG);
	tcert_file(&lc, ctx, C_ORG_LC_2023); /* 231116125536Z .. 331116125536Z */
	const smkilint_profile *ten =
		profile_of(RULE_SEV("warning", "    check: validity\n    max_lifetime_days: 3653\n"));
	const smkilint_profile *year =
		profile_of(RULE_SEV("warning", "    check: validity\n    max_lifetime_days: 365\n"));
	expect_status(ten, &org, SMK_PASS, "10 years");
	expect_fail1(year, &org, SMKILINT_SEV_WARNING, "tbsCertificate.validity", org.c.validity_loc.off,
		     "at most 365 days", "3652 days");
	const smkilint_profile *exact = profile_of(RULE("    check: validity\n    lifetime_seconds: 315619199\n"));
	expect_status(exact, &org, SMK_PASS, "exact lifetime");
	const smkilint_profile *range =
		profile_of(RULE("    check: validity\n    lifetime_seconds: {min: 315619200}\n"));
	expect_fail1(range, &org, SMKILINT_SEV_ERROR, "tbsCertificate.validity", org.c.validity_loc.off,
		     "315619200 to 345600000000 seconds", "315619199 seconds");
	const smkilint_profile *tod = profile_of(RULE_SEV("info", "    check: validity\n"
								  "    not_after_time_of_day: \"23:59:59\"\n"));
	expect_status(tod, &org, SMK_PASS, "23:59:59");
	expect_fail1(tod, &lc, SMKILINT_SEV_INFO, "tbsCertificate.validity.notAfter", lc.c.not_after.loc.off,
		     "notAfter at 23:59:59", "12:55:36 (331116125536Z)");
	tcert_free(&org);
	tcert_free(&lc);
}

/* ------------------------------------------------------------ extension_presence */

Test(check_extension_presence, required_forbidden_equals, .init = setup, .fini = teardown)
{
	const smkilint_profile *ski = profile_of(RULE("    check: extension_presence\n    extension: SKI\n"
						      "    presence: required\n"));
	const smkilint_profile *nosan =
		profile_of(RULE_SEV("warning", "    check: extension_presence\n"
					       "    extension: subjectAltName\n    presence: forbidden\n"));
	const smkilint_profile *ku = profile_of(RULE("    check: extension_presence\n    extension: keyUsage\n"
						     "    presence: required\n    equals: \"03020780\"\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(ski, &t, SMK_PASS, "SKI present");
	expect_status(nosan, &t, SMK_PASS, "no SAN");
	expect_status(ku, &t, SMK_PASS, "keyUsage digitalSignature");
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG_KA);
	expect_fail1(ku, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[keyUsage].extnValue",
		     t.c.known[SMK_EXT_KEY_USAGE]->value_loc.off, "03020780", "03020308");
	tcert_free(&t);
	tcert_file(&t, ctx, C_DEV_DS);
	expect_fail1(nosan, &t, SMKILINT_SEV_WARNING, "tbsCertificate.extensions[subjectAltName]",
		     t.c.known[SMK_EXT_SAN]->loc.off, "no subjectAltName extension", "subjectAltName present");
	tcert_free(&t);
	/* D5: no SKI */
	tcert_file(&t, ctx, C_D5);
	expect_fail1(ski, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions", t.c.extensions_loc.off,
		     "a subjectKeyIdentifier extension", "absent");
	tcert_free(&t);
}

/* ------------------------------------------------------------ extension_critical */

Test(check_extension_critical, fail_pass_na, .init = setup, .fini = teardown)
{
	const smkilint_profile *pol =
		profile_of(RULE("    check: extension_critical\n    extension: certificatePolicies\n"
				"    critical: true\n"));
	const smkilint_profile *san = profile_of(RULE("    check: extension_critical\n    extension: SAN\n"
						      "    critical: true\n"));
	const smkilint_profile *aki = profile_of(RULE("    check: extension_critical\n    extension: AKI\n"
						      "    critical: false\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(pol, &t, SMK_PASS, "policies critical");
	expect_status(aki, &t, SMK_PASS, "AKI not critical");
	expect_status(san, &t, SMK_NA, "no SAN in an organisation certificate");
	tcert_free(&t);
	/* D3: certificatePolicies without the critical flag */
	tcert_file(&t, ctx, C_D3);
	expect_fail1(pol, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[certificatePolicies].critical", NOOFF,
		     "critical TRUE", "absent (DEFAULT FALSE)");
	expect_status(san, &t, SMK_PASS, "device SAN critical");
	tcert_free(&t);
	/* an encoded FALSE, and a critical AKI */
	struct fg_cert *c = forge(FG_ORGANISATION);
	fg_ext_set_critical(&c->ext[FG_EXT_POLICIES], FG_CRIT_FALSE);
	fg_ext_set_critical(&c->ext[FG_EXT_AKI], FG_CRIT_TRUE);
	forged(&t, c);
	expect_fail1(pol, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[certificatePolicies].critical",
		     fg_off(c->ext[FG_EXT_POLICIES].critical), "critical TRUE", "critical FALSE");
	expect_fail1(aki, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[authorityKeyIdentifier].critical",
		     fg_off(c->ext[FG_EXT_AKI].critical), "not critical", "critical TRUE");
	tcert_free(&t);
}

/* ------------------------------------------------------------ only_listed_extensions */

Test(check_only_listed_extensions, fail_pass_order, .init = setup, .fini = teardown)
{
	const smkilint_profile *org = profile_of(RULE_SEV("warning", "    check: only_listed_extensions\n"
								     "    extensions: [keyUsage, subjectKeyIdentifier, "
								     "certificatePolicies, authorityKeyIdentifier]\n"
								     "    ordered: true\n"));
	const smkilint_profile *reordered =
		profile_of(RULE("    check: only_listed_extensions\n"
				"    extensions: [SKI, keyUsage, certificatePolicies, AKI]\n"
				"    ordered: true\n"));
	const smkilint_profile *unordered =
		profile_of(RULE("    check: only_listed_extensions\n"
				"    extensions: [SKI, keyUsage, certificatePolicies, AKI]\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(org, &t, SMK_PASS, "the organisation extensions, in order");
	expect_status(unordered, &t, SMK_PASS, "the same set, order not checked");
	expect_fail1(reordered, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[subjectKeyIdentifier]",
		     t.c.known[SMK_EXT_SKI]->loc.off, "the order 2.5.29.14, 2.5.29.15, 2.5.29.32, 2.5.29.35",
		     "subjectKeyIdentifier out of order");
	tcert_free(&t);
	tcert_file(&t, ctx, C_DEV_DS);
	expect_fail1(org, &t, SMKILINT_SEV_WARNING, "tbsCertificate.extensions[subjectAltName]",
		     t.c.known[SMK_EXT_SAN]->loc.off, "only 2.5.29.15, 2.5.29.14, 2.5.29.32, 2.5.29.35",
		     "subjectAltName (2.5.29.17)");
	tcert_free(&t);
}

/* ------------------------------------------------------------ key_usage */

Test(check_key_usage, exactly, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_of(RULE("    check: key_usage\n    exactly: [digitalSignature]\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "digitalSignature");
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG_KA);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[keyUsage].extnValue",
		     t.c.known[SMK_EXT_KEY_USAGE]->value_loc.off, "exactly digitalSignature", "keyAgreement");
	tcert_free(&t);
	/* no keyUsage at all: not applicable (absence is extension_presence's) */
	struct fg_cert *c = forge(FG_ORGANISATION);
	fg_remove(c->doc, c->ext[FG_EXT_KU].seq);
	forged(&t, c);
	expect_status(p, &t, SMK_NA, "no keyUsage");
	tcert_free(&t);
}

Test(check_key_usage, at_least_at_most_one_of, .init = setup, .fini = teardown)
{
	const smkilint_profile *ca = profile_of(RULE("    check: key_usage\n    at_least: [keyCertSign]\n"
						     "    at_most: [keyCertSign, cRLSign]\n"));
	const smkilint_profile *one = profile_of(RULE("    check: key_usage\n"
						      "    exactly_one_of: [digitalSignature, keyAgreement]\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_OCA);
	expect_status(ca, &t, SMK_PASS, "keyCertSign, cRLSign");
	expect_fail1(one, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[keyUsage].extnValue", NOOFF,
		     "exactly one of digitalSignature, keyAgreement", "keyCertSign, cRLSign");
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG);
	expect_status(one, &t, SMK_PASS, "digitalSignature alone");
	smkilint_report *r;
	cr_expect(eq(int, run(ca, &t, &r), SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	expect_finding_at(r, 0, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[keyUsage].extnValue", NOOFF,
			  "at least keyCertSign", "digitalSignature");
	expect_finding_at(r, 1, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[keyUsage].extnValue", NOOFF,
			  "at most keyCertSign, cRLSign", "digitalSignature");
	smkilint_report_free(r);
	tcert_free(&t);
	/* D4: nonRepudiation on a device certificate */
	tcert_file(&t, ctx, C_D4);
	cr_expect(eq(int, run(one, &t, &r), SMK_FAIL));
	cr_expect(eq(sz, smkilint_report_count(r), 1));
	cr_expect(ne(ptr, strstr(smkilint_report_finding(r, 0)->found, "nonRepudiation"), NULL), "%s",
		  smkilint_report_finding(r, 0)->found);
	smkilint_report_free(r);
	tcert_free(&t);
}

/* ------------------------------------------------------------ basic_constraints */

Test(check_basic_constraints, forbidden, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_of(RULE_SEV("warning", "    check: basic_constraints\n"
								   "    presence: forbidden\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "no basicConstraints");
	tcert_free(&t);
	tcert_file(&t, ctx, C_D9);
	expect_fail1(p, &t, SMKILINT_SEV_WARNING, "tbsCertificate.extensions[basicConstraints]",
		     t.c.known[SMK_EXT_BASIC_CONSTRAINTS]->loc.off, "no basicConstraints extension",
		     "basicConstraints (cA FALSE)");
	tcert_free(&t);
}

Test(check_basic_constraints, ca, .init = setup, .fini = teardown)
{
	const smkilint_profile *oca = profile_of(RULE("    check: basic_constraints\n    presence: required\n"
						      "    critical: true\n    ca: true\n    path_len: 0\n"));
	const smkilint_profile *ca_only = profile_of(RULE("    check: basic_constraints\n    ca: true\n"));
	const smkilint_profile *nolen = profile_of(RULE("    check: basic_constraints\n    path_len: absent\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_OCA);
	expect_status(oca, &t, SMK_PASS, "OCA: critical, cA, pathLen 0");
	expect_fail1(nolen, &t, SMKILINT_SEV_ERROR,
		     "tbsCertificate.extensions[basicConstraints].extnValue.pathLenConstraint", NOOFF,
		     "no pathLenConstraint", "pathLenConstraint 0");
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG);
	expect_status(ca_only, &t, SMK_NA, "no basicConstraints, presence not required");
	expect_fail1(oca, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions", t.c.extensions_loc.off,
		     "a basicConstraints extension", "absent");
	tcert_free(&t);
	/* D9: cA FALSE, by DEFAULT (an empty SEQUENCE): the finding points at
	 * the extension value, as there is no cA to point at */
	tcert_file(&t, ctx, C_D9);
	cr_expect(not(t.c.bc.ca_encoded));
	expect_fail1(ca_only, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[basicConstraints].extnValue",
		     t.c.known[SMK_EXT_BASIC_CONSTRAINTS]->value_loc.off, "cA TRUE", "cA FALSE");
	tcert_free(&t);
}

/* ------------------------------------------------------------ key_identifier */

Test(check_key_identifier, ski_method2, .init = setup, .fini = teardown)
{
	const smkilint_profile *p =
		profile_of(RULE("    check: key_identifier\n    key_identifier: subjectKeyIdentifier\n"
				"    length: 8\n    method: 2\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "method 2 SKI");
	tcert_free(&t);
	tcert_file(&t, ctx, C_D5);
	expect_status(p, &t, SMK_NA, "no SKI");
	tcert_free(&t);
	struct fg_cert *c = forge(FG_ORGANISATION);
	set_ext_inner(c, FG_EXT_SKI, fg_prim_hex(g, 0x04, "0102030405060708"));
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[subjectKeyIdentifier].extnValue",
		     fg_off(c->ext[FG_EXT_SKI].inner), "44899792d196f4b8 (RFC 5280 method 2 over the key)",
		     "0102030405060708");
	tcert_free(&t);
}

Test(check_key_identifier, aki, .init = setup, .fini = teardown)
{
	const smkilint_profile *p =
		profile_of(RULE("    check: key_identifier\n    key_identifier: AKI\n"
				"    key_id_only: true\n    length: 8\n    equals: 4F5688D7EC933BE2\n"));
	const smkilint_profile *self = profile_of(RULE("    check: key_identifier\n    key_identifier: AKI\n"
						       "    matches_ski: true\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "AKI = Z1 OCA SKI");
	expect_fail1(self, &t, SMKILINT_SEV_ERROR,
		     "tbsCertificate.extensions[authorityKeyIdentifier].extnValue.keyIdentifier", NOOFF,
		     "equal to the subjectKeyIdentifier 44899792d196f4b8", "4f5688d7ec933be2");
	tcert_free(&t);
	tcert_file(&t, ctx, C_XMLSIGN);
	expect_status(p, &t, SMK_NA, "no AKI");
	tcert_free(&t);
	/* an AKI with an authorityCertSerialNumber [2] as well */
	struct fg_cert *c = forge(FG_ORGANISATION);
	fg_add(c->ext[FG_EXT_AKI].inner, fg_prim_hex(g, 0x82, "01"));
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[authorityKeyIdentifier].extnValue",
		     fg_body_off(c->ext[FG_EXT_AKI].value), "only [0] keyIdentifier",
		     "keyIdentifier, authorityCertSerialNumber");
	tcert_free(&t);
}

/* ------------------------------------------------------------ policies */

#define Z1_POLICY "1.2.826.0.1.8641679.1.2.1.4"

Test(check_policies, list_count_qualifiers, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_of(RULE("    check: policies\n    count: 1\n    oids: [" Z1_POLICY "]\n"
						    "    qualifiers: forbidden\n"));
	const smkilint_profile *other =
		profile_of(RULE("    check: policies\n    oids: [1.2.826.0.1.99999.1.2.1.4]\n"));
	const smkilint_profile *two = profile_of(RULE("    check: policies\n    count: {min: 2}\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_PASS, "one Z1 policy");
	expect_fail1(other, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[certificatePolicies].extnValue[0]",
		     NOOFF, "one of 1.2.826.0.1.99999.1.2.1.4", Z1_POLICY);
	expect_fail1(two, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[certificatePolicies].extnValue",
		     t.c.known[SMK_EXT_CERT_POLICIES]->value_loc.off, "2 to 100000 policies", "1");
	tcert_free(&t);

	/* a CPS qualifier on the policy */
	struct fg_cert *c = forge(FG_ORGANISATION);
	struct fg_node *info = fg_seq(
		g, fg_oid(g, Z1_POLICY),
		fg_seq(g, fg_seq(g, fg_oid(g, "1.3.6.1.5.5.7.2.1"), fg_str(g, 0x16, "https://example.invalid/cps"))));
	set_ext_inner(c, FG_EXT_POLICIES, fg_seq(g, info));
	forged(&t, c);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[certificatePolicies].extnValue[0]",
		     fg_off(info), "no policy qualifiers", "1 qualifiers");
	tcert_free(&t);

	/* no certificatePolicies: not applicable */
	c = forge(FG_ORGANISATION);
	fg_remove(c->doc, c->ext[FG_EXT_POLICIES].seq);
	forged(&t, c);
	expect_status(p, &t, SMK_NA, "no certificatePolicies");
	tcert_free(&t);
}

Test(check_policies, environment_sets, .init = setup, .fini = teardown)
{
	const smkilint_profile *org = profile_with(RULE("    check: policies\n    oids: organisation\n"), SHIPPED_ENVS);
	const smkilint_profile *dev = profile_with(RULE("    check: policies\n    oids: device\n"), SHIPPED_ENVS);
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	expect_status(org, &t, SMK_PASS, "Z1 policy is dcc-test's");
	tcert_free(&t);
	tcert_file(&t, ctx, C_DEV_DS); /* E357: the placeholder arc 1800000 (D11) */
	expect_status(dev, &t, SMK_PASS, "E357 policy is gbcs-rtds'");
	tcert_free(&t);
	/* only the custom environment, not pinned: a warning at most, even for an error rule */
	const smkilint_profile *custom =
		profile_with(RULE("    check: policies\n    oids: organisation\n"), CUSTOM_ENV);
	tcert_file(&t, ctx, C_ORG);
	expect_fail1(custom, &t, SMKILINT_SEV_WARNING, "tbsCertificate.extensions[certificatePolicies].extnValue[0]",
		     NOOFF, "an organisation policy of 1.2.826.0.1.99999.1.2.1.4 (test-custom)", Z1_POLICY);
	tcert_free(&t);
}

/* ------------------------------------------------------------ subject_alt_name */

#define RTDS_HWTYPE "1.2.826.0.1.8641679.1.2.2.1"

Test(check_subject_alt_name, device, .init = setup, .fini = teardown)
{
	const smkilint_profile *p =
		profile_of(RULE("    check: subject_alt_name\n    count: 1\n    name_types: [otherName]\n"
				"    hw_module_name: required\n    hw_types: [" RTDS_HWTYPE "]\n"
				"    hw_serial_length: 8\n    not_reserved: true\n"));
	struct tcert t;
	tcert_file(&t, ctx, C_DEV_DS);
	expect_status(p, &t, SMK_PASS, "RTDS device SAN");
	const smkilint_profile *boxed = profile_of(RULE("    check: subject_alt_name\n"
							"    hw_types: [1.2.826.0.1372.1.1.2.1]\n"));
	expect_fail1(boxed, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[subjectAltName].extnValue[0]", NOOFF,
		     "hwType 1.2.826.0.1372.1.1.2.1", RTDS_HWTYPE);
	tcert_free(&t);
	tcert_file(&t, ctx, C_ORG);
	expect_status(p, &t, SMK_NA, "no SAN");
	tcert_free(&t);
	tcert_file(&t, ctx, C_D5); /* DCC Boxed device: its hwType */
	expect_status(boxed, &t, SMK_PASS, "DCC Boxed hwType");
	tcert_free(&t);
}

Test(check_subject_alt_name, hw_serial, .init = setup, .fini = teardown)
{
	const smkilint_profile *len = profile_of(RULE("    check: subject_alt_name\n    hw_serial_length: 8\n"));
	const smkilint_profile *res =
		profile_of(RULE_SEV("warning", "    check: subject_alt_name\n    not_reserved: true\n"));
	struct fg_cert *c = forge(FG_DEVICE);
	fg_set_hex(c->hw_serial, "00db12345678");
	struct tcert t;
	forged(&t, c);
	expect_fail1(len, &t, SMKILINT_SEV_ERROR,
		     "tbsCertificate.extensions[subjectAltName].extnValue[0].otherName.value.hwSerialNum",
		     fg_off(c->hw_serial), "8 octets", "6 octets: 00db12345678");
	expect_status(res, &t, SMK_PASS, "an assigned EUI");
	tcert_free(&t);
	c = forge(FG_DEVICE);
	fg_set_hex(c->hw_serial, "0000000000000000");
	forged(&t, c);
	expect_status(len, &t, SMK_PASS, "8 octets");
	expect_fail1(res, &t, SMKILINT_SEV_WARNING,
		     "tbsCertificate.extensions[subjectAltName].extnValue[0].otherName.value.hwSerialNum",
		     fg_off(c->hw_serial), "an EUI-64 that is not all-zero or all-ones", "0000000000000000");
	tcert_free(&t);
}

Test(check_subject_alt_name, names_and_environment, .init = setup, .fini = teardown)
{
	const smkilint_profile *p =
		profile_of(RULE("    check: subject_alt_name\n    count: 1\n    name_types: [otherName]\n"
				"    hw_module_name: required\n"));
	/* a dNSName instead of the HardwareModuleName */
	struct fg_cert *c = forge(FG_DEVICE);
	struct fg_node *dns = fg_prim(g, 0x82, "meter.invalid", 13);
	set_ext_inner(c, FG_EXT_SAN, fg_seq(g, dns));
	struct tcert t;
	forged(&t, c);
	smkilint_report *r;
	cr_expect(eq(int, run(p, &t, &r), SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	expect_finding_at(r, 0, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[subjectAltName].extnValue[0]",
			  fg_off(dns), "only the profile's name types", "dNSName");
	expect_finding_at(r, 1, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[subjectAltName].extnValue",
			  fg_body_off(c->ext[FG_EXT_SAN].value), "an otherName HardwareModuleName (1.3.6.1.5.5.7.8.4)",
			  "no well-formed HardwareModuleName");
	smkilint_report_free(r);
	tcert_free(&t);
	/* and the hwType from the environments */
	const smkilint_profile *env =
		profile_with(RULE("    check: subject_alt_name\n    hw_types: environment\n"), CUSTOM_ENV);
	tcert_file(&t, ctx, C_DEV_DS);
	expect_fail1(env, &t, SMKILINT_SEV_ERROR, "tbsCertificate.extensions[subjectAltName].extnValue[0]", NOOFF,
		     "a hwType of 1.2.826.0.1.99999.1.2.2.1 (test-custom)", RTDS_HWTYPE);
	const smkilint_profile *shipped =
		profile_with(RULE("    check: subject_alt_name\n    hw_types: environment\n"), SHIPPED_ENVS);
	expect_status(shipped, &t, SMK_PASS, "RTDS hwType in dcc-test and gbcs-rtds");
	tcert_free(&t);
}

/* ------------------------------------------------------------ self_signed */

Test(check_self_signed, fail_pass_na, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = profile_of(RULE("    check: self_signed\n"));
	size_t len;
	uint8_t *der = make_self_signed(&len);
	struct tcert t;
	tcert_bytes(&t, ctx, der, len);
	expect_status(p, &t, SMK_PASS, "a self-signed certificate");
	tcert_free(&t);
	/* one octet of the signature changed (the last octet of s) */
	der[len - 1] ^= 0x01;
	tcert_bytes(&t, ctx, der, len);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "signatureValue", t.c.sig.loc.off,
		     "a signature that verifies with the certificate's own key", "a signature that does not verify");
	tcert_free(&t);
	free(der);
	/* issuer and subject differ */
	tcert_file(&t, ctx, C_ORG);
	expect_fail1(p, &t, SMKILINT_SEV_ERROR, "tbsCertificate.issuer", t.c.issuer.loc.off, "issuer equal to subject",
		     "a different issuer name");
	tcert_free(&t);
	/* a TBSCertificate has no signature: the rule is skipped and listed */
	der = make_self_signed(&len);
	tcert_bytes(&t, ctx, der, len);
	t.c.tbs_only = true;
	smkilint_report *r;
	cr_expect(eq(int, run(p, &t, &r), SMK_NA));
	cr_expect(eq(sz, smkilint_report_count(r), 0));
	cr_assert(eq(sz, smkilint_report_skipped_count(r), 1));
	cr_expect(eq(str, (char *)smkilint_report_skipped(r, 0), ID));
	smkilint_report_free(r);
	tcert_free(&t);
	free(der);
}

/* Every check kind of the language has a suite above: a new check added to
 * enum smk_check without tests fails here. */
Test(catalogue, every_check_has_tests)
{
	static const char *const tested[] = {
		"lint", "version", "serial", "signature_algorithm", "key", "name_empty", "name_attribute",
		"name_layout", "role", "role_key_usage", "validity", "extension_presence", "extension_critical",
		"only_listed_extensions", "key_usage", "basic_constraints", "key_identifier", "policies",
		"subject_alt_name", "self_signed",
	};
	cr_expect(eq(sz, sizeof(tested) / sizeof(tested[0]), (size_t)CK_COUNT),
		  "enum smk_check has %d kinds, this file tests %zu", (int)CK_COUNT,
		  sizeof(tested) / sizeof(tested[0]));
}
