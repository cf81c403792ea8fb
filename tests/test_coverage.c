/*
 * Every lint has a test that makes it fire and one that makes it pass.
 *
 * Profile rules: the table rule_cases[] runs each rule id of the shipped
 * profiles (profiles/smki, as `smkilint lints` lists them) with
 * smk_rule_run() on a real certificate of tests/data/smki, a request of
 * tests/data/csr, or a forged certificate with one thing changed, and
 * asserts the outcome (FAIL with a finding carrying the rule's id, severity
 * and citation; PASS with no finding; N/A where scope matters). The
 * catalogue test fails when a rule id of a shipped profile has no failing or
 * no passing case here, or a case names a rule that does not exist.
 *
 * Built-in lints: the families whose suites hold a catalogue test of their
 * own (fire and pass per lint) are listed in covered_elsewhere[], and this
 * file checks that those tests still exist; the input family is covered
 * here; a family in neither fails the catalogue test unless allow_listed[]
 * says why.
 *
 * The hwserial suite tests the hw_serial and hw_serial_from_input keys of
 * subject_alt_name (smki.device.hwserialnum_expected); the readme suite, the
 * two examples of the README (tests/golden/readme) on the copies in
 * tests/data/smki.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "prof_common.h"

#define CSR_DATA SMK_SOURCE_ROOT "/tests/data/csr"
#define TESTS_DIR SMK_SOURCE_ROOT "/tests"

#define DCC_TEST_POLICY "1.2.826.0.1.8641679.1.2.1.4"
#define RTDS_POLICY "1.2.826.0.1.1800000.1.2.1.4"
#define UNKNOWN_POLICY "1.2.826.0.1.99999.1.2.1.4"

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

static const char *status_name(enum smk_status st)
{
	static const char *const names[] = {"N/A", "not effective", "PASS", "FAIL", "FATAL"};
	return (unsigned)st < 5 ? names[st] : "?";
}

/* ------------------------------------------------------------ forged fixtures */

static void set_ku(struct fg_cert *c, struct fg_node *bits)
{
	fg_replace(c->doc, c->ext[FG_EXT_KU].inner, bits);
	c->ext[FG_EXT_KU].inner = bits;
}

static void set_ext_inner(struct fg_cert *c, enum fg_ext_id id, struct fg_node *inner)
{
	fg_replace(c->doc, c->ext[id].inner, inner);
	c->ext[id].inner = inner;
}

static void m_none(struct fg_cert *c)
{
	(void)c;
}
static void m_ku_not_critical(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_KU], FG_CRIT_ABSENT);
}
static void m_no_ku(struct fg_cert *c)
{
	fg_remove(c->doc, c->ext[FG_EXT_KU].seq);
}
static void m_ski_critical(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_SKI], FG_CRIT_TRUE);
}
/* 8 octets, 0100 in the top bits, but not the key's SHA-1 */
static void m_ski_other(struct fg_cert *c)
{
	set_ext_inner(c, FG_EXT_SKI, fg_prim_hex(c->g, 0x04, "4000000000000001"));
}
/* the AKI holds the certificate's own SKI, as a self-signed root's may */
static void m_aki_equals_ski(struct fg_cert *c)
{
	struct fg *g = c->g;
	set_ext_inner(c, FG_EXT_AKI, fg_seq(g, fg_prim_hex(g, 0x80, "44899792d196f4b8")));
}
static void m_san_not_critical(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_SAN], FG_CRIT_ABSENT);
}
static void m_aki_critical(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_AKI], FG_CRIT_TRUE);
}
/* keyIdentifier and authorityCertSerialNumber [2] */
static void m_aki_with_serial(struct fg_cert *c)
{
	struct fg *g = c->g;
	set_ext_inner(c, FG_EXT_AKI, fg_seq(g, fg_prim_hex(g, 0x80, "4f5688d7ec933be2"), fg_prim_hex(g, 0x82, "01")));
}
/* a second policy, of another shipped environment */
static void m_two_policies(struct fg_cert *c)
{
	fg_add(c->ext[FG_EXT_POLICIES].inner, fg_seq(c->g, fg_oid(c->g, RTDS_POLICY)));
}
/* a CPS pointer qualifier on the one policy */
static void m_policy_qualifier(struct fg_cert *c)
{
	struct fg *g = c->g;
	struct fg_node *q = fg_seq(g, fg_seq(g, fg_oid(g, "1.3.6.1.5.5.7.2.1"), fg_str(g, 0x16, "http://cps.example")));
	c->policy = fg_oid(g, DCC_TEST_POLICY);
	set_ext_inner(c, FG_EXT_POLICIES, fg_seq(g, fg_seq(g, c->policy, q)));
}
static void m_policy_unknown(struct fg_cert *c)
{
	fg_cert_set(c, &c->policy, fg_oid(c->g, UNKNOWN_POLICY));
}
/* organisation: CN and OU in one RDN */
static void m_multivalued_rdn(struct fg_cert *c)
{
	struct fg *g = c->g;
	fg_cert_set(c, &c->subject,
		    fg_seq(g, fg_set(g, fg_atv(g, "2.5.4.3", c->subject_cn), fg_atv(g, "2.5.4.11", c->subject_ou)),
			   fg_set(g, fg_atv(g, "2.5.4.45", c->subject_uid))));
}
static void m_cn_ia5(struct fg_cert *c)
{
	fg_cert_set(c, &c->subject_cn, fg_str(c->g, 0x16, "GITTESTSUPPLIER"));
}
/* the key of the forge with the last octet of y changed: off the curve */
static void m_point_off_curve(struct fg_cert *c)
{
	static const char *const key[] = {
		"0004c5fac666befd4e4e75eca96ef44d98e15fe0faaff8f8b7f9531cce86d6c60ca58d6fc0ddca"
		"30c8daf0dc7900eee8088bfb109cb9a3ecb8eab67641ca4fffe8d9",
		"000430c2ab5a0d131726ffbda80e79294cc37534432a3e424405b97a3aba0ffc79dce729b2517563"
		"cb7d95827e4c50b48cba3d87d5893c51b96d87c345e3717f8c1f",
	};
	fg_cert_set(c, &c->public_key, fg_prim_hex(c->g, 0x03, key[c->subject_ou != NULL]));
}
static void m_hw_serial_7(struct fg_cert *c)
{
	fg_cert_set(c, &c->hw_serial, fg_prim_hex(c->g, 0x04, "00db1234567890"));
}
static void m_hw_serial_ones(struct fg_cert *c)
{
	fg_cert_set(c, &c->hw_serial, fg_prim_hex(c->g, 0x04, "ffffffffffffffff"));
}
static void m_hw_serial_other(struct fg_cert *c)
{
	fg_cert_set(c, &c->hw_serial, fg_prim_hex(c->g, 0x04, "00db123456789002"));
}
static void m_hw_type_unknown(struct fg_cert *c)
{
	fg_cert_set(c, &c->hw_type, fg_oid(c->g, "1.2.826.0.1.99999.1.2.2.1"));
}
/* a dNSName after the HardwareModuleName */
static void m_san_two_names(struct fg_cert *c)
{
	fg_add(c->ext[FG_EXT_SAN].inner, fg_prim(c->g, 0x82, "meter.example", 13));
}
/* organisation: role 01 (recovery) holds digitalSignature only */
static void m_role01_ka(struct fg_cert *c)
{
	fg_cert_set(c, &c->subject_ou, fg_str(c->g, 0x0c, "01"));
	set_ku(c, fg_bits(c->g, 3, "\x08", 1));
}
/* organisation: keyAgreement, the supplier's CN kept (the convention
 * allows a CN on role 02 with digitalSignature only) */
static void m_org_ka(struct fg_cert *c)
{
	set_ku(c, fg_bits(c->g, 3, "\x08", 1));
}
static void m_uid_zero(struct fg_cert *c)
{
	fg_cert_set(c, &c->subject_uid, fg_bits(c->g, 0, "\0\0\0\0\0\0\0\0", 8));
}

/* A device certification request (PKCS #10) with the forge's device key
 * and the HardwareModuleName SAN; keyUsage as asked. Its signature is not
 * made (the rules tested here do not read it). */
enum csr_ku { CSR_KU_CRITICAL, CSR_KU_NOT_CRITICAL, CSR_KU_ABSENT };

static uint8_t *forged_device_csr(enum csr_ku ku, size_t *len)
{
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *exts = fg_cons(g, 0x30, NULL);
	if (ku != CSR_KU_ABSENT) {
		struct fg_ext e = fg_ext_new(g, "2.5.29.15", ku == CSR_KU_CRITICAL ? FG_CRIT_TRUE : FG_CRIT_ABSENT,
					     fg_bits(g, 7, "\x80", 1));
		fg_add(exts, e.seq);
	}
	fg_add(exts, fg_clone(c->ext[FG_EXT_SAN].seq));
	struct fg_node *attr = fg_seq(g, fg_oid(g, "1.2.840.113549.1.9.14"), fg_set(g, exts));
	struct fg_node *cri = fg_seq(g, fg_int(g, 0), fg_cons(g, 0x30, NULL), fg_clone(c->spki),
				     fg_cons(g, 0xa0, attr, NULL));
	struct fg_node *csr = fg_seq(g, cri, fg_seq(g, fg_oid(g, "1.2.840.10045.4.3.2")),
				     fg_wrap(g, 0x03, fg_seq(g, fg_int(g, 1), fg_int(g, 1))));
	const uint8_t *der = fg_encode(g, csr, len);
	uint8_t *out = malloc(*len);
	cr_assert(ne(ptr, out, NULL));
	memcpy(out, der, *len);
	fg_free(g);
	return out;
}

/* ------------------------------------------------------------ fixtures */

enum fx_kind {
	FX_FILE,    /* tests/data/smki/NAME, or tests/data/csr/NAME with a csr/ prefix */
	FX_DEVICE,  /* the forge's device certificate, mutated */
	FX_ORG,     /* the forge's organisation certificate, mutated */
	FX_ROOT,    /* a self-signed root made with gnutls (OU=00, CN=ZA) */
	FX_CSR_KU_NOT_CRITICAL,
	FX_CSR_NO_KU,
};

struct fixture {
	enum fx_kind kind;
	const char *file;                    /* FX_FILE */
	void (*mutate)(struct fg_cert *c);   /* FX_DEVICE, FX_ORG */
	const char *name;                    /* the input name (default: the file name, or "forged") */
};

#define REAL(f) {FX_FILE, (f), NULL, NULL}
#define DEV(m) {FX_DEVICE, NULL, (m), "forged-device-00db123456789001-ds"}
#define DEV_NAMED(m, n) {FX_DEVICE, NULL, (m), (n)}
#define ORG(m) {FX_ORG, NULL, (m), "forged-organisation"}
#define ROOT {FX_ROOT, NULL, NULL, "forged-root"}

/* Decode a fixture into t; the input name into *name. */
static void fixture_load(const struct fixture *fx, struct tcert *t, const char **name)
{
	size_t len;
	*name = fx->name != NULL ? fx->name : "forged";
	switch (fx->kind) {
	case FX_FILE: {
		bool csr = strncmp(fx->file, "csr/", 4) == 0;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", csr ? CSR_DATA : SMKI_DATA, csr ? fx->file + 4 : fx->file);
		if (fx->name == NULL)
			*name = csr ? fx->file + 4 : fx->file;
		size_t n;
		uint8_t *data = read_file(path, &n);
		cr_assert(ne(ptr, data, NULL), "cannot read %s", path);
		smkilint_input *in = NULL;
		cr_assert(eq(int, smkilint_input_split(&in, ctx, data, n), 0));
		cr_assert(eq(sz, smkilint_input_count(in), 1), "%s: one item", path);
		const smkilint_item *it = smkilint_input_item(in, 0);
		t->len = it->der_len;
		t->der = malloc(t->len);
		cr_assert(ne(ptr, t->der, NULL));
		memcpy(t->der, it->der, t->len);
		memset(&t->c, 0, sizeof(t->c));
		smk_arena_init(&t->c.arena);
		if (it->kind == SMKILINT_ITEM_CSR)
			cr_assert(eq(int, smk_decode_csr(&t->c, ctx, t->der, t->len), 0));
		else
			cr_assert(eq(int, smk_decode_cert(&t->c, ctx, t->der, t->len), 0));
		cr_assert(t->c.decoded, "%s does not decode", path);
		smkilint_input_free(in);
		free(data);
		return;
	}
	case FX_DEVICE:
	case FX_ORG: {
		struct fg *g = fg_new();
		struct fg_cert *c = fg_cert_new(g, fx->kind == FX_DEVICE ? FG_DEVICE : FG_ORGANISATION);
		fx->mutate(c);
		const uint8_t *der = fg_cert_der(c, &len);
		tcert_bytes(t, ctx, der, len);
		fg_free(g);
		return;
	}
	case FX_ROOT: {
		uint8_t *der = make_self_signed(&len);
		tcert_bytes(t, ctx, der, len);
		free(der);
		return;
	}
	case FX_CSR_KU_NOT_CRITICAL:
	case FX_CSR_NO_KU: {
		uint8_t *der = forged_device_csr(fx->kind == FX_CSR_NO_KU ? CSR_KU_ABSENT : CSR_KU_NOT_CRITICAL, &len);
		t->der = der;
		t->len = len;
		memset(&t->c, 0, sizeof(t->c));
		smk_arena_init(&t->c.arena);
		cr_assert(eq(int, smk_decode_csr(&t->c, ctx, der, len), 0));
		cr_assert(t->c.decoded, "the forged request does not decode");
		return;
	}
	}
}

/* ------------------------------------------------------------ profile rule cases */

struct rule_case {
	const char *id;
	const char *profile;
	enum smk_status want;
	struct fixture fx;
};

/* Files of tests/data/smki (their README says what each one is) */
#define ORG_DS "org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252.pem"
#define ORG_KA "org-z1-supplier-90b3d51f30010000-ka-20151030-3b362657.pem"
#define ORG_LC2023 "org-z1-loadController-90b3d51f30010008-ds-20231116-75ebdb08.pem"
#define OCA "ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem"
#define DEV_DS "device-rtds-e357-00db123456789001-ds.pem"
#define DEV_KA "device-rtds-e357-00db123456789001-ka.pem"
#define D1 "org-z99-other-90b3d51f30010009-ds-20231220-173cfbf0.pem"
#define D3 "device-rtds-0001-00db123456789098-ka.pem"
#define D4 "device-rtds-e357-00db1234567890a0-nonrep.pem"
#define D5 "device-dccboxed-acb-signed-88738457002f966c-ds.pem"
#define D7 "xmlsign-z1-dspXmlSign-decimalOU-90b3d51f30000002-ds-20180101-261e9ccc.pem"
#define D9 "org-ob-other-00db123456780004-ds-20150415-43f410fe.pem"
#define XMLSIGN "xmlsign-z1-xmlSign-90b3d51f30010000-ds-20180101-14be4ad2.pem"
#define DSPXML "org-z1-dspXmlSign-90b3d51f30000002-ds-20250901-0f4889ef.pem"
#define RSA "non-smki-zlint-eeServerCertValidEqual397.pem"

#define F SMK_FAIL
#define P SMK_PASS
#define NA SMK_NA

static const struct rule_case rule_cases[] = {
	/* ---- common (profiles/smki/common.yaml) */
	{"smki.common.version_v3", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.version_v3", "smki-device-ds", F, REAL("csr/device-ds.pem")},   /* a request is v1 */
	{"smki.common.serial_16_octets", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.serial_16_octets", "smki-organisation", F, REAL(RSA)},
	{"smki.common.sig_alg_ecdsa_sha256", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.common.sig_alg_ecdsa_sha256", "smki-organisation", F, REAL(RSA)},
	{"smki.common.sig_alg_params_absent", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.sig_alg_params_absent", "smki-organisation", F, REAL(D1)},
	{"smki.common.spki_p256", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.common.spki_p256", "smki-csr-device", F, REAL("csr/device-p384.pem")},
	{"smki.common.spki_uncompressed", "smki-device-ka", P, REAL(DEV_KA)},
	{"smki.common.spki_uncompressed", "smki-csr-device", F, REAL("csr/device-p384.pem")},
	{"smki.common.spki_point_on_curve", "smki-device-ds", P, DEV(m_none)},
	{"smki.common.spki_point_on_curve", "smki-device-ds", F, DEV(m_point_off_curve)},
	{"smki.common.spki_point_on_curve", "smki-organisation", F, ORG(m_point_off_curve)},
	{"smki.common.keyusage_present", "smki-organisation", P, ORG(m_none)},
	{"smki.common.keyusage_present", "smki-organisation", F, ORG(m_no_ku)},
	{"smki.common.keyusage_present", "smki-device-ds", F, DEV(m_no_ku)},
	{"smki.common.keyusage_critical", "smki-device-ds", P, DEV(m_none)},
	{"smki.common.keyusage_critical", "smki-device-ds", F, DEV(m_ku_not_critical)},
	{"smki.common.keyusage_critical", "smki-organisation", NA, ORG(m_no_ku)},
	{"smki.common.ski_present", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.common.ski_present", "smki-device-ds", F, REAL(D5)},
	{"smki.common.ski_not_critical", "smki-organisation", P, ORG(m_none)},
	{"smki.common.ski_not_critical", "smki-organisation", F, ORG(m_ski_critical)},
	{"smki.common.ski_not_critical", "smki-device-ds", NA, REAL(D5)},
	{"smki.common.ski_method2", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.common.ski_method2", "smki-device-ds", F, DEV(m_ski_other)},
	{"smki.common.ski_method2", "smki-device-ds", NA, REAL(D5)},
	{"smki.common.aki_present", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.aki_present", "smki-organisation", F, REAL(XMLSIGN)},
	{"smki.common.aki_not_critical", "smki-device-ka", P, DEV(m_none)},
	{"smki.common.aki_not_critical", "smki-device-ds", F, DEV(m_aki_critical)},
	{"smki.common.aki_keyid_only", "smki-organisation", P, ORG(m_none)},
	{"smki.common.aki_keyid_only", "smki-organisation", F, ORG(m_aki_with_serial)},
	{"smki.common.policies_present", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.policies_present", "smki-oca", F, ROOT},
	{"smki.common.policies_critical", "smki-device-ka", P, REAL(DEV_KA)},
	{"smki.common.policies_critical", "smki-device-ka", F, REAL(D3)},
	{"smki.common.policies_single", "smki-organisation", P, ORG(m_none)},
	{"smki.common.policies_single", "smki-organisation", F, ORG(m_two_policies)},
	{"smki.common.policy_no_qualifiers", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.policy_no_qualifiers", "smki-organisation", F, ORG(m_policy_qualifier)},
	{"smki.common.policy_oid_expected", "smki-organisation", P, ORG(m_none)},
	{"smki.common.policy_oid_expected", "smki-organisation", F, ORG(m_policy_unknown)},
	{"smki.common.policy_oid_expected", "smki-device-ds", P, REAL(DEV_DS)},   /* gbcs-rtds */
	{"smki.common.policy_oid_expected", "smki-device-ds", F, DEV(m_policy_unknown)},
	{"smki.common.policy_oid_expected", "smki-oca", P, REAL(OCA)},
	{"smki.common.policy_oid_expected", "smki-dca", F, DEV(m_policy_unknown)},
	{"smki.common.dn_string_types", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.dn_string_types", "smki-organisation", F, ORG(m_cn_ia5)},
	{"smki.common.dn_single_valued_rdns", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.dn_single_valued_rdns", "smki-organisation", F, ORG(m_multivalued_rdn)},
	{"smki.common.no_unexpected_extensions", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.common.no_unexpected_extensions", "smki-organisation", F, REAL(D9)},
	{"smki.common.no_unexpected_extensions", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.common.no_unexpected_extensions", "smki-device-ds", F, REAL(OCA)},

	/* ---- root, CA, OCA, DCA (root.yaml, ca.yaml, oca.yaml, dca.yaml) */
	{"smki.root.self_signed", "smki-root", P, ROOT},
	{"smki.root.self_signed", "smki-root", F, REAL(OCA)},
	{"smki.root.ou_root", "smki-root", P, ROOT},
	{"smki.root.ou_root", "smki-root", F, REAL(OCA)},
	{"smki.root.aki_absent_or_equals_ski", "smki-root", P, ORG(m_aki_equals_ski)},
	{"smki.root.aki_absent_or_equals_ski", "smki-root", NA, ROOT},   /* no AKI */
	{"smki.root.aki_absent_or_equals_ski", "smki-root", F, REAL(OCA)},
	{"smki.root.policy_oid_expected", "smki-root", P, REAL(OCA)},
	{"smki.root.policy_oid_expected", "smki-root", F, ORG(m_policy_unknown)},
	{"smki.root.policy_oid_expected", "smki-root", NA, ROOT},   /* no certificatePolicies */
	{"smki.ca.basic_constraints_ca", "smki-oca", P, REAL(OCA)},
	{"smki.ca.basic_constraints_ca", "smki-oca", F, REAL(D9)},   /* cA FALSE */
	{"smki.ca.keyusage_certsign", "smki-oca", P, REAL(OCA)},
	{"smki.ca.keyusage_certsign", "smki-dca", F, REAL(DEV_DS)},
	{"smki.ca.no_unexpected_extensions", "smki-oca", P, REAL(OCA)},
	{"smki.ca.no_unexpected_extensions", "smki-dca", F, REAL(DEV_DS)},   /* subjectAltName */
	{"smki.oca.ou_issuing_authority", "smki-oca", P, REAL(OCA)},
	{"smki.oca.ou_issuing_authority", "smki-oca", F, ROOT},
	{"smki.oca.pathlen_zero", "smki-oca", P, REAL(OCA)},
	{"smki.oca.pathlen_zero", "smki-oca", F, ROOT},   /* pathLenConstraint 1 */
	{"smki.oca.subject_layout", "smki-oca", P, REAL(OCA)},
	{"smki.oca.subject_layout", "smki-oca", F, REAL(ORG_DS)},
	{"smki.dca.subject_matches_profile", "smki-dca", P, REAL(RSA)},   /* CN=zmap.io alone */
	{"smki.dca.subject_matches_profile", "smki-dca", F, REAL(OCA)},

	/* ---- organisation (organisation.yaml) */
	{"smki.org.subject_ou_present_once", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.subject_ou_present_once", "smki-organisation", F, REAL(DEV_DS)},
	{"smki.org.subject_ou_hex2", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.subject_ou_hex2", "smki-organisation", F, REAL(D7)},
	{"smki.org.subject_ou_role_allowed", "smki-organisation", P, REAL(D9)},   /* 7F */
	{"smki.org.subject_ou_role_allowed", "smki-organisation", F, REAL(D7)},
	{"smki.org.subject_ou_not_ca_role", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.subject_ou_not_ca_role", "smki-organisation", F, REAL(OCA)},
	{"smki.org.subject_uid_present_once", "smki-organisation", P, REAL(ORG_KA)},
	{"smki.org.subject_uid_present_once", "smki-organisation", F, REAL(OCA)},
	{"smki.org.subject_uid_eui64", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.subject_uid_eui64", "smki-csr-organisation", F, REAL("csr/org-uid-utf8.pem")},
	{"smki.org.subject_uid_not_reserved", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.subject_uid_not_reserved", "smki-organisation", F, ORG(m_uid_zero)},
	{"smki.org.subject_only_known_attributes", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.subject_only_known_attributes", "smki-organisation", F, REAL(RSA)},
	{"smki.org.keyusage_single", "smki-organisation", P, REAL(ORG_KA)},
	{"smki.org.keyusage_single", "smki-organisation", F, REAL(OCA)},
	{"smki.org.role_keyusage_allowed", "smki-organisation", P, REAL(ORG_KA)},   /* 02 may agree keys */
	{"smki.org.role_keyusage_allowed", "smki-organisation", F, ORG(m_role01_ka)},
	{"smki.org.no_san", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.no_san", "smki-organisation", F, REAL(DEV_DS)},
	{"smki.org.no_basic_constraints", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.no_basic_constraints", "smki-organisation", F, REAL(D9)},
	{"smki.org.validity_max", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.validity_max", "smki-organisation", F, REAL(XMLSIGN)},
	{"smki.org.notafter_style", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.notafter_style", "smki-organisation", F, REAL(ORG_LC2023)},
	/* the naming convention of smki-organisation (its `naming:` section) */
	{"smki.org.subject_cn_convention", "smki-organisation", P, REAL(ORG_DS)},
	{"smki.org.subject_cn_convention", "smki-organisation", P, REAL(ORG_KA)},   /* no CN */
	{"smki.org.subject_cn_convention", "smki-organisation", F, ORG(m_org_ka)},
	{"smki.org.subject_cn_convention", "smki-organisation", F, ORG(m_cn_ia5)},
	{"smki.xmlsign.role", "smki-dccboxed-xmlsign", P, REAL(XMLSIGN)},
	{"smki.xmlsign.role", "smki-dccboxed-xmlsign", P, REAL(DSPXML)},
	{"smki.xmlsign.role", "smki-dccboxed-xmlsign", F, REAL(D7)},   /* 137 */

	/* ---- device (device.yaml, device-ds.yaml, device-ka.yaml) */
	{"smki.device.subject_empty", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.subject_empty", "smki-csr-device", F, REAL("csr/device-subject-not-empty.pem")},
	{"smki.device.notafter_forever", "smki-device-ka", P, REAL(DEV_KA)},
	{"smki.device.notafter_forever", "smki-device-ds", F, REAL(ORG_DS)},
	{"smki.device.keyusage_single_ds_or_ka", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.keyusage_single_ds_or_ka", "smki-device-ka", P, REAL(DEV_KA)},
	{"smki.device.keyusage_single_ds_or_ka", "smki-device-ds", F, REAL(D4)},
	{"smki.device.keyusage_single_ds_or_ka", "smki-device-ds", F, REAL(DEV_KA)},   /* the other usage */
	{"smki.device.policy_single", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.policy_single", "smki-device-ds", F, DEV(m_two_policies)},
	{"smki.device.san_present", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.san_present", "smki-device-ds", F, REAL(ORG_DS)},
	{"smki.device.san_critical", "smki-device-ka", P, REAL(DEV_KA)},
	{"smki.device.san_critical", "smki-device-ds", F, DEV(m_san_not_critical)},
	{"smki.device.san_critical", "smki-device-ds", NA, REAL(ORG_DS)},
	{"smki.device.san_single_name", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.san_single_name", "smki-device-ds", F, DEV(m_san_two_names)},
	{"smki.device.san_hwmodulename_present", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.san_hwmodulename_present", "smki-device-ds", F, REAL(RSA)},   /* dNSName only */
	{"smki.device.hwserialnum_eui64", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.hwserialnum_eui64", "smki-device-ds", F, DEV(m_hw_serial_7)},
	{"smki.device.hwserialnum_not_reserved", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.hwserialnum_not_reserved", "smki-device-ds", F, DEV(m_hw_serial_ones)},
	{"smki.device.hwserialnum_expected", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.hwserialnum_expected", "smki-device-ka", P, REAL(D3)},
	{"smki.device.hwserialnum_expected", "smki-device-ds", F, DEV(m_hw_serial_other)},
	{"smki.device.hwserialnum_expected", "smki-device-ds", F,
	 DEV_NAMED(m_none, "keystore/00DB123456789002-ds.pem")},
	{"smki.device.hwserialnum_expected", "smki-device-ds", NA, REAL(D4)},   /* no <eui>-ds in the name */
	{"smki.device.hwserialnum_expected", "smki-device-ds", NA, DEV_NAMED(m_none, "<stdin>")},
	{"smki.device.hwtype_expected", "smki-device-ds", P, REAL(D5)},   /* the DCC Boxed hwType */
	{"smki.device.hwtype_expected", "smki-device-ds", F, DEV(m_hw_type_unknown)},
	{"smki.device.no_basic_constraints", "smki-device-ds", P, REAL(DEV_DS)},
	{"smki.device.no_basic_constraints", "smki-device-ds", F, REAL(OCA)},
	{"smki.device.issuer_not_organisation", "smki-device-ds", P, REAL(ORG_DS)},   /* issuer OU 07 */
	{"smki.device.issuer_not_organisation", "smki-device-ds", NA, REAL(DEV_DS)},   /* CN=E357: no OU */
	{"smki.device.issuer_not_organisation", "smki-device-ds", F, REAL(D5)},

	/* ---- certification requests (csr-device.yaml, csr-organisation.yaml) */
	{"smki.csr.sig_alg_ecdsa_sha256", "smki-csr-device", P, REAL("csr/device-ds.pem")},
	{"smki.csr.sig_alg_ecdsa_sha256", "smki-csr-device", F, REAL("csr/device-sha384.pem")},
	{"smki.csr.keyusage_requested", "smki-csr-device", P, REAL("csr/device-ka.pem")},
	{"smki.csr.keyusage_requested", "smki-csr-device", F, {FX_CSR_NO_KU, NULL, NULL, "forged-csr"}},
	{"smki.csr.keyusage_critical", "smki-csr-organisation", P, REAL("csr/org-supplier-ds.pem")},
	{"smki.csr.keyusage_critical", "smki-csr-device", F, {FX_CSR_KU_NOT_CRITICAL, NULL, NULL, "forged-csr"}},
	{"smki.csr.device.san_requested", "smki-csr-device", P, REAL("csr/device-ds.pem")},
	{"smki.csr.device.san_requested", "smki-csr-device", F, REAL("csr/device-no-san.pem")},
	{"smki.csr.device.san_critical", "smki-csr-device", P, REAL("csr/device-ka.pem")},
	{"smki.csr.device.san_critical", "smki-csr-device", F, REAL("csr/device-san-not-critical.pem")},
	{"smki.csr.device.no_unexpected_extensions", "smki-csr-device", P, REAL("csr/device-ds.pem")},
	{"smki.csr.device.no_unexpected_extensions", "smki-csr-device", F, REAL(DEV_DS)},   /* SKI, AKI, policies */
	{"smki.csr.org.no_unexpected_extensions", "smki-csr-organisation", P, REAL("csr/org-supplier-ka.pem")},
	{"smki.csr.org.no_unexpected_extensions", "smki-csr-organisation", F, REAL(ORG_DS)},
};
#define N_RULE_CASES (sizeof(rule_cases) / sizeof(rule_cases[0]))

/* Rule ids of the shipped profiles with no fire or no pass case, each with
 * the reason. Empty: every rule has both. */
static const struct {
	const char *id, *why;
} rule_allow_list[] = {
	{NULL, NULL},
};

/* The rule `id` of profile p, enabled; NULL when p has none. */
static const struct smk_rule *enabled_rule(const smkilint_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_rules; i++)
		if (strcmp(p->rules[i].id, id) == 0 && !p->rules[i].disabled && p->rules[i].check != CK_LINT)
			return &p->rules[i];
	return NULL;
}

static const struct smk_naming *naming_of(const smkilint_profile *p, const char *id)
{
	return p->naming != NULL && strcmp(p->naming->id, id) == 0 ? p->naming : NULL;
}

static void run_case(const struct rule_case *k)
{
	const smkilint_profile *p = must_find(set, k->profile);
	const struct smk_rule *rule = enabled_rule(p, k->id);
	const struct smk_naming *nm = naming_of(p, k->id);
	cr_assert(rule != NULL || nm != NULL, "profile %s has no enabled rule %s", k->profile, k->id);
	struct tcert t;
	const char *name;
	fixture_load(&k->fx, &t, &name);
	smkilint_report *r = smk_report_new(name, 0);
	cr_assert(ne(ptr, r, NULL));
	enum smk_status st = rule != NULL ? smk_rule_run(rule, p, &t.c, r) : smk_naming_run(nm, &t.c, r);
	if (st != k->want)
		log_report(r);
	cr_expect(eq(int, st, k->want), "%s in %s on %s: %s, expected %s", k->id, k->profile, name, status_name(st),
		  status_name(k->want));
	size_t n = count_id(r, k->id);
	cr_expect(eq(sz, n, smkilint_report_count(r)), "%s on %s: a finding of another id", k->id, name);
	if (k->want == SMK_FAIL) {
		cr_expect(gt(sz, n, 0), "%s on %s: FAIL without a finding", k->id, name);
		smkilint_severity sev = rule != NULL ? rule->severity : nm->severity;
		const char *citation = rule != NULL ? rule->citation : nm->citation;
		for (size_t i = 0; i < smkilint_report_count(r); i++) {
			const smkilint_finding *f = smkilint_report_finding(r, i);
			/* an unknown policy OID is a warning while no environment is pinned */
			if (strstr(k->id, "policy_oid_expected") == NULL || sev < SMKILINT_SEV_WARNING)
				cr_expect(eq(int, f->severity, sev), "%s on %s: severity", k->id, name);
			else
				cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING), "%s on %s: unpinned", k->id, name);
			cr_expect(eq(str, (char *)f->citation, (char *)citation), "%s on %s: citation", k->id, name);
			cr_expect(gt(sz, strlen(f->path), 0), "%s on %s: a path", k->id, name);
			cr_expect(gt(sz, strlen(f->expected), 0), "%s on %s: expected", k->id, name);
		}
	} else {
		cr_expect(eq(sz, n, 0), "%s on %s: %s with a finding", k->id, name, status_name(st));
	}
	smkilint_report_free(r);
	tcert_free(&t);
}

Test(rule_cases, each_case_has_its_outcome, .init = setup, .fini = teardown)
{
	for (size_t i = 0; i < N_RULE_CASES; i++)
		run_case(&rule_cases[i]);
}

/* The rule ids `smkilint lints` lists from the shipped profiles: enabled
 * rules and naming conventions. */
static size_t shipped_rule_ids(const char **ids, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_profiles_count(set); i++) {
		const smkilint_profile *p = smkilint_profiles_get(set, i);
		for (size_t k = 0; k <= p->n_rules; k++) {
			const char *id = NULL;
			if (k < p->n_rules && !p->rules[k].disabled && p->rules[k].check != CK_LINT)
				id = p->rules[k].id;
			else if (k == p->n_rules && p->naming != NULL)
				id = p->naming->id;
			if (id == NULL)
				continue;
			bool seen = false;
			for (size_t j = 0; j < n && !seen; j++)
				seen = strcmp(ids[j], id) == 0;
			if (!seen) {
				cr_assert(lt(sz, n, cap));
				ids[n++] = id;
			}
		}
	}
	return n;
}

static bool rule_allowed(const char *id)
{
	for (size_t i = 0; rule_allow_list[i].id != NULL; i++)
		if (strcmp(rule_allow_list[i].id, id) == 0)
			return true;
	return false;
}

Test(catalogue, every_profile_rule_fails_and_passes_here, .init = setup, .fini = teardown)
{
	const char *ids[512];
	size_t n = shipped_rule_ids(ids, 512);
	cr_assert(ge(sz, n, 60), "only %zu rule ids in the shipped profiles", n);
	for (size_t i = 0; i < n; i++) {
		bool fail = false, pass = false;
		for (size_t k = 0; k < N_RULE_CASES; k++) {
			if (strcmp(rule_cases[k].id, ids[i]) != 0)
				continue;
			fail = fail || rule_cases[k].want == SMK_FAIL;
			pass = pass || rule_cases[k].want == SMK_PASS;
		}
		if (rule_allowed(ids[i]))
			continue;
		cr_expect(fail, "profile rule %s has no failing case in rule_cases[]", ids[i]);
		cr_expect(pass, "profile rule %s has no passing case in rule_cases[]", ids[i]);
	}
	/* and the table names no rule that is gone */
	for (size_t k = 0; k < N_RULE_CASES; k++) {
		bool known = false;
		for (size_t i = 0; i < n && !known; i++)
			known = strcmp(ids[i], rule_cases[k].id) == 0;
		cr_expect(known, "rule_cases[%zu] names %s, a rule no shipped profile has", k, rule_cases[k].id);
	}
	for (size_t i = 0; rule_allow_list[i].id != NULL; i++)
		cr_expect(gt(sz, strlen(rule_allow_list[i].why), 10), "%s: say why", rule_allow_list[i].id);
}

/* ------------------------------------------------------------ built-in lints */

/* Families whose suite has a catalogue test (a failing and a passing case
 * per lint of the family): the test must still be there. */
static const struct {
	const char *family, *file, *test;
} covered_elsewhere[] = {
	{"certificate", "test_lints_core.c", "Test(catalogue, every_core_lint_fails_and_passes_here"},
	{"algorithms", "test_lints_core.c", "Test(catalogue, every_core_lint_fails_and_passes_here"},
	{"validity", "test_lints_core.c", "Test(catalogue, every_core_lint_fails_and_passes_here"},
	{"encoding", "test_lints_core.c", "Test(catalogue, every_core_lint_fails_and_passes_here"},
	{"key_ids", "test_lints_rfc.c", "Test(catalogue, every_rfc_lint_fails_and_passes_here"},
	{"key_usage", "test_lints_rfc.c", "Test(catalogue, every_rfc_lint_fails_and_passes_here"},
	{"basic_constraints", "test_lints_rfc.c", "Test(catalogue, every_rfc_lint_fails_and_passes_here"},
	{"names", "test_lints_rfc.c", "Test(catalogue, every_rfc_lint_fails_and_passes_here"},
	{"policies", "test_lints_rfc.c", "Test(catalogue, every_rfc_lint_fails_and_passes_here"},
	{"chain", "test_chain.c", "Test(catalogue, every_chain_lint_fails_and_passes_here"},
	{"csr", "test_csr.c", "Test(csr_lints, every_csr_lint_fails_and_passes_here"},
	{"input", "test_coverage.c", "Test(catalogue, every_input_lint_fires_and_passes_here"},
	{"bulk", "test_bulk.c", "Test(lint, every_bulk_lint_is_covered_here"},
};

/* Families with no per-lint fire/pass test, and why (none today). */
static const struct {
	const char *family, *why;
} allow_listed[] = {
	{NULL, NULL},
};

static bool file_has(const char *file, const char *needle)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", TESTS_DIR, file);
	size_t n;
	uint8_t *text = read_file(path, &n);
	if (text == NULL)
		return false;
	char *s = realloc(text, n + 1);
	cr_assert(ne(ptr, s, NULL));
	s[n] = '\0';
	bool found = strstr(s, needle) != NULL;
	free(s);
	return found;
}

Test(catalogue, every_builtin_lint_has_fire_and_pass_tests, .init = setup, .fini = teardown)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_lint_count(); i++) {
		const char *fam = smkilint_lint_family(i);
		const char *id = smkilint_lint_get(i)->id;
		n++;
		bool covered = false, allowed = false;
		for (size_t k = 0; k < sizeof(covered_elsewhere) / sizeof(covered_elsewhere[0]); k++) {
			if (strcmp(covered_elsewhere[k].family, fam) != 0)
				continue;
			covered = true;
			cr_expect(file_has(covered_elsewhere[k].file, covered_elsewhere[k].test), "%s: the catalogue test %s is not in tests/%s",
				  id, covered_elsewhere[k].test, covered_elsewhere[k].file);
		}
		for (size_t k = 0; allow_listed[k].family != NULL; k++)
			allowed = allowed || (strcmp(allow_listed[k].family, fam) == 0 && strlen(allow_listed[k].why) > 10);
		cr_expect(covered || allowed,
			  "built-in lint %s (family %s): no suite has a fire/pass catalogue test for its family", id, fam);
	}
	cr_assert(gt(sz, n, 60));
}

/* The input family: each lint fires on one input and, on the same input
 * made good, the certificate is linted against a profile without it. */
static smkilint_report *lint_input(const uint8_t *data, size_t n, const smkilint_profile *p, const char *name)
{
	smkilint_input *in = NULL;
	cr_assert(eq(int, smkilint_input_split(&in, ctx, data, n), 0));
	cr_assert(ge(sz, smkilint_input_count(in), 1));
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_item(&r, ctx, p, smkilint_input_item(in, 0), name), 0));
	smkilint_input_free(in);
	return r;
}

static char *file_text(const char *path)
{
	size_t n;
	uint8_t *d = read_file(path, &n);
	cr_assert(ne(ptr, d, NULL), "%s", path);
	char *s = realloc(d, n + 1);
	cr_assert(ne(ptr, s, NULL));
	s[n] = '\0';
	return s;
}

Test(catalogue, every_input_lint_fires_and_passes_here, .init = setup, .fini = teardown)
{
	const smkilint_profile *autop = smkilint_profiles_auto(set);
	const smkilint_profile *org = must_find(set, "smki-organisation");
	const smkilint_profile *csr_org = must_find(set, "smki-csr-organisation");
	char *good = file_text(C_ORG);
	char *csr = file_text(CSR_DATA "/org-supplier-ds.pem");
	char *rsa = file_text(C_RSA);
	/* C_ORG's PEM with its base64 broken, and without its END line */
	char *bad_b64 = file_text(C_ORG), *no_end = file_text(C_ORG);
	strstr(bad_b64, "-----\n")[16] = '*';
	*strstr(no_end, "-----END") = '\0';
	/* a certificate whose validity is an INTEGER: it does not decode */
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	fg_cert_set(c, &c->validity, fg_int(g, 7));
	size_t undecodable_len;
	const uint8_t *undecodable = fg_cert_der(c, &undecodable_len);
	const struct {
		const char *id;
		const uint8_t *bad;
		size_t bad_len;
		const smkilint_profile *bad_profile;
		const char *good;
		const smkilint_profile *good_profile;
	} cases[] = {
		{"input.not_certificate", (const uint8_t *)"hello\n", 6, autop, good, autop},
		{"pem.bad_base64", (const uint8_t *)bad_b64, strlen(bad_b64), autop, good, autop},
		{"pem.unterminated", (const uint8_t *)no_end, strlen(no_end), autop, good, autop},
		{"der.decode_failed", undecodable, undecodable_len, autop, good, autop},
		{"profile.none_matched", (const uint8_t *)rsa, strlen(rsa), autop, good, autop},
		{"profile.kind_mismatch", (const uint8_t *)csr, strlen(csr), org, csr, csr_org},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		smkilint_report *r = lint_input(cases[i].bad, cases[i].bad_len, cases[i].bad_profile, "bad");
		if (count_id(r, cases[i].id) == 0)
			log_report(r);
		cr_expect(ge(sz, count_id(r, cases[i].id), 1), "%s does not fire", cases[i].id);
		smkilint_report_free(r);
		r = lint_input((const uint8_t *)cases[i].good, strlen(cases[i].good), cases[i].good_profile, "good");
		cr_expect(ne(ptr, (void *)smkilint_report_profile(r), NULL), "%s: the good input has a profile",
			  cases[i].id);
		cr_expect(eq(sz, count_id(r, cases[i].id), 0), "%s fires on the good input", cases[i].id);
		cr_expect(eq(sz, count_at_least(r, SMKILINT_SEV_FATAL), 0), "%s: the good input decodes", cases[i].id);
		smkilint_report_free(r);
	}
	/* every lint of the family is here */
	for (size_t i = 0; i < smkilint_lint_count(); i++) {
		if (strcmp(smkilint_lint_family(i), "input") != 0)
			continue;
		bool here = false;
		for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
			here = here || strcmp(cases[k].id, smkilint_lint_get(i)->id) == 0;
		cr_expect(here, "input lint %s has no case here", smkilint_lint_get(i)->id);
	}
	free(good);
	free(csr);
	free(rsa);
	free(bad_b64);
	free(no_end);
	fg_free(g);
}

/* ------------------------------------------------------------ hwSerialNum expected */

Test(hwserial, eui_norm)
{
	char out[17];
	cr_expect(smk_eui_norm("00DB123456789001", 16, out));
	cr_expect(eq(str, out, "00db123456789001"));
	cr_expect(smk_eui_norm("00-db-12-34-56-78-90-01", 23, out));
	cr_expect(eq(str, out, "00db123456789001"));
	cr_expect(smk_eui_norm("00:DB:12:34:56:78:90:01", 23, out));
	cr_expect(not(smk_eui_norm("00db12345678900", 15, out)), "15 digits");
	cr_expect(not(smk_eui_norm("00db1234567890011", 17, out)), "17 digits");
	cr_expect(not(smk_eui_norm("0-0db123456789001", 17, out)), "a separator inside an octet");
	cr_expect(not(smk_eui_norm("00db123456789001-", 17, out)), "a trailing separator");
	cr_expect(not(smk_eui_norm("-00db123456789001", 17, out)), "a leading separator");
	cr_expect(not(smk_eui_norm("00db12345678900g", 16, out)), "not hex");
	cr_expect(not(smk_eui_norm("", 0, out)));
}

/* The shipped rule reads the EUI from the input name (its last component). */
Test(hwserial, from_the_input_name, .init = setup, .fini = teardown)
{
	const smkilint_profile *p = must_find(set, "smki-device-ds");
	const struct smk_rule *rule = rule_of(p, "smki.device.hwserialnum_expected");
	struct tcert t;
	tcert_file(&t, ctx, C_DEV_DS);   /* hwSerialNum 00db123456789001 */
	static const struct {
		const char *name;
		enum smk_status want;
	} names[] = {
		{"00db123456789001-ds.pem", SMK_PASS},                    /* the RTDS key store */
		{"test/rtds/keystore/00DB123456789001-ka.pem", SMK_PASS}, /* any case; the usage is not compared */
		{"device-rtds-e357-00db123456789001-ds-nonder-signature.pem", SMK_PASS},
		{"device-rtds-e357-00db123456789002-ds.pem", SMK_FAIL},
		{"dir-00db123456789001-ds/00db123456789002-ds.pem", SMK_FAIL},   /* the last component only */
		{"device-100db123456789001-ds.pem", SMK_NA},   /* 17 hex digits: no EUI */
		{"device-00db123456789001.pem", SMK_NA},       /* no -ds or -ka after it */
		{"device-00db123456789001-dsa.pem", SMK_NA},
		{"<stdin>", SMK_NA},
		{"", SMK_NA},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		smkilint_report *r = smk_report_new(names[i].name, 0);
		enum smk_status st = smk_rule_run(rule, p, &t.c, r);
		cr_expect(eq(int, st, names[i].want), "%s: %s, expected %s", names[i].name, status_name(st),
			  status_name(names[i].want));
		if (st == SMK_FAIL) {
			const smkilint_finding *f = the_finding(r, "smki.device.hwserialnum_expected");
			cr_assert(ne(ptr, (void *)f, NULL));
			cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
			cr_expect(eq(str, (char *)f->found, "00db123456789001"));
			cr_expect(ne(ptr, strstr(f->expected, "00db123456789002 (from the input name "), NULL), "%s",
				  f->expected);
			cr_expect(eq(str, (char *)f->path,
				     "tbsCertificate.extensions[subjectAltName].extnValue[0].otherName.value.hwSerialNum"));
			cr_expect(eq(int, f->has_offset, 1));
		} else {
			cr_expect(eq(sz, smkilint_report_count(r), 0), "%s", names[i].name);
		}
		smkilint_report_free(r);
	}
	tcert_free(&t);
	/* the whole pipeline names the input the same way */
	size_t len;
	uint8_t *der = read_pem_cert(C_DEV_DS, &len);
	smkilint_report *r = lint_der_with(ctx, smkilint_profiles_auto(set), der, len, "meters/00db1234567890ff-ds.pem");
	cr_expect(eq(str, (char *)smkilint_report_profile(r), "smki-device-ds"));
	cr_expect(ne(ptr, (void *)the_finding(r, "smki.device.hwserialnum_expected"), NULL));
	smkilint_report_free(r);
	free(der);
}

/* A profile pins one device's EUI (hw_serial), or its own file-name
 * pattern (hw_serial_from_input); both survive `profile show`. */
Test(hwserial, pinned_in_a_profile, .init = setup, .fini = teardown)
{
	smkilint_profiles *s = shipped_set(ctx, false);
	load_text(s, ctx, "meter.yaml",
		  "profile: test-one-meter\n"
		  "extends: smki-device-ds\n"
		  "kind: device-ds\n"
		  "opt_in: true\n"
		  "rules:\n"
		  "  - id: smki.device.hwserialnum_expected\n"
		  "    check: subject_alt_name\n"
		  "    hw_serial: \"00-DB-12-34-56-78-90-01\"\n"
		  "    hw_serial_from_input: \"^meter_([0-9a-fA-F:]{23})\\\\.pem$\"\n"
		  "    severity: error\n"
		  "    citation: \"Test: the meter of work order 42\"\n");
	finalize_set(s, ctx);
	const smkilint_profile *p = must_find(s, "test-one-meter");
	const struct smk_rule *rule = rule_of(p, "smki.device.hwserialnum_expected");
	cr_expect(eq(str, (char *)rule->hw_serial_hex, "00db123456789001"));
	struct tcert t;
	tcert_file(&t, ctx, C_DEV_DS);
	smkilint_report *r = smk_report_new("<stdin>", 0);
	cr_expect(eq(int, smk_rule_run(rule, p, &t.c, r), SMK_PASS), "the pinned EUI");
	smkilint_report_free(r);
	r = smk_report_new("meter_00:db:12:34:56:78:90:01.pem", 0);
	cr_expect(eq(int, smk_rule_run(rule, p, &t.c, r), SMK_PASS), "pinned and named");
	smkilint_report_free(r);
	r = smk_report_new("meter_00:db:12:34:56:78:90:02.pem", 0);
	cr_expect(eq(int, smk_rule_run(rule, p, &t.c, r), SMK_FAIL), "the name differs");
	cr_expect(eq(sz, count_id(r, "smki.device.hwserialnum_expected"), 1));
	smkilint_report_free(r);
	tcert_free(&t);
	/* another device: the pinned value fails wherever it comes from */
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	m_hw_serial_other(c);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	tcert_bytes(&t, ctx, der, len);
	r = smk_report_new("<stdin>", 0);
	cr_expect(eq(int, smk_rule_run(rule, p, &t.c, r), SMK_FAIL));
	const smkilint_finding *f = the_finding(r, "smki.device.hwserialnum_expected");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->expected, "hwSerialNum 00db123456789001 (the profile's)"));
	cr_expect(eq(str, (char *)f->found, "00db123456789002"));
	cr_expect(eq(str, (char *)f->citation, "Test: the meter of work order 42"));
	smkilint_report_free(r);
	tcert_free(&t);
	fg_free(g);
	/* an organisation certificate has no subjectAltName: not applicable */
	tcert_file(&t, ctx, C_ORG);
	r = smk_report_new("<stdin>", 0);
	cr_expect(eq(int, smk_rule_run(rule, p, &t.c, r), SMK_NA));
	smkilint_report_free(r);
	tcert_free(&t);
	/* the dump shows both keys, and re-loads */
	char *text = NULL;
	cr_assert(eq(int, smkilint_profile_dump(&text, p), 0));
	cr_expect(ne(ptr, strstr(text, "hw_serial: \"00db123456789001\""), NULL), "%s", text);
	cr_expect(ne(ptr, strstr(text, "hw_serial_from_input: \"^meter_([0-9a-fA-F:]{23})\\\\.pem$\""), NULL), "%s",
		  text);
	char *renamed = strstr(text, "profile: \"test-one-meter\"");
	cr_assert(ne(ptr, renamed, NULL), "%s", text);
	memcpy(renamed + strlen("profile: \"test-"), "two", 3);   /* test-two-meter */
	smkilint_profiles *s2 = shipped_set(ctx, false);
	int rc = smkilint_profiles_load_string(s2, ctx, "dump", text, strlen(text));
	cr_expect(eq(int, rc, 0), "%s", last_error(ctx));
	if (rc == 0) {
		finalize_set(s2, ctx);
		const struct smk_rule *again = rule_of(must_find(s2, "test-two-meter"), "smki.device.hwserialnum_expected");
		cr_expect(eq(str, (char *)again->hw_serial_hex, "00db123456789001"));
		cr_expect(eq(str, (char *)again->hw_serial_re_src, (char *)rule->hw_serial_re_src));
	}
	smkilint_profiles_free(s2);
	free(text);
	smkilint_profiles_free(s);
}

/* Loading refuses a bad EUI or a bad expression, at its line and column. */
Test(hwserial, broken_keys, .init = setup, .fini = teardown)
{
	static const struct {
		const char *yaml, *message;
	} cases[] = {
		{"profile: p\nrules:\n  - id: a.b\n    check: subject_alt_name\n    hw_serial: 00db12345678900\n"
		 "    severity: error\n    citation: c\n",
		 "b.yaml:5:16: hw_serial: '00db12345678900' is not an EUI-64"},
		{"profile: p\nrules:\n  - id: a.b\n    check: subject_alt_name\n    hw_serial_from_input: \"([0-9]\"\n"
		 "    severity: error\n    citation: c\n",
		 "b.yaml:5:28: hw_serial_from_input: bad regular expression '([0-9]'"},
		{"profile: p\nrules:\n  - id: a.b\n    check: key_usage\n    hw_serial: 00db123456789001\n"
		 "    severity: error\n    citation: c\n",
		 "b.yaml:5:5: "},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		smkilint_profiles *s;
		cr_assert(eq(int, smkilint_profiles_new(&s), 0));
		int rc = smkilint_profiles_load_string(s, ctx, "b.yaml", cases[i].yaml, strlen(cases[i].yaml));
		cr_expect(ne(int, rc, 0), "case %zu loads", i);
		cr_expect(eq(int, strncmp(last_error(ctx), cases[i].message, strlen(cases[i].message)), 0),
			  "case %zu: '%s', expected '%s...'", i, last_error(ctx), cases[i].message);
		smkilint_profiles_free(s);
	}
}

/* ------------------------------------------------------------ the README's examples */

#define README_DIR SMK_SOURCE_ROOT "/tests/golden/readme"

/* "Tightening a rule": the profile the README shows makes validity_max an
 * error and pins the policy OID, and changes nothing else. */
Test(readme, tightening_a_rule, .init = setup, .fini = teardown)
{
	smkilint_profiles *s = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_load_file(s, ctx, README_DIR "/my-organisation.yaml", NULL), 0), "%s",
		  last_error(ctx));
	finalize_set(s, ctx);
	const smkilint_profile *mine = must_find(s, "my-organisation");
	const smkilint_profile *base = must_find(s, "smki-organisation");
	cr_expect(eq(sz, mine->n_rules, base->n_rules), "only changes, no new rule");
	/* the 100-year XML-signing certificate: warning before, error now */
	smkilint_report *a = lint_file_with(ctx, base, C_XMLSIGN), *b = lint_file_with(ctx, mine, C_XMLSIGN);
	const smkilint_finding *fa = the_finding(a, "smki.org.validity_max"), *fb = the_finding(b, "smki.org.validity_max");
	cr_assert(ne(ptr, (void *)fa, NULL));
	cr_assert(ne(ptr, (void *)fb, NULL));
	cr_expect(eq(int, fa->severity, SMKILINT_SEV_WARNING));
	cr_expect(eq(int, fb->severity, SMKILINT_SEV_ERROR));
	smkilint_report_free(a);
	smkilint_report_free(b);
	/* the clean Z1 supplier certificate: only the pinned policy fails */
	a = lint_file_with(ctx, base, C_ORG);
	b = lint_file_with(ctx, mine, C_ORG);
	cr_expect(eq(sz, count_at_least(a, SMKILINT_SEV_WARNING), 0));
	cr_expect(eq(sz, count_at_least(b, SMKILINT_SEV_WARNING), 1));
	const smkilint_finding *f = the_finding(b, "smki.common.policy_oid_expected");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(eq(str, (char *)f->expected, "one of 2.999.1"));
	cr_expect(eq(str, (char *)f->found, DCC_TEST_POLICY));
	cr_expect(eq(str, (char *)f->citation, "our approved Organisation Certificate profile v1, policy OID"));
	smkilint_report_free(a);
	smkilint_report_free(b);
	smkilint_profiles_free(s);
}

/* "Changing the commonName convention": with the README's naming file the
 * supplier's digitalSignature certificate fails, its keyAgreement one (no
 * CN) still passes; with the shipped convention both pass. */
Test(readme, changing_the_naming_convention, .init = setup, .fini = teardown)
{
	smkilint_profiles *s = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_set_naming(s, ctx, README_DIR "/naming-ltd.yaml"), 0), "%s",
		  last_error(ctx));
	finalize_set(s, ctx);
	const char *const files[] = {C_ORG, C_ORG_KA};
	for (size_t i = 0; i < 2; i++) {
		smkilint_report *shipped = lint_file_with(ctx, smkilint_profiles_auto(set), files[i]);
		smkilint_report *r = lint_file_with(ctx, smkilint_profiles_auto(s), files[i]);
		cr_expect(eq(str, (char *)smkilint_report_profile(r), "smki-organisation"));
		cr_expect(eq(sz, count_id(shipped, "smki.org.subject_cn_convention"), 0), "%s", files[i]);
		if (i == 1) {
			cr_expect(eq(sz, count_id(r, "smki.org.subject_cn_convention"), 0), "%s: no CN", files[i]);
		} else {
			const smkilint_finding *f = the_finding(r, "smki.org.subject_cn_convention");
			cr_assert(ne(ptr, (void *)f, NULL));
			cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
			cr_expect(eq(str, (char *)f->expected, "matching /^[A-Z][A-Z0-9 ]* LTD$/"));
			cr_expect(eq(str, (char *)f->found, "\"GITTESTSUPPLIER\""));
			cr_expect(eq(str, (char *)f->citation, "example convention: registered company names"));
			cr_expect(eq(str, (char *)f->path, "tbsCertificate.subject.rdnSequence[0][0].value"));
		}
		smkilint_report_free(shipped);
		smkilint_report_free(r);
	}
	smkilint_profiles_free(s);
}
