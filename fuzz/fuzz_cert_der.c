/*
 * Fuzz target: the whole lint path on one DER certificate: smkilint_lint_der
 * with no profile (decoder, DER walk, every lint, chain self-check with
 * gnutls), with auto-detection over the shipped profiles (every rule of the
 * profile it picks), and with one shipped profile chosen by the input's
 * length, so that every profile's rules meet every input over a run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_ctx();
	fuzz_shipped_profiles();
	return 0;
}

static void lint(const smkilint_profile *p, const uint8_t *data, size_t size)
{
	smkilint_report *r = NULL;
	if (smkilint_lint_der(&r, fuzz_ctx(), p, data, size, "fuzz", 0) != 0)
		return;
	fuzz_read_report(r, size);
	smkilint_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const smkilint_profiles *set = fuzz_shipped_profiles();
	lint(NULL, data, size);
	lint(smkilint_profiles_auto(set), data, size);
	size_t n = smkilint_profiles_count(set);
	if (n > 0)
		lint(smkilint_profiles_get(set, size % n), data, size);
	return 0;
}
