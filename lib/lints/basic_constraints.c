/* basicConstraints (RFC 5280 §4.2.1.9), for any certificate. */
#include "../profile.h"

static enum smk_status ca_not_critical(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_BASIC_CONSTRAINTS];
	if (e == NULL || !c->bc.ca)
		return SMK_NA;
	if (e->critical)
		return SMK_PASS;
	return smk_fail(out, &e->critical_loc, "critical TRUE in a CA certificate",
			e->critical_encoded ? "critical FALSE" : "absent (DEFAULT FALSE)");
}

static enum smk_status pathlen_improper(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_BASIC_CONSTRAINTS];
	if (e == NULL || !e->decoded || !c->bc.has_pathlen)
		return SMK_NA;
	bool cert_sign = c->known[SMK_EXT_KEY_USAGE] != NULL && (c->ku.bits & (1u << SMK_KU_KEY_CERT_SIGN));
	if (c->bc.ca && cert_sign)
		return SMK_PASS;
	return smk_fail(out, &c->bc.pathlen_loc, "pathLenConstraint only with cA TRUE and keyCertSign",
			smk_printf(smk_emit_arena(out), "%s%s", c->bc.ca ? "cA TRUE" : "cA FALSE",
				   cert_sign ? ", keyCertSign" : ", no keyCertSign"));
}

static enum smk_status pathlen_negative(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->known[SMK_EXT_BASIC_CONSTRAINTS] == NULL || !c->bc.has_pathlen)
		return SMK_NA;
	if (!c->bc.pathlen_negative)
		return SMK_PASS;
	return smk_fail(out, &c->bc.pathlen_loc, "pathLenConstraint >= 0", "a negative value");
}

static const struct smk_lint lints[] = {
	SMK_LINT_CSR_TOO("rfc5280.basic_constraints.not_critical", ERROR, "RFC 5280", "RFC 5280 §4.2.1.9",
		 "CA certificates must mark basicConstraints as critical", ca_not_critical),
	SMK_LINT_CSR_TOO("rfc5280.basic_constraints.pathlen_improper", ERROR, "RFC 5280", "RFC 5280 §4.2.1.9",
		 "pathLenConstraint must not be present unless cA is TRUE and keyUsage asserts keyCertSign",
		 pathlen_improper),
	SMK_LINT_CSR_TOO("rfc5280.basic_constraints.pathlen_negative", ERROR, "RFC 5280", "RFC 5280 §4.2.1.9",
		 "pathLenConstraint must be greater than or equal to zero", pathlen_negative),
};

SMK_FAMILY(smk_family_basic_constraints, "basic_constraints", lints);
