/*
 * The certificate forge: a small DER writer for tests.
 *
 * A certificate is a tree of nodes, one per TLV, each with its own encoding
 * knobs (long-form or indefinite length, high-tag-number form). fg_encode()
 * writes the tree and records where every node landed, so a test changes one
 * node and asserts the exact offset the linter reports for it. The forge
 * validates nothing: it writes what it is told to, which is the point.
 *
 * fg_cert_new() builds an SMKI-shaped device or organisation certificate and
 * keeps a handle on each field, so a test replaces exactly one piece. The
 * signature is not computed (r and s are fixed values) unless fg_sign() signs
 * the encoded c->tbs with a gnutls key and replaces c->sig_r and c->sig_s.
 *
 * Everything is owned by one struct fg and freed by fg_free(). Misuse of the
 * forge (not bad DER, which it writes happily) aborts.
 */
#ifndef SMK_TEST_FORGE_H
#define SMK_TEST_FORGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fg;

struct fg_node {
	struct fg *g;
	uint8_t id;              /* identifier octet: class, constructed bit, tag number below 31 */
	bool raw;                /* no identifier and no length: data and kids written as they are */
	uint8_t *data;           /* contents octets written before the kids */
	size_t len;
	struct fg_node **kid;    /* contents written after data (nested or encapsulated DER) */
	size_t n_kid, cap_kid;

	/* encoding knobs; all zero is DER */
	unsigned tag_octets;     /* > 0: high-tag-number form with this many tag-number octets */
	unsigned len_octets;     /* > 0: long-form length with this many length octets */
	bool indefinite;         /* length 0x80, contents end with 00 00 */
	long len_delta;          /* added to the length written: a length that lies */

	/* set by fg_encode() */
	unsigned gen;
	size_t off;              /* the identifier octet, from the start of the output */
	size_t hdr_len;          /* identifier and length octets */
	size_t body_len;         /* contents octets, end-of-contents excluded */
};

struct fg *fg_new(void);
void fg_free(struct fg *g);

/* ------------------------------------------------------------- nodes */

struct fg_node *fg_raw(struct fg *g, const void *p, size_t n);
struct fg_node *fg_hex(struct fg *g, const char *hex);        /* raw octets, "30 03 02:01 05" */
struct fg_node *fg_prim(struct fg *g, uint8_t id, const void *p, size_t n);
struct fg_node *fg_prim_hex(struct fg *g, uint8_t id, const char *hex);
struct fg_node *fg_cons(struct fg *g, uint8_t id, ...);        /* kids, NULL-terminated */
#define fg_seq(g, ...) fg_cons((g), 0x30, __VA_ARGS__, (struct fg_node *)NULL)
#define fg_set(g, ...) fg_cons((g), 0x31, __VA_ARGS__, (struct fg_node *)NULL)
struct fg_node *fg_oid(struct fg *g, const char *dotted);
struct fg_node *fg_bool(struct fg *g, bool v);
struct fg_node *fg_int(struct fg *g, long v);                  /* minimal two's complement */
struct fg_node *fg_str(struct fg *g, uint8_t id, const char *s);
struct fg_node *fg_bits(struct fg *g, uint8_t unused, const void *p, size_t n);
/* An OCTET STRING (id 0x04) or BIT STRING (0x03, after a 00 unused-bits
 * octet) whose contents are the DER of inner. */
struct fg_node *fg_wrap(struct fg *g, uint8_t id, struct fg_node *inner);
/* One AttributeTypeAndValue. */
struct fg_node *fg_atv(struct fg *g, const char *oid, struct fg_node *value);

/* ------------------------------------------------------------- edits */

void fg_add(struct fg_node *parent, struct fg_node *kid);
void fg_set_data(struct fg_node *n, const void *p, size_t len);
void fg_set_hex(struct fg_node *n, const char *hex);
struct fg_node *fg_clone(const struct fg_node *n);            /* deep copy */
/* These look for the node anywhere below root and abort when it is not there. */
void fg_replace(struct fg_node *root, struct fg_node *old, struct fg_node *n);
void fg_remove(struct fg_node *root, struct fg_node *n);
void fg_insert_before(struct fg_node *root, struct fg_node *anchor, struct fg_node *n);
void fg_insert_after(struct fg_node *root, struct fg_node *anchor, struct fg_node *n);

/* ------------------------------------------------------------- output */

/* Encode the tree; the bytes are owned by g. Encoding a subtree (c->tbs,
 * to sign it) is fine: offsets then count from that subtree's start. */
const uint8_t *fg_encode(struct fg *g, struct fg_node *root, size_t *len);
/* Where a node landed in the last fg_encode() (aborts if it was not in it). */
size_t fg_off(const struct fg_node *n);
size_t fg_body_off(const struct fg_node *n);   /* first contents octet */
size_t fg_size(const struct fg_node *n);       /* all its octets */

/* ------------------------------------------------------------- certificates */

enum fg_kind {
	FG_DEVICE,        /* RTDS E357 style: empty subject, HardwareModuleName SAN */
	FG_ORGANISATION,  /* Z1 style: CN, OU 02, uniqueIdentifier; no SAN */
};

/* Extensions of the SMKI profiles, in RTDS order. */
enum fg_ext_id { FG_EXT_KU, FG_EXT_SKI, FG_EXT_SAN, FG_EXT_POLICIES, FG_EXT_AKI, FG_EXT_N };

enum fg_crit { FG_CRIT_ABSENT, FG_CRIT_FALSE, FG_CRIT_TRUE };

struct fg_ext {
	struct fg_node *seq;       /* the Extension */
	struct fg_node *id;        /* extnID */
	struct fg_node *critical;  /* the BOOLEAN, NULL when absent */
	struct fg_node *value;     /* extnValue (OCTET STRING) */
	struct fg_node *inner;     /* the DER inside extnValue */
};

struct fg_cert {
	struct fg *g;
	struct fg_node *doc;          /* the certificate followed by the trailer */
	struct fg_node *cert, *tbs;
	struct fg_node *version;      /* the [0] EXPLICIT wrapper */
	struct fg_node *version_int;
	struct fg_node *serial;
	struct fg_node *tbs_sig_alg;
	struct fg_node *issuer;
	struct fg_node *validity, *not_before, *not_after;
	struct fg_node *subject;
	struct fg_node *subject_cn, *subject_ou, *subject_uid;  /* organisation: the ATV values */
	struct fg_node *spki, *spki_alg, *curve, *public_key;
	struct fg_node *extensions;   /* the [3] EXPLICIT wrapper */
	struct fg_node *ext_list;     /* SEQUENCE OF Extension */
	struct fg_ext ext[FG_EXT_N];  /* an organisation certificate has no SAN (all NULL) */
	struct fg_node *hw_type, *hw_serial;  /* device: the HardwareModuleName fields */
	struct fg_node *policy;       /* the policyIdentifier */
	struct fg_node *sig_alg;
	struct fg_node *sig_value;    /* BIT STRING holding ecdsa */
	struct fg_node *ecdsa, *sig_r, *sig_s;
	struct fg_node *trailer;      /* raw, empty: octets after the certificate */
};

struct fg_cert *fg_cert_new(struct fg *g, enum fg_kind kind);
/* Encode the whole certificate (and trailer); offsets of every field are set. */
const uint8_t *fg_cert_der(struct fg_cert *c, size_t *len);
/* Replace a field of the certificate and its handle. */
void fg_cert_set(struct fg_cert *c, struct fg_node **field, struct fg_node *n);

struct fg_ext fg_ext_new(struct fg *g, const char *oid, enum fg_crit crit, struct fg_node *inner);
void fg_ext_set_critical(struct fg_ext *e, enum fg_crit crit);

/* Sign the certificate: encode c->tbs, sign it with ECDSA-SHA256 using key (a
 * gnutls_privkey_t holding a P-256 key) and put r and s, as minimal INTEGER
 * contents, into c->sig_r and c->sig_s. Any change to the TBS after this
 * breaks the signature (a byte-edited certificate). The signature algorithm
 * fields are left as they are. Returns 0 or a negative gnutls error code. */
struct gnutls_privkey_st;
int fg_sign(struct fg_cert *c, struct gnutls_privkey_st *key);

#endif
