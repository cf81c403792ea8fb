/* The lint families, one line each, in the order they run and are listed. */
#include "../smk.h"

const struct smk_family *const smk_families[] = {
	&smk_family_input,
	&smk_family_encoding,
	&smk_family_certificate,
	&smk_family_algorithms,
	&smk_family_key_ids,
	&smk_family_key_usage,
	&smk_family_basic_constraints,
	&smk_family_names,
	&smk_family_policies,
	&smk_family_validity,
	&smk_family_chain,
	&smk_family_csr,
	&smk_family_bulk,
};
const size_t smk_n_families = sizeof(smk_families) / sizeof(smk_families[0]);
