/* Bulk checks (PROFILES.md §10, "Bulk / corpus checks") and the digest of a
 * certificate that they and `smkilint inventory` read.
 *
 * While linting, a context with digests on gives each report a digest:
 * SHA-256 of the DER, of the key, of the folded issuer name and of the
 * serial, plus the Entity Identifier, role, key usage, validity, AKI and
 * policy. The accumulator keeps a fixed-size entry per distinct certificate
 * (struct entry, 136 bytes: truncated hashes, ids of interned strings, four
 * offsets), never the certificate. smkilint_bulk_finish() then sorts index
 * arrays over the entries once per kind of check, so the whole run is
 * O(n log n), and every group (same issuer and serial, same key, same
 * Entity Identifier, role and key usage, same CA key) is looked at with at
 * most SMKILINT_BULK_MAX_INVOLVED certificates named per finding. */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "profile.h"

/* ================================================================ digest */

int smkilint_ctx_set_digests(smkilint_ctx *ctx, int on)
{
	ctx->digests = on != 0;
	return 0;
}

static void sha256(const void *p, size_t n, uint8_t out[32])
{
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, p != NULL ? p : "", n, out) != 0)
		memset(out, 0, 32);
}

/* The value of an attribute as RFC 5280 §7.1 compares it: text string
 * types folded by smk_fold_text (as lib/chain.c matches names), other
 * types as their whole TLV. The first octet says which. */
static size_t fold_value(const struct smk_atv *a, uint8_t *out, size_t cap)
{
	if (!smk_tag_is_text(a->tag)) {
		out[0] = 'R';
		size_t k = a->raw.len < cap - 1 ? a->raw.len : cap - 1;
		if (k > 0)
			memcpy(out + 1, a->raw.p, k);
		return 1 + k;
	}
	out[0] = 'T';
	return 1 + smk_fold_text(&a->value, out + 1, cap - 1);
}

static int cmp32(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

/* SHA-256 over the RDNs in order; within an RDN, over the sorted hashes of
 * its attributes (their order does not matter in §7.1). Long values are
 * folded into a bounded buffer, then hashed whole. */
static int name_hash(const struct smk_name *nm, uint8_t out[32], struct smk_arena *a)
{
	gnutls_hash_hd_t h;
	if (gnutls_hash_init(&h, GNUTLS_DIG_SHA256) != 0)
		return SMKILINT_ENOMEM;
	uint8_t (*atv)[32] = nm->n_atv ? smk_alloc(a, nm->n_atv * 32) : NULL;
	if (nm->n_atv && atv == NULL) {
		gnutls_hash_deinit(h, out);
		return SMKILINT_ENOMEM;
	}
	uint8_t buf[1024];
	for (size_t i = 0; i < nm->n_atv;) {
		size_t j = i;
		for (; j < nm->n_atv && nm->atv[j].rdn == nm->atv[i].rdn; j++) {
			const struct smk_atv *x = &nm->atv[j];
			gnutls_hash_hd_t ah;
			if (gnutls_hash_init(&ah, GNUTLS_DIG_SHA256) != 0) {
				gnutls_hash_deinit(h, out);
				return SMKILINT_ENOMEM;
			}
			gnutls_hash(ah, x->oid, strlen(x->oid) + 1);
			if (smk_tag_is_text(x->tag) && x->value.len + 2 > sizeof(buf)) {
				/* too long to fold here: hashed as is, still tag-independent */
				gnutls_hash(ah, "L", 1);
				gnutls_hash(ah, x->value.p, x->value.len);
			} else {
				gnutls_hash(ah, buf, fold_value(x, buf, sizeof(buf)));
				if (!smk_tag_is_text(x->tag) && x->raw.len > sizeof(buf) - 1)
					gnutls_hash(ah, x->raw.p + sizeof(buf) - 1, x->raw.len - (sizeof(buf) - 1));
			}
			gnutls_hash_deinit(ah, atv[j]);
		}
		qsort(atv + i, j - i, 32, cmp32);
		uint8_t mark = 0x31;   /* one RDN */
		gnutls_hash(h, &mark, 1);
		gnutls_hash(h, atv + i, (j - i) * 32);
		i = j;
	}
	gnutls_hash_deinit(h, out);
	return 0;
}

static const char *attr_short_name(const struct smk_atv *x)
{
	switch (x->id) {
	case SMK_OID_AT_CN: return "CN";
	case SMK_OID_AT_OU: return "OU";
	case SMK_OID_AT_O: return "O";
	case SMK_OID_AT_C: return "C";
	case SMK_OID_AT_L: return "L";
	case SMK_OID_AT_ST: return "ST";
	case SMK_OID_AT_SERIAL_NUMBER: return "serialNumber";
	case SMK_OID_AT_UNIQUE_IDENTIFIER: return "uniqueIdentifier";
	case SMK_OID_AT_DN_QUALIFIER: return "dnQualifier";
	case SMK_OID_EMAIL_ADDRESS: return "emailAddress";
	default: return x->oid;
	}
}

#define NAME_TEXT_MAX 256

/* "OU=07, CN=Z1": attributes in DER order; text values as they are (the
 * output layer makes them safe), others as #hex; at most NAME_TEXT_MAX
 * characters. */
static const char *name_text(const struct smk_name *nm, struct smk_arena *a)
{
	char buf[NAME_TEXT_MAX + 8];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < nm->n_atv && n < NAME_TEXT_MAX; i++) {
		const struct smk_atv *x = &nm->atv[i];
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s=", i ? ", " : "", attr_short_name(x));
		if (n >= NAME_TEXT_MAX)
			break;
		if (smk_tag_is_text(x->tag)) {
			for (size_t k = 0; k < x->value.len && n < NAME_TEXT_MAX; k++)
				buf[n++] = x->value.p[k] ? (char)x->value.p[k] : '?';
		} else {
			const uint8_t *p = x->value.p;
			size_t len = x->value.len;
			if (x->tag == 0x03 && len > 0) {   /* BIT STRING: after the unused-bits octet */
				p++;
				len--;
			}
			buf[n++] = '#';
			for (size_t k = 0; k < len && n + 2 < NAME_TEXT_MAX; k++)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%02x", p[k]);
		}
		buf[n < sizeof(buf) ? n : sizeof(buf) - 1] = '\0';
	}
	if (n >= NAME_TEXT_MAX) {
		n = NAME_TEXT_MAX;
		memcpy(buf + n, "...", 4);
	}
	return smk_strdup(a, buf);
}

static smkilint_span span(const struct smk_loc *l)
{
	smkilint_span s = {l->off, l->path != NULL ? l->len : 0};
	return s;
}

static const char *ku_names(uint32_t bits, struct smk_arena *a)
{
	char buf[256] = "";
	size_t n = 0;
	for (int i = 0; i < 32 && n < sizeof(buf) - 40; i++)
		if (bits & (1u << i)) {
			if (i <= SMK_KU_DECIPHER_ONLY)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? "+" : "", smk_ku_bit_name(i));
			else
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%sbit%d", n ? "+" : "", i);
		}
	return smk_strdup(a, buf);
}

static bool oid_listed(const struct smk_oid_list *l, const char *oid)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->oid[i], oid) == 0)
			return true;
	return false;
}

static const char *environment_of(const struct smkilint_profiles *set, const char *oid)
{
	if (set == NULL || oid == NULL)
		return NULL;
	const struct smk_env *pin = set->pinned;
	if (pin != NULL && (oid_listed(&pin->org_policies, oid) || oid_listed(&pin->device_policies, oid)))
		return pin->name;
	for (size_t i = 0; i < set->n_envs; i++) {
		const struct smk_env *e = set->envs[i];
		if (oid_listed(&e->org_policies, oid) || oid_listed(&e->device_policies, oid))
			return e->name;
	}
	return NULL;
}

int smk_digest_attach(smkilint_report *r, const struct smk_cert *c, const struct smkilint_profiles *set)
{
	smkilint_digest *d = smk_report_digest_new(r);
	struct smk_arena *a = smk_report_arena(r);
	if (d == NULL)
		return SMKILINT_ENOMEM;
	d->kind = c->is_csr ? SMKILINT_ITEM_CSR : c->tbs_only ? SMKILINT_ITEM_TBS : SMKILINT_ITEM_CERT;
	d->decoded = c->decoded;
	d->role_code = -1;
	sha256(c->der.p, c->der.len, d->cert_sha256);
	if (!c->decoded)
		return 0;

	/* the key: algorithm, curve and the public key bits */
	gnutls_hash_hd_t h;
	if (gnutls_hash_init(&h, GNUTLS_DIG_SHA256) != 0)
		return SMKILINT_ENOMEM;
	const char *alg = c->spki.alg.oid != NULL ? c->spki.alg.oid : "";
	const char *curve = c->spki.curve_oid != NULL ? c->spki.curve_oid : "";
	gnutls_hash(h, alg, strlen(alg) + 1);
	gnutls_hash(h, curve, strlen(curve) + 1);
	gnutls_hash(h, c->spki.key.p != NULL ? (const void *)c->spki.key.p : "", c->spki.key.len);
	gnutls_hash_deinit(h, d->key_sha256);
	d->key_at = span(&c->spki.key_loc);

	if (!c->is_csr) {
		sha256(c->serial.p, c->serial.len, d->serial_sha256);
		d->serial_at = span(&c->serial_loc);
		if (name_hash(&c->issuer, d->issuer_sha256, a) != 0)
			return SMKILINT_ENOMEM;
		d->issuer = name_text(&c->issuer, a);
		if (c->not_before.valid && c->not_after.valid) {
			d->has_validity = 1;
			d->not_before = c->not_before.epoch;
			d->not_after = c->not_after.epoch;
		}
		d->validity_at = span(&c->validity_loc);
		if (c->known[SMK_EXT_AKI] != NULL && c->aki.has_keyid) {
			d->aki = smk_hex(a, c->aki.keyid.p, c->aki.keyid.len);
			d->aki_at = span(&c->aki.keyid_loc);
		}
	}

	const struct smk_atv *ou = smk_name_find(&c->subject, SMK_OID_AT_OU, NULL);
	if (ou != NULL) {
		d->role = smk_strndup(a, (const char *)ou->value.p, ou->value.len < 64 ? ou->value.len : 64);
		if (ou->value.len == 2 && isxdigit(ou->value.p[0]) && isxdigit(ou->value.p[1])) {
			char hx[3] = {(char)ou->value.p[0], (char)ou->value.p[1], '\0'};
			d->role_code = (int)strtol(hx, NULL, 16);
		}
	}
	const struct smk_atv *uid = smk_name_find(&c->subject, SMK_OID_AT_UNIQUE_IDENTIFIER, NULL);
	if (uid != NULL) {
		const uint8_t *p = uid->value.p;
		size_t len = uid->value.len;
		if (uid->tag == 0x03 && len > 0) {
			p++;
			len--;
		}
		d->entity = smk_hex(a, p, len);
	} else {
		for (size_t i = 0; i < c->n_san; i++)
			if (c->san[i].hw_module && c->san[i].hw_ok) {
				d->entity = smk_hex(a, c->san[i].hw_serial.p, c->san[i].hw_serial.len);
				d->entity_is_device = 1;
				break;
			}
	}
	const struct smk_ext *ku = c->known[SMK_EXT_KEY_USAGE];
	if (ku != NULL && ku->decoded) {
		d->has_key_usage = 1;
		d->key_usage = c->ku.bits;
		d->key_usage_names = ku_names(c->ku.bits, a);
	}
	if (c->n_policies > 0 && c->policies[0].oid != NULL) {
		d->policy = smk_strdup(a, c->policies[0].oid);
		d->environment = environment_of(set, d->policy);
	}
	return a->failed ? SMKILINT_ENOMEM : 0;
}

static const char *const role_names[] = {
	[0] = "root", [1] = "recovery", [2] = "supplier", [3] = "networkOperator", [4] = "accessControlBroker",
	[5] = "transitionalCoS", [6] = "wanProvider", [7] = "issuingAuthority", [8] = "loadController",
};

const char *smkilint_role_name(int code)
{
	if (code >= 0 && code < (int)(sizeof(role_names) / sizeof(role_names[0])))
		return role_names[code];
	switch (code) {
	case 0x7f: return "other";
	case 0x87: return "xmlSign";
	case 0x89: return "dspXmlSign";
	default: return NULL;
	}
}

/* ================================================================ accumulator */

#define NONE UINT32_MAX
#define MAX_INTERNED 65536      /* distinct issuer names and AKIs kept as text; beyond, only their ids */

enum {
	F_KU = 1,
	F_VALIDITY = 2,
	F_PEM = 4,
	F_COPY = 8,              /* the same DER as an earlier entry: checked once */
	F_DEVICE = 16,
};

/* One distinct certificate: 136 bytes. */
struct entry {
	uint8_t cert[8];
	uint8_t key[16];
	uint8_t serial[8];
	uint8_t entity[8];       /* entity_len 1..8: the octets; 9: a hash of a longer value */
	int64_t nb, na;
	uint64_t index;          /* in its input */
	uint64_t seq;            /* smkilint_bulk_add() order */
	uint64_t pos;            /* PEM line, or offset in the input */
	uint32_t input, issuer, aki, profile;   /* interned ids; NONE */
	uint32_t at[8];          /* serial, key, validity, AKI: offset and length (0: absent) */
	uint16_t ku;
	int16_t role;            /* -1 none; 0..255 two hex digits; 256 + hash: another OU */
	uint8_t entity_len;
	uint8_t flags;
};

/* A table of strings, and an index from 16-byte hashes to their ids. */
struct strtab {
	char **s;
	size_t n, cap;
};

struct idmap {
	uint8_t (*key)[16];
	uint32_t *id;            /* NONE: empty slot */
	size_t cap, n;
};

enum bulk_lint {
	BL_DUP_SERIAL,
	BL_KEY_USAGES,
	BL_KEY_SUBJECTS,
	BL_KEY_ISSUERS,
	BL_RENEWAL,
	BL_OVERLAP,
	BL_CA_NEAR,
	BL_CA_EXCEEDED,
	BL_COUNT
};

static const char *const bulk_ids[BL_COUNT] = {
	"smki.bulk.duplicate_serial_per_issuer", "smki.bulk.key_shared_across_usages",
	"smki.bulk.key_shared_across_subjects",  "smki.bulk.key_shared_across_issuers",
	"smki.bulk.renewal_same_key",            "smki.bulk.overlapping_validity",
	"smki.bulk.ca_capacity_near",            "smki.bulk.ca_capacity_exceeded",
};

/* One bulk finding; its involved entries are refs[ref0 .. ref0 + n_refs). */
struct bfind {
	uint32_t entry;
	uint32_t ref0;
	uint64_t total;          /* certificates involved in all */
	int64_t v[3];            /* numbers for the message, by lint */
	uint32_t order;          /* creation order, for a stable sort */
	uint16_t n_refs;
	uint8_t lint;
	uint8_t sub;             /* capacity: 0 the number of certificates, 1 the period */
};

struct smkilint_bulk {
	pthread_mutex_t mu;
	smkilint_bulk_limits lim;
	struct entry *e;
	size_t n, cap;
	uint64_t seq;
	bool finished;
	struct strtab inputs, issuers, akis, profiles;
	struct idmap issuer_ids, aki_ids;
	struct bfind *f;
	size_t n_f, cap_f;
	uint32_t *refs;
	size_t n_refs, cap_refs;
	size_t *rep_first;       /* first finding of each report (findings sorted by entry), n_rep + 1 slots */
	size_t n_rep;
	int err;
};

void smkilint_bulk_limits_default(smkilint_bulk_limits *l)
{
	l->ca_max_certificates = 100000;
	l->ca_max_months = 3;
	l->ca_max_seconds = 0;
	l->ca_warn_fraction = 0.9;
}

int smkilint_bulk_new(smkilint_bulk **out, const smkilint_bulk_limits *limits)
{
	*out = NULL;
	smkilint_bulk_limits l;
	if (limits != NULL)
		l = *limits;
	else
		smkilint_bulk_limits_default(&l);
	if (l.ca_max_certificates == 0 || (l.ca_max_months == 0 && l.ca_max_seconds <= 0) || l.ca_max_months > 12000 ||
	    !(l.ca_warn_fraction > 0.0 && l.ca_warn_fraction <= 1.0))
		return SMKILINT_EINVAL;
	smkilint_bulk *b = calloc(1, sizeof(*b));
	if (b == NULL)
		return SMKILINT_ENOMEM;
	if (pthread_mutex_init(&b->mu, NULL) != 0) {
		free(b);
		return SMKILINT_ENOMEM;
	}
	b->lim = l;
	*out = b;
	return 0;
}

static void strtab_free(struct strtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
}

void smkilint_bulk_free(smkilint_bulk *b)
{
	if (b == NULL)
		return;
	pthread_mutex_destroy(&b->mu);
	free(b->e);
	strtab_free(&b->inputs);
	strtab_free(&b->issuers);
	strtab_free(&b->akis);
	strtab_free(&b->profiles);
	free(b->issuer_ids.key);
	free(b->issuer_ids.id);
	free(b->aki_ids.key);
	free(b->aki_ids.id);
	free(b->f);
	free(b->refs);
	free(b->rep_first);
	free(b);
}

/* Grow an array of n elements of size sz to hold one more. */
static int grow(void **p, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? 2 * *cap : 64;
	if (nc > SIZE_MAX / sz)
		return SMKILINT_ENOMEM;
	void *q = realloc(*p, nc * sz);
	if (q == NULL)
		return SMKILINT_ENOMEM;
	*p = q;
	*cap = nc;
	return 0;
}

/* Append a copy of s (NULL: an empty slot); returns its id or NONE. */
static uint32_t strtab_add(struct strtab *t, const char *s)
{
	if (t->n >= NONE - 1 || grow((void **)&t->s, &t->cap, t->n, sizeof(*t->s)) != 0)
		return NONE;
	char *copy = NULL;
	if (s != NULL && (copy = strdup(s)) == NULL)
		return NONE;
	t->s[t->n] = copy;
	return (uint32_t)t->n++;
}

static uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static int idmap_rehash(struct idmap *m)
{
	size_t nc = m->cap ? 2 * m->cap : 256;
	uint8_t (*key)[16] = malloc(nc * 16);
	uint32_t *id = malloc(nc * sizeof(*id));
	if (key == NULL || id == NULL) {
		free(key);
		free(id);
		return SMKILINT_ENOMEM;
	}
	for (size_t i = 0; i < nc; i++)
		id[i] = NONE;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->id[i] == NONE)
			continue;
		size_t s = load64(m->key[i]) & (nc - 1);
		while (id[s] != NONE)
			s = (s + 1) & (nc - 1);
		memcpy(key[s], m->key[i], 16);
		id[s] = m->id[i];
	}
	free(m->key);
	free(m->id);
	m->key = key;
	m->id = id;
	m->cap = nc;
	return 0;
}

/* The id of a hash, given a new one (from t, with text when fewer than
 * MAX_INTERNED are kept) when it is new. */
static uint32_t intern(struct idmap *m, struct strtab *t, const uint8_t hash[16], const char *text)
{
	if (2 * (m->n + 1) > m->cap && idmap_rehash(m) != 0)
		return NONE;
	size_t s = load64(hash) & (m->cap - 1);
	while (m->id[s] != NONE) {
		if (memcmp(m->key[s], hash, 16) == 0)
			return m->id[s];
		s = (s + 1) & (m->cap - 1);
	}
	uint32_t id = strtab_add(t, t->n < MAX_INTERNED ? text : NULL);
	if (id == NONE)
		return NONE;
	memcpy(m->key[s], hash, 16);
	m->id[s] = id;
	m->n++;
	return id;
}

static void put_at(uint32_t *at, const smkilint_span *s)
{
	bool ok = s->length > 0 && s->offset < UINT32_MAX && s->length < UINT32_MAX;
	at[0] = ok ? (uint32_t)s->offset : 0;
	at[1] = ok ? (uint32_t)s->length : 0;
}

static int hexval(int ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch - 'A' + 10;
}

static int add_locked(smkilint_bulk *b, const smkilint_report *r, const smkilint_item *item)
{
	uint64_t seq = b->seq++;
	const smkilint_digest *d = smkilint_report_digest(r);
	if (d == NULL || !d->decoded || d->kind != SMKILINT_ITEM_CERT)
		return 0;
	if (b->n >= NONE - 1)
		return SMKILINT_ENOMEM;
	if (grow((void **)&b->e, &b->cap, b->n, sizeof(*b->e)) != 0)
		return SMKILINT_ENOMEM;
	struct entry *e = &b->e[b->n];
	memset(e, 0, sizeof(*e));
	memcpy(e->cert, d->cert_sha256, sizeof(e->cert));
	memcpy(e->key, d->key_sha256, sizeof(e->key));
	memcpy(e->serial, d->serial_sha256, sizeof(e->serial));
	e->seq = seq;
	e->index = smkilint_report_index(r);
	e->issuer = e->aki = e->profile = NONE;

	const char *in = smkilint_report_input(r);
	if (b->inputs.n > 0 && strcmp(b->inputs.s[b->inputs.n - 1], in) == 0)
		e->input = (uint32_t)(b->inputs.n - 1);
	else if ((e->input = strtab_add(&b->inputs, in)) == NONE)
		return SMKILINT_ENOMEM;
	if ((e->issuer = intern(&b->issuer_ids, &b->issuers, d->issuer_sha256, d->issuer)) == NONE)
		return SMKILINT_ENOMEM;
	if (d->aki != NULL) {
		uint8_t h[32];
		sha256(d->aki, strlen(d->aki), h);
		if ((e->aki = intern(&b->aki_ids, &b->akis, h, d->aki)) == NONE)
			return SMKILINT_ENOMEM;
	}
	const char *prof = smkilint_report_profile(r);
	if (prof != NULL) {
		for (size_t i = b->profiles.n; i-- > 0 && e->profile == NONE;)
			if (strcmp(b->profiles.s[i], prof) == 0)
				e->profile = (uint32_t)i;
		if (e->profile == NONE && (e->profile = strtab_add(&b->profiles, prof)) == NONE)
			return SMKILINT_ENOMEM;
	}
	if (d->entity != NULL) {
		size_t hl = strlen(d->entity);
		if (hl <= 16 && hl % 2 == 0) {
			for (size_t i = 0; i < hl / 2; i++)
				e->entity[i] = (uint8_t)(hexval(d->entity[2 * i]) << 4 | hexval(d->entity[2 * i + 1]));
			e->entity_len = (uint8_t)(hl / 2);
			if (e->entity_len == 0)
				e->entity_len = 10;    /* present but empty */
		} else {
			uint8_t h[32];
			sha256(d->entity, hl, h);
			memcpy(e->entity, h, sizeof(e->entity));
			e->entity_len = 9;
		}
		if (d->entity_is_device)
			e->flags |= F_DEVICE;
	}
	if (d->role != NULL) {
		if (d->role_code >= 0 && d->role_code <= 0xff) {
			e->role = (int16_t)d->role_code;
		} else {
			uint8_t h[32];
			sha256(d->role, strlen(d->role), h);
			e->role = (int16_t)(0x100 + (h[0] << 8 | h[1]) % 0x7e00);
		}
	} else {
		e->role = -1;
	}
	if (d->has_key_usage) {
		e->flags |= F_KU;
		e->ku = (uint16_t)(d->key_usage & 0xffff);
	}
	if (d->has_validity) {
		e->flags |= F_VALIDITY;
		e->nb = d->not_before;
		e->na = d->not_after;
	}
	put_at(e->at, &d->serial_at);
	put_at(e->at + 2, &d->key_at);
	put_at(e->at + 4, &d->validity_at);
	put_at(e->at + 6, &d->aki_at);
	if (item != NULL) {
		if (item->is_pem)
			e->flags |= F_PEM;
		e->pos = item->is_pem ? item->line : item->input_offset;
	}
	b->n++;
	return 0;
}

int smkilint_bulk_add(smkilint_bulk *b, const smkilint_report *r, const smkilint_item *item)
{
	if (b == NULL || r == NULL)
		return SMKILINT_EINVAL;
	pthread_mutex_lock(&b->mu);
	int rc = b->finished ? SMKILINT_EINVAL : add_locked(b, r, item);
	pthread_mutex_unlock(&b->mu);
	return rc;
}

size_t smkilint_bulk_count(const smkilint_bulk *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n; i++)
		n += !(b->e[i].flags & F_COPY);
	return b->finished ? n : b->n;
}

static size_t strtab_bytes(const struct strtab *t)
{
	size_t n = t->cap * sizeof(*t->s);
	for (size_t i = 0; i < t->n; i++)
		n += t->s[i] != NULL ? strlen(t->s[i]) + 1 : 0;
	return n;
}

size_t smkilint_bulk_memory(const smkilint_bulk *b)
{
	return sizeof(*b) + b->cap * sizeof(*b->e) + strtab_bytes(&b->inputs) + strtab_bytes(&b->issuers) +
	       strtab_bytes(&b->akis) + strtab_bytes(&b->profiles) + (b->issuer_ids.cap + b->aki_ids.cap) * 20 +
	       b->cap_f * sizeof(*b->f) + b->cap_refs * sizeof(*b->refs) +
	       (b->rep_first != NULL ? (b->n_rep + 1) * sizeof(*b->rep_first) : 0);
}

/* ================================================================ the checks */

static int add_finding(smkilint_bulk *b, enum bulk_lint lint, uint32_t entry, const uint32_t *refs, size_t n_refs,
		       uint64_t total, int64_t v0, int64_t v1, int64_t v2, int sub)
{
	if (b->n_f >= NONE - 1 || grow((void **)&b->f, &b->cap_f, b->n_f, sizeof(*b->f)) != 0)
		return b->err = SMKILINT_ENOMEM;
	if (n_refs > SMKILINT_BULK_MAX_INVOLVED)
		n_refs = SMKILINT_BULK_MAX_INVOLVED;
	while (b->n_refs + n_refs > b->cap_refs)
		if (grow((void **)&b->refs, &b->cap_refs, b->cap_refs, sizeof(*b->refs)) != 0)
			return b->err = SMKILINT_ENOMEM;
	if (b->n_refs + n_refs >= NONE)
		return b->err = SMKILINT_ENOMEM;
	struct bfind *f = &b->f[b->n_f];
	f->entry = entry;
	f->ref0 = (uint32_t)b->n_refs;
	f->n_refs = (uint16_t)n_refs;
	f->total = total;
	f->v[0] = v0;
	f->v[1] = v1;
	f->v[2] = v2;
	f->lint = (uint8_t)lint;
	f->sub = (uint8_t)sub;
	f->order = (uint32_t)b->n_f;
	if (n_refs > 0)
		memcpy(b->refs + b->n_refs, refs, n_refs * sizeof(*refs));
	b->n_refs += n_refs;
	b->n_f++;
	return 0;
}

/* qsort_r comparators over entry indexes; arg is the entry array. */
#define E(x) (&((const struct entry *)arg)[*(const uint32_t *)(x)])
#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

static int by_cert(const void *x, const void *y, void *arg)
{
	int c = memcmp(E(x)->cert, E(y)->cert, sizeof(E(x)->cert));
	return c ? c : CMP(E(x)->seq, E(y)->seq);
}

static int by_serial(const void *x, const void *y, void *arg)
{
	int c = CMP(E(x)->issuer, E(y)->issuer);
	if (!c)
		c = memcmp(E(x)->serial, E(y)->serial, sizeof(E(x)->serial));
	return c ? c : CMP(E(x)->seq, E(y)->seq);
}

static int by_key(const void *x, const void *y, void *arg)
{
	int c = memcmp(E(x)->key, E(y)->key, sizeof(E(x)->key));
	if (!c)
		c = CMP(E(x)->issuer, E(y)->issuer);
	if (!c)
		c = CMP(E(x)->nb, E(y)->nb);
	return c ? c : CMP(E(x)->seq, E(y)->seq);
}

static bool same_entity(const struct entry *a, const struct entry *b)
{
	return a->entity_len == b->entity_len && memcmp(a->entity, b->entity, sizeof(a->entity)) == 0;
}

static int by_subject(const void *x, const void *y, void *arg)
{
	const struct entry *a = E(x), *b = E(y);
	int c = CMP(a->entity_len, b->entity_len);
	if (!c)
		c = memcmp(a->entity, b->entity, sizeof(a->entity));
	if (!c)
		c = CMP(a->role, b->role);
	if (!c)
		c = CMP(a->ku, b->ku);
	if (!c)
		c = CMP(a->nb, b->nb);
	return c ? c : CMP(a->seq, b->seq);
}

static int by_aki(const void *x, const void *y, void *arg)
{
	int c = CMP(E(x)->aki, E(y)->aki);
	if (!c)
		c = CMP(E(x)->nb, E(y)->nb);
	return c ? c : CMP(E(x)->seq, E(y)->seq);
}

static int by_seq(const void *x, const void *y, void *arg)
{
	return CMP(E(x)->seq, E(y)->seq);
}

#undef E

/* Involved list: the finding's own certificate first, then the others in
 * input order (sequence numbers), at most SMKILINT_BULK_MAX_INVOLVED. */
static size_t make_refs(const smkilint_bulk *b, uint32_t self, const uint32_t *others, size_t n, uint32_t *out)
{
	size_t k = 0;
	out[k++] = self;
	for (size_t i = 0; i < n && k < SMKILINT_BULK_MAX_INVOLVED; i++)
		if (others[i] != self)
			out[k++] = others[i];
	qsort_r(out + 1, k - 1, sizeof(*out), by_seq, b->e);
	return k;
}

/* Same issuer (RFC 5280 §7.1) and serial, different DER: every one of them. */
static void check_serials(smkilint_bulk *b, uint32_t *ix, size_t m)
{
	qsort_r(ix, m, sizeof(*ix), by_serial, b->e);
	uint32_t refs[SMKILINT_BULK_MAX_INVOLVED];
	for (size_t i = 0; i < m && !b->err;) {
		size_t j = i + 1;
		const struct entry *a = &b->e[ix[i]];
		while (j < m && b->e[ix[j]].issuer == a->issuer && memcmp(b->e[ix[j]].serial, a->serial, 8) == 0)
			j++;
		if (j - i > 1)
			for (size_t k = i; k < j && !b->err; k++) {
				size_t nr = make_refs(b, ix[k], ix + i, j - i, refs);
				add_finding(b, BL_DUP_SERIAL, ix[k], refs, nr, j - i, 0, 0, 0, 0);
			}
		i = j;
	}
}

#define REPS SMKILINT_BULK_MAX_INVOLVED

/* One group of certificates of the same key, sorted by issuer, notBefore. */
static void check_key_group(smkilint_bulk *b, const uint32_t *g, size_t n)
{
	const struct entry *E = b->e;
	uint32_t refs[REPS], reps[REPS + 1], ds[REPS], ka[REPS];
	size_t n_ds = 0, n_ka = 0, all_ds = 0, all_ka = 0;

	/* issuers: runs of the sorted group */
	size_t runs = 0, n_reps = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || E[g[i]].issuer != E[g[i - 1]].issuer) {
			runs++;
			if (n_reps < REPS)
				reps[n_reps++] = g[i];
		}
	if (runs > 1)
		for (size_t i = 0; i < n && !b->err; i++) {
			uint32_t other[REPS];
			size_t no = 0;
			for (size_t r = 0; r < n_reps; r++)
				if (E[reps[r]].issuer != E[g[i]].issuer)
					other[no++] = reps[r];
			size_t nr = make_refs(b, g[i], other, no, refs);
			add_finding(b, BL_KEY_ISSUERS, g[i], refs, nr, n, (int64_t)runs, 0, 0, 0);
		}

	/* Entity Identifiers: up to REPS + 1 distinct ones */
	n_reps = 0;
	bool more = false;
	for (size_t i = 0; i < n; i++) {
		if (E[g[i]].entity_len == 0)
			continue;
		bool seen = false;
		for (size_t r = 0; r < n_reps && !seen; r++)
			seen = same_entity(&E[reps[r]], &E[g[i]]);
		if (!seen && n_reps < REPS + 1)
			reps[n_reps++] = g[i];
		else if (!seen)
			more = true;
	}
	if (n_reps > 1)
		for (size_t i = 0; i < n && !b->err; i++) {
			if (E[g[i]].entity_len == 0)
				continue;
			uint32_t other[REPS + 1];
			size_t no = 0;
			for (size_t r = 0; r < n_reps; r++)
				if (!same_entity(&E[reps[r]], &E[g[i]]))
					other[no++] = reps[r];
			size_t nr = make_refs(b, g[i], other, no, refs);
			add_finding(b, BL_KEY_SUBJECTS, g[i], refs, nr, n, (int64_t)n_reps, more, 0, 0);
		}

	/* key usages: digitalSignature (bit 0) against keyAgreement (bit 4) */
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = &E[g[i]];
		if (!(e->flags & F_KU))
			continue;
		if (e->ku & 1u) {
			all_ds++;
			if (n_ds < REPS)
				ds[n_ds++] = g[i];
		}
		if (e->ku & (1u << 4)) {
			all_ka++;
			if (n_ka < REPS)
				ka[n_ka++] = g[i];
		}
	}
	if (all_ds > 0 && all_ka > 0)
		for (size_t i = 0; i < n && !b->err; i++) {
			const struct entry *e = &E[g[i]];
			if (!(e->flags & F_KU))
				continue;
			uint32_t other[2 * REPS];
			size_t no = 0;
			if (e->ku & 1u)
				for (size_t r = 0; r < n_ka; r++)
					other[no++] = ka[r];
			if (e->ku & (1u << 4))
				for (size_t r = 0; r < n_ds; r++) {
					bool dup = false;
					for (size_t q = 0; q < no && !dup; q++)
						dup = other[q] == ds[r];
					if (!dup)
						other[no++] = ds[r];
				}
			size_t self = 0;
			for (size_t q = 0; q < no; q++)
				self += other[q] == g[i];
			if (no == self)
				continue;    /* only itself: one certificate with both bits is a per-certificate matter */
			size_t nr = make_refs(b, g[i], other, no, refs);
			add_finding(b, BL_KEY_USAGES, g[i], refs, nr, all_ds + all_ka, (int64_t)e->ku, 0, 0, 0);
		}

	/* renewal: within one issuer, a later notBefore than an earlier certificate */
	for (size_t i = 0; i < n && !b->err;) {
		size_t j = i + 1;
		while (j < n && E[g[j]].issuer == E[g[i]].issuer)
			j++;
		size_t tie = i;   /* first certificate of the current notBefore */
		for (size_t k = i; k < j && !b->err; k++) {
			if (E[g[k]].nb != E[g[tie]].nb)
				tie = k;
			if (tie == i || !(E[g[k]].flags & F_VALIDITY) || !(E[g[i]].flags & F_VALIDITY))
				continue;
			size_t earlier = tie - i;
			size_t nr = make_refs(b, g[k], g + i, earlier < REPS - 1 ? earlier : REPS - 1, refs);
			add_finding(b, BL_RENEWAL, g[k], refs, nr, earlier + 1, E[g[i]].nb, 0, 0, 0);
		}
		i = j;
	}
}

static void check_keys(smkilint_bulk *b, uint32_t *ix, size_t m)
{
	qsort_r(ix, m, sizeof(*ix), by_key, b->e);
	for (size_t i = 0; i < m && !b->err;) {
		size_t j = i + 1;
		while (j < m && memcmp(b->e[ix[j]].key, b->e[ix[i]].key, 16) == 0)
			j++;
		if (j - i > 1)
			check_key_group(b, ix + i, j - i);
		i = j;
	}
}

/* A binary min-heap of entry indexes by notAfter. */
struct heap {
	uint32_t *h;
	size_t n;
};

static void heap_push(struct heap *hp, const struct entry *E, uint32_t v)
{
	size_t i = hp->n++;
	hp->h[i] = v;
	while (i > 0 && E[hp->h[(i - 1) / 2]].na > E[hp->h[i]].na) {
		uint32_t t = hp->h[i];
		hp->h[i] = hp->h[(i - 1) / 2];
		hp->h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static void heap_pop(struct heap *hp, const struct entry *E)
{
	hp->h[0] = hp->h[--hp->n];
	for (size_t i = 0;;) {
		size_t l = 2 * i + 1, r = l + 1, s = i;
		if (l < hp->n && E[hp->h[l]].na < E[hp->h[s]].na)
			s = l;
		if (r < hp->n && E[hp->h[r]].na < E[hp->h[s]].na)
			s = r;
		if (s == i)
			break;
		uint32_t t = hp->h[i];
		hp->h[i] = hp->h[s];
		hp->h[s] = t;
		i = s;
	}
}

/* Same Entity Identifier, role and key usage: each certificate valid while
 * an earlier-starting one still is. A sweep by notBefore keeps the ones
 * still valid in a heap ordered by notAfter. */
static void check_overlaps(smkilint_bulk *b, uint32_t *ix, size_t m)
{
	size_t k = 0;
	for (size_t i = 0; i < m; i++) {
		const struct entry *e = &b->e[ix[i]];
		if (e->entity_len != 0 && (e->flags & F_VALIDITY) && (e->flags & F_KU))
			ix[k++] = ix[i];
	}
	m = k;
	qsort_r(ix, m, sizeof(*ix), by_subject, b->e);
	struct heap hp = {malloc((m ? m : 1) * sizeof(uint32_t)), 0};
	if (hp.h == NULL) {
		b->err = SMKILINT_ENOMEM;
		return;
	}
	const struct entry *E = b->e;
	uint32_t refs[REPS];
	for (size_t i = 0; i < m && !b->err;) {
		size_t j = i + 1;
		while (j < m && same_entity(&E[ix[j]], &E[ix[i]]) && E[ix[j]].role == E[ix[i]].role &&
		       E[ix[j]].ku == E[ix[i]].ku)
			j++;
		hp.n = 0;
		for (size_t q = i; q < j && !b->err; q++) {
			const struct entry *e = &E[ix[q]];
			while (hp.n > 0 && E[hp.h[0]].na < e->nb)
				heap_pop(&hp, E);
			if (hp.n > 0) {
				size_t nr = make_refs(b, ix[q], hp.h, hp.n < REPS - 1 ? hp.n : REPS - 1, refs);
				add_finding(b, BL_OVERLAP, ix[q], refs, nr, hp.n + 1, 0, 0, 0, 0);
			}
			heap_push(&hp, E, ix[q]);
		}
		i = j;
	}
	free(hp.h);
}

/* t plus a number of calendar months, the day clamped to the month's end. */
static int64_t add_months(int64_t t, unsigned months)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (gmtime_r(&tt, &tm) == NULL)
		return INT64_MAX;
	long mon = tm.tm_mon + (long)months;
	tm.tm_year += (int)(mon / 12);
	tm.tm_mon = (int)(mon % 12);
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = tm.tm_year + 1900;
	int last = days[tm.tm_mon] + (tm.tm_mon == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (tm.tm_mday > last)
		tm.tm_mday = last;
	return (int64_t)timegm(&tm);
}

/* Per CA key (AKI): the number of certificates, and the span of their
 * notBefore from the first one. */
static void check_capacity(smkilint_bulk *b, uint32_t *ix, size_t m)
{
	size_t k = 0;
	for (size_t i = 0; i < m; i++) {
		const struct entry *e = &b->e[ix[i]];
		if (e->aki != NONE && (e->flags & F_VALIDITY))
			ix[k++] = ix[i];
	}
	m = k;
	qsort_r(ix, m, sizeof(*ix), by_aki, b->e);
	const struct entry *E = b->e;
	const smkilint_bulk_limits *L = &b->lim;
	double wx = (double)L->ca_max_certificates * L->ca_warn_fraction;
	uint64_t warn_n = (uint64_t)wx;
	if ((double)warn_n < wx - 1e-9)
		warn_n++;   /* rounded up: the first certificate at or past the fraction */
	if (warn_n == 0)
		warn_n = 1;
	uint32_t refs[2];
	for (size_t i = 0; i < m && !b->err;) {
		size_t j = i + 1;
		while (j < m && E[ix[j]].aki == E[ix[i]].aki)
			j++;
		uint64_t count = j - i;
		int64_t first = E[ix[i]].nb;
		/* the number of certificates */
		if (count > L->ca_max_certificates) {
			uint32_t at = ix[i + L->ca_max_certificates];
			size_t nr = make_refs(b, at, &ix[i], 1, refs);
			add_finding(b, BL_CA_EXCEEDED, at, refs, nr, count, (int64_t)count,
				    (int64_t)L->ca_max_certificates, (int64_t)L->ca_max_certificates + 1, 0);
		} else if (count >= warn_n) {
			uint32_t at = ix[i + warn_n - 1];
			size_t nr = make_refs(b, at, &ix[i], 1, refs);
			add_finding(b, BL_CA_NEAR, at, refs, nr, count, (int64_t)count, (int64_t)L->ca_max_certificates,
				    (int64_t)warn_n, 0);
		}
		/* the period after the first issuance */
		int64_t end = L->ca_max_months ? add_months(first, L->ca_max_months)
					       : (first > INT64_MAX - L->ca_max_seconds ? INT64_MAX : first + L->ca_max_seconds);
		double warn_at = (double)first + L->ca_warn_fraction * ((double)end - (double)first);
		size_t over = j, near = j;
		for (size_t q = i; q < j; q++) {
			if (near == j && (double)E[ix[q]].nb >= warn_at)
				near = q;
			if (E[ix[q]].nb > end) {
				over = q;
				break;
			}
		}
		if (!b->err && over < j) {
			size_t nr = make_refs(b, ix[over], &ix[i], 1, refs);
			add_finding(b, BL_CA_EXCEEDED, ix[over], refs, nr, count, first, end, E[ix[over]].nb, 1);
		} else if (!b->err && near < j) {
			size_t nr = make_refs(b, ix[near], &ix[i], 1, refs);
			add_finding(b, BL_CA_NEAR, ix[near], refs, nr, count, first, end, E[ix[near]].nb, 1);
		}
		i = j;
	}
}

static int by_finding(const void *x, const void *y, void *arg)
{
	const smkilint_bulk *b = arg;
	const struct bfind *p = x, *q = y;
	int c = CMP(b->e[p->entry].seq, b->e[q->entry].seq);
	if (!c)
		c = CMP(p->lint, q->lint);
	return c ? c : CMP(p->order, q->order);
}

static int finish_locked(smkilint_bulk *b)
{
	if (b->finished)
		return b->err;
	b->finished = true;
	uint32_t *ix = malloc((b->n ? b->n : 1) * sizeof(*ix));
	if (ix == NULL)
		return b->err = SMKILINT_ENOMEM;
	for (size_t i = 0; i < b->n; i++)
		ix[i] = (uint32_t)i;
	/* the same DER twice is one certificate */
	qsort_r(ix, b->n, sizeof(*ix), by_cert, b->e);
	size_t m = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (m > 0 && memcmp(b->e[ix[i]].cert, b->e[ix[m - 1]].cert, 8) == 0)
			b->e[ix[i]].flags |= F_COPY;
		else
			ix[m++] = ix[i];
	}
	uint32_t *work = malloc((m ? m : 1) * sizeof(*work));
	if (work == NULL) {
		free(ix);
		return b->err = SMKILINT_ENOMEM;
	}
	/* each check sorts (and may filter) its own copy of the distinct certificates */
	memcpy(work, ix, m * sizeof(*ix));
	check_serials(b, work, m);
	memcpy(work, ix, m * sizeof(*ix));
	if (!b->err)
		check_keys(b, work, m);
	memcpy(work, ix, m * sizeof(*ix));
	if (!b->err)
		check_capacity(b, work, m);
	memcpy(work, ix, m * sizeof(*ix));
	if (!b->err)
		check_overlaps(b, work, m);
	free(work);
	free(ix);
	if (b->err)
		return b->err;
	if (b->n_f > 0)
		qsort_r(b->f, b->n_f, sizeof(*b->f), by_finding, b);
	b->rep_first = malloc((b->n_f + 1) * sizeof(*b->rep_first));
	if (b->rep_first == NULL)
		return b->err = SMKILINT_ENOMEM;
	b->n_rep = 0;
	for (size_t i = 0; i < b->n_f; i++)
		if (i == 0 || b->f[i].entry != b->f[i - 1].entry)
			b->rep_first[b->n_rep++] = i;
	b->rep_first[b->n_rep] = b->n_f;
	return 0;
}

int smkilint_bulk_finish(smkilint_bulk *b)
{
	if (b == NULL)
		return SMKILINT_EINVAL;
	pthread_mutex_lock(&b->mu);
	int rc = finish_locked(b);
	pthread_mutex_unlock(&b->mu);
	return rc;
}

size_t smkilint_bulk_report_count(const smkilint_bulk *b)
{
	return b != NULL && b->finished && b->err == 0 ? b->n_rep : 0;
}

/* ================================================================ reports */

static const char *when(struct smk_arena *a, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[64];
	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return smk_printf(a, "%lld", (long long)t);
	return smk_strdup(a, buf);
}

static const char *cert_name(const smkilint_bulk *b, struct smk_arena *a, uint32_t e)
{
	return smk_printf(a, "%s #%llu", b->inputs.s[b->e[e].input], (unsigned long long)b->e[e].index);
}

static const char *issuer_text(const smkilint_bulk *b, uint32_t e)
{
	const char *s = b->issuers.s[b->e[e].issuer];
	return s == NULL ? "(an issuer not kept as text)" : s[0] ? s : "(empty name)";
}

static const char *aki_text(const smkilint_bulk *b, uint32_t e)
{
	const char *s = b->akis.s[b->e[e].aki];
	return s != NULL ? s : "(not kept as text)";
}

static const char *entity_text(struct smk_arena *a, const struct entry *e)
{
	if (e->entity_len == 0)
		return "(none)";
	if (e->entity_len > 8)
		return e->entity_len == 10 ? "(empty)" : "(longer than 8 octets)";
	return smk_hex(a, e->entity, e->entity_len);
}

static const char *role_text(struct smk_arena *a, const struct entry *e)
{
	if (e->role < 0)
		return "none";
	if (e->role > 0xff)
		return "an OU that is not two hex digits";
	const char *n = smkilint_role_name(e->role);
	return smk_printf(a, "%02X%s%s%s", e->role, n ? " (" : "", n ? n : "", n ? ")" : "");
}

/* "this one and X #1, Y #2 and 3 more" over the refs (the first is itself). */
static const char *others_text(const smkilint_bulk *b, struct smk_arena *a, const struct bfind *f)
{
	const uint32_t *r = b->refs + f->ref0;
	size_t shown = f->n_refs > 3 ? 2 : f->n_refs - 1;
	char *s = smk_printf(a, "%llu certificates: this one", (unsigned long long)f->total);
	for (size_t i = 1; s != NULL && i <= shown; i++)
		s = smk_printf(a, "%s%s%s", s, i == shown && f->total == (uint64_t)shown + 1 ? " and " : ", ",
			       cert_name(b, a, r[i]));
	if (s != NULL && f->total > (uint64_t)shown + 1)
		s = smk_printf(a, "%s and %llu more", s, (unsigned long long)(f->total - shown - 1));
	return s;
}

static int finding_report(smkilint_report *r, const smkilint_bulk *b, const struct bfind *f)
{
	struct smk_arena *a = smk_report_arena(r);
	const struct entry *e = &b->e[f->entry];
	const struct smk_lint *lint = smk_lint_by_id(bulk_ids[f->lint]);
	if (lint == NULL)
		return SMKILINT_EINVAL;
	int at = 0;   /* which stored span */
	const char *path = "tbsCertificate.serialNumber", *msg = NULL, *expected = "", *found = others_text(b, a, f);
	const smkilint_bulk_limits *L = &b->lim;
	switch ((enum bulk_lint)f->lint) {
	case BL_DUP_SERIAL:
		msg = smk_printf(a, "%llu different certificates of issuer %s carry this serial number",
				 (unsigned long long)f->total, issuer_text(b, f->entry));
		expected = "a serial number used by one certificate of the issuer";
		break;
	case BL_KEY_USAGES:
		at = 2;
		path = "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey";
		msg = smk_printf(a, "this key (certified here for %s) is also certified for %s",
				 (e->ku & 1u) && (e->ku & 16u) ? "digitalSignature and keyAgreement"
				 : (e->ku & 1u)		  ? "digitalSignature"
							  : "keyAgreement",
				 (e->ku & 1u) && !(e->ku & 16u) ? "keyAgreement"
				 : !(e->ku & 1u)		? "digitalSignature"
								: "digitalSignature or keyAgreement");
		expected = "a key pair used for digitalSignature or for keyAgreement, not both";
		break;
	case BL_KEY_SUBJECTS:
		at = 2;
		path = "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey";
		msg = smk_printf(a, "this key is certified for %s%lld Entity Identifiers (here %s)", f->v[1] ? "more than " : "",
				 (long long)f->v[0], entity_text(a, e));
		expected = "a key certified for one Entity Identifier";
		break;
	case BL_KEY_ISSUERS:
		at = 2;
		path = "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey";
		msg = smk_printf(a, "this key is certified by %lld issuers (here by %s)", (long long)f->v[0],
				 issuer_text(b, f->entry));
		expected = "a key certified by one issuer";
		break;
	case BL_RENEWAL:
		at = 2;
		path = "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey";
		msg = smk_printf(a, "re-certifies a key that %s certified before (first on %s; this one from %s)",
				 issuer_text(b, f->entry), when(a, f->v[0]), when(a, e->nb));
		expected = "a new key pair at renewal";
		break;
	case BL_OVERLAP:
		at = 4;
		path = "tbsCertificate.validity";
		msg = smk_printf(a, "valid at the same time as %llu other certificate%s for Entity Identifier %s, role %s, %s",
				 (unsigned long long)(f->total - 1), f->total == 2 ? "" : "s", entity_text(a, e),
				 role_text(a, e), ku_names(e->ku, a));
		expected = "one valid certificate per Entity Identifier, role and key usage at a time";
		break;
	case BL_CA_NEAR:
	case BL_CA_EXCEEDED: {
		bool over = f->lint == BL_CA_EXCEEDED;
		if (f->sub == 0) {
			at = 6;
			path = "tbsCertificate.extensions[authorityKeyIdentifier].extnValue.keyIdentifier";
			msg = over ? smk_printf(a, "CA key %s issued %lld certificates, more than its capacity of %lld: this one "
						   "is number %lld by notBefore",
						aki_text(b, f->entry), (long long)f->v[0], (long long)f->v[1], (long long)f->v[2])
				   : smk_printf(a, "CA key %s issued %lld certificates, %.0f%% of its capacity of %lld: this one "
						   "is number %lld by notBefore (warning from %.0f%%)",
						aki_text(b, f->entry), (long long)f->v[0], 100.0 * (double)f->v[0] / (double)f->v[1],
						(long long)f->v[1], (long long)f->v[2], 100.0 * L->ca_warn_fraction);
			expected = over ? smk_printf(a, "at most %llu certificates per Issuing CA key",
						     (unsigned long long)L->ca_max_certificates)
					: smk_printf(a, "fewer than %lld certificates (%.0f%% of %llu)", (long long)f->v[2],
						     100.0 * L->ca_warn_fraction, (unsigned long long)L->ca_max_certificates);
			found = smk_printf(a, "%lld certificates; the first by notBefore is %s", (long long)f->v[0],
					   cert_name(b, a, b->refs[f->ref0 + (f->n_refs > 1)]));
		} else {
			at = 4;
			path = "tbsCertificate.validity";
			const char *period = L->ca_max_months ? smk_printf(a, "%u month%s", L->ca_max_months,
									   L->ca_max_months == 1 ? "" : "s")
							      : smk_printf(a, "%lld seconds", (long long)L->ca_max_seconds);
			double pct = f->v[1] > f->v[0] ? 100.0 * (double)(f->v[2] - f->v[0]) / (double)(f->v[1] - f->v[0]) : 100.0;
			msg = over ? smk_printf(a, "CA key %s issued this certificate on %s, after its period of %s from its first "
						   "issuance on %s (until %s)",
						aki_text(b, f->entry), when(a, f->v[2]), period, when(a, f->v[0]), when(a, f->v[1]))
				   : smk_printf(a, "CA key %s issued this certificate on %s, %.0f%% into its period of %s from its "
						   "first issuance on %s (until %s; warning from %.0f%%)",
						aki_text(b, f->entry), when(a, f->v[2]), pct, period, when(a, f->v[0]),
						when(a, f->v[1]), 100.0 * L->ca_warn_fraction);
			expected = over ? smk_printf(a, "notBefore until %s (%s after the first issuance)", when(a, f->v[1]), period)
					: smk_printf(a, "notBefore before %.0f%% of the period", 100.0 * L->ca_warn_fraction);
			found = smk_printf(a, "notBefore %s; the first issuance is %s", when(a, f->v[2]),
					   cert_name(b, a, b->refs[f->ref0 + (f->n_refs > 1)]));
		}
		break;
	}
	default:
		return SMKILINT_EINVAL;
	}
	struct smk_loc loc = {e->at[at], e->at[at + 1], path};
	if (msg == NULL || found == NULL || expected == NULL)
		return SMKILINT_ENOMEM;
	int rc = smk_report_add(r, lint->info.id, lint->info.severity, lint->info.citation, &loc, msg, expected, found);
	if (rc != 0)
		return rc;
	smkilint_cert_ref refs[SMKILINT_BULK_MAX_INVOLVED];
	for (size_t k = 0; k < f->n_refs; k++) {
		const struct entry *x = &b->e[b->refs[f->ref0 + k]];
		refs[k].input = b->inputs.s[x->input];
		refs[k].index = (size_t)x->index;
	}
	return smk_report_set_involved(r, smkilint_report_count(r) - 1, refs, f->n_refs);
}

int smkilint_bulk_report(smkilint_report **out, smkilint_bulk_origin *origin, const smkilint_bulk *b, size_t i)
{
	*out = NULL;
	if (b == NULL || !b->finished || b->err != 0)
		return SMKILINT_EINVAL;
	if (i >= b->n_rep)
		return SMKILINT_ENOENT;
	const struct bfind *f0 = &b->f[b->rep_first[i]];
	const struct entry *e = &b->e[f0->entry];
	smkilint_report *r = smk_report_new(b->inputs.s[e->input], (size_t)e->index);
	if (r == NULL)
		return SMKILINT_ENOMEM;
	int rc = smk_report_set_profile(r, e->profile != NONE ? b->profiles.s[e->profile] : NULL,
					e->profile != NONE ? "the profile the certificate was linted with" : NULL);
	for (size_t k = b->rep_first[i]; rc == 0 && k < b->rep_first[i + 1]; k++)
		rc = finding_report(r, b, &b->f[k]);
	if (rc != 0) {
		smkilint_report_free(r);
		return rc;
	}
	if (origin != NULL) {
		origin->seq = (size_t)e->seq;
		origin->is_pem = (e->flags & F_PEM) != 0;
		origin->line = origin->is_pem ? (size_t)e->pos : 0;
		origin->input_offset = origin->is_pem ? 0 : (size_t)e->pos;
	}
	*out = r;
	return 0;
}
