/*
 * Streams: smkilint_stream_* gives, chunk size by chunk size, the items that
 * smkilint_input_split gives for the whole input (DER bytes, index, line,
 * offset, PEM or not, error id and message), and holds a bounded buffer
 * whatever the number of certificates.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "common.h"

static smkilint_ctx *ctx;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
}

static void teardown(void)
{
	smkilint_ctx_free(ctx);
}

/* One item, copied: what a stream gives is valid only until the next call. */
struct copy {
	uint8_t *der;
	size_t der_len, index, line, input_offset;
	int is_pem, kind;
	const char *error_lint;
	char *error_message;
};

static void copy_item(struct copy *c, const smkilint_item *it)
{
	c->der_len = it->der_len;
	c->der = NULL;
	if (it->der != NULL) {
		c->der = malloc(it->der_len ? it->der_len : 1);
		memcpy(c->der, it->der, it->der_len);
	}
	c->index = it->index;
	c->line = it->line;
	c->input_offset = it->input_offset;
	c->is_pem = it->is_pem;
	c->kind = it->kind;
	c->error_lint = it->error_lint;
	c->error_message = it->error_message != NULL ? strdup(it->error_message) : NULL;
}

static void free_copies(struct copy *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].der);
		free(c[i].error_message);
	}
	free(c);
}

/* A deferred PEM item (smkilint_stream_defer_pem), decoded as a worker
 * thread of the CLI decodes it; a deferred item is always a PEM block
 * without an error, and decoding leaves no PEM behind. */
static void copy_deferred(struct copy *c, const smkilint_item *it)
{
	if (it->pem == NULL) {
		copy_item(c, it);
		return;
	}
	cr_assert(eq(ptr, (void *)it->der, NULL));
	cr_assert(eq(ptr, (void *)it->error_lint, NULL));
	cr_assert(eq(int, it->is_pem, 1));
	cr_assert(eq(int, memcmp(it->pem, "-----BEGIN ", 11), 0));
	cr_assert(ne(ptr, strstr((const char *)it->pem, it->pem_label), NULL));
	smkilint_item d;
	uint8_t *der;
	char *message;
	cr_assert(eq(int, smkilint_item_decode_pem(&d, &der, &message, it), 0));
	cr_assert(eq(ptr, (void *)d.pem, NULL));
	cr_assert(eq(int, (d.der != NULL) + (d.error_lint != NULL), 1), "either DER or an error");
	copy_item(c, &d);
	free(der);
	free(message);
}

/* Stream data in chunks of `chunk` bytes, decoding PEM at once or (defer)
 * later; returns the items (count in *n). */
static struct copy *stream_all(const uint8_t *data, size_t len, size_t chunk, bool defer, size_t *n)
{
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "test"), 0));
	if (defer)
		cr_assert(eq(int, smkilint_stream_defer_pem(s), 0));
	size_t cap = 16;
	struct copy *items = malloc(cap * sizeof(*items));
	*n = 0;
	const smkilint_item *it;
	for (size_t off = 0;; off += chunk) {
		bool last = off >= len;
		if (last)
			cr_assert(eq(int, smkilint_stream_finish(s), 0));
		else
			cr_assert(eq(int, smkilint_stream_feed(s, data + off, off + chunk > len ? len - off : chunk), 0));
		for (;;) {
			cr_assert(eq(int, smkilint_stream_next(&it, s), 0));
			if (it == NULL)
				break;
			if (*n == cap)
				items = realloc(items, (cap *= 2) * sizeof(*items));
			if (defer)
				copy_deferred(&items[(*n)++], it);
			else
				copy_item(&items[(*n)++], it);
		}
		if (last)
			break;
	}
	smkilint_stream_free(s);
	return items;
}

static void same_as_split(const uint8_t *data, size_t len, const char *what)
{
	smkilint_input *in = NULL;
	cr_assert(eq(int, smkilint_input_split(&in, ctx, data, len), 0));
	static const size_t chunks[] = {1, 2, 3, 7, 11, 64, 1000, 4096, 1u << 20};
	for (size_t k = 0; k < 2 * sizeof(chunks) / sizeof(chunks[0]); k++) {
		/* every chunk size, decoding PEM at once, then deferred */
		bool defer = k >= sizeof(chunks) / sizeof(chunks[0]);
		size_t chunk = chunks[k % (sizeof(chunks) / sizeof(chunks[0]))];
		size_t n = 0;
		struct copy *got = stream_all(data, len, chunk, defer, &n);
		cr_assert(eq(sz, n, smkilint_input_count(in)), "%s, chunks of %zu%s: number of items", what, chunk,
			  defer ? ", PEM deferred" : "");
		for (size_t i = 0; i < n; i++) {
			const smkilint_item *w = smkilint_input_item(in, i);
			const struct copy *g = &got[i];
			cr_assert(eq(sz, g->index, w->index), "%s/%zu%s #%zu: index", what, chunk, defer ? " deferred" : "", i);
			cr_assert(eq(sz, g->line, w->line), "%s/%zu%s #%zu: line", what, chunk, defer ? " deferred" : "", i);
			cr_assert(eq(sz, g->input_offset, w->input_offset), "%s/%zu%s #%zu: input_offset", what, chunk, defer ? " deferred" : "", i);
			cr_assert(eq(int, g->is_pem, w->is_pem), "%s/%zu%s #%zu: is_pem", what, chunk, defer ? " deferred" : "", i);
			cr_assert(eq(int, g->kind, w->kind), "%s/%zu%s #%zu: kind", what, chunk, defer ? " deferred" : "", i);
			char *gl = (char *)(g->error_lint ? g->error_lint : "-");
			char *wl = (char *)(w->error_lint ? w->error_lint : "-");
			char *gm = g->error_message ? g->error_message : (char *)"-";
			char *wm = (char *)(w->error_message ? w->error_message : "-");
			cr_assert(eq(str, gl, wl), "%s/%zu%s #%zu: error_lint", what, chunk, defer ? " deferred" : "", i);
			cr_assert(eq(str, gm, wm), "%s/%zu%s #%zu: error_message", what, chunk, defer ? " deferred" : "", i);
			cr_assert(eq(sz, g->der_len, w->der_len), "%s/%zu%s #%zu: der_len", what, chunk, defer ? " deferred" : "", i);
			cr_assert(eq(int, g->der == NULL, w->der == NULL), "%s/%zu%s #%zu: der presence", what, chunk, defer ? " deferred" : "", i);
			if (g->der != NULL)
				cr_assert(eq(int, memcmp(g->der, w->der, g->der_len), 0), "%s/%zu%s #%zu: der bytes", what, chunk, defer ? " deferred" : "", i);
		}
		free_copies(got, n);
	}
	smkilint_input_free(in);
}

/* ------------------------------------------------------------ inputs */

static char *examples_pem(size_t i, size_t *len)
{
	DIR *d = opendir(SMK_EXAMPLES);
	cr_assert(ne(ptr, d, NULL), "examples/certs");
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".pem") != NULL) {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n++] = strdup(e->d_name);
		}
	closedir(d);
	cr_assert(gt(sz, n, 0));
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", SMK_EXAMPLES, names[i % n]);
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	char *p = (char *)read_file(path, len);
	cr_assert(ne(ptr, p, NULL), "%s", path);
	return p;
}

/* A growing text. */
struct buf {
	char *p;
	size_t len;
	FILE *f;
};

static void buf_open(struct buf *b)
{
	b->f = open_memstream(&b->p, &b->len);
}

static void put(struct buf *b, const char *s)
{
	fputs(s, b->f);
}

static void put_n(struct buf *b, const void *p, size_t n)
{
	fwrite(p, 1, n, b->f);
}

static void put_example(struct buf *b, size_t i)
{
	size_t len;
	char *p = examples_pem(i, &len);
	put_n(b, p, len);
	free(p);
}

static void check_text(struct buf *b, const char *what)
{
	fclose(b->f);
	same_as_split((const uint8_t *)b->p, b->len, what);
	free(b->p);
}

TestSuite(stream, .init = setup, .fini = teardown);

Test(stream, examples)
{
	for (size_t i = 0; i < 6; i++) {
		size_t len;
		char *p = examples_pem(i, &len);
		same_as_split((const uint8_t *)p, len, "example");
		free(p);
	}
}

Test(stream, bundle_with_text_and_other_blocks)
{
	struct buf b;
	buf_open(&b);
	put(&b, "Bundle exported for the key ceremony\n\n");
	put_example(&b, 0);
	put(&b, "subject: OU=02\n-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n");
	put_example(&b, 1);
	put(&b, "-----BEGIN not a boundary line\n-----BEGIN ");
	put(&b, "x-----BEGIN CERTIFICATE-----\n");   /* the next BEGIN is found from here */
	put_example(&b, 2);
	put(&b, "-----BEGIN ");
	for (int i = 0; i < 80; i++)
		put(&b, "L");
	put(&b, "-----\n");                         /* a label too long */
	put_example(&b, 3);
	put(&b, "-----BEGIN TBS CERTIFICATE-----\nMAMCAQE=\n-----END TBS CERTIFICATE-----\n");   /* pre-issuance */
	put(&b, "-----BEGIN CERTIFICATE REQUEST-----\nMAMCAQE=\n-----END CERTIFICATE REQUEST-----\n");  /* PKCS #10 */
	put(&b, "trailing notes\n");
	check_text(&b, "bundle");
}

Test(stream, crlf_and_no_final_newline)
{
	struct buf b;
	buf_open(&b);
	size_t len;
	char *p = examples_pem(4, &len);
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\n')
			put(&b, "\r");
		put_n(&b, p + i, 1);
	}
	put_n(&b, p, len - 1);
	free(p);
	check_text(&b, "crlf");
}

Test(stream, unterminated_and_bad_base64)
{
	struct buf b;
	buf_open(&b);
	put_example(&b, 0);
	put(&b, "-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n");
	put_example(&b, 1);
	put(&b, "-----BEGIN CERTIFICATE-----\nMIIB\n");   /* no END: the last item */
	put_example(&b, 2);                             /* inside the unterminated block */
	check_text(&b, "unterminated");

	buf_open(&b);
	put(&b, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
	check_text(&b, "empty block");
}

Test(stream, other_block_without_end)
{
	struct buf b;
	buf_open(&b);
	put(&b, "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n");
	put_example(&b, 5);      /* found again from the end of the PRIVATE KEY label */
	check_text(&b, "key without END");
}

Test(stream, no_certificate)
{
	struct buf b;
	buf_open(&b);
	check_text(&b, "empty");
	buf_open(&b);
	put(&b, "this is not a certificate\n");
	check_text(&b, "text");
	buf_open(&b);
	put(&b, "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"
		"-----BEGIN X509 CRL-----\nMC4=\n-----END X509 CRL-----\n");
	check_text(&b, "other blocks only");
	buf_open(&b);
	put(&b, "text -----BEGIN with no boundary\n");
	check_text(&b, "BEGIN but no block");
	buf_open(&b);
	put(&b, "-----BEGIN CERT");
	check_text(&b, "cut in the label");
	buf_open(&b);
	put_n(&b, "-----BEGIN A\0B-----\nxx\n-----END A\0B-----\n", 40);
	check_text(&b, "NUL in a label");
	static const uint8_t garbage[] = {0xff, 0xfe, 0x01, 0x00, 0x80, 'g', 'a', 0x04, 0x82, 0xff};
	same_as_split(garbage, sizeof(garbage), "garbage");
}

Test(stream, der_and_text_starting_with_0x30)
{
	size_t len;
	uint8_t *der = read_pem_cert(SMK_EXAMPLES "/org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252.pem", &len);
	same_as_split(der, len, "DER");
	uint8_t *trailing = malloc(len + 4);
	memcpy(trailing, der, len);
	memcpy(trailing + len, "JUNK", 4);
	same_as_split(trailing, len + 4, "DER and trailing bytes");
	same_as_split(der, 200, "truncated DER");
	free(trailing);
	free(der);
	static const uint8_t tiny[] = {0x30, 0x03, 0x02, 0x01, 0x01};
	same_as_split(tiny, sizeof(tiny), "tiny DER");

	struct buf b;
	buf_open(&b);
	put(&b, "0 certificates below are expired\n");    /* starts with 0x30 */
	put_example(&b, 1);
	check_text(&b, "PEM text starting with '0'");
}

/* Every file of the shared corpus (hostile inputs), when it is there. */
static void corpus_dir(const char *dir, size_t *done)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && *done < 20000) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			corpus_dir(path, done);
		} else if (S_ISREG(st.st_mode) && st.st_size < (1 << 20)) {
			size_t len;
			uint8_t *p = read_file(path, &len);
			if (p != NULL) {
				same_as_split(p, len, path);
				(*done)++;
			}
			free(p);
		}
	}
	closedir(d);
}

Test(stream, shared_corpus, .timeout = 600)
{
	size_t done = 0;
	corpus_dir(SMK_SHARED_DIR "/corpus", &done);
	if (done == 0)
		cr_skip_test("../shared/corpus not found");
	cr_log_info("%zu corpus files streamed", done);
}

/* Random texts made of fragments that stress the boundaries. */
Test(stream, random_texts)
{
	static const char *const frag[] = {
		"-----BEGIN ", "CERTIFICATE", "-----", "-----END ", "\n", "\r\n", "x", "-", "--",
		"PRIVATE KEY", "-----BEGIN CERTIFICATE-----\n", "-----END CERTIFICATE-----\n",
		"MIIB", "====", "0", " ", "-----BEGIN PRIVATE KEY-----\n", "-----END PRIVATE KEY-----\n",
		"-----BEGIN TBS CERTIFICATE-----\nMAMCAQE=\n-----END TBS CERTIFICATE-----\n", "TBS ",
		"-----BEGIN CERTIFICATE REQUEST-----\nMAMCAQE=\n-----END CERTIFICATE REQUEST-----\n", " REQUEST",
		"-----BEGIN NEW CERTIFICATE REQUEST-----\nMAMCAQE=\n-----END NEW CERTIFICATE REQUEST-----\n",
	};
	size_t len;
	char *cert = examples_pem(2, &len);
	unsigned seed = 12345;
	for (int round = 0; round < 300; round++) {
		struct buf b;
		buf_open(&b);
		int n = 1 + (int)(rand_r(&seed) % 40);
		for (int i = 0; i < n; i++) {
			unsigned r = (unsigned)rand_r(&seed) % (sizeof(frag) / sizeof(frag[0]) + 1);
			if (r == sizeof(frag) / sizeof(frag[0]))
				put_n(&b, cert, len);
			else
				put(&b, frag[r]);
		}
		check_text(&b, "random");
	}
	free(cert);
}

/* ------------------------------------------------------------ memory */

Test(stream, buffer_stays_small_over_many_certificates)
{
	size_t len;
	char *cert = examples_pem(0, &len);
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "many"), 0));
	size_t items = 0, max_buffered = 0, expect_line = 1, lines_per_cert = 0;
	for (size_t i = 0; i < len; i++)
		lines_per_cert += cert[i] == '\n';
	const smkilint_item *it;
	for (int i = 0; i < 20000; i++) {
		cr_assert(eq(int, smkilint_stream_feed(s, (const uint8_t *)cert, len), 0));
		while (smkilint_stream_next(&it, s) == 0 && it != NULL) {
			cr_assert(eq(sz, it->index, items), "index");
			cr_assert(eq(sz, it->line, expect_line), "line of certificate %zu", items);
			cr_assert(eq(ptr, (void *)it->error_lint, NULL));
			expect_line += lines_per_cert;
			items++;
		}
		if (smkilint_stream_buffered(s) > max_buffered)
			max_buffered = smkilint_stream_buffered(s);
	}
	cr_assert(eq(int, smkilint_stream_finish(s), 0));
	while (smkilint_stream_next(&it, s) == 0 && it != NULL)
		items++;
	cr_assert(eq(sz, items, 20000));
	cr_assert(le(sz, max_buffered, 65536), "buffer of %zu bytes", max_buffered);
	smkilint_stream_free(s);
	free(cert);
}

/* ------------------------------------------------------------ limits */

static int feed_repeated(smkilint_stream *s, const uint8_t *head, size_t head_len, uint8_t fill, size_t total)
{
	/* as a reader does: take the items after each chunk */
	const smkilint_item *it;
	int rc = smkilint_stream_feed(s, head, head_len);
	static uint8_t chunk[1 << 16];
	memset(chunk, fill, sizeof(chunk));
	for (size_t done = head_len; rc == 0 && done < total; done += sizeof(chunk)) {
		while ((rc = smkilint_stream_next(&it, s)) == 0 && it != NULL)
			;
		if (rc == 0)
			rc = smkilint_stream_feed(s, chunk, sizeof(chunk));
	}
	return rc;
}

Test(stream, der_larger_than_the_limit)
{
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "huge.der"), 0));
	static const uint8_t hdr[] = {0x30, 0x84, 0x05, 0x00, 0x00, 0x00};   /* 80 MiB SEQUENCE */
	int rc = feed_repeated(s, hdr, sizeof(hdr), 0, SMKILINT_STREAM_MAX_ITEM + (1u << 17));
	cr_assert(eq(int, rc, SMKILINT_ETOOBIG));
	cr_assert(eq(str, (char *)smkilint_ctx_last_error(ctx)->message, "huge.der: larger than 64 MiB"));
	const smkilint_item *it;
	cr_assert(eq(int, smkilint_stream_next(&it, s), SMKILINT_ETOOBIG), "the error sticks");
	smkilint_stream_free(s);
}

Test(stream, certificate_block_larger_than_the_limit)
{
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "huge.pem"), 0));
	static const char hdr[] = "notes\n-----BEGIN CERTIFICATE-----\n";
	int rc = feed_repeated(s, (const uint8_t *)hdr, sizeof(hdr) - 1, 'A', SMKILINT_STREAM_MAX_ITEM + (1u << 17));
	cr_assert(eq(int, rc, SMKILINT_ETOOBIG));
	cr_assert(eq(str, (char *)smkilint_ctx_last_error(ctx)->message,
		     "huge.pem: line 2: CERTIFICATE block larger than 64 MiB"));
	smkilint_stream_free(s);
}

Test(stream, large_text_without_certificate_streams)
{
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "zeros"), 0));
	static const uint8_t zero = 0;
	cr_assert(eq(int, feed_repeated(s, &zero, 1, 0, SMKILINT_STREAM_MAX_ITEM + (1u << 17)), 0));
	cr_assert(le(sz, smkilint_stream_buffered(s), 1u << 18));
	cr_assert(eq(int, smkilint_stream_finish(s), 0));
	const smkilint_item *it;
	cr_assert(eq(int, smkilint_stream_next(&it, s), 0));
	cr_assert(ne(ptr, (void *)it, NULL));
	cr_assert(eq(str, (char *)it->error_lint, "input.not_certificate"));
	cr_assert(eq(int, smkilint_stream_next(&it, s), 0));
	cr_assert(eq(ptr, (void *)it, NULL));
	smkilint_stream_free(s);
}

Test(stream, misuse)
{
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, NULL, "x"), SMKILINT_EINVAL));
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "x"), 0));
	cr_assert(eq(int, smkilint_stream_finish(s), 0));
	cr_assert(eq(int, smkilint_stream_feed(s, (const uint8_t *)"a", 1), SMKILINT_EINVAL));
	smkilint_stream_free(s);
	smkilint_stream_free(NULL);
	/* deferring is decided before the first byte */
	cr_assert(eq(int, smkilint_stream_defer_pem(NULL), SMKILINT_EINVAL));
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "x"), 0));
	cr_assert(eq(int, smkilint_stream_feed(s, (const uint8_t *)"-", 1), 0));
	cr_assert(eq(int, smkilint_stream_defer_pem(s), SMKILINT_EINVAL));
	smkilint_stream_free(s);
}

/* smkilint_lint_item decodes a deferred item itself: the same report as
 * for the item decoded at once, for a good block and for bad base64. */
Test(stream, lint_item_decodes_deferred_pem)
{
	size_t len;
	char *good = examples_pem(0, &len);
	struct buf b;
	buf_open(&b);
	put_n(&b, good, len);
	put(&b, "-----BEGIN CERTIFICATE-----\nMIIB*notbase64*\n-----END CERTIFICATE-----\n");
	fclose(b.f);
	free(good);
	char *texts[2][2] = {{NULL}};
	for (int defer = 0; defer < 2; defer++) {
		smkilint_stream *s = NULL;
		cr_assert(eq(int, smkilint_stream_new(&s, ctx, "t.pem"), 0));
		if (defer)
			cr_assert(eq(int, smkilint_stream_defer_pem(s), 0));
		cr_assert(eq(int, smkilint_stream_feed(s, (const uint8_t *)b.p, b.len), 0));
		cr_assert(eq(int, smkilint_stream_finish(s), 0));
		const smkilint_item *it;
		size_t n = 0;
		while (smkilint_stream_next(&it, s) == 0 && it != NULL) {
			cr_assert(lt(sz, n, 2));
			cr_assert(eq(int, it->pem != NULL, defer), "item %zu", n);
			smkilint_report *r = NULL;
			cr_assert(eq(int, smkilint_lint_item(&r, ctx, NULL, it, "t.pem"), 0));
			/* lint id, path and message of every finding, one line each */
			char *t = NULL;
			size_t tl = 0;
			FILE *f = open_memstream(&t, &tl);
			for (size_t i = 0; i < smkilint_report_count(r); i++) {
				const smkilint_finding *fd = smkilint_report_finding(r, i);
				fprintf(f, "%s %s %s\n", fd->lint, fd->path, fd->message);
			}
			fclose(f);
			texts[defer][n++] = t;
			smkilint_report_free(r);
		}
		cr_assert(eq(sz, n, 2));
		smkilint_stream_free(s);
	}
	cr_expect(ne(ptr, strstr(texts[0][1], "PEM CERTIFICATE block does not decode: Base64 decoding error"), NULL),
		  "%s", texts[0][1]);
	for (int i = 0; i < 2; i++) {
		cr_expect(eq(str, texts[1][i], texts[0][i]), "item %d", i);
		free(texts[0][i]);
		free(texts[1][i]);
	}
	free(b.p);
}
