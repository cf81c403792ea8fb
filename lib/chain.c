/* The issuer store and issuer matching for the chain lints. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "crypto.h"

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
	size_t n_added = 0;
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

static bool is_text(uint8_t tag)
{
	return tag == 0x13 || tag == 0x0c || tag == 0x16;
}

/* RFC 4518-lite: ASCII case folding, leading/trailing space removed, inner
 * runs of spaces compressed to one. Enough for the SMKI names (PrintableString
 * vs UTF8String of the same ASCII text). */
static size_t fold(const struct smk_bytes *v, char *out, size_t cap)
{
	size_t n = 0;
	bool space = false;
	for (size_t i = 0; i < v->len && n + 1 < cap; i++) {
		unsigned char ch = v->p[i];
		if (ch == ' ') {
			space = n > 0;
			continue;
		}
		if (space && n + 1 < cap)
			out[n++] = ' ';
		space = false;
		out[n++] = (char)tolower(ch);
	}
	out[n] = '\0';
	return n;
}

static bool value_equal(const struct smk_atv *a, const struct smk_atv *b)
{
	if (is_text(a->tag) && is_text(b->tag)) {
		char fa[512], fb[512];
		if (a->value.len >= sizeof(fa) || b->value.len >= sizeof(fb))
			return a->value.len == b->value.len && memcmp(a->value.p, b->value.p, a->value.len) == 0;
		size_t la = fold(&a->value, fa, sizeof(fa)), lb = fold(&b->value, fb, sizeof(fb));
		return la == lb && memcmp(fa, fb, la) == 0;
	}
	return a->raw.len == b->raw.len && memcmp(a->raw.p, b->raw.p, a->raw.len) == 0;
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

static bool bytes_equal(struct smk_bytes a, struct smk_bytes b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

void smk_chain_resolve(struct smk_chain *ch, const struct smk_cert *c, const struct smkilint_issuers *store)
{
	memset(ch, 0, sizeof(*ch));
	ch->have_store = store != NULL && store->n > 0;
	const struct smk_issuer *found = NULL;
	if (ch->have_store) {
		if (c->known[SMK_EXT_AKI] != NULL && c->aki.has_keyid) {
			for (size_t i = 0; i < store->n && found == NULL; i++)
				if (store->items[i]->cert.known[SMK_EXT_SKI] != NULL &&
				    bytes_equal(store->items[i]->cert.ski, c->aki.keyid))
					found = store->items[i], ch->matched_by = "authorityKeyIdentifier = issuer subjectKeyIdentifier";
		}
		for (size_t i = 0; i < store->n && found == NULL; i++)
			if (bytes_equal(store->items[i]->cert.subject.raw, c->issuer.raw))
				found = store->items[i], ch->matched_by = "issuer name = issuer's subject (byte-identical)";
		for (size_t i = 0; i < store->n && found == NULL; i++)
			if (smk_name_equal_rfc5280(&store->items[i]->cert.subject, &c->issuer))
				found = store->items[i], ch->matched_by = "issuer name = issuer's subject (RFC 5280 §7.1)";
	}
	if (found != NULL && found->cert.der.p == c->der.p)
		found = NULL;
	if (found != NULL) {
		ch->issuer = &found->cert;
		ch->issuer_input = found->input;
		ch->issuer_index = found->index;
		int v = smk_verify_signature(c, &found->cert.spki);
		ch->sig = v > 0 ? SMK_SIG_VALID : v == 0 ? SMK_SIG_INVALID : SMK_SIG_UNSUPPORTED;
		/* the same key certifying itself through the store */
		ch->self_signed = bytes_equal(found->cert.spki.key, c->spki.key) && v > 0;
		return;
	}
	/* no issuer known: a certificate signed by its own key is still checked.
	 * Only candidates are tried (same names, or no AKI, or AKI = own SKI):
	 * a verification costs about 150 µs, a device certificate is linted in 30. */
	bool self_issued = bytes_equal(c->issuer.raw, c->subject.raw) && c->issuer.n_rdn > 0;
	bool own_aki = c->known[SMK_EXT_AKI] == NULL || !c->aki.has_keyid ||
		       (c->known[SMK_EXT_SKI] != NULL && bytes_equal(c->aki.keyid, c->ski));
	if (!self_issued && !own_aki)
		return;
	int v = smk_verify_signature(c, &c->spki);
	if (v > 0) {
		ch->self_signed = true;
		ch->sig = SMK_SIG_VALID;
		ch->matched_by = "its own key (self-signed)";
	} else if (self_issued) {
		/* self-issued: its own key is the only candidate */
		ch->sig = v == 0 ? SMK_SIG_INVALID : SMK_SIG_UNSUPPORTED;
		ch->matched_by = "its own key (self-issued)";
	}
}
