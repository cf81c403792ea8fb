/* Signature algorithm identifiers (RFC 5280, RFC 5758). */
#include <string.h>

#include "../smk.h"

static enum smk_status sig_alg_fields_match(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_alg *a = &c->tbs_sig_alg, *b = &c->sig_alg;
	if (smk_bytes_eq(a->raw, b->raw))
		return SMK_PASS;
	struct smk_arena *ar = smk_emit_arena(out);
	return smk_fail(out, &b->loc,
			smk_printf(ar, "identical to tbsCertificate.signature (%s%s)", a->oid,
				   a->params_present ? (a->params_null ? ", NULL parameters" : ", parameters") : ""),
			smk_printf(ar, "%s%s", b->oid,
				   b->params_present ? (b->params_null ? ", NULL parameters" : ", parameters") : ""));
}

static bool is_ecdsa(enum smk_oid id)
{
	return id == SMK_OID_ECDSA_SHA256 || id == SMK_OID_ECDSA_SHA384 || id == SMK_OID_ECDSA_SHA512;
}

static enum smk_status ecdsa_params_absent(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_alg *algs[] = {&c->tbs_sig_alg, &c->sig_alg};
	enum smk_status st = SMK_NA;
	for (size_t i = 0; i < 2; i++) {
		const struct smk_alg *a = algs[i];
		if (!is_ecdsa(a->id) || (i == 1 && a->raw.p == algs[0]->raw.p))
			continue;   /* a request has one AlgorithmIdentifier, seen twice */
		if (!a->params_present) {
			if (st == SMK_NA)
				st = SMK_PASS;
			continue;
		}
		st = smk_fail(out, &a->params_loc, "parameters absent",
			      a->params_null ? "NULL parameters" : "parameters present");
	}
	return st;
}

static enum smk_status ec_named_curve(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_spki *k = &c->spki;
	if (k->alg.id != SMK_OID_EC_PUBLIC_KEY)
		return SMK_NA;
	if (!k->alg.params_present)
		return smk_fail(out, &k->alg.loc, "ECParameters (namedCurve) present", "parameters absent");
	if (k->curve_oid != NULL)
		return SMK_PASS;
	return smk_fail(out, &k->alg.params_loc, "namedCurve",
			k->curve_explicit ? "specifiedCurve (explicit parameters)" : k->curve_implicit ? "implicitCurve (NULL)"
											 : "another form");
}

static enum smk_status ecdsa_sig_value(const struct smk_cert *c, struct smk_emit *out)
{
	if (!c->sig.ecdsa)
		return SMK_NA;
	if (c->sig.ecdsa_decoded)
		return SMK_PASS;
	return smk_fail(out, &c->sig.loc, "a DER ECDSA-Sig-Value SEQUENCE { r INTEGER, s INTEGER }",
			c->sig.unused ? "a BIT STRING with unused bits" : "contents that do not decode as ECDSA-Sig-Value");
}

static enum smk_status rsa_params_null(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_alg *a = &c->spki.alg;
	if (a->id != SMK_OID_RSA_ENCRYPTION)
		return SMK_NA;
	if (a->params_null)
		return SMK_PASS;
	return smk_fail(out, a->params_present ? &a->params_loc : &a->loc, "NULL parameters",
			a->params_present ? "other parameters" : "parameters absent");
}

static const struct smk_lint lints[] = {
	SMK_LINT_SIG("rfc5280.signature.algorithm_mismatch", ERROR, "RFC 5280", "RFC 5280 §4.1.1.2",
		 "signatureAlgorithm must be identical to tbsCertificate.signature", sig_alg_fields_match),
	SMK_LINT_CSR_TOO("rfc5758.ecdsa.params_present", ERROR, "RFC 5758", "RFC 5758 §3.2",
		 "an ECDSA AlgorithmIdentifier must omit the parameters field (not even NULL)", ecdsa_params_absent),
	SMK_LINT_CSR_TOO("rfc5480.ec.not_named_curve", ERROR, "RFC 5480", "RFC 5480 §2.1.1",
		 "id-ecPublicKey parameters must be present and a namedCurve (implicitCurve and specifiedCurve must not be used)",
		 ec_named_curve),
	SMK_LINT_SIG_CSR_TOO("rfc3279.ecdsa.signature_malformed", ERROR, "RFC 3279", "RFC 3279 §2.2.3; RFC 5480 §2.2",
		 "an ECDSA signature value must be a DER ECDSA-Sig-Value", ecdsa_sig_value),
	SMK_LINT_CSR_TOO("rfc4055.rsa.params_not_null", ERROR, "RFC 4055", "RFC 4055 §1.2; RFC 3279 §2.3.1",
		 "rsaEncryption parameters must be present and NULL", rsa_params_null),
};

SMK_FAMILY(smk_family_algorithms, "algorithms", lints);
