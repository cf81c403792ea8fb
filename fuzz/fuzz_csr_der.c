/*
 * Fuzz target: PKCS #10 certification requests as DER
 * (smkilint_lint_csr_der: lib/decode.c's request decoder, the csr lint
 * family, the encoding pass), with no profile and with auto-detection over
 * the shipped profiles (which picks csr-device or csr-organisation and runs
 * its rules).
 */
#include <stdint.h>
#include <stdlib.h>

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
	if (smkilint_lint_csr_der(&r, fuzz_ctx(), p, data, size, "fuzz.csr", 0) != 0)
		return;
	fuzz_read_report(r, size);
	smkilint_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lint(NULL, data, size);
	lint(smkilint_profiles_auto(fuzz_shipped_profiles()), data, size);
	return 0;
}
