/*
 * Mutations of a forged reference certificate, shared by test_compare.c
 * (how many differences smkilint_compare_der reports, and where) and
 * test_derive.c (a profile derived from the reference gives the same verdict
 * as compare). Header-only: static functions and one static table.
 */
#ifndef SMK_TEST_COMPARE_CASES_H
#define SMK_TEST_COMPARE_CASES_H

#include <string.h>

#include "forge.h"
#include "smkilint/smkilint.h"

#define CC_POLICY_2 "1.2.826.0.1.8641679.1.2.1.5"

static struct fg_node *cc_time(struct fg_node *t, const char *text)
{
	t->id = strlen(text) == 13 ? 0x17 : 0x18;
	fg_set_data(t, text, strlen(text));
	return t;
}

/* ------------------------------------------------------------- structure */

static void mu_drop_ski(struct fg_cert *c)
{
	fg_remove(c->doc, c->ext[FG_EXT_SKI].seq);
}

static void mu_duplicate_ski(struct fg_cert *c)
{
	fg_insert_after(c->doc, c->ext[FG_EXT_SKI].seq, fg_clone(c->ext[FG_EXT_SKI].seq));
}

static void mu_aki_first(struct fg_cert *c)
{
	struct fg_node *aki = c->ext[FG_EXT_AKI].seq;
	fg_remove(c->doc, aki);
	fg_insert_before(c->doc, c->ext[FG_EXT_KU].seq, aki);
}

static void mu_add_unknown(struct fg_cert *c)
{
	fg_add(c->ext_list, fg_ext_new(c->g, "1.2.3.4", FG_CRIT_ABSENT, fg_prim(c->g, 0x05, NULL, 0)).seq);
}

static void mu_ku_not_critical(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_KU], FG_CRIT_ABSENT);
}

static void mu_aki_critical_false(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_AKI], FG_CRIT_FALSE);
}

static void mu_san_not_critical(struct fg_cert *c)
{
	fg_ext_set_critical(&c->ext[FG_EXT_SAN], FG_CRIT_ABSENT);
}

static void mu_ku_key_agreement(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_KU].inner, "03 08");   /* unused 3, keyAgreement */
}

static void mu_policy(struct fg_cert *c)
{
	fg_cert_set(c, &c->policy, fg_oid(c->g, CC_POLICY_2));
}

static void mu_cn_printable(struct fg_cert *c)
{
	c->subject_cn->id = 0x13;
}

static void mu_cn_value(struct fg_cert *c)
{
	fg_set_data(c->subject_cn, "GITTESTSUPPLIES", 15);
}

static void mu_drop_ou(struct fg_cert *c)
{
	fg_remove(c->doc, c->subject->kid[1]);   /* the RDN holding OU */
}

static void mu_issuer_cn(struct fg_cert *c)
{
	fg_set_data(c->issuer->kid[1]->kid[0]->kid[1], "Z2", 2);
}

static void mu_aki(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_AKI].inner->kid[0], "4f5688d7ec933be3");
}

static void mu_tod_lifetime_kept(struct fg_cert *c)
{
	/* both twelve hours earlier: notAfter at 11:59:59, the lifetime unchanged */
	cc_time(c->not_before, "151029120000Z");
	cc_time(c->not_after, "251029115959Z");
}

static void mu_tod_only(struct fg_cert *c)
{
	cc_time(c->not_after, "251029115959Z");
}

static void mu_lifetime(struct fg_cert *c)
{
	cc_time(c->not_after, "251030235959Z");
}

static void mu_generalized(struct fg_cert *c)
{
	cc_time(c->not_after, "20251029235959Z");
}

static void mu_outer_null(struct fg_cert *c)
{
	fg_add(c->sig_alg, fg_prim(c->g, 0x05, NULL, 0));
}

static void mu_both_null(struct fg_cert *c)
{
	fg_add(c->sig_alg, fg_prim(c->g, 0x05, NULL, 0));
	fg_add(c->tbs_sig_alg, fg_prim(c->g, 0x05, NULL, 0));
}

static void mu_version_2(struct fg_cert *c)
{
	fg_set_hex(c->version_int, "01");
}

static void mu_curve_p384(struct fg_cert *c)
{
	fg_cert_set(c, &c->curve, fg_oid(c->g, "1.3.132.0.34"));
}

static void mu_issuer_uid(struct fg_cert *c)
{
	struct fg_node *uid = fg_bits(c->g, 0, "\x01", 1);
	uid->id = 0x81;
	fg_insert_after(c->doc, c->spki, uid);
}

static void mu_serial_long_length(struct fg_cert *c)
{
	c->serial->len_octets = 1;
}

static void mu_hw_type(struct fg_cert *c)
{
	fg_cert_set(c, &c->hw_type, fg_oid(c->g, "1.2.826.0.1.8641679.1.2.2.2"));
}

static void base_bc_empty(struct fg_cert *c)
{
	fg_add(c->ext_list, fg_ext_new(c->g, "2.5.29.19", FG_CRIT_TRUE, fg_cons(c->g, 0x30, NULL)).seq);
}

static void mu_ca_false_encoded(struct fg_cert *c)
{
	struct fg_node *bc = c->ext_list->kid[c->ext_list->n_kid - 1];
	struct fg_node *value = bc->kid[bc->n_kid - 1];
	fg_replace(c->doc, value->kid[0], fg_hex(c->g, "30 03 01 01 00"));
}

/* version absent (v1 by default) */
static void base_v1(struct fg_cert *c)
{
	fg_remove(c->doc, c->version);
}

static void mu_v1_encoded(struct fg_cert *c)
{
	fg_insert_before(c->doc, c->serial, fg_cons(c->g, 0xa0, fg_int(c->g, 0), NULL));
}

static void mu_tbs_sig_null(struct fg_cert *c)
{
	fg_add(c->tbs_sig_alg, fg_prim(c->g, 0x05, NULL, 0));
}

static void mu_tbs_sig_sha384(struct fg_cert *c)
{
	fg_cert_set(c, &c->tbs_sig_alg, fg_seq(c->g, fg_oid(c->g, "1.2.840.10045.4.3.3")));
}

static void mu_outer_sig_sha384(struct fg_cert *c)
{
	fg_cert_set(c, &c->sig_alg, fg_seq(c->g, fg_oid(c->g, "1.2.840.10045.4.3.3")));
}

static void mu_issuer_cn_utf8(struct fg_cert *c)
{
	c->issuer->kid[1]->kid[0]->kid[1]->id = 0x0c;
}

/* an organizationName after the others, in an RDN of its own */
static void mu_add_subject_o(struct fg_cert *c)
{
	fg_add(c->subject, fg_set(c->g, fg_atv(c->g, "2.5.4.10", fg_str(c->g, 0x0c, "GIT TEST"))));
}

/* OU and uniqueIdentifier in one RDN (in DER SET OF order: the OU's
 * encoding, 30 09 ..., sorts before the uniqueIdentifier's, 30 10 ...) */
static void mu_multi_valued_rdn(struct fg_cert *c)
{
	struct fg_node *uid_rdn = c->subject->kid[2], *uid = uid_rdn->kid[0];
	fg_remove(c->doc, uid_rdn);
	fg_add(c->subject->kid[1], uid);
}

static void mu_subject_uid_field(struct fg_cert *c)
{
	struct fg_node *uid = fg_bits(c->g, 0, "\x02", 1);
	uid->id = 0x82;
	fg_insert_after(c->doc, c->spki, uid);
}

static void mu_bc_ca_true(struct fg_cert *c)
{
	struct fg_node *bc = c->ext_list->kid[c->ext_list->n_kid - 1];
	struct fg_node *value = bc->kid[bc->n_kid - 1];
	fg_replace(c->doc, value->kid[0], fg_hex(c->g, "30 03 01 01 ff"));
}

/* extKeyUsage id-kp-clientAuth, not critical, after the others */
static void base_eku(struct fg_cert *c)
{
	fg_add(c->ext_list, fg_ext_new(c->g, "2.5.29.37", FG_CRIT_ABSENT, fg_seq(c->g, fg_oid(c->g, "1.3.6.1.5.5.7.3.2"))).seq);
}

static void mu_eku_server(struct fg_cert *c)
{
	struct fg_node *eku = c->ext_list->kid[c->ext_list->n_kid - 1];
	struct fg_node *value = eku->kid[eku->n_kid - 1];
	fg_replace(c->doc, value->kid[0], fg_seq(c->g, fg_oid(c->g, "1.3.6.1.5.5.7.3.1")));
}

/* an extension the linter does not know, its value a NULL */
static void base_unknown_ext(struct fg_cert *c)
{
	mu_add_unknown(c);
}

static void mu_unknown_value(struct fg_cert *c)
{
	struct fg_node *ext = c->ext_list->kid[c->ext_list->n_kid - 1];
	struct fg_node *value = ext->kid[ext->n_kid - 1];
	fg_replace(c->doc, value->kid[0], fg_int(c->g, 5));
}

/* a CPS pointer qualifier on the policy: the decoded value says only "with
 * qualifiers", so a change inside it is a difference of encoding */
static void base_policy_cps(struct fg_cert *c)
{
	fg_add(c->ext[FG_EXT_POLICIES].inner->kid[0],
	       fg_seq(c->g, fg_seq(c->g, fg_oid(c->g, "1.3.6.1.5.5.7.2.1"), fg_str(c->g, 0x16, "http://a.example/cps"))));
}

static void mu_policy_cps_only(struct fg_cert *c)
{
	struct fg_node *pi = c->ext[FG_EXT_POLICIES].inner->kid[0];
	fg_set_data(pi->kid[1]->kid[0]->kid[1], "http://b.example/cps", 20);
}

static void mu_not_before_generalized(struct fg_cert *c)
{
	cc_time(c->not_before, "20151030000000Z");
}

/* a device certificate that expires: notAfter 2049 instead of 9999 (both
 * GeneralizedTime at 23:59:59) */
static void mu_device_expires(struct fg_cert *c)
{
	cc_time(c->not_after, "20491231235959Z");
}

/* ------------------------------------------------------------- by form */

static void mu_serial(struct fg_cert *c)
{
	fg_set_hex(c->serial, "71c56392ce9985dd1b78be2eb23d610c");
}

static void mu_serial_longer(struct fg_cert *c)
{
	fg_set_hex(c->serial, "71c56392ce9985dd1b78be2eb23d610b01");
}

/* the reference's SKI is not the key's method (2) identifier */
static void base_ski_arbitrary(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_SKI].inner, "0102030405060708");
}

/* the device key of the forge, a valid P-256 point */
#define CC_OTHER_KEY                                                                      \
	"04c5fac666befd4e4e75eca96ef44d98e15fe0faaff8f8b7f9531cce86d6c60ca58d6fc0ddca"     \
	"30c8daf0dc7900eee8088bfb109cb9a3ecb8eab67641ca4fffe8d8"
#define CC_OTHER_SKI "431c98ce3f707b03"
/* x of the forge's organisation key (its y is even: compressed 02 || x) */
#define CC_REF_X "30c2ab5a0d131726ffbda80e79294cc37534432a3e424405b97a3aba0ffc79dc"

static void mu_key(struct fg_cert *c)
{
	fg_set_hex(c->public_key->kid[0], CC_OTHER_KEY);
}

static void mu_key_and_ski(struct fg_cert *c)
{
	mu_key(c);
	fg_set_hex(c->ext[FG_EXT_SKI].inner, CC_OTHER_SKI);
}

static void mu_ski(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_SKI].inner, "0102030405060709");
}

static void mu_signature(struct fg_cert *c)
{
	c->sig_r->data[31] ^= 0x01;
	c->sig_s->data[0] ^= 0x01;
}

static void mu_instants(struct fg_cert *c)
{
	cc_time(c->not_before, "151031000000Z");
	cc_time(c->not_after, "251030235959Z");
}

static void mu_device_not_before(struct fg_cert *c)
{
	cc_time(c->not_before, "200101000000Z");
}

static void mu_hw_serial(struct fg_cert *c)
{
	fg_set_hex(c->hw_serial, "00db123456789002");
}

/* the same point compressed: 33 octets starting 02 (the SKI is not the
 * key's method (2) identifier in the reference either) */
static void mu_key_compressed(struct fg_cert *c)
{
	fg_set_hex(c->public_key->kid[0], "02" CC_REF_X);
}

/* a 20-octet SKI, as RFC 5280 method (1) would make */
static void mu_ski_20(struct fg_cert *c)
{
	fg_set_hex(c->ext[FG_EXT_SKI].inner, "0102030405060708090a0b0c0d0e0f1011121314");
}

/* s INTEGER with a superfluous leading 00 (D2) */
static void mu_sig_not_der(struct fg_cert *c)
{
	uint8_t s[33] = {0};
	memcpy(s + 1, c->sig_s->data, 32);
	fg_set_data(c->sig_s, s, sizeof(s));
}

/* the length of r in the long form */
static void mu_sig_length_long(struct fg_cert *c)
{
	c->sig_r->len_octets = 1;
}

/* ------------------------------------------------------------- the table */

struct mutation {
	const char *name;
	enum fg_kind kind;
	void (*base)(struct fg_cert *c);     /* applied to reference and candidate, may be NULL */
	void (*change)(struct fg_cert *c);   /* the candidate's mutation */
	size_t diffs;                        /* differences without STRICT */
	const char *path, *aspect;           /* the difference (diffs == 1), or the first of two */
	smkilint_cmp_status status;
	const char *path2, *aspect2;         /* the second of two */
	size_t strict_diffs;                 /* with SMKILINT_COMPARE_STRICT */
	const char *strict_path, *strict_aspect;   /* NULL: as without STRICT */
};

#define CC_O FG_ORGANISATION
#define CC_D FG_DEVICE
#define CC_EXT(n) "tbsCertificate.extensions[" n "]"
#define CC_DIFF SMKILINT_CMP_DIFFERENT
#define CC_FORM SMKILINT_CMP_FORM_DIFFERENT
#define CC_REF SMKILINT_CMP_ONLY_REFERENCE
#define CC_CAND SMKILINT_CMP_ONLY_CANDIDATE
/* one difference, the same with STRICT */
#define ONE(name, kind, change, path, aspect, status) \
	{name, kind, NULL, change, 1, path, aspect, status, NULL, NULL, 1, NULL, NULL}
/* no difference unless STRICT, then the given ones */
#define BY_FORM(name, kind, base, change, strict_diffs, spath, saspect) \
	{name, kind, base, change, 0, NULL, NULL, SMKILINT_CMP_SAME, NULL, NULL, strict_diffs, spath, saspect}

static const struct mutation mutations[] = {
	ONE("drop an extension", CC_O, mu_drop_ski, CC_EXT("subjectKeyIdentifier"), "presence", CC_REF),
	ONE("add an unknown extension", CC_D, mu_add_unknown, CC_EXT("1.2.3.4"), "presence", CC_CAND),
	ONE("duplicate an extension", CC_O, mu_duplicate_ski, CC_EXT("subjectKeyIdentifier"), "presence", CC_CAND),
	ONE("move an extension", CC_D, mu_aki_first, CC_EXT("authorityKeyIdentifier"), "position", CC_DIFF),
	ONE("criticality TRUE to absent", CC_O, mu_ku_not_critical, CC_EXT("keyUsage"), "criticality", CC_DIFF),
	ONE("critical FALSE encoded", CC_O, mu_aki_critical_false, CC_EXT("authorityKeyIdentifier"), "criticality",
	    CC_DIFF),
	ONE("SAN not critical", CC_D, mu_san_not_critical, CC_EXT("subjectAltName"), "criticality", CC_DIFF),
	ONE("one keyUsage bit", CC_O, mu_ku_key_agreement, CC_EXT("keyUsage"), "value", CC_DIFF),
	ONE("policy OID", CC_D, mu_policy, CC_EXT("certificatePolicies"), "value", CC_DIFF),
	ONE("subject CN string type", CC_O, mu_cn_printable, "tbsCertificate.subject.rdnSequence[0][0]", "string type",
	    CC_DIFF),
	ONE("subject CN value", CC_O, mu_cn_value, "tbsCertificate.subject.rdnSequence[0][0]", "value", CC_DIFF),
	ONE("drop subject OU", CC_O, mu_drop_ou, "tbsCertificate.subject.rdnSequence[1][0]", "presence", CC_REF),
	ONE("issuer CN value", CC_O, mu_issuer_cn, "tbsCertificate.issuer.rdnSequence[1][0]", "value", CC_DIFF),
	ONE("AKI keyIdentifier", CC_O, mu_aki, CC_EXT("authorityKeyIdentifier"), "value", CC_DIFF),
	{"notAfter time of day (lifetime kept)", CC_O, NULL, mu_tod_lifetime_kept, 1, "tbsCertificate.validity.notAfter",
	 "time of day", CC_DIFF, NULL, NULL, 2, NULL, NULL},
	/* changing notAfter alone changes its time of day and the lifetime: two things */
	{"notAfter time of day only", CC_O, NULL, mu_tod_only, 2, "tbsCertificate.validity.notAfter", "time of day",
	 CC_DIFF, "tbsCertificate.validity", "lifetime", 1, "tbsCertificate.validity.notAfter", "value"},
	{"lifetime one day longer", CC_O, NULL, mu_lifetime, 1, "tbsCertificate.validity", "lifetime", CC_DIFF, NULL,
	 NULL, 1, "tbsCertificate.validity.notAfter", "value"},
	{"notAfter as GeneralizedTime", CC_O, NULL, mu_generalized, 1, "tbsCertificate.validity.notAfter", "form",
	 CC_DIFF, NULL, NULL, 1, "tbsCertificate.validity.notAfter", "value"},
	ONE("NULL parameters in signatureAlgorithm", CC_D, mu_outer_null, "signatureAlgorithm", "value", CC_DIFF),
	/* D1: both AlgorithmIdentifiers, two fields */
	{"NULL parameters in both AlgorithmIdentifiers", CC_O, NULL, mu_both_null, 2, "tbsCertificate.signature",
	 "value", CC_DIFF, "signatureAlgorithm", "value", 2, NULL, NULL},
	ONE("version v2", CC_D, mu_version_2, "tbsCertificate.version", "value", CC_DIFF),
	/* an encoded DEFAULT is one difference (not also an encoding defect) */
	{"cA FALSE encoded", CC_O, base_bc_empty, mu_ca_false_encoded, 1, CC_EXT("basicConstraints"), "value", CC_DIFF,
	 NULL, NULL, 1, NULL, NULL},
	{"version v1 encoded", CC_D, base_v1, mu_v1_encoded, 1, "tbsCertificate.version", "value", CC_DIFF, NULL, NULL,
	 1, NULL, NULL},
	ONE("curve P-384", CC_O, mu_curve_p384, "tbsCertificate.subjectPublicKeyInfo.algorithm", "value", CC_DIFF),
	ONE("issuerUniqueID present", CC_D, mu_issuer_uid, "tbsCertificate.issuerUniqueID", "presence", CC_DIFF),
	ONE("non-minimal length", CC_O, mu_serial_long_length, "certificate", "DER encoding defects", CC_DIFF),
	/* the SAN is compared by form unless strict (the serial differs per device) */
	{"hwType", CC_D, NULL, mu_hw_type, 1, CC_EXT("subjectAltName"), "value", CC_FORM, NULL, NULL, 1,
	 CC_EXT("subjectAltName"), "value"},
	{"serial one octet longer", CC_D, NULL, mu_serial_longer, 1, "tbsCertificate.serialNumber", "form", CC_FORM,
	 NULL, NULL, 1, "tbsCertificate.serialNumber", "value"},

	/* one per field or extension kind not changed above */
	ONE("NULL parameters in tbsCertificate.signature", CC_D, mu_tbs_sig_null, "tbsCertificate.signature", "value",
	    CC_DIFF),
	ONE("tbsCertificate.signature ecdsa-with-SHA384", CC_O, mu_tbs_sig_sha384, "tbsCertificate.signature", "value",
	    CC_DIFF),
	ONE("signatureAlgorithm ecdsa-with-SHA384", CC_D, mu_outer_sig_sha384, "signatureAlgorithm", "value", CC_DIFF),
	ONE("issuer CN string type", CC_O, mu_issuer_cn_utf8, "tbsCertificate.issuer.rdnSequence[1][0]", "string type",
	    CC_DIFF),
	ONE("add a subject attribute", CC_O, mu_add_subject_o, "tbsCertificate.subject.rdnSequence[3][0]", "presence",
	    CC_CAND),
	ONE("two attributes in one RDN", CC_O, mu_multi_valued_rdn, "tbsCertificate.subject.rdnSequence[2][0]",
	    "RDN structure", CC_DIFF),
	ONE("subjectUniqueID present", CC_O, mu_subject_uid_field, "tbsCertificate.subjectUniqueID", "presence", CC_DIFF),
	{"basicConstraints cA TRUE", CC_O, base_bc_empty, mu_bc_ca_true, 1, CC_EXT("basicConstraints"), "value", CC_DIFF,
	 NULL, NULL, 1, NULL, NULL},
	{"extKeyUsage purpose", CC_O, base_eku, mu_eku_server, 1, CC_EXT("extKeyUsage"), "value", CC_DIFF, NULL, NULL, 1,
	 NULL, NULL},
	{"unknown extension value", CC_D, base_unknown_ext, mu_unknown_value, 1, CC_EXT("1.2.3.4"), "value", CC_DIFF, NULL,
	 NULL, 1, NULL, NULL},
	{"notBefore as GeneralizedTime", CC_O, NULL, mu_not_before_generalized, 1, "tbsCertificate.validity.notBefore",
	 "form", CC_DIFF, NULL, NULL, 1, "tbsCertificate.validity.notBefore", "value"},
	{"CPS qualifier text", CC_D, base_policy_cps, mu_policy_cps_only, 1, CC_EXT("certificatePolicies"), "encoding",
	 CC_DIFF, NULL, NULL, 1, NULL, NULL},
	ONE("device notAfter 2049 instead of 9999", CC_D, mu_device_expires, "tbsCertificate.validity.notAfter", "value",
	    CC_DIFF),
	{"key compressed", CC_O, base_ski_arbitrary, mu_key_compressed, 1,
	 "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey", "form", CC_FORM, NULL, NULL, 1,
	 "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey", "value"},
	{"SKI of 20 octets", CC_O, NULL, mu_ski_20, 1, CC_EXT("subjectKeyIdentifier"), "value", CC_FORM, NULL, NULL, 1,
	 CC_EXT("subjectKeyIdentifier"), "value"},
	{"signature s not minimal", CC_D, NULL, mu_sig_not_der, 1, "signatureValue", "form", CC_FORM, NULL, NULL, 1,
	 "signatureValue", "value"},
	{"signature r length in the long form", CC_O, NULL, mu_sig_length_long, 1, "signatureValue", "form", CC_FORM, NULL,
	 NULL, 1, "signatureValue", "value"},

	BY_FORM("serial value", CC_O, NULL, mu_serial, 1, "tbsCertificate.serialNumber", "value"),
	BY_FORM("key (SKI not method 2)", CC_O, base_ski_arbitrary, mu_key, 1,
		"tbsCertificate.subjectPublicKeyInfo.subjectPublicKey", "value"),
	BY_FORM("SKI value (not method 2)", CC_D, base_ski_arbitrary, mu_ski, 1, CC_EXT("subjectKeyIdentifier"), "value"),
	/* another key with its own method (2) SKI: two fields */
	BY_FORM("key and its SKI", CC_O, NULL, mu_key_and_ski, 2, NULL, NULL),
	BY_FORM("signature value", CC_D, NULL, mu_signature, 1, "signatureValue", "value"),
	/* both instants: two fields */
	BY_FORM("both validity instants a day later", CC_O, NULL, mu_instants, 2, NULL, NULL),
	BY_FORM("device notBefore (notAfter 9999)", CC_D, NULL, mu_device_not_before, 1,
		"tbsCertificate.validity.notBefore", "value"),
	BY_FORM("device hwSerialNum", CC_D, NULL, mu_hw_serial, 1, CC_EXT("subjectAltName"), "value"),
};
#define N_MUTATIONS (sizeof(mutations) / sizeof(mutations[0]))

struct pair {
	const uint8_t *ref;
	size_t ref_len;
	const uint8_t *cand;
	size_t cand_len;
};

/* Forge the reference and the candidate (bytes owned by g). The candidate is
 * encoded last: its nodes' offsets hold. */
static void make_pair(struct pair *p, struct fg *g, const struct mutation *mu)
{
	struct fg_cert *ref = fg_cert_new(g, mu->kind);
	if (mu->base != NULL)
		mu->base(ref);
	p->ref = fg_cert_der(ref, &p->ref_len);
	struct fg_cert *cand = fg_cert_new(g, mu->kind);
	if (mu->base != NULL)
		mu->base(cand);
	mu->change(cand);
	p->cand = fg_cert_der(cand, &p->cand_len);
}

#endif
