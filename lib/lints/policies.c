/* certificatePolicies (RFC 5280 §4.2.1.4), for any certificate. */
#include <string.h>

#include "../profile.h"

static enum smk_status policy_duplicate(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->known[SMK_EXT_CERT_POLICIES] == NULL || !c->known[SMK_EXT_CERT_POLICIES]->decoded)
		return SMK_NA;
	enum smk_status st = SMK_PASS;
	for (size_t i = 1; i < c->n_policies; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->policies[i].oid, c->policies[j].oid) == 0) {
				st = smk_fail(out, &c->policies[i].loc, "each policy OID once",
					      smk_printf(smk_emit_arena(out), "%s again (first at [%zu])", c->policies[i].oid, j));
				break;
			}
	return st;
}

static const struct smk_lint lints[] = {
	SMK_LINT_CSR_TOO("rfc5280.policies.duplicate", ERROR, "RFC 5280", "RFC 5280 §4.2.1.4",
		 "a certificate policy OID must not appear more than once", policy_duplicate),
};

SMK_FAMILY(smk_family_policies, "policies", lints);
