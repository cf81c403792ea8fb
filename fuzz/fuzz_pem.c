/*
 * Fuzz target: input splitting (PEM blocks with text around them, or DER)
 * and linting every item (smkilint_input_split + smkilint_lint_item). The
 * same bytes also go through the streaming splitter in chunks of varying
 * size, which must give exactly the same items (smkilint.h promises it for
 * inputs up to SMKILINT_STREAM_MAX_ITEM), both decoding PEM blocks at once
 * and deferring them to smkilint_item_decode_pem (as the CLI does, to decode
 * on its worker threads). Every report is read as the other targets read
 * theirs (fuzz_common.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

static smkilint_ctx *ctx;
static volatile size_t sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ctx = fuzz_ctx();
	return 0;
}

static int str_eq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void same_item(const smkilint_item *a, const smkilint_item *b)
{
	if (a->der_len != b->der_len || (a->der_len && memcmp(a->der, b->der, a->der_len) != 0) ||
	    a->index != b->index || a->line != b->line || a->input_offset != b->input_offset ||
	    a->is_pem != b->is_pem || a->kind != b->kind || !str_eq(a->error_lint, b->error_lint) ||
	    !str_eq(a->error_message, b->error_message))
		abort();   /* the stream and smkilint_input_split disagree */
}

/* A deferred PEM item, decoded, must be the split's item too. */
static void same_deferred(const smkilint_item *it, const smkilint_item *want)
{
	if (it->pem == NULL) {
		same_item(it, want);
		return;
	}
	if (it->der != NULL || it->error_lint != NULL || it->pem_label == NULL)
		abort();   /* a deferred item is a PEM block, nothing else yet */
	smkilint_item d;
	uint8_t *der;
	char *message;
	if (smkilint_item_decode_pem(&d, &der, &message, it) != 0)
		return;
	if (d.pem != NULL)
		abort();
	same_item(&d, want);
	free(der);
	free(message);
}

/* Feed the input in chunks of 1..64 bytes (sizes drawn from the input itself)
 * and compare each item with the split's; with defer, PEM blocks are decoded
 * after the stream gives them (smkilint_stream_defer_pem). */
static void stream_compare(const smkilint_input *in, const uint8_t *data, size_t size, int defer)
{
	smkilint_stream *s = NULL;
	if (smkilint_stream_new(&s, ctx, "fuzz") != 0)
		return;
	if (defer && smkilint_stream_defer_pem(s) != 0)
		abort();
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < size && i < 64; i++)
		h = (h ^ data[i]) * 16777619u;
	size_t n = smkilint_input_count(in), got = 0, off = 0;
	const smkilint_item *it;
	int rc = 0;
	for (int done = 0; rc == 0 && !done;) {
		if (off < size) {
			h = h * 1103515245u + 12345u;
			size_t chunk = 1 + (h >> 16) % 64;
			if (chunk > size - off)
				chunk = size - off;
			rc = smkilint_stream_feed(s, data + off, chunk);
			off += chunk;
		} else {
			rc = smkilint_stream_finish(s);
			done = 1;
		}
		while (rc == 0 && (rc = smkilint_stream_next(&it, s)) == 0 && it != NULL) {
			if (got >= n)
				abort();   /* more items than the split */
			if (defer)
				same_deferred(it, smkilint_input_item(in, got++));
			else
				same_item(it, smkilint_input_item(in, got++));
		}
	}
	if (rc == 0 && got != n)
		abort();   /* fewer items than the split */
	smkilint_stream_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	smkilint_input *in = NULL;
	if (smkilint_input_split(&in, ctx, data, size) != 0)
		return 0;
	size_t n = smkilint_input_count(in);
	if (n == 0)
		abort();   /* the API promises at least one item */
	for (size_t i = 0; i < n; i++) {
		const smkilint_item *it = smkilint_input_item(in, i);
		if (it->input_offset > size)
			abort();
		if (it->error_lint != NULL)
			sink += strlen(it->error_lint) + strlen(it->error_message);
		smkilint_report *r = NULL;
		if (smkilint_lint_item(&r, ctx, NULL, it, "fuzz") == 0)
			fuzz_read_report(r, it->der != NULL ? it->der_len : 0);   /* offsets count in the item */
		smkilint_report_free(r);
	}
	stream_compare(in, data, size, 0);
	stream_compare(in, data, size, 1);
	smkilint_input_free(in);
	return 0;
}
