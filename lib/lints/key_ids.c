/* Key identifiers (RFC 5280 §4.2.1.1, §4.2.1.2), for any certificate. */
#include "../profile.h"

static bool is_ca(const struct smk_cert *c)
{
	return c->known[SMK_EXT_BASIC_CONSTRAINTS] != NULL && c->bc.ca;
}

static enum smk_status ski_missing_ca(const struct smk_cert *c, struct smk_emit *out)
{
	if (!is_ca(c))
		return SMK_NA;
	if (c->known[SMK_EXT_SKI] != NULL)
		return SMK_PASS;
	return smk_fail(out, c->has_extensions ? &c->extensions_loc : &c->tbs_loc, "a subjectKeyIdentifier extension",
			"absent in a CA certificate");
}

static enum smk_status ski_missing_ee(const struct smk_cert *c, struct smk_emit *out)
{
	if (is_ca(c))
		return SMK_NA;
	if (c->known[SMK_EXT_SKI] != NULL)
		return SMK_PASS;
	return smk_fail(out, c->has_extensions ? &c->extensions_loc : &c->tbs_loc, "a subjectKeyIdentifier extension",
			"absent");
}

static enum smk_status ext_not_critical(const struct smk_cert *c, struct smk_emit *out, int kind)
{
	const struct smk_ext *e = c->known[kind];
	if (e == NULL)
		return SMK_NA;
	if (!e->critical)
		return SMK_PASS;
	return smk_fail(out, &e->critical_loc, "not critical", "critical TRUE");
}

static enum smk_status ski_critical(const struct smk_cert *c, struct smk_emit *out)
{
	return ext_not_critical(c, out, SMK_EXT_SKI);
}

static enum smk_status aki_critical(const struct smk_cert *c, struct smk_emit *out)
{
	return ext_not_critical(c, out, SMK_EXT_AKI);
}

static enum smk_status aki_missing(const struct smk_cert *c, struct smk_emit *out)
{
	if (smk_cert_self_issued(c))
		return SMK_NA;   /* self-signed certificates may omit it */
	if (c->known[SMK_EXT_AKI] != NULL)
		return SMK_PASS;
	return smk_fail(out, c->has_extensions ? &c->extensions_loc : &c->tbs_loc,
			"an authorityKeyIdentifier extension", "absent (and the certificate is not self-issued)");
}

static enum smk_status aki_no_key_identifier(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_AKI];
	if (e == NULL || !e->decoded || smk_cert_self_issued(c))
		return SMK_NA;
	if (c->aki.has_keyid)
		return SMK_PASS;
	return smk_fail(out, &e->value_loc, "a [0] keyIdentifier field",
			c->aki.has_issuer || c->aki.has_serial ? "only authorityCertIssuer/SerialNumber" : "an empty AKI");
}

static const struct smk_lint lints[] = {
	SMK_LINT("rfc5280.ski.missing_ca", ERROR, "RFC 5280", "RFC 5280 §4.2.1.2",
		 "the subjectKeyIdentifier extension must appear in all conforming CA certificates", ski_missing_ca),
	SMK_LINT("rfc5280.ski.missing", WARNING, "RFC 5280", "RFC 5280 §4.2.1.2",
		 "end-entity certificates should include the subjectKeyIdentifier extension", ski_missing_ee),
	SMK_LINT_CSR_TOO("rfc5280.ski.critical", ERROR, "RFC 5280", "RFC 5280 §4.2.1.2",
		 "conforming CAs must mark the subjectKeyIdentifier extension as non-critical", ski_critical),
	SMK_LINT("rfc5280.aki.missing", ERROR, "RFC 5280", "RFC 5280 §4.2.1.1",
		 "the authorityKeyIdentifier must be included in all certificates but self-signed ones", aki_missing),
	SMK_LINT("rfc5280.aki.critical", ERROR, "RFC 5280", "RFC 5280 §4.2.1.1",
		 "conforming CAs must mark the authorityKeyIdentifier extension as non-critical", aki_critical),
	SMK_LINT("rfc5280.aki.no_key_identifier", ERROR, "RFC 5280", "RFC 5280 §4.2.1.1",
		 "the keyIdentifier field of the authorityKeyIdentifier must be included", aki_no_key_identifier),
};

SMK_FAMILY(smk_family_key_ids, "key_ids", lints);
