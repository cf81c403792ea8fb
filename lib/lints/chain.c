/* Chain checks (PROFILES.md §10 "Chain checks"): they read what the pipeline
 * learnt about the issuer (struct smk_chain), given with --issuer or found
 * to be the certificate itself. */
#include <string.h>

#include "../chain.h"

static enum smk_status signature_valid(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	switch (ch->sig) {
	case SMK_SIG_VALID:
		return SMK_PASS;
	case SMK_SIG_INVALID:
		return smk_failf(out, &c->sig.loc,
				 ch->issuer ? smk_printf(smk_emit_arena(out), "a signature that verifies with the key of %s #%zu",
							 ch->issuer_input, ch->issuer_index)
					    : "a signature that verifies with the certificate's own key (self-issued)",
				 "a signature that does not verify", "the signature does not verify (issuer found by %s)",
				 ch->matched_by ? ch->matched_by : "?");
	default:
		return SMK_NA;
	}
}

static enum smk_status signature_not_checked(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	if (ch->sig != SMK_SIG_NOT_CHECKED && ch->sig != SMK_SIG_UNSUPPORTED)
		return SMK_PASS;
	const char *why = ch->sig == SMK_SIG_UNSUPPORTED ? "the algorithm or issuer key is not supported"
			  : ch->have_store ? "no given issuer matches its authorityKeyIdentifier or issuer name"
					   : "no issuer certificate was given (--issuer)";
	return smk_failf(out, &c->sig.loc, "a signature checked against the issuer's key", why,
			 "signature not checked: %s", why);
}

static enum smk_status issuer_name_matches(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	if (ch->issuer == NULL)
		return SMK_NA;
	if (smk_name_equal_rfc5280(&c->issuer, &ch->issuer->subject))
		return SMK_PASS;
	return smk_fail(out, &c->issuer.loc, "the issuer certificate's subject (RFC 5280 §7.1 matching)",
			"a different name");
}

static enum smk_status issuer_name_bytes_identical(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	if (ch->issuer == NULL || !smk_name_equal_rfc5280(&c->issuer, &ch->issuer->subject))
		return SMK_NA;
	if (smk_bytes_eq(c->issuer.raw, ch->issuer->subject.raw))
		return SMK_PASS;
	/* say which attribute differs in encoding */
	for (size_t i = 0; i < c->issuer.n_atv && i < ch->issuer->subject.n_atv; i++) {
		const struct smk_atv *x = &c->issuer.atv[i], *y = &ch->issuer->subject.atv[i];
		if (!smk_bytes_eq(x->raw, y->raw) || x->tag != y->tag)
			return smk_fail(out, &x->value_loc,
					smk_printf(smk_emit_arena(out), "the issuer's encoding (tag 0x%02x)", y->tag),
					smk_printf(smk_emit_arena(out), "tag 0x%02x", x->tag));
	}
	return smk_fail(out, &c->issuer.loc, "a byte-identical copy of the issuer's subject", "a different encoding");
}

static enum smk_status aki_matches_issuer_ski(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	if (ch->issuer == NULL || ch->self_signed || c->known[SMK_EXT_AKI] == NULL || !c->aki.has_keyid ||
	    ch->issuer->known[SMK_EXT_SKI] == NULL)
		return SMK_NA;
	const struct smk_bytes *a = &c->aki.keyid, *b = &ch->issuer->ski;
	if (smk_bytes_eq(*a, *b))
		return SMK_PASS;
	struct smk_arena *ar = smk_emit_arena(out);
	return smk_fail(out, &c->aki.keyid_loc, smk_printf(ar, "the issuer's SKI %s", smk_hex(ar, b->p, b->len)),
			smk_hex(ar, a->p, a->len));
}

static enum smk_status issuer_is_ca(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	(void)c;
	if (ch->issuer == NULL || ch->self_signed)
		return SMK_NA;
	const struct smk_cert *is = ch->issuer;
	bool ca = is->known[SMK_EXT_BASIC_CONSTRAINTS] != NULL && is->bc.ca;
	bool cert_sign = is->known[SMK_EXT_KEY_USAGE] == NULL || (is->ku.bits & (1u << SMK_KU_KEY_CERT_SIGN));
	if (ca && cert_sign)
		return SMK_PASS;
	return smk_failf(out, &c->issuer.loc, "an issuer with basicConstraints cA TRUE and keyCertSign",
			 smk_printf(smk_emit_arena(out), "%s%s", ca ? "" : "cA not TRUE", cert_sign ? "" : " no keyCertSign"),
			 "the issuer %s #%zu is not a CA", ch->issuer_input, ch->issuer_index);
}

static enum smk_status policy_consistent(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	if (ch->issuer == NULL || ch->self_signed || c->n_policies == 0 || ch->issuer->n_policies == 0)
		return SMK_NA;
	for (size_t i = 0; i < c->n_policies; i++) {
		bool found = false;
		for (size_t j = 0; j < ch->issuer->n_policies; j++)
			found = found || strcmp(c->policies[i].oid, ch->issuer->policies[j].oid) == 0;
		if (!found)
			return smk_fail(out, &c->policies[i].loc,
					smk_printf(smk_emit_arena(out), "a policy of the issuer (%s)", ch->issuer->policies[0].oid),
					c->policies[i].oid);
	}
	return SMK_PASS;
}

static enum smk_status validity_nested(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	if (ch->issuer == NULL || ch->self_signed || !c->not_before.valid || !c->not_after.valid ||
	    !ch->issuer->not_before.valid || !ch->issuer->not_after.valid)
		return SMK_NA;
	const struct smk_cert *is = ch->issuer;
	/* device certificates end in 9999 by design (GBCS): only notBefore is
	 * compared for them, the issuer cannot outlive "no expiry" */
	bool forever = c->not_after.year == 9999;
	if (c->not_before.epoch >= is->not_before.epoch && (forever || c->not_after.epoch <= is->not_after.epoch))
		return SMK_PASS;
	struct smk_arena *a = smk_emit_arena(out);
	return smk_fail(out, &c->validity_loc, smk_printf(a, "within the issuer's %s .. %s", is->not_before.text, is->not_after.text),
			smk_printf(a, "%s .. %s", c->not_before.text, c->not_after.text));
}

static enum smk_status self_signed_not_root(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	if (!ch->self_signed)
		return SMK_NA;
	if (ch->profile_kind == NULL || strcmp(ch->profile_kind, "root") == 0)
		return SMK_PASS;
	return smk_failf(out, &c->sig.loc, "only a Root certificate is self-signed",
			 smk_printf(smk_emit_arena(out), "self-signed, profile kind %s", ch->profile_kind),
			 "the certificate verifies with its own key but is not a Root");
}

/* The issuer's own signature, followed up the store (RFC 5280 §6.1): it
 * fails when a certificate on the way does not verify with the key of the
 * one above it. When the walk stops at a certificate whose issuer was not
 * given, nothing is said here: smkilint_issuers_check reports that once, on
 * that issuer certificate, instead of on every certificate it issued. */
static enum smk_status issuer_signature_valid(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	(void)c;
	if (ch->issuer == NULL || ch->self_signed)
		return SMK_NA;
	if (ch->anchor == SMK_ANCHORED)
		return SMK_PASS;
	if (ch->anchor != SMK_ANCHOR_BROKEN || ch->broken == NULL)
		return SMK_NA;
	struct smk_arena *a = smk_emit_arena(out);
	const struct smk_issuer *b = ch->broken, *p = b->parent;
	const char *with = p != NULL ? smk_printf(a, "the key of %s #%zu", p->input, p->index)
				     : "its own key (it is self-issued)";
	const char *found = smk_printf(a, "the signature of %s #%zu does not verify with %s", b->input, b->index, with);
	if (b == ch->issuer_item)
		return smk_failf(out, &c->issuer.loc, smk_printf(a, "an issuer whose own signature verifies with %s", with),
				 found, "the issuer's own signature does not verify: %s #%zu was not signed with %s", b->input,
				 b->index, with);
	return smk_failf(out, &c->issuer.loc,
			 smk_printf(a, "every certificate above the issuer verifies (%s #%zu with %s)", b->input, b->index, with),
			 found, "a certificate %zu level%s above the issuer does not verify: %s #%zu was not signed with %s",
			 ch->depth, ch->depth == 1 ? "" : "s", b->input, b->index, with);
}

/* Two certificates with one TBSCertificate (so one issuer and one serial
 * number, RFC 5280 §4.1.2.2) and different signature values: a CA issues a
 * certificate once, so at most one of them is its issuance, and the other a
 * copy edited after signing (PROFILES.md §9.3 D10). Only the key of their
 * issuer tells which (smki.chain.issuer_signature_valid, when it is given). */
static enum smk_status conflicting_copies(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_chain *ch = smk_emit_chain(out);
	if (!ch->have_store)
		return SMK_NA;
	struct smk_arena *a = smk_emit_arena(out);
	enum smk_status st = SMK_PASS;
	if (ch->own_twin != NULL)
		st = smk_failf(out, &c->sig.loc, "one signature for one TBSCertificate",
			       smk_printf(a, "%s #%zu has the same TBSCertificate and another signature", ch->own_twin->input,
					  ch->own_twin->index),
			       "a copy of this certificate with another signature is among the issuers (%s #%zu): at most "
			       "one of them is the CA's issuance", ch->own_twin->input, ch->own_twin->index);
	if (ch->issuer_twin != NULL && ch->issuer_item != NULL)
		st = smk_failf(out, &c->issuer.loc, "one issuer certificate for one TBSCertificate",
			       smk_printf(a, "%s #%zu and %s #%zu: the same TBSCertificate, other signatures",
					  ch->issuer_item->input, ch->issuer_item->index, ch->issuer_twin->input,
					  ch->issuer_twin->index),
			       "the issuer %s #%zu has a copy with another signature among the issuers (%s #%zu): at most "
			       "one of them is the CA's issuance", ch->issuer_item->input, ch->issuer_item->index,
			       ch->issuer_twin->input, ch->issuer_twin->index);
	return st;
}

static const struct smk_lint lints[] = {
	SMK_LINT_SIG("smki.chain.signature_valid", ERROR, "RFC 5280", "RFC 5280 §6.1.3 (a)(1); PROFILES.md §9.3 D4, D10",
		 "the signature verifies with the issuer's public key", signature_valid),
	SMK_LINT_SIG("smki.chain.signature_not_checked", NOTICE, "smkilint", "PROFILES.md §9.3 (notes on D4, D10)",
		 "the signature could not be checked: the issuer is unknown (give it with --issuer)",
		 signature_not_checked),
	SMK_LINT("smki.chain.issuer_name_matches", ERROR, "RFC 5280", "RFC 5280 §4.1.2.4, §7.1",
		 "the issuer name equals the issuer certificate's subject", issuer_name_matches),
	SMK_LINT("smki.chain.issuer_name_bytes_identical", WARNING, "RFC 5280", "RFC 5280 §7.1; PROFILES.md §9.3 D6",
		 "the issuer name is a byte-identical copy of the issuer's subject (string types too)",
		 issuer_name_bytes_identical),
	SMK_LINT("smki.chain.aki_matches_issuer_ski", ERROR, "RFC 5280", "RFC 5280 §4.2.1.1; GBCS §12 [GBCS-141]",
		 "the authorityKeyIdentifier equals the issuer's subjectKeyIdentifier", aki_matches_issuer_ski),
	SMK_LINT("smki.chain.issuer_is_ca", ERROR, "RFC 5280", "RFC 5280 §6.1.4 (k), (n)",
		 "the issuer is a CA: basicConstraints cA TRUE and keyCertSign", issuer_is_ca),
	SMK_LINT("smki.chain.policy_consistent", WARNING, "PROFILES.md", "PROFILES.md §6.2 (same environment OID as the issuer)",
		 "the certificate's policy OIDs are among the issuer's", policy_consistent),
	SMK_LINT("smki.chain.validity_nested", WARNING, "PROFILES.md", "PROFILES.md §10 Chain checks (inferred)",
		 "the validity lies within the issuer's (device notAfter 9999 excepted)", validity_nested),
	SMK_LINT_SIG("smki.chain.self_signed_not_root", ERROR, "GBCS", "GBCS §12 [GBCS-141]; PROFILES.md §9.3 D6, D8",
		 "a certificate that verifies with its own key must be a Root", self_signed_not_root),
	SMK_LINT("smki.chain.issuer_signature_valid", ERROR, "RFC 5280", "RFC 5280 §6.1, §6.1.3 (a)(1); PROFILES.md §9.3 D10",
		 "the issuer's own signature verifies with the key of its issuer among the given issuers, up to a "
		 "self-signed root", issuer_signature_valid),
	SMK_LINT("smki.chain.conflicting_copies", WARNING, "RFC 5280", "RFC 5280 §4.1.2.2, §4.1.1.3; PROFILES.md §9.3 D10",
		 "no two of the certificates checked share a TBSCertificate but not the signature (at most one of them is "
		 "the CA's issuance)", conflicting_copies),
};

SMK_FAMILY(smk_family_chain, "chain", lints);
