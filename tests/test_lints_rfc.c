/*
 * The RFC 5280 extension and name families (key_ids, key_usage,
 * basic_constraints, names, policies), one lint at a time: smk_run_lint() on
 * a forged certificate with one thing changed, as in test_lints_core.c. Each
 * lint has a case that fails (finding: id, severity, path, offset, length,
 * expected/found), one that passes, and one for SMK_NA where scope matters
 * (CA or end entity, extension absent or undecodable, self-issued, empty
 * subject). A catalogue test fails when a lint of these families has no
 * failing or no passing case here.
 *
 * The algorithm lints (rfc5480.ec.not_named_curve,
 * rfc3279.ecdsa.signature_malformed, rfc4055.rsa.params_not_null) are the
 * algorithms family's and have their cases in test_lints_core.c.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "common.h"

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

static const char *const rfc_families[] = {"key_ids", "key_usage", "basic_constraints", "names", "policies"};

#define OID_BC "2.5.29.19"
#define OID_CN "2.5.4.3"
#define OID_C "2.5.4.6"
#define OID_OU "2.5.4.11"
#define OID_UID "2.5.4.45"
#define OID_EMAIL "1.2.840.113549.1.9.1"
#define POLICY "1.2.826.0.1.8641679.1.2.1.4"

/* keyUsage BIT STRINGs (X.509 bit order: digitalSignature is the top bit) */
#define KU_DS "03 02 07 80"                /* digitalSignature */
#define KU_CA "03 02 01 06"                /* keyCertSign, cRLSign */
#define KU_CERT_SIGN "03 02 02 04"         /* keyCertSign only */
#define KU_NONE "03 01 00"                 /* no bit at all */
#define KU_DS_ENC_ONLY "03 02 00 81"       /* digitalSignature, encipherOnly */
#define KU_DS_DEC_ONLY "03 03 07 80 80"    /* digitalSignature, decipherOnly */
#define KU_KA_ENC_ONLY "03 02 00 09"       /* keyAgreement, encipherOnly */
#define KU_KA_DEC_ONLY "03 03 07 08 80"    /* keyAgreement, decipherOnly */

/* The basicConstraints extension a change added (the forge has no slot for it)
 * and its pathLenConstraint; each test runs in its own process. */
static struct fg_ext bc;
static struct fg_node *bc_pathlen;

static struct fg_ext add_ext(struct fg_cert *c, const char *oid, enum fg_crit crit, struct fg_node *inner)
{
	struct fg_ext e = fg_ext_new(c->g, oid, crit, inner);
	fg_add(c->ext_list, e.seq);
	return e;
}

static void set_ku(struct fg_cert *c, const char *hex)
{
	struct fg_node *ku = fg_hex(c->g, hex);
	fg_cert_set(c, &c->ext[FG_EXT_KU].inner, ku);
}

/* basicConstraints { cA, pathLenConstraint }: ca < 0 leaves cA out (DEFAULT
 * FALSE); pathlen NULL leaves it out. */
static void add_bc(struct fg_cert *c, enum fg_crit crit, int ca, const char *pathlen_hex)
{
	struct fg_node *seq = fg_cons(c->g, 0x30, NULL);
	if (ca >= 0)
		fg_add(seq, fg_bool(c->g, ca != 0));
	bc_pathlen = NULL;
	if (pathlen_hex != NULL) {
		bc_pathlen = fg_prim_hex(c->g, 0x02, pathlen_hex);
		fg_add(seq, bc_pathlen);
	}
	bc = add_ext(c, OID_BC, crit, seq);
}

/* A CA certificate: the organisation certificate with basicConstraints cA
 * TRUE (critical) and keyUsage keyCertSign, cRLSign. */
static void make_ca(struct fg_cert *c)
{
	set_ku(c, KU_CA);
	add_bc(c, FG_CRIT_TRUE, 1, NULL);
}

static void remove_ext(struct fg_cert *c, enum fg_ext_id id)
{
	fg_remove(c->doc, c->ext[id].seq);
}

/* issuer CN value of the device certificate (E357, PrintableString) */
static struct fg_node *device_issuer_value(struct fg_cert *c)
{
	return c->issuer->kid[0]->kid[0]->kid[1];
}

static struct fg_node *set_device_issuer_value(struct fg_cert *c, struct fg_node *v)
{
	fg_replace(c->doc, device_issuer_value(c), v);
	return v;
}

static struct fg_node *set_issuer(struct fg_cert *c, struct fg_node *name)
{
	fg_cert_set(c, &c->issuer, name);
	return name;
}

/* ------------------------------------------------------------- key_ids */

static struct fg_node *ca_with_ski(struct fg_cert *c)
{
	make_ca(c);
	return NULL;
}

static struct fg_node *ca_without_ski(struct fg_cert *c)
{
	make_ca(c);
	remove_ext(c, FG_EXT_SKI);
	return c->extensions;
}

static struct fg_node *without_ski(struct fg_cert *c)
{
	remove_ext(c, FG_EXT_SKI);
	return c->extensions;
}

static struct fg_node *no_extensions(struct fg_cert *c)
{
	fg_remove(c->doc, c->extensions);
	return c->tbs;
}

static struct fg_node *ski_critical(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_SKI], FG_CRIT_TRUE);
	return c->ext[FG_EXT_SKI].critical;
}

static struct fg_node *ski_critical_false(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_SKI], FG_CRIT_FALSE);
	return NULL;
}

static struct fg_node *without_aki(struct fg_cert *c)
{
	remove_ext(c, FG_EXT_AKI);
	return c->extensions;
}

/* issuer = subject (an organisation certificate) */
static struct fg_node *self_issued(struct fg_cert *c)
{
	set_issuer(c, fg_clone(c->subject));
	return NULL;
}

static struct fg_node *self_issued_without_aki(struct fg_cert *c)
{
	self_issued(c);
	remove_ext(c, FG_EXT_AKI);
	return NULL;
}

static struct fg_node *aki_critical(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_AKI], FG_CRIT_TRUE);
	return c->ext[FG_EXT_AKI].critical;
}

static struct fg_node *aki_serial_only(struct fg_cert *c)
{
	fg_cert_set(c, &c->ext[FG_EXT_AKI].inner, fg_seq(c->g, fg_prim_hex(c->g, 0x82, "01")));
	return c->ext[FG_EXT_AKI].value;
}

static struct fg_node *aki_empty(struct fg_cert *c)
{
	fg_cert_set(c, &c->ext[FG_EXT_AKI].inner, fg_cons(c->g, 0x30, NULL));
	return c->ext[FG_EXT_AKI].value;
}

static struct fg_node *self_issued_aki_empty(struct fg_cert *c)
{
	self_issued(c);
	return aki_empty(c);
}

/* ------------------------------------------------------------- key_usage */

static struct fg_node *ku_crit_absent(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_KU], FG_CRIT_ABSENT);
	return c->ext[FG_EXT_KU].id;   /* where the BOOLEAN would be */
}

static struct fg_node *ku_crit_false(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_KU], FG_CRIT_FALSE);
	return c->ext[FG_EXT_KU].critical;
}

static struct fg_node *without_ku(struct fg_cert *c)
{
	remove_ext(c, FG_EXT_KU);
	return NULL;
}

static struct fg_node *ku_no_bits(struct fg_cert *c)
{
	set_ku(c, KU_NONE);
	return c->ext[FG_EXT_KU].value;
}

static struct fg_node *ku_not_bit_string(struct fg_cert *c)
{
	set_ku(c, "04 01 80");
	return NULL;
}

static struct fg_node *ca_without_ku(struct fg_cert *c)
{
	make_ca(c);
	remove_ext(c, FG_EXT_KU);
	return c->extensions;
}

static struct fg_node *ca_ds_only(struct fg_cert *c)
{
	make_ca(c);
	set_ku(c, KU_DS);
	return c->ext[FG_EXT_KU].value;
}

static struct fg_node *cert_sign_no_bc(struct fg_cert *c)
{
	set_ku(c, KU_CERT_SIGN);
	return c->ext[FG_EXT_KU].value;
}

static struct fg_node *cert_sign_bc_not_ca(struct fg_cert *c)
{
	set_ku(c, KU_CERT_SIGN);
	add_bc(c, FG_CRIT_TRUE, -1, NULL);
	return c->ext[FG_EXT_KU].value;
}

static struct fg_node *ku_ds_enc_only(struct fg_cert *c)
{
	set_ku(c, KU_DS_ENC_ONLY);
	return c->ext[FG_EXT_KU].value;
}

static struct fg_node *ku_ds_dec_only(struct fg_cert *c)
{
	set_ku(c, KU_DS_DEC_ONLY);
	return c->ext[FG_EXT_KU].value;
}

static struct fg_node *ku_ka_enc_only(struct fg_cert *c)
{
	set_ku(c, KU_KA_ENC_ONLY);
	return NULL;
}

static struct fg_node *ku_ka_dec_only(struct fg_cert *c)
{
	set_ku(c, KU_KA_DEC_ONLY);
	return NULL;
}

/* ------------------------------------------------------------- basic_constraints */

static struct fg_node *ca_bc_crit_absent(struct fg_cert *c)
{
	make_ca(c);
	fg_ext_set_critical(&bc, FG_CRIT_ABSENT);
	return bc.id;
}

static struct fg_node *ca_bc_crit_false(struct fg_cert *c)
{
	make_ca(c);
	fg_ext_set_critical(&bc, FG_CRIT_FALSE);
	return bc.critical;
}

static struct fg_node *bc_not_ca_not_critical(struct fg_cert *c)
{
	add_bc(c, FG_CRIT_ABSENT, -1, NULL);
	return NULL;
}

static struct fg_node *pathlen_without_ca(struct fg_cert *c)
{
	add_bc(c, FG_CRIT_TRUE, -1, "00");
	return bc_pathlen;
}

static struct fg_node *ca_pathlen_without_cert_sign(struct fg_cert *c)
{
	add_bc(c, FG_CRIT_TRUE, 1, "00");   /* keyUsage stays digitalSignature */
	return bc_pathlen;
}

static struct fg_node *ca_pathlen_0(struct fg_cert *c)
{
	set_ku(c, KU_CA);
	add_bc(c, FG_CRIT_TRUE, 1, "00");
	return NULL;
}

static struct fg_node *ca_pathlen_negative(struct fg_cert *c)
{
	set_ku(c, KU_CA);
	add_bc(c, FG_CRIT_TRUE, 1, "ff");
	return bc_pathlen;
}

/* ------------------------------------------------------------- names */

static struct fg_node *issuer_empty(struct fg_cert *c)
{
	return set_issuer(c, fg_cons(c->g, 0x30, NULL));
}

static struct fg_node *san_crit_absent(struct fg_cert *c);

/* 30 02 31 00: one RDN holding no attribute */
static struct fg_node *issuer_empty_rdn(struct fg_cert *c)
{
	return set_issuer(c, fg_seq(c->g, fg_cons(c->g, 0x31, NULL)));
}

static struct fg_node *subject_empty_rdn_without_san(struct fg_cert *c)
{
	remove_ext(c, FG_EXT_SAN);
	fg_cert_set(c, &c->subject, fg_seq(c->g, fg_cons(c->g, 0x31, NULL)));
	return c->subject;
}

static struct fg_node *subject_empty_rdn_san_not_critical(struct fg_cert *c)
{
	fg_cert_set(c, &c->subject, fg_seq(c->g, fg_cons(c->g, 0x31, NULL)));
	return san_crit_absent(c);
}

static struct fg_node *without_san(struct fg_cert *c)
{
	remove_ext(c, FG_EXT_SAN);
	return c->subject;
}

static struct fg_node *san_crit_absent(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_SAN], FG_CRIT_ABSENT);
	return c->ext[FG_EXT_SAN].id;
}

static struct fg_node *san_crit_false(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_SAN], FG_CRIT_FALSE);
	return c->ext[FG_EXT_SAN].critical;
}

/* n copies of s, in the forge's storage */
static const char *repeat(const char *s, size_t n)
{
	size_t l = strlen(s);
	struct fg_node *tmp = fg_raw(g, NULL, 0);
	char *buf = calloc(1, l * n + 1);
	cr_assert(ne(ptr, buf, NULL));
	for (size_t i = 0; i < n; i++)
		memcpy(buf + i * l, s, l);
	fg_set_data(tmp, buf, l * n + 1);   /* copied, with the NUL */
	free(buf);
	return (const char *)tmp->data;
}

static struct fg_node *cn_65(struct fg_cert *c)
{
	fg_cert_set(c, &c->subject_cn, fg_str(c->g, 0x0c, repeat("A", 65)));
	return c->subject_cn;
}

static struct fg_node *cn_64_two_octet_chars(struct fg_cert *c)
{
	/* 64 characters in 128 octets: the bound counts characters */
	fg_cert_set(c, &c->subject_cn, fg_str(c->g, 0x0c, repeat("\xc3\xa9", 64)));
	return NULL;
}

static struct fg_node *issuer_ou_65(struct fg_cert *c)
{
	struct fg_node *ou = c->issuer->kid[0]->kid[0]->kid[1];
	struct fg_node *v = fg_str(c->g, 0x13, repeat("7", 65));
	fg_replace(c->doc, ou, v);
	return v;
}

static struct fg_node *issuer_uid_only(struct fg_cert *c)
{
	set_issuer(c, fg_seq(c->g, fg_set(c->g, fg_atv(c->g, OID_UID, fg_bits(c->g, 0, "\x01", 1)))));
	return NULL;
}

static struct fg_node *cn_bmp(struct fg_cert *c)
{
	fg_cert_set(c, &c->subject_cn, fg_prim_hex(c->g, 0x1e, "0047 0049 0054"));
	return c->subject_cn;
}

static struct fg_node *ou_teletex(struct fg_cert *c)
{
	fg_cert_set(c, &c->subject_ou, fg_str(c->g, 0x14, "02"));
	return c->subject_ou;
}

static struct fg_node *issuer_country_only(struct fg_cert *c)
{
	set_issuer(c, fg_seq(c->g, fg_set(c->g, fg_atv(c->g, OID_C, fg_str(c->g, 0x13, "GB")))));
	return NULL;
}

static struct fg_node *issuer_cn_asterisk(struct fg_cert *c)
{
	return set_device_issuer_value(c, fg_str(c->g, 0x13, "E357*"));
}

static struct fg_node *issuer_email_8bit(struct fg_cert *c)
{
	struct fg_node *v = fg_str(c->g, 0x16, "a\xe9@example.com");
	set_issuer(c, fg_seq(c->g, fg_set(c->g, fg_atv(c->g, OID_EMAIL, v))));
	return v;
}

static struct fg_node *issuer_email_ascii(struct fg_cert *c)
{
	set_issuer(c, fg_seq(c->g, fg_set(c->g, fg_atv(c->g, OID_EMAIL, fg_str(c->g, 0x16, "a@example.com")))));
	return NULL;
}

static struct fg_node *issuer_cn_utf8(struct fg_cert *c)
{
	set_device_issuer_value(c, fg_str(c->g, 0x0c, "E357*"));
	return NULL;
}

/* a countryName RDN after the organisation subject's three */
static struct fg_node *add_country(struct fg_cert *c, struct fg_node *v)
{
	fg_add(c->subject, fg_set(c->g, fg_atv(c->g, OID_C, v)));
	return v;
}

static struct fg_node *country_gb(struct fg_cert *c)
{
	add_country(c, fg_str(c->g, 0x13, "GB"));
	return NULL;
}

static struct fg_node *country_utf8(struct fg_cert *c)
{
	return add_country(c, fg_str(c->g, 0x0c, "GB"));
}

static struct fg_node *country_three(struct fg_cert *c)
{
	return add_country(c, fg_str(c->g, 0x13, "GBR"));
}

/* ------------------------------------------------------------- policies */

static struct fg_node *policy_twice(struct fg_cert *c)
{
	struct fg_node *again = fg_seq(c->g, fg_oid(c->g, POLICY));
	fg_add(c->ext[FG_EXT_POLICIES].inner, again);
	return again;
}

static struct fg_node *two_policies(struct fg_cert *c)
{
	fg_add(c->ext[FG_EXT_POLICIES].inner, fg_seq(c->g, fg_oid(c->g, "1.2.826.0.1.8641679.1.2.1.5")));
	return NULL;
}

static struct fg_node *without_policies(struct fg_cert *c)
{
	remove_ext(c, FG_EXT_POLICIES);
	return NULL;
}

static struct fg_node *policies_not_a_sequence(struct fg_cert *c)
{
	fg_cert_set(c, &c->ext[FG_EXT_POLICIES].inner, fg_int(c->g, 1));
	return NULL;
}

/* ------------------------------------------------------------- the table */

struct lint_case {
	const char *lint;
	const char *name;
	enum fg_kind cert;
	struct fg_node *(*change)(struct fg_cert *c);   /* NULL: as forged; returns what a finding points at */
	enum smk_status status;
	enum at at;               /* SMK_FAIL: which part of that node the finding covers */
	const char *path;
	const char *expected;     /* SMK_FAIL: the finding's expected text, NULL: not compared */
	const char *found;        /* SMK_FAIL: a part of its found text, NULL: not compared */
};

#define D FG_DEVICE
#define O FG_ORGANISATION
#define PASS(lint, name, cert, change) {lint, name, cert, change, SMK_PASS, AT_TLV, NULL, NULL, NULL}
#define NA(lint, name, cert, change) {lint, name, cert, change, SMK_NA, AT_TLV, NULL, NULL, NULL}
#define FAIL(lint, name, cert, change, at, path, expected, found) \
	{lint, name, cert, change, SMK_FAIL, at, path, expected, found}

#define EXT(name) "tbsCertificate.extensions[" name "]"

static const struct lint_case cases[] = {
	/* key_ids */
	FAIL("rfc5280.ski.missing_ca", "CA without SKI", O, ca_without_ski, AT_TLV, "tbsCertificate.extensions",
	     "a subjectKeyIdentifier extension", "absent in a CA certificate"),
	PASS("rfc5280.ski.missing_ca", "CA with SKI", O, ca_with_ski),
	NA("rfc5280.ski.missing_ca", "end entity without SKI", D, without_ski),
	NA("rfc5280.ski.missing_ca", "cA FALSE", O, cert_sign_bc_not_ca),

	FAIL("rfc5280.ski.missing", "device without SKI", D, without_ski, AT_TLV, "tbsCertificate.extensions",
	     "a subjectKeyIdentifier extension", "absent"),
	FAIL("rfc5280.ski.missing", "no extensions at all", O, no_extensions, AT_TLV, "tbsCertificate",
	     "a subjectKeyIdentifier extension", "absent"),
	PASS("rfc5280.ski.missing", "device", D, NULL),
	NA("rfc5280.ski.missing", "CA without SKI", O, ca_without_ski),

	FAIL("rfc5280.ski.critical", "critical TRUE", D, ski_critical, AT_TLV, EXT("subjectKeyIdentifier") ".critical",
	     "not critical", "critical TRUE"),
	PASS("rfc5280.ski.critical", "criticality absent", D, NULL),
	PASS("rfc5280.ski.critical", "critical FALSE encoded", O, ski_critical_false),
	NA("rfc5280.ski.critical", "no SKI", O, without_ski),

	FAIL("rfc5280.aki.missing", "organisation without AKI", O, without_aki, AT_TLV, "tbsCertificate.extensions",
	     "an authorityKeyIdentifier extension", "absent (and the certificate is not self-issued)"),
	FAIL("rfc5280.aki.missing", "no extensions at all", D, no_extensions, AT_TLV, "tbsCertificate",
	     "an authorityKeyIdentifier extension", NULL),
	PASS("rfc5280.aki.missing", "device", D, NULL),
	NA("rfc5280.aki.missing", "self-issued without AKI", O, self_issued_without_aki),

	FAIL("rfc5280.aki.critical", "critical TRUE", O, aki_critical, AT_TLV, EXT("authorityKeyIdentifier") ".critical",
	     "not critical", "critical TRUE"),
	PASS("rfc5280.aki.critical", "criticality absent", O, NULL),
	NA("rfc5280.aki.critical", "no AKI", D, without_aki),

	FAIL("rfc5280.aki.no_key_identifier", "authorityCertSerialNumber only", D, aki_serial_only, AT_CONTENTS,
	     EXT("authorityKeyIdentifier") ".extnValue", "a [0] keyIdentifier field",
	     "only authorityCertIssuer/SerialNumber"),
	FAIL("rfc5280.aki.no_key_identifier", "empty SEQUENCE", O, aki_empty, AT_CONTENTS,
	     EXT("authorityKeyIdentifier") ".extnValue", "a [0] keyIdentifier field", "an empty AKI"),
	PASS("rfc5280.aki.no_key_identifier", "keyIdentifier", D, NULL),
	NA("rfc5280.aki.no_key_identifier", "self-issued, empty AKI", O, self_issued_aki_empty),
	NA("rfc5280.aki.no_key_identifier", "no AKI", O, without_aki),

	/* key_usage */
	FAIL("rfc5280.key_usage.not_critical", "criticality absent", D, ku_crit_absent, AT_TLV,
	     EXT("keyUsage") ".critical", "critical TRUE", "absent (DEFAULT FALSE)"),
	FAIL("rfc5280.key_usage.not_critical", "critical FALSE encoded", O, ku_crit_false, AT_TLV,
	     EXT("keyUsage") ".critical", "critical TRUE", "critical FALSE"),
	PASS("rfc5280.key_usage.not_critical", "critical TRUE", D, NULL),
	NA("rfc5280.key_usage.not_critical", "no keyUsage", D, without_ku),

	FAIL("rfc5280.key_usage.no_bits", "03 01 00", D, ku_no_bits, AT_CONTENTS, EXT("keyUsage") ".extnValue",
	     "at least one bit set", "no bit set"),
	PASS("rfc5280.key_usage.no_bits", "digitalSignature", D, NULL),
	NA("rfc5280.key_usage.no_bits", "no keyUsage", O, without_ku),
	NA("rfc5280.key_usage.no_bits", "keyUsage not a BIT STRING", D, ku_not_bit_string),

	FAIL("rfc5280.key_usage.ca_missing", "CA without keyUsage", O, ca_without_ku, AT_TLV,
	     "tbsCertificate.extensions", "a keyUsage extension in a CA certificate", "absent"),
	PASS("rfc5280.key_usage.ca_missing", "CA with keyUsage", O, ca_with_ski),
	NA("rfc5280.key_usage.ca_missing", "end entity without keyUsage", D, without_ku),

	FAIL("rfc5280.key_usage.ca_cert_sign_missing", "CA with digitalSignature only", O, ca_ds_only, AT_CONTENTS,
	     EXT("keyUsage") ".extnValue", "keyCertSign set in a CA certificate", "keyCertSign not set"),
	PASS("rfc5280.key_usage.ca_cert_sign_missing", "keyCertSign, cRLSign", O, ca_with_ski),
	NA("rfc5280.key_usage.ca_cert_sign_missing", "end entity", O, NULL),
	NA("rfc5280.key_usage.ca_cert_sign_missing", "CA without keyUsage", O, ca_without_ku),

	FAIL("rfc5280.key_usage.cert_sign_without_ca", "no basicConstraints", D, cert_sign_no_bc, AT_CONTENTS,
	     EXT("keyUsage") ".extnValue", "basicConstraints cA TRUE when keyCertSign is set", "no basicConstraints"),
	FAIL("rfc5280.key_usage.cert_sign_without_ca", "cA FALSE by default", O, cert_sign_bc_not_ca, AT_CONTENTS,
	     EXT("keyUsage") ".extnValue", "basicConstraints cA TRUE when keyCertSign is set", "cA FALSE"),
	PASS("rfc5280.key_usage.cert_sign_without_ca", "CA", O, ca_with_ski),
	NA("rfc5280.key_usage.cert_sign_without_ca", "no keyCertSign", D, NULL),

	FAIL("rfc5280.key_usage.only_bits_without_key_agreement", "encipherOnly", O, ku_ds_enc_only, AT_CONTENTS,
	     EXT("keyUsage") ".extnValue", "encipherOnly/decipherOnly only together with keyAgreement",
	     "without keyAgreement"),
	FAIL("rfc5280.key_usage.only_bits_without_key_agreement", "decipherOnly (bit 8)", D, ku_ds_dec_only,
	     AT_CONTENTS, EXT("keyUsage") ".extnValue", NULL, "without keyAgreement"),
	PASS("rfc5280.key_usage.only_bits_without_key_agreement", "keyAgreement, encipherOnly", O, ku_ka_enc_only),
	PASS("rfc5280.key_usage.only_bits_without_key_agreement", "keyAgreement, decipherOnly", D, ku_ka_dec_only),
	NA("rfc5280.key_usage.only_bits_without_key_agreement", "neither bit", D, NULL),

	/* basic_constraints */
	FAIL("rfc5280.basic_constraints.not_critical", "CA, criticality absent", O, ca_bc_crit_absent, AT_TLV,
	     EXT("basicConstraints") ".critical", "critical TRUE in a CA certificate", "absent (DEFAULT FALSE)"),
	FAIL("rfc5280.basic_constraints.not_critical", "CA, critical FALSE encoded", O, ca_bc_crit_false, AT_TLV,
	     EXT("basicConstraints") ".critical", "critical TRUE in a CA certificate", "critical FALSE"),
	PASS("rfc5280.basic_constraints.not_critical", "CA, critical", O, ca_with_ski),
	NA("rfc5280.basic_constraints.not_critical", "cA FALSE, not critical", O, bc_not_ca_not_critical),
	NA("rfc5280.basic_constraints.not_critical", "no basicConstraints", D, NULL),

	FAIL("rfc5280.basic_constraints.pathlen_improper", "cA FALSE", O, pathlen_without_ca, AT_TLV,
	     EXT("basicConstraints") ".extnValue.pathLenConstraint",
	     "pathLenConstraint only with cA TRUE and keyCertSign", "cA FALSE, no keyCertSign"),
	FAIL("rfc5280.basic_constraints.pathlen_improper", "cA TRUE without keyCertSign", O,
	     ca_pathlen_without_cert_sign, AT_TLV, EXT("basicConstraints") ".extnValue.pathLenConstraint",
	     "pathLenConstraint only with cA TRUE and keyCertSign", "cA TRUE, no keyCertSign"),
	PASS("rfc5280.basic_constraints.pathlen_improper", "CA, keyCertSign, pathLen 0", O, ca_pathlen_0),
	NA("rfc5280.basic_constraints.pathlen_improper", "CA without pathLen", O, ca_with_ski),
	NA("rfc5280.basic_constraints.pathlen_improper", "no basicConstraints", O, NULL),

	FAIL("rfc5280.basic_constraints.pathlen_negative", "-1", O, ca_pathlen_negative, AT_TLV,
	     EXT("basicConstraints") ".extnValue.pathLenConstraint", "pathLenConstraint >= 0", "a negative value"),
	PASS("rfc5280.basic_constraints.pathlen_negative", "0", O, ca_pathlen_0),
	NA("rfc5280.basic_constraints.pathlen_negative", "no pathLen", O, ca_with_ski),

	/* names */
	FAIL("rfc5280.name.issuer_empty", "30 00", D, issuer_empty, AT_TLV, "tbsCertificate.issuer",
	     "a non-empty issuer name", "an empty sequence"),
	FAIL("rfc5280.name.issuer_empty", "one empty RDN", O, issuer_empty_rdn, AT_TLV, "tbsCertificate.issuer",
	     "a non-empty issuer name", "RDNs without any attribute"),
	PASS("rfc5280.name.issuer_empty", "CN=E357", D, NULL),
	PASS("rfc5280.name.issuer_empty", "OU=07, CN=Z1", O, NULL),

	FAIL("rfc5280.name.empty_subject_without_san", "device without SAN", D, without_san, AT_TLV,
	     "tbsCertificate.subject", "a subjectAltName extension when the subject is empty", "none"),
	FAIL("rfc5280.name.empty_subject_without_san", "one empty RDN, no SAN", D, subject_empty_rdn_without_san, AT_TLV,
	     "tbsCertificate.subject", "a subjectAltName extension when the subject is empty", "none"),
	PASS("rfc5280.name.empty_subject_without_san", "device", D, NULL),
	NA("rfc5280.name.empty_subject_without_san", "organisation (subject not empty, no SAN)", O, NULL),

	FAIL("rfc5280.name.empty_subject_san_not_critical", "criticality absent", D, san_crit_absent, AT_TLV,
	     EXT("subjectAltName") ".critical", "critical TRUE (the subject is empty)", "absent (DEFAULT FALSE)"),
	FAIL("rfc5280.name.empty_subject_san_not_critical", "critical FALSE encoded", D, san_crit_false, AT_TLV,
	     EXT("subjectAltName") ".critical", "critical TRUE (the subject is empty)", "critical FALSE"),
	FAIL("rfc5280.name.empty_subject_san_not_critical", "one empty RDN", D, subject_empty_rdn_san_not_critical,
	     AT_TLV, EXT("subjectAltName") ".critical", NULL, "absent (DEFAULT FALSE)"),
	PASS("rfc5280.name.empty_subject_san_not_critical", "critical TRUE", D, NULL),
	NA("rfc5280.name.empty_subject_san_not_critical", "organisation", O, NULL),
	NA("rfc5280.name.empty_subject_san_not_critical", "device without SAN", D, without_san),

	FAIL("rfc5280.name.upper_bound", "commonName of 65", O, cn_65, AT_TLV,
	     "tbsCertificate.subject.rdnSequence[0][0].value", "at most 64 characters", "65 characters"),
	FAIL("rfc5280.name.upper_bound", "issuer OU of 65", O, issuer_ou_65, AT_TLV,
	     "tbsCertificate.issuer.rdnSequence[0][0].value", "at most 64 characters", "65 characters"),
	PASS("rfc5280.name.upper_bound", "commonName of 64 in 128 octets", O, cn_64_two_octet_chars),
	PASS("rfc5280.name.upper_bound", "organisation", O, NULL),
	NA("rfc5280.name.upper_bound", "only a uniqueIdentifier", D, issuer_uid_only),

	FAIL("rfc5280.name.directory_string_type", "BMPString commonName", O, cn_bmp, AT_TLV,
	     "tbsCertificate.subject.rdnSequence[0][0].value", "PrintableString or UTF8String", "BMPString"),
	FAIL("rfc5280.name.directory_string_type", "TeletexString OU", O, ou_teletex, AT_TLV,
	     "tbsCertificate.subject.rdnSequence[1][0].value", "PrintableString or UTF8String", "TeletexString"),
	PASS("rfc5280.name.directory_string_type", "UTF8String and PrintableString", O, NULL),
	NA("rfc5280.name.directory_string_type", "only a countryName", D, issuer_country_only),

	FAIL("rfc5280.name.string_charset", "PrintableString with *", D, issuer_cn_asterisk, AT_TLV,
	     "tbsCertificate.issuer.rdnSequence[0][0].value",
	     "only PrintableString characters (A-Z a-z 0-9 space '()+,-./:=?)", "octet 0x2a at position 4"),
	FAIL("rfc5280.name.string_charset", "IA5String with an 8-bit octet", D, issuer_email_8bit, AT_TLV,
	     "tbsCertificate.issuer.rdnSequence[0][0].value", "only IA5 (7-bit) characters",
	     "octet 0xe9 at position 1"),
	PASS("rfc5280.name.string_charset", "PrintableString E357", D, NULL),
	PASS("rfc5280.name.string_charset", "IA5String", D, issuer_email_ascii),
	NA("rfc5280.name.string_charset", "UTF8String only (* is fine there)", D, issuer_cn_utf8),

	FAIL("rfc5280.name.country_format", "UTF8String", O, country_utf8, AT_TLV,
	     "tbsCertificate.subject.rdnSequence[3][0].value", "a PrintableString of two characters",
	     "tag 0x0c, 2 octets"),
	FAIL("rfc5280.name.country_format", "three letters", O, country_three, AT_TLV,
	     "tbsCertificate.subject.rdnSequence[3][0].value", "a PrintableString of two characters",
	     "tag 0x13, 3 octets"),
	PASS("rfc5280.name.country_format", "GB", O, country_gb),
	NA("rfc5280.name.country_format", "no countryName", O, NULL),

	/* policies */
	FAIL("rfc5280.policies.duplicate", "the test policy twice", D, policy_twice, AT_TLV,
	     EXT("certificatePolicies") ".extnValue[1]", "each policy OID once", POLICY " again (first at [0])"),
	PASS("rfc5280.policies.duplicate", "one policy", D, NULL),
	PASS("rfc5280.policies.duplicate", "two different", O, two_policies),
	NA("rfc5280.policies.duplicate", "no certificatePolicies", O, without_policies),
	NA("rfc5280.policies.duplicate", "not a SEQUENCE", D, policies_not_a_sequence),
};

static const char *status_name(enum smk_status s)
{
	static const char *const names[] = {"NA", "NE", "PASS", "FAIL", "FATAL"};
	return (unsigned)s < 5 ? names[s] : "?";
}

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

ParameterizedTestParameters(lints, each)
{
	return cr_make_param_array(size_t, case_indexes(N_CASES), N_CASES, free_case_indexes);
}

ParameterizedTest(size_t *idx, lints, each, .init = setup, .fini = teardown)
{
	const struct lint_case *lc = &cases[*idx];
	const struct smk_lint *lint = smk_lint_by_id(lc->lint);
	cr_assert(ne(ptr, (void *)lint, NULL), "no lint %s", lc->lint);
	struct fg_cert *c = fg_cert_new(g, lc->cert);
	struct fg_node *n = lc->change != NULL ? lc->change(c) : NULL;
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);

	struct smk_cert m;
	decode(&m, ctx, der, len);
	cr_assert(m.decoded, "%s, %s: the forged certificate does not decode: %s", lc->lint, lc->name,
		  m.fatal_reason);
	smkilint_report *r = smk_report_new("test", 0);
	cr_assert(ne(ptr, r, NULL));
	enum smk_status st = smk_run_lint(lint, &m, r);
	smk_cert_free(&m);
	if (st != lc->status)
		log_report(r);
	cr_assert(eq(int, st, lc->status), "%s, %s: %s instead of %s", lc->lint, lc->name, status_name(st),
		  status_name(lc->status));
	if (lc->status != SMK_FAIL) {
		cr_assert(eq(sz, smkilint_report_count(r), 0), "%s, %s: findings without failing", lc->lint, lc->name);
		smkilint_report_free(r);
		return;
	}
	cr_assert(ne(ptr, n, NULL), "%s, %s: a failing case names the node", lc->lint, lc->name);
	cr_assert(eq(sz, smkilint_report_count(r), 1), "%s, %s: one finding", lc->lint, lc->name);
	const smkilint_finding *f = smkilint_report_finding(r, 0);
	size_t off, want_len;
	expected_loc(n, lc->at, &off, &want_len);
	cr_expect(eq(str, (char *)f->lint, (char *)lc->lint));
	cr_expect(eq(int, f->severity, lint->info.severity), "%s, %s: severity", lc->lint, lc->name);
	cr_expect(eq(str, (char *)f->path, (char *)lc->path), "%s, %s: path", lc->lint, lc->name);
	cr_expect(eq(int, f->has_offset, 1), "%s, %s: has an offset", lc->lint, lc->name);
	cr_expect(eq(sz, f->offset, off), "%s, %s: offset", lc->lint, lc->name);
	cr_expect(eq(sz, f->length, want_len), "%s, %s: length", lc->lint, lc->name);
	if (lc->expected != NULL)
		cr_expect(eq(str, (char *)f->expected, (char *)lc->expected), "%s, %s: expected", lc->lint, lc->name);
	if (lc->found != NULL)
		cr_expect(ne(ptr, strstr(f->found, lc->found), NULL), "%s, %s: found \"%s\" lacks \"%s\"", lc->lint,
			  lc->name, f->found, lc->found);
	smkilint_report_free(r);
}

/* ------------------------------------------------------------- several findings */

static smkilint_report *run_on(const char *id, struct fg_cert *c, enum smk_status *st)
{
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	struct smk_cert m;
	decode(&m, ctx, der, len);
	smkilint_report *r = smk_report_new("test", 0);
	cr_assert(ne(ptr, r, NULL));
	*st = smk_run_lint(smk_lint_by_id(id), &m, r);
	smk_cert_free(&m);
	return r;
}

/* The name lints look at every attribute of both names: one finding each. */
Test(names, one_finding_per_attribute_in_both_names, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	struct fg_node *cn = cn_65(c);
	struct fg_node *ou = issuer_ou_65(c);
	enum smk_status st;
	smkilint_report *r = run_on("rfc5280.name.upper_bound", c, &st);
	cr_assert(eq(int, st, SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	/* subject first, then issuer */
	cr_expect(eq(sz, smkilint_report_finding(r, 0)->offset, fg_off(cn)));
	cr_expect(eq(str, (char *)smkilint_report_finding(r, 0)->path, "tbsCertificate.subject.rdnSequence[0][0].value"));
	cr_expect(eq(sz, smkilint_report_finding(r, 1)->offset, fg_off(ou)));
	cr_expect(eq(str, (char *)smkilint_report_finding(r, 1)->path, "tbsCertificate.issuer.rdnSequence[0][0].value"));
	smkilint_report_free(r);
}

Test(policies, every_repeat_is_reported, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *second = policy_twice(c);
	struct fg_node *third = policy_twice(c);
	enum smk_status st;
	smkilint_report *r = run_on("rfc5280.policies.duplicate", c, &st);
	cr_assert(eq(int, st, SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	cr_expect(eq(sz, smkilint_report_finding(r, 0)->offset, fg_off(second)));
	cr_expect(eq(sz, smkilint_report_finding(r, 1)->offset, fg_off(third)));
	cr_expect(eq(str, (char *)smkilint_report_finding(r, 1)->path, EXT("certificatePolicies") ".extnValue[2]"));
	smkilint_report_free(r);
}

/* The forged certificates are clean for these families through the whole
 * pipeline, and a forged CA too: the failing cases above are the change,
 * not the base certificate. */
static size_t family_findings(const smkilint_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		for (size_t k = 0; k < smkilint_lint_count(); k++) {
			if (strcmp(smkilint_lint_get(k)->id, f->lint) != 0)
				continue;
			for (size_t j = 0; j < sizeof(rfc_families) / sizeof(rfc_families[0]); j++)
				if (strcmp(smkilint_lint_family(k), rfc_families[j]) == 0) {
					cr_log_error("%s at %s: %s", f->lint, f->path, f->found);
					n++;
				}
		}
	}
	return n;
}

Test(pipeline, forged_certificates_are_clean_for_these_families, .init = setup, .fini = teardown)
{
	struct fg_cert *dev = fg_cert_new(g, FG_DEVICE);
	smkilint_report *r = lint_forged(ctx, dev);
	cr_expect(eq(sz, family_findings(r), 0), "device");
	smkilint_report_free(r);

	struct fg_cert *org = fg_cert_new(g, FG_ORGANISATION);
	r = lint_forged(ctx, org);
	cr_expect(eq(sz, family_findings(r), 0), "organisation");
	smkilint_report_free(r);

	struct fg_cert *ca = fg_cert_new(g, FG_ORGANISATION);
	ca_pathlen_0(ca);
	r = lint_forged(ctx, ca);
	cr_expect(eq(sz, family_findings(r), 0), "CA");
	smkilint_report_free(r);

	/* and one defect gives its finding through the pipeline too */
	struct fg_cert *bad = fg_cert_new(g, FG_DEVICE);
	struct fg_node *crit = ski_critical(bad);
	r = lint_forged(ctx, bad);
	assert_finding(r, "rfc5280.ski.critical", EXT("subjectKeyIdentifier") ".critical", fg_off(crit));
	smkilint_report_free(r);
}

/* ------------------------------------------------------------- catalogue */

static bool is_rfc(const char *family)
{
	return family_in(family, rfc_families, sizeof(rfc_families) / sizeof(rfc_families[0]));
}

static bool has_case(const char *id, enum smk_status st)
{
	for (size_t i = 0; i < N_CASES; i++)
		if (strcmp(cases[i].lint, id) == 0 && cases[i].status == st)
			return true;
	return false;
}

Test(catalogue, every_rfc_lint_fails_and_passes_here)
{
	size_t n = 0, per_family[sizeof(rfc_families) / sizeof(rfc_families[0])] = {0};
	for (size_t i = 0; i < smkilint_lint_count(); i++) {
		const smkilint_lint_info *info = smkilint_lint_get(i);
		cr_assert(ne(ptr, (void *)info, NULL));
		const char *fam = lint_family_of(info->id);
		if (!is_rfc(fam))
			continue;
		n++;
		for (size_t j = 0; j < sizeof(rfc_families) / sizeof(rfc_families[0]); j++)
			per_family[j] += strcmp(fam, rfc_families[j]) == 0;
		cr_expect(has_case(info->id, SMK_FAIL), "lint %s (family %s) has no failing case in cases[]", info->id, fam);
		cr_expect(has_case(info->id, SMK_PASS), "lint %s (family %s) has no passing case in cases[]", info->id, fam);
	}
	cr_assert(gt(sz, n, 0), "no lint found in the RFC families");
	for (size_t j = 0; j < sizeof(rfc_families) / sizeof(rfc_families[0]); j++)
		cr_expect(gt(sz, per_family[j], 0), "family %s has no lint (renamed?)", rfc_families[j]);
}

Test(catalogue, every_case_names_a_lint_of_these_families)
{
	for (size_t i = 0; i < N_CASES; i++)
		cr_expect(is_rfc(lint_family_of(cases[i].lint)), "case \"%s\" names %s, not a lint of an RFC family",
			  cases[i].name, cases[i].lint);
}

/* The algorithm lints the brief listed are covered by test_lints_core.c;
 * this fails if one of them moves out of the algorithms family (then its
 * cases belong here). */
Test(catalogue, algorithm_lints_stay_with_the_core_suite)
{
	static const char *const ids[] = {"rfc5480.ec.not_named_curve", "rfc3279.ecdsa.signature_malformed",
					  "rfc4055.rsa.params_not_null"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const char *fam = lint_family_of(ids[i]);
		cr_assert(ne(ptr, (void *)fam, NULL), "no lint %s", ids[i]);
		cr_expect(eq(str, (char *)fam, "algorithms"), "%s is in family %s", ids[i], fam);
	}
}
