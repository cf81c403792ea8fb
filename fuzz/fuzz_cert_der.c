/*
 * Fuzz target: the whole lint path on one DER certificate
 * (smkilint_lint_der, no profile). One context for the whole run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smkilint/smkilint.h"

static smkilint_ctx *ctx;
static volatile size_t sink;

static void cleanup(void)
{
	smkilint_ctx_free(ctx);
	ctx = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (smkilint_ctx_new(&ctx) != 0)
		abort();
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	smkilint_report *r = NULL;
	if (smkilint_lint_der(&r, ctx, NULL, data, size, "fuzz", 0) != 0)
		return 0;
	/* read every string of every finding: catches dangling pointers */
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		sink += strlen(f->lint) + strlen(f->citation) + strlen(f->path) + strlen(f->message) +
			strlen(f->expected) + strlen(f->found);
		if (f->has_offset && f->offset > size)
			abort();   /* a finding points outside the input */
	}
	smkilint_report_free(r);
	return 0;
}
