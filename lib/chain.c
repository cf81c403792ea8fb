/* The issuer store and issuer matching for the chain lints. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "crypto.h"

static void store_update(struct smkilint_issuers *store, size_t first);

int smkilint_issuers_new(smkilint_issuers **out)
{
	*out = calloc(1, sizeof(**out));
	return *out != NULL ? 0 : SMKILINT_ENOMEM;
}

void smkilint_issuers_free(smkilint_issuers *iss)
{
	if (iss == NULL)
		return;
	for (size_t i = 0; i < iss->n; i++) {
		smk_cert_free(&iss->items[i]->cert);
		free(iss->items[i]->der);
		free(iss->items[i]);
	}
	free(iss->items);
	free(iss);
}

size_t smkilint_issuers_count(const smkilint_issuers *iss)
{
	return iss != NULL ? iss->n : 0;
}

int smkilint_issuers_add(smkilint_issuers *iss, smkilint_ctx *ctx, const uint8_t *data, size_t len,
			 const char *input_name, size_t *added)
{
	smkilint_input *in = NULL;
	size_t n_added = 0, first = iss->n;
	int rc = smkilint_input_split(&in, ctx, data, len);
	for (size_t i = 0; rc == 0 && i < smkilint_input_count(in); i++) {
		const smkilint_item *it = smkilint_input_item(in, i);
		if (it->error_lint != NULL) {
			smk_ctx_set_error(ctx, SMKILINT_EINVAL, "%s: cert #%zu: %s", input_name, it->index,
					  it->error_message);
			rc = SMKILINT_EINVAL;
			break;
		}
		struct smk_issuer *is = calloc(1, sizeof(*is));
		uint8_t *der = is != NULL ? malloc(it->der_len ? it->der_len : 1) : NULL;
		if (der == NULL) {
			free(is);
			rc = SMKILINT_ENOMEM;
			break;
		}
		memcpy(der, it->der, it->der_len);
		is->der = der;
		is->index = it->index;
		smk_arena_init(&is->cert.arena);
		is->input = smk_strdup(&is->cert.arena, input_name);
		rc = smk_decode_cert(&is->cert, ctx, der, it->der_len);
		if (rc == 0 && !is->cert.decoded) {
			smk_ctx_set_error(ctx, SMKILINT_EINVAL, "%s: cert #%zu: issuer certificate cannot be decoded: %s",
					  input_name, it->index, is->cert.fatal_reason ? is->cert.fatal_reason : "malformed");
			rc = SMKILINT_EINVAL;
		}
		if (rc == 0 && iss->n == iss->cap) {
			size_t cap = iss->cap ? 2 * iss->cap : 8;
			struct smk_issuer **ni = realloc(iss->items, cap * sizeof(*ni));
			if (ni == NULL) {
				rc = SMKILINT_ENOMEM;
			} else {
				iss->items = ni;
				iss->cap = cap;
			}
		}
		if (rc != 0) {
			smk_cert_free(&is->cert);
			free(der);
			free(is);
			break;
		}
		iss->items[iss->n++] = is;
		n_added++;
	}
	smkilint_input_free(in);
	store_update(iss, first);
	if (added != NULL)
		*added = n_added;
	return rc;
}

int smkilint_ctx_set_issuers(smkilint_ctx *ctx, const smkilint_issuers *iss)
{
	ctx->issuers = iss;
	return 0;
}

/* ------------------------------------------------------------ names */

size_t smk_fold_text(const struct smk_bytes *v, uint8_t *out, size_t cap)
{
	size_t n = 0;
	bool space = false;
	for (size_t i = 0; i < v->len && n < cap; i++) {
		uint8_t ch = v->p[i];
		if (ch == ' ') {
			space = n > 0;
			continue;
		}
		if (space && n + 1 < cap)
			out[n++] = ' ';
		space = false;
		out[n++] = (uint8_t)tolower(ch);
	}
	return n;
}

static bool value_equal(const struct smk_atv *a, const struct smk_atv *b)
{
	if (smk_tag_is_text(a->tag) && smk_tag_is_text(b->tag)) {
		uint8_t fa[512], fb[512];
		if (a->value.len >= sizeof(fa) || b->value.len >= sizeof(fb))
			return smk_bytes_eq(a->value, b->value);
		size_t la = smk_fold_text(&a->value, fa, sizeof(fa)), lb = smk_fold_text(&b->value, fb, sizeof(fb));
		return la == lb && memcmp(fa, fb, la) == 0;
	}
	return smk_bytes_eq(a->raw, b->raw);
}

bool smk_name_equal_rfc5280(const struct smk_name *a, const struct smk_name *b)
{
	if (a->n_rdn != b->n_rdn || a->n_atv != b->n_atv)
		return false;
	for (size_t i = 0; i < a->n_atv; i++) {
		const struct smk_atv *x = &a->atv[i];
		/* within one RDN the order of attributes does not matter */
		bool found = false;
		for (size_t j = 0; j < b->n_atv && !found; j++) {
			const struct smk_atv *y = &b->atv[j];
			found = y->rdn == x->rdn && strcmp(x->oid, y->oid) == 0 && value_equal(x, y);
		}
		if (!found)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------ matching */

/* How far up the store the issuer's own signature is followed: a longer
 * path, or a loop of cross-certificates, ends as "not anchored". */
#define SMK_MAX_CHAIN 16

/* How cand is named by c as its issuer: 3 authorityKeyIdentifier = cand's
 * subjectKeyIdentifier, 2 issuer name = cand's subject byte for byte,
 * 1 equal under RFC 5280 §7.1, 0 not at all. */
static int match_level(const struct smk_cert *c, const struct smk_cert *cand)
{
	if (c->known[SMK_EXT_AKI] != NULL && c->aki.has_keyid && cand->known[SMK_EXT_SKI] != NULL &&
	    smk_bytes_eq(cand->ski, c->aki.keyid))
		return 3;
	if (smk_bytes_eq(cand->subject.raw, c->issuer.raw))
		return 2;
	if (smk_name_equal_rfc5280(&cand->subject, &c->issuer))
		return 1;
	return 0;
}

static const char *const matched_text[] = {
	NULL,
	"issuer name = issuer's subject (RFC 5280 §7.1)",
	"issuer name = issuer's subject (byte-identical)",
	"authorityKeyIdentifier = issuer subjectKeyIdentifier",
};

/* Follow the issuer's own signature up the store (RFC 5280 §6.1: every
 * certificate of the path verifies with the key of the one above it). */
static enum smk_anchor walk(const struct smk_issuer *x, struct smk_chain *ch)
{
	for (size_t d = 0; d < SMK_MAX_CHAIN; d++) {
		if (ch != NULL)
			ch->depth = d;
		if (x->sig == SMK_SIG_INVALID) {
			if (ch != NULL)
				ch->broken = x;
			return SMK_ANCHOR_BROKEN;
		}
		if (x->self_signed)
			return SMK_ANCHORED;
		if (x->sig == SMK_SIG_UNSUPPORTED)
			return SMK_ANCHOR_UNSUPPORTED;
		if (x->parent == NULL || x->sig != SMK_SIG_VALID)
			break;
		x = x->parent;
	}
	if (ch != NULL)
		ch->stop = x;
	return SMK_ANCHOR_UNKNOWN;
}

/* Which anchors are preferred when several certificates of the store match
 * equally well (the genuine copy of a CA over a damaged one). */
static int anchor_rank(enum smk_anchor a)
{
	switch (a) {
	case SMK_ANCHORED: return 3;
	case SMK_ANCHOR_UNKNOWN: return 2;
	case SMK_ANCHOR_UNSUPPORTED: return 1;
	default: return 0;
	}
}

/* The issuer of c among the store (c itself excluded): the best-matching
 * candidates (match_level), and among them the first whose key verifies c,
 * then (with by_anchor) the best anchored. *v receives the verification
 * (1 valid, 0 invalid, -1 unsupported) with the chosen one's key. */
static const struct smk_issuer *choose_issuer(const struct smk_cert *c, const struct smkilint_issuers *store,
					      bool by_anchor, int *level, int *v)
{
	int best = 0;
	for (size_t i = 0; i < store->n; i++) {
		const struct smk_issuer *x = store->items[i];
		if (x->cert.der.p == c->der.p)
			continue;
		int l = match_level(c, &x->cert);
		best = l > best ? l : best;
	}
	*level = best;
	if (best == 0)
		return NULL;
	const struct smk_issuer *chosen = NULL, *prev = NULL;
	int chosen_score = -1, prev_v = -1;
	for (size_t i = 0; i < store->n; i++) {
		const struct smk_issuer *x = store->items[i];
		if (x->cert.der.p == c->der.p || match_level(c, &x->cert) != best)
			continue;
		/* copies of one CA share a key: verify once per key */
		int vx = prev != NULL && smk_bytes_eq(prev->cert.spki.key, x->cert.spki.key) &&
				 prev->cert.spki.curve == x->cert.spki.curve
			 ? prev_v
			 : smk_verify_signature(c, &x->cert.spki);
		prev = x, prev_v = vx;
		int score = (vx > 0 ? 8 : 0) + (by_anchor ? anchor_rank(walk(x, NULL)) : 0);
		if (score > chosen_score) {
			chosen = x, chosen_score = score, *v = vx;
			if (score == (by_anchor ? 8 + 3 : 8))
				break;
		}
	}
	return chosen;
}

/* A certificate of the store with the same TBSCertificate as c and another
 * signature (c itself, the same bytes, excluded). */
static const struct smk_issuer *twin_of(const struct smk_cert *c, const struct smkilint_issuers *store)
{
	for (size_t i = 0; i < store->n; i++) {
		const struct smk_cert *x = &store->items[i]->cert;
		if (x->der.p != c->der.p && smk_bytes_eq(x->tbs, c->tbs) && !smk_bytes_eq(x->sig.bits, c->sig.bits))
			return store->items[i];
	}
	return NULL;
}

/* A certificate that names itself as issuer, or has no key identifier of
 * another key, is tried against its own key: 1 verifies, 0 not, -1 cannot
 * tell; *self_issued says whether its own key is the only candidate. Other
 * certificates are not tried (a verification costs about 150 µs, a device
 * certificate is linted in 30). Returns -2 when not a candidate. */
static int own_key(const struct smk_cert *c, bool *self_issued)
{
	*self_issued = smk_bytes_eq(c->issuer.raw, c->subject.raw) && c->issuer.n_rdn > 0;
	bool own_aki = c->known[SMK_EXT_AKI] == NULL || !c->aki.has_keyid ||
		       (c->known[SMK_EXT_SKI] != NULL && smk_bytes_eq(c->aki.keyid, c->ski));
	if (!*self_issued && !own_aki)
		return -2;
	return smk_verify_signature(c, &c->spki);
}

/* What the store knows about x's own signature: its issuer among the others
 * and the verification with that key, or with its own. */
static void resolve_item(struct smk_issuer *x, const struct smkilint_issuers *store)
{
	int level = 0, v = -1;
	const struct smk_issuer *p = choose_issuer(&x->cert, store, false, &level, &v);
	if (p != NULL) {
		x->parent = p;
		x->sig = v > 0 ? SMK_SIG_VALID : v == 0 ? SMK_SIG_INVALID : SMK_SIG_UNSUPPORTED;
		x->self_signed = v > 0 && smk_bytes_eq(p->cert.spki.key, x->cert.spki.key);
		return;
	}
	if (x->self_checked)
		return;
	x->self_checked = true;
	bool self_issued;
	int own = own_key(&x->cert, &self_issued);
	if (own > 0) {
		x->self_signed = true;
		x->sig = SMK_SIG_VALID;
	} else if (own != -2 && self_issued) {
		x->sig = own == 0 ? SMK_SIG_INVALID : SMK_SIG_UNSUPPORTED;
	}
}

/* After certificates [first, n) were added: resolve them, resolve again the
 * older ones still without an issuer that one of them might have issued, and
 * pair the copies. Verifications happen once per certificate, not per add. */
static void store_update(struct smkilint_issuers *store, size_t first)
{
	for (size_t i = 0; i < first; i++) {
		struct smk_issuer *x = store->items[i];
		if (x->parent != NULL || x->self_signed)
			continue;
		bool candidate = false;
		for (size_t j = first; j < store->n && !candidate; j++)
			candidate = match_level(&x->cert, &store->items[j]->cert) > 0;
		if (candidate)
			resolve_item(x, store);
	}
	for (size_t i = first; i < store->n; i++)
		resolve_item(store->items[i], store);
	for (size_t i = first; i < store->n; i++) {
		struct smk_issuer *x = store->items[i];
		for (size_t j = 0; j < store->n; j++) {
			struct smk_issuer *y = store->items[j];
			if (j == i || !smk_bytes_eq(x->cert.tbs, y->cert.tbs) || smk_bytes_eq(x->cert.sig.bits, y->cert.sig.bits))
				continue;
			if (x->twin == NULL)
				x->twin = y;
			if (y->twin == NULL)
				y->twin = x;
		}
	}
}

void smk_chain_resolve(struct smk_chain *ch, const struct smk_cert *c, const struct smkilint_issuers *store)
{
	memset(ch, 0, sizeof(*ch));
	ch->have_store = store != NULL && store->n > 0;
	if (ch->have_store && !c->tbs_only)
		ch->own_twin = twin_of(c, store);
	int level = 0, v = -1;
	const struct smk_issuer *found = ch->have_store ? choose_issuer(c, store, true, &level, &v) : NULL;
	bool self_issued;
	if (found != NULL && v == 0 && own_key(c, &self_issued) > 0) {
		/* the named issuer's key does not verify it, its own key does: a
		 * self-signed certificate carrying another issuer name (D6, D8) */
		ch->self_signed = true;
		ch->sig = SMK_SIG_VALID;
		ch->matched_by = "its own key (self-signed; the issuer it names does not verify it)";
		return;
	}
	if (found != NULL) {
		ch->issuer = &found->cert;
		ch->issuer_item = found;
		ch->issuer_input = found->input;
		ch->issuer_index = found->index;
		ch->matched_by = matched_text[level];
		ch->sig = v > 0 ? SMK_SIG_VALID : v == 0 ? SMK_SIG_INVALID : SMK_SIG_UNSUPPORTED;
		/* the same key certifying itself through the store */
		ch->self_signed = smk_bytes_eq(found->cert.spki.key, c->spki.key) && v > 0;
		if (!ch->self_signed) {
			ch->anchor = walk(found, ch);
			ch->issuer_twin = found->twin;
		}
		return;
	}
	/* no issuer known: a certificate signed by its own key is still checked */
	int own = own_key(c, &self_issued);
	if (own > 0) {
		ch->self_signed = true;
		ch->sig = SMK_SIG_VALID;
		ch->matched_by = "its own key (self-signed)";
	} else if (own != -2 && self_issued) {
		/* self-issued: its own key is the only candidate */
		ch->sig = own == 0 ? SMK_SIG_INVALID : SMK_SIG_UNSUPPORTED;
		ch->matched_by = "its own key (self-issued)";
	}
}

/* ------------------------------------------------------------ the store itself */

int smkilint_issuers_check(smkilint_report **out, smkilint_ctx *ctx, const smkilint_issuers *iss, size_t i)
{
	*out = NULL;
	if (ctx == NULL || iss == NULL || i >= iss->n)
		return SMKILINT_EINVAL;
	const struct smk_issuer *x = iss->items[i];
	smkilint_report *r = smk_report_new(x->input, x->index);
	if (r == NULL)
		return SMKILINT_ENOMEM;
	struct smk_chain ch;
	smk_chain_resolve(&ch, &x->cert, iss);
	int rc = 0;
	for (size_t k = 0; k < smk_family_chain.n && rc == 0; k++)
		if (smk_run_lint_chain(&smk_family_chain.lints[k], &x->cert, r, smk_family_chain.lints[k].info.severity,
				       &ch) == SMK_FATAL)
			rc = SMKILINT_ENOMEM;
	if (rc != 0) {
		smk_ctx_set_error(ctx, rc, "%s: cert #%zu: out of memory", x->input, x->index);
		smkilint_report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}
