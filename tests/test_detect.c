/*
 * Auto-detection and the real certificates: with the shipped profiles,
 * smkilint_profiles_auto() picks the profile PROFILES.md describes for each
 * kind of certificate and says why; the deviations of PROFILES.md §9.3 are
 * reported under their SMKI ids; clean test certificates get no error and
 * no warning. When ../shared is beside the checkout, the whole public SMKI
 * corpus is checked the same way.
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "prof_common.h"

static smkilint_ctx *ctx;
static smkilint_profiles *set;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	set = shipped_set(ctx, true);
}

static void teardown(void)
{
	smkilint_profiles_free(set);
	smkilint_ctx_free(ctx);
}

static smkilint_report *lint_auto(const char *path)
{
	return lint_file_with(ctx, smkilint_profiles_auto(set), path);
}

/* The rules of the detected profile that pass: the profile really ran. */
static size_t rules_passing(const char *profile, const char *path)
{
	const smkilint_profile *p = must_find(set, profile);
	struct tcert t;
	tcert_file(&t, ctx, path);
	smkilint_report *r = smk_report_new("t", 0);
	size_t pass = 0;
	for (size_t i = 0; i < p->n_rules; i++)
		pass += smk_rule_run(&p->rules[i], p, &t.c, r) == SMK_PASS;
	smkilint_report_free(r);
	tcert_free(&t);
	return pass;
}

/* ------------------------------------------------------------ detection */

struct detect_case {
	const char *file;
	const char *profile; /* NULL: none */
	const char *reason;  /* a part of the reason */
};

static const struct detect_case detect_cases[] = {
	{C_DEV_DS, "smki-device-ds",
	 "empty subject and a HardwareModuleName in subjectAltName; keyUsage has no keyAgreement"},
	{C_DEV_KA, "smki-device-ka",
	 "empty subject and a HardwareModuleName in subjectAltName; keyUsage has keyAgreement"},
	{C_D3, "smki-device-ka", "keyUsage has keyAgreement"},
	/* D4: nonRepudiation instead of digitalSignature: still no keyAgreement */
	{C_D4, "smki-device-ds", "keyUsage has no keyAgreement"},
	/* D5: issued by an organisation key, but a device by its own content */
	{C_D5, "smki-device-ds", "HardwareModuleName"},
	{C_ORG, "smki-organisation", "subject OU 02 (RemotePartyRole supplier)"},
	{C_ORG_KA, "smki-organisation", "subject OU 02 (RemotePartyRole supplier)"},
	{C_ORG_LC_2023, "smki-organisation", "subject OU 08 (RemotePartyRole loadController)"},
	/* D9: basicConstraints cA FALSE is no CA */
	{C_D9, "smki-organisation", "subject OU 7F (RemotePartyRole other)"},
	{C_OCA, "smki-oca", "basicConstraints cA TRUE with subject OU 07 (RemotePartyRole issuingAuthority)"},
	/* self-signed XML-signing certificates: organisation, never the opt-in
	 * smki-dccboxed-xmlsign */
	{C_XMLSIGN, "smki-organisation", "subject OU 87 (RemotePartyRole xmlSign (DCC Boxed))"},
	{C_ORG_DSPXML, "smki-organisation", "subject OU 89 (RemotePartyRole dspXmlSign (DCC Boxed))"},
	{C_D7, "smki-organisation", "subject OU 137 (RemotePartyRole not a known RemotePartyRole)"},
	{C_RSA, NULL, "no rule matched"},
};
#define N_DETECT (sizeof(detect_cases) / sizeof(detect_cases[0]))

ParameterizedTestParameters(detect, real_certificates)
{
	return cr_make_param_array(size_t, case_indexes(N_DETECT), N_DETECT, free_case_indexes);
}

ParameterizedTest(size_t *i, detect, real_certificates, .init = setup, .fini = teardown)
{
	const struct detect_case *dc = &detect_cases[*i];
	smkilint_report *r = lint_auto(dc->file);
	const char *got = smkilint_report_profile(r);
	const char *why = smkilint_report_profile_reason(r);
	cr_assert(ne(ptr, (void *)why, NULL), "%s: no reason", dc->file);
	cr_expect(gt(sz, strlen(why), 10), "%s: reason '%s'", dc->file, why);
	cr_expect(ne(ptr, strstr(why, dc->reason), NULL), "%s: reason '%s' lacks '%s'", dc->file, why, dc->reason);
	if (dc->profile == NULL) {
		cr_expect(eq(ptr, (void *)got, NULL), "%s: profile %s", dc->file, got);
		const smkilint_finding *f = the_finding(r, "profile.none_matched");
		cr_assert(ne(ptr, (void *)f, NULL));
		cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
		cr_expect(eq(str, (char *)f->path, "tbsCertificate.subject"));
		cr_expect(ne(ptr, strstr(f->found, "no rule matched"), NULL), "%s", f->found);
		/* the generic lints still ran: this certificate has no AKI */
		cr_expect(ne(ptr, (void *)the_finding(r, "rfc5280.aki.missing"), NULL));
		/* and no SMKI profile rule did */
		for (size_t k = 0; k < smkilint_report_count(r); k++)
			cr_expect(ne(int, strncmp(smkilint_report_finding(r, k)->lint, "smki.common.", 12), 0), "%s",
				  smkilint_report_finding(r, k)->lint);
	} else {
		cr_assert(ne(ptr, (void *)got, NULL), "%s: no profile (%s)", dc->file, why);
		cr_expect(eq(str, (char *)got, (char *)dc->profile), "%s: %s (%s)", dc->file, got, why);
		cr_expect(eq(sz, count_id(r, "profile.none_matched"), 0));
		/* the profile's rules ran: most of them pass on a real certificate */
		cr_expect(ge(sz, rules_passing(dc->profile, dc->file), 10), "%s", dc->file);
	}
	smkilint_report_free(r);
}

/* A profile named by the caller is reported as such. */
Test(detect, explicit_profile_reason, .init = setup, .fini = teardown)
{
	smkilint_report *r = lint_file_with(ctx, must_find(set, "smki-dccboxed-xmlsign"), C_XMLSIGN);
	cr_expect(eq(str, (char *)smkilint_report_profile(r), "smki-dccboxed-xmlsign"));
	cr_expect(eq(str, (char *)smkilint_report_profile_reason(r), "chosen by the caller"));
	/* the opt-in profile relaxes what the organisation profile reports */
	cr_expect(eq(sz, count_id(r, "smki.common.aki_present"), 0));
	cr_expect(eq(sz, count_id(r, "smki.org.validity_max"), 0));
	smkilint_report_free(r);
	r = lint_file_with(ctx, NULL, C_XMLSIGN);
	cr_expect(eq(ptr, (void *)smkilint_report_profile(r), NULL));
	cr_expect(eq(ptr, (void *)smkilint_report_profile_reason(r), NULL));
	cr_expect(eq(sz, count_id(r, "profile.none_matched"), 0), "no profile asked: nothing to match");
	smkilint_report_free(r);
}

/* Kinds no public certificate has: a self-signed root (OU 00) and a DCA
 * (cA TRUE, no OU), forged. */
Test(detect, forged_root_and_dca, .init = setup, .fini = teardown)
{
	size_t len;
	uint8_t *der = make_self_signed(&len); /* OU=00, CN=ZA, cA TRUE, self-signed */
	smkilint_report *r = lint_der_with(ctx, smkilint_profiles_auto(set), der, len, "root");
	cr_expect(eq(str, (char *)smkilint_report_profile(r), "smki-root"));
	cr_expect(eq(str, (char *)smkilint_report_profile_reason(r),
		     "self-issued (issuer = subject) with subject OU 00 (RemotePartyRole root)"));
	smkilint_report_free(r);
	struct tcert t;
	tcert_bytes(&t, ctx, der, len);
	const smkilint_profile *root = must_find(set, "smki-root");
	smkilint_report *rep = smk_report_new("t", 0);
	cr_expect(eq(int, smk_rule_run(rule_of(root, "smki.root.self_signed"), root, &t.c, rep), SMK_PASS));
	cr_expect(eq(int, smk_rule_run(rule_of(root, "smki.root.ou_root"), root, &t.c, rep), SMK_PASS));
	smkilint_report_free(rep);
	tcert_free(&t);
	free(der);

	/* a DCA: the device forge with an issuer-like subject CN=E357 and cA TRUE */
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	fg_cert_set(c, &c->subject, fg_seq(g, fg_set(g, fg_atv(g, "2.5.4.3", fg_str(g, 0x13, "E357")))));
	struct fg_ext bc = fg_ext_new(g, "2.5.29.19", FG_CRIT_TRUE, fg_seq(g, fg_bool(g, true), fg_int(g, 0)));
	fg_add(c->ext_list, bc.seq);
	const uint8_t *d = fg_cert_der(c, &len);
	r = lint_der_with(ctx, smkilint_profiles_auto(set), d, len, "dca");
	cr_expect(eq(str, (char *)smkilint_report_profile(r), "smki-dca"), "%s", smkilint_report_profile_reason(r));
	cr_expect(eq(str, (char *)smkilint_report_profile_reason(r),
		     "basicConstraints cA TRUE and no RemotePartyRole OU in the subject"));
	smkilint_report_free(r);
	fg_free(g);
}

/* Without profiles of the detected kind, the reason says so and no profile
 * runs. */
Test(detect, kind_without_profile, .init = setup, .fini = teardown)
{
	smkilint_profiles *only_org;
	cr_assert(eq(int, smkilint_profiles_new(&only_org), 0));
	cr_assert(eq(int, smkilint_profiles_load_file(only_org, ctx, PROFILES_DIR "/smki/common.yaml", NULL), 0));
	cr_assert(eq(int, smkilint_profiles_load_file(only_org, ctx, PROFILES_DIR "/smki/organisation.yaml", NULL), 0));
	finalize_set(only_org, ctx);
	smkilint_report *r = lint_file_with(ctx, smkilint_profiles_auto(only_org), C_DEV_DS);
	cr_expect(eq(ptr, (void *)smkilint_report_profile(r), NULL));
	cr_expect(
		ne(ptr, strstr(smkilint_report_profile_reason(r), "but no loaded profile is of kind device-ds"), NULL),
		"%s", smkilint_report_profile_reason(r));
	cr_expect(ne(ptr, (void *)the_finding(r, "profile.none_matched"), NULL));
	smkilint_report_free(r);
	r = lint_file_with(ctx, smkilint_profiles_auto(only_org), C_ORG);
	cr_expect(eq(str, (char *)smkilint_report_profile(r), "smki-organisation"));
	smkilint_report_free(r);
	smkilint_profiles_free(only_org);
}

/* A later profile of the same kind replaces the shipped one for detection;
 * an opt-in one does not. */
Test(detect, last_loaded_of_kind_wins, .init = setup, .fini = teardown)
{
	smkilint_profiles *s = shipped_set(ctx, false);
	load_text(s, ctx, "mine.yaml",
		  "profile: my-organisation\nextends: smki-organisation\nkind: organisation\nrules: []\n");
	load_text(s, ctx, "optin.yaml",
		  "profile: my-optin\nextends: smki-organisation\nkind: organisation\nopt_in: true\nrules: []\n");
	finalize_set(s, ctx);
	smkilint_report *r = lint_file_with(ctx, smkilint_profiles_auto(s), C_ORG);
	cr_expect(eq(str, (char *)smkilint_report_profile(r), "my-organisation"));
	smkilint_report_free(r);
	smkilint_profiles_free(s);
}

/* ------------------------------------------------------------ deviations */

struct deviation {
	const char *name;
	const char *file;
	const char *profile;
	const char *id;
	smkilint_severity severity;
};

static const struct deviation deviations[] = {
	{"D1", C_D1, "smki-organisation", "smki.common.sig_alg_params_absent", SMKILINT_SEV_ERROR},
	{"D3", C_D3, "smki-device-ka", "smki.common.policies_critical", SMKILINT_SEV_ERROR},
	{"D4", C_D4, "smki-device-ds", "smki.device.keyusage_single_ds_or_ka", SMKILINT_SEV_ERROR},
	{"D5", C_D5, "smki-device-ds", "smki.common.ski_present", SMKILINT_SEV_ERROR},
	{"D7", C_D7, "smki-organisation", "smki.org.subject_ou_hex2", SMKILINT_SEV_ERROR},
	{"D9", C_D9, "smki-organisation", "smki.org.no_basic_constraints", SMKILINT_SEV_WARNING},
};
#define N_DEVIATIONS (sizeof(deviations) / sizeof(deviations[0]))

ParameterizedTestParameters(deviations, reported)
{
	return cr_make_param_array(size_t, case_indexes(N_DEVIATIONS), N_DEVIATIONS, free_case_indexes);
}

ParameterizedTest(size_t *i, deviations, reported, .init = setup, .fini = teardown)
{
	const struct deviation *d = &deviations[*i];
	smkilint_report *r = lint_auto(d->file);
	cr_expect(eq(str, (char *)smkilint_report_profile(r), (char *)d->profile), "%s", d->name);
	size_t n = count_id(r, d->id);
	if (n == 0)
		log_report(r);
	cr_expect(ge(sz, n, 1), "%s: no %s finding", d->name, d->id);
	for (size_t k = 0; k < smkilint_report_count(r); k++) {
		const smkilint_finding *f = smkilint_report_finding(r, k);
		if (strcmp(f->lint, d->id) != 0)
			continue;
		cr_expect(eq(int, f->severity, d->severity), "%s: severity of %s", d->name, d->id);
		cr_expect(eq(str, (char *)f->citation, (char *)rule_of(must_find(set, d->profile), d->id)->citation));
		cr_expect(eq(int, f->has_offset, 1));
	}
	/* the rule's outcome, not only the finding */
	const smkilint_profile *p = must_find(set, d->profile);
	struct tcert t;
	tcert_file(&t, ctx, d->file);
	smkilint_report *rep = smk_report_new("t", 0);
	cr_expect(eq(int, smk_rule_run(rule_of(p, d->id), p, &t.c, rep), SMK_FAIL), "%s", d->name);
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_report_free(r);
}

/* Details of a few of them. */
Test(deviations, details, .init = setup, .fini = teardown)
{
	/* D1: both AlgorithmIdentifiers, once each, and the built-in RFC 5758
	 * lint that says the same is switched off by smki-common */
	smkilint_report *r = lint_auto(C_D1);
	cr_expect(eq(sz, count_id(r, "smki.common.sig_alg_params_absent"), 2));
	cr_expect(eq(sz, count_id(r, "rfc5758.ecdsa.params_present"), 0));
	smkilint_report_free(r);
	/* D3: the criticality of certificatePolicies, absent (DEFAULT FALSE) */
	r = lint_auto(C_D3);
	const smkilint_finding *f = the_finding(r, "smki.common.policies_critical");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.extensions[certificatePolicies].critical"));
	cr_expect(eq(str, (char *)f->found, "absent (DEFAULT FALSE)"));
	smkilint_report_free(r);
	/* D7: "137" is neither two hex digits nor a role of any environment */
	r = lint_auto(C_D7);
	f = the_finding(r, "smki.org.subject_ou_hex2");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->found, "\"137\""));
	cr_expect(eq(sz, count_id(r, "smki.org.subject_ou_role_allowed"), 1));
	smkilint_report_free(r);
	/* D5: and its issuer is an organisation (ACB) name */
	r = lint_auto(C_D5);
	cr_expect(eq(sz, count_id(r, "smki.device.issuer_not_organisation"), 1));
	smkilint_report_free(r);
}

/* Clean certificates: no error and no warning (notice and info allowed: a
 * signature cannot be checked without the issuer; D12's notAfter style). */
static const char *const clean[] = {
	C_ORG, C_ORG_KA, C_ORG_NO_DS, C_ORG_LC_2023, C_ORG_DSPXML, C_OCA, C_DEV_DS, C_DEV_KA,
};

Test(clean, no_error_no_warning, .init = setup, .fini = teardown)
{
	for (size_t i = 0; i < sizeof(clean) / sizeof(clean[0]); i++) {
		smkilint_report *r = lint_auto(clean[i]);
		cr_expect(ne(ptr, (void *)smkilint_report_profile(r), NULL), "%s: no profile", clean[i]);
		cr_expect(eq(sz, log_errors_warnings(r, clean[i]), 0), "%s", clean[i]);
		smkilint_report_free(r);
	}
	/* D12: the 2023 loadController certificate ends at 12:55:36, an info */
	smkilint_report *r = lint_auto(C_ORG_LC_2023);
	const smkilint_finding *f = the_finding(r, "smki.org.notafter_style");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_INFO));
	smkilint_report_free(r);
}

/* The same, rule by rule: on a clean certificate no rule of its profile
 * fails, and the central ones pass (not merely stay quiet). */
Test(clean, key_rules_pass, .init = setup, .fini = teardown)
{
	static const struct {
		const char *file, *profile;
		const char *pass[8];
	} cases[] = {
		{C_ORG,
		 "smki-organisation",
		 {"smki.common.policy_oid_expected", "smki.org.subject_ou_hex2", "smki.org.subject_uid_eui64",
		  "smki.org.keyusage_single", "smki.common.ski_method2", "smki.common.aki_keyid_only",
		  "smki.org.subject_only_known_attributes", "smki.common.policies_critical"}},
		{C_DEV_DS,
		 "smki-device-ds",
		 {"smki.common.policy_oid_expected", "smki.device.subject_empty", "smki.device.notafter_forever",
		  "smki.device.keyusage_single_ds_or_ka", "smki.device.san_hwmodulename_present",
		  "smki.device.hwserialnum_eui64", "smki.device.hwtype_expected", "smki.common.spki_point_on_curve"}},
		{C_DEV_KA,
		 "smki-device-ka",
		 {"smki.common.policy_oid_expected", "smki.device.keyusage_single_ds_or_ka", "smki.device.san_critical",
		  "smki.device.san_single_name", "smki.common.ski_method2", "smki.common.keyusage_critical",
		  "smki.common.no_unexpected_extensions", "smki.common.version_v3"}},
		{C_OCA,
		 "smki-oca",
		 {"smki.common.policy_oid_expected", "smki.oca.ou_issuing_authority", "smki.oca.pathlen_zero",
		  "smki.ca.basic_constraints_ca", "smki.ca.keyusage_certsign", "smki.oca.subject_layout",
		  "smki.ca.no_unexpected_extensions", "smki.common.aki_present"}},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const smkilint_profile *p = must_find(set, cases[i].profile);
		struct tcert t;
		tcert_file(&t, ctx, cases[i].file);
		smkilint_report *rep = smk_report_new("t", 0);
		for (size_t k = 0; k < p->n_rules; k++) {
			enum smk_status st = smk_rule_run(&p->rules[k], p, &t.c, rep);
			cr_expect(ne(int, st, SMK_FAIL), "%s: %s fails", cases[i].file, p->rules[k].id);
		}
		for (size_t k = 0; k < 8; k++)
			cr_expect(eq(int, smk_rule_run(rule_of(p, cases[i].pass[k]), p, &t.c, rep), SMK_PASS), "%s: %s",
				  cases[i].file, cases[i].pass[k]);
		smkilint_report_free(rep);
		tcert_free(&t);
	}
}

/* ------------------------------------------------------------ the public corpus */

#define CORPUS SHARED_DIR "/corpus/smki-public"

/* What PROFILES.md §9.3 lists, by file name: the error and warning ids a
 * file has (each must be reported; any other error or warning fails the
 * test). The first entry that matches a name applies. */
static const struct {
	const char *match; /* a part of the file name */
	const char *ids[6];
} allowed[] = {
	/* D1 */
	{"org-z99-other-90b3d51f30010009-", {"smki.common.sig_alg_params_absent"}},
	/* D2 */
	{"-nonder-signature", {"der.integer_not_minimal"}},
	/* D3 */
	{"device-rtds-0001-00db123456789098-ka", {"smki.common.policies_critical"}},
	/* D4 */
	{"device-rtds-e357-00db1234567890a0-nonrep", {"smki.device.keyusage_single_ds_or_ka"}},
	/* D5 */
	{"device-dccboxed-acb-signed-", {"smki.common.ski_present", "smki.device.issuer_not_organisation"}},
	/* D6, D7, D8 */
	{"xmlsign-z1-dspXmlSign-decimalOU-",
	 {"smki.chain.self_signed_not_root", "smki.common.aki_present", "smki.org.validity_max",
	  "smki.org.subject_ou_hex2", "smki.org.subject_ou_role_allowed"}},
	{"xmlsign-", {"smki.chain.self_signed_not_root", "smki.common.aki_present", "smki.org.validity_max"}},
	/* D9 */
	{"org-ob-other-", {"smki.org.no_basic_constraints", "smki.common.no_unexpected_extensions"}},
};

struct corpus_stats {
	size_t files, org_z1, e357, checked_clean, failures;
};
static struct corpus_stats stats;

static const char *expected_profile(const char *name)
{
	if (strncmp(name, "device-", 7) == 0)
		return strstr(name, "-ka.") != NULL || strstr(name, "-ka-") != NULL ? "smki-device-ka"
										    : "smki-device-ds";
	if (strncmp(name, "org-", 4) == 0 || strncmp(name, "xmlsign-", 8) == 0)
		return "smki-organisation";
	if (strncmp(name, "ca-oca-", 7) == 0)
		return "smki-oca";
	return NULL;
}

static int corpus_file(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t len = strlen(path);
	if (flag != FTW_F || len < 4 || strcmp(path + len - 4, ".pem") != 0)
		return 0;
	const char *name = strrchr(path, '/') + 1;
	const char *want = expected_profile(name);
	stats.files++;
	if (want == NULL) {
		cr_log_error("%s: unexpected file name", path);
		stats.failures++;
		return 0;
	}
	smkilint_report *r = lint_auto(path);
	const char *got = smkilint_report_profile(r);
	if (got == NULL || strcmp(got, want) != 0) {
		cr_log_error("%s: profile %s, expected %s (%s)", name, got ? got : "(none)", want,
			     smkilint_report_profile_reason(r));
		stats.failures++;
	}
	const char *const *ids = NULL;
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]) && ids == NULL; i++)
		if (strstr(name, allowed[i].match) != NULL)
			ids = allowed[i].ids;
	bool z1 = strncmp(name, "org-z1-", 7) == 0, e357 = strstr(path, "/device-rtds-e357/") != NULL;
	stats.org_z1 += z1;
	stats.e357 += e357;
	size_t bad = 0;
	for (size_t k = 0; k < smkilint_report_count(r); k++) {
		const smkilint_finding *f = smkilint_report_finding(r, k);
		if (f->severity < SMKILINT_SEV_WARNING)
			continue;
		bool ok = false;
		for (size_t j = 0; ids != NULL && j < 6 && ids[j] != NULL; j++)
			ok = ok || strcmp(ids[j], f->lint) == 0;
		if (!ok) {
			cr_log_error("%s: %s %s at %s (expected %s, found %s)", name,
				     smkilint_severity_name(f->severity), f->lint, f->path, f->expected, f->found);
			bad++;
		}
	}
	/* the listed deviations are really reported */
	for (size_t j = 0; ids != NULL && j < 6 && ids[j] != NULL; j++) {
		if (count_id(r, ids[j]) == 0) {
			cr_log_error("%s: the deviation %s is not reported", name, ids[j]);
			bad++;
		}
	}
	if ((z1 || e357) && ids == NULL && bad == 0)
		stats.checked_clean++;
	stats.failures += bad;
	smkilint_report_free(r);
	return 0;
}

Test(corpus, smki_public, .init = setup, .fini = teardown)
{
	struct stat st;
	if (stat(CORPUS, &st) != 0 || !S_ISDIR(st.st_mode))
		cr_skip_test("%s is not there (the shared corpus sits beside the checkout)", CORPUS);
	memset(&stats, 0, sizeof(stats));
	cr_assert(eq(int, nftw(CORPUS, corpus_file, 16, FTW_PHYS), 0));
	cr_log_info("%zu files, %zu org-z1, %zu E357 device certificates", stats.files, stats.org_z1, stats.e357);
	cr_expect(eq(sz, stats.failures, 0), "see the log above");
	/* the corpus is what PROFILES.md §9.1 counts: not a vacuous walk */
	cr_expect(eq(sz, stats.files, 460));
	cr_expect(eq(sz, stats.org_z1, 42));
	cr_expect(eq(sz, stats.e357, 398));
	cr_expect(eq(sz, stats.checked_clean, 42 + 398), "every org-z1 and E357 certificate is clean");
}
