/* The pipeline: decode once, run every lint of every family, collect findings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "profile.h"

struct smk_emit {
	const struct smk_lint *lint;
	smkilint_severity severity;
	smkilint_report *report;
	struct smk_arena *scratch;
	int err;
	const struct smk_chain *chain;
};

static const struct smk_chain no_chain;

const struct smk_chain *smk_emit_chain(struct smk_emit *out)
{
	return out->chain != NULL ? out->chain : &no_chain;
}

struct smk_arena *smk_emit_arena(struct smk_emit *out)
{
	return out->scratch;
}

static enum smk_status emit(struct smk_emit *out, const struct smk_loc *loc, const char *expected,
			    const char *found, const char *message)
{
	const smkilint_lint_info *i = &out->lint->info;
	int rc = smk_report_add(out->report, i->id, out->severity, i->citation, loc,
				message != NULL ? message : i->description, expected, found);
	if (rc != 0)
		out->err = rc;
	return SMK_FAIL;
}

enum smk_status smk_fail(struct smk_emit *out, const struct smk_loc *loc, const char *expected,
			 const char *found)
{
	return emit(out, loc, expected, found, NULL);
}

enum smk_status smk_failf(struct smk_emit *out, const struct smk_loc *loc, const char *expected,
			  const char *found, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return emit(out, loc, expected, found, msg);
}

const struct smk_lint *smk_lint_by_id(const char *id)
{
	for (size_t f = 0; f < smk_n_families; f++)
		for (size_t i = 0; i < smk_families[f]->n; i++)
			if (strcmp(smk_families[f]->lints[i].info.id, id) == 0)
				return &smk_families[f]->lints[i];
	return NULL;
}

size_t smkilint_lint_count(void)
{
	size_t n = 0;
	for (size_t f = 0; f < smk_n_families; f++)
		n += smk_families[f]->n;
	return n;
}

const smkilint_lint_info *smkilint_lint_get(size_t i)
{
	for (size_t f = 0; f < smk_n_families; f++) {
		if (i < smk_families[f]->n)
			return &smk_families[f]->lints[i].info;
		i -= smk_families[f]->n;
	}
	return NULL;
}

bool smk_lint_applies(const struct smk_lint *lint, const struct smk_cert *c)
{
	unsigned kinds = lint->kinds != 0 ? lint->kinds : SMK_KIND_CERT;
	return (kinds & (c->is_csr ? SMK_KIND_CSR : SMK_KIND_CERT)) != 0;
}

_Static_assert((int)SMK_KIND_CERT == (int)SMKILINT_SCOPE_CERT && (int)SMK_KIND_CSR == (int)SMKILINT_SCOPE_CSR,
	       "enum smk_kind and enum smkilint_scope share their bits");

unsigned smkilint_lint_scope(size_t i)
{
	for (size_t f = 0; f < smk_n_families; f++) {
		if (i < smk_families[f]->n) {
			unsigned kinds = smk_families[f]->lints[i].kinds;
			return kinds != 0 ? kinds : SMK_KIND_CERT;   /* SMKILINT_SCOPE_* are the same bits */
		}
		i -= smk_families[f]->n;
	}
	return 0;
}

const char *smkilint_lint_family(size_t i)
{
	for (size_t f = 0; f < smk_n_families; f++) {
		if (i < smk_families[f]->n)
			return smk_families[f]->name;
		i -= smk_families[f]->n;
	}
	return NULL;
}

const smkilint_lint_info *smkilint_lint_find(const char *id)
{
	const struct smk_lint *l = id != NULL ? smk_lint_by_id(id) : NULL;
	return l != NULL ? &l->info : NULL;
}

enum smk_status smk_run_lint(const struct smk_lint *lint, const struct smk_cert *c,
			     smkilint_report *report)
{
	return smk_run_lint_as(lint, c, report, lint->info.severity);
}

enum smk_status smk_run_lint_as(const struct smk_lint *lint, const struct smk_cert *c,
				smkilint_report *report, smkilint_severity severity)
{
	return smk_run_lint_chain(lint, c, report, severity, NULL);
}

enum smk_status smk_run_lint_chain(const struct smk_lint *lint, const struct smk_cert *c, smkilint_report *report,
				   smkilint_severity severity, const struct smk_chain *chain)
{
	if (lint->check == NULL || (!c->decoded && !lint->on_undecoded) || !smk_lint_applies(lint, c))
		return SMK_NA;
	struct smk_arena scratch;
	smk_arena_init(&scratch);
	struct smk_emit out = {lint, severity, report, &scratch, 0, chain};
	enum smk_status st = lint->check(c, &out);
	if (scratch.head != NULL)   /* most lints allocate nothing */
		smk_arena_free(&scratch);
	return out.err != 0 ? SMK_FATAL : st;
}

static int add_fatal(smkilint_report *r, const char *id, const struct smk_loc *loc, const char *msg,
		     const char *expected, const char *found)
{
	const struct smk_lint *l = smk_lint_by_id(id);
	return smk_report_add(r, id, SMKILINT_SEV_FATAL, l != NULL ? l->info.citation : "", loc, msg,
			      expected, found);
}

/* A profile of a CSR kind (csr-*) covers requests; "any" covers both; every
 * other kind covers certificates. */
static bool profile_fits(const struct smkilint_profile *p, const struct smk_cert *c)
{
	if (strcmp(p->kind, "any") == 0)
		return true;
	return (strncmp(p->kind, "csr-", 4) == 0) == c->is_csr;
}

/* The profile for this certificate: the given one, or auto-detection's pick
 * (whose working strings go to a, the certificate's arena). */
static int choose_profile(const smkilint_profile **p, smkilint_report *r, const struct smk_cert *c,
			  struct smk_arena *a)
{
	if (*p == NULL)
		return 0;
	if (!(*p)->is_auto) {
		int rc = smk_report_set_profile(r, (*p)->name, "chosen by the caller");
		if (rc == 0 && !profile_fits(*p, c)) {
			const struct smk_lint *l = smk_lint_by_id("profile.kind_mismatch");
			struct smk_loc loc = {0, c->der.len, c->is_csr ? "certificationRequest" : "certificate"};
			char found[200];
			snprintf(found, sizeof(found), "a profile of kind %s", (*p)->kind);
			rc = smk_report_add(r, l->info.id, l->info.severity, l->info.citation, &loc,
					    c->is_csr ? "a certificate profile is applied to a certification request"
						      : "a certification request profile is applied to a certificate",
					    c->is_csr ? "a profile of kind csr-* or any" : "a profile of a certificate kind or any",
					    found);
		}
		return rc;
	}
	if (!c->decoded) {
		*p = NULL;
		return smk_report_set_profile(r, NULL, "not decoded");
	}
	const char *reason = NULL;
	const struct smkilint_profile *found = smk_profile_detect((*p)->set, c, &reason, a);
	int rc = smk_report_set_profile(r, found != NULL ? found->name : NULL, reason);
	if (rc == 0 && found == NULL) {
		const struct smk_lint *l = smk_lint_by_id("profile.none_matched");
		struct smk_loc loc = {c->subject.loc.off, c->subject.loc.len,
				      c->is_csr ? "certificationRequestInfo.subject" : "tbsCertificate.subject"};
		rc = smk_report_add(r, l->info.id, l->info.severity, l->info.citation, &loc,
				    c->is_csr ? "no SMKI CSR profile fits this certification request; only the generic lints ran"
					      : "no SMKI profile fits this certificate; only the generic lints ran",
				    c->is_csr ? "a Device or Organisation certification request"
					      : "a Root, OCA, DCA, Organisation or Device certificate", reason);
	}
	*p = found;
	return rc;
}

static int run_lints(const struct smkilint_profile *p, const struct smk_cert *c, smkilint_report *r,
		     const struct smk_chain *chain)
{
	/* the profile's adjustments, one slot per lint of the catalogue (index) */
	const struct smk_rule *const *overrides = p != NULL ? p->lint_rule : NULL;
	size_t index = 0;
	for (size_t f = 0; f < smk_n_families; f++) {
		const struct smk_family *fam = smk_families[f];
		for (size_t i = 0; i < fam->n; i++, index++) {
			const struct smk_lint *l = &fam->lints[i];
			smkilint_severity sev = l->info.severity;
			const struct smk_rule *o = overrides != NULL ? overrides[index] : NULL;
			if (o != NULL && o->disabled)
				continue;
			if (o != NULL)
				sev = o->severity;
			/* a lint out of scope (csr.*) is not skipped: it would not run */
			if (c->tbs_only && l->needs_signature && smk_lint_applies(l, c)) {
				if (smk_report_skip(r, l->info.id) != 0)
					return SMKILINT_ENOMEM;
				continue;
			}
			if (smk_run_lint_chain(l, c, r, sev, chain) == SMK_FATAL)
				return SMKILINT_ENOMEM;
		}
	}
	if (p != NULL && c->decoded)
		return smk_profile_run(p, c, r);
	return 0;
}

static int lint_cert(smkilint_report **out, smkilint_ctx *ctx, const smkilint_profile *profile, const uint8_t *der,
		     size_t der_len, const char *input_name, size_t cert_index, size_t tbs_shift, bool csr);

int smkilint_lint_der(smkilint_report **out, smkilint_ctx *ctx, const smkilint_profile *profile,
		      const uint8_t *der, size_t der_len, const char *input_name, size_t cert_index)
{
	return lint_cert(out, ctx, profile, der, der_len, input_name, cert_index, 0, false);
}

/* A PKCS #10 request is decoded into the same model (smk_decode_csr); only
 * the lints whose kinds include SMK_KIND_CSR run, and no chain is resolved:
 * its proof of possession is the csr family's business. */
int smkilint_lint_csr_der(smkilint_report **out, smkilint_ctx *ctx, const smkilint_profile *profile,
			  const uint8_t *der, size_t der_len, const char *input_name, size_t index)
{
	return lint_cert(out, ctx, profile, der, der_len, input_name, index, 0, true);
}

/* A TBSCertificate is linted inside a synthetic Certificate: the TBS, a copy
 * of its signature AlgorithmIdentifier, and an empty BIT STRING. Lints that
 * read the signature are skipped and listed; offsets are moved back so that
 * they count from the start of the TBS. */
int smkilint_lint_tbs_der(smkilint_report **out, smkilint_ctx *ctx, const smkilint_profile *profile,
			  const uint8_t *der, size_t der_len, const char *input_name, size_t index)
{
	*out = NULL;
	struct smk_der d;
	struct smk_tlv tbs, f, alg;
	smk_der_init(&d, der, der_len, 0);
	const char *why = NULL;
	if (smk_der_get_any(&d, &tbs) != SMK_DER_OK || tbs.id != 0x30 || tbs.indefinite) {
		why = "not a DER SEQUENCE";
	} else {
		struct smk_der in = tbs.body;
		memset(&alg, 0, sizeof(alg));
		/* [0] version?, serialNumber, signature */
		for (int i = 0; i < 3 && alg.id == 0; i++) {
			if (smk_der_get_any(&in, &f) != SMK_DER_OK)
				break;
			if (f.id == 0x30)
				alg = f;
		}
		if (alg.id != 0x30)
			why = "no signature AlgorithmIdentifier where a TBSCertificate has one";
	}
	if (why != NULL) {
		smkilint_report *r = smk_report_new(input_name, index);
		if (r == NULL)
			return SMKILINT_ENOMEM;
		struct smk_loc loc = {0, der_len, "tbsCertificate"};
		const struct smk_lint *l = smk_lint_by_id("der.decode_failed");
		int rc = smk_report_add(r, l->info.id, SMKILINT_SEV_FATAL, l->info.citation, &loc,
					"the input cannot be decoded as a TBSCertificate", "a DER TBSCertificate", why);
		if (rc != 0) {
			smkilint_report_free(r);
			return rc;
		}
		*out = r;
		return 0;
	}
	size_t tbs_len = tbs.hdr_len + tbs.len, alg_len = alg.hdr_len + alg.len;
	size_t body = tbs_len + alg_len + 3;
	uint8_t hdr[6];
	size_t h = 0;
	hdr[h++] = 0x30;
	if (body < 0x80) {
		hdr[h++] = (uint8_t)body;
	} else {
		uint8_t tmp[4];
		size_t n = 0;
		for (size_t v = body; v; v >>= 8)
			tmp[n++] = (uint8_t)v;
		hdr[h++] = (uint8_t)(0x80 | n);
		while (n)
			hdr[h++] = tmp[--n];
	}
	uint8_t *w = malloc(h + body);
	if (w == NULL)
		return SMKILINT_ENOMEM;
	memcpy(w, hdr, h);
	memcpy(w + h, der, tbs_len);
	memcpy(w + h + tbs_len, alg.body.p - alg.hdr_len, alg_len);
	memcpy(w + h + tbs_len + alg_len, "\x03\x01\x00", 3);
	int rc = lint_cert(out, ctx, profile, w, h + body, input_name, index, h, false);
	free(w);
	if (rc == 0 && d.len > 0) {
		struct smk_loc loc = {d.off, d.len, "tbsCertificate"};
		const struct smk_lint *l = smk_lint_by_id("der.trailing_data");
		rc = smk_report_add(*out, l->info.id, l->info.severity, l->info.citation, &loc, l->info.description,
				    "nothing after the TBSCertificate", "trailing octets");
	}
	return rc;
}

/* In the synthetic wrapper of smkilint_lint_tbs_der the signatureAlgorithm is
 * a copy of tbsCertificate.signature and the signature is empty: only the
 * TBS is looked at. The two AlgorithmIdentifiers are taken as one (as in a
 * request) and the encoding defects found in the copy are dropped, so no
 * finding points past the TBS. */
static void look_at_tbs_only(struct smk_cert *c, const uint8_t *der, size_t der_len, size_t shift)
{
	struct smk_der d;
	struct smk_tlv t;
	smk_der_init(&d, der + shift, der_len - shift, shift);
	if (smk_der_get_any(&d, &t) != SMK_DER_OK)
		return;
	size_t end = t.off + t.hdr_len + t.len, k = 0;
	for (size_t i = 0; i < c->n_defects; i++)
		if (c->defects[i].loc.off < end)
			c->defects[k++] = c->defects[i];
	c->n_defects = k;
	if (c->decoded)
		c->sig_alg = c->tbs_sig_alg;
	else if (c->fatal_loc.off < t.off || c->fatal_loc.off + c->fatal_loc.len > end)
		c->fatal_loc = (struct smk_loc){t.off, end - t.off, "tbsCertificate"};   /* not the wrapper */
}

static int lint_cert(smkilint_report **out, smkilint_ctx *ctx, const smkilint_profile *profile, const uint8_t *der,
		     size_t der_len, const char *input_name, size_t cert_index, size_t tbs_shift, bool csr)
{
	*out = NULL;
	if (profile != NULL && profile->set != NULL && !profile->set->finalized)
		return SMKILINT_EINVAL;
	if (ctx == NULL || (der == NULL && der_len > 0))
		return SMKILINT_EINVAL;
	smkilint_report *r = smk_report_new(input_name, cert_index);
	if (r == NULL)
		return SMKILINT_ENOMEM;
	struct smk_cert c;
	memset(&c, 0, sizeof(c));
	c.arena = ctx->arena;   /* lent for this certificate, reset below */
	int rc = csr ? smk_decode_csr(&c, ctx, der, der_len) : smk_decode_cert(&c, ctx, der, der_len);
	c.tbs_only = tbs_shift > 0;
	if (rc == 0 && c.tbs_only)
		look_at_tbs_only(&c, der, der_len, tbs_shift);
	const struct smkilint_profiles *set = profile != NULL ? profile->set : NULL;
	if (rc == 0)
		rc = choose_profile(&profile, r, &c, &c.arena);
	if (rc == 0 && ctx->digests)
		rc = smk_digest_attach(r, &c, set);   /* bulk checks, inventory (lib/bulk.c) */
	struct smk_chain chain;
	memset(&chain, 0, sizeof(chain));
	if (rc == 0 && c.decoded && !c.is_csr) {
		smk_chain_resolve(&chain, &c, ctx->issuers);
		chain.profile_kind = profile != NULL ? profile->kind : NULL;
	}
	if (rc == 0) {
		rc = run_lints(profile, &c, r, &chain);
		if (!c.decoded && rc == 0) {
			char msg[600];
			const char *root = c.is_csr ? "certificationRequest" : "certificate";
			snprintf(msg, sizeof(msg), "%s cannot be decoded: %s at offset %zu (%s)",
				 c.is_csr ? "certification request" : "certificate",
				 c.fatal_reason != NULL ? c.fatal_reason : "malformed",
				 c.fatal_loc.off >= tbs_shift ? c.fatal_loc.off - tbs_shift : 0,
				 c.fatal_loc.path != NULL ? c.fatal_loc.path : root);
			if (c.fatal_loc.path == NULL)
				c.fatal_loc.path = root;
			rc = add_fatal(r, "der.decode_failed", &c.fatal_loc, msg,
				       c.is_csr ? "a DER PKCS #10 CertificationRequest" : "a DER X.509 Certificate",
				       c.fatal_reason != NULL ? c.fatal_reason : "malformed");
		}
	}
	ctx->arena = c.arena;
	smk_arena_reset(&ctx->arena);
	if (rc == 0 && tbs_shift > 0)
		smk_report_shift(r, tbs_shift);
	if (rc != 0) {
		smk_ctx_set_error(ctx, rc, "%s: cert #%zu: out of memory", input_name, cert_index);
		smkilint_report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int smkilint_lint_item(smkilint_report **out, smkilint_ctx *ctx, const smkilint_profile *profile,
		       const smkilint_item *item, const char *input_name)
{
	*out = NULL;
	if (item == NULL)
		return SMKILINT_EINVAL;
	if (item->pem != NULL) {
		smkilint_item decoded;
		uint8_t *der;
		char *message;
		int rc = smkilint_item_decode_pem(&decoded, &der, &message, item);
		if (rc == 0)
			rc = smkilint_lint_item(out, ctx, profile, &decoded, input_name);
		free(der);
		free(message);
		return rc;
	}
	if (item->error_lint == NULL && item->kind == SMKILINT_ITEM_TBS)
		return smkilint_lint_tbs_der(out, ctx, profile, item->der, item->der_len, input_name, item->index);
	if (item->error_lint == NULL && item->kind == SMKILINT_ITEM_CSR)
		return smkilint_lint_csr_der(out, ctx, profile, item->der, item->der_len, input_name, item->index);
	if (item->error_lint == NULL)
		return smkilint_lint_der(out, ctx, profile, item->der, item->der_len, input_name, item->index);
	smkilint_report *r = smk_report_new(input_name, item->index);
	if (r == NULL)
		return SMKILINT_ENOMEM;
	struct smk_loc loc = {item->input_offset, 0, "input"};
	if (add_fatal(r, item->error_lint, &loc, item->error_message,
		      "a PEM CERTIFICATE block or one DER certificate", item->error_message) != 0) {
		smkilint_report_free(r);
		return SMKILINT_ENOMEM;
	}
	*out = r;
	return 0;
}
