/*
 * The core lint families (certificate, algorithms, validity, encoding), one
 * lint at a time: smk_run_lint() on a forged certificate with one thing
 * changed. Each lint has a case that fails (finding: id, path, offset,
 * length, expected/found), one that passes, and one for SMK_NA where scope
 * matters. The table drives the tests, and a catalogue test checks that
 * every lint of these families has a failing and a passing case in it.
 */
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

static const char *const core_families[] = {"certificate", "algorithms", "validity", "encoding"};

#define ECDSA_SHA256 "1.2.840.10045.4.3.2"
#define SHA256_RSA "1.2.840.113549.1.1.11"
#define RSA "1.2.840.113549.1.1.1"

static struct fg_ext add_ext(struct fg_cert *c, const char *oid, struct fg_node *inner)
{
	struct fg_ext e = fg_ext_new(c->g, oid, FG_CRIT_ABSENT, inner);
	fg_add(c->ext_list, e.seq);
	return e;
}

/* ------------------------------------------------------------- certificate */

static struct fg_node *version_v2(struct fg_cert *c)
{
	fg_set_hex(c->version_int, "01");
	return c->version_int;
}

static struct fg_node *version_absent(struct fg_cert *c)
{
	fg_remove(c->doc, c->version);
	return c->tbs;    /* the finding points at the TBSCertificate header */
}

static struct fg_node *version_v4(struct fg_cert *c)
{
	fg_set_hex(c->version_int, "03");
	return c->version_int;
}

static struct fg_node *no_extensions(struct fg_cert *c)
{
	fg_remove(c->doc, c->extensions);
	return NULL;
}

static struct fg_node *serial_negative(struct fg_cert *c)
{
	fg_set_hex(c->serial, "81 c5 63 92");
	return c->serial;
}

static struct fg_node *serial_zero(struct fg_cert *c)
{
	fg_set_hex(c->serial, "00");
	return c->serial;
}

static struct fg_node *serial_empty(struct fg_cert *c)
{
	fg_set_data(c->serial, NULL, 0);
	return c->serial;
}

static struct fg_node *serial_positive_high_bit(struct fg_cert *c)
{
	fg_set_hex(c->serial, "00 81");   /* 129: the 00 keeps it positive */
	return c->serial;
}

static struct fg_node *serial_21_octets(struct fg_cert *c)
{
	fg_set_hex(c->serial, "01 02030405060708090a0b0c0d0e0f1011121314 15");
	return c->serial;
}

static struct fg_node *serial_20_octets(struct fg_cert *c)
{
	fg_set_hex(c->serial, "01 02030405060708090a0b0c0d0e0f1011121314");
	return c->serial;
}

static struct fg_node *issuer_uid(struct fg_cert *c)
{
	struct fg_node *uid = fg_bits(c->g, 0, "\x01\x02", 2);
	uid->id = 0x81;
	fg_insert_after(c->doc, c->spki, uid);
	return uid;
}

static struct fg_node *subject_uid(struct fg_cert *c)
{
	struct fg_node *uid = fg_bits(c->g, 0, "\x01\x02", 2);
	uid->id = 0x82;
	fg_insert_after(c->doc, c->spki, uid);
	return uid;
}

static struct fg_node *subject_uid_v1(struct fg_cert *c)
{
	fg_remove(c->doc, c->version);
	return subject_uid(c);
}

static struct fg_node *extensions_empty(struct fg_cert *c)
{
	c->ext_list->n_kid = 0;
	return c->extensions;
}

static struct fg_node *ski_twice(struct fg_cert *c)
{
	struct fg_node *again = fg_clone(c->ext[FG_EXT_SKI].seq);
	fg_insert_after(c->doc, c->ext[FG_EXT_SKI].seq, again);
	return again;
}

static struct fg_node *unknown_extension_twice(struct fg_cert *c)
{
	add_ext(c, "1.2.3.4", fg_prim_hex(c->g, 0x05, ""));
	return add_ext(c, "1.2.3.4", fg_prim_hex(c->g, 0x05, "")).seq;
}

static struct fg_node *policies_empty(struct fg_cert *c)
{
	fg_cert_set(c, &c->ext[FG_EXT_POLICIES].inner, fg_cons(c->g, 0x30, NULL));
	return c->ext[FG_EXT_POLICIES].value;
}

static struct fg_node *key_usage_not_bits(struct fg_cert *c)
{
	fg_replace(c->doc, c->ext[FG_EXT_KU].inner, fg_prim_hex(c->g, 0x04, "00"));
	return c->ext[FG_EXT_KU].value;
}

static struct fg_node *only_unknown_extension(struct fg_cert *c)
{
	c->ext_list->n_kid = 0;
	add_ext(c, "1.2.3.4", fg_prim_hex(c->g, 0x05, ""));
	return NULL;
}

/* ------------------------------------------------------------- algorithms */

static struct fg_node *outer_sha384(struct fg_cert *c)
{
	fg_cert_set(c, &c->sig_alg, fg_seq(c->g, fg_oid(c->g, "1.2.840.10045.4.3.3")));
	return c->sig_alg;
}

static struct fg_node *outer_null_params(struct fg_cert *c)
{
	fg_add(c->sig_alg, fg_prim(c->g, 0x05, NULL, 0));
	return c->sig_alg;
}

static struct fg_node *tbs_null_params(struct fg_cert *c)
{
	struct fg_node *null = fg_prim(c->g, 0x05, NULL, 0);
	fg_add(c->tbs_sig_alg, null);
	return null;
}

static struct fg_node *inner_null_params(struct fg_cert *c)
{
	tbs_null_params(c);
	return c->sig_alg;   /* the mismatch is reported on the outer field */
}

static struct fg_node *outer_oid_params(struct fg_cert *c)
{
	struct fg_node *p = fg_oid(c->g, "1.2.840.10045.3.1.7");
	fg_add(c->sig_alg, p);
	return p;
}

static struct fg_node *rsa_signature(struct fg_cert *c)
{
	fg_cert_set(c, &c->tbs_sig_alg, fg_seq(c->g, fg_oid(c->g, SHA256_RSA), fg_prim(c->g, 0x05, NULL, 0)));
	fg_cert_set(c, &c->sig_alg, fg_seq(c->g, fg_oid(c->g, SHA256_RSA), fg_prim(c->g, 0x05, NULL, 0)));
	/* an RSA signature is a plain bit string */
	fg_cert_set(c, &c->sig_value, fg_bits(c->g, 0, "\x01\x02\x03\x04", 4));
	return NULL;
}

static struct fg_node *curve_absent(struct fg_cert *c)
{
	fg_remove(c->doc, c->curve);
	return c->spki_alg;
}

static struct fg_node *curve_implicit(struct fg_cert *c)
{
	fg_cert_set(c, &c->curve, fg_prim(c->g, 0x05, NULL, 0));
	return c->curve;
}

static struct fg_node *curve_specified(struct fg_cert *c)
{
	/* the shape of SpecifiedECDomain; the values do not matter here */
	fg_cert_set(c, &c->curve, fg_seq(c->g, fg_int(c->g, 1),
					 fg_seq(c->g, fg_oid(c->g, "1.2.840.10045.1.1"), fg_int(c->g, 7)),
					 fg_seq(c->g, fg_prim_hex(c->g, 0x04, "01"), fg_prim_hex(c->g, 0x04, "02")),
					 fg_prim_hex(c->g, 0x04, "04"), fg_int(c->g, 11)));
	return c->curve;
}

static struct fg_node *curve_p384(struct fg_cert *c)
{
	fg_cert_set(c, &c->curve, fg_oid(c->g, "1.3.132.0.34"));
	return NULL;
}

static struct fg_node *rsa_key_with(struct fg_cert *c, struct fg_node *params)
{
	struct fg_node *alg = fg_seq(c->g, fg_oid(c->g, RSA));
	if (params != NULL)
		fg_add(alg, params);
	fg_cert_set(c, &c->spki_alg, alg);
	/* RSAPublicKey { modulus, publicExponent }, values immaterial */
	fg_cert_set(c, &c->public_key, fg_wrap(c->g, 0x03, fg_seq(c->g, fg_int(c->g, 0x7fff), fg_int(c->g, 65537))));
	return params != NULL ? params : alg;
}

static struct fg_node *rsa_key_null(struct fg_cert *c)
{
	return rsa_key_with(c, fg_prim(c->g, 0x05, NULL, 0));
}

static struct fg_node *rsa_key_no_params(struct fg_cert *c)
{
	return rsa_key_with(c, NULL);
}

static struct fg_node *rsa_key_oid_params(struct fg_cert *c)
{
	return rsa_key_with(c, fg_oid(c->g, "1.2.3.4"));
}

static struct fg_node *signature_not_ecdsa_sig_value(struct fg_cert *c)
{
	fg_replace(c->doc, c->ecdsa, fg_prim_hex(c->g, 0x04, "00"));
	return c->sig_value;
}

static struct fg_node *signature_unused_bits(struct fg_cert *c)
{
	c->sig_value->data[0] = 1;
	return c->sig_value;
}

/* ------------------------------------------------------------- validity */

static struct fg_node *set_time(struct fg_node *t, uint8_t tag, const char *text)
{
	t->id = tag;
	fg_set_data(t, text, strlen(text));
	return t;
}

static struct fg_node *not_before_generalized_2016(struct fg_cert *c)
{
	return set_time(c->not_before, 0x18, "20160406000000Z");
}

static struct fg_node *not_before_generalized_2049(struct fg_cert *c)
{
	return set_time(c->not_before, 0x18, "20491231235959Z");
}

static struct fg_node *not_after_generalized_2050(struct fg_cert *c)
{
	set_time(c->not_before, 0x17, "491231235959Z");   /* the last UTCTime year */
	return set_time(c->not_after, 0x18, "20500101000000Z");
}

static struct fg_node *not_after_fraction(struct fg_cert *c)
{
	return set_time(c->not_after, 0x18, "99991231235959.5Z");
}

static struct fg_node *not_after_before_not_before(struct fg_cert *c)
{
	set_time(c->not_after, 0x17, "160405235959Z");   /* one second before notBefore */
	return c->validity;
}

static struct fg_node *not_after_equals_not_before(struct fg_cert *c)
{
	set_time(c->not_after, 0x18, "20160406000000Z");
	return NULL;
}

static struct fg_node *not_before_invalid(struct fg_cert *c)
{
	return set_time(c->not_before, 0x17, "1604060000Z");
}

/* ------------------------------------------------------------- encoding */

static struct fg_node *serial_long_length(struct fg_cert *c)
{
	c->serial->len_octets = 1;
	return c->serial;
}

static struct fg_node *san_indefinite(struct fg_cert *c)
{
	c->ext[FG_EXT_SAN].inner->indefinite = true;
	return c->ext[FG_EXT_SAN].inner;
}

static struct fg_node *serial_high_tag(struct fg_cert *c)
{
	c->serial->tag_octets = 1;
	return c->serial;
}

static struct fg_node *serial_leading_zero(struct fg_cert *c)
{
	fg_set_hex(c->serial, "00 71c56392ce9985dd1b78be2eb23d610b");
	return c->serial;
}

static struct fg_node *critical_01(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_SAN].critical, "01");
	return c->ext[FG_EXT_SAN].critical;
}

static struct fg_node *critical_false(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_AKI], FG_CRIT_FALSE);
	return c->ext[FG_EXT_AKI].critical;
}

static struct fg_node *uid_unused_9(struct fg_cert *c)
{
	c->subject_uid->data[0] = 9;
	return c->subject_uid;
}

static struct fg_node *key_usage_trailing_zero(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_KU].inner, "00 80");
	return c->ext[FG_EXT_KU].inner;
}

static struct fg_node *not_before_no_seconds(struct fg_cert *c)
{
	return set_time(c->not_before, 0x17, "1604060000Z");
}

static struct fg_node *issuer_rdn_unsorted(struct fg_cert *c)
{
	struct fg_node *ou = fg_atv(c->g, "2.5.4.11", fg_str(c->g, 0x13, "07"));
	fg_add(c->issuer->kid[0], ou);
	return ou;
}

static struct fg_node *trailing_octet(struct fg_cert *c)
{
	fg_set_hex(c->trailer, "ff");
	return c->trailer;
}

static struct fg_node *constructed_cn(struct fg_cert *c)
{
	struct fg_node *v = fg_cons(c->g, 0x2c, fg_str(c->g, 0x0c, "GITTESTSUPPLIER"), NULL);
	fg_cert_set(c, &c->subject_cn, v);
	return v;
}

static struct fg_node *null_one_octet(struct fg_cert *c)
{
	struct fg_node *null = fg_prim_hex(c->g, 0x05, "00");
	fg_add(c->sig_alg, null);
	return null;
}

static struct fg_node *hw_type_padded(struct fg_cert *c)
{
	struct fg_node *pad = fg_hex(c->g, "80");
	fg_set_data(c->hw_type, NULL, 0);
	fg_add(c->hw_type, fg_hex(c->g, "2a 86 3a 00 01"));
	fg_add(c->hw_type, pad);
	fg_add(c->hw_type, fg_hex(c->g, "84 8f b9 0f 01 02 02 01"));
	return pad;
}

static struct fg_node *ski_value_cut(struct fg_cert *c)
{
	c->ext[FG_EXT_SKI].inner->len_delta = 2;
	return c->ext[FG_EXT_SKI].inner;
}

/* README, Limits: nesting depth 32, reached by the 27th SEQUENCE nested in
 * an extension value (see test_der.c) */
static struct fg_node *nested_33_deep(struct fg_cert *c)
{
	struct fg_node *nest[30];
	nest[29] = fg_int(c->g, 1);
	for (int i = 28; i >= 0; i--)
		nest[i] = fg_seq(c->g, nest[i + 1]);
	add_ext(c, "1.2.3.4", nest[0]);
	return nest[26];
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

static const struct lint_case cases[] = {
	/* certificate */
	FAIL("rfc5280.version.not_v3_with_extensions", "v2 with extensions", D, version_v2, AT_TLV,
	     "tbsCertificate.version", "v3 (2)", "v2 (1)"),
	FAIL("rfc5280.version.not_v3_with_extensions", "version absent (v1)", D, version_absent, AT_HEADER,
	     "tbsCertificate.version", "v3 (2)", "field absent"),
	PASS("rfc5280.version.not_v3_with_extensions", "v3", D, NULL),
	NA("rfc5280.version.not_v3_with_extensions", "no extensions", D, no_extensions),

	FAIL("rfc5280.version.unknown", "version 3 (v4)", D, version_v4, AT_TLV, "tbsCertificate.version", NULL,
	     NULL),
	PASS("rfc5280.version.unknown", "v3", D, NULL),
	PASS("rfc5280.version.unknown", "v1 by default", D, version_absent),

	FAIL("rfc5280.serial.not_positive", "negative", D, serial_negative, AT_TLV, "tbsCertificate.serialNumber",
	     "a positive INTEGER", "negative"),
	FAIL("rfc5280.serial.not_positive", "zero", D, serial_zero, AT_TLV, "tbsCertificate.serialNumber",
	     "a positive INTEGER", "0"),
	FAIL("rfc5280.serial.not_positive", "empty", D, serial_empty, AT_TLV, "tbsCertificate.serialNumber",
	     "a positive INTEGER", "empty"),
	PASS("rfc5280.serial.not_positive", "16 octets", D, NULL),
	PASS("rfc5280.serial.not_positive", "00 before a high bit", D, serial_positive_high_bit),

	FAIL("rfc5280.serial.too_long", "21 octets", D, serial_21_octets, AT_TLV, "tbsCertificate.serialNumber",
	     "at most 20 octets", "21 octets"),
	PASS("rfc5280.serial.too_long", "20 octets", D, serial_20_octets),

	FAIL("rfc5280.unique_ids.present", "issuerUniqueID", D, issuer_uid, AT_TLV, "tbsCertificate.issuerUniqueID",
	     "absent", "issuerUniqueID"),
	FAIL("rfc5280.unique_ids.present", "subjectUniqueID", O, subject_uid, AT_TLV,
	     "tbsCertificate.subjectUniqueID", "absent", "subjectUniqueID"),
	PASS("rfc5280.unique_ids.present", "none", D, NULL),

	FAIL("rfc5280.unique_ids.need_v2", "subjectUniqueID in v1", D, subject_uid_v1, AT_TLV,
	     "tbsCertificate.subjectUniqueID", "version v2 or v3", "v1"),
	PASS("rfc5280.unique_ids.need_v2", "issuerUniqueID in v3", D, issuer_uid),
	NA("rfc5280.unique_ids.need_v2", "no unique identifiers", D, NULL),

	FAIL("rfc5280.extensions.empty", "[3] with an empty SEQUENCE", D, extensions_empty, AT_TLV,
	     "tbsCertificate.extensions", NULL, "an empty list"),
	PASS("rfc5280.extensions.empty", "five extensions", D, NULL),
	NA("rfc5280.extensions.empty", "no [3]", D, no_extensions),

	FAIL("rfc5280.extensions.duplicate", "SKI twice", D, ski_twice, AT_TLV,
	     "tbsCertificate.extensions[subjectKeyIdentifier]", "each extension at most once",
	     "subjectKeyIdentifier again (first at index 1)"),
	FAIL("rfc5280.extensions.duplicate", "unknown extension twice", O, unknown_extension_twice, AT_TLV,
	     "tbsCertificate.extensions[1.2.3.4]", NULL, "again (first at index 4)"),
	PASS("rfc5280.extensions.duplicate", "all different", D, NULL),
	NA("rfc5280.extensions.duplicate", "no extensions", D, no_extensions),

	FAIL("rfc5280.extensions.empty_sequence", "certificatePolicies 30 00", D, policies_empty, AT_CONTENTS,
	     "tbsCertificate.extensions[certificatePolicies].extnValue", "at least one element (SIZE (1..MAX))",
	     "an empty SEQUENCE"),
	PASS("rfc5280.extensions.empty_sequence", "SAN and policies with one element each", D, NULL),
	NA("rfc5280.extensions.empty_sequence", "only an unknown extension", D, only_unknown_extension),

	FAIL("rfc5280.extensions.malformed", "keyUsage holding an OCTET STRING", D, key_usage_not_bits, AT_CONTENTS,
	     "tbsCertificate.extensions[keyUsage].extnValue", "a DER keyUsage value", NULL),
	PASS("rfc5280.extensions.malformed", "all decode", O, NULL),
	NA("rfc5280.extensions.malformed", "only an unknown extension", D, only_unknown_extension),

	/* algorithms */
	FAIL("rfc5280.signature.algorithm_mismatch", "other hash outside", D, outer_sha384, AT_TLV,
	     "signatureAlgorithm", NULL, "1.2.840.10045.4.3.3"),
	FAIL("rfc5280.signature.algorithm_mismatch", "NULL parameters outside only", D, outer_null_params, AT_TLV,
	     "signatureAlgorithm", NULL, "NULL parameters"),
	FAIL("rfc5280.signature.algorithm_mismatch", "NULL parameters inside only", D, inner_null_params, AT_TLV,
	     "signatureAlgorithm", "identical to tbsCertificate.signature (1.2.840.10045.4.3.2, NULL parameters)",
	     ECDSA_SHA256),
	PASS("rfc5280.signature.algorithm_mismatch", "identical", D, NULL),

	FAIL("rfc5758.ecdsa.params_present", "NULL in tbsCertificate.signature", D, tbs_null_params, AT_TLV,
	     "tbsCertificate.signature.parameters", "parameters absent", "NULL parameters"),
	FAIL("rfc5758.ecdsa.params_present", "an OID in signatureAlgorithm", D, outer_oid_params, AT_TLV,
	     "signatureAlgorithm.parameters", "parameters absent", "parameters present"),
	PASS("rfc5758.ecdsa.params_present", "absent", D, NULL),
	NA("rfc5758.ecdsa.params_present", "RSA", D, rsa_signature),

	FAIL("rfc5480.ec.not_named_curve", "parameters absent", D, curve_absent, AT_TLV,
	     "tbsCertificate.subjectPublicKeyInfo.algorithm", NULL, "parameters absent"),
	FAIL("rfc5480.ec.not_named_curve", "implicitCurve", D, curve_implicit, AT_TLV,
	     "tbsCertificate.subjectPublicKeyInfo.algorithm.parameters", "namedCurve", "implicitCurve"),
	FAIL("rfc5480.ec.not_named_curve", "specifiedCurve", O, curve_specified, AT_TLV,
	     "tbsCertificate.subjectPublicKeyInfo.algorithm.parameters", "namedCurve", "specifiedCurve"),
	PASS("rfc5480.ec.not_named_curve", "P-256", D, NULL),
	PASS("rfc5480.ec.not_named_curve", "P-384 is named too", D, curve_p384),
	NA("rfc5480.ec.not_named_curve", "RSA key", D, rsa_key_null),

	FAIL("rfc3279.ecdsa.signature_malformed", "not a SEQUENCE", D, signature_not_ecdsa_sig_value, AT_TLV,
	     "signatureValue", NULL, "do not decode"),
	FAIL("rfc3279.ecdsa.signature_malformed", "unused bits", D, signature_unused_bits, AT_TLV, "signatureValue",
	     NULL, "unused bits"),
	PASS("rfc3279.ecdsa.signature_malformed", "r and s", D, NULL),
	NA("rfc3279.ecdsa.signature_malformed", "RSA signature", D, rsa_signature),

	FAIL("rfc4055.rsa.params_not_null", "absent", D, rsa_key_no_params, AT_TLV,
	     "tbsCertificate.subjectPublicKeyInfo.algorithm", "NULL parameters", "parameters absent"),
	FAIL("rfc4055.rsa.params_not_null", "an OID", D, rsa_key_oid_params, AT_TLV,
	     "tbsCertificate.subjectPublicKeyInfo.algorithm.parameters", "NULL parameters", "other parameters"),
	PASS("rfc4055.rsa.params_not_null", "NULL", D, rsa_key_null),
	NA("rfc4055.rsa.params_not_null", "EC key", D, NULL),

	/* validity */
	FAIL("rfc5280.validity.wrong_time_type", "GeneralizedTime in 2016", D, not_before_generalized_2016, AT_TLV,
	     "tbsCertificate.validity.notBefore", "UTCTime for dates through 2049", "\"20160406000000Z\""),
	FAIL("rfc5280.validity.wrong_time_type", "GeneralizedTime in 2049", D, not_before_generalized_2049, AT_TLV,
	     "tbsCertificate.validity.notBefore", NULL, "20491231235959Z"),
	PASS("rfc5280.validity.wrong_time_type", "UTCTime 2016, GeneralizedTime 9999", D, NULL),
	PASS("rfc5280.validity.wrong_time_type", "UTCTime 2049, GeneralizedTime 2050", D, not_after_generalized_2050),
	PASS("rfc5280.validity.wrong_time_type", "UTCTime both", O, NULL),

	FAIL("rfc5280.validity.fractional_seconds", "half a second", D, not_after_fraction, AT_TLV,
	     "tbsCertificate.validity.notAfter", NULL, "99991231235959.5Z"),
	PASS("rfc5280.validity.fractional_seconds", "whole seconds", D, NULL),

	FAIL("rfc5280.validity.not_before_after_not_after", "one second apart", D, not_after_before_not_before,
	     AT_TLV, "tbsCertificate.validity", "notBefore <= notAfter", "160406000000Z"),
	PASS("rfc5280.validity.not_before_after_not_after", "2016 to 9999", D, NULL),
	PASS("rfc5280.validity.not_before_after_not_after", "the same second", D, not_after_equals_not_before),
	NA("rfc5280.validity.not_before_after_not_after", "notBefore without seconds", D, not_before_invalid),

	/* encoding: the walk's defects, one lint per kind */
	FAIL("der.length_not_minimal", "81 10", D, serial_long_length, AT_HEADER, "tbsCertificate.serialNumber",
	     "short-form length", NULL),
	PASS("der.length_not_minimal", "as forged", D, NULL),
	FAIL("der.indefinite_length", "SAN value", D, san_indefinite, AT_HEADER,
	     "tbsCertificate.extensions[subjectAltName].extnValue", "definite length", NULL),
	PASS("der.indefinite_length", "as forged", D, NULL),
	FAIL("der.tag_not_minimal", "1f 02", D, serial_high_tag, AT_HEADER, "tbsCertificate.serialNumber", NULL,
	     NULL),
	PASS("der.tag_not_minimal", "as forged", D, NULL),
	FAIL("der.integer_not_minimal", "00 71", D, serial_leading_zero, AT_TLV, "tbsCertificate.serialNumber",
	     "minimal two's-complement encoding", "leading 0x00"),
	PASS("der.integer_not_minimal", "as forged", D, NULL),
	FAIL("der.integer_empty", "02 00", D, serial_empty, AT_HEADER, "tbsCertificate.serialNumber", NULL, NULL),
	PASS("der.integer_empty", "as forged", D, NULL),
	FAIL("der.boolean_not_canonical", "01", D, critical_01, AT_TLV,
	     "tbsCertificate.extensions[subjectAltName].critical", NULL, "0x01"),
	PASS("der.boolean_not_canonical", "as forged", D, NULL),
	FAIL("der.default_encoded", "critical FALSE", D, critical_false, AT_TLV,
	     "tbsCertificate.extensions[authorityKeyIdentifier].critical", "DEFAULT FALSE omitted", NULL),
	PASS("der.default_encoded", "as forged", O, NULL),
	FAIL("der.bitstring_unused_bits", "9 unused bits", O, uid_unused_9, AT_FIRST_OCTET,
	     "tbsCertificate.subject.rdnSequence[2][0].value", "0 to 7 unused bits", NULL),
	PASS("der.bitstring_unused_bits", "as forged", O, NULL),
	FAIL("der.named_bits_trailing_zero", "00 80", D, key_usage_trailing_zero, AT_TLV,
	     "tbsCertificate.extensions[keyUsage].extnValue", NULL, NULL),
	PASS("der.named_bits_trailing_zero", "as forged", D, NULL),
	FAIL("der.time_format", "no seconds", D, not_before_no_seconds, AT_TLV, "tbsCertificate.validity.notBefore",
	     "YYMMDDHHMMSSZ", "seconds are missing"),
	PASS("der.time_format", "as forged", D, NULL),
	FAIL("der.set_not_sorted", "CN before OU", D, issuer_rdn_unsorted, AT_TLV,
	     "tbsCertificate.issuer.rdnSequence[0][1]", NULL, NULL),
	PASS("der.set_not_sorted", "as forged", O, NULL),
	FAIL("der.trailing_data", "one octet after", D, trailing_octet, AT_TLV, "certificate", NULL,
	     "1 trailing octets"),
	PASS("der.trailing_data", "as forged", D, NULL),
	FAIL("der.constructed_string", "constructed UTF8String", O, constructed_cn, AT_TLV,
	     "tbsCertificate.subject.rdnSequence[0][0].value", "primitive encoding", NULL),
	PASS("der.constructed_string", "as forged", O, NULL),
	FAIL("der.null_not_empty", "05 01 00", D, null_one_octet, AT_TLV, "signatureAlgorithm.parameters", NULL,
	     "1 contents octets"),
	PASS("der.null_not_empty", "as forged", D, NULL),
	FAIL("der.oid_not_minimal", "hwType padded", D, hw_type_padded, AT_TLV,
	     "tbsCertificate.extensions[subjectAltName].extnValue[0].otherName.value.hwType", NULL, NULL),
	PASS("der.oid_not_minimal", "as forged", D, NULL),
	FAIL("der.encapsulated_malformed", "SKI runs past", D, ski_value_cut, AT_START,
	     "tbsCertificate.extensions[subjectKeyIdentifier].extnValue", NULL, NULL),
	PASS("der.encapsulated_malformed", "as forged", D, NULL),
	FAIL("limit.exceeded", "nesting depth 33", D, nested_33_deep, AT_TLV,
	     "tbsCertificate.extensions[1.2.3.4].extnValue[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
	     "[0][0][0][0][0][0]", "nesting depth at most 32", NULL),
	PASS("limit.exceeded", "as forged", O, NULL),
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
	cr_assert(eq(sz, smkilint_report_count(r), 1), "%s, %s: one finding", lc->lint, lc->name);
	const smkilint_finding *f = smkilint_report_finding(r, 0);
	size_t off, want_len;
	expected_loc(n, lc->at, &off, &want_len);
	cr_expect(eq(str, (char *)f->lint, (char *)lc->lint));
	cr_expect(eq(int, f->severity, lint->info.severity), "%s, %s: severity", lc->lint, lc->name);
	cr_expect(eq(str, (char *)f->path, (char *)lc->path), "%s, %s: path", lc->lint, lc->name);
	cr_expect(eq(sz, f->offset, off), "%s, %s: offset", lc->lint, lc->name);
	cr_expect(eq(sz, f->length, want_len), "%s, %s: length", lc->lint, lc->name);
	if (lc->expected != NULL)
		cr_expect(eq(str, (char *)f->expected, (char *)lc->expected), "%s, %s: expected", lc->lint, lc->name);
	if (lc->found != NULL)
		cr_expect(ne(ptr, strstr(f->found, lc->found), NULL), "%s, %s: found \"%s\" lacks \"%s\"", lc->lint,
			  lc->name, f->found, lc->found);
	smkilint_report_free(r);
}

/* Findings of lints that report more than once per certificate. */
static smkilint_report *run_on(const char *id, struct fg_cert *c, enum smk_status *st)
{
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	struct smk_cert m;
	decode(&m, ctx, der, len);
	smkilint_report *r = smk_report_new("test", 0);
	*st = smk_run_lint(smk_lint_by_id(id), &m, r);
	smk_cert_free(&m);
	return r;
}

Test(lints, params_present_in_both_fields, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *inner = tbs_null_params(c);
	struct fg_node *outer = fg_prim(g, 0x05, NULL, 0);
	fg_add(c->sig_alg, outer);
	enum smk_status st;
	smkilint_report *r = run_on("rfc5758.ecdsa.params_present", c, &st);
	cr_assert(eq(int, st, SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	cr_assert(eq(str, (char *)smkilint_report_finding(r, 0)->path, "tbsCertificate.signature.parameters"));
	cr_assert(eq(sz, smkilint_report_finding(r, 0)->offset, fg_off(inner)));
	cr_assert(eq(str, (char *)smkilint_report_finding(r, 1)->path, "signatureAlgorithm.parameters"));
	cr_assert(eq(sz, smkilint_report_finding(r, 1)->offset, fg_off(outer)));
	smkilint_report_free(r);
}

Test(lints, both_unique_ids, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *i = issuer_uid(c);
	struct fg_node *s = fg_bits(g, 0, "\x03", 1);
	s->id = 0x82;
	fg_insert_after(c->doc, i, s);
	enum smk_status st;
	smkilint_report *r = run_on("rfc5280.unique_ids.present", c, &st);
	cr_assert(eq(int, st, SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_count(r), 2));
	cr_assert(eq(sz, smkilint_report_finding(r, 0)->offset, fg_off(i)));
	cr_assert(eq(sz, smkilint_report_finding(r, 1)->offset, fg_off(s)));
	smkilint_report_free(r);
}

Test(lints, encoding_lints_run_on_undecodable_certificates, .init = setup, .fini = teardown)
{
	/* a two-octet BOOLEAN makes libtasn1 give up; the defect is still reported */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	fg_set_hex(c->ext[FG_EXT_KU].critical, "ff ff");
	enum smk_status st;
	smkilint_report *r = run_on("der.boolean_not_canonical", c, &st);
	cr_assert(eq(int, st, SMK_FAIL));
	cr_assert(eq(sz, smkilint_report_finding(r, 0)->offset, fg_off(c->ext[FG_EXT_KU].critical)));
	smkilint_report_free(r);
	/* ... while a lint that reads the model does not run */
	r = run_on("rfc5280.serial.not_positive", c, &st);
	cr_assert(eq(int, st, SMK_NA));
	smkilint_report_free(r);
}

/* ------------------------------------------------------------- catalogue */

static bool is_core(const char *family)
{
	return family_in(family, core_families, sizeof(core_families) / sizeof(core_families[0]));
}

static bool has_case(const char *id, enum smk_status st)
{
	for (size_t i = 0; i < N_CASES; i++)
		if (strcmp(cases[i].lint, id) == 0 && cases[i].status == st)
			return true;
	return false;
}

Test(catalogue, every_core_lint_fails_and_passes_here)
{
	size_t core = 0;
	for (size_t i = 0; i < smkilint_lint_count(); i++) {
		const smkilint_lint_info *info = smkilint_lint_get(i);
		cr_assert(ne(ptr, (void *)info, NULL));
		if (!is_core(lint_family_of(info->id)))
			continue;
		core++;
		cr_expect(has_case(info->id, SMK_FAIL), "lint %s (family %s) has no failing case in cases[]", info->id,
			  lint_family_of(info->id));
		cr_expect(has_case(info->id, SMK_PASS), "lint %s (family %s) has no passing case in cases[]", info->id,
			  lint_family_of(info->id));
	}
	cr_assert(gt(sz, core, 0), "no lint found in the core families");
}

Test(catalogue, every_case_names_a_core_lint)
{
	for (size_t i = 0; i < N_CASES; i++)
		cr_expect(is_core(lint_family_of(cases[i].lint)), "case \"%s\" names %s, not a lint of a core family",
			  cases[i].name, cases[i].lint);
}
