/* keyUsage (RFC 5280 §4.2.1.3), for any certificate. */
#include "../profile.h"

static bool is_ca(const struct smk_cert *c)
{
	return c->known[SMK_EXT_BASIC_CONSTRAINTS] != NULL && c->bc.ca;
}

static enum smk_status ku_not_critical(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_KEY_USAGE];
	if (e == NULL)
		return SMK_NA;   /* absence is another lint's job */
	if (e->critical)
		return SMK_PASS;
	return smk_fail(out, &e->critical_loc, "critical TRUE",
			e->critical_encoded ? "critical FALSE" : "absent (DEFAULT FALSE)");
}

static enum smk_status ku_no_bits(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_KEY_USAGE];
	if (e == NULL || !e->decoded)
		return SMK_NA;
	if (c->ku.bits != 0)
		return SMK_PASS;
	return smk_fail(out, &e->value_loc, "at least one bit set", "no bit set");
}

static enum smk_status ku_ca_missing(const struct smk_cert *c, struct smk_emit *out)
{
	if (!is_ca(c))
		return SMK_NA;
	if (c->known[SMK_EXT_KEY_USAGE] != NULL)
		return SMK_PASS;
	return smk_fail(out, c->has_extensions ? &c->extensions_loc : &c->tbs_loc,
			"a keyUsage extension in a CA certificate", "absent");
}

static enum smk_status ku_ca_cert_sign(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_KEY_USAGE];
	if (!is_ca(c) || e == NULL || !e->decoded)
		return SMK_NA;
	if (c->ku.bits & (1u << SMK_KU_KEY_CERT_SIGN))
		return SMK_PASS;
	return smk_fail(out, &e->value_loc, "keyCertSign set in a CA certificate", "keyCertSign not set");
}

static enum smk_status ku_cert_sign_without_ca(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_KEY_USAGE];
	if (e == NULL || !e->decoded || !(c->ku.bits & (1u << SMK_KU_KEY_CERT_SIGN)))
		return SMK_NA;
	if (is_ca(c))
		return SMK_PASS;
	return smk_fail(out, &e->value_loc, "basicConstraints cA TRUE when keyCertSign is set",
			c->known[SMK_EXT_BASIC_CONSTRAINTS] ? "cA FALSE" : "no basicConstraints");
}

static enum smk_status ku_only_bits_undefined(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_KEY_USAGE];
	uint32_t only = (1u << SMK_KU_ENCIPHER_ONLY) | (1u << SMK_KU_DECIPHER_ONLY);
	if (e == NULL || !e->decoded || !(c->ku.bits & only))
		return SMK_NA;
	if (c->ku.bits & (1u << SMK_KU_KEY_AGREEMENT))
		return SMK_PASS;
	return smk_fail(out, &e->value_loc, "encipherOnly/decipherOnly only together with keyAgreement",
			"without keyAgreement");
}

static const struct smk_lint lints[] = {
	SMK_LINT_CSR_TOO("rfc5280.key_usage.not_critical", WARNING, "RFC 5280", "RFC 5280 §4.2.1.3",
		 "conforming CAs should mark the keyUsage extension as critical", ku_not_critical),
	SMK_LINT_CSR_TOO("rfc5280.key_usage.no_bits", ERROR, "RFC 5280", "RFC 5280 §4.2.1.3",
		 "when keyUsage is present, at least one bit must be set", ku_no_bits),
	SMK_LINT("rfc5280.key_usage.ca_missing", ERROR, "RFC 5280", "RFC 5280 §4.2.1.3",
		 "CA certificates must include the keyUsage extension", ku_ca_missing),
	SMK_LINT("rfc5280.key_usage.ca_cert_sign_missing", ERROR, "RFC 5280", "RFC 5280 §4.2.1.3, §4.2.1.9",
		 "a CA certificate's keyUsage must assert keyCertSign", ku_ca_cert_sign),
	SMK_LINT_CSR_TOO("rfc5280.key_usage.cert_sign_without_ca", ERROR, "RFC 5280", "RFC 5280 §4.2.1.3",
		 "if keyCertSign is asserted, basicConstraints cA must also be asserted", ku_cert_sign_without_ca),
	SMK_LINT_CSR_TOO("rfc5280.key_usage.only_bits_without_key_agreement", NOTICE, "RFC 5280", "RFC 5280 §4.2.1.3",
		 "encipherOnly and decipherOnly have no defined meaning without keyAgreement", ku_only_bits_undefined),
};

SMK_FAMILY(smk_family_key_usage, "key_usage", lints);
