/*
 * Pre-issuance linting, smkilint_lint_tbs_der: the forge encodes c->tbs
 * alone (its offsets then count from the TBS start). Findings point into the
 * TBS (offsets from its first octet, paths starting with tbsCertificate),
 * the lints that need the signature are listed as skipped, a defect of the
 * TBS is found (keyUsage not critical, under the device profile too),
 * garbage gives one fatal der.decode_failed, trailing octets der.trailing_data,
 * and a PEM "TBS CERTIFICATE" block, or a DER TBSCertificate told apart
 * by its structure, goes the same way through smkilint_input_split +
 * smkilint_lint_item.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gnutls/gnutls.h>

#include "common.h"

#define PROFILES_DIR SMK_SOURCE_ROOT "/profiles"

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

static const char *last_error(void)
{
	const smkilint_error_info *e = smkilint_ctx_last_error(ctx);
	return e != NULL && e->message != NULL ? e->message : "";
}

static const uint8_t *tbs_of(struct fg_cert *c, size_t *len)
{
	return fg_encode(g, c->tbs, len);
}

static smkilint_report *lint_tbs(const smkilint_profile *p, const uint8_t *der, size_t len)
{
	smkilint_report *r = NULL;
	int rc = smkilint_lint_tbs_der(&r, ctx, p, der, len, "tbs", 0);
	cr_assert(eq(int, rc, 0), "lint_tbs_der: %s", last_error());
	cr_assert(ne(ptr, r, NULL));
	return r;
}

static bool skipped(const smkilint_report *r, const char *id)
{
	for (size_t i = 0; i < smkilint_report_skipped_count(r); i++)
		if (strcmp(smkilint_report_skipped(r, i), id) == 0)
			return true;
	return false;
}

/* Every certificate lint that reads the signature (from the tables) is
 * listed as skipped, once, and every listed id is a certificate lint that
 * reads the signature: lints for certification requests only
 * (csr.signature_*) are out of scope, not skipped. Returns how many
 * certificate lints read the signature. */
static size_t expect_skipped_signature_lints(const smkilint_report *r)
{
	size_t n = 0;
	for (size_t f = 0; f < smk_n_families; f++)
		for (size_t i = 0; i < smk_families[f]->n; i++) {
			const struct smk_lint *l = &smk_families[f]->lints[i];
			if (!l->needs_signature || (l->kinds != 0 && !(l->kinds & SMK_KIND_CERT)))
				continue;
			n++;
			cr_expect(skipped(r, l->info.id), "%s is not listed as skipped", l->info.id);
			cr_expect(eq(sz, count_id(r, l->info.id), 0), "%s ran", l->info.id);
		}
	for (size_t i = 0; i < smkilint_report_skipped_count(r); i++) {
		const char *id = smkilint_report_skipped(r, i);
		const struct smk_lint *l = smk_lint_by_id(id);
		cr_expect(ne(ptr, (void *)l, NULL), "skipped %s is no lint", id);
		cr_expect(l != NULL && l->needs_signature, "%s is skipped but does not need the signature", id);
		cr_expect(l != NULL && (l->kinds == 0 || (l->kinds & SMK_KIND_CERT)),
			  "%s is skipped but does not apply to certificates", id);
		for (size_t j = 0; j < i; j++)
			cr_expect(ne(str, (char *)smkilint_report_skipped(r, j), (char *)id), "%s listed twice", id);
	}
	cr_expect(ge(sz, smkilint_report_skipped_count(r), n));
	return n;
}

static void expect_paths_in_tbs(const smkilint_report *r, size_t tbs_len)
{
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		cr_expect(eq(int, strncmp(f->path, "tbsCertificate", 14), 0), "%s at %s: not in the TBS", f->lint, f->path);
		cr_expect(le(sz, f->offset + f->length, tbs_len), "%s at offset %zu length %zu: past the TBS", f->lint,
			  f->offset, f->length);
	}
}

Test(tbs, signature_lints_are_skipped_and_listed, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *tbs = tbs_of(c, &len);
	smkilint_report *r = lint_tbs(NULL, tbs, len);
	size_t n_sig = expect_skipped_signature_lints(r);
	cr_assert(ge(sz, n_sig, 5));
	cr_expect(eq(sz, smkilint_report_skipped_count(r), n_sig), "no profile: exactly the signature lints are skipped");
	cr_expect(eq(int, skipped(r, "csr.signature_valid") || skipped(r, "csr.signature_not_checked"), 0),
		  "request lints are out of scope, not skipped");
	static const char *const ids[] = {"rfc5280.signature.algorithm_mismatch", "rfc3279.ecdsa.signature_malformed",
					  "smki.chain.signature_valid", "smki.chain.signature_not_checked",
					  "smki.chain.self_signed_not_root"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		cr_expect(skipped(r, ids[i]), "%s is not listed as skipped", ids[i]);
		cr_expect(eq(sz, count_id(r, ids[i]), 0), "%s ran", ids[i]);
	}
	cr_expect(eq(ptr, (void *)smkilint_report_skipped(r, smkilint_report_skipped_count(r)), NULL), "out of range");
	/* the forged device TBS is clean apart from what needs a signature */
	if (smkilint_report_count(r) != 0)
		log_report(r);
	cr_expect(eq(sz, smkilint_report_count(r), 0));
	smkilint_report_free(r);

	/* the whole certificate: nothing skipped */
	r = lint_forged(ctx, c);
	cr_expect(eq(sz, smkilint_report_skipped_count(r), 0));
	smkilint_report_free(r);
}

Test(tbs, offsets_count_from_the_tbs, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	c->serial->len_octets = 1;                        /* der.length_not_minimal */
	fg_ext_set_critical(&c->ext[FG_EXT_KU], FG_CRIT_ABSENT);   /* rfc5280.key_usage.not_critical */
	c->ext[FG_EXT_SKI].inner->len_delta = 2;          /* der.encapsulated_malformed */
	size_t len;
	const uint8_t *tbs = tbs_of(c, &len);
	cr_assert(eq(sz, fg_off(c->tbs), 0));
	cr_assert(gt(sz, fg_off(c->serial), 0));
	smkilint_report *r = lint_tbs(NULL, tbs, len);

	const smkilint_finding *f = find_one(r, "der.length_not_minimal");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.serialNumber"));
	cr_expect(eq(sz, f->offset, fg_off(c->serial)));
	cr_expect(eq(sz, f->length, c->serial->hdr_len));

	f = find_one(r, "rfc5280.key_usage.not_critical");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.extensions[keyUsage].critical"));
	cr_expect(eq(sz, f->offset, fg_off(c->ext[FG_EXT_KU].id)));
	cr_expect(eq(sz, f->length, fg_size(c->ext[FG_EXT_KU].id)));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));

	f = find_one(r, "der.encapsulated_malformed");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.extensions[subjectKeyIdentifier].extnValue"));
	cr_expect(eq(sz, f->offset, fg_off(c->ext[FG_EXT_SKI].inner)));

	expect_paths_in_tbs(r, len);
	smkilint_report_free(r);

	/* the same defects in the signed certificate are further in by the
	 * certificate's header: the shift is exactly that */
	size_t cert_len;
	fg_cert_der(c, &cert_len);
	size_t shift = fg_off(c->tbs);
	cr_assert(gt(sz, shift, 0));
	r = lint_forged(ctx, c);
	f = find_one(r, "rfc5280.key_usage.not_critical");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(sz, f->offset, fg_off(c->ext[FG_EXT_KU].id)));
	smkilint_report_free(r);
}

Test(tbs, key_usage_not_critical_under_the_device_profile, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = NULL;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	cr_assert(eq(int, smkilint_profiles_load_dir(set, ctx, PROFILES_DIR), 0), "%s", last_error());
	cr_assert(eq(int, smkilint_profiles_finalize(set, ctx), 0), "%s", last_error());
	const smkilint_profile *dev = smkilint_profiles_find(set, "smki-device-ds");
	cr_assert(ne(ptr, (void *)dev, NULL));

	/* the forged device TBS passes the device profile ... */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *tbs = tbs_of(c, &len);
	smkilint_report *r = lint_tbs(dev, tbs, len);
	cr_expect(eq(str, (char *)smkilint_report_profile(r), "smki-device-ds"));
	smkilint_severity sev = SMKILINT_SEV_INFO;
	if (smkilint_report_max_severity(r, &sev) && sev >= SMKILINT_SEV_WARNING)
		log_report(r);
	cr_expect(lt(int, sev, SMKILINT_SEV_WARNING), "the clean TBS has warnings or errors");
	smkilint_report_free(r);

	/* ... and fails it with keyUsage not critical: the profile's error at
	 * the extension's extnID (it replaces the generic warning) */
	fg_ext_set_critical(&c->ext[FG_EXT_KU], FG_CRIT_ABSENT);
	tbs = tbs_of(c, &len);
	r = lint_tbs(dev, tbs, len);
	const smkilint_finding *f = find_one(r, "smki.common.keyusage_critical");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.extensions[keyUsage].critical"));
	cr_expect(eq(sz, f->offset, fg_off(c->ext[FG_EXT_KU].id)));
	cr_expect(eq(sz, count_id(r, "rfc5280.key_usage.not_critical"), 0), "disabled by smki-common");
	expect_skipped_signature_lints(r);
	expect_paths_in_tbs(r, len);
	smkilint_report_free(r);

	/* auto-detection picks the device profile for a TBS too */
	r = lint_tbs(smkilint_profiles_auto(set), tbs, len);
	cr_expect(eq(str, (char *)smkilint_report_profile(r), "smki-device-ds"));
	cr_expect(eq(sz, count_id(r, "smki.common.keyusage_critical"), 1));
	smkilint_report_free(r);
	smkilint_profiles_free(set);
}

static void expect_one_fatal(const uint8_t *der, size_t len, const char *what)
{
	smkilint_report *r = lint_tbs(NULL, der, len);
	if (smkilint_report_count(r) != 1)
		log_report(r);
	cr_assert(eq(sz, smkilint_report_count(r), 1), "%s: one finding", what);
	const smkilint_finding *f = smkilint_report_finding(r, 0);
	cr_expect(eq(str, (char *)f->lint, "der.decode_failed"), "%s", what);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_FATAL), "%s", what);
	cr_expect(eq(str, (char *)f->path, "tbsCertificate"), "%s", what);
	cr_expect(eq(sz, f->offset, 0), "%s", what);
	smkilint_report_free(r);
}

Test(tbs, garbage_is_one_fatal_finding, .init = setup, .fini = teardown)
{
	expect_one_fatal((const uint8_t *)"hello, world", 12, "text");
	expect_one_fatal((const uint8_t *)"\x02\x01\x05", 3, "an INTEGER");
	expect_one_fatal((const uint8_t *)"\x30\x00", 2, "an empty SEQUENCE");
	expect_one_fatal((const uint8_t *)"\x30\x05\x02\x01", 4, "a SEQUENCE running past the end");
	expect_one_fatal((const uint8_t *)"", 0, "nothing");
	/* a SEQUENCE of three INTEGERs: no AlgorithmIdentifier where a TBS has one */
	expect_one_fatal((const uint8_t *)"\x30\x09\x02\x01\x01\x02\x01\x02\x02\x01\x03", 11, "no AlgorithmIdentifier");
}

Test(tbs, a_whole_certificate_is_not_a_tbs, .init = setup, .fini = teardown)
{
	/* its first elements are SEQUENCEs (the TBS, then the algorithm): the
	 * wrapper then holds a certificate as TBS, which does not decode */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	smkilint_report *r = lint_tbs(NULL, der, len);
	cr_expect(eq(sz, count_id(r, "der.decode_failed"), 1));
	smkilint_severity sev = SMKILINT_SEV_INFO;
	cr_expect(eq(int, smkilint_report_max_severity(r, &sev), 1));
	cr_expect(eq(int, sev, SMKILINT_SEV_FATAL));
	smkilint_report_free(r);
}

Test(tbs, trailing_octets, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	size_t len;
	const uint8_t *tbs = tbs_of(c, &len);
	uint8_t *buf = malloc(len + 2);
	cr_assert(ne(ptr, buf, NULL));
	memcpy(buf, tbs, len);
	buf[len] = 0xde;
	buf[len + 1] = 0xad;
	smkilint_report *r = lint_tbs(NULL, buf, len + 2);
	const smkilint_finding *f = find_one(r, "der.trailing_data");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(sz, f->offset, len));
	cr_expect(eq(sz, f->length, 2));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate"));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(eq(sz, smkilint_report_count(r), 1), "only the trailing octets");
	smkilint_report_free(r);
	free(buf);
}

/* ------------------------------------------------------------- PEM */

static char *pem_of(const uint8_t *der, size_t len, const char *label, const char *before)
{
	gnutls_datum_t in = {(unsigned char *)der, (unsigned)len}, out = {NULL, 0};
	cr_assert(eq(int, gnutls_pem_base64_encode2(label, &in, &out), 0));
	size_t n = strlen(before) + out.size + 1;
	char *pem = malloc(n);
	cr_assert(ne(ptr, pem, NULL));
	snprintf(pem, n, "%s%.*s", before, (int)out.size, (const char *)out.data);
	gnutls_free(out.data);
	return pem;
}

Test(tbs, pem_tbs_certificate_block, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	fg_ext_set_critical(&c->ext[FG_EXT_KU], FG_CRIT_ABSENT);
	size_t len;
	const uint8_t *tbs = tbs_of(c, &len);
	char *pem = pem_of(tbs, len, "TBS CERTIFICATE", "a pre-issuance TBS\n");
	cr_assert(ne(ptr, strstr(pem, "-----BEGIN TBS CERTIFICATE-----"), NULL));

	smkilint_input *in = NULL;
	cr_assert(eq(int, smkilint_input_split(&in, ctx, (const uint8_t *)pem, strlen(pem)), 0));
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	const smkilint_item *it = smkilint_input_item(in, 0);
	cr_assert(eq(ptr, (void *)it->error_lint, NULL), "%s", it->error_message);
	cr_expect(eq(int, it->kind, SMKILINT_ITEM_TBS));
	cr_expect(eq(int, it->is_pem, 1));
	cr_expect(eq(sz, it->line, 2));
	cr_assert(eq(sz, it->der_len, len));
	cr_assert(eq(int, memcmp(it->der, tbs, len), 0));

	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_item(&r, ctx, NULL, it, "tbs.pem"), 0), "%s", last_error());
	smkilint_report *direct = lint_tbs(NULL, tbs, len);
	cr_expect(eq(sz, smkilint_report_count(r), smkilint_report_count(direct)));
	cr_expect(eq(sz, smkilint_report_skipped_count(r), smkilint_report_skipped_count(direct)));
	expect_skipped_signature_lints(r);
	const smkilint_finding *f = find_one(r, "rfc5280.key_usage.not_critical");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(sz, f->offset, fg_off(c->ext[FG_EXT_KU].id)), "offsets count from the TBS, not the PEM text");
	cr_expect(eq(str, (char *)smkilint_report_input(r), "tbs.pem"));
	smkilint_report_free(direct);
	smkilint_report_free(r);
	smkilint_input_free(in);
	free(pem);

	/* the same bytes in a CERTIFICATE block are linted as a certificate:
	 * they do not decode as one */
	pem = pem_of(tbs, len, "CERTIFICATE", "");
	cr_assert(eq(int, smkilint_input_split(&in, ctx, (const uint8_t *)pem, strlen(pem)), 0));
	it = smkilint_input_item(in, 0);
	cr_expect(eq(int, it->kind, SMKILINT_ITEM_CERT));
	cr_assert(eq(int, smkilint_lint_item(&r, ctx, NULL, it, "cert.pem"), 0));
	cr_expect(eq(sz, count_id(r, "der.decode_failed"), 1));
	cr_expect(eq(sz, smkilint_report_skipped_count(r), 0));
	smkilint_report_free(r);
	smkilint_input_free(in);
	free(pem);
}

/* A DER input is a TBSCertificate when its first element is the [0]
 * version (or, v1, the serial INTEGER) where a certificate has its TBS
 * SEQUENCE: linted as one, with the same findings and skipped lints as
 * smkilint_lint_tbs_der; the signed certificate stays a certificate. */
Test(tbs, der_tbs_input_told_apart_by_structure, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	fg_ext_set_critical(&c->ext[FG_EXT_KU], FG_CRIT_ABSENT);
	size_t len;
	const uint8_t *tbs = tbs_of(c, &len);
	smkilint_input *in = NULL;
	cr_assert(eq(int, smkilint_input_split(&in, ctx, tbs, len), 0));
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	const smkilint_item *it = smkilint_input_item(in, 0);
	cr_assert(eq(ptr, (void *)it->error_lint, NULL));
	cr_expect(eq(int, it->kind, SMKILINT_ITEM_TBS));
	cr_expect(eq(int, it->is_pem, 0));
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_item(&r, ctx, NULL, it, "tbs.der"), 0), "%s", last_error());
	smkilint_report *direct = lint_tbs(NULL, tbs, len);
	cr_expect(eq(sz, smkilint_report_count(r), smkilint_report_count(direct)));
	cr_expect(eq(sz, smkilint_report_skipped_count(r), smkilint_report_skipped_count(direct)));
	cr_expect(gt(sz, smkilint_report_skipped_count(r), 0));
	cr_expect(eq(sz, count_id(r, "rfc5280.key_usage.not_critical"), 1), "the defect is found");
	smkilint_report_free(direct);
	smkilint_report_free(r);
	smkilint_input_free(in);

	/* version absent (v1): the serial INTEGER first */
	fg_remove(c->doc, c->version);
	tbs = tbs_of(c, &len);
	cr_assert(eq(int, smkilint_input_split(&in, ctx, tbs, len), 0));
	cr_expect(eq(int, smkilint_input_item(in, 0)->kind, SMKILINT_ITEM_TBS));
	smkilint_input_free(in);

	/* the whole certificate is a certificate */
	const uint8_t *der = fg_cert_der(c, &len);
	cr_assert(eq(int, smkilint_input_split(&in, ctx, der, len), 0));
	cr_expect(eq(int, smkilint_input_item(in, 0)->kind, SMKILINT_ITEM_CERT));
	smkilint_input_free(in);
}
