/*
 * PKCS #10 certification requests (issue 5, item 5): input recognition
 * (PEM labels, DER by structure), the decoded model, the encoding walk's
 * paths, the csr lint family (each lint fails once and passes once, N/A
 * where scope matters), which generic lints apply to requests, and the CSR
 * profiles (auto-detection, conforming requests clean, one finding per
 * mutation).
 *
 * Requests come from three places: a forge-built request signed with a
 * fresh gnutls P-256 key (one field changed at a time, offsets asserted),
 * requests made with gnutls' own gnutls_x509_crq_* API, and the fixtures of
 * tests/data/csr (openssl req / python3-cryptography; see its README).
 */
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "crypto.h"
#include "prof_common.h"

#define CSR_DATA SMK_SOURCE_ROOT "/tests/data/csr"

#define OID_ECDSA_SHA256 "1.2.840.10045.4.3.2"
#define OID_EC_PUBLIC_KEY "1.2.840.10045.2.1"
#define OID_PRIME256V1 "1.2.840.10045.3.1.7"
#define OID_CN "2.5.4.3"
#define OID_OU "2.5.4.11"
#define OID_UNIQUE_ID "2.5.4.45"
#define OID_HW_MODULE_NAME "1.3.6.1.5.5.7.8.4"
#define OID_RTDS_HW_TYPE "1.2.826.0.1.8641679.1.2.2.1"
#define OID_EXT_REQ "1.2.840.113549.1.9.14"
#define OID_CHALLENGE_PW "1.2.840.113549.1.9.7"

#define EXT_REQ_PATH "certificationRequestInfo.attributes[extensionRequest].values[0]"

static smkilint_ctx *ctx;
static gnutls_privkey_t key;
static uint8_t point[65];     /* the key's uncompressed point */

static void make_key(void)
{
	cr_assert(eq(int, gnutls_privkey_init(&key), 0));
	cr_assert(eq(int, gnutls_privkey_generate(key, GNUTLS_PK_ECDSA,
						  GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), 0));
	gnutls_ecc_curve_t curve;
	gnutls_datum_t x = {NULL, 0}, y = {NULL, 0};
	cr_assert(eq(int, gnutls_privkey_export_ecc_raw2(key, &curve, &x, &y, NULL, GNUTLS_EXPORT_FLAG_NO_LZ), 0));
	cr_assert(le(u32, x.size, 32));
	cr_assert(le(u32, y.size, 32));
	memset(point, 0, sizeof(point));
	point[0] = 0x04;
	memcpy(point + 1 + 32 - x.size, x.data, x.size);
	memcpy(point + 33 + 32 - y.size, y.data, y.size);
	gnutls_free(x.data);
	gnutls_free(y.data);
}

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	make_key();
}

static void teardown(void)
{
	gnutls_privkey_deinit(key);
	smkilint_ctx_free(ctx);
}

/* ------------------------------------------------------------- the forge */

/* A request built node by node (tests/forge), signed at encoding time over
 * the certificationRequestInfo with the test key: a test changes one node
 * and the proof of possession still verifies (unless `tamper`). */
struct fcsr {
	struct fg *g;
	struct fg_node *csr, *cri, *version, *subject, *spki, *spki_alg, *curve, *public_key;
	struct fg_node *cn, *ou, *uid;          /* organisation: the ATV values */
	struct fg_node *attrs;                  /* [0] */
	struct fg_node *ext_req, *ext_values, *ext_list;
	struct fg_ext ku, san;
	struct fg_node *sig_alg, *sig_value;
	bool tamper;                            /* flip the last signature octet after signing */
};

static struct fg_node *rdn(struct fg *g, const char *oid, struct fg_node *value)
{
	return fg_set(g, fg_atv(g, oid, value));
}

static struct fg_node *hw_module_san(struct fg *g)
{
	struct fg_node *hwmn = fg_seq(g, fg_oid(g, OID_RTDS_HW_TYPE), fg_prim_hex(g, 0x04, "00db123456789001"));
	struct fg_node *other = fg_cons(g, 0xa0, fg_oid(g, OID_HW_MODULE_NAME), fg_cons(g, 0xa0, hwmn, NULL), NULL);
	return fg_seq(g, other);
}

static struct fcsr *fcsr_new(struct fg *g, enum fg_kind kind)
{
	struct fcsr *r = calloc(1, sizeof(*r));
	cr_assert(ne(ptr, r, NULL));
	r->g = g;
	r->version = fg_int(g, 0);
	if (kind == FG_DEVICE) {
		r->subject = fg_cons(g, 0x30, NULL);
	} else {
		r->cn = fg_str(g, 0x0c, "GITTESTSUPPLIER");
		r->ou = fg_str(g, 0x0c, "02");
		r->uid = fg_bits(g, 0, "\x90\xb3\xd5\x1f\x30\x01\x00\x00", 8);
		r->subject = fg_seq(g, rdn(g, OID_CN, r->cn), rdn(g, OID_OU, r->ou), rdn(g, OID_UNIQUE_ID, r->uid));
	}
	r->curve = fg_oid(g, OID_PRIME256V1);
	r->spki_alg = fg_seq(g, fg_oid(g, OID_EC_PUBLIC_KEY), r->curve);
	uint8_t bits[66] = {0};
	memcpy(bits + 1, point, 65);
	r->public_key = fg_prim(g, 0x03, bits, sizeof(bits));
	r->spki = fg_seq(g, r->spki_alg, r->public_key);
	r->ku = fg_ext_new(g, "2.5.29.15", FG_CRIT_TRUE, fg_bits(g, 7, "\x80", 1));
	r->ext_list = fg_seq(g, r->ku.seq);
	if (kind == FG_DEVICE) {
		r->san = fg_ext_new(g, "2.5.29.17", FG_CRIT_TRUE, hw_module_san(g));
		fg_add(r->ext_list, r->san.seq);
	}
	r->ext_values = fg_set(g, r->ext_list);
	r->ext_req = fg_seq(g, fg_oid(g, OID_EXT_REQ), r->ext_values);
	r->attrs = fg_cons(g, 0xa0, r->ext_req, NULL);
	r->cri = fg_seq(g, r->version, r->subject, r->spki, r->attrs);
	r->sig_alg = fg_seq(g, fg_oid(g, OID_ECDSA_SHA256));
	r->sig_value = fg_prim(g, 0x03, "", 1);
	r->csr = fg_seq(g, r->cri, r->sig_alg, r->sig_value);
	return r;
}

/* Sign the certificationRequestInfo as it is now, then encode the whole. */
static const uint8_t *fcsr_der(struct fcsr *r, size_t *len)
{
	size_t n;
	const uint8_t *cri = fg_encode(r->g, r->cri, &n);
	gnutls_datum_t data = {(unsigned char *)cri, (unsigned)n}, sig = {NULL, 0};
	cr_assert(eq(int, gnutls_privkey_sign_data2(key, GNUTLS_SIGN_ECDSA_SHA256, 0, &data, &sig), 0));
	uint8_t buf[160];
	cr_assert(lt(u32, sig.size, sizeof(buf)));
	buf[0] = 0;   /* unused bits */
	memcpy(buf + 1, sig.data, sig.size);
	if (r->tamper)
		buf[sig.size] ^= 0x01;
	fg_set_data(r->sig_value, buf, 1 + sig.size);
	gnutls_free(sig.data);
	return fg_encode(r->g, r->csr, len);
}

static void fcsr_free(struct fcsr *r)
{
	free(r);
}

/* Lint with the whole pipeline (a profile or NULL); asserts success. */
static smkilint_report *lint_csr(const smkilint_profile *p, const uint8_t *der, size_t len)
{
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_csr_der(&r, ctx, p, der, len, "test.csr", 0), 0));
	cr_assert(ne(ptr, r, NULL));
	return r;
}

/* Decode as a request; asserts the structure decoded. */
static void decode_csr(struct smk_cert *c, const uint8_t *der, size_t len)
{
	memset(c, 0, sizeof(*c));
	smk_arena_init(&c->arena);
	cr_assert(eq(int, smk_decode_csr(c, ctx, der, len), 0));
	cr_assert(c->decoded, "the request decodes: %s", c->fatal_reason ? c->fatal_reason : "?");
}

/* Run one lint on a request; the report (findings of that lint) goes to *out. */
static enum smk_status run_on(const char *id, const uint8_t *der, size_t len, smkilint_report **out)
{
	const struct smk_lint *l = smk_lint_by_id(id);
	cr_assert(ne(ptr, (void *)l, NULL), "lint %s exists", id);
	struct smk_cert c;
	decode_csr(&c, der, len);
	smkilint_report *r = smk_report_new("test.csr", 0);
	cr_assert(ne(ptr, r, NULL));
	enum smk_status st = smk_run_lint(l, &c, r);
	smk_cert_free(&c);
	if (out != NULL)
		*out = r;
	else
		smkilint_report_free(r);
	return st;
}

static void assert_one(const smkilint_report *r, const char *id, const char *path, size_t off)
{
	const smkilint_finding *f = find_one(r, id);
	cr_assert(ne(ptr, (void *)f, NULL), "exactly one %s finding", id);
	cr_expect(eq(str, (char *)f->path, (char *)path), "path of %s", id);
	cr_expect(eq(sz, f->offset, off), "offset of %s", id);
}

/* ------------------------------------------------------------- inputs */

static const char *kind_of_pem(const char *label, const uint8_t *der, size_t len, int *kind)
{
	gnutls_datum_t in = {(unsigned char *)der, (unsigned)len}, pem = {NULL, 0};
	cr_assert(eq(int, gnutls_pem_base64_encode2(label, &in, &pem), 0));
	smkilint_input *split = NULL;
	cr_assert(eq(int, smkilint_input_split(&split, ctx, pem.data, pem.size), 0));
	cr_assert(eq(sz, smkilint_input_count(split), 1));
	const smkilint_item *it = smkilint_input_item(split, 0);
	*kind = it->kind;
	const char *err = it->error_lint;
	smkilint_input_free(split);
	gnutls_free(pem.data);
	return err;
}

Test(csr_input, pem_labels, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	int kind = -1;
	cr_expect(eq(ptr, (void *)kind_of_pem("CERTIFICATE REQUEST", der, len, &kind), NULL));
	cr_expect(eq(int, kind, SMKILINT_ITEM_CSR), "CERTIFICATE REQUEST (RFC 7468 §7)");
	cr_expect(eq(ptr, (void *)kind_of_pem("NEW CERTIFICATE REQUEST", der, len, &kind), NULL));
	cr_expect(eq(int, kind, SMKILINT_ITEM_CSR), "NEW CERTIFICATE REQUEST (Netscape/Microsoft)");
	cr_expect(eq(ptr, (void *)kind_of_pem("CERTIFICATE", der, len, &kind), NULL));
	cr_expect(eq(int, kind, SMKILINT_ITEM_CERT), "the label decides for PEM");
	fcsr_free(r);
	fg_free(g);
}

static int der_kind(const uint8_t *der, size_t len)
{
	smkilint_input *split = NULL;
	cr_assert(eq(int, smkilint_input_split(&split, ctx, der, len), 0));
	cr_assert(eq(sz, smkilint_input_count(split), 1));
	int kind = smkilint_input_item(split, 0)->kind;
	smkilint_input_free(split);
	return kind;
}

Test(csr_input, der_told_apart_by_structure, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_ORGANISATION);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	cr_expect(eq(int, der_kind(der, len), SMKILINT_ITEM_CSR), "4 elements, INTEGER first, [0] last");

	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	der = fg_cert_der(c, &len);
	cr_expect(eq(int, der_kind(der, len), SMKILINT_ITEM_CERT), "a certificate");

	/* a request without its [0] attributes is not recognised as one */
	fg_remove(r->cri, r->attrs);
	der = fcsr_der(r, &len);
	cr_expect(eq(int, der_kind(der, len), SMKILINT_ITEM_CERT), "3 elements");
	/* nor with a last element that is not [0] */
	fg_add(r->cri, fg_cons(g, 0xa1, NULL));
	der = fcsr_der(r, &len);
	cr_expect(eq(int, der_kind(der, len), SMKILINT_ITEM_CERT), "ends with [1]");
	fcsr_free(r);
	fg_free(g);
}

Test(csr_input, bundle_with_certificate_and_request, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	size_t clen, rlen;
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	const uint8_t *cder = fg_cert_der(c, &clen);
	gnutls_datum_t cin = {(unsigned char *)cder, (unsigned)clen}, cpem = {NULL, 0};
	cr_assert(eq(int, gnutls_pem_base64_encode2("CERTIFICATE", &cin, &cpem), 0));
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	const uint8_t *rder = fcsr_der(r, &rlen);
	gnutls_datum_t rin = {(unsigned char *)rder, (unsigned)rlen}, rpem = {NULL, 0};
	cr_assert(eq(int, gnutls_pem_base64_encode2("CERTIFICATE REQUEST", &rin, &rpem), 0));
	size_t n = cpem.size + rpem.size;
	uint8_t *bundle = malloc(n);
	cr_assert(ne(ptr, bundle, NULL));
	memcpy(bundle, cpem.data, cpem.size);
	memcpy(bundle + cpem.size, rpem.data, rpem.size);

	smkilint_profiles *set = shipped_set(ctx, true);
	smkilint_input *split = NULL;
	cr_assert(eq(int, smkilint_input_split(&split, ctx, bundle, n), 0));
	cr_assert(eq(sz, smkilint_input_count(split), 2));
	cr_expect(eq(int, smkilint_input_item(split, 0)->kind, SMKILINT_ITEM_CERT));
	cr_expect(eq(int, smkilint_input_item(split, 1)->kind, SMKILINT_ITEM_CSR));
	smkilint_report *rep = NULL;
	cr_assert(eq(int, smkilint_lint_item(&rep, ctx, smkilint_profiles_auto(set), smkilint_input_item(split, 1),
					     "bundle.pem"), 0));
	cr_expect(eq(str, (char *)smkilint_report_profile(rep), "smki-csr-device"));
	cr_expect(eq(sz, smkilint_report_index(rep), 1));
	smkilint_report_free(rep);
	smkilint_input_free(split);

	/* the streaming splitter gives the same kinds */
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "bundle.pem"), 0));
	cr_assert(eq(int, smkilint_stream_feed(s, bundle, n), 0));
	cr_assert(eq(int, smkilint_stream_finish(s), 0));
	int kinds[2] = {-1, -1};
	size_t k = 0;
	const smkilint_item *it;
	while (smkilint_stream_next(&it, s) == 0 && it != NULL && k < 2)
		kinds[k++] = it->kind;
	cr_expect(eq(sz, k, 2));
	cr_expect(eq(int, kinds[0], SMKILINT_ITEM_CERT));
	cr_expect(eq(int, kinds[1], SMKILINT_ITEM_CSR));
	smkilint_stream_free(s);

	smkilint_profiles_free(set);
	free(bundle);
	gnutls_free(cpem.data);
	gnutls_free(rpem.data);
	fcsr_free(r);
	fg_free(g);
}

/* ------------------------------------------------------------- the model */

Test(csr_model, decoded_fields, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	struct smk_cert c;
	decode_csr(&c, der, len);
	cr_expect(c.is_csr);
	cr_expect(eq(int, c.version, 0));
	cr_expect(eq(str, (char *)c.version_loc.path, "certificationRequestInfo.version"));
	/* tbs is the signed part: the certificationRequestInfo TLV */
	cr_expect(eq(sz, (size_t)(c.tbs.p - der), fg_off(r->cri)));
	cr_expect(eq(sz, c.tbs.len, fg_size(r->cri)));
	cr_expect(eq(str, (char *)c.tbs_loc.path, "certificationRequestInfo"));
	/* one AlgorithmIdentifier, seen as both fields */
	cr_expect(eq(ptr, (void *)c.sig_alg.raw.p, (void *)c.tbs_sig_alg.raw.p));
	cr_expect(eq(int, c.sig_alg.id, SMK_OID_ECDSA_SHA256));
	cr_expect(eq(str, (char *)c.sig.loc.path, "signature"));
	cr_expect(c.sig.ecdsa_decoded);
	/* absent things stay absent */
	cr_expect(eq(sz, c.issuer.n_rdn, 0));
	cr_expect(eq(sz, c.issuer.raw.len, 0));
	cr_expect(eq(sz, c.serial.len, 0));
	cr_expect(not(c.not_before.valid));
	cr_expect(not(c.not_after.valid));
	cr_expect(eq(sz, c.subject.n_rdn, 0));
	cr_expect(eq(str, (char *)c.spki.key_loc.path, "certificationRequestInfo.subjectPKInfo.subjectPublicKey"));
	cr_expect(eq(int, c.spki.curve, SMK_OID_PRIME256V1));
	cr_expect(eq(sz, c.spki.key.len, 65));
	/* the attributes and the requested extensions */
	cr_assert(eq(sz, c.n_attrs, 1));
	cr_expect(eq(ptr, (void *)c.ext_req, (void *)&c.attrs[0]));
	cr_expect(eq(str, (char *)c.attrs[0].name, "extensionRequest"));
	cr_expect(eq(sz, c.attrs[0].n_values, 1));
	cr_expect(c.ext_req_decoded);
	cr_expect(c.has_extensions);
	cr_assert(eq(sz, c.n_ext, 2));
	const struct smk_ext *ku = c.known[SMK_EXT_KEY_USAGE], *san = c.known[SMK_EXT_SAN];
	cr_assert(ne(ptr, (void *)ku, NULL));
	cr_assert(ne(ptr, (void *)san, NULL));
	cr_expect(eq(str, (char *)ku->loc.path, EXT_REQ_PATH "[keyUsage]"));
	cr_expect(eq(sz, ku->loc.off, fg_off(r->ku.seq)));
	cr_expect(ku->critical && ku->decoded);
	cr_expect(eq(u32, c.ku.bits, 1u << SMK_KU_DIGITAL_SIGNATURE));
	cr_expect(eq(str, (char *)san->value_loc.path, EXT_REQ_PATH "[subjectAltName].extnValue"));
	cr_assert(eq(sz, c.n_san, 1));
	cr_expect(c.san[0].hw_ok);
	cr_expect(eq(str, (char *)c.san[0].hw_type, OID_RTDS_HW_TYPE));
	cr_expect(eq(sz, c.san[0].hw_serial.len, 8));
	cr_expect(eq(sz, c.n_defects, 0));
	smk_cert_free(&c);
	fcsr_free(r);
	fg_free(g);
}

Test(csr_model, without_attributes_there_are_no_extensions, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_ORGANISATION);
	fg_remove(r->attrs, r->ext_req);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	struct smk_cert c;
	decode_csr(&c, der, len);
	cr_expect(eq(sz, c.n_attrs, 0));
	cr_expect(eq(ptr, (void *)c.ext_req, NULL));
	cr_expect(not(c.has_extensions));
	cr_expect(eq(sz, c.n_ext, 0));
	cr_expect(eq(ptr, (void *)c.known[SMK_EXT_KEY_USAGE], NULL));
	cr_expect(eq(sz, c.subject.n_atv, 3));
	cr_expect(eq(str, (char *)c.subject.atv[1].value_loc.path, "certificationRequestInfo.subject.rdnSequence[1][0].value"));
	smk_cert_free(&c);
	fcsr_free(r);
	fg_free(g);
}

Test(csr_model, proof_of_possession_with_smk_verify_signature, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	struct smk_cert c;
	decode_csr(&c, der, len);
	cr_expect(eq(int, smk_verify_signature(&c, &c.spki), 1));
	smk_cert_free(&c);
	r->tamper = true;
	der = fcsr_der(r, &len);
	decode_csr(&c, der, len);
	cr_expect(eq(int, smk_verify_signature(&c, &c.spki), 0));
	smk_cert_free(&c);
	fcsr_free(r);
	fg_free(g);
}

/* ------------------------------------------------------------- undecodable */

Test(csr_decode, missing_attributes_is_fatal, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	fg_remove(r->cri, r->attrs);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	smkilint_report *rep = lint_csr(NULL, der, len);
	const smkilint_finding *f = find_one(rep, "der.decode_failed");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_FATAL));
	cr_expect(eq(str, (char *)f->expected, "a DER PKCS #10 CertificationRequest"));
	cr_expect(eq(int, strncmp(f->message, "certification request cannot be decoded", 39), 0), "%s", f->message);
	cr_expect(eq(int, strncmp(f->path, "certificationRequest", 20), 0), "%s", f->path);
	smkilint_report_free(rep);
	fcsr_free(r);
	fg_free(g);
}

Test(csr_decode, broken_length_names_the_request, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	size_t len;
	fcsr_der(r, &len);
	r->subject->len_delta = 200;   /* the subject runs past the certificationRequestInfo */
	const uint8_t *der = fg_encode(g, r->csr, &len);
	smkilint_report *rep = lint_csr(NULL, der, len);
	const smkilint_finding *f = find_one(rep, "der.decode_failed");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->path, "certificationRequestInfo[1]"), "%s", f->path);
	cr_expect(eq(sz, f->offset, fg_off(r->subject)));
	smkilint_report_free(rep);
	fcsr_free(r);
	fg_free(g);
}

/* ------------------------------------------------------------- the csr family */

enum mut {
	M_NONE,
	M_VERSION_1,
	M_TAMPER,
	M_COMPRESSED,
	M_EMPTY_ATTRIBUTE,
	M_EXT_REQ_NOT_EXTENSIONS,
	M_EXT_REQ_TWO_VALUES,
	M_EXT_REQ_TWICE,
	M_NO_ATTRIBUTES,
};

/* Apply a mutation; returns the node the finding must point at (NULL: none). */
static struct fg_node *mutate(struct fcsr *r, enum mut m)
{
	struct fg *g = r->g;
	switch (m) {
	case M_NONE:
		return NULL;
	case M_VERSION_1:
		fg_set_hex(r->version, "01");
		return r->version;
	case M_TAMPER:
		r->tamper = true;
		return r->sig_value;
	case M_COMPRESSED: {
		uint8_t bits[34];
		bits[0] = 0;
		bits[1] = (uint8_t)(0x02 | (point[64] & 1));
		memcpy(bits + 2, point + 1, 32);
		fg_set_data(r->public_key, bits, sizeof(bits));
		return r->sig_value;
	}
	case M_EMPTY_ATTRIBUTE: {
		struct fg_node *set = fg_cons(g, 0x31, NULL);
		fg_insert_before(r->attrs, r->ext_req, fg_seq(g, fg_oid(g, OID_CHALLENGE_PW), set));
		return set;
	}
	case M_EXT_REQ_NOT_EXTENSIONS: {
		struct fg_node *v = fg_int(g, 5);
		fg_replace(r->attrs, r->ext_list, v);
		return v;
	}
	case M_EXT_REQ_TWO_VALUES:
		fg_add(r->ext_values, fg_clone(r->ext_list));
		return r->ext_values;
	case M_EXT_REQ_TWICE: {
		struct fg_node *again = fg_clone(r->ext_req);
		fg_add(r->attrs, again);
		return again;
	}
	case M_NO_ATTRIBUTES:
		fg_remove(r->attrs, r->ext_req);
		return NULL;
	}
	return NULL;
}

struct csr_case {
	const char *name;
	const char *lint;
	enum mut mut;
	enum smk_status status;
	const char *path;        /* of the finding, when status is SMK_FAIL */
};

static const struct csr_case csr_cases[] = {
	{"version 0", "csr.version_v1", M_NONE, SMK_PASS, NULL},
	{"version 1", "csr.version_v1", M_VERSION_1, SMK_FAIL, "certificationRequestInfo.version"},
	{"signature verifies", "csr.signature_valid", M_NONE, SMK_PASS, NULL},
	{"signature octet flipped", "csr.signature_valid", M_TAMPER, SMK_FAIL, "signature"},
	{"compressed key: not checkable", "csr.signature_valid", M_COMPRESSED, SMK_NA, NULL},
	{"P-256 ECDSA checked", "csr.signature_not_checked", M_NONE, SMK_PASS, NULL},
	{"flipped signature was checked", "csr.signature_not_checked", M_TAMPER, SMK_PASS, NULL},
	{"compressed key", "csr.signature_not_checked", M_COMPRESSED, SMK_FAIL, "signature"},
	{"every attribute has a value", "csr.attribute_values_empty", M_NONE, SMK_PASS, NULL},
	{"challengePassword without value", "csr.attribute_values_empty", M_EMPTY_ATTRIBUTE, SMK_FAIL,
	 "certificationRequestInfo.attributes[challengePassword].values"},
	{"no attributes", "csr.attribute_values_empty", M_NO_ATTRIBUTES, SMK_NA, NULL},
	{"extensionRequest is Extensions", "csr.extension_request_malformed", M_NONE, SMK_PASS, NULL},
	{"extensionRequest is an INTEGER", "csr.extension_request_malformed", M_EXT_REQ_NOT_EXTENSIONS, SMK_FAIL,
	 EXT_REQ_PATH},
	{"no extensionRequest", "csr.extension_request_malformed", M_NO_ATTRIBUTES, SMK_NA, NULL},
	{"one extensionRequest value", "csr.extension_request_not_single", M_NONE, SMK_PASS, NULL},
	{"two extensionRequest values", "csr.extension_request_not_single", M_EXT_REQ_TWO_VALUES, SMK_FAIL,
	 "certificationRequestInfo.attributes[extensionRequest].values"},
	{"two extensionRequest attributes", "csr.extension_request_not_single", M_EXT_REQ_TWICE, SMK_FAIL,
	 "certificationRequestInfo.attributes[extensionRequest]"},
	{"no extensionRequest (not single)", "csr.extension_request_not_single", M_NO_ATTRIBUTES, SMK_NA, NULL},
};
#define N_CSR_CASES (sizeof(csr_cases) / sizeof(csr_cases[0]))

ParameterizedTestParameters(csr_lints, each)
{
	return cr_make_param_array(size_t, case_indexes(N_CSR_CASES), N_CSR_CASES, free_case_indexes);
}

ParameterizedTest(size_t *i, csr_lints, each, .init = setup, .fini = teardown)
{
	const struct csr_case *k = &csr_cases[*i];
	struct fg *g = fg_new();
	for (int kind = FG_DEVICE; kind <= FG_ORGANISATION; kind++) {
		struct fcsr *r = fcsr_new(g, (enum fg_kind)kind);
		struct fg_node *at = mutate(r, k->mut);
		size_t len;
		const uint8_t *der = fcsr_der(r, &len);
		smkilint_report *rep = NULL;
		enum smk_status st = run_on(k->lint, der, len, &rep);
		cr_expect(eq(int, st, k->status), "%s (%s): %s: status %d", k->name, kind == FG_DEVICE ? "device" : "org",
			  k->lint, st);
		if (k->status == SMK_FAIL) {
			cr_assert(ne(ptr, at, NULL));
			assert_one(rep, k->lint, k->path, fg_off(at));
		} else {
			cr_expect(eq(sz, smkilint_report_count(rep), 0), "%s: no finding", k->name);
		}
		smkilint_report_free(rep);
		fcsr_free(r);
	}
	fg_free(g);
}

Test(csr_lints, every_csr_lint_fails_and_passes_here)
{
	for (size_t i = 0; i < smkilint_lint_count(); i++) {
		const char *id = smkilint_lint_get(i)->id;
		if (strcmp(smkilint_lint_family(i), "csr") != 0)
			continue;
		bool fail = false, pass = false;
		for (size_t k = 0; k < N_CSR_CASES; k++) {
			if (strcmp(csr_cases[k].lint, id) != 0)
				continue;
			fail = fail || csr_cases[k].status == SMK_FAIL;
			pass = pass || csr_cases[k].status == SMK_PASS;
		}
		cr_expect(fail && pass, "csr lint %s has a failing and a passing case", id);
	}
}

/* The whole pipeline reports a bad proof of possession once, with no
 * profile, and the conforming request not at all. */
Test(csr_lints, pipeline_reports_pop_failure, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_ORGANISATION);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	smkilint_report *rep = lint_csr(NULL, der, len);
	log_report(rep);
	cr_expect(eq(sz, smkilint_report_count(rep), 0), "a conforming request has no generic finding");
	smkilint_report_free(rep);
	r->tamper = true;
	der = fcsr_der(r, &len);
	rep = lint_csr(NULL, der, len);
	assert_one(rep, "csr.signature_valid", "signature", fg_off(r->sig_value));
	cr_expect(eq(sz, smkilint_report_count(rep), 1));
	smkilint_report_free(rep);
	fcsr_free(r);
	fg_free(g);
}

/* ------------------------------------------------------------- scope */

Test(csr_scope, certificate_lints_are_not_applicable, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	struct smk_cert c;
	decode_csr(&c, der, len);
	size_t n_cert_only = 0;
	for (size_t f = 0; f < smk_n_families; f++) {
		for (size_t i = 0; i < smk_families[f]->n; i++) {
			const struct smk_lint *l = &smk_families[f]->lints[i];
			smkilint_report *rep = smk_report_new("test.csr", 0);
			enum smk_status st = smk_run_lint(l, &c, rep);
			if (!smk_lint_applies(l, &c)) {
				n_cert_only++;
				cr_expect(eq(int, st, SMK_NA), "certificate lint %s is N/A on a request", l->info.id);
			} else {
				cr_expect(ne(int, st, SMK_FAIL), "lint %s passes on a conforming request", l->info.id);
			}
			cr_expect(eq(sz, smkilint_report_count(rep), 0), "%s: no finding", l->info.id);
			smkilint_report_free(rep);
		}
	}
	cr_expect(gt(sz, n_cert_only, 20), "serial, validity, issuer, AKI, chain, ... lints are certificate-only");
	smk_cert_free(&c);
	fcsr_free(r);
	fg_free(g);
}

Test(csr_scope, csr_lints_are_not_applicable_to_certificates, .init = setup, .fini = teardown)
{
	struct fg *g = fg_new();
	struct fg_cert *fc = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fg_cert_der(fc, &len);
	struct smk_cert c;
	decode(&c, ctx, der, len);
	for (size_t i = 0; i < smk_family_csr.n; i++) {
		smkilint_report *rep = smk_report_new("test", 0);
		cr_expect(eq(int, smk_run_lint(&smk_family_csr.lints[i], &c, rep), SMK_NA), "%s",
			  smk_family_csr.lints[i].info.id);
		smkilint_report_free(rep);
	}
	smk_cert_free(&c);
	fg_free(g);
}

static unsigned scope_of(const char *id)
{
	for (size_t i = 0; i < smkilint_lint_count(); i++)
		if (strcmp(smkilint_lint_get(i)->id, id) == 0)
			return smkilint_lint_scope(i);
	cr_assert(false, "no lint %s", id);
	return 0;
}

Test(csr_scope, public_scope)
{
	cr_expect(eq(u32, scope_of("csr.version_v1"), SMKILINT_SCOPE_CSR));
	cr_expect(eq(u32, scope_of("rfc5280.serial.not_positive"), SMKILINT_SCOPE_CERT));
	cr_expect(eq(u32, scope_of("rfc5280.name.issuer_empty"), SMKILINT_SCOPE_CERT));
	cr_expect(eq(u32, scope_of("smki.chain.signature_valid"), SMKILINT_SCOPE_CERT));
	cr_expect(eq(u32, scope_of("der.length_not_minimal"), SMKILINT_SCOPE_CERT | SMKILINT_SCOPE_CSR));
	cr_expect(eq(u32, scope_of("rfc5758.ecdsa.params_present"), SMKILINT_SCOPE_CERT | SMKILINT_SCOPE_CSR));
	cr_expect(eq(u32, scope_of("rfc5280.key_usage.no_bits"), SMKILINT_SCOPE_CERT | SMKILINT_SCOPE_CSR));
	cr_expect(eq(u32, smkilint_lint_scope(smkilint_lint_count()), 0));
	for (size_t i = 0; i < smkilint_lint_count(); i++)
		cr_expect(ne(u32, smkilint_lint_scope(i), 0), "%s has a scope", smkilint_lint_get(i)->id);
}

/* Generic lints that apply to requests find their defect once, at the
 * request's path (one AlgorithmIdentifier is not reported twice). */
struct generic_case {
	const char *name;
	const char *lint;
	const char *path;
};

static struct fg_node *generic_mutation(struct fcsr *r, size_t i)
{
	struct fg *g = r->g;
	switch (i) {
	case 0: {   /* NULL ECDSA parameters */
		struct fg_node *null = fg_prim(g, 0x05, NULL, 0);
		fg_add(r->sig_alg, null);
		return null;
	}
	case 1:     /* critical FALSE encoded in a requested extension */
		fg_ext_set_critical(&r->ku, FG_CRIT_FALSE);
		return r->ku.critical;
	case 2: {   /* keyUsage with a trailing zero bit */
		struct fg_node *bits = fg_bits(g, 0, "\x80", 1);
		fg_replace(r->ku.value, r->ku.inner, bits);
		r->ku.inner = bits;
		return bits;
	}
	case 3: {   /* keyUsage requested twice */
		struct fg_ext again = fg_ext_new(g, "2.5.29.15", FG_CRIT_TRUE, fg_bits(g, 3, "\x08", 1));
		fg_add(r->ext_list, again.seq);
		return again.seq;
	}
	case 4: {   /* keyUsage that is not a BIT STRING */
		struct fg_node *v = fg_int(g, 1);
		fg_replace(r->ku.value, r->ku.inner, v);
		r->ku.inner = v;
		return r->ku.value;
	}
	case 5: {   /* attributes not in DER SET OF order */
		struct fg_node *pw = fg_seq(g, fg_oid(g, OID_CHALLENGE_PW), fg_set(g, fg_str(g, 0x13, "x")));
		fg_add(r->attrs, pw);   /* shorter, so it sorts before the extensionRequest */
		return pw;
	}
	case 6: {   /* keyUsage with no bit */
		struct fg_node *bits = fg_bits(g, 0, NULL, 0);
		fg_replace(r->ku.value, r->ku.inner, bits);
		r->ku.inner = bits;
		return r->ku.value;
	}
	}
	return NULL;
}

static const struct generic_case generic_cases[] = {
	{"NULL ECDSA parameters", "rfc5758.ecdsa.params_present", "signatureAlgorithm.parameters"},
	{"critical FALSE encoded", "der.default_encoded", EXT_REQ_PATH "[keyUsage].critical"},
	{"keyUsage trailing zero bits", "der.named_bits_trailing_zero", EXT_REQ_PATH "[keyUsage].extnValue"},
	{"keyUsage twice", "rfc5280.extensions.duplicate", EXT_REQ_PATH "[keyUsage]"},
	{"keyUsage not a BIT STRING", "rfc5280.extensions.malformed", EXT_REQ_PATH "[keyUsage].extnValue"},
	{"attributes unsorted", "der.set_not_sorted", "certificationRequestInfo.attributes[1]"},
	{"keyUsage without bits", "rfc5280.key_usage.no_bits", EXT_REQ_PATH "[keyUsage].extnValue"},
};

Test(csr_scope, generic_lints_find_defects_in_requests, .init = setup, .fini = teardown)
{
	for (size_t i = 0; i < sizeof(generic_cases) / sizeof(generic_cases[0]); i++) {
		const struct generic_case *k = &generic_cases[i];
		struct fg *g = fg_new();
		struct fcsr *r = fcsr_new(g, FG_DEVICE);
		struct fg_node *at = generic_mutation(r, i);
		size_t len;
		const uint8_t *der = fcsr_der(r, &len);
		smkilint_report *rep = lint_csr(NULL, der, len);
		const smkilint_finding *f = find_one(rep, k->lint);
		cr_expect(ne(ptr, (void *)f, NULL), "%s: exactly one %s", k->name, k->lint);
		if (f != NULL) {
			cr_expect(eq(str, (char *)f->path, (char *)k->path), "%s: path", k->name);
			size_t off = i == 4 || i == 6 ? fg_body_off(at) : fg_off(at);
			cr_expect(eq(sz, f->offset, off), "%s: offset", k->name);
		}
		smkilint_report_free(rep);
		fcsr_free(r);
		fg_free(g);
	}
}

/* ------------------------------------------------------------- profiles */

static smkilint_profiles *set;

static void psetup(void)
{
	setup();
	set = shipped_set(ctx, true);
}

static void pteardown(void)
{
	smkilint_profiles_free(set);
	teardown();
}

Test(csr_profiles, shipped_and_listed, .init = psetup, .fini = pteardown)
{
	const smkilint_profile *d = must_find(set, "smki-csr-device");
	const smkilint_profile *o = must_find(set, "smki-csr-organisation");
	cr_expect(eq(str, (char *)smkilint_profile_kind(d), "csr-device"));
	cr_expect(eq(str, (char *)smkilint_profile_kind(o), "csr-organisation"));
	cr_expect(eq(int, smkilint_profile_flags(d), 0), "not opt-in, not abstract: auto-detection uses it");
	cr_expect(eq(int, smkilint_profile_flags(o), 0));
	/* derived from the certificate profiles, CA-set rules switched off */
	cr_expect(rule_of(d, "smki.common.aki_present")->disabled);
	cr_expect(rule_of(d, "smki.device.notafter_forever")->disabled);
	cr_expect(not(rule_of(d, "smki.device.subject_empty")->disabled));
	cr_expect(rule_of(d, "smki.device.san_present")->disabled);
	cr_expect(eq(int, rule_of(d, "smki.csr.device.san_requested")->severity, SMKILINT_SEV_WARNING));
	cr_expect(rule_of(o, "smki.common.policies_present")->disabled);
	cr_expect(not(rule_of(o, "smki.org.subject_uid_eui64")->disabled));
	cr_expect(ne(ptr, (void *)smkilint_profile_naming_id(o), NULL), "the naming convention is inherited");
}

static smkilint_report *lint_auto(const uint8_t *der, size_t len)
{
	return lint_csr(smkilint_profiles_auto(set), der, len);
}

Test(csr_profiles, forged_requests_detected_and_clean, .init = psetup, .fini = pteardown)
{
	static const char *const want[] = {"smki-csr-device", "smki-csr-organisation"};
	for (int kind = FG_DEVICE; kind <= FG_ORGANISATION; kind++) {
		struct fg *g = fg_new();
		struct fcsr *r = fcsr_new(g, (enum fg_kind)kind);
		size_t len;
		const uint8_t *der = fcsr_der(r, &len);
		smkilint_report *rep = lint_auto(der, len);
		cr_expect(eq(str, (char *)smkilint_report_profile(rep), (char *)want[kind]));
		cr_expect(ne(ptr, strstr(smkilint_report_profile_reason(rep), "certification request"), NULL), "%s",
			  smkilint_report_profile_reason(rep));
		cr_expect(eq(sz, log_errors_warnings(rep, want[kind]), 0));
		cr_expect(eq(sz, smkilint_report_count(rep), 0));
		smkilint_report_free(rep);
		fcsr_free(r);
		fg_free(g);
	}
}

Test(csr_profiles, device_request_without_san_is_still_a_device, .init = psetup, .fini = pteardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	fg_remove(r->ext_list, r->san.seq);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	smkilint_report *rep = lint_auto(der, len);
	cr_expect(eq(str, (char *)smkilint_report_profile(rep), "smki-csr-device"));
	const smkilint_finding *f = the_finding(rep, "smki.csr.device.san_requested");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING), "inferred: a warning");
	cr_expect(eq(sz, smkilint_report_count(rep), 1));
	smkilint_report_free(rep);
	fcsr_free(r);
	fg_free(g);
}

Test(csr_profiles, subject_without_role_matches_no_profile, .init = psetup, .fini = pteardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_DEVICE);
	struct fg_node *subject = fg_seq(g, rdn(g, OID_CN, fg_str(g, 0x13, "00DB123456789001")));
	fg_replace(r->cri, r->subject, subject);
	r->subject = subject;
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	smkilint_report *rep = lint_auto(der, len);
	cr_expect(eq(ptr, (void *)smkilint_report_profile(rep), NULL));
	assert_one(rep, "profile.none_matched", "certificationRequestInfo.subject", fg_off(subject));
	smkilint_report_free(rep);
	/* named explicitly, the device profile wants the subject empty */
	rep = lint_csr(must_find(set, "smki-csr-device"), der, len);
	assert_one(rep, "smki.device.subject_empty", "certificationRequestInfo.subject", fg_off(subject));
	cr_expect(eq(sz, count_id(rep, "profile.kind_mismatch"), 0));
	smkilint_report_free(rep);
	fcsr_free(r);
	fg_free(g);
}

/* One mutation, one finding of the profile (and `also`, which the change
 * implies). */
struct prof_case {
	const char *name;
	enum fg_kind kind;
	const char *id;
	smkilint_severity sev;
	const char *also;
};

/* The supplier's CN is allowed on digitalSignature requests only (naming
 * convention): drop it where a case changes the role or the key usage. */
static void drop_cn(struct fcsr *r)
{
	fg_remove(r->subject, r->subject->kid[0]);
	r->cn = NULL;
}

static struct fg_node *prof_mutation(struct fcsr *r, size_t i)
{
	struct fg *g = r->g;
	switch (i) {
	case 0:   /* device: two key usages */
	case 1: { /* organisation: two key usages */
		if (r->cn != NULL)
			drop_cn(r);
		struct fg_node *bits = fg_bits(g, 3, "\x88", 1);
		fg_replace(r->ku.value, r->ku.inner, bits);
		r->ku.inner = bits;
		return r->ku.value;
	}
	case 2:   /* device: SAN not critical */
		fg_ext_set_critical(&r->san, FG_CRIT_ABSENT);
		return r->san.id;
	case 3: { /* device: two names in the SAN */
		struct fg_node *san = hw_module_san(g);
		fg_add(san, fg_prim(g, 0x82, "device.example", 14));
		fg_replace(r->san.value, r->san.inner, san);
		r->san.inner = san;
		return r->san.value;
	}
	case 4: { /* organisation: the CA's extension requested */
		struct fg_ext aki = fg_ext_new(g, "2.5.29.35", FG_CRIT_ABSENT, fg_seq(g, fg_prim_hex(g, 0x80, "4f5688d7ec933be2")));
		fg_add(r->ext_list, aki.seq);
		return aki.seq;
	}
	case 5: { /* organisation: role 07 */
		drop_cn(r);
		struct fg_node *ou = fg_str(g, 0x0c, "07");
		fg_replace(r->subject, r->ou, ou);
		r->ou = ou;
		return ou;
	}
	case 6: { /* organisation: uniqueIdentifier of 48 bits */
		struct fg_node *uid = fg_bits(g, 0, "\x90\xb3\xd5\x1f\x30\x01", 6);
		fg_replace(r->subject, r->uid, uid);
		r->uid = uid;
		return uid;
	}
	case 7: { /* organisation: a CN on a keyAgreement request (naming convention) */
		struct fg_node *bits = fg_bits(g, 3, "\x08", 1);
		fg_replace(r->ku.value, r->ku.inner, bits);
		r->ku.inner = bits;
		return r->subject;   /* the finding points at the commonName attribute */
	}
	case 8: { /* device: NULL signature parameters */
		struct fg_node *null = fg_prim(g, 0x05, NULL, 0);
		fg_add(r->sig_alg, null);
		return null;
	}
	case 9: { /* device: wrong curve OID (secp384r1) with the P-256 point */
		struct fg_node *curve = fg_oid(g, "1.3.132.0.34");
		fg_replace(r->spki_alg, r->curve, curve);
		r->curve = curve;
		return curve;
	}
	case 10: { /* device: a compressed point */
		uint8_t bits[34];
		bits[0] = 0;
		bits[1] = (uint8_t)(0x02 | (point[64] & 1));
		memcpy(bits + 2, point + 1, 32);
		fg_set_data(r->public_key, bits, sizeof(bits));
		return r->public_key;
	}
	case 11:  /* organisation: the requested keyUsage not critical */
		fg_ext_set_critical(&r->ku, FG_CRIT_ABSENT);
		return r->ku.id;
	case 12: { /* device: basicConstraints requested */
		struct fg_ext bc = fg_ext_new(g, "2.5.29.19", FG_CRIT_TRUE, fg_seq(g, fg_bool(g, true)));
		fg_add(r->ext_list, bc.seq);
		return bc.seq;
	}
	}
	return NULL;
}

static const struct prof_case prof_cases[] = {
	{"device two key usages", FG_DEVICE, "smki.device.keyusage_single_ds_or_ka", SMKILINT_SEV_ERROR, NULL},
	{"organisation two key usages", FG_ORGANISATION, "smki.org.keyusage_single", SMKILINT_SEV_ERROR, NULL},
	{"device SAN not critical", FG_DEVICE, "smki.csr.device.san_critical", SMKILINT_SEV_WARNING, NULL},
	{"device two SAN names", FG_DEVICE, "smki.device.san_single_name", SMKILINT_SEV_ERROR,
	 "smki.device.san_hwmodulename_present"},
	{"organisation requests an AKI", FG_ORGANISATION, "smki.csr.org.no_unexpected_extensions", SMKILINT_SEV_WARNING,
	 NULL},
	{"organisation role 07", FG_ORGANISATION, "smki.org.subject_ou_not_ca_role", SMKILINT_SEV_ERROR, NULL},
	{"organisation 48-bit uniqueIdentifier", FG_ORGANISATION, "smki.org.subject_uid_eui64", SMKILINT_SEV_ERROR,
	 NULL},
	{"organisation CN on keyAgreement", FG_ORGANISATION, "smki.org.subject_cn_convention", SMKILINT_SEV_WARNING,
	 NULL},
	{"device NULL parameters", FG_DEVICE, "smki.common.sig_alg_params_absent", SMKILINT_SEV_ERROR, NULL},
	{"device secp384r1", FG_DEVICE, "smki.common.spki_p256", SMKILINT_SEV_ERROR, NULL},
	{"device compressed point", FG_DEVICE, "smki.common.spki_uncompressed", SMKILINT_SEV_ERROR, NULL},
	{"organisation keyUsage not critical", FG_ORGANISATION, "smki.csr.keyusage_critical", SMKILINT_SEV_WARNING,
	 NULL},
	{"device requests basicConstraints", FG_DEVICE, "smki.device.no_basic_constraints", SMKILINT_SEV_WARNING,
	 "smki.csr.device.no_unexpected_extensions"},
};

Test(csr_profiles, one_mutation_one_rule, .init = psetup, .fini = pteardown)
{
	for (size_t i = 0; i < sizeof(prof_cases) / sizeof(prof_cases[0]); i++) {
		const struct prof_case *k = &prof_cases[i];
		struct fg *g = fg_new();
		struct fcsr *r = fcsr_new(g, k->kind);
		struct fg_node *at = prof_mutation(r, i);
		size_t len;
		const uint8_t *der = fcsr_der(r, &len);
		smkilint_report *rep = lint_auto(der, len);
		const smkilint_finding *f = the_finding(rep, k->id);
		cr_expect(ne(ptr, (void *)f, NULL), "%s: one %s", k->name, k->id);
		if (f != NULL) {
			cr_expect(eq(int, f->severity, k->sev), "%s: severity", k->name);
			cr_expect(ge(sz, f->offset, fg_off(at)), "%s: within the changed element", k->name);
			cr_expect(le(sz, f->offset, fg_off(at) + fg_size(at)), "%s: within the changed element", k->name);
		}
		/* nothing else, but what the change implies; a key the linter cannot
		 * verify with gives csr.signature_not_checked (a notice) */
		size_t extra = 0;
		for (size_t j = 0; j < smkilint_report_count(rep); j++) {
			const smkilint_finding *x = smkilint_report_finding(rep, j);
			if (strcmp(x->lint, k->id) == 0 || (k->also != NULL && strcmp(x->lint, k->also) == 0) ||
			    strcmp(x->lint, "csr.signature_not_checked") == 0)
				continue;
			cr_log_error("%s: also %s at %s", k->name, x->lint, x->path);
			extra++;
		}
		cr_expect(eq(sz, extra, 0), "%s: no other finding", k->name);
		smkilint_report_free(rep);
		fcsr_free(r);
		fg_free(g);
	}
}

Test(csr_profiles, kind_mismatch, .init = psetup, .fini = pteardown)
{
	struct fg *g = fg_new();
	struct fcsr *r = fcsr_new(g, FG_ORGANISATION);
	size_t len;
	const uint8_t *der = fcsr_der(r, &len);
	/* a certificate profile on a request: warned, and the rules about what a
	 * request has not (serial, validity) are not applicable */
	smkilint_report *rep = lint_csr(must_find(set, "smki-organisation"), der, len);
	assert_one(rep, "profile.kind_mismatch", "certificationRequest", 0);
	cr_expect(eq(int, the_finding(rep, "profile.kind_mismatch")->severity, SMKILINT_SEV_WARNING));
	cr_expect(eq(sz, count_id(rep, "smki.common.serial_16_octets"), 0));
	cr_expect(eq(sz, count_id(rep, "smki.org.validity_max"), 0));
	cr_expect(eq(sz, count_id(rep, "smki.org.notafter_style"), 0));
	cr_expect(eq(sz, count_id(rep, "smki.common.version_v3"), 1), "v1 is not v3: the profile was asked for");
	smkilint_report_free(rep);
	/* a CSR profile on a certificate */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	der = fg_cert_der(c, &len);
	smkilint_report *cr = NULL;
	cr_assert(eq(int, smkilint_lint_der(&cr, ctx, must_find(set, "smki-csr-device"), der, len, "cert", 0), 0));
	assert_one(cr, "profile.kind_mismatch", "certificate", 0);
	smkilint_report_free(cr);
	/* matching kinds and auto: never */
	rep = lint_csr(must_find(set, "smki-csr-organisation"), der = fcsr_der(r, &len), len);
	cr_expect(eq(sz, count_id(rep, "profile.kind_mismatch"), 0));
	smkilint_report_free(rep);
	rep = lint_auto(der, len);
	cr_expect(eq(sz, count_id(rep, "profile.kind_mismatch"), 0));
	smkilint_report_free(rep);
	fcsr_free(r);
	fg_free(g);
}

/* ------------------------------------------------------------- gnutls' own requests */

static uint8_t *gnutls_request(enum fg_kind kind, size_t *len)
{
	gnutls_x509_crq_t crq;
	gnutls_pubkey_t pub;
	cr_assert(eq(int, gnutls_x509_crq_init(&crq), 0));
	cr_assert(eq(int, gnutls_pubkey_init(&pub), 0));
	cr_assert(eq(int, gnutls_pubkey_import_privkey(pub, key, 0, 0), 0));
	cr_assert(eq(int, gnutls_x509_crq_set_version(crq, 1), 0));
	cr_assert(eq(int, gnutls_x509_crq_set_pubkey(crq, pub), 0));
	if (kind == FG_DEVICE) {
		/* empty subject; SAN HardwareModuleName, critical */
		struct fg *g = fg_new();
		size_t n;
		const uint8_t *san = fg_encode(g, hw_module_san(g), &n);
		cr_assert(eq(int, gnutls_x509_crq_set_extension_by_oid(crq, "2.5.29.17", san, n, 1), 0));
		fg_free(g);
		cr_assert(eq(int, gnutls_x509_crq_set_key_usage(crq, GNUTLS_KEY_KEY_AGREEMENT), 0));
	} else {
		static const uint8_t uid[] = {0x03, 0x09, 0x00, 0x90, 0xb3, 0xd5, 0x1f, 0x30, 0x03, 0x00, 0x00};
		cr_assert(eq(int, gnutls_x509_crq_set_dn_by_oid(crq, OID_OU, 0, "03", 2), 0));
		cr_assert(eq(int, gnutls_x509_crq_set_dn_by_oid(crq, OID_UNIQUE_ID, 1, uid, sizeof(uid)), 0));
		cr_assert(eq(int, gnutls_x509_crq_set_key_usage(crq, GNUTLS_KEY_DIGITAL_SIGNATURE), 0));
	}
	cr_assert(eq(int, gnutls_x509_crq_privkey_sign(crq, key, GNUTLS_DIG_SHA256, 0), 0));
	gnutls_datum_t out = {NULL, 0};
	cr_assert(eq(int, gnutls_x509_crq_export2(crq, GNUTLS_X509_FMT_DER, &out), 0));
	uint8_t *der = malloc(out.size);
	cr_assert(ne(ptr, der, NULL));
	memcpy(der, out.data, out.size);
	*len = out.size;
	gnutls_free(out.data);
	gnutls_pubkey_deinit(pub);
	gnutls_x509_crq_deinit(crq);
	return der;
}

Test(csr_gnutls, requests_made_by_gnutls_are_clean, .init = psetup, .fini = pteardown)
{
	static const char *const want[] = {"smki-csr-device", "smki-csr-organisation"};
	for (int kind = FG_DEVICE; kind <= FG_ORGANISATION; kind++) {
		size_t len;
		uint8_t *der = gnutls_request((enum fg_kind)kind, &len);
		cr_expect(eq(int, der_kind(der, len), SMKILINT_ITEM_CSR));
		smkilint_report *rep = lint_auto(der, len);
		cr_expect(eq(str, (char *)smkilint_report_profile(rep), (char *)want[kind]));
		cr_expect(eq(sz, log_errors_warnings(rep, want[kind]), 0));
		cr_expect(eq(sz, count_id(rep, "csr.signature_valid"), 0));
		cr_expect(eq(sz, count_id(rep, "csr.signature_not_checked"), 0));
		smkilint_report_free(rep);
		free(der);
	}
}

/* ------------------------------------------------------------- fixtures */

/* Lint the one item of a fixture with auto-detection. */
static smkilint_report *lint_fixture(const char *file)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", CSR_DATA, file);
	size_t n;
	uint8_t *data = read_file(path, &n);
	cr_assert(ne(ptr, data, NULL), "cannot read %s", path);
	smkilint_input *in = NULL;
	cr_assert(eq(int, smkilint_input_split(&in, ctx, data, n), 0));
	cr_assert(eq(sz, smkilint_input_count(in), 1), "%s: one item", file);
	const smkilint_item *it = smkilint_input_item(in, 0);
	cr_expect(eq(int, it->kind, SMKILINT_ITEM_CSR), "%s is a request", file);
	smkilint_report *rep = NULL;
	cr_assert(eq(int, smkilint_lint_item(&rep, ctx, smkilint_profiles_auto(set), it, file), 0));
	smkilint_input_free(in);
	free(data);
	return rep;
}

struct fixture_case {
	const char *file;
	const char *profile;     /* NULL: none matched */
	const char *ids;         /* every finding's id, in report order, space-separated ("" none) */
};

static const struct fixture_case fixtures[] = {
	{"device-ds.pem", "smki-csr-device", ""},
	{"device-ds.der", "smki-csr-device", ""},
	{"device-ka.pem", "smki-csr-device", ""},
	{"org-supplier-ds.pem", "smki-csr-organisation", ""},
	{"org-supplier-ka.pem", "smki-csr-organisation", ""},
	{"device-bad-pop.pem", "smki-csr-device", "csr.signature_valid"},
	{"device-two-key-usages.pem", "smki-csr-device", "smki.device.keyusage_single_ds_or_ka"},
	{"device-no-san.pem", "smki-csr-device", "smki.csr.device.san_requested"},
	{"device-san-not-critical.pem", "smki-csr-device", "smki.csr.device.san_critical"},
	{"device-sha384.pem", "smki-csr-device", "smki.csr.sig_alg_ecdsa_sha256"},
	{"device-subject-not-empty.pem", NULL, "profile.none_matched"},
	{"device-p384.pem", "smki-csr-device",
	 "csr.signature_not_checked smki.common.spki_p256 smki.common.spki_uncompressed"},
	{"device-explicit-curve.pem", "smki-csr-device", "csr.signature_not_checked smki.common.spki_p256"},
	{"device-rsa.pem", "smki-csr-device",
	 "csr.signature_not_checked smki.common.sig_alg_params_absent smki.common.spki_p256 smki.common.spki_p256 "
	 "smki.common.spki_uncompressed smki.csr.sig_alg_ecdsa_sha256"},
	{"org-two-key-usages.pem", "smki-csr-organisation", "smki.org.keyusage_single"},
	{"org-ca-role.pem", "smki-csr-organisation", "smki.org.subject_ou_not_ca_role"},
	{"org-uid-utf8.pem", "smki-csr-organisation", "smki.org.subject_uid_eui64"},
};

Test(csr_fixtures, each_fixture_has_its_findings, .init = psetup, .fini = pteardown)
{
	for (size_t i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		const struct fixture_case *k = &fixtures[i];
		smkilint_report *rep = lint_fixture(k->file);
		if (k->profile == NULL)
			cr_expect(eq(ptr, (void *)smkilint_report_profile(rep), NULL), "%s: no profile", k->file);
		else
			cr_expect(eq(str, (char *)(smkilint_report_profile(rep) ? smkilint_report_profile(rep) : "(none)"),
				     (char *)k->profile), "%s: profile", k->file);
		char ids[512] = "";
		size_t n = 0;
		for (size_t j = 0; j < smkilint_report_count(rep); j++)
			n += (size_t)snprintf(ids + n, sizeof(ids) - n, "%s%s", j ? " " : "",
					      smkilint_report_finding(rep, j)->lint);
		cr_expect(eq(str, ids, (char *)k->ids), "%s: findings", k->file);
		smkilint_report_free(rep);
	}
}
