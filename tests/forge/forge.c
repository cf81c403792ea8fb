/* The certificate forge (see forge.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "forge.h"

struct fg {
	void **alloc;            /* everything handed out, freed by fg_free */
	size_t n_alloc, cap_alloc;
	unsigned gen;            /* fg_encode pass, to tell stale offsets */
};

static void die(const char *what)
{
	fprintf(stderr, "forge: %s\n", what);
	abort();
}

static void *fg_alloc(struct fg *g, size_t n)
{
	if (g->n_alloc == g->cap_alloc) {
		size_t cap = g->cap_alloc ? 2 * g->cap_alloc : 64;
		void **a = realloc(g->alloc, cap * sizeof(*a));
		if (a == NULL)
			die("out of memory");
		g->alloc = a;
		g->cap_alloc = cap;
	}
	void *p = calloc(1, n ? n : 1);
	if (p == NULL)
		die("out of memory");
	g->alloc[g->n_alloc++] = p;
	return p;
}

struct fg *fg_new(void)
{
	struct fg *g = calloc(1, sizeof(*g));
	if (g == NULL)
		die("out of memory");
	return g;
}

void fg_free(struct fg *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n_alloc; i++)
		free(g->alloc[i]);
	free(g->alloc);
	free(g);
}

/* ------------------------------------------------------------- nodes */

static struct fg_node *node(struct fg *g, uint8_t id)
{
	struct fg_node *n = fg_alloc(g, sizeof(*n));
	n->g = g;
	n->id = id;
	return n;
}

void fg_set_data(struct fg_node *n, const void *p, size_t len)
{
	n->data = fg_alloc(n->g, len);
	if (len)
		memcpy(n->data, p, len);
	n->len = len;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void fg_set_hex(struct fg_node *n, const char *hex)
{
	uint8_t *buf = fg_alloc(n->g, strlen(hex) / 2 + 1);
	size_t len = 0;
	for (const char *p = hex; *p; p++) {
		if (*p == ' ' || *p == ':' || *p == '\n')
			continue;
		int hi = hexval(p[0]), lo = hexval(p[1]);
		if (hi < 0 || lo < 0)
			die("bad hex string");
		buf[len++] = (uint8_t)(hi << 4 | lo);
		p++;
	}
	n->data = buf;
	n->len = len;
}

struct fg_node *fg_raw(struct fg *g, const void *p, size_t n)
{
	struct fg_node *r = node(g, 0);
	r->raw = true;
	fg_set_data(r, p, n);
	return r;
}

struct fg_node *fg_hex(struct fg *g, const char *hex)
{
	struct fg_node *r = node(g, 0);
	r->raw = true;
	fg_set_hex(r, hex);
	return r;
}

struct fg_node *fg_prim(struct fg *g, uint8_t id, const void *p, size_t n)
{
	struct fg_node *r = node(g, id);
	fg_set_data(r, p, n);
	return r;
}

struct fg_node *fg_prim_hex(struct fg *g, uint8_t id, const char *hex)
{
	struct fg_node *r = node(g, id);
	fg_set_hex(r, hex);
	return r;
}

void fg_add(struct fg_node *parent, struct fg_node *kid)
{
	if (parent->n_kid == parent->cap_kid) {
		size_t cap = parent->cap_kid ? 2 * parent->cap_kid : 4;
		struct fg_node **k = fg_alloc(parent->g, cap * sizeof(*k));
		if (parent->n_kid)
			memcpy(k, parent->kid, parent->n_kid * sizeof(*k));
		parent->kid = k;
		parent->cap_kid = cap;
	}
	parent->kid[parent->n_kid++] = kid;
}

struct fg_node *fg_cons(struct fg *g, uint8_t id, ...)
{
	struct fg_node *n = node(g, id);
	va_list ap;
	va_start(ap, id);
	for (struct fg_node *k; (k = va_arg(ap, struct fg_node *)) != NULL;)
		fg_add(n, k);
	va_end(ap);
	return n;
}

/* base 128, most significant group first, high bit on all but the last */
static size_t put_base128(uint8_t *out, unsigned long long v)
{
	uint8_t tmp[10];
	size_t n = 0;
	do {
		tmp[n++] = v & 0x7f;
		v >>= 7;
	} while (v);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i] | (i + 1 < n ? 0x80 : 0);
	return n;
}

struct fg_node *fg_oid(struct fg *g, const char *dotted)
{
	uint8_t buf[128];
	size_t len = 0;
	unsigned long long arc[32];
	size_t n = 0;
	for (const char *p = dotted; *p && n < 32;) {
		char *end;
		arc[n++] = strtoull(p, &end, 10);
		if (end == p || (*end != '.' && *end != '\0'))
			die("bad dotted OID");
		p = *end ? end + 1 : end;
	}
	if (n < 2)
		die("OID with fewer than two arcs");
	len += put_base128(buf, arc[0] * 40 + arc[1]);
	for (size_t i = 2; i < n && len + 10 <= sizeof(buf); i++)
		len += put_base128(buf + len, arc[i]);
	return fg_prim(g, 0x06, buf, len);
}

struct fg_node *fg_bool(struct fg *g, bool v)
{
	uint8_t b = v ? 0xff : 0x00;
	return fg_prim(g, 0x01, &b, 1);
}

struct fg_node *fg_int(struct fg *g, long v)
{
	uint8_t buf[sizeof(long) + 1];
	size_t n = sizeof(buf);
	unsigned long long u = (unsigned long long)v;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[sizeof(buf) - 1 - i] = (uint8_t)(i < sizeof(long) ? u >> (8 * i) : (v < 0 ? 0xff : 0));
	size_t start = 0;
	while (start + 1 < n && ((buf[start] == 0x00 && !(buf[start + 1] & 0x80)) ||
				 (buf[start] == 0xff && (buf[start + 1] & 0x80))))
		start++;
	return fg_prim(g, 0x02, buf + start, n - start);
}

struct fg_node *fg_str(struct fg *g, uint8_t id, const char *s)
{
	return fg_prim(g, id, s, strlen(s));
}

struct fg_node *fg_bits(struct fg *g, uint8_t unused, const void *p, size_t n)
{
	struct fg_node *b = node(g, 0x03);
	b->data = fg_alloc(g, n + 1);
	b->data[0] = unused;
	if (n)
		memcpy(b->data + 1, p, n);
	b->len = n + 1;
	return b;
}

struct fg_node *fg_wrap(struct fg *g, uint8_t id, struct fg_node *inner)
{
	struct fg_node *w = node(g, id);
	if (id == 0x03)
		fg_set_data(w, "", 1);   /* zero unused bits */
	fg_add(w, inner);
	return w;
}

struct fg_node *fg_atv(struct fg *g, const char *oid, struct fg_node *value)
{
	return fg_seq(g, fg_oid(g, oid), value);
}

/* ------------------------------------------------------------- edits */

struct fg_node *fg_clone(const struct fg_node *n)
{
	struct fg_node *c = node(n->g, n->id);
	*c = *n;
	c->kid = NULL;
	c->n_kid = c->cap_kid = 0;
	c->gen = 0;
	fg_set_data(c, n->data, n->len);
	for (size_t i = 0; i < n->n_kid; i++)
		fg_add(c, fg_clone(n->kid[i]));
	return c;
}

/* The parent of n below root, and n's index in it. */
static struct fg_node *parent_of(struct fg_node *root, const struct fg_node *n, size_t *idx)
{
	for (size_t i = 0; i < root->n_kid; i++) {
		if (root->kid[i] == n) {
			*idx = i;
			return root;
		}
		struct fg_node *p = parent_of(root->kid[i], n, idx);
		if (p != NULL)
			return p;
	}
	return NULL;
}

static struct fg_node *must_find(struct fg_node *root, const struct fg_node *n, size_t *idx)
{
	struct fg_node *p = parent_of(root, n, idx);
	if (p == NULL)
		die("node not found in the tree");
	return p;
}

void fg_replace(struct fg_node *root, struct fg_node *old, struct fg_node *n)
{
	size_t i;
	must_find(root, old, &i)->kid[i] = n;
}

void fg_remove(struct fg_node *root, struct fg_node *n)
{
	size_t i;
	struct fg_node *p = must_find(root, n, &i);
	memmove(p->kid + i, p->kid + i + 1, (p->n_kid - i - 1) * sizeof(*p->kid));
	p->n_kid--;
}

static void insert_at(struct fg_node *p, size_t i, struct fg_node *n)
{
	fg_add(p, n);   /* grows the array; then move n into place */
	memmove(p->kid + i + 1, p->kid + i, (p->n_kid - 1 - i) * sizeof(*p->kid));
	p->kid[i] = n;
}

void fg_insert_before(struct fg_node *root, struct fg_node *anchor, struct fg_node *n)
{
	size_t i;
	struct fg_node *p = must_find(root, anchor, &i);
	insert_at(p, i, n);
}

void fg_insert_after(struct fg_node *root, struct fg_node *anchor, struct fg_node *n)
{
	size_t i;
	struct fg_node *p = must_find(root, anchor, &i);
	insert_at(p, i + 1, n);
}

/* ------------------------------------------------------------- output */

static size_t len_octets_needed(size_t len)
{
	size_t n = 0;
	do {
		n++;
		len >>= 8;
	} while (len);
	return n;
}

/* The length octets say this, which is the truth unless len_delta lies. */
static size_t written_len(const struct fg_node *n)
{
	return (size_t)((long)n->body_len + n->len_delta);
}

/* First pass: contents and header lengths of every node. */
static size_t measure(struct fg_node *n)
{
	size_t body = n->len;
	for (size_t i = 0; i < n->n_kid; i++)
		body += measure(n->kid[i]);
	n->body_len = body;
	if (n->raw) {
		n->hdr_len = 0;
		return body;
	}
	size_t tag = n->tag_octets ? 1 + n->tag_octets : 1;
	size_t len;
	if (n->indefinite)
		len = 1;
	else if (n->len_octets)
		len = 1 + n->len_octets;
	else
		len = written_len(n) < 0x80 ? 1 : 1 + len_octets_needed(written_len(n));
	n->hdr_len = tag + len;
	return n->hdr_len + body + (n->indefinite ? 2 : 0);
}

static void emit(struct fg_node *n, uint8_t *out, size_t *pos, unsigned gen)
{
	n->off = *pos;
	n->gen = gen;
	uint8_t *p = out + *pos;
	if (!n->raw) {
		if (n->tag_octets) {
			/* high-tag-number form, padded with leading 0x80 octets */
			*p++ = (n->id & 0xe0) | 0x1f;
			for (unsigned i = 1; i < n->tag_octets; i++)
				*p++ = 0x80;
			*p++ = n->id & 0x1f;
		} else {
			*p++ = n->id;
		}
		if (n->indefinite) {
			*p++ = 0x80;
		} else if (n->len_octets || written_len(n) >= 0x80) {
			size_t v = written_len(n);
			size_t k = n->len_octets ? n->len_octets : len_octets_needed(v);
			*p++ = (uint8_t)(0x80 | k);
			for (size_t i = 0; i < k; i++)
				*p++ = (uint8_t)(i + sizeof(size_t) < k ? 0 : v >> (8 * (k - 1 - i)));
		} else {
			*p++ = (uint8_t)written_len(n);
		}
	}
	*pos += n->hdr_len;
	if (n->len)
		memcpy(out + *pos, n->data, n->len);
	*pos += n->len;
	for (size_t i = 0; i < n->n_kid; i++)
		emit(n->kid[i], out, pos, gen);
	if (n->indefinite && !n->raw) {
		out[(*pos)++] = 0;
		out[(*pos)++] = 0;
	}
}

const uint8_t *fg_encode(struct fg *g, struct fg_node *root, size_t *len)
{
	size_t total = measure(root);
	uint8_t *out = fg_alloc(g, total);
	size_t pos = 0;
	emit(root, out, &pos, ++g->gen);
	*len = total;
	return out;
}

static void check_encoded(const struct fg_node *n)
{
	if (n == NULL || n->gen == 0 || n->gen != n->g->gen)
		die("offset of a node that is not in the last encoding");
}

size_t fg_off(const struct fg_node *n)
{
	check_encoded(n);
	return n->off;
}

size_t fg_body_off(const struct fg_node *n)
{
	check_encoded(n);
	return n->off + n->hdr_len;
}

size_t fg_size(const struct fg_node *n)
{
	check_encoded(n);
	return n->hdr_len + n->body_len + (n->indefinite && !n->raw ? 2 : 0);
}

/* ------------------------------------------------------------- certificates */

#define OID_ECDSA_SHA256 "1.2.840.10045.4.3.2"
#define OID_EC_PUBLIC_KEY "1.2.840.10045.2.1"
#define OID_PRIME256V1 "1.2.840.10045.3.1.7"
#define OID_CN "2.5.4.3"
#define OID_OU "2.5.4.11"
#define OID_UNIQUE_ID "2.5.4.45"
#define OID_HW_MODULE_NAME "1.3.6.1.5.5.7.8.4"
#define OID_RTDS_HW_TYPE "1.2.826.0.1.8641679.1.2.2.1"
#define OID_TEST_POLICY "1.2.826.0.1.8641679.1.2.1.4"

/* Keys and key identifiers of two real certificates of the public corpus
 * (device-rtds-e357-00db123456789001-ds and org-z1-supplier-…-ds-20151030),
 * so that the SKI is the RFC 5280 method (2) value of the key. */
static const struct {
	const char *serial, *key, *ski, *aki;
} keys[] = {
	[FG_DEVICE] = {
		"71c56392ce9985dd1b78be2eb23d610b",
		"04c5fac666befd4e4e75eca96ef44d98e15fe0faaff8f8b7f9531cce86d6c60ca58d6fc0ddca"
		"30c8daf0dc7900eee8088bfb109cb9a3ecb8eab67641ca4fffe8d8",
		"431c98ce3f707b03", "47d40af3412904a0",
	},
	[FG_ORGANISATION] = {
		"4fbc525201a1d7586c1bc1c4734deb9f",
		"0430c2ab5a0d131726ffbda80e79294cc37534432a3e424405b97a3aba0ffc79dce729b2517563"
		"cb7d95827e4c50b48cba3d87d5893c51b96d87c345e3717f8c1e",
		"44899792d196f4b8", "4f5688d7ec933be2",
	},
};

struct fg_ext fg_ext_new(struct fg *g, const char *oid, enum fg_crit crit, struct fg_node *inner)
{
	struct fg_ext e = {0};
	e.id = fg_oid(g, oid);
	e.inner = inner;
	e.value = fg_wrap(g, 0x04, inner);
	e.seq = fg_seq(g, e.id, e.value);
	fg_ext_set_critical(&e, crit);
	return e;
}

void fg_ext_set_critical(struct fg_ext *e, enum fg_crit crit)
{
	if (e->critical != NULL)
		fg_remove(e->seq, e->critical);
	e->critical = NULL;
	if (crit == FG_CRIT_ABSENT)
		return;
	e->critical = fg_bool(e->seq->g, crit == FG_CRIT_TRUE);
	fg_insert_after(e->seq, e->id, e->critical);
}

static struct fg_node *rdn(struct fg *g, const char *oid, struct fg_node *value)
{
	return fg_set(g, fg_atv(g, oid, value));
}

static void build_names(struct fg_cert *c, enum fg_kind kind)
{
	struct fg *g = c->g;
	if (kind == FG_DEVICE) {
		c->issuer = fg_seq(g, rdn(g, OID_CN, fg_str(g, 0x13, "E357")));
		c->subject = fg_cons(g, 0x30, NULL);
		return;
	}
	c->issuer = fg_seq(g, rdn(g, OID_OU, fg_str(g, 0x13, "07")), rdn(g, OID_CN, fg_str(g, 0x13, "Z1")));
	c->subject_cn = fg_str(g, 0x0c, "GITTESTSUPPLIER");
	c->subject_ou = fg_str(g, 0x0c, "02");
	c->subject_uid = fg_bits(g, 0, "\x90\xb3\xd5\x1f\x30\x01\x00\x00", 8);
	c->subject = fg_seq(g, rdn(g, OID_CN, c->subject_cn), rdn(g, OID_OU, c->subject_ou),
			    rdn(g, OID_UNIQUE_ID, c->subject_uid));
}

static void build_extensions(struct fg_cert *c, enum fg_kind kind)
{
	struct fg *g = c->g;
	c->ext[FG_EXT_KU] = fg_ext_new(g, "2.5.29.15", FG_CRIT_TRUE, fg_bits(g, 7, "\x80", 1));
	c->ext[FG_EXT_SKI] = fg_ext_new(g, "2.5.29.14", FG_CRIT_ABSENT, fg_prim_hex(g, 0x04, keys[kind].ski));
	if (kind == FG_DEVICE) {
		c->hw_type = fg_oid(g, OID_RTDS_HW_TYPE);
		c->hw_serial = fg_prim_hex(g, 0x04, "00db123456789001");
		struct fg_node *other = fg_cons(g, 0xa0, fg_oid(g, OID_HW_MODULE_NAME),
						fg_cons(g, 0xa0, fg_seq(g, c->hw_type, c->hw_serial), NULL), NULL);
		c->ext[FG_EXT_SAN] = fg_ext_new(g, "2.5.29.17", FG_CRIT_TRUE, fg_seq(g, other));
	}
	c->policy = fg_oid(g, OID_TEST_POLICY);
	c->ext[FG_EXT_POLICIES] = fg_ext_new(g, "2.5.29.32", FG_CRIT_TRUE, fg_seq(g, fg_seq(g, c->policy)));
	c->ext[FG_EXT_AKI] = fg_ext_new(g, "2.5.29.35", FG_CRIT_ABSENT,
					fg_seq(g, fg_prim_hex(g, 0x80, keys[kind].aki)));
	c->ext_list = fg_cons(g, 0x30, NULL);
	for (int i = 0; i < FG_EXT_N; i++)
		if (c->ext[i].seq != NULL)
			fg_add(c->ext_list, c->ext[i].seq);
	c->extensions = fg_cons(g, 0xa3, c->ext_list, NULL);
}

/* ECDSA-Sig-Value with fixed r and s: 32 octets each, top bit clear, so both
 * INTEGERs are minimal without a leading zero. It does not verify. */
static void build_signature(struct fg_cert *c)
{
	struct fg *g = c->g;
	uint8_t r[32], s[32];
	for (int i = 0; i < 32; i++) {
		r[i] = (uint8_t)(0x10 + i);
		s[i] = (uint8_t)(0x40 + i);
	}
	c->sig_r = fg_prim(g, 0x02, r, sizeof(r));
	c->sig_s = fg_prim(g, 0x02, s, sizeof(s));
	c->ecdsa = fg_seq(g, c->sig_r, c->sig_s);
	c->sig_value = fg_wrap(g, 0x03, c->ecdsa);
}

struct fg_cert *fg_cert_new(struct fg *g, enum fg_kind kind)
{
	struct fg_cert *c = fg_alloc(g, sizeof(*c));
	c->g = g;
	c->version_int = fg_int(g, 2);
	c->version = fg_cons(g, 0xa0, c->version_int, NULL);
	c->serial = fg_prim_hex(g, 0x02, keys[kind].serial);
	c->tbs_sig_alg = fg_seq(g, fg_oid(g, OID_ECDSA_SHA256));
	build_names(c, kind);
	if (kind == FG_DEVICE) {
		c->not_before = fg_str(g, 0x17, "160406000000Z");
		c->not_after = fg_str(g, 0x18, "99991231235959Z");
	} else {
		c->not_before = fg_str(g, 0x17, "151030000000Z");
		c->not_after = fg_str(g, 0x17, "251029235959Z");
	}
	c->validity = fg_seq(g, c->not_before, c->not_after);
	c->curve = fg_oid(g, OID_PRIME256V1);
	c->spki_alg = fg_seq(g, fg_oid(g, OID_EC_PUBLIC_KEY), c->curve);
	c->public_key = fg_prim_hex(g, 0x03, "00");
	struct fg_node *key = fg_hex(g, keys[kind].key);
	fg_add(c->public_key, key);   /* contents: unused-bits octet, then the point */
	c->spki = fg_seq(g, c->spki_alg, c->public_key);
	build_extensions(c, kind);
	c->tbs = fg_seq(g, c->version, c->serial, c->tbs_sig_alg, c->issuer, c->validity, c->subject,
			c->spki, c->extensions);
	c->sig_alg = fg_seq(g, fg_oid(g, OID_ECDSA_SHA256));
	build_signature(c);
	c->cert = fg_seq(g, c->tbs, c->sig_alg, c->sig_value);
	c->trailer = fg_raw(g, NULL, 0);
	c->doc = node(g, 0);
	c->doc->raw = true;
	fg_add(c->doc, c->cert);
	fg_add(c->doc, c->trailer);
	return c;
}

const uint8_t *fg_cert_der(struct fg_cert *c, size_t *len)
{
	return fg_encode(c->g, c->doc, len);
}

void fg_cert_set(struct fg_cert *c, struct fg_node **field, struct fg_node *n)
{
	fg_replace(c->doc, *field, n);
	*field = n;
}

/* INTEGER contents of a non-negative value given as big-endian octets (any
 * leading zeros): the minimal two's complement form. */
static void set_unsigned_int(struct fg_node *n, const uint8_t *p, size_t len)
{
	while (len > 1 && p[0] == 0)
		p++, len--;
	uint8_t *buf = fg_alloc(n->g, len + 1);
	size_t k = 0;
	if (len == 0 || (p[0] & 0x80))
		buf[k++] = 0;
	if (len)
		memcpy(buf + k, p, len);
	n->data = buf;
	n->len = k + len;
}

int fg_sign(struct fg_cert *c, struct gnutls_privkey_st *key)
{
	size_t len;
	const uint8_t *tbs = fg_encode(c->g, c->tbs, &len);
	gnutls_datum_t data = {(unsigned char *)tbs, (unsigned)len}, sig = {NULL, 0}, r = {NULL, 0}, s = {NULL, 0};
	int rc = gnutls_privkey_sign_data2(key, GNUTLS_SIGN_ECDSA_SHA256, 0, &data, &sig);
	if (rc >= 0)
		rc = gnutls_decode_rs_value(&sig, &r, &s);
	if (rc >= 0) {
		set_unsigned_int(c->sig_r, r.data, r.size);
		set_unsigned_int(c->sig_s, s.data, s.size);
		rc = 0;
	}
	gnutls_free(sig.data);
	gnutls_free(r.data);
	gnutls_free(s.data);
	return rc;
}
