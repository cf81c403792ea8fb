/*
 * The chain lints with real signatures. P-256 keys come from gnutls; a CA
 * certificate (OU=07 CN=Z1, cA TRUE, keyCertSign) and end-entity
 * certificates are built with the forge and signed with fg_sign(). Each
 * scenario states the outcome of every chain lint (smk_chain_resolve +
 * smk_run_lint_chain), the finding of the one that fails (path, offset,
 * severity, expected/found), and that the whole pipeline
 * (smkilint_issuers_add, smkilint_ctx_set_issuers, smkilint_lint_der)
 * reports exactly the failing chain lints. The issuer's own signature is
 * followed up the store (a forged root, an OCA signed by it, the OCA's
 * signature damaged: smki.chain.issuer_signature_valid on everything it
 * issued), and two copies of one TBSCertificate with different signatures
 * conflict (smki.chain.conflicting_copies). Real data: every Z1
 * organisation certificate (tests/data/smki, and the 42 of the shared
 * corpus when it is there) verifies against the Z1 OCA and against its
 * damaged copy with no chain finding; without the ZA root, the store check
 * (smkilint_issuers_check) says that either copy cannot be anchored, and
 * with both copies that they conflict. D4: the tampered nonRepudiation
 * device certificate fails against a DCA made for the test, and a genuine
 * re-signed copy verifies until the same tamper; without its real issuer
 * its signature is explicitly not checked.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "chain.h"
#include "common.h"

#define SMKI_DATA SMK_TEST_DATA "/smki"
#define OCA_Z1 SMKI_DATA "/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem"
#define OCA_Z1_CORRUPTED SMKI_DATA "/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb-corrupted-signature.pem"
#define PROFILES_DIR SMK_SOURCE_ROOT "/profiles"

#define OID_BC "2.5.29.19"
#define OID_CN "2.5.4.3"
#define OID_OU "2.5.4.11"

/* ------------------------------------------------------------- keys */

struct key {
	gnutls_privkey_t priv;
	uint8_t point[65];   /* uncompressed */
	uint8_t ski[8];      /* RFC 5280 §4.2.1.2 method (2) */
};

static void key_new(struct key *k)
{
	cr_assert(eq(int, gnutls_privkey_init(&k->priv), 0));
	int rc = gnutls_privkey_generate(k->priv, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0);
	cr_assert(eq(int, rc, 0), "generate: %s", gnutls_strerror(rc));
	gnutls_ecc_curve_t curve;
	gnutls_datum_t x = {NULL, 0}, y = {NULL, 0};
	rc = gnutls_privkey_export_ecc_raw2(k->priv, &curve, &x, &y, NULL, GNUTLS_EXPORT_FLAG_NO_LZ);
	cr_assert(eq(int, rc, 0), "export: %s", gnutls_strerror(rc));
	cr_assert(le(u32, x.size, 32));
	cr_assert(le(u32, y.size, 32));
	memset(k->point, 0, sizeof(k->point));
	k->point[0] = 0x04;
	memcpy(k->point + 1 + 32 - x.size, x.data, x.size);
	memcpy(k->point + 33 + 32 - y.size, y.data, y.size);
	gnutls_free(x.data);
	gnutls_free(y.data);
	uint8_t d[20];
	cr_assert(eq(int, gnutls_hash_fast(GNUTLS_DIG_SHA1, k->point, sizeof(k->point), d), 0));
	memcpy(k->ski, d + 12, 8);
	k->ski[0] = (uint8_t)(0x40 | (k->ski[0] & 0x0f));
}

static void key_free(struct key *k)
{
	gnutls_privkey_deinit(k->priv);
}

/* ------------------------------------------------------------- fixture */

static smkilint_ctx *ctx;
static struct fg *g;
static struct key root_k, ca_k, ee_k, other_k;
static smkilint_issuers *stores[4];
static size_t n_stores;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	g = fg_new();
	key_new(&root_k);
	key_new(&ca_k);
	key_new(&ee_k);
	key_new(&other_k);
	n_stores = 0;
}

static void teardown(void)
{
	smkilint_ctx_set_issuers(ctx, NULL);
	for (size_t i = 0; i < n_stores; i++)
		smkilint_issuers_free(stores[i]);
	key_free(&root_k);
	key_free(&ca_k);
	key_free(&ee_k);
	key_free(&other_k);
	fg_free(g);
	smkilint_ctx_free(ctx);
}

static struct fg_node *name2(uint8_t tag, const char *ou, const char *cn)
{
	return fg_seq(g, fg_set(g, fg_atv(g, OID_OU, fg_str(g, tag, ou))),
		      fg_set(g, fg_atv(g, OID_CN, fg_str(g, tag, cn))));
}

static void set_key(struct fg_cert *c, const struct key *k)
{
	fg_set_data(c->public_key->kid[0], k->point, sizeof(k->point));
	fg_set_data(c->ext[FG_EXT_SKI].inner, k->ski, sizeof(k->ski));
}

static struct fg_node *aki_keyid(struct fg_cert *c)
{
	return c->ext[FG_EXT_AKI].inner->kid[0];
}

static void set_aki(struct fg_cert *c, const uint8_t ski[8])
{
	fg_set_data(aki_keyid(c), ski, 8);
}

static void set_time(struct fg_node *t, const char *text)
{
	t->id = strlen(text) == 13 ? 0x17 : 0x18;
	fg_set_data(t, text, strlen(text));
}

static void sign(struct fg_cert *c, const struct key *k)
{
	int rc = fg_sign(c, k->priv);
	cr_assert(eq(int, rc, 0), "fg_sign: %s", gnutls_strerror(rc));
}

enum ca_flavour { CA_OK, CA_NO_BC, CA_NO_CERT_SIGN, CA_UNRELATED };

/* The issuing CA: subject OU=07 CN=Z1 (PrintableString, as the forged
 * organisation certificate's issuer), issued by OU=00 CN=ZA, valid
 * 2015-01-01 .. 2045-12-31, the test policy, signed by the root key. */
static struct fg_cert *forge_ca(enum ca_flavour f)
{
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	fg_cert_set(c, &c->subject, f == CA_UNRELATED ? name2(0x13, "07", "Z9") : name2(0x13, "07", "Z1"));
	fg_cert_set(c, &c->issuer, name2(0x13, "00", "ZA"));
	fg_set_hex(c->serial, "0a0b0c0d");
	set_time(c->not_before, "150101000000Z");
	set_time(c->not_after, "451231235959Z");
	set_key(c, f == CA_UNRELATED ? &other_k : &ca_k);
	set_aki(c, root_k.ski);
	fg_cert_set(c, &c->ext[FG_EXT_KU].inner, fg_hex(g, f == CA_NO_CERT_SIGN ? "03 02 07 80" : "03 02 01 06"));
	if (f != CA_NO_BC) {
		struct fg_ext bc = fg_ext_new(g, OID_BC, FG_CRIT_TRUE,
					      fg_seq(g, fg_bool(g, true), fg_int(g, 0)));
		fg_insert_after(c->doc, c->ext[FG_EXT_KU].seq, bc.seq);
	}
	sign(c, &root_k);
	return c;
}

/* An empty store, freed by teardown. */
static smkilint_issuers *new_store(void)
{
	smkilint_issuers *iss = NULL;
	cr_assert(eq(int, smkilint_issuers_new(&iss), 0));
	cr_assert(lt(sz, n_stores, sizeof(stores) / sizeof(stores[0])));
	stores[n_stores++] = iss;
	return iss;
}

static void store_add(smkilint_issuers *iss, const uint8_t *der, size_t len, const char *name)
{
	size_t added = 0;
	int rc = smkilint_issuers_add(iss, ctx, der, len, name, &added);
	cr_assert(eq(int, rc, 0), "issuers_add: %s", smkilint_ctx_last_error(ctx)->message);
	cr_assert(eq(sz, added, 1));
}

/* Add a forged certificate (encoded now). */
static void store_add_cert(smkilint_issuers *iss, struct fg_cert *c, const char *name)
{
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	store_add(iss, der, len, name);
}

/* A store holding one certificate (forged: encoded now), named "ca". */
static smkilint_issuers *store_of_der(const uint8_t *der, size_t len)
{
	smkilint_issuers *iss = new_store();
	store_add(iss, der, len, "ca");
	return iss;
}

static smkilint_issuers *store_of(struct fg_cert *ca)
{
	size_t len;
	const uint8_t *der = fg_cert_der(ca, &len);
	return store_of_der(der, len);
}

/* The root: OU=00 CN=ZA, issuer = subject, the root key, cA TRUE and
 * keyCertSign, valid 2014 .. 2049, signed with its own key. */
static struct fg_cert *forge_root(void)
{
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	fg_cert_set(c, &c->subject, name2(0x13, "00", "ZA"));
	fg_cert_set(c, &c->issuer, name2(0x13, "00", "ZA"));
	fg_set_hex(c->serial, "01");
	set_time(c->not_before, "140101000000Z");
	set_time(c->not_after, "491231235959Z");
	set_key(c, &root_k);
	set_aki(c, root_k.ski);
	fg_cert_set(c, &c->ext[FG_EXT_KU].inner, fg_hex(g, "03 02 01 06"));
	struct fg_ext bc = fg_ext_new(g, OID_BC, FG_CRIT_TRUE, fg_seq(g, fg_bool(g, true)));
	fg_insert_after(c->doc, c->ext[FG_EXT_KU].seq, bc.seq);
	sign(c, &root_k);
	return c;
}

/* The encoded certificate with the last octet of its signature's s
 * changed, as in the corrupted Z1 OCA (a copy owned by g). */
static const uint8_t *damaged_der(struct fg_cert *c, size_t *len)
{
	const uint8_t *der = fg_cert_der(c, len);
	struct fg_node *copy = fg_raw(g, der, *len);
	copy->data[fg_body_off(c->sig_s) + c->sig_s->body_len - 1] ^= 0x01;
	return copy->data;
}

/* An end-entity certificate of the CA: its own key, AKI = the CA's SKI,
 * issuer OU=07 CN=Z1 (byte-identical to the CA's subject). Not signed yet. */
static struct fg_cert *forge_ee(enum fg_kind kind)
{
	struct fg_cert *c = fg_cert_new(g, kind);
	set_key(c, &ee_k);
	set_aki(c, ca_k.ski);
	if (kind == FG_DEVICE)
		fg_cert_set(c, &c->issuer, name2(0x13, "07", "Z1"));
	return c;
}

/* ------------------------------------------------------------- running the chain lints */

static const char *const chain_ids[] = {
	"smki.chain.signature_valid",       "smki.chain.signature_not_checked",
	"smki.chain.issuer_name_matches",   "smki.chain.issuer_name_bytes_identical",
	"smki.chain.aki_matches_issuer_ski", "smki.chain.issuer_is_ca",
	"smki.chain.policy_consistent",     "smki.chain.validity_nested",
	"smki.chain.self_signed_not_root",  "smki.chain.issuer_signature_valid",
	"smki.chain.conflicting_copies",
};
#define N_CHAIN (sizeof(chain_ids) / sizeof(chain_ids[0]))

static enum smk_status status_of(char ch)
{
	return ch == 'P' ? SMK_PASS : ch == 'F' ? SMK_FAIL : SMK_NA;
}

static const char *status_name(enum smk_status s)
{
	static const char *const names[] = {"NA", "NE", "PASS", "FAIL", "FATAL"};
	return (unsigned)s < 5 ? names[s] : "?";
}

/* Run one chain lint on der with the chain resolved against iss. The report
 * is returned when out is not NULL; *matched receives how the issuer was found. */
static enum smk_status chain_lint(const char *id, const uint8_t *der, size_t len, const smkilint_issuers *iss,
				  const char *kind, smkilint_report **out, const char **matched)
{
	const struct smk_lint *lint = smk_lint_by_id(id);
	cr_assert(ne(ptr, (void *)lint, NULL), "no lint %s", id);
	struct smk_cert m;
	decode(&m, ctx, der, len);
	cr_assert(m.decoded, "does not decode: %s", m.fatal_reason);
	struct smk_chain ch;
	smk_chain_resolve(&ch, &m, iss);
	ch.profile_kind = kind;
	if (matched != NULL)
		*matched = ch.matched_by;   /* static strings */
	smkilint_report *r = smk_report_new("test", 0);
	cr_assert(ne(ptr, r, NULL));
	enum smk_status st = smk_run_lint_chain(lint, &m, r, lint->info.severity, &ch);
	smk_cert_free(&m);
	if (out != NULL)
		*out = r;
	else
		smkilint_report_free(r);
	return st;
}

static size_t count_prefix(const smkilint_report *r, const char *prefix)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		n += strncmp(smkilint_report_finding(r, i)->lint, prefix, strlen(prefix)) == 0;
	return n;
}

/* ------------------------------------------------------------- scenarios */

struct env {
	struct fg_cert *ee;
	const smkilint_issuers *iss;    /* NULL: no issuer given */
	const char *kind;               /* the profile kind the chain lints see */
	const uint8_t *der;             /* set when the builder edited the bytes */
	size_t len;
};

/* signed by the CA, found by AKI */
static struct fg_node *sc_valid(struct env *e)
{
	e->iss = store_of(forge_ca(CA_OK));
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	return NULL;
}

/* copy the encoded certificate and xor one octet (a byte-edited certificate) */
static void flip_octet(struct env *e, size_t off)
{
	size_t len;
	const uint8_t *der = fg_cert_der(e->ee, &len);
	cr_assert(lt(sz, off, len));
	struct fg_node *copy = fg_raw(g, der, len);
	copy->data[off] ^= 0x01;
	e->der = copy->data;
	e->len = len;
}

/* D4: one octet of the TBS (subject commonName) changed after signing */
static struct fg_node *sc_tbs_octet_flipped(struct env *e)
{
	sc_valid(e);
	fg_cert_der(e->ee, &e->len);   /* offsets of the signed certificate */
	flip_octet(e, fg_body_off(e->ee->subject_cn));
	return e->ee->sig_value;
}

/* the last octet of s changed (as in the corrupted Z1 OCA) */
static struct fg_node *sc_signature_octet_flipped(struct env *e)
{
	sc_valid(e);
	fg_cert_der(e->ee, &e->len);   /* offsets of the signed certificate */
	flip_octet(e, fg_body_off(e->ee->sig_s) + e->ee->sig_s->body_len - 1);
	return e->ee->sig_value;
}

/* no AKI: found by the byte-identical name */
static struct fg_node *sc_by_name_bytes(struct env *e)
{
	e->iss = store_of(forge_ca(CA_OK));
	e->ee = forge_ee(FG_ORGANISATION);
	fg_remove(e->ee->doc, e->ee->ext[FG_EXT_AKI].seq);
	sign(e->ee, &ca_k);
	return NULL;
}

/* no AKI, issuer OU=07 CN=z1 in UTF8String: found by RFC 5280 §7.1 matching */
static struct fg_node *sc_by_rfc5280_matching(struct env *e)
{
	e->iss = store_of(forge_ca(CA_OK));
	e->ee = forge_ee(FG_ORGANISATION);
	fg_remove(e->ee->doc, e->ee->ext[FG_EXT_AKI].seq);
	fg_cert_set(e->ee, &e->ee->issuer, name2(0x0c, "07", "z1"));
	sign(e->ee, &ca_k);
	return e->ee->issuer->kid[0]->kid[0]->kid[1];   /* the first attribute's value */
}

/* a device certificate keeping its issuer CN=E357: found by AKI, but the
 * names differ */
static struct fg_node *sc_issuer_name_differs(struct env *e)
{
	e->iss = store_of(forge_ca(CA_OK));
	e->ee = fg_cert_new(g, FG_DEVICE);
	set_key(e->ee, &ee_k);
	set_aki(e->ee, ca_k.ski);
	sign(e->ee, &ca_k);
	return e->ee->issuer;
}

/* AKI of another key: the issuer is still found, by name */
static struct fg_node *sc_aki_not_issuer_ski(struct env *e)
{
	e->iss = store_of(forge_ca(CA_OK));
	e->ee = forge_ee(FG_ORGANISATION);
	set_aki(e->ee, other_k.ski);
	sign(e->ee, &ca_k);
	return aki_keyid(e->ee);
}

static struct fg_node *issued_by(struct env *e, enum ca_flavour f)
{
	e->iss = store_of(forge_ca(f));
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	return e->ee->issuer;
}

static struct fg_node *sc_issuer_without_bc(struct env *e)
{
	return issued_by(e, CA_NO_BC);
}

static struct fg_node *sc_issuer_without_cert_sign(struct env *e)
{
	return issued_by(e, CA_NO_CERT_SIGN);
}

static struct fg_node *sc_policy_not_issuers(struct env *e)
{
	e->iss = store_of(forge_ca(CA_OK));
	e->ee = forge_ee(FG_ORGANISATION);
	fg_cert_set(e->ee, &e->ee->policy, fg_oid(g, "1.2.826.0.1.8641679.1.2.1.5"));
	sign(e->ee, &ca_k);
	return e->ee->ext[FG_EXT_POLICIES].inner->kid[0];
}

static struct fg_node *with_validity(struct env *e, enum fg_kind kind, const char *nb, const char *na)
{
	e->iss = store_of(forge_ca(CA_OK));
	e->ee = forge_ee(kind);
	if (nb != NULL)
		set_time(e->ee->not_before, nb);
	if (na != NULL)
		set_time(e->ee->not_after, na);
	sign(e->ee, &ca_k);
	return e->ee->validity;
}

static struct fg_node *sc_not_before_too_early(struct env *e)
{
	return with_validity(e, FG_ORGANISATION, "141231235959Z", NULL);
}

static struct fg_node *sc_not_after_too_late(struct env *e)
{
	return with_validity(e, FG_ORGANISATION, NULL, "460101000000Z");
}

static struct fg_node *sc_device_9999(struct env *e)
{
	with_validity(e, FG_DEVICE, NULL, NULL);   /* 160406000000Z .. 99991231235959Z */
	return NULL;
}

static struct fg_node *sc_device_2049(struct env *e)
{
	return with_validity(e, FG_DEVICE, NULL, "491231235959Z");
}

/* signed with its own key; issuer OU=07 CN=Z1 is not its subject (the xmlsign pattern) */
static struct fg_node *self_signed(struct env *e, const char *kind)
{
	e->ee = forge_ee(FG_ORGANISATION);
	set_aki(e->ee, ee_k.ski);
	sign(e->ee, &ee_k);
	e->kind = kind;
	return e->ee->sig_value;
}

static struct fg_node *sc_self_signed_organisation(struct env *e)
{
	return self_signed(e, "organisation");
}

static struct fg_node *sc_self_signed_root(struct env *e)
{
	self_signed(e, "root");
	return NULL;
}

static struct fg_node *sc_self_signed_no_profile(struct env *e)
{
	self_signed(e, NULL);
	return NULL;
}

/* issuer = subject but signed by another key */
static struct fg_node *sc_self_issued_bad_signature(struct env *e)
{
	e->ee = forge_ee(FG_ORGANISATION);
	fg_cert_set(e->ee, &e->ee->issuer, fg_clone(e->ee->subject));
	sign(e->ee, &other_k);
	return e->ee->sig_value;
}

static struct fg_node *sc_no_issuer_given(struct env *e)
{
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	return e->ee->sig_value;
}

static struct fg_node *sc_issuer_not_in_store(struct env *e)
{
	e->iss = store_of(forge_ca(CA_UNRELATED));
	return sc_no_issuer_given(e);
}

/* root -> CA -> certificate: the CA's own signature verifies with the
 * root's key, and the root's with its own */
static struct fg_node *sc_issuer_anchored(struct env *e)
{
	smkilint_issuers *iss = new_store();
	store_add_cert(iss, forge_root(), "root");
	store_add_cert(iss, forge_ca(CA_OK), "ca");
	e->iss = iss;
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	return NULL;
}

/* D10 with the root given: the CA's own signature damaged (its key, and so
 * the certificate's signature, unchanged) */
static struct fg_node *sc_issuer_signature_damaged(struct env *e)
{
	smkilint_issuers *iss = new_store();
	store_add_cert(iss, forge_root(), "root");
	size_t len;
	const uint8_t *ca = damaged_der(forge_ca(CA_OK), &len);
	store_add(iss, ca, len, "ca");
	e->iss = iss;
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	return e->ee->issuer;
}

/* the root's self-signature damaged: one level above the issuer */
static struct fg_node *sc_root_signature_damaged(struct env *e)
{
	smkilint_issuers *iss = new_store();
	size_t len;
	const uint8_t *root = damaged_der(forge_root(), &len);
	store_add(iss, root, len, "root");
	store_add_cert(iss, forge_ca(CA_OK), "ca");
	e->iss = iss;
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	return e->ee->issuer;
}

/* both copies of the CA and no root: the linter cannot tell which is genuine */
static struct fg_node *sc_issuer_copies(struct env *e)
{
	smkilint_issuers *iss = new_store();
	struct fg_cert *ca = forge_ca(CA_OK);
	store_add_cert(iss, ca, "ca");
	size_t len;
	const uint8_t *bad = damaged_der(ca, &len);
	store_add(iss, bad, len, "ca-damaged");
	e->iss = iss;
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	return e->ee->issuer;
}

/* the root and both copies, the damaged one first: the genuine copy is the
 * issuer (its signature verifies with the root's key); the copies still
 * conflict */
static struct fg_node *sc_issuer_copies_with_root(struct env *e)
{
	smkilint_issuers *iss = new_store();
	struct fg_cert *ca = forge_ca(CA_OK);
	size_t len;
	const uint8_t *bad = damaged_der(ca, &len);
	store_add(iss, bad, len, "ca-damaged");
	store_add_cert(iss, ca, "ca");
	store_add_cert(iss, forge_root(), "root");
	e->iss = iss;
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	return e->ee->issuer;
}

/* a copy of the certificate itself, with another signature, among the issuers */
static struct fg_node *sc_own_copy(struct env *e)
{
	smkilint_issuers *iss = new_store();
	store_add_cert(iss, forge_ca(CA_OK), "ca");
	e->ee = forge_ee(FG_ORGANISATION);
	sign(e->ee, &ca_k);
	size_t len;
	const uint8_t *bad = damaged_der(e->ee, &len);
	store_add(iss, bad, len, "ee-damaged");
	e->iss = iss;
	return e->ee->sig_value;
}

struct scenario {
	const char *name;
	struct fg_node *(*build)(struct env *e);
	/* outcome of each of chain_ids[], in order: P pass, F fail, N not applicable */
	const char *want;
	const char *matched;      /* part of chain.matched_by, NULL: none */
	/* the failing lint's finding */
	enum at at;
	const char *path;
	const char *expected, *found;   /* NULL: not compared (found: a part) */
};

static const struct scenario scenarios[] = {
	/* want: valid, not_checked, name, bytes, aki, ca, policy, validity, self, issuer_signature, copies */
	{"valid signature, found by AKI", sc_valid, "PPPPPPPPNNP", "authorityKeyIdentifier", AT_TLV, NULL, NULL, NULL},
	{"TBS octet flipped after signing (D4)", sc_tbs_octet_flipped, "FPPPPPPPNNP", "authorityKeyIdentifier", AT_TLV,
	 "signatureValue", "a signature that verifies with the key of ca #0", "a signature that does not verify"},
	{"signature octet flipped", sc_signature_octet_flipped, "FPPPPPPPNNP", NULL, AT_TLV, "signatureValue", NULL,
	 "does not verify"},
	{"found by byte-identical name", sc_by_name_bytes, "PPPPNPPPNNP", "(byte-identical)", AT_TLV, NULL, NULL, NULL},
	{"found by RFC 5280 7.1 matching", sc_by_rfc5280_matching, "PPPFNPPPNNP", "(RFC 5280 §7.1)", AT_TLV,
	 "tbsCertificate.issuer.rdnSequence[0][0].value", "the issuer's encoding (tag 0x13)", "tag 0x0c"},
	{"issuer name is not the issuer's subject", sc_issuer_name_differs, "PPFNPPPPNNP", "authorityKeyIdentifier",
	 AT_TLV, "tbsCertificate.issuer", "the issuer certificate's subject (RFC 5280 §7.1 matching)",
	 "a different name"},
	{"AKI is not the issuer's SKI", sc_aki_not_issuer_ski, "PPPPFPPPNNP", "(byte-identical)", AT_TLV,
	 "tbsCertificate.extensions[authorityKeyIdentifier].extnValue.keyIdentifier", NULL, NULL},
	{"issuer without basicConstraints", sc_issuer_without_bc, "PPPPPFPPNNP", NULL, AT_TLV, "tbsCertificate.issuer",
	 "an issuer with basicConstraints cA TRUE and keyCertSign", "cA not TRUE"},
	{"issuer without keyCertSign", sc_issuer_without_cert_sign, "PPPPPFPPNNP", NULL, AT_TLV, "tbsCertificate.issuer",
	 "an issuer with basicConstraints cA TRUE and keyCertSign", "no keyCertSign"},
	{"policy not among the issuer's", sc_policy_not_issuers, "PPPPPPFPNNP", NULL, AT_TLV,
	 "tbsCertificate.extensions[certificatePolicies].extnValue[0]",
	 "a policy of the issuer (1.2.826.0.1.8641679.1.2.1.4)", "1.2.826.0.1.8641679.1.2.1.5"},
	{"notBefore before the issuer's", sc_not_before_too_early, "PPPPPPPFNNP", NULL, AT_TLV, "tbsCertificate.validity",
	 "within the issuer's 150101000000Z .. 451231235959Z", "141231235959Z .. 251029235959Z"},
	{"notAfter after the issuer's", sc_not_after_too_late, "PPPPPPPFNNP", NULL, AT_TLV, "tbsCertificate.validity",
	 NULL, "151030000000Z .. 460101000000Z"},
	{"device notAfter 99991231235959Z", sc_device_9999, "PPPPPPPPNNP", "authorityKeyIdentifier", AT_TLV, NULL, NULL,
	 NULL},
	{"device notAfter 2049, after the issuer's", sc_device_2049, "PPPPPPPFNNP", NULL, AT_TLV,
	 "tbsCertificate.validity", NULL, "491231235959Z"},
	{"self-signed under an organisation profile", sc_self_signed_organisation, "PPNNNNNNFNN", "(self-signed)", AT_TLV,
	 "signatureValue", "only a Root certificate is self-signed", "self-signed, profile kind organisation"},
	{"self-signed under a root profile", sc_self_signed_root, "PPNNNNNNPNN", "(self-signed)", AT_TLV, NULL, NULL,
	 NULL},
	{"self-signed, no profile", sc_self_signed_no_profile, "PPNNNNNNPNN", "(self-signed)", AT_TLV, NULL, NULL, NULL},
	{"self-issued, signature by another key", sc_self_issued_bad_signature, "FPNNNNNNNNN", "(self-issued)", AT_TLV,
	 "signatureValue", "a signature that verifies with the certificate's own key (self-issued)",
	 "a signature that does not verify"},
	{"no issuer given", sc_no_issuer_given, "NFNNNNNNNNN", NULL, AT_TLV, "signatureValue",
	 "a signature checked against the issuer's key", "no issuer certificate was given (--issuer)"},
	{"issuer not in the store", sc_issuer_not_in_store, "NFNNNNNNNNP", NULL, AT_TLV, "signatureValue",
	 "a signature checked against the issuer's key",
	 "no given issuer matches its authorityKeyIdentifier or issuer name"},
	{"issuer anchored at a self-signed root", sc_issuer_anchored, "PPPPPPPPNPP", "authorityKeyIdentifier", AT_TLV,
	 NULL, NULL, NULL},
	{"issuer's own signature damaged, root given (D10)", sc_issuer_signature_damaged, "PPPPPPPPNFP",
	 "authorityKeyIdentifier", AT_TLV, "tbsCertificate.issuer", "an issuer whose own signature verifies with the key of root #0",
	 "the signature of ca #0 does not verify with the key of root #0"},
	{"root's self-signature damaged", sc_root_signature_damaged, "PPPPPPPPNFP", "authorityKeyIdentifier", AT_TLV,
	 "tbsCertificate.issuer",
	 "every certificate above the issuer verifies (root #0 with its own key (it is self-issued))",
	 "the signature of root #0 does not verify with its own key"},
	{"two copies of the issuer, no root", sc_issuer_copies, "PPPPPPPPNNF", "authorityKeyIdentifier", AT_TLV,
	 "tbsCertificate.issuer", "one issuer certificate for one TBSCertificate",
	 "ca #0 and ca-damaged #0: the same TBSCertificate, other signatures"},
	{"two copies of the issuer and the root", sc_issuer_copies_with_root, "PPPPPPPPNPF", "authorityKeyIdentifier",
	 AT_TLV, "tbsCertificate.issuer", "one issuer certificate for one TBSCertificate",
	 "ca #0 and ca-damaged #0: the same TBSCertificate, other signatures"},
	{"a copy of the certificate among the issuers", sc_own_copy, "PPPPPPPPNNF", "authorityKeyIdentifier", AT_TLV,
	 "signatureValue", "one signature for one TBSCertificate",
	 "ee-damaged #0 has the same TBSCertificate and another signature"},
};
#define N_SCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

static const struct scenario *scenario_named(const char *name)
{
	for (size_t i = 0; i < N_SCENARIOS; i++)
		if (strcmp(scenarios[i].name, name) == 0)
			return &scenarios[i];
	cr_assert(false, "no scenario %s", name);
	return NULL;
}

/* Build a scenario; the DER is encoded last, so that node offsets hold. */
static struct fg_node *build(const struct scenario *sc, struct env *e)
{
	memset(e, 0, sizeof(*e));
	struct fg_node *at = sc->build(e);
	if (e->der == NULL)
		e->der = fg_cert_der(e->ee, &e->len);
	else
		fg_cert_der(e->ee, &e->len);   /* offsets of the unedited encoding (same layout) */
	return at;
}

ParameterizedTestParameters(chain, scenario)
{
	return cr_make_param_array(size_t, case_indexes(N_SCENARIOS), N_SCENARIOS, free_case_indexes);
}

ParameterizedTest(size_t *idx, chain, scenario, .init = setup, .fini = teardown)
{
	const struct scenario *sc = &scenarios[*idx];
	struct env e;
	struct fg_node *at = build(sc, &e);
	cr_assert(eq(sz, strlen(sc->want), N_CHAIN));

	size_t fails = 0;
	for (size_t i = 0; i < N_CHAIN; i++) {
		smkilint_report *r = NULL;
		const char *matched = NULL;
		enum smk_status want = status_of(sc->want[i]);
		enum smk_status st = chain_lint(chain_ids[i], e.der, e.len, e.iss, e.kind, &r, &matched);
		if (st != want)
			log_report(r);
		cr_expect(eq(int, st, want), "%s: %s is %s instead of %s", sc->name, chain_ids[i], status_name(st),
			  status_name(want));
		if (i == 0 && sc->matched != NULL)
			cr_expect(matched != NULL && strstr(matched, sc->matched) != NULL,
				  "%s: issuer found by \"%s\", expected \"%s\"", sc->name, matched ? matched : "(nothing)",
				  sc->matched);
		if (i == 0 && sc->matched == NULL && e.iss == NULL && sc->want[0] == 'N')
			cr_expect(eq(ptr, (void *)matched, NULL), "%s: no issuer", sc->name);
		if (want != SMK_FAIL || st != SMK_FAIL) {
			cr_expect(eq(sz, smkilint_report_count(r), 0), "%s: %s has findings without failing", sc->name,
				  chain_ids[i]);
			smkilint_report_free(r);
			continue;
		}
		fails++;
		cr_assert(ne(ptr, at, NULL), "%s: the scenario names the node", sc->name);
		cr_assert(eq(sz, smkilint_report_count(r), 1), "%s: one finding", sc->name);
		const smkilint_finding *f = smkilint_report_finding(r, 0);
		size_t off, len;
		expected_loc(at, sc->at, &off, &len);
		cr_expect(eq(str, (char *)f->lint, (char *)chain_ids[i]));
		cr_expect(eq(int, f->severity, smkilint_lint_find(chain_ids[i])->severity), "%s: severity", sc->name);
		cr_expect(eq(str, (char *)f->path, (char *)sc->path), "%s: path", sc->name);
		cr_expect(eq(sz, f->offset, off), "%s: offset", sc->name);
		cr_expect(eq(sz, f->length, len), "%s: length", sc->name);
		if (sc->expected != NULL)
			cr_expect(eq(str, (char *)f->expected, (char *)sc->expected), "%s: expected", sc->name);
		if (sc->found != NULL)
			cr_expect(ne(ptr, strstr(f->found, sc->found), NULL), "%s: found \"%s\" lacks \"%s\"", sc->name,
				  f->found, sc->found);
		smkilint_report_free(r);
	}
	cr_expect(le(sz, fails, 1), "%s: one failing chain lint at most", sc->name);

	/* the whole pipeline (no profile: the kind is NULL) reports exactly the
	 * failing chain lints, once each */
	if (e.kind != NULL)
		return;
	smkilint_ctx_set_issuers(ctx, e.iss);
	smkilint_report *r = lint_bytes(ctx, e.der, e.len);
	size_t want_fails = 0;
	for (size_t i = 0; i < N_CHAIN; i++) {
		want_fails += sc->want[i] == 'F';
		cr_expect(eq(sz, count_id(r, chain_ids[i]), sc->want[i] == 'F' ? 1 : 0), "%s: pipeline, %s", sc->name,
			  chain_ids[i]);
	}
	cr_expect(eq(sz, count_prefix(r, "smki.chain."), want_fails), "%s: pipeline chain findings", sc->name);
	smkilint_report_free(r);
}

/* The brief's question, asked directly: the byte-encoding warning fires for
 * the RFC 5280 §7.1 match only, not when the issuer was found by AKI or by
 * the byte-identical name. */
Test(chain, bytes_identical_warning_only_for_rfc5280_matching, .init = setup, .fini = teardown)
{
	const char *names[] = {"valid signature, found by AKI", "found by byte-identical name",
			       "found by RFC 5280 7.1 matching"};
	for (size_t i = 0; i < 3; i++) {
		struct env e;
		build(scenario_named(names[i]), &e);
		smkilint_ctx_set_issuers(ctx, e.iss);
		smkilint_report *r = lint_bytes(ctx, e.der, e.len);
		cr_expect(eq(sz, count_id(r, "smki.chain.issuer_name_bytes_identical"), i == 2 ? 1 : 0), "%s", names[i]);
		cr_expect(eq(sz, count_id(r, "smki.chain.signature_valid"), 0), "%s: the signature verifies", names[i]);
		if (i == 2) {
			const smkilint_finding *f = find_one(r, "smki.chain.issuer_name_bytes_identical");
			cr_assert(ne(ptr, (void *)f, NULL));
			cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
		}
		smkilint_report_free(r);
		/* each build encodes new nodes in the same forge; start afresh */
		smkilint_ctx_set_issuers(ctx, NULL);
	}
}

/* RFC 5280 §7.1 folding as both issuer matching (lib/chain.c) and the bulk
 * issuer digest (lib/bulk.c) use it. */
Test(chain, fold_text)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"E357", "e357"},     {"  e357 ", "e357"}, {"A  b   C", "a b c"},
		{"   ", ""},          {"", ""},            {" x y ", "x y"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct smk_bytes v = {(const uint8_t *)cases[i].in, strlen(cases[i].in)};
		uint8_t out[32];
		size_t n = smk_fold_text(&v, out, sizeof(out));
		cr_expect(eq(sz, n, strlen(cases[i].want)), "'%s'", cases[i].in);
		cr_expect(eq(int, memcmp(out, cases[i].want, n), 0), "'%s' folds to '%.*s'", cases[i].in, (int)n, out);
	}
	/* never past cap */
	struct smk_bytes v = {(const uint8_t *)"ABCDEF", 6};
	uint8_t out[4] = {0, 0, 0, 0x55};
	cr_expect(eq(sz, smk_fold_text(&v, out, 3), 3));
	cr_expect(eq(int, out[3], 0x55));
}

/* The same self-signed certificate through the pipeline with a shipped
 * organisation profile: self_signed_not_root fires (the profile's kind is
 * what the lint reads). */
Test(chain, self_signed_under_the_shipped_organisation_profile, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = NULL;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	int rc = smkilint_profiles_load_dir(set, ctx, PROFILES_DIR);
	cr_assert(eq(int, rc, 0), "%s", smkilint_ctx_last_error(ctx)->message);
	cr_assert(eq(int, smkilint_profiles_finalize(set, ctx), 0), "%s", smkilint_ctx_last_error(ctx)->message);
	const smkilint_profile *org = smkilint_profiles_find(set, "smki-organisation");
	cr_assert(ne(ptr, (void *)org, NULL));
	cr_assert(eq(str, (char *)smkilint_profile_kind(org), "organisation"));

	struct env e;
	build(scenario_named("self-signed, no profile"), &e);
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_der(&r, ctx, org, e.der, e.len, "self", 0), 0));
	const smkilint_finding *f = find_one(r, "smki.chain.self_signed_not_root");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->path, "signatureValue"));
	cr_expect(eq(sz, f->offset, fg_off(e.ee->sig_value)));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(eq(sz, count_id(r, "smki.chain.signature_valid"), 0));
	smkilint_report_free(r);
	smkilint_profiles_free(set);
}

/* Every chain lint fails and passes in some scenario above. */
Test(catalogue, every_chain_lint_fails_and_passes_here)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_lint_count(); i++) {
		if (strcmp(smkilint_lint_family(i), "chain") != 0)
			continue;
		const char *id = smkilint_lint_get(i)->id;
		n++;
		size_t k = N_CHAIN;
		for (size_t j = 0; j < N_CHAIN; j++)
			if (strcmp(chain_ids[j], id) == 0)
				k = j;
		cr_assert(lt(sz, k, N_CHAIN), "chain lint %s is not in chain_ids[]", id);
		bool fail = false, pass = false;
		for (size_t s = 0; s < N_SCENARIOS; s++) {
			fail = fail || scenarios[s].want[k] == 'F';
			pass = pass || scenarios[s].want[k] == 'P';
		}
		cr_expect(fail, "%s has no failing scenario", id);
		cr_expect(pass, "%s has no passing scenario", id);
	}
	cr_assert(eq(sz, n, N_CHAIN), "the chain family has %zu lints, chain_ids[] %zu", n, N_CHAIN);
}

/* ------------------------------------------------------------- real data */

struct real {
	uint8_t *der;
	size_t len;
};

static void real_store(smkilint_issuers **iss, const char *pem)
{
	size_t len;
	uint8_t *der = read_pem_cert(pem, &len);
	cr_assert(eq(int, smkilint_issuers_new(iss), 0));
	size_t added = 0;
	cr_assert(eq(int, smkilint_issuers_add(*iss, ctx, der, len, pem, &added), 0));
	cr_assert(eq(sz, added, 1));
	free(der);
}

/* the Z1 organisation certificates of tests/data/smki, by name */
static size_t z1_fixtures(char names[][256], size_t cap)
{
	DIR *d = opendir(SMKI_DATA);
	cr_assert(ne(ptr, d, NULL), "cannot open %s", SMKI_DATA);
	size_t n = 0;
	for (struct dirent *de; (de = readdir(d)) != NULL;) {
		size_t l = strlen(de->d_name);
		if (strncmp(de->d_name, "org-z1-", 7) != 0 || l < 4 || strcmp(de->d_name + l - 4, ".pem") != 0)
			continue;
		cr_assert(lt(sz, n, cap));
		snprintf(names[n++], 256, "%s/%s", SMKI_DATA, de->d_name);
	}
	closedir(d);
	return n;
}

static void z1_all_verify(const char *oca)
{
	smkilint_issuers *iss = NULL;
	real_store(&iss, oca);
	smkilint_ctx_set_issuers(ctx, iss);
	char names[32][256];
	size_t n = z1_fixtures(names, 32);
	cr_assert(ge(sz, n, 5), "%zu Z1 organisation fixtures", n);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		uint8_t *der = read_pem_cert(names[i], &len);
		const char *matched = NULL;
		cr_expect(eq(int, chain_lint("smki.chain.signature_valid", der, len, iss, NULL, NULL, &matched), SMK_PASS),
			  "%s does not verify against %s", names[i], oca);
		cr_expect(matched != NULL && strstr(matched, "authorityKeyIdentifier") != NULL, "%s: found by %s", names[i],
			  matched ? matched : "nothing");
		cr_expect(eq(int, chain_lint("smki.chain.issuer_name_matches", der, len, iss, NULL, NULL, NULL), SMK_PASS),
			  "%s", names[i]);
		cr_expect(eq(int, chain_lint("smki.chain.aki_matches_issuer_ski", der, len, iss, NULL, NULL, NULL),
			     SMK_PASS), "%s", names[i]);
		cr_expect(eq(int, chain_lint("smki.chain.issuer_is_ca", der, len, iss, NULL, NULL, NULL), SMK_PASS), "%s",
			  names[i]);
		cr_expect(eq(int, chain_lint("smki.chain.signature_not_checked", der, len, iss, NULL, NULL, NULL),
			     SMK_PASS), "%s", names[i]);
		smkilint_report *r = lint_bytes(ctx, der, len);
		if (count_prefix(r, "smki.chain.") != 0)
			log_report(r);
		cr_expect(eq(sz, count_prefix(r, "smki.chain."), 0), "%s: chain findings", names[i]);
		smkilint_report_free(r);
		free(der);
	}
	smkilint_ctx_set_issuers(ctx, NULL);
	smkilint_issuers_free(iss);
}

Test(real, z1_organisation_certificates_verify_against_the_z1_oca, .init = setup, .fini = teardown)
{
	z1_all_verify(OCA_Z1);
}

/* The corrupted copy differs in the OCA's own signature only: its key still
 * verifies every Z1 certificate. */
Test(real, the_corrupted_oca_still_certifies_with_its_key, .init = setup, .fini = teardown)
{
	z1_all_verify(OCA_Z1_CORRUPTED);
}

/* Without the ZA root neither copy of the OCA can be checked: a notice, and
 * no signature verdict (the linter cannot tell them apart on their own). */
Test(real, the_oca_without_its_root_is_not_checked, .init = setup, .fini = teardown)
{
	const char *files[] = {OCA_Z1, OCA_Z1_CORRUPTED};
	for (size_t i = 0; i < 2; i++) {
		size_t len;
		uint8_t *der = read_pem_cert(files[i], &len);
		cr_expect(eq(int, chain_lint("smki.chain.signature_valid", der, len, NULL, NULL, NULL, NULL), SMK_NA));
		smkilint_report *r = lint_bytes(ctx, der, len);
		const smkilint_finding *f = find_one(r, "smki.chain.signature_not_checked");
		cr_assert(ne(ptr, (void *)f, NULL), "%s", files[i]);
		cr_expect(eq(int, f->severity, SMKILINT_SEV_NOTICE));
		cr_expect(eq(sz, count_prefix(r, "smki.chain."), 1));
		smkilint_report_free(r);
		free(der);
	}
}

/* ------------------------------------------------------------- the issuers themselves */

#define SHARED_SMKI SMK_SHARED_DIR "/corpus/smki-public"
#define NONREP SMKI_DATA "/device-rtds-e357-00db1234567890a0-nonrep.pem"

/* smkilint_issuers_check on store entry i: its findings, all chain lints. */
static smkilint_report *check_issuer(const smkilint_issuers *iss, size_t i)
{
	smkilint_report *r = NULL;
	int rc = smkilint_issuers_check(&r, ctx, iss, i);
	cr_assert(eq(int, rc, 0), "issuers_check: %s", smkilint_ctx_last_error(ctx)->message);
	cr_assert(ne(ptr, r, NULL));
	for (size_t k = 0; k < smkilint_report_count(r); k++)
		cr_expect(eq(int, strncmp(smkilint_report_finding(r, k)->lint, "smki.chain.", 11), 0), "%s",
			  smkilint_report_finding(r, k)->lint);
	return r;
}

static void store_add_pem(smkilint_issuers *iss, const char *pem)
{
	size_t len;
	uint8_t *der = read_pem_cert(pem, &len);
	store_add(iss, der, len, pem);
	free(der);
}

/* Without the ZA root, either copy of the Z1 OCA alone is not anchored: the
 * store says so once, on the OCA (a notice), and reports no failure; the
 * organisation certificates it verifies get no chain finding at all (see
 * z1_all_verify above: the copies share their key). */
Test(real, an_oca_without_its_root_cannot_be_anchored, .init = setup, .fini = teardown)
{
	const char *files[] = {OCA_Z1, OCA_Z1_CORRUPTED};
	for (size_t i = 0; i < 2; i++) {
		smkilint_issuers *iss = new_store();
		store_add_pem(iss, files[i]);
		smkilint_report *r = check_issuer(iss, 0);
		cr_expect(eq(str, (char *)smkilint_report_input(r), (char *)files[i]));
		const smkilint_finding *f = find_one(r, "smki.chain.signature_not_checked");
		cr_assert(ne(ptr, (void *)f, NULL), "%s", files[i]);
		cr_expect(eq(int, f->severity, SMKILINT_SEV_NOTICE));
		cr_expect(eq(str, (char *)f->found, "no given issuer matches its authorityKeyIdentifier or issuer name"));
		cr_expect(eq(sz, smkilint_report_count(r), 1), "%s: the notice only", files[i]);
		smkilint_report_free(r);
	}
	smkilint_report *r = NULL;
	smkilint_issuers *iss = new_store();
	store_add_pem(iss, OCA_Z1);
	cr_expect(eq(int, smkilint_issuers_check(&r, ctx, iss, 1), SMKILINT_EINVAL), "out of range");
	cr_expect(eq(ptr, r, NULL));
}

/* Both copies given: they cannot both be the CA's issuance. Each copy says
 * so (and stays unanchored), and so does every certificate they issued,
 * whose signature still verifies. Linting the damaged copy against the
 * genuine one says it too. */
Test(real, both_copies_of_the_z1_oca_conflict, .init = setup, .fini = teardown)
{
	smkilint_issuers *iss = new_store();
	store_add_pem(iss, OCA_Z1);
	store_add_pem(iss, OCA_Z1_CORRUPTED);
	for (size_t i = 0; i < 2; i++) {
		smkilint_report *r = check_issuer(iss, i);
		const smkilint_finding *f = find_one(r, "smki.chain.conflicting_copies");
		cr_assert(ne(ptr, (void *)f, NULL));
		cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
		cr_expect(eq(str, (char *)f->path, "signatureValue"));
		cr_expect(ne(ptr, strstr(f->found, i == 0 ? "corrupted-signature.pem #0" : "71872bdb.pem #0"), NULL), "%s",
			  f->found);
		cr_expect(eq(sz, count_id(r, "smki.chain.signature_not_checked"), 1));
		cr_expect(eq(sz, smkilint_report_count(r), 2));
		smkilint_report_free(r);
	}

	smkilint_ctx_set_issuers(ctx, iss);
	char names[32][256];
	size_t n = z1_fixtures(names, 32);
	cr_assert(ge(sz, n, 5));
	for (size_t i = 0; i < n; i++) {
		size_t len;
		uint8_t *der = read_pem_cert(names[i], &len);
		smkilint_report *r = lint_bytes(ctx, der, len);
		const smkilint_finding *f = find_one(r, "smki.chain.conflicting_copies");
		cr_assert(ne(ptr, (void *)f, NULL), "%s", names[i]);
		cr_expect(eq(str, (char *)f->path, "tbsCertificate.issuer"));
		cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
		cr_expect(eq(sz, count_prefix(r, "smki.chain."), 1), "%s: the signature verifies", names[i]);
		smkilint_report_free(r);
		free(der);
	}
	smkilint_ctx_set_issuers(ctx, NULL);

	smkilint_issuers *genuine = new_store();
	store_add_pem(genuine, OCA_Z1);
	smkilint_ctx_set_issuers(ctx, genuine);
	size_t len;
	uint8_t *der = read_pem_cert(OCA_Z1_CORRUPTED, &len);
	smkilint_report *r = lint_bytes(ctx, der, len);
	const smkilint_finding *f = find_one(r, "smki.chain.conflicting_copies");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->path, "signatureValue"));
	cr_expect(eq(sz, count_id(r, "smki.chain.signature_not_checked"), 1), "its issuer (ZA) is still unknown");
	smkilint_report_free(r);
	free(der);
	/* the genuine copy linted against itself: no conflict */
	der = read_pem_cert(OCA_Z1, &len);
	r = lint_bytes(ctx, der, len);
	cr_expect(eq(sz, count_id(r, "smki.chain.conflicting_copies"), 0));
	smkilint_report_free(r);
	free(der);
	smkilint_ctx_set_issuers(ctx, NULL);
}

/* The acceptance run on the shared corpus: the 42 organisation certificates
 * the Z1 OCA issued all verify with its key, with no chain finding, through
 * either copy. */
Test(real, the_42_z1_organisation_certificates_of_the_corpus, .init = setup, .fini = teardown)
{
	DIR *d = opendir(SHARED_SMKI);
	if (d == NULL)
		cr_skip_test("%s is not there (the shared corpus sits beside the checkout)", SHARED_SMKI);
	static char names[64][512];
	size_t n = 0;
	for (struct dirent *de; (de = readdir(d)) != NULL;)
		if (strncmp(de->d_name, "org-z1-", 7) == 0 && n < 64)
			snprintf(names[n++], sizeof(names[0]), "%s/%s", SHARED_SMKI, de->d_name);
	closedir(d);
	cr_assert(eq(sz, n, 42), "%zu org-z1-* files", n);
	const char *oca[] = {SHARED_SMKI "/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem",
			     SHARED_SMKI "/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb-corrupted-signature.pem"};
	for (size_t k = 0; k < 2; k++) {
		smkilint_issuers *iss = new_store();
		store_add_pem(iss, oca[k]);
		smkilint_ctx_set_issuers(ctx, iss);
		for (size_t i = 0; i < n; i++) {
			size_t len;
			uint8_t *der = read_pem_cert(names[i], &len);
			const char *matched = NULL;
			cr_expect(eq(int, chain_lint("smki.chain.signature_valid", der, len, iss, NULL, NULL, &matched),
				     SMK_PASS), "%s does not verify with %s", names[i], oca[k]);
			smkilint_report *r = lint_bytes(ctx, der, len);
			if (count_prefix(r, "smki.chain.") != 0)
				log_report(r);
			cr_expect(eq(sz, count_prefix(r, "smki.chain."), 0), "%s", names[i]);
			smkilint_report_free(r);
			free(der);
		}
		smkilint_ctx_set_issuers(ctx, NULL);
	}
}

/* ------------------------------------------------------------- forged root, OCA, organisation certificates */

/* Organisation certificate number i of the CA (its own serial). */
static const uint8_t *issued(size_t i, size_t *len)
{
	struct fg_cert *c = forge_ee(FG_ORGANISATION);
	char serial[40];
	snprintf(serial, sizeof(serial), "71c56392ce9985dd1b78be2eb23d61%02zx", i);
	fg_set_hex(c->serial, serial);
	sign(c, &ca_k);
	return fg_cert_der(c, len);
}

/* D10 with a test root: the OCA's signature damaged after signing. Every
 * certificate it issued verifies with its key and gets one chain finding,
 * the error naming the OCA; the store check finds the OCA's own signature
 * failing with the root's key. With the genuine OCA nothing is found. */
Test(forge, a_damaged_oca_fails_every_certificate_it_issued, .init = setup, .fini = teardown)
{
	struct fg_cert *root = forge_root();
	struct fg_cert *oca = forge_ca(CA_OK);
	for (int damaged = 1; damaged >= 0; damaged--) {
		smkilint_issuers *iss = new_store();
		store_add_cert(iss, root, "root.pem");
		size_t len;
		const uint8_t *der = damaged ? damaged_der(oca, &len) : fg_cert_der(oca, &len);
		store_add(iss, der, len, "oca.pem");

		smkilint_report *r = check_issuer(iss, 0);
		cr_expect(eq(sz, smkilint_report_count(r), 0), "the root is anchored in itself");
		smkilint_report_free(r);
		r = check_issuer(iss, 1);
		if (damaged) {
			const smkilint_finding *f = find_one(r, "smki.chain.signature_valid");
			cr_assert(ne(ptr, (void *)f, NULL));
			cr_expect(eq(str, (char *)f->expected, "a signature that verifies with the key of root.pem #0"));
			cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
		}
		cr_expect(eq(sz, smkilint_report_count(r), damaged ? 1 : 0));
		smkilint_report_free(r);

		smkilint_ctx_set_issuers(ctx, iss);
		for (size_t i = 0; i < 5; i++) {
			const uint8_t *ee = issued(i, &len);
			r = lint_bytes(ctx, ee, len);
			cr_expect(eq(sz, count_prefix(r, "smki.chain."), damaged ? 1 : 0), "certificate %zu", i);
			if (damaged) {
				const smkilint_finding *f = find_one(r, "smki.chain.issuer_signature_valid");
				cr_assert(ne(ptr, (void *)f, NULL));
				cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
				cr_expect(eq(str, (char *)f->path, "tbsCertificate.issuer"));
				cr_expect(eq(str, (char *)f->found,
					     "the signature of oca.pem #0 does not verify with the key of root.pem #0"));
				cr_expect(ne(ptr, strstr(f->message, "oca.pem #0"), NULL), "%s", f->message);
			}
			smkilint_report_free(r);
		}
		smkilint_ctx_set_issuers(ctx, NULL);
	}
}

/* The store resolves its certificates whatever the order they are added in:
 * the OCA first, the root later (its own signature is then checked). */
Test(forge, the_root_may_come_after_the_oca, .init = setup, .fini = teardown)
{
	struct fg_cert *root = forge_root();
	struct fg_cert *oca = forge_ca(CA_OK);
	smkilint_issuers *iss = new_store();
	size_t len;
	const uint8_t *der = damaged_der(oca, &len);
	store_add(iss, der, len, "oca.pem");
	smkilint_report *r = check_issuer(iss, 0);
	cr_expect(eq(sz, count_id(r, "smki.chain.signature_not_checked"), 1), "no root yet");
	smkilint_report_free(r);
	store_add_cert(iss, root, "root.pem");
	r = check_issuer(iss, 0);
	cr_expect(eq(sz, count_id(r, "smki.chain.signature_valid"), 1), "the root came");
	cr_expect(eq(sz, count_id(r, "smki.chain.signature_not_checked"), 0));
	smkilint_report_free(r);
	smkilint_ctx_set_issuers(ctx, iss);
	const uint8_t *ee = issued(0, &len);
	r = lint_bytes(ctx, ee, len);
	cr_expect(eq(sz, count_id(r, "smki.chain.issuer_signature_valid"), 1));
	smkilint_report_free(r);
	smkilint_ctx_set_issuers(ctx, NULL);
}

/* ------------------------------------------------------------- D4: the tampered nonRepudiation device certificate */

#define E357_AKI "47d40af3412904a0"   /* the nonrep certificate's authorityKeyIdentifier */

/* A DCA made for the test: subject CN=E357 (PrintableString) and SKI as the
 * real E357's, but a key of the test (other_k), cA TRUE and keyCertSign,
 * the E357 devices' policy, valid 2015 .. 2045. */
static const uint8_t *forge_e357(size_t *len)
{
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	fg_cert_set(c, &c->subject, fg_seq(g, fg_set(g, fg_atv(g, OID_CN, fg_str(g, 0x13, "E357")))));
	fg_cert_set(c, &c->issuer, name2(0x13, "00", "ZA"));
	set_time(c->not_before, "150101000000Z");
	set_time(c->not_after, "451231235959Z");
	set_key(c, &other_k);
	fg_set_hex(c->ext[FG_EXT_SKI].inner, E357_AKI);
	set_aki(c, root_k.ski);
	fg_cert_set(c, &c->ext[FG_EXT_KU].inner, fg_hex(g, "03 02 01 06"));
	struct fg_ext bc = fg_ext_new(g, OID_BC, FG_CRIT_TRUE, fg_seq(g, fg_bool(g, true), fg_int(g, 0)));
	fg_insert_after(c->doc, c->ext[FG_EXT_KU].seq, bc.seq);
	fg_cert_set(c, &c->policy, fg_oid(g, "1.2.826.0.1.1800000.1.2.1.4"));
	sign(c, &root_k);
	return fg_cert_der(c, len);
}

/* Lint der against a store of the test E357; returns the report. */
static smkilint_report *lint_against_e357(const uint8_t *der, size_t len)
{
	size_t dlen;
	const uint8_t *dca = forge_e357(&dlen);
	smkilint_issuers *iss = new_store();
	store_add(iss, dca, dlen, "e357-test.pem");
	smkilint_ctx_set_issuers(ctx, iss);
	smkilint_report *r = lint_bytes(ctx, der, len);
	smkilint_ctx_set_issuers(ctx, NULL);
	return r;
}

/* Found by its authorityKeyIdentifier, the test DCA's key does not verify
 * the tampered certificate: exactly one chain finding, the signature error. */
Test(d4, the_nonrep_certificate_fails_against_a_test_dca, .init = setup, .fini = teardown)
{
	size_t len;
	uint8_t *der = read_pem_cert(NONREP, &len);
	smkilint_report *r = lint_against_e357(der, len);
	const smkilint_finding *f = find_one(r, "smki.chain.signature_valid");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(eq(str, (char *)f->path, "signatureValue"));
	cr_expect(eq(str, (char *)f->expected, "a signature that verifies with the key of e357-test.pem #0"));
	cr_expect(ne(ptr, strstr(f->message, "authorityKeyIdentifier"), NULL), "%s", f->message);
	if (count_prefix(r, "smki.chain.") != 1)
		log_report(r);
	cr_expect(eq(sz, count_prefix(r, "smki.chain."), 1), "only the signature fails");
	smkilint_report_free(r);
	free(der);
}

/* The genuine certificate (keyUsage digitalSignature, as the -ds original)
 * re-signed by the test DCA verifies; the same bytes with keyUsage changed
 * to nonRepudiation afterwards, as in the RTDS copy, do not. */
Test(d4, resigned_genuine_verifies_then_the_tamper_fails, .init = setup, .fini = teardown)
{
	size_t len;
	uint8_t *der = read_pem_cert(NONREP, &len);
	struct smk_cert m;
	decode(&m, ctx, der, len);
	const struct smk_ext *ku = m.known[SMK_EXT_KEY_USAGE];
	cr_assert(ne(ptr, (void *)ku, NULL));
	cr_assert(eq(sz, ku->value.len, 4));
	cr_assert(eq(int, memcmp(ku->value.p, "\x03\x02\x06\x40", 4), 0), "nonRepudiation");
	size_t ku_off = (size_t)(ku->value.p - der), tbs_off = (size_t)(m.tbs.p - der), tbs_len = m.tbs.len;
	struct fg_node *alg = fg_raw(g, m.sig_alg.raw.p, m.sig_alg.raw.len);
	smk_cert_free(&m);

	/* the genuine TBS: digitalSignature */
	uint8_t *tbs = malloc(tbs_len);
	cr_assert(ne(ptr, tbs, NULL));
	memcpy(tbs, der + tbs_off, tbs_len);
	memcpy(tbs + (ku_off - tbs_off), "\x03\x02\x07\x80", 4);
	gnutls_datum_t data = {tbs, (unsigned)tbs_len}, sig = {NULL, 0};
	int rc = gnutls_privkey_sign_data(other_k.priv, GNUTLS_DIG_SHA256, 0, &data, &sig);
	cr_assert(eq(int, rc, 0), "%s", gnutls_strerror(rc));
	struct fg_node *tbs_node = fg_raw(g, tbs, tbs_len);
	struct fg_node *cert = fg_seq(g, tbs_node, alg, fg_bits(g, 0, sig.data, sig.size));
	gnutls_free(sig.data);
	size_t glen;
	const uint8_t *genuine = fg_encode(g, cert, &glen);
	size_t at = fg_off(tbs_node) + (ku_off - tbs_off);   /* a raw node: its octets start there */
	smkilint_report *r = lint_against_e357(genuine, glen);
	if (count_prefix(r, "smki.chain.") != 0)
		log_report(r);
	cr_expect(eq(sz, count_prefix(r, "smki.chain."), 0), "the re-signed genuine certificate verifies");
	smkilint_report_free(r);

	/* the tamper: keyUsage edited after signing */
	struct fg_node *copy = fg_raw(g, genuine, glen);
	cr_assert(eq(int, memcmp(copy->data + at, "\x03\x02\x07\x80", 4), 0));
	memcpy(copy->data + at, "\x03\x02\x06\x40", 4);
	r = lint_against_e357(copy->data, glen);
	const smkilint_finding *f = find_one(r, "smki.chain.signature_valid");
	cr_assert(ne(ptr, (void *)f, NULL), "the tampered copy fails");
	cr_expect(eq(str, (char *)f->found, "a signature that does not verify"));
	cr_expect(eq(sz, count_prefix(r, "smki.chain."), 1));
	smkilint_report_free(r);
	free(tbs);
	free(der);
}

/* Its real issuer (E357) is not public: without --issuer, or with issuers
 * that are not its own, the signature is explicitly not checked. */
Test(d4, without_its_real_issuer_the_signature_is_not_checked, .init = setup, .fini = teardown)
{
	size_t len;
	uint8_t *der = read_pem_cert(NONREP, &len);
	smkilint_report *r = lint_bytes(ctx, der, len);
	const smkilint_finding *f = find_one(r, "smki.chain.signature_not_checked");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_NOTICE));
	cr_expect(eq(str, (char *)f->found, "no issuer certificate was given (--issuer)"));
	cr_expect(eq(str, (char *)f->message, "signature not checked: no issuer certificate was given (--issuer)"));
	cr_expect(eq(sz, count_id(r, "smki.chain.signature_valid"), 0));
	smkilint_report_free(r);

	smkilint_issuers *iss = new_store();
	store_add_pem(iss, OCA_Z1);
	smkilint_ctx_set_issuers(ctx, iss);
	r = lint_bytes(ctx, der, len);
	f = find_one(r, "smki.chain.signature_not_checked");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->found, "no given issuer matches its authorityKeyIdentifier or issuer name"));
	cr_expect(eq(sz, count_prefix(r, "smki.chain."), 1));
	smkilint_report_free(r);
	smkilint_ctx_set_issuers(ctx, NULL);
	free(der);
}

/* D6/D8: the XML-signing certificates name Z1 as their issuer but are signed
 * with their own key. With the Z1 OCA given, the named issuer does not verify
 * them and their own key does: self-signed (not a signature failure), and so
 * smki.chain.self_signed_not_root for an organisation profile. */
Test(real, xmlsign_naming_z1_is_self_signed_not_a_bad_signature, .init = setup, .fini = teardown)
{
	smkilint_issuers *iss = NULL;
	real_store(&iss, OCA_Z1);
	size_t len;
	uint8_t *der = read_pem_cert(SMKI_DATA "/xmlsign-z1-xmlSign-90b3d51f30010000-ds-20180101-14be4ad2.pem", &len);
	const char *matched = NULL;
	cr_expect(eq(int, chain_lint("smki.chain.signature_valid", der, len, iss, "organisation", NULL, &matched), SMK_PASS));
	cr_expect(matched != NULL && strstr(matched, "own key") != NULL, "found by %s", matched ? matched : "nothing");
	cr_expect(eq(int, chain_lint("smki.chain.self_signed_not_root", der, len, iss, "organisation", NULL, NULL),
		     SMK_FAIL));
	cr_expect(eq(int, chain_lint("smki.chain.self_signed_not_root", der, len, iss, "root", NULL, NULL), SMK_PASS));
	free(der);
	smkilint_issuers_free(iss);
}
