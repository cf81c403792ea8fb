/* PKCS #10 certification requests (RFC 2986) and their PKCS #9 attributes
 * (RFC 2985): the rules of the request itself. What the request asks for
 * (subject, key, requested extensions) is checked by the generic lints that
 * apply to requests too and by the CSR profiles. */
#include "../crypto.h"

static enum smk_status version_v1(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->version == 0)
		return SMK_PASS;
	return smk_fail(out, &c->version_loc, "0 (v1)",
			c->version == 99 ? "not a one-octet INTEGER" : smk_printf(smk_emit_arena(out), "%d", c->version));
}

static enum smk_status signature_valid(const struct smk_cert *c, struct smk_emit *out)
{
	switch (smk_verify_signature(c, &c->spki)) {
	case 1:
		return SMK_PASS;
	case 0:
		return smk_failf(out, &c->sig.loc,
				 "a signature over certificationRequestInfo that verifies with subjectPKInfo",
				 "a signature that does not verify",
				 "the proof of possession fails: the signature does not verify with the request's own key");
	default:
		return SMK_NA;   /* csr.signature_not_checked says why */
	}
}

static enum smk_status signature_not_checked(const struct smk_cert *c, struct smk_emit *out)
{
	if (smk_verify_signature(c, &c->spki) >= 0)
		return SMK_PASS;
	return smk_failf(out, &c->sig.loc, "ECDSA (SHA-256/384/512) with an uncompressed P-256 key on the curve",
			 smk_printf(smk_emit_arena(out), "signature algorithm %s, key %s%s",
				    c->sig_alg.oid != NULL ? c->sig_alg.oid : "?",
				    c->spki.curve_oid != NULL ? c->spki.curve_oid : c->spki.alg.oid != NULL ? c->spki.alg.oid : "?",
				    c->spki.key.len == 65 ? "" : smk_printf(smk_emit_arena(out), " (%zu octets)", c->spki.key.len)),
			 "proof of possession not checked: the linter verifies ECDSA signatures with P-256 keys only");
}

static enum smk_status attribute_values_empty(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->n_attrs == 0)
		return SMK_NA;
	enum smk_status st = SMK_PASS;
	for (size_t i = 0; i < c->n_attrs; i++)
		if (c->attrs[i].n_values == 0)
			st = smk_failf(out, &c->attrs[i].values_loc, "at least one value (SET SIZE (1..MAX))", "no value",
				       "the %s attribute has no value", c->attrs[i].name);
	return st;
}

static enum smk_status extension_request_malformed(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_attr *a = c->ext_req;
	if (a == NULL || a->n_values == 0)
		return SMK_NA;
	if (c->ext_req_decoded)
		return SMK_PASS;
	return smk_fail(out, &a->value_loc, "a DER Extensions value (SEQUENCE OF Extension)",
			"a value that does not decode as Extensions");
}

static enum smk_status extension_request_not_single(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->ext_req == NULL)
		return SMK_NA;
	enum smk_status st = SMK_PASS;
	if (c->ext_req->n_values > 1)
		st = smk_fail(out, &c->ext_req->values_loc, "one value (SINGLE VALUE TRUE)",
			      smk_printf(smk_emit_arena(out), "%zu values; only the first is read", c->ext_req->n_values));
	for (size_t i = c->ext_req->index + 1; i < c->n_attrs; i++)
		if (c->attrs[i].id == SMK_OID_PKCS9_EXTENSION_REQUEST)
			st = smk_fail(out, &c->attrs[i].loc, "one extensionRequest attribute",
				      smk_printf(smk_emit_arena(out), "another one (attribute %zu); it is not read", i));
	return st;
}

static const struct smk_lint lints[] = {
	SMK_LINT_KINDS(SMK_KIND_CSR, false, "csr.version_v1", ERROR, "RFC 2986", "RFC 2986 §4.1",
		       "the version of a certification request shall be 0 (v1)", version_v1),
	SMK_LINT_KINDS(SMK_KIND_CSR, true, "csr.signature_valid", ERROR, "RFC 2986", "RFC 2986 §3, §4.2",
		       "the signature (proof of possession) verifies over the DER certificationRequestInfo with the "
		       "request's own public key",
		       signature_valid),
	SMK_LINT_KINDS(SMK_KIND_CSR, true, "csr.signature_not_checked", NOTICE, "smkilint", "RFC 2986 §3; smkilint README",
		       "the proof of possession could not be checked: the linter verifies ECDSA signatures with P-256 keys",
		       signature_not_checked),
	SMK_LINT_KINDS(SMK_KIND_CSR, false, "csr.attribute_values_empty", ERROR, "RFC 2986",
		       "RFC 2986 §4.1 (Attribute values SET SIZE (1..MAX))",
		       "an attribute of the request has an empty set of values", attribute_values_empty),
	SMK_LINT_KINDS(SMK_KIND_CSR, false, "csr.extension_request_malformed", ERROR, "RFC 2985",
		       "RFC 2985 §5.4.2 (ExtensionRequest ::= Extensions); RFC 5280 §4.1",
		       "the value of the extensionRequest attribute does not decode as Extensions", extension_request_malformed),
	SMK_LINT_KINDS(SMK_KIND_CSR, false, "csr.extension_request_not_single", ERROR, "RFC 2985",
		       "RFC 2985 §5.4.2 (extensionRequest: SINGLE VALUE TRUE)",
		       "the extensionRequest attribute holds more than one value, or appears more than once",
		       extension_request_not_single),
};

SMK_FAMILY(smk_family_csr, "csr", lints);
