/*
 * Fuzz target: waiver files (lib/waivers.c). The input is loaded with
 * smkilint_waivers_load_string; when it loads, every waiver is read back
 * and the set is applied to the reports of two sample certificates of
 * examples/certs/ chosen by the input's length (with the certificate, for
 * the sha256 and serial selectors) and to the report of an input that is
 * not a certificate (no
 * DER), at a date chosen by the input's length: before every expiry, in
 * 2026, or after every expiry. A second load of the same text into the same
 * set must give the same result (a failed load leaves the set unchanged).
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
	fuzz_sample_count();
	return 0;
}

static void apply(const smkilint_waivers *w, smkilint_report *r, const uint8_t *der, size_t len, int64_t now)
{
	size_t before = smkilint_report_count(r);
	if (smkilint_waivers_apply(w, r, der, len, now) != 0)
		return;
	if (smkilint_report_count(r) < before)
		abort();   /* applying waivers only marks findings, or adds waiver.expired */
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_waiver *by = smkilint_report_suppression(r, i);
		if (by != NULL)
			fuzz_sink += strlen(by->reason) + strlen(by->source) + by->index;
	}
	fuzz_read_report(r, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t dates[] = {0, 1780000000, 4102444800};   /* 1970, 2026-05, 2100 */
	smkilint_ctx *ctx = fuzz_ctx();
	smkilint_waivers *w = NULL;
	if (smkilint_waivers_new(&w) != 0)
		return 0;
	int rc = smkilint_waivers_load_string(w, ctx, "fuzz.yaml", (const char *)data, size);
	size_t n = smkilint_waivers_count(w);
	if (rc != 0) {
		fuzz_sink += strlen(smkilint_ctx_last_error(ctx)->message);
		if (n != 0)
			abort();   /* on error the set is unchanged */
		smkilint_waivers_free(w);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const smkilint_waiver *wv = smkilint_waivers_get(w, i);
		if (wv == NULL || wv->index != i)
			abort();
		fuzz_sink += strlen(wv->reason) + strlen(wv->source) + (wv->expires ? strlen(wv->expires) : 0);
	}
	if (smkilint_waivers_load_string(w, ctx, "again.yaml", (const char *)data, size) != 0 ||
	    smkilint_waivers_count(w) != 2 * n)
		abort();   /* the same text loads the same way twice */

	int64_t now = dates[size % 3];
	size_t n_samples = fuzz_sample_count();
	for (size_t k = 0; k < 2; k++) {
		size_t i = (size / 3 + k) % n_samples;
		const char *name;
		const uint8_t *der;
		size_t len;
		fuzz_sample(i, &name, &der, &len);
		smkilint_report *r = NULL;
		if (smkilint_lint_der(&r, ctx, NULL, der, len, name, 0) == 0)
			apply(w, r, der, len, now);
		smkilint_report_free(r);
	}
	/* an item that could not be extracted: no DER for the selectors */
	static const uint8_t junk[] = "not a certificate";
	smkilint_input *in = NULL;
	if (smkilint_input_split(&in, ctx, junk, sizeof(junk) - 1) == 0) {
		smkilint_report *r = NULL;
		if (smkilint_lint_item(&r, ctx, NULL, smkilint_input_item(in, 0), "junk.txt") == 0)
			apply(w, r, NULL, 0, now);
		smkilint_report_free(r);
	}
	smkilint_input_free(in);
	smkilint_waivers_free(w);
	return 0;
}
