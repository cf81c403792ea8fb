/*
 * The DER layer: the bounded cursor, every kind of encoding defect the walk
 * records (each made by hand with the forge and checked as a finding: lint
 * id, ASN.1 path, offset, length), and certificates that do not decode.
 *
 * Expected offsets come from the forge, which knows where it wrote each
 * node; the linter finds them with its own cursor.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

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

/* ------------------------------------------------------------- cursor */

static enum smk_der_err get(const char *hex, uint8_t *buf, struct smk_der *d, struct smk_tlv *t)
{
	struct fg_node *n = fg_hex(g, hex);
	memcpy(buf, n->data, n->len);
	smk_der_init(d, buf, n->len, 100);   /* pretend the bytes sit at offset 100 */
	return smk_der_get_any(d, t);
}

Test(cursor, short_length, .init = setup, .fini = teardown)
{
	uint8_t buf[16];
	struct smk_der d;
	struct smk_tlv t;
	cr_assert(eq(int, get("02 01 05 04 00", buf, &d, &t), SMK_DER_OK));
	cr_assert(eq(u8, t.id, 0x02));
	cr_assert(eq(uint, t.tag, 2));
	cr_assert(eq(u8, t.cls_cons, 0x00));
	cr_assert(eq(sz, t.off, 100));
	cr_assert(eq(sz, t.hdr_len, 2));
	cr_assert(eq(sz, t.len, 1));
	cr_assert(eq(sz, t.body.off, 102));
	cr_assert(eq(u8, t.body.p[0], 0x05));
	cr_assert(not(t.len_not_minimal || t.indefinite || t.tag_not_minimal));
	/* the cursor moved past the element: the next one is an empty OCTET STRING */
	cr_assert(eq(sz, d.off, 103));
	cr_assert(eq(sz, d.len, 2));
	cr_assert(eq(int, smk_der_get_any(&d, &t), SMK_DER_OK));
	cr_assert(eq(u8, t.id, 0x04));
	cr_assert(eq(sz, t.len, 0));
	cr_assert(eq(sz, d.len, 0));
}

Test(cursor, long_length, .init = setup, .fini = teardown)
{
	uint8_t buf[300] = {0};
	struct smk_der d;
	struct smk_tlv t;
	/* 128 contents octets need the long form: 81 80 is minimal */
	struct fg_node *n = fg_prim(g, 0x04, buf, 128);
	size_t len;
	const uint8_t *der = fg_encode(g, n, &len);
	smk_der_init(&d, der, len, 0);
	cr_assert(eq(int, smk_der_get_any(&d, &t), SMK_DER_OK));
	cr_assert(eq(sz, t.hdr_len, 3));
	cr_assert(eq(sz, t.len, 128));
	cr_assert(not(t.len_not_minimal));

	cr_assert(eq(int, get("04 81 05 0102030405", buf, &d, &t), SMK_DER_OK));
	cr_assert(eq(sz, t.len, 5));
	cr_assert(t.len_not_minimal, "long form for 5 octets");

	cr_assert(eq(int, get("04 82 0003 010203", buf, &d, &t), SMK_DER_OK));
	cr_assert(eq(sz, t.len, 3));
	cr_assert(eq(sz, t.hdr_len, 4));
	cr_assert(t.len_not_minimal, "leading zero length octet");
}

Test(cursor, long_length_leading_zero_above_127, .init = setup, .fini = teardown)
{
	uint8_t buf[300] = {0};
	struct smk_der d;
	struct smk_tlv t;
	struct fg_node *n = fg_prim(g, 0x04, buf, 200);
	n->len_octets = 2;   /* 82 00 c8 where 81 c8 would do */
	size_t len;
	const uint8_t *der = fg_encode(g, n, &len);
	cr_assert(eq(u8, der[1], 0x82));
	cr_assert(eq(u8, der[2], 0x00));
	smk_der_init(&d, der, len, 0);
	cr_assert(eq(int, smk_der_get_any(&d, &t), SMK_DER_OK));
	cr_assert(eq(sz, t.len, 200));
	cr_assert(t.len_not_minimal);
}

Test(cursor, indefinite_length, .init = setup, .fini = teardown)
{
	uint8_t buf[16];
	struct smk_der d;
	struct smk_tlv t;
	cr_assert(eq(int, get("30 80 02 01 05 00 00", buf, &d, &t), SMK_DER_OK));
	cr_assert(t.indefinite);
	cr_assert(eq(sz, t.hdr_len, 2));
	/* never parsed as BER: the contents run to the end of the container */
	cr_assert(eq(sz, t.len, 5));
	cr_assert(eq(sz, t.body.off, 102));
	cr_assert(eq(sz, d.len, 0));
}

Test(cursor, truncation, .init = setup, .fini = teardown)
{
	uint8_t buf[16];
	struct smk_der d;
	struct smk_tlv t;
	static const char *const cases[] = {
		"",             /* nothing */
		"02",           /* identifier only */
		"02 05 0102",   /* contents cut short */
		"02 82 01",     /* length octets cut short */
		"1f",           /* high tag number, no tag octets */
		"1f 81",        /* high tag number cut inside the tag */
		"1f 81 01",     /* high tag number, no length */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cr_expect(eq(int, get(cases[i], buf, &d, &t), SMK_DER_TRUNCATED), "\"%s\"", cases[i]);
		/* a failed read leaves the cursor where it was */
		cr_expect(eq(sz, d.off, 100), "\"%s\"", cases[i]);
		cr_expect(eq(ptr, (void *)d.p, buf), "\"%s\"", cases[i]);
	}
}

Test(cursor, bad_length_octets, .init = setup, .fini = teardown)
{
	uint8_t buf[16];
	struct smk_der d;
	struct smk_tlv t;
	cr_assert(eq(int, get("02 ff 01", buf, &d, &t), SMK_DER_BAD_LENGTH), "0xff is reserved");
	cr_assert(eq(int, get("02 85 00 00 00 00 01 05", buf, &d, &t), SMK_DER_BAD_LENGTH),
		  "five length octets");
	cr_assert(eq(sz, d.off, 100));
}

Test(cursor, high_tag_numbers, .init = setup, .fini = teardown)
{
	uint8_t buf[16];
	struct smk_der d;
	struct smk_tlv t;
	cr_assert(eq(int, get("bf 81 00 01 aa", buf, &d, &t), SMK_DER_OK));
	cr_assert(eq(uint, t.tag, 128));
	cr_assert(eq(u8, t.cls_cons, 0xa0), "context-specific, constructed");
	cr_assert(eq(sz, t.hdr_len, 4));
	cr_assert(eq(sz, t.len, 1));
	cr_assert(not(t.tag_not_minimal));

	cr_assert(eq(int, get("9f 1e 00", buf, &d, &t), SMK_DER_OK));
	cr_assert(eq(uint, t.tag, 30));
	cr_assert(t.tag_not_minimal, "tag 30 fits the low-tag-number form");

	cr_assert(eq(int, get("9f 80 40 00", buf, &d, &t), SMK_DER_OK));
	cr_assert(eq(uint, t.tag, 64));
	cr_assert(t.tag_not_minimal, "leading 0x80 tag octet");

	cr_assert(eq(int, get("9f 81 81 81 81 01 00", buf, &d, &t), SMK_DER_BAD_TAG), "five tag octets");
}

/* ------------------------------------------------------------- defects */

struct defect_case {
	const char *name;
	enum smk_defect_kind kind;
	const char *lint;
	enum fg_kind cert;
	struct fg_node *(*change)(struct fg_cert *c);   /* returns the node the finding points at */
	enum at at;
	const char *path;
	const char *found;          /* a part of the finding's "found" text, NULL: not checked */
	bool undecodable;           /* libtasn1 rejects it too: one der.decode_failed at the same place */
};

static struct fg_node *issuer_cn_value(struct fg_cert *c)
{
	return c->issuer->kid[0]->kid[0]->kid[1];
}

static struct fg_ext add_ext(struct fg_cert *c, const char *oid, enum fg_crit crit, struct fg_node *inner)
{
	struct fg_ext e = fg_ext_new(c->g, oid, crit, inner);
	fg_add(c->ext_list, e.seq);
	return e;
}

static const uint8_t s_bytes[32] = {
	0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
	0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
};

static struct fg_node *serial_long_form(struct fg_cert *c)
{
	c->serial->len_octets = 1;   /* 81 10 */
	return c->serial;
}

static struct fg_node *tbs_length_leading_zero(struct fg_cert *c)
{
	c->tbs->len_octets = 3;      /* 83 00 01 xx */
	return c->tbs;
}

static struct fg_node *key_usage_long_form(struct fg_cert *c)
{
	c->ext[FG_EXT_KU].inner->len_octets = 1;
	return c->ext[FG_EXT_KU].inner;
}

static struct fg_node *tbs_indefinite(struct fg_cert *c)
{
	c->tbs->indefinite = true;
	return c->tbs;
}

static struct fg_node *san_indefinite(struct fg_cert *c)
{
	c->ext[FG_EXT_SAN].inner->indefinite = true;
	return c->ext[FG_EXT_SAN].inner;
}

static struct fg_node *high_tag_in_extension(struct fg_cert *c)
{
	struct fg_ext e = add_ext(c, "1.2.3.4", FG_CRIT_ABSENT, fg_int(c->g, 5));
	e.inner->tag_octets = 1;     /* 1f 02 for INTEGER */
	return e.inner;
}

static struct fg_node *serial_high_tag_padded(struct fg_cert *c)
{
	c->serial->tag_octets = 2;   /* 1f 80 02 */
	return c->serial;
}

static struct fg_node *serial_leading_zero(struct fg_cert *c)
{
	fg_set_hex(c->serial, "00 71c56392ce9985dd1b78be2eb23d610b");
	return c->serial;
}

static struct fg_node *ecdsa_s_leading_zero(struct fg_cert *c)
{
	/* as in the D2 corpus certificates: 00 before a positive s */
	uint8_t s[33] = {0};
	memcpy(s + 1, s_bytes, 32);
	fg_set_data(c->sig_s, s, sizeof(s));
	return c->sig_s;
}

static struct fg_node *ecdsa_r_leading_ff(struct fg_cert *c)
{
	fg_set_hex(c->sig_r, "ff 90");   /* -112 in two octets; 90 alone is the same value */
	return c->sig_r;
}

static struct fg_node *serial_empty(struct fg_cert *c)
{
	fg_set_data(c->serial, NULL, 0);
	return c->serial;
}

static struct fg_node *critical_01(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_KU].critical, "01");
	return c->ext[FG_EXT_KU].critical;
}

static struct fg_node *critical_two_octets(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_KU].critical, "ff ff");
	return c->ext[FG_EXT_KU].critical;
}

static struct fg_node *ca_01(struct fg_cert *c)
{
	struct fg_node *ca = fg_prim_hex(c->g, 0x01, "01");
	add_ext(c, "2.5.29.19", FG_CRIT_TRUE, fg_seq(c->g, ca));
	return ca;
}

static struct fg_node *critical_false(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_SKI], FG_CRIT_FALSE);
	return c->ext[FG_EXT_SKI].critical;
}

static struct fg_node *ca_false(struct fg_cert *c)
{
	struct fg_node *ca = fg_bool(c->g, false);
	add_ext(c, "2.5.29.19", FG_CRIT_TRUE, fg_seq(c->g, ca));
	return ca;
}

static struct fg_node *version_v1_encoded(struct fg_cert *c)
{
	fg_set_hex(c->version_int, "00");
	return c->version_int;
}

static struct fg_node *uid_unused_9(struct fg_cert *c)
{
	c->subject_uid->data[0] = 9;
	return c->subject_uid;
}

static struct fg_node *uid_no_bits_3_unused(struct fg_cert *c)
{
	fg_set_hex(c->subject_uid, "03");
	return c->subject_uid;
}

static struct fg_node *uid_no_octets(struct fg_cert *c)
{
	fg_set_data(c->subject_uid, NULL, 0);
	return c->subject_uid;
}

static struct fg_node *key_unused_bits_set(struct fg_cert *c)
{
	/* the point's last octet is 0xd8: its four low bits are not all zero */
	c->public_key->data[0] = 4;
	return c->public_key;
}

static struct fg_node *key_usage_zero_octet(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_KU].inner, "00 80");   /* digitalSignature with 7 trailing zero bits */
	return c->ext[FG_EXT_KU].inner;
}

static struct fg_node *key_usage_trailing_octet(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_KU].inner, "07 80 00");
	return c->ext[FG_EXT_KU].inner;
}

static struct fg_node *utc_no_seconds(struct fg_cert *c)
{
	fg_set_data(c->not_before, "1604060000Z", 11);
	return c->not_before;
}

static struct fg_node *utc_no_z(struct fg_cert *c)
{
	fg_set_data(c->not_before, "160406000000", 12);
	return c->not_before;
}

static struct fg_node *generalized_fraction_zero(struct fg_cert *c)
{
	fg_set_data(c->not_after, "99991231235959.50Z", 18);
	return c->not_after;
}

static struct fg_node *generalized_comma(struct fg_cert *c)
{
	fg_set_data(c->not_after, "99991231235959,5Z", 17);
	return c->not_after;
}

static struct fg_node *utc_february_30(struct fg_cert *c)
{
	fg_set_data(c->not_before, "160230000000Z", 13);
	return c->not_before;
}

static struct fg_node *generalized_hour_24(struct fg_cert *c)
{
	fg_set_data(c->not_after, "99991231240000Z", 15);
	return c->not_after;
}

static struct fg_node *rdn_out_of_order(struct fg_cert *c)
{
	/* a multi-valued RDN {CN=E357, OU=07}: the OU's encoding (30 09 ...)
	 * sorts before the CN's (30 0b ...), so it must come first */
	struct fg_node *ou = fg_atv(c->g, "2.5.4.11", fg_str(c->g, 0x13, "07"));
	fg_add(c->issuer->kid[0], ou);
	return ou;
}

static struct fg_node *bytes_after_certificate(struct fg_cert *c)
{
	fg_set_hex(c->trailer, "00 00");
	return c->trailer;
}

static struct fg_node *bytes_after_key_usage(struct fg_cert *c)
{
	struct fg_node *extra = fg_hex(c->g, "05 00");
	fg_add(c->ext[FG_EXT_KU].value, extra);
	return extra;
}

static struct fg_node *bytes_after_ecdsa_sig_value(struct fg_cert *c)
{
	struct fg_node *extra = fg_hex(c->g, "00");
	fg_add(c->sig_value, extra);
	return extra;
}

static struct fg_node *constructed_printable(struct fg_cert *c)
{
	struct fg_node *v = fg_cons(c->g, 0x33, fg_str(c->g, 0x13, "E357"), NULL);
	fg_replace(c->doc, issuer_cn_value(c), v);
	return v;
}

static struct fg_node *null_with_contents(struct fg_cert *c)
{
	struct fg_node *null = fg_prim_hex(c->g, 0x05, "00");
	fg_add(c->tbs_sig_alg, null);
	return null;
}

/* An OID node split in three raw pieces, so that the padding octet is a node
 * of its own and the forge knows its offset. */
static struct fg_node *padded_oid(struct fg *fg, struct fg_node *oid, const char *before, const char *after)
{
	struct fg_node *pad = fg_hex(fg, "80");
	fg_set_data(oid, NULL, 0);
	fg_add(oid, fg_hex(fg, before));
	fg_add(oid, pad);
	fg_add(oid, fg_hex(fg, after));
	return pad;
}

static struct fg_node *policy_oid_padded(struct fg_cert *c)
{
	/* 1.2.826.0.1.8641679.1.2.1.4 with 80 before the 8641679 arc */
	return padded_oid(c->g, c->policy, "2a 86 3a 00 01", "84 8f b9 0f 01 02 01 04");
}

static struct fg_node *issuer_type_padded(struct fg_cert *c)
{
	return padded_oid(c->g, c->issuer->kid[0]->kid[0]->kid[0], "55", "04 03");
}

static struct fg_node *extn_id_truncated(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_SKI].id, "55 1d 8e");   /* last octet has the continuation bit */
	return c->ext[FG_EXT_SKI].id;
}

static struct fg_node *ski_runs_past_value(struct fg_cert *c)
{
	c->ext[FG_EXT_SKI].inner->len_delta = 1;   /* 04 09 and eight octets */
	return c->ext[FG_EXT_SKI].inner;
}

static struct fg_node *ecdsa_sig_value_garbage(struct fg_cert *c)
{
	struct fg_node *bad = fg_hex(c->g, "30 ff 00");
	fg_replace(c->doc, c->ecdsa, bad);
	return bad;
}

/* README, Limits: 128 extensions per certificate */
static struct fg_node *extensions_129(struct fg_cert *c)
{
	char oid[32];
	for (int i = 0; i < 124; i++) {
		snprintf(oid, sizeof(oid), "1.2.3.%d", i);
		add_ext(c, oid, FG_CRIT_ABSENT, fg_prim(c->g, 0x05, NULL, 0));
	}
	return c->ext_list;
}

/* README, Limits: nesting depth 32. The walk counts from the certificate
 * (1): tbsCertificate 2, [3] 3, Extensions 4, Extension 5, extnValue 6, so
 * the k-th SEQUENCE nested in an extension value is at depth 6 + k and the
 * 27th is the first too deep. */
static struct fg_node *nested_33_deep(struct fg_cert *c)
{
	struct fg_node *nest[40];
	nest[39] = fg_int(c->g, 1);
	for (int i = 38; i >= 0; i--)
		nest[i] = fg_seq(c->g, nest[i + 1]);
	add_ext(c, "1.2.3.4", FG_CRIT_ABSENT, nest[0]);
	return nest[26];
}

#define Z4 "[0][0][0][0]"
#define NEST26 Z4 Z4 Z4 Z4 Z4 Z4 "[0][0]"

#define KU "tbsCertificate.extensions[keyUsage]"

static const struct defect_case defect_cases[] = {
	{"length: serial in long form", SMK_DEF_LENGTH_NOT_MINIMAL, "der.length_not_minimal", FG_DEVICE,
	 serial_long_form, AT_HEADER, "tbsCertificate.serialNumber", "2 length octets for 16", false},
	{"length: leading zero octet", SMK_DEF_LENGTH_NOT_MINIMAL, "der.length_not_minimal", FG_DEVICE,
	 tbs_length_leading_zero, AT_HEADER, "tbsCertificate", "4 length octets", false},
	{"length: inside extnValue", SMK_DEF_LENGTH_NOT_MINIMAL, "der.length_not_minimal", FG_DEVICE,
	 key_usage_long_form, AT_HEADER, KU ".extnValue", NULL, false},
	{"indefinite: tbsCertificate", SMK_DEF_INDEFINITE_LENGTH, "der.indefinite_length", FG_DEVICE,
	 tbs_indefinite, AT_HEADER, "tbsCertificate", NULL, true},
	{"indefinite: inside extnValue", SMK_DEF_INDEFINITE_LENGTH, "der.indefinite_length", FG_DEVICE,
	 san_indefinite, AT_HEADER, "tbsCertificate.extensions[subjectAltName].extnValue", NULL, false},
	{"tag: high form for INTEGER", SMK_DEF_TAG_NOT_MINIMAL, "der.tag_not_minimal", FG_DEVICE,
	 high_tag_in_extension, AT_HEADER, "tbsCertificate.extensions[1.2.3.4].extnValue", NULL, false},
	{"tag: high form padded with 0x80", SMK_DEF_TAG_NOT_MINIMAL, "der.tag_not_minimal", FG_DEVICE,
	 serial_high_tag_padded, AT_HEADER, "tbsCertificate.serialNumber", NULL, false},
	{"integer: serial with leading 00", SMK_DEF_INTEGER_NOT_MINIMAL, "der.integer_not_minimal", FG_DEVICE,
	 serial_leading_zero, AT_TLV, "tbsCertificate.serialNumber", "leading 0x00 octet (17", false},
	{"integer: ECDSA s with leading 00", SMK_DEF_INTEGER_NOT_MINIMAL, "der.integer_not_minimal", FG_DEVICE,
	 ecdsa_s_leading_zero, AT_TLV, "signatureValue.ecdsaSigValue.s", "leading 0x00 octet (33", false},
	{"integer: ECDSA r with leading ff", SMK_DEF_INTEGER_NOT_MINIMAL, "der.integer_not_minimal", FG_DEVICE,
	 ecdsa_r_leading_ff, AT_TLV, "signatureValue.ecdsaSigValue.r", "leading 0xff octet", false},
	{"integer: empty serial", SMK_DEF_INTEGER_EMPTY, "der.integer_empty", FG_DEVICE,
	 serial_empty, AT_HEADER, "tbsCertificate.serialNumber", NULL, false},
	{"boolean: critical 01", SMK_DEF_BOOLEAN_NOT_CANONICAL, "der.boolean_not_canonical", FG_DEVICE,
	 critical_01, AT_TLV, KU ".critical", "0x01", false},
	{"boolean: critical in two octets", SMK_DEF_BOOLEAN_NOT_CANONICAL, "der.boolean_not_canonical", FG_DEVICE,
	 critical_two_octets, AT_TLV, KU ".critical", "2 octets", true},
	{"boolean: cA 01", SMK_DEF_BOOLEAN_NOT_CANONICAL, "der.boolean_not_canonical", FG_DEVICE,
	 ca_01, AT_TLV, "tbsCertificate.extensions[basicConstraints].extnValue.cA", "0x01", false},
	{"default: critical FALSE", SMK_DEF_DEFAULT_ENCODED, "der.default_encoded", FG_DEVICE,
	 critical_false, AT_TLV, "tbsCertificate.extensions[subjectKeyIdentifier].critical", NULL, false},
	{"default: cA FALSE", SMK_DEF_DEFAULT_ENCODED, "der.default_encoded", FG_DEVICE,
	 ca_false, AT_TLV, "tbsCertificate.extensions[basicConstraints].extnValue.cA", NULL, false},
	{"default: version v1 encoded", SMK_DEF_DEFAULT_ENCODED, "der.default_encoded", FG_DEVICE,
	 version_v1_encoded, AT_TLV, "tbsCertificate.version", "(v1)", false},
	{"bit string: 9 unused bits", SMK_DEF_BITSTRING_BAD, "der.bitstring_unused_bits", FG_ORGANISATION,
	 uid_unused_9, AT_FIRST_OCTET, "tbsCertificate.subject.rdnSequence[2][0].value", "unused-bits octet 9", false},
	{"bit string: unused bits and no data", SMK_DEF_BITSTRING_BAD, "der.bitstring_unused_bits", FG_ORGANISATION,
	 uid_no_bits_3_unused, AT_FIRST_OCTET, "tbsCertificate.subject.rdnSequence[2][0].value", "3 unused bits", false},
	{"bit string: no unused-bits octet", SMK_DEF_BITSTRING_BAD, "der.bitstring_unused_bits", FG_ORGANISATION,
	 uid_no_octets, AT_HEADER, "tbsCertificate.subject.rdnSequence[2][0].value", "empty BIT STRING", false},
	{"bit string: unused bits not zero", SMK_DEF_BITSTRING_BAD, "der.bitstring_unused_bits", FG_DEVICE,
	 key_unused_bits_set, AT_LAST_OCTET, "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey", "0xd8", false},
	{"named bits: whole zero bits", SMK_DEF_NAMED_BITS_TRAILING_ZERO, "der.named_bits_trailing_zero", FG_DEVICE,
	 key_usage_zero_octet, AT_TLV, KU ".extnValue", "unused bits 0, last octet 0x80", false},
	{"named bits: trailing zero octet", SMK_DEF_NAMED_BITS_TRAILING_ZERO, "der.named_bits_trailing_zero", FG_DEVICE,
	 key_usage_trailing_octet, AT_TLV, KU ".extnValue", "last octet 0x00", false},
	{"time: UTCTime without seconds", SMK_DEF_TIME_FORMAT, "der.time_format", FG_DEVICE,
	 utc_no_seconds, AT_TLV, "tbsCertificate.validity.notBefore", "seconds are missing", false},
	{"time: UTCTime without Z", SMK_DEF_TIME_FORMAT, "der.time_format", FG_DEVICE,
	 utc_no_z, AT_TLV, "tbsCertificate.validity.notBefore", "does not end in Z", true},
	{"time: fraction ending in 0", SMK_DEF_TIME_FORMAT, "der.time_format", FG_DEVICE,
	 generalized_fraction_zero, AT_TLV, "tbsCertificate.validity.notAfter", "trailing zeros", false},
	{"time: decimal comma", SMK_DEF_TIME_FORMAT, "der.time_format", FG_DEVICE,
	 generalized_comma, AT_TLV, "tbsCertificate.validity.notAfter", "decimal comma", true},
	{"time: 30 February", SMK_DEF_TIME_FORMAT, "der.time_format", FG_DEVICE,
	 utc_february_30, AT_TLV, "tbsCertificate.validity.notBefore", "not a valid date", false},
	{"time: hour 24", SMK_DEF_TIME_FORMAT, "der.time_format", FG_DEVICE,
	 generalized_hour_24, AT_TLV, "tbsCertificate.validity.notAfter", "not a valid date", false},
	{"set of: multi-valued RDN out of order", SMK_DEF_SET_NOT_SORTED, "der.set_not_sorted", FG_DEVICE,
	 rdn_out_of_order, AT_TLV, "tbsCertificate.issuer.rdnSequence[0][1]", NULL, false},
	{"trailing: after the certificate", SMK_DEF_TRAILING_DATA, "der.trailing_data", FG_DEVICE,
	 bytes_after_certificate, AT_TLV, "certificate", "2 trailing octets", false},
	{"trailing: inside extnValue", SMK_DEF_TRAILING_DATA, "der.trailing_data", FG_DEVICE,
	 bytes_after_key_usage, AT_TLV, KU ".extnValue", "2 trailing octets", false},
	{"trailing: inside the signature value", SMK_DEF_TRAILING_DATA, "der.trailing_data", FG_DEVICE,
	 bytes_after_ecdsa_sig_value, AT_TLV, "signatureValue", "1 trailing octets", false},
	{"string: constructed PrintableString", SMK_DEF_CONSTRUCTED_STRING, "der.constructed_string", FG_DEVICE,
	 constructed_printable, AT_TLV, "tbsCertificate.issuer.rdnSequence[0][0].value", NULL, false},
	{"null: with a contents octet", SMK_DEF_NULL_NOT_EMPTY, "der.null_not_empty", FG_DEVICE,
	 null_with_contents, AT_TLV, "tbsCertificate.signature.parameters", "1 contents octets", false},
	{"oid: 0x80 padding in a policy", SMK_DEF_OID_NOT_MINIMAL, "der.oid_not_minimal", FG_DEVICE,
	 policy_oid_padded, AT_TLV,
	 "tbsCertificate.extensions[certificatePolicies].extnValue[0].policyIdentifier", "0x80 padding", false},
	{"oid: 0x80 padding in a name", SMK_DEF_OID_NOT_MINIMAL, "der.oid_not_minimal", FG_DEVICE,
	 issuer_type_padded, AT_TLV, "tbsCertificate.issuer.rdnSequence[0][0].type", "0x80 padding", true},
	/* libtasn1 reads the complete sub-identifiers of 55 1d 8e as 2.5.29 and
	 * the extension is named after that */
	{"oid: last sub-identifier cut", SMK_DEF_OID_NOT_MINIMAL, "der.oid_not_minimal", FG_DEVICE,
	 extn_id_truncated, AT_TLV, "tbsCertificate.extensions[2.5.29].extnID", "truncated", false},
	{"encapsulated: SKI runs past extnValue", SMK_DEF_ENCAPSULATED_BROKEN, "der.encapsulated_malformed", FG_DEVICE,
	 ski_runs_past_value, AT_START, "tbsCertificate.extensions[subjectKeyIdentifier].extnValue", "runs past", false},
	{"encapsulated: bad length in the signature", SMK_DEF_ENCAPSULATED_BROKEN, "der.encapsulated_malformed",
	 FG_DEVICE, ecdsa_sig_value_garbage, AT_START, "signatureValue", "malformed length", false},
	{"limit: 129 extensions", SMK_DEF_LIMIT, "limit.exceeded", FG_DEVICE,
	 extensions_129, AT_TLV, "tbsCertificate.extensions", "129 extensions", false},
	{"limit: nesting depth 33", SMK_DEF_LIMIT, "limit.exceeded", FG_DEVICE,
	 nested_33_deep, AT_TLV, "tbsCertificate.extensions[1.2.3.4].extnValue" NEST26, "deeper", false},
};

#define N_DEFECT_CASES (sizeof(defect_cases) / sizeof(defect_cases[0]))

ParameterizedTestParameters(defects, each)
{
	return cr_make_param_array(size_t, case_indexes(N_DEFECT_CASES), N_DEFECT_CASES, free_case_indexes);
}

/* The finding the pipeline emits, and the defect in the model behind it. */
ParameterizedTest(size_t *idx, defects, each, .init = setup, .fini = teardown)
{
	const struct defect_case *dc = &defect_cases[*idx];
	struct fg_cert *c = fg_cert_new(g, dc->cert);
	struct fg_node *n = dc->change(c);
	size_t len, off, want_len;
	const uint8_t *der = fg_cert_der(c, &len);
	expected_loc(n, dc->at, &off, &want_len);

	smkilint_report *r = lint_bytes(ctx, der, len);
	const smkilint_finding *f = find_one(r, dc->lint);
	cr_assert(ne(ptr, (void *)f, NULL), "%s: exactly one %s finding", dc->name, dc->lint);
	cr_expect(eq(str, (char *)f->path, (char *)dc->path), "%s: path", dc->name);
	cr_expect(eq(sz, f->offset, off), "%s: offset", dc->name);
	cr_expect(eq(sz, f->length, want_len), "%s: length", dc->name);
	cr_expect(eq(int, f->severity, smkilint_lint_find(dc->lint)->severity), "%s: severity", dc->name);
	if (dc->found != NULL)
		cr_expect(ne(ptr, strstr(f->found, dc->found), NULL), "%s: found \"%s\" lacks \"%s\"", dc->name,
			  f->found, dc->found);
	cr_expect(eq(sz, count_id(r, "der.decode_failed"), dc->undecodable ? 1 : 0), "%s: decode_failed", dc->name);
	if (dc->undecodable) {
		const smkilint_finding *fatal = find_one(r, "der.decode_failed");
		cr_assert(ne(ptr, (void *)fatal, NULL));
		cr_expect(eq(sz, fatal->offset, off), "%s: fatal offset", dc->name);
		cr_expect(eq(str, (char *)fatal->path, (char *)dc->path), "%s: fatal path", dc->name);
	}
	smkilint_report_free(r);

	struct smk_cert m;
	decode(&m, ctx, der, len);
	size_t n_kind = 0;
	for (size_t k = 0; k < m.n_defects; k++)
		if (m.defects[k].kind == dc->kind && m.defects[k].loc.off == off)
			n_kind++;
	cr_expect(eq(sz, n_kind, 1), "%s: one defect of kind %d at %zu", dc->name, (int)dc->kind, off);
	cr_expect(eq(int, m.decoded, !dc->undecodable), "%s: decoded", dc->name);
	smk_cert_free(&m);
}

Test(defects, every_kind_has_a_case)
{
	for (int k = 0; k < SMK_DEF_KIND_COUNT; k++) {
		bool seen = false;
		for (size_t i = 0; i < N_DEFECT_CASES; i++)
			seen |= defect_cases[i].kind == (enum smk_defect_kind)k;
		cr_expect(seen, "enum smk_defect_kind %d has no case in defect_cases[]", k);
	}
}

Test(defects, forged_certificates_are_clean, .init = setup, .fini = teardown)
{
	/* the baseline every case above changes: no encoding defect, no finding
	 * but the notice that no issuer was given to check the signature */
	for (int kind = FG_DEVICE; kind <= FG_ORGANISATION; kind++) {
		smkilint_report *r = lint_forged(ctx, fg_cert_new(g, kind));
		if (smkilint_report_count(r) != 1)
			log_report(r);
		cr_expect(eq(sz, smkilint_report_count(r), count_id(r, "smki.chain.signature_not_checked")),
			  "forged certificate kind %d has findings", kind);
		cr_expect(eq(sz, count_id(r, "smki.chain.signature_not_checked"), 1));
		smkilint_report_free(r);
	}
}

Test(defects, several_defects_each_reported, .init = setup, .fini = teardown)
{
	/* two defects of one kind give two findings of one lint */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	serial_leading_zero(c);
	ecdsa_s_leading_zero(c);
	smkilint_report *r = lint_forged(ctx, c);
	cr_assert(eq(sz, count_id(r, "der.integer_not_minimal"), 2));
	const smkilint_finding *a = NULL, *b = NULL;
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (strcmp(f->lint, "der.integer_not_minimal") == 0)
			*(a == NULL ? &a : &b) = f;
	}
	cr_assert(eq(str, (char *)a->path, "tbsCertificate.serialNumber"));
	cr_assert(eq(sz, a->offset, fg_off(c->serial)));
	cr_assert(eq(str, (char *)b->path, "signatureValue.ecdsaSigValue.s"));
	cr_assert(eq(sz, b->offset, fg_off(c->sig_s)));
	smkilint_report_free(r);
}

/* ------------------------------------------------------------- the forge */

/* gnutls, not the linter, reads what the forge wrote. */
static gnutls_x509_crt_t read_with_gnutls(struct fg_cert *c)
{
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	gnutls_x509_crt_t crt;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len};
	cr_assert(eq(int, gnutls_x509_crt_init(&crt), 0));
	cr_assert(eq(int, gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER), 0));
	return crt;
}

static time_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = s};
	return timegm(&tm);
}

Test(forge, device_certificate_as_gnutls_reads_it, .init = setup, .fini = teardown)
{
	gnutls_x509_crt_t crt = read_with_gnutls(fg_cert_new(g, FG_DEVICE));
	uint8_t buf[128];
	size_t n = sizeof(buf);
	unsigned int critical = 0, usage = 0, type = 0;
	cr_expect(eq(int, gnutls_x509_crt_get_version(crt), 3));
	cr_assert(eq(int, gnutls_x509_crt_get_serial(crt, buf, &n), 0));
	cr_expect(eq(sz, n, 16));
	cr_expect(eq(int, gnutls_x509_crt_get_signature_algorithm(crt), GNUTLS_SIGN_ECDSA_SHA256));
	cr_expect(eq(int, gnutls_x509_crt_get_pk_algorithm(crt, NULL), GNUTLS_PK_ECDSA));
	n = sizeof(buf);
	cr_expect(eq(int, gnutls_x509_crt_get_issuer_dn(crt, (char *)buf, &n), 0));
	cr_expect(eq(str, (char *)buf, "CN=E357"));
	n = sizeof(buf);
	cr_expect(eq(int, gnutls_x509_crt_get_subject_key_id(crt, buf, &n, &critical), 0));
	cr_expect(eq(sz, n, 8));
	cr_expect(eq(uint, critical, 0));
	cr_expect(eq(long, (long)gnutls_x509_crt_get_activation_time(crt), (long)utc(2016, 4, 6, 0, 0, 0)));
	cr_expect(eq(int, gnutls_x509_crt_get_key_usage(crt, &usage, &critical), 0));
	cr_expect(eq(uint, usage, GNUTLS_KEY_DIGITAL_SIGNATURE));
	cr_expect(eq(uint, critical, 1));
	n = sizeof(buf);
	cr_expect(eq(int, gnutls_x509_crt_get_subject_alt_name2(crt, 0, buf, &n, &type, &critical),
		     GNUTLS_SAN_OTHERNAME));
	cr_expect(eq(uint, critical, 1));
	n = sizeof(buf);
	cr_expect(ge(int, gnutls_x509_crt_get_subject_alt_othername_oid(crt, 0, buf, &n), 0));
	cr_expect(eq(str, (char *)buf, "1.3.6.1.5.5.7.8.4"));
	struct gnutls_x509_policy_st policy;
	cr_assert(eq(int, gnutls_x509_crt_get_policy(crt, 0, &policy, &critical), 0));
	cr_expect(eq(str, policy.oid, "1.2.826.0.1.8641679.1.2.1.4"));
	cr_expect(eq(uint, critical, 1));
	gnutls_x509_policy_release(&policy);
	n = sizeof(buf);
	cr_expect(eq(int, gnutls_x509_crt_get_authority_key_id(crt, buf, &n, &critical), 0));
	cr_expect(eq(sz, n, 8));
	gnutls_x509_crt_deinit(crt);
}

Test(forge, organisation_certificate_as_gnutls_reads_it, .init = setup, .fini = teardown)
{
	gnutls_x509_crt_t crt = read_with_gnutls(fg_cert_new(g, FG_ORGANISATION));
	char buf[128];
	size_t n = sizeof(buf);
	cr_expect(eq(int, gnutls_x509_crt_get_issuer_dn(crt, buf, &n), 0));
	cr_expect(eq(str, buf, "OU=07,CN=Z1"), "the legacy getter keeps the encoded order");
	n = sizeof(buf);
	cr_expect(eq(int, gnutls_x509_crt_get_dn_by_oid(crt, "2.5.4.11", 0, 0, buf, &n), 0));
	cr_expect(eq(str, buf, "02"));
	n = sizeof(buf);
	cr_expect(eq(int, gnutls_x509_crt_get_dn_by_oid(crt, "2.5.4.3", 0, 0, buf, &n), 0));
	cr_expect(eq(str, buf, "GITTESTSUPPLIER"));
	n = sizeof(buf);
	cr_expect(eq(int, gnutls_x509_crt_get_dn_by_oid(crt, "2.5.4.45", 0, 1, buf, &n), 0), "raw uniqueIdentifier");
	cr_expect(eq(sz, n, 11), "03 09 00 and eight octets");
	cr_expect(eq(long, (long)gnutls_x509_crt_get_expiration_time(crt), (long)utc(2025, 10, 29, 23, 59, 59)));
	n = sizeof(buf);
	cr_expect(lt(int, gnutls_x509_crt_get_subject_alt_name(crt, 0, buf, &n, NULL), 0), "no subjectAltName");
	gnutls_x509_crt_deinit(crt);
}

Test(forge, offsets_follow_the_encoding, .init = setup, .fini = teardown)
{
	/* the device certificate laid out as the RTDS ones are (openssl asn1parse
	 * of device-rtds-e357-00db123456789001-ds.pem gives the same offsets up
	 * to the SAN; the policy OID here is one octet longer) */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	cr_expect(eq(sz, fg_off(c->tbs), 4));
	cr_expect(eq(sz, fg_off(c->serial), 13));
	cr_expect(eq(sz, fg_off(c->not_before), 62));
	cr_expect(eq(sz, fg_off(c->not_after), 77));
	cr_expect(eq(sz, fg_off(c->subject), 94));
	cr_expect(eq(sz, fg_off(c->extensions), 187));
	cr_expect(eq(sz, fg_off(c->ext[FG_EXT_SAN].seq), 228));
	cr_expect(eq(sz, fg_size(c->cert), len));
	cr_expect(eq(u8, der[fg_off(c->ext[FG_EXT_KU].critical) + 2], 0xff));

	/* a knob changes the length octets of its node only */
	c->serial->len_octets = 1;
	der = fg_cert_der(c, &len);
	cr_expect(eq(u8, der[13], 0x02));
	cr_expect(eq(u8, der[14], 0x81));
	cr_expect(eq(u8, der[15], 16));
	cr_expect(eq(sz, fg_off(c->tbs_sig_alg), 32), "one octet later");
}

/* ------------------------------------------------------------- undecodable */

static const smkilint_finding *the_fatal(smkilint_report *r)
{
	cr_assert(eq(sz, count_id(r, "der.decode_failed"), 1), "exactly one der.decode_failed");
	const smkilint_finding *f = find_one(r, "der.decode_failed");
	cr_assert(eq(int, f->severity, SMKILINT_SEV_FATAL));
	cr_assert(f->has_offset);
	return f;
}

Test(undecodable, truncated_file, .init = setup, .fini = teardown)
{
	size_t len;
	const uint8_t *der = fg_cert_der(fg_cert_new(g, FG_DEVICE), &len);
	/* the outer SEQUENCE claims more than the file holds: it breaks at 0 */
	smkilint_report *r = lint_bytes(ctx, der, 200);
	const smkilint_finding *f = the_fatal(r);
	cr_assert(eq(sz, f->offset, 0));
	cr_assert(eq(str, (char *)f->path, "certificate"));
	cr_assert(ne(ptr, strstr(f->found, "runs past the end"), NULL), "%s", f->found);
	smkilint_report_free(r);
}

Test(undecodable, element_runs_past_its_container, .init = setup, .fini = teardown)
{
	/* every outer length is right, but the public key BIT STRING claims one
	 * octet more than its SubjectPublicKeyInfo holds */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	c->public_key->len_delta = 1;
	smkilint_report *r = lint_forged(ctx, c);
	const smkilint_finding *f = the_fatal(r);
	cr_assert(eq(sz, f->offset, fg_off(c->public_key)));
	cr_assert(eq(str, (char *)f->path, "tbsCertificate.subjectPublicKeyInfo[1]"));
	cr_assert(ne(ptr, strstr(f->found, "runs past the end"), NULL), "%s", f->found);
	smkilint_report_free(r);
}

Test(undecodable, empty_input, .init = setup, .fini = teardown)
{
	smkilint_report *r = lint_bytes(ctx, (const uint8_t *)"", 0);
	cr_assert(eq(sz, the_fatal(r)->offset, 0));
	cr_assert(eq(sz, smkilint_report_count(r), 1));
	smkilint_report_free(r);
}

Test(undecodable, garbage, .init = setup, .fini = teardown)
{
	/* a well-formed OCTET STRING, but not a SEQUENCE */
	static const uint8_t octets[] = {0x04, 0x03, 'a', 'b', 'c'};
	smkilint_report *r = lint_bytes(ctx, octets, sizeof(octets));
	const smkilint_finding *f = the_fatal(r);
	cr_assert(eq(sz, f->offset, 0));
	cr_assert(ne(ptr, strstr(f->found, "SEQUENCE"), NULL), "%s", f->found);
	cr_assert(eq(sz, smkilint_report_count(r), 1));
	smkilint_report_free(r);

	/* text: 'h' 'e' reads as a header claiming 101 octets */
	static const char text[] = "hello, this is not a certificate";
	r = lint_bytes(ctx, (const uint8_t *)text, sizeof(text) - 1);
	cr_assert(eq(sz, the_fatal(r)->offset, 0));
	smkilint_report_free(r);
}

static void expect_break_at(struct fg_cert *c, struct fg_node *n, const char *path, const char *why)
{
	smkilint_report *r = lint_forged(ctx, c);
	const smkilint_finding *f = the_fatal(r);
	cr_expect(eq(sz, f->offset, fg_off(n)), "offset for %s", why);
	cr_expect(eq(str, (char *)f->path, (char *)path), "path for %s", why);
	cr_expect(ne(ptr, strstr(f->found, why), NULL), "found \"%s\" lacks \"%s\"", f->found, why);
	smkilint_report_free(r);
}

Test(undecodable, bad_length_octets, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *bad = fg_hex(g, "02 ff");
	fg_cert_set(c, &c->serial, bad);
	expect_break_at(c, bad, "tbsCertificate[1]", "malformed length octets");

	c = fg_cert_new(g, FG_DEVICE);
	bad = fg_hex(g, "02 85 00 00 00 00 01 01");
	fg_cert_set(c, &c->serial, bad);
	expect_break_at(c, bad, "tbsCertificate[1]", "malformed length octets");
}

Test(undecodable, bad_identifier_octets, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *bad = fg_hex(g, "1f 81 81 81 81 01 01 01");
	fg_cert_set(c, &c->serial, bad);
	expect_break_at(c, bad, "tbsCertificate[1]", "malformed identifier octets");
}

Test(undecodable, indefinite_certificate, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	c->cert->indefinite = true;
	expect_break_at(c, c->cert, "certificate", "indefinite length");
}

Test(undecodable, wrong_type_where_a_field_belongs, .init = setup, .fini = teardown)
{
	/* sound TLVs, wrong structure: libtasn1 names the node, the walk finds it */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	c->serial->id = 0x04;
	expect_break_at(c, c->serial, "tbsCertificate.serialNumber", "tag error");
}

Test(undecodable, missing_field, .init = setup, .fini = teardown)
{
	/* no SubjectPublicKeyInfo: libtasn1 stops at what stands in its place */
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	fg_remove(c->doc, c->spki);
	expect_break_at(c, c->extensions, "tbsCertificate.subjectPublicKeyInfo", "tag error");
}
