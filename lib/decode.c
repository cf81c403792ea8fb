/*
 * Decode once into the plain model.
 *
 * One asn1_der_decoding2() per certificate validates the structure against
 * our PKIX module; asn1_der_decoding_startEnd() locates each field, and the
 * bounded cursor slices the bytes at that location (no copies: slices point
 * into the certificate's DER). A PKCS #10 request is decoded into the same
 * model (smk_decode_csr). Known extension values are decoded once here,
 * each with its own libtasn1 type. Nothing outside this file calls libtasn1
 * on a certificate or holds an ASN.1 path for lookups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smk.h"

#define SMK_MAX_ATV 4096
#define SMK_MAX_EXT 128
#define SMK_MAX_SAN 4096
#define SMK_MAX_POLICIES 256
#define SMK_MAX_EKU 256
#define SMK_MAX_ATTRS 64

struct dec {
	struct smk_cert *c;
	smkilint_ctx *ctx;
	asn1_node el;
};

static struct smk_loc mkloc(size_t off, size_t len, const char *path)
{
	struct smk_loc l = {off, len, path};
	return l;
}

/* Locate a libtasn1 field and read its TLV with the cursor. `base` is the
 * offset of the decoded buffer inside the certificate. */
static bool locate(asn1_node el, const uint8_t *buf, size_t buf_len, size_t base, const char *name,
		   struct smk_tlv *t)
{
	int start, end;
	if (asn1_der_decoding_startEnd(el, buf, (int)buf_len, name, &start, &end) != ASN1_SUCCESS)
		return false;
	if (start < 0 || end < start || (size_t)end >= buf_len)
		return false;
	struct smk_der d;
	smk_der_init(&d, buf + start, (size_t)(end - start + 1), base + (size_t)start);
	return smk_der_get_any(&d, t) == SMK_DER_OK;
}

static struct smk_loc tlv_loc(const struct smk_tlv *t, const char *path)
{
	return mkloc(t->off, t->hdr_len + t->len, path);
}

static struct smk_bytes tlv_bytes(const struct smk_tlv *t)
{
	struct smk_bytes b = {t->body.p - t->hdr_len, t->hdr_len + t->len};
	return b;
}

static struct smk_bytes tlv_body(const struct smk_tlv *t)
{
	struct smk_bytes b = {t->body.p, t->len};
	return b;
}

/* A value's bytes with the offset of its first one, for the cursor. */
static struct smk_der value_der(const struct smk_ext *e)
{
	struct smk_der d;
	smk_der_init(&d, e->value.p, e->value.len, e->value_loc.off);
	return d;
}

/* Read the next TLV of d when it is plain: this identifier octet (so a
 * low tag number), a definite length in the fewest octets. The fast
 * readers below take a value only when all of it is plain. */
static bool get_plain(struct smk_der *d, struct smk_tlv *t, uint8_t id)
{
	return d->len > 0 && smk_der_get_any(d, t) == SMK_DER_OK && t->id == id && !t->len_not_minimal &&
	       !t->indefinite;
}

static void read_alg(struct smk_cert *c, const struct smk_tlv *t, struct smk_alg *alg, const char *path)
{
	alg->raw = tlv_bytes(t);
	alg->loc = tlv_loc(t, path);
	struct smk_der d = t->body;
	struct smk_tlv oid, params;
	if (smk_der_get_any(&d, &oid) != SMK_DER_OK)
		return;
	alg->oid = smk_oid_text(&c->arena, &oid, &alg->id);
	if (alg->oid == NULL)
		alg->oid = "";
	if (d.len > 0 && smk_der_get_any(&d, &params) == SMK_DER_OK) {
		alg->params_present = true;
		alg->params = tlv_bytes(&params);
		alg->params_null = params.id == 0x05 && params.len == 0;
		alg->params_loc = tlv_loc(&params, smk_path_cat(&c->arena, path, ".parameters"));
	}
}

static void read_name(struct smk_cert *c, const struct smk_tlv *t, struct smk_name *n, const char *path)
{
	n->raw = tlv_bytes(t);
	n->loc = tlv_loc(t, path);
	/* count first, then fill: RDNSequence ::= SEQUENCE OF SET OF AttributeTypeAndValue */
	size_t count = 0;
	struct smk_der rdns = t->body;
	struct smk_tlv rdn, atv;
	while (rdns.len > 0 && smk_der_get_any(&rdns, &rdn) == SMK_DER_OK) {
		struct smk_der atvs = rdn.body;
		while (atvs.len > 0 && smk_der_get_any(&atvs, &atv) == SMK_DER_OK)
			count++;
		n->n_rdn++;
	}
	if (count > SMK_MAX_ATV) {
		smk_defect_add(c, SMK_DEF_LIMIT, t->off, t->hdr_len + t->len, path,
			       smk_printf(&c->arena, "at most %d name attributes", SMK_MAX_ATV),
			       smk_printf(&c->arena, "%zu attributes; only the first %d are checked", count,
					  SMK_MAX_ATV));
		count = SMK_MAX_ATV;
	}
	n->atv = count ? smk_alloc(&c->arena, count * sizeof(*n->atv)) : NULL;
	if (count && n->atv == NULL)
		return;
	rdns = t->body;
	size_t ri = 0;
	const char *rdns_path = count ? smk_path_cat(&c->arena, path, ".rdnSequence") : NULL;
	while (rdns.len > 0 && n->n_atv < count && smk_der_get_any(&rdns, &rdn) == SMK_DER_OK) {
		struct smk_der atvs = rdn.body;
		size_t pos = 0;
		const char *rdn_path = smk_path_idx(&c->arena, rdns_path != NULL ? rdns_path : "", ri);
		while (atvs.len > 0 && n->n_atv < count && smk_der_get_any(&atvs, &atv) == SMK_DER_OK) {
			struct smk_atv *a = &n->atv[n->n_atv++];
			const char *apath = smk_path_idx(&c->arena, rdn_path != NULL ? rdn_path : "", pos);
			a->rdn = ri;
			a->pos = pos;
			a->loc = tlv_loc(&atv, apath);
			struct smk_der in = atv.body;
			struct smk_tlv type, value;
			if (smk_der_get_any(&in, &type) == SMK_DER_OK)
				a->oid = smk_oid_text(&c->arena, &type, &a->id);
			if (a->oid == NULL)
				a->oid = "";
			if (smk_der_get_any(&in, &value) == SMK_DER_OK) {
				a->tag = value.id;
				a->value = tlv_body(&value);
				a->raw = tlv_bytes(&value);
				a->value_loc = tlv_loc(&value, apath != NULL ? smk_path_cat(&c->arena, apath, ".value") : NULL);
			} else {
				a->value_loc = a->loc;   /* no value: a finding about it points at the attribute */
			}
			pos++;
		}
		ri++;
	}
}

static void read_time(struct smk_cert *c, const struct smk_tlv *t, struct smk_time *tm, const char *path)
{
	smk_time_parse(tm, t->id, t->body.p, t->len);
	tm->loc = tlv_loc(t, path);
	(void)c;
}

static void read_spki(struct smk_cert *c, const struct smk_tlv *t, const char *path)
{
	struct smk_spki *k = &c->spki;
	k->loc = tlv_loc(t, path);
	/* until read below: a missing algorithm or key is pointed at as the SPKI */
	k->alg.loc = k->key_loc = k->loc;
	struct smk_der d = t->body;
	struct smk_tlv alg, key;
	if (smk_der_get_any(&d, &alg) != SMK_DER_OK)
		return;
	read_alg(c, &alg, &k->alg, smk_path_cat(&c->arena, path, ".algorithm"));
	if (k->alg.params_present) {
		struct smk_der pd;
		struct smk_tlv p;
		smk_der_init(&pd, k->alg.params.p, k->alg.params.len, k->alg.params_loc.off);
		if (smk_der_get_any(&pd, &p) == SMK_DER_OK) {
			if (p.id == 0x06) {
				k->curve_oid = smk_oid_text(&c->arena, &p, &k->curve);
			} else if (p.id == 0x30) {
				k->curve_explicit = true;
			} else if (p.id == 0x05) {
				k->curve_implicit = true;
			}
		}
	}
	if (smk_der_get_any(&d, &key) != SMK_DER_OK)
		return;
	k->key_loc = tlv_loc(&key, smk_path_cat(&c->arena, path, ".subjectPublicKey"));
	if (key.len == 0)
		return;   /* an empty BIT STRING: no key, but a place to point at */
	k->key_unused_bits = key.body.p[0];
	k->key.p = key.body.p + 1;
	k->key.len = key.len - 1;
}

/* ---------------------------------------------------------- extensions */

/*
 * Each known extension value is read in one of two ways, with the same
 * result. When the whole value has the plain shape of its type (every TLV
 * plain as get_plain says, the fields in their order, nothing left over,
 * OIDs that smk_oid_plain reads), the cursor reads it: libtasn1 decodes
 * such a value with ASN1_DECODE_FLAG_STRICT_DER without fail, so asking it
 * would only cost an asn1_create_element per extension. Anything else goes
 * to libtasn1 as before, which decides whether it decodes (the *_plain
 * readers return false and touch nothing then).
 */

/* Decode an extension value with its own libtasn1 type; on failure the
 * extension stays raw and ext->decoded is false. */
static asn1_node decode_value(struct dec *d, const char *type, const struct smk_ext *e)
{
	asn1_node el = NULL;
	char errbuf[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
	if (asn1_create_element(d->ctx->defs, type, &el) != ASN1_SUCCESS)
		return NULL;
	int len = (int)e->value.len;
	if (asn1_der_decoding2(&el, e->value.p, &len, ASN1_DECODE_FLAG_STRICT_DER, errbuf) != ASN1_SUCCESS) {
		asn1_delete_structure(&el);
		return NULL;
	}
	return el;
}

static bool read_oid_value(asn1_node el, const char *name, char *buf, int size)
{
	int len = size;
	return asn1_read_value(el, name, buf, &len) == ASN1_SUCCESS;
}

static void decode_key_usage(struct dec *d, struct smk_ext *e)
{
	/* KeyUsage ::= BIT STRING: the TLV fills the whole extnValue */
	struct smk_der dd = value_der(e);
	struct smk_tlv t;
	if (!get_plain(&dd, &t, 0x03) || dd.len != 0) {
		asn1_node el = decode_value(d, "SMKILINT-PKIX.KeyUsage", e);
		if (el == NULL)
			return;
		asn1_delete_structure(&el);
		dd = value_der(e);
		if (smk_der_get_any(&dd, &t) != SMK_DER_OK)
			return;
	}
	if (t.len == 0)
		return;
	struct smk_key_usage *ku = &d->c->ku;
	ku->unused = t.body.p[0];
	size_t octets = t.len - 1;
	ku->nbits = octets * 8 >= ku->unused ? (unsigned)(octets * 8 - (ku->unused & 7)) : 0;
	for (size_t i = 0; i < octets && i < 4; i++)
		for (int b = 0; b < 8; b++)
			if (t.body.p[1 + i] & (0x80 >> b))
				ku->bits |= 1u << (i * 8 + b);
	e->decoded = true;
}

static void set_bc_ca(struct dec *d, const struct smk_ext *e, const struct smk_tlv *t)
{
	struct smk_basic_constraints *bc = &d->c->bc;
	bc->ca_encoded = true;
	bc->ca = t->len == 1 && t->body.p[0] != 0;
	bc->ca_loc = tlv_loc(t, smk_path_cat(&d->c->arena, e->value_loc.path, ".cA"));
}

static void set_bc_pathlen(struct dec *d, const struct smk_ext *e, const struct smk_tlv *t)
{
	struct smk_basic_constraints *bc = &d->c->bc;
	bc->has_pathlen = true;
	bc->pathlen_loc = tlv_loc(t, smk_path_cat(&d->c->arena, e->value_loc.path, ".pathLenConstraint"));
	if (t->len > 0 && (t->body.p[0] & 0x80)) {
		bc->pathlen_negative = true;
	} else {
		long v = 0;
		for (size_t i = 0; i < t->len; i++)
			v = v > (1L << 40) ? v : (v << 8) | t->body.p[i];
		bc->pathlen = v;
	}
}

/* SEQUENCE { cA BOOLEAN (00 or FF) OPTIONAL, pathLenConstraint INTEGER OPTIONAL } */
static bool read_bc_plain(struct dec *d, struct smk_ext *e)
{
	struct smk_der v = value_der(e), in;
	struct smk_tlv seq, ca, pathlen;
	bool has_ca = false, has_pathlen = false;
	if (!get_plain(&v, &seq, 0x30) || v.len != 0)
		return false;
	in = seq.body;
	if (in.len > 0 && in.p[0] == 0x01) {
		if (!get_plain(&in, &ca, 0x01) || ca.len != 1 || (ca.body.p[0] != 0x00 && ca.body.p[0] != 0xff))
			return false;
		has_ca = true;
	}
	if (in.len > 0) {
		if (!get_plain(&in, &pathlen, 0x02) || pathlen.len == 0 || in.len != 0)
			return false;
		has_pathlen = true;
	}
	if (has_ca)
		set_bc_ca(d, e, &ca);
	if (has_pathlen)
		set_bc_pathlen(d, e, &pathlen);
	e->decoded = true;
	return true;
}

static void decode_basic_constraints(struct dec *d, struct smk_ext *e)
{
	if (read_bc_plain(d, e))
		return;
	asn1_node el = decode_value(d, "SMKILINT-PKIX.BasicConstraints", e);
	if (el == NULL)
		return;
	struct smk_tlv t;
	if (locate(el, e->value.p, e->value.len, e->value_loc.off, "cA", &t) && t.id == 0x01)
		set_bc_ca(d, e, &t);
	if (locate(el, e->value.p, e->value.len, e->value_loc.off, "pathLenConstraint", &t) && t.id == 0x02)
		set_bc_pathlen(d, e, &t);
	asn1_delete_structure(&el);
	e->decoded = true;
}

static void decode_ski(struct dec *d, struct smk_ext *e)
{
	struct smk_der dd = value_der(e);
	struct smk_tlv t;
	if (!get_plain(&dd, &t, 0x04) || dd.len != 0) {
		asn1_node el = decode_value(d, "SMKILINT-PKIX.SubjectKeyIdentifier", e);
		if (el == NULL)
			return;
		asn1_delete_structure(&el);
		dd = value_der(e);
		if (smk_der_get_any(&dd, &t) != SMK_DER_OK)
			return;
	}
	d->c->ski = tlv_body(&t);
	e->decoded = true;
}

static void set_aki_keyid(struct dec *d, const struct smk_ext *e, const struct smk_tlv *t)
{
	struct smk_aki *aki = &d->c->aki;
	aki->has_keyid = true;
	aki->keyid = tlv_body(t);
	aki->keyid_loc = tlv_loc(t, smk_path_cat(&d->c->arena, e->value_loc.path, ".keyIdentifier"));
}

/* SEQUENCE { [0] keyIdentifier OPTIONAL }: the form SMKI uses */
static bool read_aki_plain(struct dec *d, struct smk_ext *e)
{
	struct smk_der v = value_der(e), in;
	struct smk_tlv seq, keyid;
	if (!get_plain(&v, &seq, 0x30) || v.len != 0)
		return false;
	in = seq.body;
	if (in.len > 0 && (!get_plain(&in, &keyid, 0x80) || keyid.len == 0 || in.len != 0))
		return false;
	if (seq.len > 0)
		set_aki_keyid(d, e, &keyid);
	e->decoded = true;
	return true;
}

static void decode_aki(struct dec *d, struct smk_ext *e)
{
	if (read_aki_plain(d, e))
		return;
	asn1_node el = decode_value(d, "SMKILINT-PKIX.AuthorityKeyIdentifier", e);
	if (el == NULL)
		return;
	struct smk_aki *aki = &d->c->aki;
	struct smk_tlv t;
	if (locate(el, e->value.p, e->value.len, e->value_loc.off, "keyIdentifier", &t))
		set_aki_keyid(d, e, &t);
	aki->has_issuer = locate(el, e->value.p, e->value.len, e->value_loc.off, "authorityCertIssuer", &t);
	aki->has_serial = locate(el, e->value.p, e->value.len, e->value_loc.off, "authorityCertSerialNumber", &t);
	asn1_delete_structure(&el);
	e->decoded = true;
}

/* SEQUENCE OF PolicyInformation without qualifiers: SEQUENCE { OID } */
static bool read_policies_plain(struct dec *d, struct smk_ext *e)
{
	struct smk_cert *c = d->c;
	struct smk_der v = value_der(e), infos, in;
	struct smk_tlv seq, info, oid;
	if (!get_plain(&v, &seq, 0x30) || v.len != 0 || seq.len == 0)
		return false;
	size_t n = 0;
	for (infos = seq.body; infos.len > 0; n++) {
		if (!get_plain(&infos, &info, 0x30))
			return false;
		in = info.body;
		if (!get_plain(&in, &oid, 0x06) || in.len != 0 || !smk_oid_plain(&oid))
			return false;
	}
	if (n > SMK_MAX_POLICIES)
		return false;
	c->policies = smk_alloc(&c->arena, n * sizeof(*c->policies));
	for (infos = seq.body; c->policies != NULL && infos.len > 0; c->n_policies++) {
		struct smk_policy *p = &c->policies[c->n_policies];
		enum smk_oid id;
		smk_der_get_any(&infos, &info);
		in = info.body;
		smk_der_get_any(&in, &oid);
		p->oid = smk_oid_text_plain(&c->arena, &oid, &id);
		p->loc = tlv_loc(&info, smk_path_idx(&c->arena, e->value_loc.path, c->n_policies));
	}
	e->decoded = true;
	return true;
}

static void decode_policies(struct dec *d, struct smk_ext *e)
{
	if (read_policies_plain(d, e))
		return;
	asn1_node el = decode_value(d, "SMKILINT-PKIX.CertificatePolicies", e);
	if (el == NULL)
		return;
	struct smk_cert *c = d->c;
	int n = 0;
	if (asn1_number_of_elements(el, "", &n) != ASN1_SUCCESS || n < 0)
		n = 0;
	if (n > SMK_MAX_POLICIES) {
		smk_defect_add(c, SMK_DEF_LIMIT, e->value_loc.off, e->value_loc.len, e->value_loc.path,
			       smk_printf(&c->arena, "at most %d policies", SMK_MAX_POLICIES),
			       smk_printf(&c->arena, "%d policies; only the first %d are checked", n, SMK_MAX_POLICIES));
		n = SMK_MAX_POLICIES;
	}
	c->policies = n ? smk_alloc(&c->arena, (size_t)n * sizeof(*c->policies)) : NULL;
	for (int i = 0; i < n && c->policies != NULL; i++) {
		char name[64], oid[ASN1_MAX_NAME_SIZE * 2];
		struct smk_policy *p = &c->policies[c->n_policies];
		snprintf(name, sizeof(name), "?%d.policyIdentifier", i + 1);
		if (!read_oid_value(el, name, oid, sizeof(oid)))
			break;
		p->oid = smk_strdup(&c->arena, oid);
		snprintf(name, sizeof(name), "?%d", i + 1);
		struct smk_tlv t;
		if (locate(el, e->value.p, e->value.len, e->value_loc.off, name, &t))
			p->loc = tlv_loc(&t, smk_path_idx(&c->arena, e->value_loc.path, (size_t)i));
		int q = 0;
		snprintf(name, sizeof(name), "?%d.policyQualifiers", i + 1);
		if (asn1_number_of_elements(el, name, &q) == ASN1_SUCCESS && q > 0)
			p->n_qualifiers = (size_t)q;
		c->n_policies++;
	}
	asn1_delete_structure(&el);
	e->decoded = true;
}

static const struct {
	const char *name;
	enum smk_gn_type type;
} gn_types[] = {
	{"otherName", SMK_GN_OTHER}, {"rfc822Name", SMK_GN_RFC822}, {"dNSName", SMK_GN_DNS},
	{"x400Address", SMK_GN_X400}, {"directoryName", SMK_GN_DIRECTORY},
	{"ediPartyName", SMK_GN_EDI}, {"uniformResourceIdentifier", SMK_GN_URI},
	{"iPAddress", SMK_GN_IP}, {"registeredID", SMK_GN_RID},
};

/* value is the [0] EXPLICIT wrapper; its contents are the HardwareModuleName
 * SEQUENCE { hwType OBJECT IDENTIFIER, hwSerialNum OCTET STRING } */
static bool read_hw_module_plain(struct dec *d, struct smk_general_name *g, const struct smk_tlv *value,
				 const char *path)
{
	struct smk_cert *c = d->c;
	struct smk_der v = value->body, in;
	struct smk_tlv seq, type, serial;
	enum smk_oid id;
	if (!get_plain(&v, &seq, 0x30) || v.len != 0)
		return false;
	in = seq.body;
	if (!get_plain(&in, &type, 0x06) || !smk_oid_plain(&type) || !get_plain(&in, &serial, 0x04) || in.len != 0)
		return false;
	g->hw_type = smk_oid_text_plain(&c->arena, &type, &id);
	g->hw_serial = tlv_body(&serial);
	g->hw_serial_loc = tlv_loc(&serial, smk_path_cat(&c->arena, path, ".otherName.value.hwSerialNum"));
	g->hw_ok = true;
	return true;
}

static void decode_hw_module(struct dec *d, struct smk_general_name *g, const struct smk_tlv *value,
			     const char *path)
{
	/* value is the [0] EXPLICIT wrapper; its contents are the HardwareModuleName */
	struct smk_cert *c = d->c;
	if (read_hw_module_plain(d, g, value, path))
		return;
	asn1_node el = NULL;
	char errbuf[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
	if (asn1_create_element(d->ctx->defs, "SMKILINT-PKIX.HardwareModuleName", &el) != ASN1_SUCCESS)
		return;
	int len = (int)value->len;
	if (asn1_der_decoding2(&el, value->body.p, &len, ASN1_DECODE_FLAG_STRICT_DER, errbuf) != ASN1_SUCCESS) {
		asn1_delete_structure(&el);
		return;
	}
	char oid[ASN1_MAX_NAME_SIZE * 2];
	struct smk_tlv t;
	if (read_oid_value(el, "hwType", oid, sizeof(oid)) &&
	    locate(el, value->body.p, value->len, value->body.off, "hwSerialNum", &t)) {
		g->hw_type = smk_strdup(&c->arena, oid);
		g->hw_serial = tlv_body(&t);
		g->hw_serial_loc = tlv_loc(&t, smk_path_cat(&c->arena, path, ".otherName.value.hwSerialNum"));
		g->hw_ok = true;
	}
	asn1_delete_structure(&el);
}

/* GeneralNames whose names are all plain: otherName (type-id and one plain
 * TLV in the [0] wrapper), rfc822Name, dNSName, uniformResourceIdentifier or
 * iPAddress. Counts the names. */
static bool san_plain(const struct smk_ext *e, size_t *count)
{
	struct smk_der v = value_der(e), names, in, w;
	struct smk_tlv seq, gn, oid, wrap, any;
	if (!get_plain(&v, &seq, 0x30) || v.len != 0 || seq.len == 0)
		return false;
	size_t n = 0;
	for (names = seq.body; names.len > 0; n++) {
		if (smk_der_get_any(&names, &gn) != SMK_DER_OK || gn.len_not_minimal || gn.indefinite)
			return false;
		switch (gn.id) {
		case 0x81: case 0x82: case 0x86: case 0x87:
			break;   /* IA5String, OCTET STRING: any contents */
		case 0xa0:
			in = gn.body;
			if (!get_plain(&in, &oid, 0x06) || !smk_oid_plain(&oid) || !get_plain(&in, &wrap, 0xa0) || in.len != 0)
				return false;
			w = wrap.body;
			if (w.len == 0 || smk_der_get_any(&w, &any) != SMK_DER_OK || w.len != 0 || (any.id & 0x1f) == 0x1f ||
			    any.len_not_minimal || any.indefinite)
				return false;
			break;
		default:
			return false;
		}
	}
	*count = n;
	return n <= SMK_MAX_SAN;
}

static void decode_san(struct dec *d, struct smk_ext *e)
{
	struct smk_cert *c = d->c;
	size_t n;
	if (!san_plain(e, &n)) {
		asn1_node el = decode_value(d, "SMKILINT-PKIX.GeneralNames", e);
		if (el == NULL)
			return;
		int k = 0;
		if (asn1_number_of_elements(el, "", &k) != ASN1_SUCCESS || k < 0)
			k = 0;
		asn1_delete_structure(&el);
		if (k > SMK_MAX_SAN) {
			smk_defect_add(c, SMK_DEF_LIMIT, e->value_loc.off, e->value_loc.len, e->value_loc.path,
				       smk_printf(&c->arena, "at most %d GeneralNames", SMK_MAX_SAN),
				       smk_printf(&c->arena, "%d names; only the first %d are checked", k, SMK_MAX_SAN));
			k = SMK_MAX_SAN;
		}
		n = (size_t)k;
	}
	c->san = n ? smk_alloc(&c->arena, n * sizeof(*c->san)) : NULL;
	/* walk the names with the cursor (validated above, by shape or by
	 * libtasn1): looking up "?i" by name would make this quadratic */
	struct smk_der dd = value_der(e);
	struct smk_tlv seq, t;
	if (c->san == NULL || smk_der_get_any(&dd, &seq) != SMK_DER_OK)
		return;
	struct smk_der names = seq.body;
	while (names.len > 0 && c->n_san < n && smk_der_get_any(&names, &t) == SMK_DER_OK) {
		struct smk_general_name *g = &c->san[c->n_san];
		const char *path = smk_path_idx(&c->arena, e->value_loc.path, c->n_san);
		g->type = (enum smk_gn_type)(t.id & 0x1f);
		if (g->type > SMK_GN_RID)
			g->type = SMK_GN_RID;
		g->loc = tlv_loc(&t, path);
		g->value = (t.id & 0x20) ? tlv_bytes(&t) : tlv_body(&t);
		if (t.id == 0xa0) {
			struct smk_der on = t.body;
			struct smk_tlv oid, val;
			enum smk_oid id;
			if (smk_der_get_any(&on, &oid) == SMK_DER_OK) {
				g->other_oid = smk_oid_text(&c->arena, &oid, &id);
				if (g->other_oid != NULL && id == SMK_OID_ON_HW_MODULE_NAME) {
					g->hw_module = true;
					if (smk_der_get_any(&on, &val) == SMK_DER_OK && val.id == 0xa0)
						decode_hw_module(d, g, &val, path != NULL ? path : "");
				}
			}
		}
		c->n_san++;
	}
	(void)gn_types;
	e->decoded = true;
}

/* SEQUENCE OF OBJECT IDENTIFIER */
static bool read_eku_plain(struct dec *d, struct smk_ext *e)
{
	struct smk_cert *c = d->c;
	struct smk_der v = value_der(e), in;
	struct smk_tlv seq, oid;
	if (!get_plain(&v, &seq, 0x30) || v.len != 0 || seq.len == 0)
		return false;
	size_t n = 0;
	for (in = seq.body; in.len > 0; n++)
		if (!get_plain(&in, &oid, 0x06) || !smk_oid_plain(&oid))
			return false;
	if (n > SMK_MAX_EKU)
		return false;
	c->eku = smk_alloc(&c->arena, n * sizeof(*c->eku));
	for (in = seq.body; c->eku != NULL && in.len > 0;) {
		enum smk_oid id;
		smk_der_get_any(&in, &oid);
		c->eku[c->n_eku++] = smk_oid_text_plain(&c->arena, &oid, &id);
	}
	e->decoded = true;
	return true;
}

static void decode_eku(struct dec *d, struct smk_ext *e)
{
	if (read_eku_plain(d, e))
		return;
	asn1_node el = decode_value(d, "SMKILINT-PKIX.ExtKeyUsageSyntax", e);
	if (el == NULL)
		return;
	struct smk_cert *c = d->c;
	int n = 0;
	if (asn1_number_of_elements(el, "", &n) != ASN1_SUCCESS || n < 0)
		n = 0;
	if (n > SMK_MAX_EKU) {
		smk_defect_add(c, SMK_DEF_LIMIT, e->value_loc.off, e->value_loc.len, e->value_loc.path,
			       smk_printf(&c->arena, "at most %d key purposes", SMK_MAX_EKU),
			       smk_printf(&c->arena, "%d key purposes; only the first %d are checked", n, SMK_MAX_EKU));
		n = SMK_MAX_EKU;
	}
	c->eku = n ? smk_alloc(&c->arena, (size_t)n * sizeof(*c->eku)) : NULL;
	for (int i = 0; i < n && c->eku != NULL; i++) {
		char name[32], oid[ASN1_MAX_NAME_SIZE * 2];
		snprintf(name, sizeof(name), "?%d", i + 1);
		if (!read_oid_value(el, name, oid, sizeof(oid)))
			break;
		c->eku[c->n_eku++] = smk_strdup(&c->arena, oid);
	}
	asn1_delete_structure(&el);
	e->decoded = true;
}

/* The Extensions SEQUENCE `seq`, whose path is `path`: a certificate's
 * (inside [3]) or the value of a request's extensionRequest attribute. */
static void read_extensions(struct dec *d, const struct smk_tlv *seq_tlv, const char *path)
{
	struct smk_cert *c = d->c;
	const struct smk_tlv seq = *seq_tlv;
	struct smk_tlv ext;
	size_t count = 0;
	struct smk_der exts = seq.body;
	while (exts.len > 0 && smk_der_get_any(&exts, &ext) == SMK_DER_OK)
		count++;
	if (count > SMK_MAX_EXT) {
		smk_defect_add(c, SMK_DEF_LIMIT, seq.off, seq.hdr_len + seq.len, path,
			       smk_printf(&c->arena, "at most %d extensions", SMK_MAX_EXT),
			       smk_printf(&c->arena, "%zu extensions; only the first %d are checked", count,
					  SMK_MAX_EXT));
		count = SMK_MAX_EXT;
	}
	c->ext = count ? smk_alloc(&c->arena, count * sizeof(*c->ext)) : NULL;
	if (c->ext == NULL)
		return;
	exts = seq.body;
	while (exts.len > 0 && c->n_ext < count && smk_der_get_any(&exts, &ext) == SMK_DER_OK) {
		struct smk_ext *e = &c->ext[c->n_ext];
		struct smk_der in = ext.body;
		struct smk_tlv oid, t;
		if (smk_der_get_any(&in, &oid) != SMK_DER_OK)
			break;
		e->index = c->n_ext;
		e->oid = smk_oid_text(&c->arena, &oid, &e->id);
		if (e->oid == NULL)
			e->oid = "";
		const struct smk_oid_info *info = smk_oid_info(e->id);
		e->kind = info->ext_kind >= 0 ? info->ext_kind : SMK_EXT_OTHER;
		e->name = e->id != SMK_OID_UNKNOWN ? info->name : e->oid;
		const char *epath = smk_path_key(&c->arena, path, e->name);
		if (epath == NULL)
			break;   /* out of memory: the arena says so */
		e->loc = tlv_loc(&ext, epath);
		e->critical_loc = tlv_loc(&oid, smk_path_cat(&c->arena, epath, ".critical"));
		if (smk_der_get_any(&in, &t) != SMK_DER_OK)
			break;
		if (t.id == 0x01) {
			e->critical_encoded = true;
			e->critical = t.len == 1 && t.body.p[0] != 0;
			e->critical_loc = tlv_loc(&t, e->critical_loc.path);
			if (smk_der_get_any(&in, &t) != SMK_DER_OK)
				break;
		}
		e->value = tlv_body(&t);
		e->value_loc = mkloc(t.body.off, t.len, smk_path_cat(&c->arena, epath, ".extnValue"));
		c->n_ext++;
		if (e->kind == SMK_EXT_OTHER || c->known[e->kind] != NULL)
			continue;   /* unknown, or a duplicate (another lint's job) */
		c->known[e->kind] = e;
		switch (e->kind) {
		case SMK_EXT_KEY_USAGE: decode_key_usage(d, e); break;
		case SMK_EXT_BASIC_CONSTRAINTS: decode_basic_constraints(d, e); break;
		case SMK_EXT_SKI: decode_ski(d, e); break;
		case SMK_EXT_AKI: decode_aki(d, e); break;
		case SMK_EXT_CERT_POLICIES: decode_policies(d, e); break;
		case SMK_EXT_SAN: decode_san(d, e); break;
		case SMK_EXT_EXT_KEY_USAGE: decode_eku(d, e); break;
		default: break;
		}
	}
}

/* ---------------------------------------------------------- signature */

static void read_signature(struct dec *d, const struct smk_tlv *t, const char *path)
{
	struct smk_cert *c = d->c;
	struct smk_sig *s = &c->sig;
	s->loc = tlv_loc(t, path);
	if (t->len == 0)
		return;
	s->unused = t->body.p[0];
	s->bits.p = t->body.p + 1;
	s->bits.len = t->len - 1;
	s->ecdsa = c->sig_alg.id == SMK_OID_ECDSA_SHA256 || c->sig_alg.id == SMK_OID_ECDSA_SHA384 ||
		   c->sig_alg.id == SMK_OID_ECDSA_SHA512;
	if (!s->ecdsa || s->unused != 0)
		return;
	/* ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }: the plain shape
	 * is read with the cursor, anything else by libtasn1 (see the extensions) */
	struct smk_der v, in;
	struct smk_tlv seq, r, sv;
	smk_der_init(&v, s->bits.p, s->bits.len, t->body.off + 1);
	if (get_plain(&v, &seq, 0x30) && v.len == 0) {
		in = seq.body;
		if (get_plain(&in, &r, 0x02) && r.len > 0 && get_plain(&in, &sv, 0x02) && sv.len > 0 && in.len == 0) {
			s->r = tlv_body(&r);
			s->s = tlv_body(&sv);
			s->ecdsa_decoded = true;
			return;
		}
	}
	asn1_node el = NULL;
	char errbuf[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
	if (asn1_create_element(d->ctx->defs, "SMKILINT-PKIX.ECDSA-Sig-Value", &el) != ASN1_SUCCESS)
		return;
	int len = (int)s->bits.len;
	if (asn1_der_decoding2(&el, s->bits.p, &len, ASN1_DECODE_FLAG_STRICT_DER, errbuf) == ASN1_SUCCESS &&
	    (size_t)len == s->bits.len) {
		size_t base = t->body.off + 1;
		if (locate(el, s->bits.p, s->bits.len, base, "r", &r) &&
		    locate(el, s->bits.p, s->bits.len, base, "s", &sv)) {
			s->r = tlv_body(&r);
			s->s = tlv_body(&sv);
			s->ecdsa_decoded = true;
		}
	}
	asn1_delete_structure(&el);
}

/* ---------------------------------------------------------- certificate */

/* libtasn1 names the node it stopped at, as in "tag error near element
 * 'tbsCertificate.issuer.rdnSequence.?1.?2.'": turn that into our path
 * syntax ("tbsCertificate.issuer.rdnSequence[0][1]"). */
static const char *libtasn1_node_path(struct smk_arena *a, const char *errbuf)
{
	const char *q = strchr(errbuf, '\'');
	if (q == NULL)
		return NULL;
	const char *e = strchr(++q, '\'');
	if (e == NULL)
		return NULL;
	char out[256];
	size_t n = 0;
	while (q < e && n + 16 < sizeof(out)) {
		if (q[0] == '.' && q + 1 < e && q[1] == '?') {
			long idx = strtol(q + 2, (char **)&q, 10);
			n += (size_t)snprintf(out + n, sizeof(out) - n, "[%ld]", idx > 0 ? idx - 1 : 0);
			continue;
		}
		if (q[0] == '.' && q + 1 == e)
			break;   /* trailing dot */
		out[n++] = *q++;
	}
	out[n] = '\0';
	return smk_strdup(a, out);
}

/* For the DER rules STRICT_DER enforces (BOOLEAN octets, OID padding, time
 * grammar) libtasn1 names no node; the walk recorded the defect it tripped
 * on: point at the first defect of that kind. */
static void locate_by_defect(struct smk_cert *c, int rc)
{
	for (size_t i = 0; i < c->n_defects; i++) {
		enum smk_defect_kind k = c->defects[i].kind;
		if ((rc == ASN1_TIME_ENCODING_ERROR && k == SMK_DEF_TIME_FORMAT) ||
		    (rc == ASN1_DER_ERROR && (k == SMK_DEF_BOOLEAN_NOT_CANONICAL || k == SMK_DEF_OID_NOT_MINIMAL))) {
			c->fatal_loc = c->defects[i].loc;
			return;
		}
	}
}

void smk_cert_free(struct smk_cert *c)
{
	smk_arena_free(&c->arena);
}

/* The part both decoders share: the encoding walk, then one libtasn1
 * decoding of the whole with `type`. Returns 0 with d->el set when the
 * structure decoded (c->decoded), 0 with c->fatal_* set when it did not, or
 * SMKILINT_ENOMEM. */
static int decode_structure(struct dec *d, const uint8_t *der, size_t len, const char *type)
{
	struct smk_cert *c = d->c;
	const char *root = c->is_csr ? "certificationRequest" : "certificate";
	c->der.p = der;
	c->der.len = len;

	const char *reason = NULL;
	struct smk_loc where = {0, 0, root};
	bool sound = c->is_csr ? smk_der_check_csr(c, &where, &reason) : smk_der_check_cert(c, &where, &reason);
	if (c->arena.failed)
		return SMKILINT_ENOMEM;
	if (!sound) {
		c->fatal_loc = where;
		c->fatal_reason = reason;
		return 0;
	}
	if (c->der.len > INT32_MAX) {
		c->fatal_reason = c->is_csr ? "certification request too large" : "certificate too large";
		return 0;
	}
	char errbuf[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
	if (asn1_create_element(d->ctx->defs, type, &d->el) != ASN1_SUCCESS)
		return SMKILINT_ENOMEM;
	int dlen = (int)c->der.len;
	int rc = asn1_der_decoding2(&d->el, c->der.p, &dlen, ASN1_DECODE_FLAG_STRICT_DER, errbuf);
	if (rc != ASN1_SUCCESS) {
		/* libtasn1 frees the element and gives no position: the cursor found
		 * the TLVs sound, so this is a structure mismatch; errbuf names the node */
		c->fatal_loc = mkloc(0, c->der.len, root);
		const char *node = libtasn1_node_path(&c->arena, errbuf);
		if (node != NULL)
			smk_der_locate(c, node, &c->fatal_loc);
		else
			locate_by_defect(c, rc);
		c->fatal_reason = smk_printf(&c->arena, "does not match the %s structure (%s%s%s)",
					     c->is_csr ? "PKCS #10 CertificationRequest" : "X.509 Certificate",
					     asn1_strerror(rc), errbuf[0] ? ": " : "", errbuf);
		asn1_delete_structure(&d->el);
		return c->arena.failed ? SMKILINT_ENOMEM : 0;
	}
	c->decoded = true;
	return 0;
}

int smk_decode_cert(struct smk_cert *c, smkilint_ctx *ctx, const uint8_t *der, size_t len)
{
	struct dec d = {c, ctx, NULL};
	int rc = decode_structure(&d, der, len, "SMKILINT-PKIX.Certificate");
	if (rc != 0 || !c->decoded)
		return rc;

	const uint8_t *buf = c->der.p;
	size_t blen = c->der.len;
	struct smk_tlv tbs, t;
	if (!locate(d.el, buf, blen, 0, "tbsCertificate", &tbs)) {
		asn1_delete_structure(&d.el);
		c->decoded = false;
		c->fatal_reason = "tbsCertificate not located";
		return 0;
	}
	c->tbs = tlv_bytes(&tbs);
	c->tbs_loc = tlv_loc(&tbs, "tbsCertificate");
	/* a field the walk below does not reach (libtasn1 lets an [0] version
	 * holding more than the INTEGER through) is pointed at as the TBS */
	c->serial_loc = c->tbs_sig_alg.loc = c->issuer.loc = c->validity_loc = c->subject.loc = c->spki.loc =
		c->spki.alg.loc = c->spki.key_loc = c->not_before.loc = c->not_after.loc = c->tbs_loc;

	/* TBSCertificate fields, in order (the structure was validated above) */
	struct smk_der f = tbs.body;
	if (smk_der_get_any(&f, &t) == SMK_DER_OK && t.id == 0xa0) {
		struct smk_der vd = t.body;
		struct smk_tlv v;
		c->version_present = true;
		c->version_loc = tlv_loc(&t, "tbsCertificate.version");   /* until its INTEGER is read */
		if (smk_der_get_any(&vd, &v) == SMK_DER_OK) {
			c->version_loc = tlv_loc(&v, "tbsCertificate.version");
			c->version = v.len == 1 ? v.body.p[0] : (v.len == 0 ? 0 : 99);
		}
		smk_der_get_any(&f, &t);
	} else {
		c->version = 0;
		c->version_loc = mkloc(tbs.off, tbs.hdr_len, "tbsCertificate.version");
	}
	c->serial = tlv_body(&t);
	c->serial_loc = tlv_loc(&t, "tbsCertificate.serialNumber");
	if (smk_der_get_any(&f, &t) == SMK_DER_OK)
		read_alg(c, &t, &c->tbs_sig_alg, "tbsCertificate.signature");
	if (smk_der_get_any(&f, &t) == SMK_DER_OK)
		read_name(c, &t, &c->issuer, "tbsCertificate.issuer");
	if (smk_der_get_any(&f, &t) == SMK_DER_OK) {
		c->validity_loc = tlv_loc(&t, "tbsCertificate.validity");
		c->not_before.loc = c->not_after.loc = c->validity_loc;   /* until read: an empty Validity */
		struct smk_der vd = t.body;
		struct smk_tlv tm;
		if (smk_der_get_any(&vd, &tm) == SMK_DER_OK)
			read_time(c, &tm, &c->not_before, "tbsCertificate.validity.notBefore");
		if (smk_der_get_any(&vd, &tm) == SMK_DER_OK)
			read_time(c, &tm, &c->not_after, "tbsCertificate.validity.notAfter");
	}
	if (smk_der_get_any(&f, &t) == SMK_DER_OK)
		read_name(c, &t, &c->subject, "tbsCertificate.subject");
	if (smk_der_get_any(&f, &t) == SMK_DER_OK)
		read_spki(c, &t, "tbsCertificate.subjectPublicKeyInfo");
	while (f.len > 0 && smk_der_get_any(&f, &t) == SMK_DER_OK) {
		if (t.id == 0x81) {
			c->has_issuer_uid = true;
			c->issuer_uid_loc = tlv_loc(&t, "tbsCertificate.issuerUniqueID");
		} else if (t.id == 0x82) {
			c->has_subject_uid = true;
			c->subject_uid_loc = tlv_loc(&t, "tbsCertificate.subjectUniqueID");
		} else if (t.id == 0xa3) {
			c->has_extensions = true;
			c->extensions_loc = tlv_loc(&t, "tbsCertificate.extensions");
			struct smk_der w = t.body;
			struct smk_tlv seq;
			if (smk_der_get_any(&w, &seq) == SMK_DER_OK)
				read_extensions(&d, &seq, "tbsCertificate.extensions");
		}
	}

	/* Certificate: signatureAlgorithm and signatureValue follow the TBS */
	struct smk_der top;
	smk_der_init(&top, buf + tbs.off + tbs.hdr_len + tbs.len, blen - (tbs.off + tbs.hdr_len + tbs.len),
		     tbs.off + tbs.hdr_len + tbs.len);
	if (smk_der_get_any(&top, &t) == SMK_DER_OK)
		read_alg(c, &t, &c->sig_alg, "signatureAlgorithm");
	if (smk_der_get_any(&top, &t) == SMK_DER_OK)
		read_signature(&d, &t, "signatureValue");

	asn1_delete_structure(&d.el);
	return c->arena.failed ? SMKILINT_ENOMEM : 0;
}

/* ---------------------------------------------------------- request */

/* The [0] attributes of a request. The first value of the first
 * extensionRequest is decoded as Extensions, once, into ext[]/known[] and
 * the typed sub-structs, exactly as a certificate's extensions. */
static void read_attributes(struct dec *d, const struct smk_tlv *attrs)
{
	struct smk_cert *c = d->c;
	const char *base = "certificationRequestInfo.attributes";
	c->attrs_loc = tlv_loc(attrs, base);
	size_t count = 0;
	struct smk_der in = attrs->body;
	struct smk_tlv a;
	while (in.len > 0 && smk_der_get_any(&in, &a) == SMK_DER_OK)
		count++;
	if (count > SMK_MAX_ATTRS) {
		smk_defect_add(c, SMK_DEF_LIMIT, attrs->off, attrs->hdr_len + attrs->len, base,
			       smk_printf(&c->arena, "at most %d attributes", SMK_MAX_ATTRS),
			       smk_printf(&c->arena, "%zu attributes; only the first %d are checked", count, SMK_MAX_ATTRS));
		count = SMK_MAX_ATTRS;
	}
	c->attrs = count ? smk_alloc(&c->arena, count * sizeof(*c->attrs)) : NULL;
	if (c->attrs == NULL)
		return;
	in = attrs->body;
	while (in.len > 0 && c->n_attrs < count && smk_der_get_any(&in, &a) == SMK_DER_OK) {
		struct smk_attr *at = &c->attrs[c->n_attrs];
		struct smk_der f = a.body;
		struct smk_tlv oid, set, v;
		if (smk_der_get_any(&f, &oid) != SMK_DER_OK || smk_der_get_any(&f, &set) != SMK_DER_OK)
			break;
		at->index = c->n_attrs;
		at->oid = smk_oid_text(&c->arena, &oid, &at->id);
		if (at->oid == NULL)
			at->oid = "";
		at->name = at->id != SMK_OID_UNKNOWN ? smk_oid_info(at->id)->name : at->oid;
		const char *path = smk_printf(&c->arena, "%s[%s]", base, at->name);
		at->loc = tlv_loc(&a, path);
		at->values_loc = tlv_loc(&set, smk_printf(&c->arena, "%s.values", path));
		at->value_loc = at->values_loc;
		struct smk_der vals = set.body;
		bool first = true;
		while (vals.len > 0 && smk_der_get_any(&vals, &v) == SMK_DER_OK) {
			if (first)
				at->value_loc = tlv_loc(&v, smk_printf(&c->arena, "%s.values[0]", path));
			if (first && at->id == SMK_OID_PKCS9_EXTENSION_REQUEST && c->ext_req == NULL) {
				c->ext_req = at;
				/* ExtensionRequest ::= Extensions (RFC 2985 §5.4.2) */
				struct smk_ext probe = {.value = tlv_bytes(&v)};
				asn1_node el = decode_value(d, "SMKILINT-PKIX.Extensions", &probe);
				if (el != NULL) {
					asn1_delete_structure(&el);
					c->ext_req_decoded = true;
					c->has_extensions = true;
					c->extensions_loc = at->value_loc;
					read_extensions(d, &v, at->value_loc.path);
				}
			}
			first = false;
			at->n_values++;
		}
		c->n_attrs++;
	}
}

int smk_decode_csr(struct smk_cert *c, smkilint_ctx *ctx, const uint8_t *der, size_t len)
{
	struct dec d = {c, ctx, NULL};
	c->is_csr = true;
	int rc = decode_structure(&d, der, len, "SMKILINT-PKIX.CertificationRequest");
	if (rc != 0 || !c->decoded)
		return rc;

	const uint8_t *buf = c->der.p;
	size_t blen = c->der.len;
	struct smk_tlv cri, t;
	if (!locate(d.el, buf, blen, 0, "certificationRequestInfo", &cri)) {
		asn1_delete_structure(&d.el);
		c->decoded = false;
		c->fatal_reason = "certificationRequestInfo not located";
		return 0;
	}
	/* the signed part: proof of possession is checked over it */
	c->tbs = tlv_bytes(&cri);
	c->tbs_loc = tlv_loc(&cri, "certificationRequestInfo");
	/* until read: a field that is not there is pointed at as the CRI */
	c->subject.loc = c->spki.loc = c->spki.alg.loc = c->spki.key_loc = c->tbs_loc;

	/* CertificationRequestInfo: version, subject, subjectPKInfo, [0] attributes */
	struct smk_der f = cri.body;
	if (smk_der_get_any(&f, &t) == SMK_DER_OK) {
		c->version_present = true;
		c->version_loc = tlv_loc(&t, "certificationRequestInfo.version");
		c->version = t.len == 1 ? (int)(int8_t)t.body.p[0] : 99;
	}
	if (smk_der_get_any(&f, &t) == SMK_DER_OK)
		read_name(c, &t, &c->subject, "certificationRequestInfo.subject");
	if (smk_der_get_any(&f, &t) == SMK_DER_OK)
		read_spki(c, &t, "certificationRequestInfo.subjectPKInfo");
	if (smk_der_get_any(&f, &t) == SMK_DER_OK && t.id == 0xa0)
		read_attributes(&d, &t);

	/* signatureAlgorithm, signature; the "TBS" algorithm is the same one, so
	 * that the lints comparing or checking both fields see one */
	struct smk_der top;
	size_t after = cri.off + cri.hdr_len + cri.len;
	smk_der_init(&top, buf + after, blen - after, after);
	if (smk_der_get_any(&top, &t) == SMK_DER_OK)
		read_alg(c, &t, &c->sig_alg, "signatureAlgorithm");
	c->tbs_sig_alg = c->sig_alg;
	if (smk_der_get_any(&top, &t) == SMK_DER_OK)
		read_signature(&d, &t, "signature");

	asn1_delete_structure(&d.el);
	return c->arena.failed ? SMKILINT_ENOMEM : 0;
}
