/*
 * Real SMKI certificates: the fixtures in tests/data/smki (see its README)
 * and, when the shared folder sits beside the checkout, the whole public
 * corpus. Expected offsets are found here by scanning the DER with gnutls
 * and memmem, not with the linter's own cursor.
 */
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "common.h"

#define DATA SMK_TEST_DATA "/smki/"
#define D1_DS DATA "org-z99-other-90b3d51f30010009-ds-20231220-173cfbf0.pem"
#define D1_KA DATA "org-z99-other-90b3d51f30010009-ka-20231220-6c274b2f.pem"
#define D2_DS DATA "device-rtds-e357-00db12345678909b-ds-nonder-signature.pem"
#define D2_KA DATA "device-rtds-e357-00db123456789023-ka-nonder-signature.pem"
#define D3 DATA "device-rtds-0001-00db123456789098-ka.pem"
#define ORG DATA "org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252.pem"
#define OCA DATA "ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem"
#define DEVICE DATA "device-rtds-e357-00db123456789001-ds.pem"

static const char *const fixtures[] = {D1_DS, D1_KA, D2_DS, D2_KA, D3, ORG, OCA, DEVICE};
#define N_FIXTURES (sizeof(fixtures) / sizeof(fixtures[0]))

static smkilint_ctx *ctx;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
}

static void teardown(void)
{
	smkilint_ctx_free(ctx);
}

static smkilint_report *lint_file(const char *path)
{
	size_t len;
	uint8_t *der = read_pem_cert(path, &len);
	smkilint_report *r = lint_bytes(ctx, der, len);
	free(der);
	return r;
}

static size_t count_fatal(const smkilint_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		n += smkilint_report_finding(r, i)->severity == SMKILINT_SEV_FATAL;
	return n;
}

/* Without an issuer certificate no signature can be checked: that notice is
 * the one finding a clean certificate gets. */
static size_t count_other_than_not_checked(const smkilint_report *r)
{
	return smkilint_report_count(r) - count_id(r, "smki.chain.signature_not_checked");
}

Test(fixtures, all_decode, .init = setup, .fini = teardown)
{
	for (size_t i = 0; i < N_FIXTURES; i++) {
		size_t len;
		uint8_t *der = read_pem_cert(fixtures[i], &len);
		struct smk_cert m;
		decode(&m, ctx, der, len);
		cr_expect(m.decoded, "%s: %s", fixtures[i], m.fatal_reason);
		smk_cert_free(&m);
		smkilint_report *r = lint_bytes(ctx, der, len);
		cr_expect(eq(sz, count_fatal(r), 0), "%s has a fatal finding", fixtures[i]);
		smkilint_report_free(r);
		free(der);
	}
}

/* Where the ECDSA s INTEGER starts, found without the linter: gnutls gives
 * the signature value, memmem places it in the DER, and its first two TLVs
 * are read by hand. */
static void locate_s(const uint8_t *der, size_t len, size_t *s_off, size_t *s_len)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len};
	cr_assert(eq(int, gnutls_x509_crt_init(&crt), 0));
	cr_assert(eq(int, gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER), 0));
	uint8_t sig[256];
	size_t sig_len = sizeof(sig);
	cr_assert(eq(int, gnutls_x509_crt_get_signature(crt, (char *)sig, &sig_len), 0));
	gnutls_x509_crt_deinit(crt);

	const uint8_t *at = memmem(der, len, sig, sig_len);
	cr_assert(ne(ptr, (void *)at, NULL));
	cr_assert(eq(ptr, memmem(at + 1, len - (size_t)(at + 1 - der), sig, sig_len), NULL), "signature found twice");
	/* 30 LL 02 rl r... 02 sl s...: short lengths, as in every P-256 signature */
	cr_assert(eq(u8, sig[0], 0x30));
	cr_assert(lt(u8, sig[1], 0x80));
	cr_assert(eq(u8, sig[2], 0x02));
	size_t s = 4 + sig[3];
	cr_assert(eq(u8, sig[s], 0x02));
	*s_off = (size_t)(at - der) + s;
	*s_len = 2 + sig[s + 1];
	/* and this s is not minimal: 00 before an octet without its top bit */
	cr_assert(eq(u8, sig[s + 2], 0x00));
	cr_assert(lt(u8, sig[s + 3], 0x80));
}

static void expect_d2(const char *path)
{
	size_t len, s_off, s_len;
	uint8_t *der = read_pem_cert(path, &len);
	locate_s(der, len, &s_off, &s_len);
	smkilint_report *r = lint_bytes(ctx, der, len);
	assert_finding(r, "der.integer_not_minimal", "signatureValue.ecdsaSigValue.s", s_off);
	cr_expect(eq(sz, find_one(r, "der.integer_not_minimal")->length, s_len));
	cr_expect(eq(sz, count_fatal(r), 0));
	smkilint_report_free(r);
	free(der);
}

Test(fixtures, d2_nonder_signature_ds, .init = setup, .fini = teardown)
{
	expect_d2(D2_DS);
}

Test(fixtures, d2_nonder_signature_ka, .init = setup, .fini = teardown)
{
	expect_d2(D2_KA);
}

static void expect_d1(const char *path)
{
	/* ecdsa-with-SHA256 with NULL parameters, as a whole AlgorithmIdentifier:
	 * once in the TBSCertificate, once after it */
	static const uint8_t alg_null[] = {0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48,
					   0xce, 0x3d, 0x04, 0x03, 0x02, 0x05, 0x00};
	size_t len;
	uint8_t *der = read_pem_cert(path, &len);
	const uint8_t *first = memmem(der, len, alg_null, sizeof(alg_null));
	cr_assert(ne(ptr, (void *)first, NULL));
	const uint8_t *second = memmem(first + 1, len - (size_t)(first + 1 - der), alg_null, sizeof(alg_null));
	cr_assert(ne(ptr, (void *)second, NULL));
	cr_assert(eq(ptr, memmem(second + 1, len - (size_t)(second + 1 - der), alg_null, sizeof(alg_null)), NULL));

	smkilint_report *r = lint_bytes(ctx, der, len);
	cr_assert(eq(sz, count_id(r, "rfc5758.ecdsa.params_present"), 2));
	const char *paths[] = {"tbsCertificate.signature.parameters", "signatureAlgorithm.parameters"};
	size_t offs[] = {(size_t)(first - der) + 12, (size_t)(second - der) + 12};
	size_t k = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (strcmp(f->lint, "rfc5758.ecdsa.params_present") != 0)
			continue;
		cr_expect(eq(str, (char *)f->path, (char *)paths[k]));
		cr_expect(eq(sz, f->offset, offs[k]));
		cr_expect(eq(sz, f->length, 2));
		cr_expect(eq(str, (char *)f->found, "NULL parameters"));
		k++;
	}
	/* identical fields, so no mismatch; nothing else wrong with them */
	cr_expect(eq(sz, count_id(r, "rfc5280.signature.algorithm_mismatch"), 0));
	cr_expect(eq(sz, count_other_than_not_checked(r), 2));
	smkilint_report_free(r);
	free(der);
}

Test(fixtures, d1_null_params_ds, .init = setup, .fini = teardown)
{
	expect_d1(D1_DS);
}

Test(fixtures, d1_null_params_ka, .init = setup, .fini = teardown)
{
	expect_d1(D1_KA);
}

Test(fixtures, d3_policies_not_critical, .init = setup, .fini = teardown)
{
	size_t len;
	uint8_t *der = read_pem_cert(D3, &len);

	/* gnutls' view of the extension ... */
	gnutls_x509_crt_t crt;
	gnutls_datum_t d = {der, (unsigned)len};
	cr_assert(eq(int, gnutls_x509_crt_init(&crt), 0));
	cr_assert(eq(int, gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER), 0));
	uint8_t buf[128];
	size_t buf_len = sizeof(buf);
	unsigned int critical = 1;
	cr_assert(eq(int, gnutls_x509_crt_get_extension_by_oid(crt, "2.5.29.32", 0, buf, &buf_len, &critical), 0));
	gnutls_x509_crt_deinit(crt);
	cr_assert(eq(uint, critical, 0));

	/* ... and the model's: not critical because the BOOLEAN is absent */
	struct smk_cert m;
	decode(&m, ctx, der, len);
	const struct smk_ext *e = m.known[SMK_EXT_CERT_POLICIES];
	cr_assert(ne(ptr, (void *)e, NULL));
	cr_expect(not(e->critical));
	cr_expect(not(e->critical_encoded));
	cr_expect(eq(sz, m.n_policies, 1));
	cr_expect(eq(str, (char *)m.policies[0].oid, "1.2.826.0.1.8641679.1.2.1.4"));
	smk_cert_free(&m);

	/* criticality is a profile rule: the generic lints have nothing to say */
	smkilint_report *r = lint_bytes(ctx, der, len);
	cr_expect(eq(sz, count_other_than_not_checked(r), 0));
	smkilint_report_free(r);
	free(der);
}

/* Lints of the core families that must pass on a clean certificate. */
static const char *const must_pass[] = {
	"rfc5280.version.not_v3_with_extensions", "rfc5280.version.unknown",
	"rfc5280.serial.not_positive", "rfc5280.serial.too_long",
	"rfc5280.unique_ids.present", "rfc5280.extensions.empty",
	"rfc5280.extensions.duplicate", "rfc5280.extensions.malformed",
	"rfc5280.signature.algorithm_mismatch", "rfc5758.ecdsa.params_present",
	"rfc5480.ec.not_named_curve", "rfc3279.ecdsa.signature_malformed",
	"rfc5280.validity.wrong_time_type", "rfc5280.validity.fractional_seconds",
	"rfc5280.validity.not_before_after_not_after", "der.integer_not_minimal",
	"der.length_not_minimal", "der.default_encoded", "der.named_bits_trailing_zero",
	"der.time_format", "der.set_not_sorted", "der.trailing_data",
};

static void expect_clean(const char *path)
{
	size_t len;
	uint8_t *der = read_pem_cert(path, &len);
	smkilint_report *r = lint_bytes(ctx, der, len);
	if (count_other_than_not_checked(r) != 0)
		log_report(r);
	cr_expect(eq(sz, count_other_than_not_checked(r), 0), "%s", path);
	smkilint_report_free(r);

	struct smk_cert m;
	decode(&m, ctx, der, len);
	for (size_t i = 0; i < sizeof(must_pass) / sizeof(must_pass[0]); i++) {
		r = smk_report_new(path, 0);
		enum smk_status st = smk_run_lint(smk_lint_by_id(must_pass[i]), &m, r);
		cr_expect(eq(int, st, SMK_PASS), "%s: %s", path, must_pass[i]);
		smkilint_report_free(r);
	}
	smk_cert_free(&m);
	free(der);
}

Test(fixtures, clean_organisation, .init = setup, .fini = teardown)
{
	expect_clean(ORG);
}

Test(fixtures, clean_oca, .init = setup, .fini = teardown)
{
	expect_clean(OCA);
}

Test(fixtures, clean_device, .init = setup, .fini = teardown)
{
	expect_clean(DEVICE);
}

Test(fixtures, clean_organisation_with_its_issuer, .init = setup, .fini = teardown)
{
	/* given the Z1 OCA, the signature is checked and nothing is left to say */
	size_t oca_len;
	uint8_t *oca = read_file(OCA, &oca_len);
	cr_assert(ne(ptr, oca, NULL));
	smkilint_issuers *iss = NULL;
	size_t added = 0;
	cr_assert(eq(int, smkilint_issuers_new(&iss), 0));
	cr_assert(eq(int, smkilint_issuers_add(iss, ctx, oca, oca_len, OCA, &added), 0));
	cr_assert(eq(sz, added, 1));
	cr_assert(eq(int, smkilint_ctx_set_issuers(ctx, iss), 0));

	smkilint_report *r = lint_file(ORG);
	if (smkilint_report_count(r) != 0)
		log_report(r);
	cr_expect(eq(sz, smkilint_report_count(r), 0));
	smkilint_report_free(r);

	smkilint_ctx_set_issuers(ctx, NULL);
	smkilint_issuers_free(iss);
	free(oca);
}

/* ------------------------------------------------------------- the corpus */

static struct {
	char **path;
	size_t n, cap;
} found;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t n = strlen(path);
	if (type != FTW_F || n < 4 || strcmp(path + n - 4, ".pem") != 0)
		return 0;
	if (found.n == found.cap) {
		size_t cap = found.cap ? 2 * found.cap : 512;
		char **p = realloc(found.path, cap * sizeof(*p));
		if (p == NULL)
			return 1;
		found.path = p;
		found.cap = cap;
	}
	found.path[found.n++] = strdup(path);
	return 0;
}

Test(corpus, every_public_certificate_decodes, .init = setup, .fini = teardown)
{
	const char *dir = SMK_SHARED_DIR "/corpus/smki-public";
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		cr_skip("%s is absent: the shared corpus is not beside this checkout", dir);
	cr_assert(eq(int, nftw(dir, collect, 16, FTW_PHYS), 0));
	/* its README: 62 curated files and 398 bulk device certificates */
	cr_expect(eq(sz, found.n, 460), "PEM files in %s", dir);

	size_t certs = 0;
	for (size_t i = 0; i < found.n; i++) {
		size_t len;
		uint8_t *data = read_file(found.path[i], &len);
		cr_assert(ne(ptr, data, NULL), "%s", found.path[i]);
		smkilint_input *in = NULL;
		cr_assert(eq(int, smkilint_input_split(&in, ctx, data, len), 0));
		for (size_t k = 0; k < smkilint_input_count(in); k++) {
			smkilint_report *r = NULL;
			const smkilint_item *it = smkilint_input_item(in, k);
			cr_assert(eq(int, smkilint_lint_item(&r, ctx, NULL, it, found.path[i]), 0));
			if (count_fatal(r) != 0)
				log_report(r);
			cr_expect(eq(sz, count_fatal(r), 0), "%s #%zu", found.path[i], k);
			smkilint_report_free(r);
			certs++;
		}
		smkilint_input_free(in);
		free(data);
		free(found.path[i]);
	}
	free(found.path);
	cr_expect(eq(sz, certs, 460));
}
