/*
 * Fuzz target: `compare` and `derive-profile` (lib/compare.c, derive.c).
 * The input is split into a reference and a candidate: the reference is
 * the first DER element, the candidate what follows it (two certificates
 * one after the other; when nothing follows, the candidate is a copy of the
 * reference; when no element can be read, the two halves of the input).
 * Each is copied into a buffer of exactly its size.
 *
 *  - smkilint_compare_der, plain and strict (the strict one with the
 *    candidate as reference); every row is read; the differences are at
 *    most the rows; a certificate compared with an identical copy of itself
 *    has no difference;
 *  - smkilint_derive_profile from the reference: the profile it writes must
 *    load and finalize (alone), and the candidate is linted with it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_ctx();
	return 0;
}

static void compare(const uint8_t *ref, size_t ref_len, const uint8_t *cand, size_t cand_len, unsigned flags,
		    bool identical)
{
	smkilint_comparison *k = NULL;
	if (smkilint_compare_der(&k, fuzz_ctx(), ref, ref_len, cand, cand_len, flags) != 0) {
		fuzz_sink += strlen(smkilint_ctx_last_error(fuzz_ctx())->message);
		return;
	}
	size_t n = smkilint_comparison_count(k), diffs = smkilint_comparison_differences(k);
	if (diffs > n)
		abort();
	for (size_t i = 0; i < n; i++) {
		const smkilint_cmp_row *row = smkilint_comparison_row(k, i);
		if (row == NULL)
			abort();
		fuzz_sink += strlen(row->path) + strlen(row->aspect) + strlen(row->reference) + strlen(row->candidate) +
			     (size_t)row->status;
	}
	if (identical && diffs != 0) {
		for (size_t i = 0; i < n; i++) {
			const smkilint_cmp_row *row = smkilint_comparison_row(k, i);
			if (row->status != SMKILINT_CMP_SAME && row->status != SMKILINT_CMP_FORM_SAME)
				fprintf(stderr, "fuzz_compare: %s %s: %s / %s\n", row->path, row->aspect, row->reference,
					row->candidate);
		}
		abort();   /* a certificate differs from a copy of itself */
	}
	smkilint_comparison_free(k);
}

static void lint(const smkilint_profile *p, const uint8_t *der, size_t len)
{
	smkilint_report *r = NULL;
	if (smkilint_lint_der(&r, fuzz_ctx(), p, der, len, "fuzz", 0) == 0)
		fuzz_read_report(r, len);
	smkilint_report_free(r);
}

static void derive(const uint8_t *ref, size_t ref_len, const uint8_t *cand, size_t cand_len)
{
	smkilint_ctx *ctx = fuzz_ctx();
	char *yaml = NULL;
	if (smkilint_derive_profile(&yaml, ctx, ref, ref_len, "fuzz-derived", "fuzz reference") != 0)
		return;
	smkilint_profiles *set = NULL;
	if (smkilint_profiles_new(&set) != 0) {
		free(yaml);
		return;
	}
	int rc = smkilint_profiles_load_string(set, ctx, "derived.yaml", yaml, strlen(yaml));
	if (rc == 0)
		rc = smkilint_profiles_finalize(set, ctx);
	if (rc != 0 && rc != SMKILINT_ENOMEM) {
		fprintf(stderr, "fuzz_compare: the derived profile does not load: %s\n---\n%s---\n",
			smkilint_ctx_last_error(ctx)->message, yaml);
		abort();
	}
	const smkilint_profile *p = rc == 0 ? smkilint_profiles_find(set, "fuzz-derived") : NULL;
	if (rc == 0 && p == NULL)
		abort();
	if (p != NULL)
		lint(p, cand, cand_len);
	smkilint_profiles_free(set);
	free(yaml);
}

static uint8_t *copy(const uint8_t *p, size_t n)
{
	uint8_t *c = malloc(n ? n : 1);
	if (c != NULL && n > 0)
		memcpy(c, p, n);
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t first = fuzz_der_element(data, size, NULL);
	size_t ref_len, cand_off, cand_len;
	if (first == 0) {
		ref_len = size / 2, cand_off = ref_len, cand_len = size - ref_len;
	} else if (first == size) {
		ref_len = size, cand_off = 0, cand_len = size;
	} else {
		ref_len = first, cand_off = first, cand_len = size - first;
	}
	uint8_t *ref = copy(data, ref_len), *cand = copy(data + cand_off, cand_len);
	if (ref != NULL && cand != NULL) {
		bool identical = ref_len == cand_len && memcmp(ref, cand, ref_len) == 0;
		compare(ref, ref_len, cand, cand_len, 0, identical);
		compare(cand, cand_len, ref, ref_len, SMKILINT_COMPARE_STRICT, identical);
		derive(ref, ref_len, cand, cand_len);
	}
	free(ref);
	free(cand);
	return 0;
}
