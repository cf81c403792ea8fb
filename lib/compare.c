/*
 * Comparing a candidate certificate with an approved reference, field by
 * field and extension by extension (by OID): presence, order, criticality,
 * encoding and decoded value. Fields that differ between any two good
 * certificates (serial value, key, SKI value, signature, validity instants)
 * are compared by form only unless SMKILINT_COMPARE_STRICT.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "profile.h"

struct smkilint_comparison {
	struct smk_arena arena;
	struct smk_cert ref, cand;
	smkilint_cmp_row *rows;
	size_t n, cap, differences;
	bool strict;
	bool failed;
};

static void row(struct smkilint_comparison *k, const char *path, const char *aspect, smkilint_cmp_status st,
		const char *ref, const char *cand)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 64;
		smkilint_cmp_row *r = realloc(k->rows, cap * sizeof(*r));
		if (r == NULL) {
			k->failed = true;
			return;
		}
		k->rows = r;
		k->cap = cap;
	}
	smkilint_cmp_row *r = &k->rows[k->n++];
	r->path = smk_strdup(&k->arena, path);
	r->aspect = aspect;
	r->status = st;
	r->reference = smk_strdup(&k->arena, ref != NULL ? ref : "");
	r->candidate = smk_strdup(&k->arena, cand != NULL ? cand : "");
	if (st != SMKILINT_CMP_SAME && st != SMKILINT_CMP_FORM_SAME)
		k->differences++;
}

/* Compare two texts: same or different. */
static void cmp(struct smkilint_comparison *k, const char *path, const char *aspect, const char *a, const char *b)
{
	row(k, path, aspect, strcmp(a ? a : "", b ? b : "") == 0 ? SMKILINT_CMP_SAME : SMKILINT_CMP_DIFFERENT, a, b);
}

/* Compare by form (when not strict): the texts describe the form. */
static void cmp_form(struct smkilint_comparison *k, const char *path, const char *aspect, const char *a,
		     const char *b)
{
	row(k, path, aspect, strcmp(a, b) == 0 ? SMKILINT_CMP_FORM_SAME : SMKILINT_CMP_FORM_DIFFERENT, a, b);
}

#define A (&k->arena)

static const char *hex(struct smkilint_comparison *k, struct smk_bytes b)
{
	return b.len > 256 ? smk_printf(A, "%s... (%zu octets)", smk_hex(A, b.p, 256), b.len) : smk_hex(A, b.p, b.len);
}

/* A raw-encoding row, only when the decoded rows said "same". */
static void encoding(struct smkilint_comparison *k, const char *path, struct smk_bytes a, struct smk_bytes b,
		     bool values_same)
{
	if (!values_same || smk_bytes_eq(a, b))
		return;
	row(k, path, "encoding", SMKILINT_CMP_DIFFERENT, hex(k, a), hex(k, b));
}

static const char *alg_text(struct smkilint_comparison *k, const struct smk_alg *a)
{
	const char *name = a->id != SMK_OID_UNKNOWN ? smk_oid_info(a->id)->name : a->oid;
	const char *params = !a->params_present ? "parameters absent"
			     : a->params_null ? "NULL parameters"
					      : smk_printf(A, "parameters %s", hex(k, a->params));
	return smk_printf(A, "%s, %s", name, params);
}

static size_t diffs_before(const struct smkilint_comparison *k)
{
	return k->differences;
}

static void cmp_alg(struct smkilint_comparison *k, const char *path, const struct smk_alg *a, const struct smk_alg *b)
{
	size_t before = diffs_before(k);
	cmp(k, path, "value", alg_text(k, a), alg_text(k, b));
	encoding(k, path, a->raw, b->raw, k->differences == before);
}

static const char *tag_text(uint8_t tag)
{
	switch (tag) {
	case 0x0c: return "UTF8String";
	case 0x13: return "PrintableString";
	case 0x16: return "IA5String";
	case 0x14: return "TeletexString";
	case 0x1e: return "BMPString";
	case 0x1c: return "UniversalString";
	case 0x03: return "BIT STRING";
	default: return "other";
	}
}

static const char *atv_value(struct smkilint_comparison *k, const struct smk_atv *v)
{
	if (v->tag == 0x03)
		return smk_printf(A, "#%s", hex(k, v->value));
	if (v->value.p == NULL)
		return "";   /* an attribute without a value */
	return smk_strndup(A, (const char *)v->value.p, v->value.len);
}

static const char *oid_name(const char *oid)
{
	enum smk_oid id = smk_oid_lookup(oid);
	return id != SMK_OID_UNKNOWN ? smk_oid_info(id)->name : oid;
}

static void cmp_atv(struct smkilint_comparison *k, const char *path, const struct smk_atv *x, const struct smk_atv *y)
{
	const char *p = smk_printf(A, "%s.rdnSequence[%zu][%zu]", path, x->rdn, x->pos);
	if (x->pos != y->pos || (x->pos == 0) != (y->pos == 0))
		cmp(k, p, "RDN structure", smk_printf(A, "position %zu in its RDN", x->pos),
		    smk_printf(A, "position %zu in its RDN", y->pos));
	cmp(k, p, "string type", tag_text(x->tag), tag_text(y->tag));
	cmp(k, p, "value", atv_value(k, x), atv_value(k, y));
}

/* Attributes are aligned by type along a longest common subsequence, so a
 * missing or extra attribute is one difference, not a shift of the rest. */
static void cmp_name(struct smkilint_comparison *k, const char *path, const struct smk_name *a,
		     const struct smk_name *b)
{
	size_t before = diffs_before(k);
	size_t n = a->n_atv, m = b->n_atv;
	if (n == 0 && m == 0) {
		cmp(k, path, "value", "empty", "empty");
		return;
	}
	uint16_t *t = calloc((n + 1) * (m + 1), sizeof(*t));
	if (t == NULL) {
		k->failed = true;
		return;
	}
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			T(i, j) = strcmp(a->atv[i].oid, b->atv[j].oid) == 0 ? T(i + 1, j + 1) + 1
				  : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && strcmp(a->atv[i].oid, b->atv[j].oid) == 0) {
			cmp_atv(k, path, &a->atv[i++], &b->atv[j++]);
		} else if (j >= m || (i < n && T(i + 1, j) >= T(i, j + 1))) {
			const struct smk_atv *x = &a->atv[i++];
			row(k, smk_printf(A, "%s.rdnSequence[%zu][%zu]", path, x->rdn, x->pos), "presence",
			    SMKILINT_CMP_ONLY_REFERENCE, smk_printf(A, "%s=%s", oid_name(x->oid), atv_value(k, x)), "absent");
		} else {
			const struct smk_atv *y = &b->atv[j++];
			row(k, smk_printf(A, "%s.rdnSequence[%zu][%zu]", path, y->rdn, y->pos), "presence",
			    SMKILINT_CMP_ONLY_CANDIDATE, "absent", smk_printf(A, "%s=%s", oid_name(y->oid), atv_value(k, y)));
		}
	}
#undef T
	free(t);
	encoding(k, path, a->raw, b->raw, k->differences == before);
}

static const char *time_form(struct smkilint_comparison *k, const struct smk_time *t)
{
	return smk_printf(A, "%s of %zu characters%s", t->tag == 0x17 ? "UTCTime" : "GeneralizedTime", t->text_len,
			  t->valid ? "" : " (not a valid time)");
}

static const char *lifetime(struct smkilint_comparison *k, const struct smk_cert *c)
{
	if (!c->not_before.valid || !c->not_after.valid)
		return "unknown";
	int64_t s = c->not_after.epoch - c->not_before.epoch;
	return smk_printf(A, "%lld days %02lld:%02lld:%02lld", (long long)(s / 86400), (long long)(s % 86400 / 3600),
			  (long long)(s % 3600 / 60), (long long)(s % 60));
}

static const char *tod(struct smkilint_comparison *k, const struct smk_time *t)
{
	if (!t->valid)
		return "unknown";
	long s = (long)(((t->epoch % 86400) + 86400) % 86400);
	return smk_printf(A, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
}

static const char *ku_text(struct smkilint_comparison *k, const struct smk_cert *c)
{
	char buf[256] = "";
	size_t n = 0;
	for (int i = 0; i < 9; i++)
		if (c->ku.bits & (1u << i))
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? ", " : "", smk_ku_bit_name(i));
	if (c->ku.bits >> 9)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%sbits above 8", n ? ", " : "");
	return smk_strdup(A, n ? buf : "no bit");
}

static const char *ext_value(struct smkilint_comparison *k, const struct smk_cert *c, const struct smk_ext *e,
			     bool *form)
{
	*form = false;
	if (!e->decoded)
		return smk_printf(A, "raw %s", hex(k, e->value));
	switch (e->kind) {
	case SMK_EXT_KEY_USAGE:
		return ku_text(k, c);
	case SMK_EXT_BASIC_CONSTRAINTS:
		return smk_printf(A, "cA %s%s, %s", c->bc.ca ? "TRUE" : "FALSE", c->bc.ca_encoded ? "" : " (default)",
				  c->bc.has_pathlen ? smk_printf(A, "pathLenConstraint %ld", c->bc.pathlen)
						    : "no pathLenConstraint");
	case SMK_EXT_SKI: {
		if (k->strict)
			return hex(k, c->ski);
		*form = true;
		uint8_t m2[8];
		bool method2 = smk_key_id_method2(c, m2) && c->ski.len == 8 && memcmp(m2, c->ski.p, 8) == 0;
		return smk_printf(A, "%zu octets, %s", c->ski.len, method2 ? "RFC 5280 method (2)" : "not method (2)");
	}
	case SMK_EXT_AKI:
		return smk_printf(A, "%s%s%s", c->aki.has_keyid ? smk_printf(A, "keyIdentifier %s", hex(k, c->aki.keyid)) : "",
				  c->aki.has_issuer ? ", authorityCertIssuer" : "",
				  c->aki.has_serial ? ", authorityCertSerialNumber" : "");
	case SMK_EXT_CERT_POLICIES: {
		char buf[1024] = "";
		size_t n = 0;
		for (size_t i = 0; i < c->n_policies && n < sizeof(buf); i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s%s", i ? ", " : "", c->policies[i].oid,
					      c->policies[i].n_qualifiers ? " (with qualifiers)" : "");
		return smk_strdup(A, buf);
	}
	case SMK_EXT_SAN: {
		char buf[1024] = "";
		size_t n = 0;
		for (size_t i = 0; i < c->n_san && n < sizeof(buf); i++) {
			const struct smk_general_name *g = &c->san[i];
			if (g->hw_module && g->hw_ok)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%sHardwareModuleName hwType %s hwSerialNum %s",
						      i ? ", " : "", g->hw_type,
						      k->strict ? hex(k, g->hw_serial)
								: smk_printf(A, "of %zu octets", g->hw_serial.len));
			else
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%sGeneralName [%d] %s", i ? ", " : "",
						      (int)g->type, hex(k, g->value));
		}
		*form = !k->strict;
		return smk_strdup(A, buf);
	}
	case SMK_EXT_EXT_KEY_USAGE: {
		char buf[1024] = "";
		size_t n = 0;
		for (size_t i = 0; i < c->n_eku && n < sizeof(buf); i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? ", " : "", c->eku[i]);
		return smk_strdup(A, buf);
	}
	default:
		return smk_printf(A, "raw %s", hex(k, e->value));
	}
}

static const char *crit_text(const struct smk_ext *e)
{
	return e->critical ? "critical TRUE" : e->critical_encoded ? "critical FALSE (encoded)" : "not critical";
}

/* Which extensions of the reference are out of order: those outside a longest
 * common subsequence of the two OID orders, so that moving one extension is
 * one difference, not a shift of all its neighbours. */
static bool *moved_extensions(struct smkilint_comparison *k)
{
	const struct smk_cert *a = &k->ref, *b = &k->cand;
	size_t n = a->n_ext, m = b->n_ext;
	bool *moved = smk_alloc(A, (n + 1) * sizeof(*moved));
	uint16_t *t = calloc((n + 1) * (m + 1), sizeof(*t));
	if (moved == NULL || t == NULL) {
		free(t);
		return moved;
	}
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			T(i, j) = strcmp(a->ext[i].oid, b->ext[j].oid) == 0 ? T(i + 1, j + 1) + 1
				  : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	for (size_t i = 0; i < n; i++)
		moved[i] = true;
	for (size_t i = 0, j = 0; i < n && j < m;) {
		if (strcmp(a->ext[i].oid, b->ext[j].oid) == 0)
			moved[i++] = false, j++;
		else if (T(i + 1, j) >= T(i, j + 1))
			i++;
		else
			j++;
	}
#undef T
	free(t);
	return moved;
}

static void cmp_extensions(struct smkilint_comparison *k)
{
	const struct smk_cert *a = &k->ref, *b = &k->cand;
	bool *moved = moved_extensions(k);
	/* reference order first, then the candidate's extras */
	for (size_t pass = 0; pass < 2; pass++) {
		const struct smk_cert *first = pass == 0 ? a : b, *other = pass == 0 ? b : a;
		for (size_t i = 0; i < first->n_ext; i++) {
			const struct smk_ext *x = &first->ext[i], *y = NULL;
			/* the n-th instance of an OID pairs with the other's n-th, so that
			 * a duplicated extension is a difference, not hidden by the first */
			size_t nth = 0;
			for (size_t j = 0; j < i; j++)
				nth += strcmp(first->ext[j].oid, x->oid) == 0;
			for (size_t j = 0; j < other->n_ext && y == NULL; j++)
				if (strcmp(other->ext[j].oid, x->oid) == 0 && nth-- == 0)
					y = &other->ext[j];
			const char *path = smk_printf(A, "tbsCertificate.extensions[%s]", x->name);
			if (pass == 1) {
				if (y == NULL)
					row(k, path, "presence", SMKILINT_CMP_ONLY_CANDIDATE, "absent", "present");
				continue;
			}
			if (y == NULL) {
				row(k, path, "presence", SMKILINT_CMP_ONLY_REFERENCE, "present", "absent");
				continue;
			}
			row(k, path, "position", moved != NULL && moved[i] ? SMKILINT_CMP_DIFFERENT : SMKILINT_CMP_SAME,
			    smk_printf(A, "%zu of %zu", x->index + 1, a->n_ext), smk_printf(A, "%zu of %zu", y->index + 1, b->n_ext));
			cmp(k, path, "criticality", crit_text(x), crit_text(y));
			bool fa, fb;
			const char *va = ext_value(k, a, x, &fa), *vb = ext_value(k, b, y, &fb);
			size_t before_value = diffs_before(k);
			if (fa && fb)
				cmp_form(k, path, "value", va, vb);
			else
				cmp(k, path, "value", va, vb);
			bool same = k->differences == before_value;
			/* by form: the raw bytes differ by design */
			if (!(fa && fb))
				encoding(k, path, x->value, y->value, same);
		}
	}
}

static const char *const defect_kinds[SMK_DEF_KIND_COUNT] = {
	"non-minimal length", "indefinite length", "non-minimal tag", "non-minimal INTEGER", "empty INTEGER",
	"non-canonical BOOLEAN", "DEFAULT value encoded", "bad BIT STRING", "named bits with trailing zeros",
	"bad time", "SET OF not sorted", "trailing data", "constructed string", "NULL with contents",
	"non-minimal OID", "malformed encapsulated DER", "limit"};

static bool in_signature(const struct smk_defect *d)
{
	return d->loc.path != NULL && strncmp(d->loc.path, "signatureValue", 14) == 0;
}

/* The signature's form: not its value, but how it is encoded (an ECDSA
 * signature re-encoded with a non-minimal INTEGER or length is another
 * form, PROFILES.md §9.3 D2). */
static const char *sig_form(struct smkilint_comparison *k, const struct smk_cert *c)
{
	if (!c->sig.ecdsa)
		return smk_printf(A, "%zu octets", c->sig.bits.len);
	if (!c->sig.ecdsa_decoded)
		return "ECDSA, not a DER ECDSA-Sig-Value";
	char buf[256] = "";
	size_t n = 0;
	for (size_t i = 0; i < c->n_defects && n < sizeof(buf); i++) {
		if (!in_signature(&c->defects[i]))
			continue;
		const char *kind = defect_kinds[c->defects[i].kind];
		if (strstr(buf, kind) == NULL)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? ", " : "", kind);
	}
	return n == 0 ? "ECDSA-Sig-Value DER" : smk_printf(A, "ECDSA-Sig-Value with %s", buf);
}

static const char *defect_text(struct smkilint_comparison *k, const struct smk_cert *c)
{
	char buf[512] = "";
	size_t n = 0;
	for (size_t i = 0; i < c->n_defects && n < sizeof(buf); i++) {
		/* signature INTEGERs are compared with the signature */
		if (in_signature(&c->defects[i]))
			continue;
		/* an encoded DEFAULT (critical FALSE, cA FALSE, version v1) is told
		 * apart from an absent one by the criticality, value and version rows */
		if (c->defects[i].kind == SMK_DEF_DEFAULT_ENCODED)
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s at %s", n ? "; " : "", defect_kinds[c->defects[i].kind],
				      c->defects[i].loc.path);
	}
	return smk_strdup(A, n ? buf : "none");
}

static void compare(struct smkilint_comparison *k)
{
	const struct smk_cert *a = &k->ref, *b = &k->cand;
	cmp(k, "certificate", "DER encoding defects", defect_text(k, a), defect_text(k, b));
	cmp(k, "tbsCertificate.version", "value", smk_printf(A, "v%d%s", a->version + 1, a->version_present ? "" : " (absent)"),
	    smk_printf(A, "v%d%s", b->version + 1, b->version_present ? "" : " (absent)"));
	if (k->strict)
		cmp(k, "tbsCertificate.serialNumber", "value", hex(k, a->serial), hex(k, b->serial));
	else
		cmp_form(k, "tbsCertificate.serialNumber", "form",
			 smk_printf(A, "%zu octets, %s", a->serial.len, a->serial.len && (a->serial.p[0] & 0x80) ? "negative" : "positive"),
			 smk_printf(A, "%zu octets, %s", b->serial.len, b->serial.len && (b->serial.p[0] & 0x80) ? "negative" : "positive"));
	cmp_alg(k, "tbsCertificate.signature", &a->tbs_sig_alg, &b->tbs_sig_alg);
	cmp_name(k, "tbsCertificate.issuer", &a->issuer, &b->issuer);
	if (k->strict) {
		cmp(k, "tbsCertificate.validity.notBefore", "value", a->not_before.text, b->not_before.text);
		cmp(k, "tbsCertificate.validity.notAfter", "value", a->not_after.text, b->not_after.text);
	} else {
		cmp(k, "tbsCertificate.validity.notBefore", "form", time_form(k, &a->not_before), time_form(k, &b->not_before));
		cmp(k, "tbsCertificate.validity.notAfter", "form", time_form(k, &a->not_after), time_form(k, &b->not_after));
		cmp(k, "tbsCertificate.validity.notAfter", "time of day", tod(k, &a->not_after), tod(k, &b->not_after));
		/* a device's notAfter 99991231235959Z (GBCS: no expiry) is fixed, and
		 * its lifetime depends on the notBefore instant: compare the value
		 * (as derive-profile does) */
		if (a->not_after.year == 9999 || b->not_after.year == 9999)
			cmp(k, "tbsCertificate.validity.notAfter", "value", a->not_after.text, b->not_after.text);
		else
			cmp(k, "tbsCertificate.validity", "lifetime", lifetime(k, a), lifetime(k, b));
	}
	cmp_name(k, "tbsCertificate.subject", &a->subject, &b->subject);
	cmp_alg(k, "tbsCertificate.subjectPublicKeyInfo.algorithm", &a->spki.alg, &b->spki.alg);
	if (k->strict)
		cmp(k, "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey", "value", hex(k, a->spki.key), hex(k, b->spki.key));
	else
		cmp_form(k, "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey", "form",
			 smk_printf(A, "%zu octets, first 0x%02x", a->spki.key.len, a->spki.key.len ? a->spki.key.p[0] : 0),
			 smk_printf(A, "%zu octets, first 0x%02x", b->spki.key.len, b->spki.key.len ? b->spki.key.p[0] : 0));
	cmp(k, "tbsCertificate.issuerUniqueID", "presence", a->has_issuer_uid ? "present" : "absent",
	    b->has_issuer_uid ? "present" : "absent");
	cmp(k, "tbsCertificate.subjectUniqueID", "presence", a->has_subject_uid ? "present" : "absent",
	    b->has_subject_uid ? "present" : "absent");
	cmp_extensions(k);
	cmp_alg(k, "signatureAlgorithm", &a->sig_alg, &b->sig_alg);
	if (k->strict)
		cmp(k, "signatureValue", "value", hex(k, a->sig.bits), hex(k, b->sig.bits));
	else
		cmp_form(k, "signatureValue", "form", sig_form(k, a), sig_form(k, b));
}

int smkilint_compare_der(smkilint_comparison **out, smkilint_ctx *ctx, const uint8_t *ref, size_t ref_len,
			 const uint8_t *cand, size_t cand_len, unsigned flags)
{
	*out = NULL;
	smkilint_comparison *k = calloc(1, sizeof(*k));
	if (k == NULL)
		return SMKILINT_ENOMEM;
	smk_arena_init(&k->arena);
	smk_arena_init(&k->ref.arena);
	smk_arena_init(&k->cand.arena);
	k->strict = flags & SMKILINT_COMPARE_STRICT;
	int rc = smk_decode_cert(&k->ref, ctx, ref, ref_len);
	if (rc == 0)
		rc = smk_decode_cert(&k->cand, ctx, cand, cand_len);
	if (rc == 0 && (!k->ref.decoded || !k->cand.decoded)) {
		const struct smk_cert *bad = !k->ref.decoded ? &k->ref : &k->cand;
		smk_ctx_set_error(ctx, SMKILINT_EINVAL, "%s cannot be decoded: %s at offset %zu (%s)",
				  !k->ref.decoded ? "the reference" : "the candidate",
				  bad->fatal_reason ? bad->fatal_reason : "malformed", bad->fatal_loc.off,
				  bad->fatal_loc.path ? bad->fatal_loc.path : "certificate");
		rc = SMKILINT_EINVAL;
	}
	if (rc == 0) {
		compare(k);
		if (k->failed || k->arena.failed)
			rc = SMKILINT_ENOMEM;
	}
	if (rc != 0) {
		smkilint_comparison_free(k);
		return rc;
	}
	*out = k;
	return 0;
}

size_t smkilint_comparison_count(const smkilint_comparison *k)
{
	return k->n;
}

const smkilint_cmp_row *smkilint_comparison_row(const smkilint_comparison *k, size_t i)
{
	return i < k->n ? &k->rows[i] : NULL;
}

size_t smkilint_comparison_differences(const smkilint_comparison *k)
{
	return k->differences;
}

void smkilint_comparison_free(smkilint_comparison *k)
{
	if (k == NULL)
		return;
	smk_cert_free(&k->ref);
	smk_cert_free(&k->cand);
	free(k->rows);
	smk_arena_free(&k->arena);
	free(k);
}
