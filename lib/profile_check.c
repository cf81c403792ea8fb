/*
 * Evaluating a profile's rules on the certificate model. Each check reads
 * only struct smk_cert; findings carry the rule's id, severity and citation
 * from the profile file.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "profile.h"

struct remit {
	const struct smk_rule *rule;
	smkilint_report *report;
	struct smk_arena *a;
	smkilint_severity severity;
	int err;
};

static enum smk_status rfail(struct remit *e, const struct smk_loc *loc, const char *expected, const char *found,
			     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static enum smk_status rfail(struct remit *e, const struct smk_loc *loc, const char *expected, const char *found,
			     const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	const char *m = msg;   /* the rule's description is for listings; the message says what was found */
	struct smk_loc none = {0, 0, NULL};
	int rc = smk_report_add(e->report, e->rule->id, e->severity, e->rule->citation, loc != NULL ? loc : &none, m,
				expected, found);
	if (rc != 0)
		e->err = rc;
	return SMK_FAIL;
}

#define P(...) smk_printf(e->a, __VA_ARGS__)

static const char *const ku_names[] = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
				       "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

const char *smk_ku_bit_name(int bit)
{
	return bit >= 0 && bit < 9 ? ku_names[bit] : "?";
}

int smk_ku_bit_parse(const char *name)
{
	for (int i = 0; i < 9; i++)
		if (strcmp(name, ku_names[i]) == 0)
			return i;
	return -1;
}

static const char *ku_text(struct smk_arena *a, uint32_t bits)
{
	char buf[256] = "";
	size_t n = 0;
	for (int i = 0; i < 32; i++) {
		if (!(bits & (1u << i)))
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? ", " : "",
				      i < 9 ? ku_names[i] : "unnamed bit");
		if (n >= sizeof(buf))
			break;
	}
	return smk_strdup(a, n ? buf : "none");
}

const struct smk_atv *smk_name_find(const struct smk_name *n, enum smk_oid id, size_t *count)
{
	const struct smk_atv *first = NULL;
	size_t k = 0;
	for (size_t i = 0; i < n->n_atv; i++) {
		if (n->atv[i].id == id) {
			if (first == NULL)
				first = &n->atv[i];
			k++;
		}
	}
	if (count != NULL)
		*count = k;
	return first;
}

bool smk_cert_self_issued(const struct smk_cert *c)
{
	return smk_bytes_eq(c->issuer.raw, c->subject.raw);
}

static const struct smk_name *rule_name(const struct smk_cert *c, const struct smk_rule *r)
{
	return r->field == FIELD_ISSUER ? &c->issuer : &c->subject;
}

static const char *value_text(struct smk_arena *a, const struct smk_atv *v)
{
	if (v->tag == 0x03)
		return smk_printf(a, "BIT STRING %s", smk_hex(a, v->value.p, v->value.len));
	bool printable = true;
	for (size_t i = 0; i < v->value.len; i++)
		if (v->value.p[i] < 0x20 || v->value.p[i] == 0x7f)
			printable = false;
	if (printable)
		return smk_printf(a, "\"%.*s\"", (int)(v->value.len > 200 ? 200 : v->value.len),
				  (const char *)v->value.p);
	return smk_printf(a, "0x%s", smk_hex(a, v->value.p, v->value.len > 64 ? 64 : v->value.len));
}

static const char *tag_name(uint8_t tag)
{
	switch (tag) {
	case 0x0c: return "UTF8String";
	case 0x13: return "PrintableString";
	case 0x16: return "IA5String";
	case 0x14: return "TeletexString";
	case 0x1e: return "BMPString";
	case 0x1c: return "UniversalString";
	case 0x03: return "BIT STRING";
	default: return "another type";
	}
}

static const char *types_text(struct smk_arena *a, unsigned types)
{
	static const struct {
		unsigned bit;
		const char *name;
	} t[] = {{SMK_ST_UTF8, "UTF8String"}, {SMK_ST_PRINTABLE, "PrintableString"}, {SMK_ST_IA5, "IA5String"},
		 {SMK_ST_TELETEX, "TeletexString"}, {SMK_ST_BMP, "BMPString"}, {SMK_ST_UNIVERSAL, "UniversalString"},
		 {SMK_ST_BITSTRING, "BIT STRING"}};
	char buf[160] = "";
	size_t n = 0;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (types & t[i].bit)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? " or " : "", t[i].name);
	return smk_strdup(a, buf);
}

static size_t utf8_chars(const uint8_t *p, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			k++;
	return k;
}

static bool regex_ok(const regex_t *re, const struct smk_atv *v, struct smk_arena *a)
{
	char *s = smk_strndup(a, (const char *)v->value.p, v->value.len);
	if (s == NULL || strlen(s) != v->value.len)
		return false;   /* an embedded NUL never matches */
	return regexec(re, s, 0, NULL, 0) == 0;
}

static const char *atv_string(struct smk_arena *a, const struct smk_atv *v)
{
	return smk_strndup(a, (const char *)v->value.p, v->value.len);
}

static const char *range_text(struct smk_arena *a, const struct smk_range *r, const char *unit)
{
	if (r->min == r->max)
		return smk_printf(a, "%ld %s", r->min, unit);
	return smk_printf(a, "%ld to %ld %s", r->min, r->max, unit);
}

static bool in_range(const struct smk_range *r, long v)
{
	return !r->set || (v >= r->min && v <= r->max);
}

static bool list_has(const struct smk_oid_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->oid[i], s) == 0)
			return true;
	return false;
}

static const char *list_text(struct smk_arena *a, const char *const *v, size_t n)
{
	char buf[512] = "";
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof(buf); i++)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s", i ? ", " : "", v[i]);
	return smk_strdup(a, n ? buf : "(none)");
}

/* ------------------------------------------------------------ checks */

static enum smk_status ck_version(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	if (c->version + 1 == r->version)
		return SMK_PASS;
	return rfail(e, &c->version_loc, P("v%d", r->version), P("v%d", c->version + 1), "version is not v%d",
		     r->version);
}

static enum smk_status ck_serial(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	enum smk_status st = SMK_PASS;
	if (r->positive && (c->serial.len == 0 || (c->serial.p[0] & 0x80)))
		st = rfail(e, &c->serial_loc, "a positive serial number", "negative or empty",
			   "the serial number is not positive");
	if (!in_range(&r->length, (long)c->serial.len))
		st = rfail(e, &c->serial_loc, range_text(e->a, &r->length, "octets"), P("%zu octets", c->serial.len),
			   "the serial number has %zu octets", c->serial.len);
	return st;
}

static enum smk_status one_alg(const struct smk_alg *a, const struct smk_rule *r, struct remit *e)
{
	enum smk_status st = SMK_PASS;
	/* a->oid is NULL when the AlgorithmIdentifier is empty (a request's
	 * empty SubjectPublicKeyInfo gets through libtasn1) */
	if (r->oid != NULL && (a->oid == NULL || strcmp(a->oid, r->oid) != 0)) {
		const struct smk_oid_info *i = smk_oid_info(smk_oid_lookup(r->oid));
		st = rfail(e, &a->loc, P("%s (%s)", r->oid, i->name), a->oid != NULL ? a->oid : "absent",
			   "the signature algorithm is not %s", i->name);
	}
	if (r->params == PARAMS_ABSENT && a->params_present)
		st = rfail(e, &a->params_loc, "parameters absent", a->params_null ? "NULL" : "parameters present",
			   "the AlgorithmIdentifier carries parameters");
	if (r->params == PARAMS_NULL && !a->params_null)
		st = rfail(e, a->params_present ? &a->params_loc : &a->loc, "NULL parameters",
			   a->params_present ? "other parameters" : "absent", "the parameters are not NULL");
	return st;
}

static enum smk_status ck_signature_algorithm(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	enum smk_status a = one_alg(&c->tbs_sig_alg, r, e);
	if (c->sig_alg.raw.p == c->tbs_sig_alg.raw.p)
		return a;   /* a request has one AlgorithmIdentifier, seen twice */
	enum smk_status b = one_alg(&c->sig_alg, r, e);
	return a == SMK_FAIL || b == SMK_FAIL ? SMK_FAIL : SMK_PASS;
}

static enum smk_status ck_key(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	const struct smk_spki *k = &c->spki;
	enum smk_status st = SMK_PASS;
	if (r->oid != NULL && (k->alg.oid == NULL || strcmp(k->alg.oid, r->oid) != 0))
		st = rfail(e, &k->alg.loc, P("%s (%s)", r->oid, smk_oid_info(smk_oid_lookup(r->oid))->name),
			   k->alg.oid != NULL ? k->alg.oid : "absent", "the key algorithm is not the expected one");
	if (r->curve != NULL) {
		const char *found = k->curve_oid != NULL ? k->curve_oid
				    : k->curve_explicit ? "explicit curve parameters (specifiedCurve)"
				    : k->curve_implicit ? "implicitCurve (NULL)" : "no parameters";
		if (k->curve_oid == NULL || strcmp(k->curve_oid, r->curve) != 0)
			st = rfail(e, k->alg.params_present ? &k->alg.params_loc : &k->alg.loc,
				   P("namedCurve %s (%s)", r->curve, smk_oid_info(smk_oid_lookup(r->curve))->name), found,
				   "the key is not on the expected named curve");
	}
	if (r->uncompressed && (k->key.len != 65 || k->key.p[0] != 0x04))
		st = rfail(e, &k->key_loc, "an uncompressed point: 65 octets starting 0x04",
			   P("%zu octets starting 0x%02x", k->key.len, k->key.len ? k->key.p[0] : 0),
			   "the public key is not an uncompressed point");
	if (r->on_curve) {
		int v = smk_p256_point_valid(k);
		if (v == 0)
			st = rfail(e, &k->key_loc, "a point on P-256", "a point that is not on the curve",
				   "the public key is not a point on P-256");
		else if (v < 0 && r->oid == NULL && r->curve == NULL && !r->uncompressed)
			return SMK_NA;
	}
	return st;
}

static enum smk_status ck_name_empty(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	const struct smk_name *n = rule_name(c, r);
	bool empty = n->n_rdn == 0;
	if (empty == r->empty)
		return SMK_PASS;
	return rfail(e, &n->loc, r->empty ? "an empty name" : "a non-empty name",
		     r->empty ? P("%zu attributes", n->n_atv) : "an empty name",
		     r->empty ? "the name is not empty" : "the name is empty");
}

static bool eui_reserved(const uint8_t *p, size_t n)
{
	bool zero = true, ones = true;
	for (size_t i = 0; i < n; i++) {
		zero = zero && p[i] == 0x00;
		ones = ones && p[i] == 0xff;
	}
	return zero || ones;
}

/* The attribute type a rule is about, for its findings. */
static const char *attr_type_name(const struct smk_rule *r)
{
	if (r->oid == NULL)
		return "any attribute";
	enum smk_oid want = smk_oid_lookup(r->oid);
	return want != SMK_OID_UNKNOWN ? smk_oid_info(want)->name : r->oid;
}

static enum smk_status ck_name_attribute(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	const struct smk_name *n = rule_name(c, r);
	enum smk_status st = SMK_PASS;
	size_t count = 0;
	for (size_t i = 0; i < n->n_atv; i++) {
		const struct smk_atv *v = &n->atv[i];
		if (r->oid != NULL && strcmp(v->oid, r->oid) != 0)
			continue;
		count++;
		unsigned bit = v->tag < 32 ? 1u << v->tag : 0;
		if (r->string_types && !(r->string_types & bit)) {
			st = rfail(e, &v->value_loc, types_text(e->a, r->string_types), tag_name(v->tag),
				   "%s is encoded as %s", attr_type_name(r), tag_name(v->tag));
			continue;
		}
		if (r->value != NULL) {
			const char *have = v->tag == 0x03 ? smk_printf(e->a, "#%s", smk_hex(e->a, v->value.p, v->value.len))
							  : atv_string(e->a, v);
			if (have != NULL && strcmp(have, r->value) != 0)
				st = rfail(e, &v->value_loc, P("\"%s\"", r->value), value_text(e->a, v),
					   "%s is not the expected value", attr_type_name(r));
		}
		if (r->regex != NULL && v->tag != 0x03 && !regex_ok(r->regex, v, e->a))
			st = rfail(e, &v->value_loc, P("matching /%s/", r->regex_src), value_text(e->a, v),
				   "%s does not match the expected pattern", attr_type_name(r));
		if (r->length.set && v->tag != 0x03) {
			size_t chars = v->tag == 0x0c ? utf8_chars(v->value.p, v->value.len) : v->value.len;
			if (!in_range(&r->length, (long)chars))
				st = rfail(e, &v->value_loc, range_text(e->a, &r->length, "characters"),
					   P("%zu characters", chars), "%s has the wrong length", attr_type_name(r));
		}
		if (r->bits) {
			bool ok = v->tag == 0x03 && v->value.len >= 1 && v->value.p[0] == 0 &&
				  (v->value.len - 1) * 8 == (size_t)r->bits;
			if (!ok)
				st = rfail(e, &v->value_loc, P("a BIT STRING of %d bits with 0 unused bits", r->bits),
					   v->tag != 0x03 ? tag_name(v->tag)
					   : v->value.len == 0 ? "an empty BIT STRING"
							       : P("%zu octets, %u unused bits", v->value.len - 1, v->value.p[0]),
					   "%s is not a %d-bit BIT STRING", attr_type_name(r), r->bits);
		}
		if (r->not_reserved && v->tag == 0x03 && v->value.len > 1 && eui_reserved(v->value.p + 1, v->value.len - 1))
			st = rfail(e, &v->value_loc, "an EUI-64 that is not all-zero or all-ones", value_text(e->a, v),
				   "%s is a reserved value", attr_type_name(r));
	}
	if (r->count.set && !in_range(&r->count, (long)count))
		st = rfail(e, &n->loc, range_text(e->a, &r->count, r->count.max == 1 ? "attribute" : "attributes"),
			   P("%zu", count), "the name holds %zu %s attributes", count, attr_type_name(r));
	if (count == 0 && !r->count.set)
		return SMK_NA;
	return st;
}

static const char *oid_name(const char *oid)
{
	enum smk_oid id = smk_oid_lookup(oid);
	return id != SMK_OID_UNKNOWN ? smk_oid_info(id)->name : oid;
}

static enum smk_status ck_name_layout(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	const struct smk_name *n = rule_name(c, r);
	enum smk_status st = SMK_PASS;
	if (r->single_valued) {
		for (size_t i = 0; i < n->n_atv; i++)
			if (n->atv[i].pos > 0)
				st = rfail(e, &n->atv[i].loc, "one attribute per RDN",
					   P("%s as attribute %zu of RDN %zu", oid_name(n->atv[i].oid), n->atv[i].pos + 1,
					     n->atv[i].rdn), "a multi-valued RDN");
	}
	if (r->layout == NULL)
		return st;
	size_t j = 0;
	for (size_t i = 0; i < n->n_atv; i++) {
		const struct smk_atv *v = &n->atv[i];
		size_t k = j;
		while (k < r->n_layout && strcmp(r->layout[k].oid, v->oid) != 0)
			k++;
		if (k < r->n_layout) {
			for (size_t m = j; m < k; m++)
				if (!r->layout[m].optional)
					st = rfail(e, &v->loc, P("%s before %s", oid_name(r->layout[m].oid), oid_name(v->oid)),
						   P("%s without %s", oid_name(v->oid), oid_name(r->layout[m].oid)),
						   "a required attribute is missing or out of order");
			j = k + 1;
			continue;
		}
		bool listed = false;
		for (size_t m = 0; m < r->n_layout; m++)
			listed = listed || strcmp(r->layout[m].oid, v->oid) == 0;
		if (listed)
			st = rfail(e, &v->loc, "the attributes in the profile's order, each once",
				   P("%s out of order or repeated", oid_name(v->oid)), "an attribute is out of order");
		else if (r->others_forbidden)
			st = rfail(e, &v->loc, "only the profile's attributes", P("%s (%s)", oid_name(v->oid), v->oid),
				   "the name holds an attribute the profile does not list");
	}
	for (size_t m = j; m < r->n_layout; m++)
		if (!r->layout[m].optional)
			st = rfail(e, &n->loc, P("a %s attribute", oid_name(r->layout[m].oid)), "absent",
				   "a required attribute is missing");
	return st;
}

/* The roles allowed by the environments: the pinned one, or all loaded. */
static bool env_role_allowed(const struct smkilint_profiles *set, const char *role, const char **allowed_text,
			     struct smk_arena *a)
{
	*allowed_text = NULL;   /* written only when the role is not allowed */
	for (size_t i = 0; i < set->n_envs; i++) {
		const struct smk_env *env = set->envs[i];
		for (size_t j = 0; (set->pinned == NULL || env == set->pinned) && j < env->n_roles; j++)
			if (strcmp(env->roles[j], role) == 0)
				return true;
	}
	char buf[512] = "";
	size_t k = 0;
	for (size_t i = 0; i < set->n_envs; i++) {
		const struct smk_env *env = set->envs[i];
		if (set->pinned != NULL && env != set->pinned)
			continue;
		for (size_t j = 0; j < env->n_roles; j++)
			if (k < sizeof(buf) && strstr(buf, env->roles[j]) == NULL)
				k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s", k ? ", " : "", env->roles[j]);
	}
	*allowed_text = smk_strdup(a, k ? buf : "(no environment loaded)");
	return false;
}


static enum smk_status ck_role(const struct smk_cert *c, const struct smk_rule *r, struct remit *e,
			       const struct smkilint_profiles *set)
{
	const struct smk_name *n = rule_name(c, r);
	enum smk_status st = SMK_NA;
	for (size_t i = 0; i < n->n_atv; i++) {
		const struct smk_atv *v = &n->atv[i];
		if (v->id != SMK_OID_AT_OU)
			continue;
		const char *role = atv_string(e->a, v);
		if (role == NULL)
			return SMK_FATAL;
		if (r->others_forbidden) {
			if (list_has(&r->list, role))
				st = rfail(e, &v->value_loc, P("none of %s", list_text(e->a, r->list.oid, r->list.n)),
					   P("\"%s\"", role), "the RemotePartyRole %s is not allowed here", role);
			else if (st == SMK_NA)
				st = SMK_PASS;
			continue;
		}
		const char *allowed = NULL;
		bool ok = r->hw_types_from_env ? env_role_allowed(set, role, &allowed, e->a) : list_has(&r->list, role);
		if (!ok && !r->hw_types_from_env)
			allowed = list_text(e->a, r->list.oid, r->list.n);
		if (ok) {
			if (st == SMK_NA)
				st = SMK_PASS;
		} else {
			st = rfail(e, &v->value_loc, P("one of %s%s", allowed,
						      set->pinned ? P(" (environment %s)", set->pinned->name) : ""),
				   P("\"%s\"", role), "the RemotePartyRole %s is not in the allowed set", role);
		}
	}
	return st;
}

static enum smk_status ck_role_key_usage(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	const struct smk_atv *ou = smk_name_find(&c->subject, SMK_OID_AT_OU, NULL);
	const struct smk_ext *ku = c->known[SMK_EXT_KEY_USAGE];
	if (ou == NULL || ku == NULL || !ku->decoded)
		return SMK_NA;
	const char *role = atv_string(e->a, ou);
	for (size_t i = 0; i < r->n_role_ku; i++) {
		if (strcmp(r->role_ku[i].role, role) != 0)
			continue;
		uint32_t extra = c->ku.bits & ~r->role_ku[i].bits;
		if (extra == 0)
			return SMK_PASS;
		return rfail(e, &ku->value_loc, P("at most %s for role %s", ku_text(e->a, r->role_ku[i].bits), role),
			     ku_text(e->a, c->ku.bits), "role %s may not hold %s", role, ku_text(e->a, extra));
	}
	return SMK_NA;
}

static enum smk_status ck_validity(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	enum smk_status st = SMK_PASS;
	const struct smk_time *nb = &c->not_before, *na = &c->not_after;
	if (r->not_after != NULL) {
		bool ok = na->text_len == strlen(r->not_after) && strcmp(na->text, r->not_after) == 0 &&
			  (na->tag == (strlen(r->not_after) == 15 ? 0x18 : 0x17));
		if (!ok)
			st = rfail(e, &na->loc, P("%s %s", strlen(r->not_after) == 15 ? "GeneralizedTime" : "UTCTime",
						  r->not_after),
				   P("%s %s", na->tag == 0x18 ? "GeneralizedTime" : "UTCTime", na->text),
				   "notAfter is not %s", r->not_after);
	}
	if (r->not_before_tag && nb->tag != r->not_before_tag)
		st = rfail(e, &nb->loc, r->not_before_tag == 0x17 ? "UTCTime" : "GeneralizedTime",
			   nb->tag == 0x17 ? "UTCTime" : "GeneralizedTime", "notBefore has the wrong time type");
	if (r->not_after_tag && na->tag != r->not_after_tag)
		st = rfail(e, &na->loc, r->not_after_tag == 0x17 ? "UTCTime" : "GeneralizedTime",
			   na->tag == 0x17 ? "UTCTime" : "GeneralizedTime", "notAfter has the wrong time type");
	if (r->max_lifetime_days && nb->valid && na->valid && na->epoch - nb->epoch > r->max_lifetime_days * 86400L) {
		long days = (long)((na->epoch - nb->epoch) / 86400);
		st = rfail(e, &c->validity_loc, P("at most %ld days", r->max_lifetime_days), P("%ld days", days),
			   "the validity period is longer than %ld days", r->max_lifetime_days);
	}
	if (r->lifetime.set && nb->valid && na->valid && !in_range(&r->lifetime, (long)(na->epoch - nb->epoch)))
		st = rfail(e, &c->validity_loc, range_text(e->a, &r->lifetime, "seconds"),
			   P("%lld seconds", (long long)(na->epoch - nb->epoch)), "the validity period has the wrong length");
	if (r->time_of_day != NULL && na->valid) {
		char tod[9];
		long s = (long)(((na->epoch % 86400) + 86400) % 86400);
		snprintf(tod, sizeof(tod), "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
		if (strcmp(tod, r->time_of_day) != 0)
			st = rfail(e, &na->loc, P("notAfter at %s", r->time_of_day), P("%s (%s)", tod, na->text),
				   "notAfter is not at %s", r->time_of_day);
	}
	return st;
}

static const struct smk_ext *find_ext(const struct smk_cert *c, const char *oid, size_t *count)
{
	const struct smk_ext *first = NULL;
	*count = 0;
	for (size_t i = 0; i < c->n_ext; i++) {
		if (strcmp(c->ext[i].oid, oid) == 0) {
			if (first == NULL)
				first = &c->ext[i];
			(*count)++;
		}
	}
	return first;
}

static enum smk_status ck_extension_presence(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	size_t n;
	const struct smk_ext *x = find_ext(c, r->oid, &n);
	struct smk_loc where = c->has_extensions ? c->extensions_loc : c->tbs_loc;
	if (r->presence == PRESENCE_REQUIRED && n == 0) {
		const char *name = oid_name(r->oid);
		return rfail(e, &where, P("%s %s extension", strchr("aeiouAEIOU", name[0]) != NULL ? "an" : "a", name),
			     "absent", "the %s extension is missing", name);
	}
	if (r->presence == PRESENCE_FORBIDDEN && n > 0) {
		const char *name = oid_name(r->oid);
		return rfail(e, &x->loc, P("no %s extension", name), P("%s present", name),
			     "the %s extension is present", name);
	}
	if (r->equals_hex != NULL && x != NULL) {
		const char *have = smk_hex(e->a, x->value.p, x->value.len);
		if (have != NULL && strcmp(have, r->equals_hex) != 0)
			return rfail(e, &x->value_loc, r->equals_hex, have, "the %s value differs", oid_name(r->oid));
	}
	return SMK_PASS;
}

static enum smk_status ck_extension_critical(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	size_t n;
	const struct smk_ext *x = find_ext(c, r->oid, &n);
	if (x == NULL)
		return SMK_NA;
	bool want = r->critical == TRI_TRUE;
	if (x->critical == want)
		return SMK_PASS;
	return rfail(e, &x->critical_loc, want ? "critical TRUE" : "not critical",
		     x->critical ? "critical TRUE" : (x->critical_encoded ? "critical FALSE" : "absent (DEFAULT FALSE)"),
		     "the %s extension is %scritical", x->name, x->critical ? "" : "not ");
}

static enum smk_status ck_only_listed(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	enum smk_status st = SMK_PASS;
	if (r->ordered) {
		/* the listed extensions that are present come in the listed order */
		size_t at = 0;
		for (size_t i = 0; i < c->n_ext; i++) {
			size_t k = at;
			while (k < r->list.n && strcmp(r->list.oid[k], c->ext[i].oid) != 0)
				k++;
			if (k < r->list.n) {
				at = k + 1;
			} else if (list_has(&r->list, c->ext[i].oid)) {
				st = rfail(e, &c->ext[i].loc, P("the order %s", list_text(e->a, r->list.oid, r->list.n)),
					   P("%s out of order", c->ext[i].name), "the %s extension is out of order",
					   c->ext[i].name);
			}
		}
	}
	for (size_t i = 0; i < c->n_ext; i++)
		if (!list_has(&r->list, c->ext[i].oid))
			st = rfail(e, &c->ext[i].loc, P("only %s", list_text(e->a, r->list.oid, r->list.n)),
				   P("%s (%s)", c->ext[i].name, c->ext[i].oid), "the %s extension is not in the profile",
				   c->ext[i].name);
	return st;
}

static int popcount(uint32_t v)
{
	int k = 0;
	for (; v; v &= v - 1)
		k++;
	return k;
}

static enum smk_status ck_key_usage(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	const struct smk_ext *x = c->known[SMK_EXT_KEY_USAGE];
	if (x == NULL || !x->decoded)
		return SMK_NA;
	uint32_t b = c->ku.bits;
	enum smk_status st = SMK_PASS;
	if (r->ku_exactly_set && b != r->ku_exactly)
		st = rfail(e, &x->value_loc, P("exactly %s", ku_text(e->a, r->ku_exactly)), ku_text(e->a, b),
			   "keyUsage is not exactly %s", ku_text(e->a, r->ku_exactly));
	if (r->ku_at_least && (b & r->ku_at_least) != r->ku_at_least)
		st = rfail(e, &x->value_loc, P("at least %s", ku_text(e->a, r->ku_at_least)), ku_text(e->a, b),
			   "keyUsage lacks %s", ku_text(e->a, r->ku_at_least & ~b));
	if (r->ku_at_most_set && (b & ~r->ku_at_most))
		st = rfail(e, &x->value_loc, P("at most %s", ku_text(e->a, r->ku_at_most)), ku_text(e->a, b),
			   "keyUsage has %s", ku_text(e->a, b & ~r->ku_at_most));
	if (r->ku_one_of_set && !(popcount(b) == 1 && (b & r->ku_one_of)))
		st = rfail(e, &x->value_loc, P("exactly one of %s", ku_text(e->a, r->ku_one_of)), ku_text(e->a, b),
			   "keyUsage is not exactly one of %s", ku_text(e->a, r->ku_one_of));
	return st;
}

static enum smk_status ck_basic_constraints(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	const struct smk_ext *x = c->known[SMK_EXT_BASIC_CONSTRAINTS];
	if (x == NULL) {
		if (r->presence == PRESENCE_REQUIRED)
			return rfail(e, c->has_extensions ? &c->extensions_loc : &c->tbs_loc, "a basicConstraints extension",
				     "absent", "basicConstraints is missing");
		return r->presence == PRESENCE_FORBIDDEN ? SMK_PASS : SMK_NA;
	}
	if (r->presence == PRESENCE_FORBIDDEN)
		return rfail(e, &x->loc, "no basicConstraints extension",
			     P("basicConstraints (cA %s)", c->bc.ca ? "TRUE" : "FALSE"), "basicConstraints is present");
	if (!x->decoded)
		return SMK_NA;
	enum smk_status st = SMK_PASS;
	if (r->critical != TRI_ANY && x->critical != (r->critical == TRI_TRUE))
		st = rfail(e, &x->critical_loc, r->critical == TRI_TRUE ? "critical TRUE" : "not critical",
			   x->critical ? "critical TRUE" : "not critical", "basicConstraints criticality is wrong");
	if (r->ca != TRI_ANY && c->bc.ca != (r->ca == TRI_TRUE))
		st = rfail(e, c->bc.ca_encoded ? &c->bc.ca_loc : &x->value_loc, r->ca == TRI_TRUE ? "cA TRUE" : "cA FALSE",
			   c->bc.ca ? "cA TRUE" : "cA FALSE", "basicConstraints cA is wrong");
	if (r->pathlen_absent && c->bc.has_pathlen)
		st = rfail(e, &c->bc.pathlen_loc, "no pathLenConstraint", P("pathLenConstraint %ld", c->bc.pathlen),
			   "pathLenConstraint is present");
	if (r->pathlen.set) {
		if (!c->bc.has_pathlen)
			st = rfail(e, &x->value_loc, P("pathLenConstraint %s", range_text(e->a, &r->pathlen, "")), "absent",
				   "pathLenConstraint is missing");
		else if (c->bc.pathlen_negative || !in_range(&r->pathlen, c->bc.pathlen))
			st = rfail(e, &c->bc.pathlen_loc, P("pathLenConstraint %s", range_text(e->a, &r->pathlen, "")),
				   c->bc.pathlen_negative ? "negative" : P("%ld", c->bc.pathlen),
				   "pathLenConstraint is out of range");
	}
	return st;
}

static enum smk_status ck_key_identifier(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	const struct smk_ext *x = c->known[r->key_id_ski ? SMK_EXT_SKI : SMK_EXT_AKI];
	if (x == NULL || !x->decoded)
		return SMK_NA;
	enum smk_status st = SMK_PASS;
	struct smk_bytes id = r->key_id_ski ? c->ski : c->aki.keyid;
	struct smk_loc loc = r->key_id_ski ? x->value_loc : (c->aki.has_keyid ? c->aki.keyid_loc : x->value_loc);
	if (!r->key_id_ski && r->keyid_only && (!c->aki.has_keyid || c->aki.has_issuer || c->aki.has_serial))
		st = rfail(e, &x->value_loc, "only [0] keyIdentifier",
			   P("%s%s%s", c->aki.has_keyid ? "keyIdentifier" : "no keyIdentifier",
			     c->aki.has_issuer ? ", authorityCertIssuer" : "",
			     c->aki.has_serial ? ", authorityCertSerialNumber" : ""),
			   "the authorityKeyIdentifier is not in the form [0] keyIdentifier");
	bool have_id = r->key_id_ski || c->aki.has_keyid;
	if (have_id && r->length.set && !in_range(&r->length, (long)id.len))
		st = rfail(e, &loc, range_text(e->a, &r->length, "octets"), P("%zu octets", id.len),
			   "the key identifier has %zu octets", id.len);
	if (r->key_id_ski && r->method2) {
		uint8_t want[8];
		if (smk_key_id_method2(c, want) && (id.len != 8 || memcmp(id.p, want, 8) != 0))
			st = rfail(e, &loc, P("%s (RFC 5280 method 2 over the key)", smk_hex(e->a, want, 8)),
				   smk_hex(e->a, id.p, id.len), "the subjectKeyIdentifier is not the method (2) value");
	}
	if (r->equals_hex != NULL && have_id) {
		const char *h = smk_hex(e->a, id.p, id.len);
		if (h != NULL && strcmp(h, r->equals_hex) != 0)
			st = rfail(e, &loc, r->equals_hex, h, "the key identifier is not the expected value");
	}
	if (!r->key_id_ski && r->empty && have_id && c->known[SMK_EXT_SKI] != NULL &&
	    !smk_bytes_eq(id, c->ski))
		st = rfail(e, &loc, P("equal to the subjectKeyIdentifier %s", smk_hex(e->a, c->ski.p, c->ski.len)),
			   smk_hex(e->a, id.p, id.len), "the authorityKeyIdentifier differs from the own SKI");
	return st;
}

/* The OIDs the environments allow for a set (policies or hwTypes). */
static const struct smk_oid_list *env_list(const struct smk_env *env, enum smk_env_set which, bool hw)
{
	return hw ? &env->hw_types : which == ENV_DEVICE ? &env->device_policies : &env->org_policies;
}

/* *allowed is the text of the set, for the finding; it is only written
 * when the OID is not in the set. */
static bool env_allows(const struct smkilint_profiles *set, enum smk_env_set which, bool hw, const char *oid,
		       const char **allowed, struct smk_arena *a)
{
	*allowed = NULL;
	for (size_t i = 0; i < set->n_envs; i++) {
		const struct smk_env *env = set->envs[i];
		const struct smk_oid_list *l = env_list(env, which, hw);
		for (size_t j = 0; (set->pinned == NULL || env == set->pinned) && j < l->n; j++)
			if (strcmp(l->oid[j], oid) == 0)
				return true;
	}
	char buf[512] = "";
	size_t k = 0;
	for (size_t i = 0; i < set->n_envs; i++) {
		const struct smk_env *env = set->envs[i];
		if (set->pinned != NULL && env != set->pinned)
			continue;
		const struct smk_oid_list *l = env_list(env, which, hw);
		for (size_t j = 0; j < l->n; j++)
			if (k < sizeof(buf) && strstr(buf, l->oid[j]) == NULL)
				k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s (%s)", k ? ", " : "", l->oid[j],
						      env->name);
	}
	*allowed = smk_strdup(a, k ? buf : "(no environment loaded)");
	return false;
}

static enum smk_status ck_policies(const struct smk_cert *c, const struct smk_rule *r, struct remit *e,
				   const struct smkilint_profiles *set)
{
	const struct smk_ext *x = c->known[SMK_EXT_CERT_POLICIES];
	if (x == NULL || !x->decoded)
		return SMK_NA;
	enum smk_status st = SMK_PASS;
	if (r->count.set && !in_range(&r->count, (long)c->n_policies))
		st = rfail(e, &x->value_loc, range_text(e->a, &r->count, "policies"), P("%zu", c->n_policies),
			   "certificatePolicies holds %zu policies", c->n_policies);
	for (size_t i = 0; i < c->n_policies; i++) {
		const struct smk_policy *p = &c->policies[i];
		if (r->no_qualifiers && p->n_qualifiers > 0)
			st = rfail(e, &p->loc, "no policy qualifiers", P("%zu qualifiers", p->n_qualifiers),
				   "policy %s carries qualifiers", p->oid);
		if (r->list.n > 0 && !list_has(&r->list, p->oid))
			st = rfail(e, &p->loc, P("one of %s", list_text(e->a, r->list.oid, r->list.n)), p->oid,
				   "policy %s is not the expected one", p->oid);
		if (r->env_set != ENV_NONE) {
			const char *allowed;
			if (!env_allows(set, r->env_set, false, p->oid, &allowed, e->a)) {
				/* unpinned: an unknown environment is a warning at most */
				smkilint_severity keep = e->severity;
				if (set->pinned == NULL && e->severity > SMKILINT_SEV_WARNING)
					e->severity = SMKILINT_SEV_WARNING;
				st = rfail(e, &p->loc, P("%s policy of %s", r->env_set == ENV_DEVICE ? "a device" : "an organisation",
							 set->pinned ? P("environment %s: %s", set->pinned->name, allowed) : allowed),
					   p->oid, "policy %s belongs to no %s environment", p->oid,
					   set->pinned ? "pinned" : "loaded");
				e->severity = keep;
			}
		}
	}
	return st;
}

bool smk_eui_norm(const char *s, size_t n, char out[17])
{
	size_t h = 0;
	for (size_t i = 0; i < n; i++) {
		if (isxdigit((unsigned char)s[i])) {
			if (h == 16)
				return false;
			out[h++] = (char)tolower((unsigned char)s[i]);
		} else if ((s[i] != '-' && s[i] != ':') || h == 0 || h % 2 != 0 || i + 1 == n) {
			return false;   /* separators only between octets */
		}
	}
	out[h] = '\0';
	return h == 16;
}

/* The hwSerialNum the input's name promises: the first subexpression of
 * r->hw_serial_re (or the whole match) that is an EUI-64, matched against
 * the last component of the input name. NULL when there is none. */
static const char *eui_from_input(const struct smk_rule *r, const char *input, char out[17])
{
	if (r->hw_serial_re == NULL || input == NULL)
		return NULL;
	const char *base = strrchr(input, '/');
	base = base != NULL ? base + 1 : input;
	/* an EUI-64 is 16 hexadecimal digits: a name with fewer has none, and
	 * the regex need not run (it would, for every certificate of a bundle) */
	size_t hex = 0;
	for (const char *s = base; *s && hex < 16; s++)
		hex += isxdigit((unsigned char)*s) != 0;
	if (hex < 16)
		return NULL;
	regmatch_t m[10];
	if (regexec(r->hw_serial_re, base, 10, m, 0) != 0)
		return NULL;
	size_t first = r->hw_serial_re->re_nsub > 0 ? 1 : 0;
	for (size_t i = first; i < 10 && i <= r->hw_serial_re->re_nsub; i++)
		if (m[i].rm_so >= 0 && smk_eui_norm(base + m[i].rm_so, (size_t)(m[i].rm_eo - m[i].rm_so), out))
			return out;
	return NULL;
}

/* A rule that only compares hwSerialNum with an expected value. */
static bool only_expected_serial(const struct smk_rule *r)
{
	return (r->hw_serial_hex != NULL || r->hw_serial_re != NULL) && !r->count.set && !r->gn_types &&
	       r->list.n == 0 && !r->hw_types_from_env && !r->length.set && !r->not_reserved && !r->hw_module_required;
}

static enum smk_status ck_subject_alt_name(const struct smk_cert *c, const struct smk_rule *r, struct remit *e,
					   const struct smkilint_profiles *set)
{
	const struct smk_ext *x = c->known[SMK_EXT_SAN];
	if (x == NULL || !x->decoded)
		return SMK_NA;
	char from_input[17];
	const char *input = smkilint_report_input(e->report);
	const char *named = eui_from_input(r, input, from_input);
	if (only_expected_serial(r) && r->hw_serial_hex == NULL && named == NULL)
		return SMK_NA;   /* the input's name promises no EUI */
	bool compared = false;
	static const char *const gn_names[] = {"otherName", "rfc822Name", "dNSName", "x400Address", "directoryName",
					       "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"};
	enum smk_status st = SMK_PASS;
	if (r->count.set && !in_range(&r->count, (long)c->n_san))
		st = rfail(e, &x->value_loc, range_text(e->a, &r->count, "names"), P("%zu", c->n_san),
			   "subjectAltName holds %zu names", c->n_san);
	bool any_hw = false;
	for (size_t i = 0; i < c->n_san; i++) {
		const struct smk_general_name *g = &c->san[i];
		if (r->gn_types && !(r->gn_types & (1u << g->type)))
			st = rfail(e, &g->loc, "only the profile's name types", gn_names[g->type],
				   "subjectAltName holds a %s", gn_names[g->type]);
		if (!g->hw_module || !g->hw_ok)
			continue;
		any_hw = true;
		if (r->list.n > 0 && !list_has(&r->list, g->hw_type))
			st = rfail(e, &g->loc, P("hwType %s", list_text(e->a, r->list.oid, r->list.n)), g->hw_type,
				   "hwType %s is not the expected one", g->hw_type);
		if (r->hw_types_from_env) {
			const char *allowed;
			if (!env_allows(set, ENV_NONE, true, g->hw_type, &allowed, e->a))
				st = rfail(e, &g->loc, P("a hwType of %s", allowed), g->hw_type,
					   "hwType %s belongs to no %s environment", g->hw_type, set->pinned ? "pinned" : "loaded");
		}
		if (r->length.set && !in_range(&r->length, (long)g->hw_serial.len))
			st = rfail(e, &g->hw_serial_loc, range_text(e->a, &r->length, "octets"),
				   P("%zu octets: %s", g->hw_serial.len, smk_hex(e->a, g->hw_serial.p, g->hw_serial.len)),
				   "hwSerialNum is not an EUI-64 of %s", range_text(e->a, &r->length, "octets"));
		if (r->not_reserved && eui_reserved(g->hw_serial.p, g->hw_serial.len))
			st = rfail(e, &g->hw_serial_loc, "an EUI-64 that is not all-zero or all-ones",
				   smk_hex(e->a, g->hw_serial.p, g->hw_serial.len), "hwSerialNum is a reserved value");
		const char *got = r->hw_serial_hex != NULL || named != NULL
					  ? smk_hex(e->a, g->hw_serial.p, g->hw_serial.len) : NULL;
		if (r->hw_serial_hex != NULL && got != NULL) {
			compared = true;
			if (strcmp(got, r->hw_serial_hex) != 0)
				st = rfail(e, &g->hw_serial_loc, P("hwSerialNum %s (the profile's)", r->hw_serial_hex), got,
					   "hwSerialNum is not the EUI-64 the profile expects");
		}
		if (named != NULL && got != NULL) {
			compared = true;
			if (strcmp(got, named) != 0)
				st = rfail(e, &g->hw_serial_loc, P("hwSerialNum %s (from the input name %s)", named, input), got,
					   "hwSerialNum is not the EUI-64 the input's name says");
		}
	}
	if (only_expected_serial(r) && !compared)
		return st == SMK_PASS ? SMK_NA : st;   /* no HardwareModuleName to compare */
	if (r->hw_module_required && !any_hw)
		st = rfail(e, &x->value_loc, "an otherName HardwareModuleName (1.3.6.1.5.5.7.8.4)",
			   "no well-formed HardwareModuleName", "subjectAltName has no HardwareModuleName");
	return st;
}

static enum smk_status ck_self_signed(const struct smk_cert *c, const struct smk_rule *r, struct remit *e)
{
	(void)r;
	if (!smk_cert_self_issued(c))
		return rfail(e, &c->issuer.loc, "issuer equal to subject", "a different issuer name",
			     "the certificate is not self-issued");
	int v = smk_verify_signature(c, &c->spki);
	if (v == 0)
		return rfail(e, &c->sig.loc, "a signature that verifies with the certificate's own key",
			     "a signature that does not verify", "the self-signature does not verify");
	return v < 0 ? SMK_NA : SMK_PASS;
}

/* ------------------------------------------------------------ naming */

static const struct smk_cn_rule *cn_rule_for(const struct smk_naming *nm, const char *role, struct smk_cn_rule *merged)
{
	*merged = nm->def;
	for (size_t i = 0; i < nm->n_roles; i++) {
		const struct smk_cn_rule *rr = &nm->roles[i];
		if (strcmp(rr->role, role) != 0)
			continue;
		merged->presence = rr->presence;
		merged->key_usages = rr->key_usages;
		if (rr->set_string_types) merged->string_types = rr->string_types;
		if (rr->set_max_length) merged->max_length = rr->max_length;
		if (rr->set_charset) merged->charset = rr->charset, merged->charset_re = rr->charset_re;
		if (rr->set_regex) merged->regex = rr->regex, merged->regex_src = rr->regex_src;
		if (rr->set_case) merged->case_rule = rr->case_rule;
		break;
	}
	return merged;
}

static enum smk_status check_naming(const struct smk_cert *c, const struct smk_naming *nm, smkilint_report *report,
				    struct smk_arena *a, int *err)
{
	struct smk_rule pseudo = {.id = nm->id, .severity = nm->severity, .citation = nm->citation};
	struct remit ee = {&pseudo, report, a, nm->severity, 0}, *e = &ee;
	const struct smk_atv *ou = smk_name_find(&c->subject, SMK_OID_AT_OU, NULL);
	const char *role = ou != NULL ? atv_string(a, ou) : "";
	struct smk_cn_rule rule;
	cn_rule_for(nm, role, &rule);
	if (rule.key_usages && c->known[SMK_EXT_KEY_USAGE] != NULL && (c->ku.bits & ~rule.key_usages))
		rule.presence = CN_FORBIDDEN;   /* CN allowed only with these key usages */
	size_t n;
	const struct smk_atv *cn = smk_name_find(&c->subject, SMK_OID_AT_CN, &n);
	enum smk_status st = SMK_PASS;
	const char *who = role[0] ? P("role %s%s", role, rule.key_usages ? P(" with %s", ku_text(a, c->ku.bits)) : "")
				  : "this certificate";
	if (rule.presence == CN_REQUIRED && n == 0)
		st = rfail(e, &c->subject.loc, "a commonName", "none", "the naming convention requires a commonName for %s",
			   who);
	if (rule.presence == CN_FORBIDDEN && n > 0)
		st = rfail(e, &cn->loc, "no commonName", value_text(a, cn),
			   "the naming convention allows no commonName for %s", who);
	if (n > 1)
		st = rfail(e, &c->subject.loc, "at most one commonName", P("%zu", n), "the subject has %zu commonNames", n);
	if (cn == NULL || rule.presence == CN_FORBIDDEN) {
		*err = ee.err;
		return st;
	}
	unsigned bit = cn->tag < 32 ? 1u << cn->tag : 0;
	const char *text = atv_string(a, cn);
	if (rule.string_types && !(rule.string_types & bit))
		st = rfail(e, &cn->value_loc, types_text(a, rule.string_types), tag_name(cn->tag),
			   "commonName is encoded as %s", tag_name(cn->tag));
	size_t chars = cn->tag == 0x0c ? utf8_chars(cn->value.p, cn->value.len) : cn->value.len;
	long max = rule.max_length ? rule.max_length : 64;
	if ((long)chars > max)
		st = rfail(e, &cn->value_loc, P("at most %ld characters", max), P("%zu characters", chars),
			   "commonName is longer than %ld characters", max);
	if (cn->value.len > 0 && (cn->value.p[0] == ' ' || cn->value.p[cn->value.len - 1] == ' '))
		st = rfail(e, &cn->value_loc, "no leading or trailing space", value_text(a, cn),
			   "commonName has leading or trailing spaces");
	if (rule.charset_re != NULL && !regex_ok(rule.charset_re, cn, a))
		st = rfail(e, &cn->value_loc, P("only the characters [%s]", rule.charset), value_text(a, cn),
			   "commonName has characters outside [%s]", rule.charset);
	if (rule.regex != NULL && !regex_ok(rule.regex, cn, a))
		st = rfail(e, &cn->value_loc, P("matching /%s/", rule.regex_src), value_text(a, cn),
			   "commonName does not match the naming convention");
	if (rule.case_rule != 0 && text != NULL) {
		for (const char *p = text; *p; p++) {
			if ((rule.case_rule == 1 && islower((unsigned char)*p)) ||
			    (rule.case_rule == 2 && isupper((unsigned char)*p))) {
				st = rfail(e, &cn->value_loc, rule.case_rule == 1 ? "upper case" : "lower case",
					   value_text(a, cn), "commonName is not in %s case",
					   rule.case_rule == 1 ? "upper" : "lower");
				break;
			}
		}
	}
	/* cross-field rules need the Entity Identifier */
	const struct smk_atv *uid = smk_name_find(&c->subject, SMK_OID_AT_UNIQUE_IDENTIFIER, NULL);
	const char *eui = NULL;
	if (uid != NULL && uid->tag == 0x03 && uid->value.len == 9 && uid->value.p[0] == 0)
		eui = smk_hex(a, uid->value.p + 1, 8);
	if (nm->not_entity_identifier && eui != NULL && text != NULL) {
		char norm[64];
		size_t k = 0;
		for (const char *p = text; *p && k + 1 < sizeof(norm); p++)
			if (isxdigit((unsigned char)*p))
				norm[k++] = (char)tolower((unsigned char)*p);
			else if (*p != '-' && *p != ':' && *p != ' ')
				k = sizeof(norm);
		if (k == 16) {
			norm[16] = '\0';
			if (strcmp(norm, eui) == 0)
				st = rfail(e, &cn->value_loc, "a name, not the Entity Identifier", value_text(a, cn),
					   "commonName repeats the Entity Identifier %s", eui);
		}
	}
	if (nm->reg != NULL && text != NULL) {
		const struct smk_register_entry *entry = NULL;
		for (size_t i = 0; eui != NULL && i < nm->n_reg; i++)
			if (strcmp(nm->reg[i].eui, eui) == 0)
				entry = &nm->reg[i];
		if (entry == NULL) {
			st = rfail(e, &cn->value_loc, P("an Entity Identifier listed in %s", nm->register_file),
				   eui != NULL ? eui : "no Entity Identifier", "the Entity Identifier is not in the register");
		} else {
			bool ok = false;
			for (size_t i = 0; i < entry->n_names; i++)
				ok = ok || strcmp(entry->names[i], text) == 0;
			if (!ok)
				st = rfail(e, &cn->value_loc,
					   P("one of %s (register %s)", list_text(a, entry->names, entry->n_names), nm->register_file),
					   value_text(a, cn), "commonName is not a registered name of %s", eui);
		}
	}
	*err = ee.err;
	return st;
}

/* ------------------------------------------------------------ run */

static bool effective(const struct smk_rule *r, const struct smk_cert *c)
{
	if (!c->not_before.valid)
		return true;
	int64_t day = c->not_before.epoch / 86400;
	if (r->since != NULL || r->until != NULL) {
		struct smk_time t;
		char buf[16];
		if (r->since != NULL) {
			snprintf(buf, sizeof(buf), "%.4s%.2s%.2s000000Z", r->since, r->since + 5, r->since + 8);
			if (smk_time_parse(&t, 0x18, (const uint8_t *)buf, 15) && day < t.epoch / 86400)
				return false;
		}
		if (r->until != NULL) {
			snprintf(buf, sizeof(buf), "%.4s%.2s%.2s000000Z", r->until, r->until + 5, r->until + 8);
			if (smk_time_parse(&t, 0x18, (const uint8_t *)buf, 15) && day > t.epoch / 86400)
				return false;
		}
	}
	return true;
}

/* One rule; its working strings go to a (one arena for all the rules of a
 * certificate: most rules allocate nothing, the others a few strings). */
static enum smk_status run_rule(const struct smk_rule *r, const struct smkilint_profile *p, const struct smk_cert *c,
				smkilint_report *report, struct smk_arena *a)
{
	if (r->disabled || r->check == CK_LINT)
		return SMK_NA;
	if (c->tbs_only && r->check == CK_SELF_SIGNED)
		return smk_report_skip(report, r->id) == 0 ? SMK_NA : SMK_FATAL;
	if (c->is_csr && (r->check == CK_SERIAL || r->check == CK_VALIDITY || r->check == CK_SELF_SIGNED))
		return SMK_NA;   /* a request has no serial number, validity or issuer */
	if (!effective(r, c))
		return SMK_NE;
	struct remit e = {r, report, a, r->severity, 0};
	const struct smkilint_profiles *set = p->set;
	enum smk_status st = SMK_NA;
	switch (r->check) {
	case CK_VERSION: st = ck_version(c, r, &e); break;
	case CK_SERIAL: st = ck_serial(c, r, &e); break;
	case CK_SIGNATURE_ALGORITHM: st = ck_signature_algorithm(c, r, &e); break;
	case CK_KEY: st = ck_key(c, r, &e); break;
	case CK_NAME_EMPTY: st = ck_name_empty(c, r, &e); break;
	case CK_NAME_ATTRIBUTE: st = ck_name_attribute(c, r, &e); break;
	case CK_NAME_LAYOUT: st = ck_name_layout(c, r, &e); break;
	case CK_ROLE: st = ck_role(c, r, &e, set); break;
	case CK_ROLE_KEY_USAGE: st = ck_role_key_usage(c, r, &e); break;
	case CK_VALIDITY: st = ck_validity(c, r, &e); break;
	case CK_EXTENSION_PRESENCE: st = ck_extension_presence(c, r, &e); break;
	case CK_EXTENSION_CRITICAL: st = ck_extension_critical(c, r, &e); break;
	case CK_ONLY_LISTED_EXTENSIONS: st = ck_only_listed(c, r, &e); break;
	case CK_KEY_USAGE: st = ck_key_usage(c, r, &e); break;
	case CK_BASIC_CONSTRAINTS: st = ck_basic_constraints(c, r, &e); break;
	case CK_KEY_IDENTIFIER: st = ck_key_identifier(c, r, &e); break;
	case CK_POLICIES: st = ck_policies(c, r, &e, set); break;
	case CK_SUBJECT_ALT_NAME: st = ck_subject_alt_name(c, r, &e, set); break;
	case CK_SELF_SIGNED: st = ck_self_signed(c, r, &e); break;
	default: break;
	}
	return e.err != 0 || a->failed ? SMK_FATAL : st;
}

enum smk_status smk_rule_run(const struct smk_rule *r, const struct smkilint_profile *p, const struct smk_cert *c,
			     smkilint_report *report)
{
	struct smk_arena a;
	smk_arena_init(&a);
	enum smk_status st = run_rule(r, p, c, report, &a);
	smk_arena_free(&a);
	return st;
}

int smk_profile_run(const struct smkilint_profile *p, const struct smk_cert *c, smkilint_report *r)
{
	struct smk_arena a;
	smk_arena_init(&a);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < p->n_rules; i++)
		if (run_rule(&p->rules[i], p, c, r, &a) == SMK_FATAL)
			rc = SMKILINT_ENOMEM;
	const struct smk_naming *nm = p->set->naming != NULL ? p->set->naming : p->naming;
	if (rc == 0 && nm != NULL)
		check_naming(c, nm, r, &a, &rc);
	smk_arena_free(&a);
	return rc;
}

enum smk_status smk_naming_run(const struct smk_naming *nm, const struct smk_cert *c, smkilint_report *r)
{
	struct smk_arena a;
	smk_arena_init(&a);
	int err = 0;
	enum smk_status st = check_naming(c, nm, r, &a, &err);
	smk_arena_free(&a);
	return err ? SMK_FATAL : st;
}

const struct smk_rule *smk_profile_lint_override(const struct smkilint_profile *p, size_t index)
{
	return p->lint_rule != NULL && index < smkilint_lint_count() ? p->lint_rule[index] : NULL;
}
