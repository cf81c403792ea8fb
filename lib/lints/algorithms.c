/* Signature algorithm identifiers (RFC 5280, RFC 5758). */
#include <string.h>

#include "../smk.h"

static enum smk_status sig_alg_fields_match(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_alg *a = &c->tbs_sig_alg, *b = &c->sig_alg;
	if (a->raw.len == b->raw.len && memcmp(a->raw.p, b->raw.p, a->raw.len) == 0)
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
		if (!is_ecdsa(a->id))
			continue;
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

static const struct smk_lint lints[] = {
	SMK_LINT("rfc5280.signature.algorithm_mismatch", ERROR, "RFC 5280", "RFC 5280 §4.1.1.2",
		 "signatureAlgorithm must be identical to tbsCertificate.signature", sig_alg_fields_match),
	SMK_LINT("rfc5758.ecdsa.params_present", ERROR, "RFC 5758", "RFC 5758 §3.2",
		 "an ECDSA AlgorithmIdentifier must omit the parameters field (not even NULL)", ecdsa_params_absent),
};

SMK_FAMILY(smk_family_algorithms, "algorithms", lints);
