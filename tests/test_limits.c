/*
 * Resource limits (README.md, "Limits"): every limit inside a certificate
 * or request, exceeded by one, gives exactly one limit.exceeded finding at
 * the element that holds too many (and the rest is still checked); reached
 * exactly, none. And the PEM splitter is linear: inputs made of hundreds of
 * thousands of BEGIN lines without an END line, which took time quadratic in
 * their size before (minutes for 20,000 lines), are split by
 * smkilint_input_split and by the stream into the items they hold. No timing
 * is asserted: the meson timeout of this suite is what such an input would
 * have hit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gnutls/gnutls.h>

#include "common.h"

static smkilint_ctx *ctx;
static struct fg *g;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	g = fg_new();
}

static void teardown(void)
{
	fg_free(g);
	smkilint_ctx_free(ctx);
}

TestSuite(limits, .init = setup, .fini = teardown);

/* ------------------------------------------------------------ findings */

/* Lint, then assert the number of limit.exceeded findings (0 or 1) and, for
 * one, its path, location and what it says was found. */
static void expect_limit(const uint8_t *der, size_t len, bool csr, size_t want, const char *path, size_t off,
			 size_t elen, const char *found)
{
	smkilint_report *r = NULL;
	int rc = csr ? smkilint_lint_csr_der(&r, ctx, NULL, der, len, "limits", 0)
		     : smkilint_lint_der(&r, ctx, NULL, der, len, "limits", 0);
	cr_assert(eq(int, rc, 0));
	cr_assert(eq(sz, count_id(r, "der.decode_failed"), 0), "the input decodes");
	if (count_id(r, "limit.exceeded") != want)
		log_report(r);
	cr_assert(eq(sz, count_id(r, "limit.exceeded"), want), "limit.exceeded findings");
	if (want == 1) {
		const smkilint_finding *f = find_one(r, "limit.exceeded");
		cr_expect(eq(str, (char *)f->path, (char *)path));
		cr_expect(eq(sz, f->offset, off), "offset");
		cr_expect(eq(sz, f->length, elen), "length");
		cr_expect(ne(ptr, strstr(f->found, found), NULL), "found \"%s\" lacks \"%s\"", f->found, found);
		cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
	}
	smkilint_report_free(r);
}

/* The certificate c, with n items (a noun: "names") in the list at node
 * `at`, has `want` limit.exceeded findings, at path and covering `at`. */
static void expect_cert_limit(struct fg_cert *c, size_t n, const char *noun, size_t want, const char *path,
			      struct fg_node *at)
{
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	char found[64];
	snprintf(found, sizeof(found), "%zu %s", n, noun);
	expect_limit(der, len, false, want, path, fg_off(at), fg_size(at), found);
}

static struct fg_ext add_ext(struct fg_cert *c, const char *oid, struct fg_node *inner)
{
	struct fg_ext e = fg_ext_new(c->g, oid, FG_CRIT_ABSENT, inner);
	fg_add(c->ext_list, e.seq);
	return e;
}

/* SMK_MAX_ATV: attributes in one name */
static void name_with(size_t n, size_t want)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *subject = fg_seq(g, fg_set(g, fg_atv(g, "2.5.4.3", fg_str(g, 0x0c, "a"))));
	for (size_t i = 1; i < n; i++)
		fg_add(subject, fg_set(g, fg_atv(g, "2.5.4.3", fg_str(g, 0x0c, "a"))));
	fg_cert_set(c, &c->subject, subject);
	expect_cert_limit(c, n, "attributes", want, "tbsCertificate.subject", subject);
}

Test(limits, name_attributes_4096)
{
	name_with(4096, 0);
}

Test(limits, name_attributes_4097)
{
	name_with(4097, 1);
}

/* SMK_MAX_EXT: extensions of a certificate (the device template has 5) */
static void extensions(size_t n, size_t want)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	char oid[32];
	for (size_t i = FG_EXT_N; i < n; i++) {
		snprintf(oid, sizeof(oid), "1.2.3.%zu", i);
		add_ext(c, oid, fg_prim(g, 0x05, NULL, 0));
	}
	expect_cert_limit(c, n, "extensions", want, "tbsCertificate.extensions", c->ext_list);
}

Test(limits, extensions_128)
{
	extensions(128, 0);
}

Test(limits, extensions_129)
{
	extensions(129, 1);
}

/* SMK_MAX_SAN: GeneralNames in subjectAltName */
static void san_names(size_t n, size_t want)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *names = fg_seq(g, fg_prim(g, 0x82, "a", 1));
	for (size_t i = 1; i < n; i++)
		fg_add(names, fg_prim(g, 0x82, "a", 1));
	fg_replace(c->doc, c->ext[FG_EXT_SAN].inner, names);
	expect_cert_limit(c, n, "names", want, "tbsCertificate.extensions[subjectAltName].extnValue", names);
}

Test(limits, san_names_4096)
{
	san_names(4096, 0);
}

Test(limits, san_names_4097)
{
	san_names(4097, 1);
}

/* SMK_MAX_POLICIES: policies in certificatePolicies */
static void policies(size_t n, size_t want)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *list = fg_seq(g, fg_seq(g, fg_oid(g, "1.2.826.0.1.8641679.1.2.1.4")));
	char oid[40];
	for (size_t i = 1; i < n; i++) {
		snprintf(oid, sizeof(oid), "1.2.3.4.%zu", i);
		fg_add(list, fg_seq(g, fg_oid(g, oid)));
	}
	fg_replace(c->doc, c->ext[FG_EXT_POLICIES].inner, list);
	expect_cert_limit(c, n, "policies", want, "tbsCertificate.extensions[certificatePolicies].extnValue", list);
}

Test(limits, policies_256)
{
	policies(256, 0);
}

Test(limits, policies_257)
{
	policies(257, 1);
}

/* SMK_MAX_EKU: key purposes in extKeyUsage (dropped silently before) */
static void key_purposes(size_t n, size_t want)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *list = fg_seq(g, fg_oid(g, "1.3.6.1.5.5.7.3.2"));
	for (size_t i = 1; i < n; i++)
		fg_add(list, fg_oid(g, "1.3.6.1.5.5.7.3.2"));
	add_ext(c, "2.5.29.37", list);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	char found[64];
	snprintf(found, sizeof(found), "%zu key purposes", n);
	expect_limit(der, len, false, want, "tbsCertificate.extensions[extKeyUsage].extnValue", fg_off(list),
		     fg_size(list), found);
	/* what lies within the limit is still decoded */
	struct smk_cert m;
	decode(&m, ctx, der, len);
	cr_expect(eq(sz, m.n_eku, n < 256 ? n : 256));
	smk_cert_free(&m);
}

Test(limits, key_purposes_256)
{
	key_purposes(256, 0);
}

Test(limits, key_purposes_257)
{
	key_purposes(257, 1);
}

/* SMK_MAX_ATTRS: attributes of a certification request */
static void request_attributes(size_t n, size_t want)
{
	struct fg_node *attrs = fg_cons(g, 0xa0, (struct fg_node *)NULL);
	char oid[32];
	for (size_t i = 0; i < n; i++) {
		snprintf(oid, sizeof(oid), "1.2.3.%zu", i);
		fg_add(attrs, fg_seq(g, fg_oid(g, oid), fg_set(g, fg_prim(g, 0x05, NULL, 0))));
	}
	struct fg_node *spki = fg_seq(g, fg_seq(g, fg_oid(g, "1.2.840.10045.2.1"), fg_oid(g, "1.2.840.10045.3.1.7")),
				      fg_bits(g, 0, "\x04\x01\x02", 3));
	struct fg_node *cri = fg_seq(g, fg_int(g, 0), fg_seq(g, fg_set(g, fg_atv(g, "2.5.4.3", fg_str(g, 0x0c, "x")))),
				     spki, attrs);
	struct fg_node *req = fg_seq(g, cri, fg_seq(g, fg_oid(g, "1.2.840.10045.4.3.2")), fg_bits(g, 0, "\x30\x00", 2));
	size_t len;
	const uint8_t *der = fg_encode(g, req, &len);
	char found[64];
	snprintf(found, sizeof(found), "%zu attributes", n);
	expect_limit(der, len, true, want, "certificationRequestInfo.attributes", fg_off(attrs), fg_size(attrs), found);
}

Test(limits, request_attributes_64)
{
	request_attributes(64, 0);
}

Test(limits, request_attributes_65)
{
	request_attributes(65, 1);
}

/* SMK_MAX_DEPTH: nesting depth 32, counted from the certificate (see
 * tests/test_der.c): the extension value is at depth 6, so an INTEGER inside
 * n nested SEQUENCEs there is at depth 7 + n: 25 reach the limit, 26 are one
 * too deep, and the INTEGER is what is reported. */
static void nested(size_t n, size_t want)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *deepest = fg_int(g, 1), *inner = deepest;
	for (size_t i = 0; i < n; i++)
		inner = fg_seq(g, inner);
	add_ext(c, "1.2.3.4", inner);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	char path[200] = "tbsCertificate.extensions[1.2.3.4].extnValue";
	for (size_t i = 1; i < n; i++)
		strcat(path, "[0]");
	strcat(path, "[0]");
	expect_limit(der, len, false, want, path, fg_off(deepest), fg_size(deepest), "deeper");
}

Test(limits, nesting_32)
{
	nested(25, 0);
}

Test(limits, nesting_33)
{
	nested(26, 1);
}

/* SMK_MAX_DEFECTS: 255 encoding defects, the 256th slot says there were
 * more. Each name attribute's value has a non-minimal (long-form) length. */
static void defects(size_t n, size_t want)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	struct fg_node *subject = fg_seq(g, fg_set(g, fg_atv(g, "2.5.4.3", fg_str(g, 0x0c, "a"))));
	for (size_t i = 1; i < n; i++)
		fg_add(subject, fg_set(g, fg_atv(g, "2.5.4.3", fg_str(g, 0x0c, "a"))));
	fg_cert_set(c, &c->subject, subject);
	struct fg_node *last = NULL;
	for (size_t i = 0; i < n; i++) {
		struct fg_node *value = subject->kid[i]->kid[0]->kid[1];
		value->len_octets = 1;
		if (i == 255)
			last = value;
	}
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	smkilint_report *r = lint_bytes(ctx, der, len);
	cr_assert(eq(sz, count_id(r, "limit.exceeded"), want));
	cr_assert(eq(sz, count_id(r, "der.length_not_minimal"), n < 255 ? n : 255));
	if (want == 1) {
		const smkilint_finding *f = find_one(r, "limit.exceeded");
		cr_expect(eq(sz, f->offset, fg_off(last)), "the 256th defect's place");
		cr_expect(ne(ptr, strstr(f->expected, "at most 255 encoding defects"), NULL), "%s", f->expected);
	}
	smkilint_report_free(r);
}

Test(limits, encoding_defects_255)
{
	defects(255, 0);
}

Test(limits, encoding_defects_256)
{
	defects(256, 1);
}

/* ------------------------------------------------------------ PEM */

/* The items of the stream fed in 64 KiB chunks equal those of the split. */
static void stream_agrees(const smkilint_input *in, const uint8_t *data, size_t len)
{
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "many.pem"), 0));
	const smkilint_item *it;
	size_t got = 0;
	for (size_t off = 0;; off += 65536) {
		if (off < len)
			cr_assert(eq(int, smkilint_stream_feed(s, data + off, len - off < 65536 ? len - off : 65536), 0));
		else
			cr_assert(eq(int, smkilint_stream_finish(s), 0));
		while (smkilint_stream_next(&it, s) == 0 && it != NULL) {
			const smkilint_item *want = smkilint_input_item(in, got++);
			cr_assert(ne(ptr, (void *)want, NULL), "more items from the stream than from the split");
			cr_expect(eq(str, (char *)(it->error_lint ? it->error_lint : "(none)"),
				     (char *)(want->error_lint ? want->error_lint : "(none)")));
			cr_expect(eq(sz, it->der_len, want->der_len));
			cr_expect(eq(sz, it->input_offset, want->input_offset));
			cr_expect(eq(sz, it->line, want->line));
		}
		if (off >= len)
			break;
	}
	cr_expect(eq(sz, got, smkilint_input_count(in)));
	smkilint_stream_free(s);
}

/* n copies of line (with %zu replaced by the line number when it has one) */
static uint8_t *repeat(const char *line, size_t n, size_t *len)
{
	size_t cap = n * (strlen(line) + 12) + 1, k = 0;
	char *buf = malloc(cap);
	cr_assert(ne(ptr, buf, NULL));
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, cap - k, line, i);
	*len = k;
	return (uint8_t *)buf;
}

static void many_begin_lines(const char *line, const char *lint, const char *message)
{
	size_t len;
	uint8_t *data = repeat(line, 200000, &len);
	smkilint_input *in = NULL;
	cr_assert(eq(int, smkilint_input_split(&in, ctx, data, len), 0));
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	const smkilint_item *it = smkilint_input_item(in, 0);
	cr_expect(eq(str, (char *)it->error_lint, (char *)lint));
	cr_expect(ne(ptr, strstr(it->error_message, message), NULL), "%s", it->error_message);
	stream_agrees(in, data, len);
	smkilint_input_free(in);
	free(data);
}

Test(limits, pem_200k_other_begin_lines, .timeout = 120)
{
	many_begin_lines("-----BEGIN X509 CRL-----\n", "input.not_certificate", "found: X509 CRL");
}

Test(limits, pem_200k_distinct_labels, .timeout = 120)
{
	many_begin_lines("-----BEGIN L%zu-----\n", "input.not_certificate", "found: L0, L1");
}

Test(limits, pem_200k_certificate_begin_lines, .timeout = 120)
{
	many_begin_lines("-----BEGIN CERTIFICATE-----\n", "pem.unterminated", "line 1: BEGIN CERTIFICATE");
}

Test(limits, pem_200k_begin_on_one_line, .timeout = 120)
{
	many_begin_lines("-----BEGIN ", "input.not_certificate", "no complete CERTIFICATE block");
}

Test(limits, pem_200k_begin_lines_without_dashes, .timeout = 120)
{
	many_begin_lines("-----BEGIN CERTIFICATE\n", "input.not_certificate", "no complete CERTIFICATE block");
}

/* A block we do not take ends at its END line only if no BEGIN line comes
 * first: a certificate inside an unterminated PRIVATE KEY block is found. */
Test(limits, pem_other_block_without_end_hides_nothing)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	gnutls_datum_t in = {(unsigned char *)der, (unsigned)len}, pem = {NULL, 0};
	cr_assert(eq(int, gnutls_pem_base64_encode2("CERTIFICATE", &in, &pem), 0));
	char *text = NULL;
	cr_assert(gt(int, asprintf(&text, "-----BEGIN PRIVATE KEY-----\nAAAA\n%.*s-----END PRIVATE KEY-----\n",
				   (int)pem.size, (const char *)pem.data), 0));
	gnutls_free(pem.data);
	smkilint_input *split = NULL;
	cr_assert(eq(int, smkilint_input_split(&split, ctx, (const uint8_t *)text, strlen(text)), 0));
	cr_assert(eq(sz, smkilint_input_count(split), 1));
	const smkilint_item *it = smkilint_input_item(split, 0);
	cr_expect(eq(ptr, (void *)it->error_lint, NULL), "%s", it->error_message ? it->error_message : "");
	cr_expect(eq(sz, it->line, 3));
	cr_expect(eq(sz, it->der_len, len));
	stream_agrees(split, (const uint8_t *)text, strlen(text));
	smkilint_input_free(split);
	free(text);
}

/* A CERTIFICATE block longer than SMKILINT_STREAM_MAX_ITEM is refused even
 * when its END line comes in the same chunk (it was taken before). */
Test(limits, stream_block_over_the_limit_in_one_chunk, .timeout = 120)
{
	static const char head[] = "-----BEGIN CERTIFICATE-----\n", tail[] = "\n-----END CERTIFICATE-----\n";
	/* the block runs from BEGIN to the end of the END line: MAX + 1 octets */
	size_t body = SMKILINT_STREAM_MAX_ITEM - (sizeof(head) - 1) - (sizeof(tail) - 2) + 1;
	size_t len = (sizeof(head) - 1) + body + (sizeof(tail) - 1);
	uint8_t *data = malloc(len);
	cr_assert(ne(ptr, data, NULL));
	memcpy(data, head, sizeof(head) - 1);
	memset(data + sizeof(head) - 1, 'A', body);
	memcpy(data + sizeof(head) - 1 + body, tail, sizeof(tail) - 1);
	cr_assert(eq(sz, len, (size_t)SMKILINT_STREAM_MAX_ITEM + 2));
	smkilint_stream *s = NULL;
	cr_assert(eq(int, smkilint_stream_new(&s, ctx, "big.pem"), 0));
	cr_assert(eq(int, smkilint_stream_feed(s, data, len), 0));
	const smkilint_item *it;
	cr_assert(eq(int, smkilint_stream_next(&it, s), SMKILINT_ETOOBIG));
	cr_expect(eq(str, (char *)smkilint_ctx_last_error(ctx)->message,
		     "big.pem: line 1: CERTIFICATE block larger than 64 MiB"));
	smkilint_stream_free(s);
	free(data);
}
