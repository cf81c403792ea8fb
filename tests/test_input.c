/*
 * Inputs: smkilint_input_split() turns a file's bytes into certificates
 * (PEM blocks with any text around them, or one DER certificate) and
 * smkilint_lint_item() turns what could not be extracted into one fatal
 * finding. The PEM texts are built here from forged certificates with
 * gnutls' encoder, so the expected lines and offsets are known by
 * construction.
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

/* A text being built, with the offsets and lines of what was put in it. */
struct text {
	char *p;
	size_t len;
	FILE *f;
};

static void text_open(struct text *t)
{
	t->f = open_memstream(&t->p, &t->len);
	cr_assert(ne(ptr, t->f, NULL));
}

static size_t text_pos(struct text *t)
{
	fflush(t->f);
	return t->len;
}

static size_t text_line(struct text *t)
{
	fflush(t->f);
	size_t line = 1;
	for (size_t i = 0; i < t->len; i++)
		line += t->p[i] == '\n';
	return line;
}

static void text_close(struct text *t)
{
	fclose(t->f);
}

/* Append the PEM form of der under label. */
static void put_pem(struct text *t, const char *label, const uint8_t *der, size_t len)
{
	gnutls_datum_t in = {(unsigned char *)der, (unsigned)len}, out = {NULL, 0};
	cr_assert(eq(int, gnutls_pem_base64_encode2(label, &in, &out), 0));
	fwrite(out.data, 1, out.size, t->f);
	gnutls_free(out.data);
}

static const uint8_t *forged(enum fg_kind kind, size_t *len)
{
	return fg_cert_der(fg_cert_new(g, kind), len);
}

static smkilint_input *split(const void *data, size_t len)
{
	smkilint_input *in = NULL;
	cr_assert(eq(int, smkilint_input_split(&in, ctx, data, len), 0));
	cr_assert(ne(ptr, in, NULL));
	return in;
}

static smkilint_report *lint_item(const smkilint_item *it)
{
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_item(&r, ctx, NULL, it, "input.pem"), 0));
	return r;
}

static size_t count_severity(const smkilint_report *r, smkilint_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		n += smkilint_report_finding(r, i)->severity == sev;
	return n;
}

/* An item that could not be extracted lints to exactly one fatal finding. */
static void expect_item_error(const smkilint_item *it, const char *lint, const char *message_part)
{
	cr_assert(ne(ptr, (void *)it->error_lint, NULL));
	cr_expect(eq(str, (char *)it->error_lint, (char *)lint));
	cr_expect(eq(ptr, (void *)it->der, NULL));
	cr_expect(ne(ptr, strstr(it->error_message, message_part), NULL), "message \"%s\" lacks \"%s\"",
		  it->error_message, message_part);
	smkilint_report *r = lint_item(it);
	cr_assert(eq(sz, smkilint_report_count(r), 1));
	const smkilint_finding *f = smkilint_report_finding(r, 0);
	cr_expect(eq(str, (char *)f->lint, (char *)lint));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_FATAL));
	cr_expect(eq(sz, f->offset, it->input_offset));
	cr_expect(eq(str, (char *)f->path, "input"));
	cr_expect(eq(str, (char *)f->message, (char *)it->error_message));
	smkilint_report_free(r);
}

static void expect_certificate(const smkilint_item *it, const uint8_t *der, size_t len)
{
	cr_assert(eq(ptr, (void *)it->error_lint, NULL), "unexpected %s: %s", it->error_lint, it->error_message);
	cr_assert(eq(sz, it->der_len, len));
	cr_assert(eq(int, memcmp(it->der, der, len), 0));
	smkilint_report *r = lint_item(it);
	cr_expect(eq(sz, count_severity(r, SMKILINT_SEV_FATAL), 0));
	cr_expect(eq(sz, smkilint_report_index(r), it->index));
	smkilint_report_free(r);
}

Test(pem, text_around, .init = setup, .fini = teardown)
{
	/* what `openssl x509 -text` prints: a dump, then the PEM block */
	size_t len;
	const uint8_t *der = forged(FG_DEVICE, &len);
	struct text t;
	text_open(&t);
	fputs("Certificate:\n    Data:\n        Version: 3 (0x2)\n        Serial Number:\n"
	      "            71:c5:63:92:ce:99:85:dd:1b:78:be:2e:b2:3d:61:0b\n", t.f);
	size_t begin = text_pos(&t), line = text_line(&t);
	put_pem(&t, "CERTIFICATE", der, len);
	fputs("trailing words, no newline", t.f);
	text_close(&t);

	smkilint_input *in = split(t.p, t.len);
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	const smkilint_item *it = smkilint_input_item(in, 0);
	cr_expect(eq(sz, it->index, 0));
	cr_expect(eq(int, it->is_pem, 1));
	cr_expect(eq(sz, it->line, line));
	cr_expect(eq(sz, line, 6));
	cr_expect(eq(sz, it->input_offset, begin));
	expect_certificate(it, der, len);
	cr_expect(eq(ptr, (void *)smkilint_input_item(in, 1), NULL));
	smkilint_input_free(in);
	free(t.p);
}

Test(pem, several_certificates, .init = setup, .fini = teardown)
{
	size_t len[2];
	const uint8_t *der[2] = {forged(FG_DEVICE, &len[0]), forged(FG_ORGANISATION, &len[1])};
	size_t begin[2], line[2];
	struct text t;
	text_open(&t);
	for (int i = 0; i < 2; i++) {
		fprintf(t.f, "subject=certificate %d\n\n", i);
		begin[i] = text_pos(&t);
		line[i] = text_line(&t);
		put_pem(&t, "CERTIFICATE", der[i], len[i]);
	}
	text_close(&t);

	smkilint_input *in = split(t.p, t.len);
	cr_assert(eq(sz, smkilint_input_count(in), 2));
	for (size_t i = 0; i < 2; i++) {
		const smkilint_item *it = smkilint_input_item(in, i);
		cr_expect(eq(sz, it->index, i));
		cr_expect(eq(sz, it->line, line[i]));
		cr_expect(eq(sz, it->input_offset, begin[i]));
		expect_certificate(it, der[i], len[i]);
	}
	smkilint_input_free(in);
	free(t.p);
}

Test(pem, bad_base64, .init = setup, .fini = teardown)
{
	/* a good block, then one whose body is not base64, on line 5 */
	size_t len;
	const uint8_t *der = forged(FG_DEVICE, &len);
	struct text t;
	text_open(&t);
	put_pem(&t, "CERTIFICATE", der, len);
	fputs("\n", t.f);
	size_t begin = text_pos(&t), line = text_line(&t);
	fputs("-----BEGIN CERTIFICATE-----\nMIIB!!not*base64$$\n-----END CERTIFICATE-----\n", t.f);
	text_close(&t);

	smkilint_input *in = split(t.p, t.len);
	cr_assert(eq(sz, smkilint_input_count(in), 2));
	expect_certificate(smkilint_input_item(in, 0), der, len);
	const smkilint_item *bad = smkilint_input_item(in, 1);
	cr_expect(eq(sz, bad->index, 1));
	cr_expect(eq(sz, bad->input_offset, begin));
	cr_expect(eq(sz, bad->line, line));
	char where[32];
	snprintf(where, sizeof(where), "line %zu:", line);
	expect_item_error(bad, "pem.bad_base64", where);
	smkilint_input_free(in);
	free(t.p);
}

Test(pem, begin_without_end, .init = setup, .fini = teardown)
{
	size_t len;
	const uint8_t *der = forged(FG_ORGANISATION, &len);
	struct text t;
	text_open(&t);
	fputs("one line of text\n", t.f);
	put_pem(&t, "CERTIFICATE", der, len);
	size_t begin = text_pos(&t);
	/* a second block cut short: BEGIN and some base64, no END */
	fputs("-----BEGIN CERTIFICATE-----\nMIIBoDCCAUagAwIBAgIQ\n", t.f);
	text_close(&t);
	size_t line = 1;
	for (size_t i = 0; i < begin; i++)
		line += t.p[i] == '\n';

	smkilint_input *in = split(t.p, t.len);
	cr_assert(eq(sz, smkilint_input_count(in), 2));
	expect_certificate(smkilint_input_item(in, 0), der, len);
	const smkilint_item *bad = smkilint_input_item(in, 1);
	cr_expect(eq(sz, bad->input_offset, begin));
	char where[32];
	snprintf(where, sizeof(where), "line %zu:", line);
	expect_item_error(bad, "pem.unterminated", where);
	smkilint_input_free(in);
	free(t.p);
}

Test(pem, no_certificate_block, .init = setup, .fini = teardown)
{
	static const char crl[] = "-----BEGIN X509 CRL-----\nMIIBBDCBrAIBATAKBggqhkjOPQQDAjA=\n-----END X509 CRL-----\n";
	smkilint_input *in = split(crl, sizeof(crl) - 1);
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	expect_item_error(smkilint_input_item(in, 0), "input.not_certificate", "X509 CRL");
	smkilint_input_free(in);

	static const char keys[] = "a key and a CRL\n"
				   "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEH\n-----END PRIVATE KEY-----\n"
				   "-----BEGIN X509 CRL-----\nMIIBBDCBrAIBATAKBggqhkjOPQQDAjA=\n-----END X509 CRL-----\n";
	in = split(keys, sizeof(keys) - 1);
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	expect_item_error(smkilint_input_item(in, 0), "input.not_certificate", "PRIVATE KEY, X509 CRL");
	smkilint_input_free(in);
}

Test(input, empty, .init = setup, .fini = teardown)
{
	smkilint_input *in = split("", 0);
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	expect_item_error(smkilint_input_item(in, 0), "input.not_certificate", "empty");
	smkilint_input_free(in);
}

/* Bytes from a fixed linear congruential generator: random-looking, the
 * same on every run. */
static void noise(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (uint8_t)(seed >> 16);
	}
}

Test(input, random_binary, .init = setup, .fini = teardown)
{
	uint8_t buf[512];
	noise(buf, sizeof(buf), 7);
	buf[0] = 0x9c;   /* not a SEQUENCE, and no BEGIN line anywhere */
	cr_assert(eq(ptr, memmem(buf, sizeof(buf), "-----BEGIN ", 11), NULL));
	smkilint_input *in = split(buf, sizeof(buf));
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	expect_item_error(smkilint_input_item(in, 0), "input.not_certificate", "first octet 0x9c");
	smkilint_input_free(in);
}

Test(input, random_binary_starting_like_der, .init = setup, .fini = teardown)
{
	/* 30 82 01 00 and noise: taken as DER, and it does not decode */
	uint8_t buf[260];
	noise(buf, sizeof(buf), 11);
	memcpy(buf, "\x30\x82\x01\x00", 4);
	smkilint_input *in = split(buf, sizeof(buf));
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	const smkilint_item *it = smkilint_input_item(in, 0);
	cr_assert(eq(ptr, (void *)it->error_lint, NULL));
	cr_assert(eq(int, it->is_pem, 0));
	smkilint_report *r = lint_item(it);
	cr_expect(eq(sz, count_id(r, "der.decode_failed"), 1));
	cr_expect(eq(sz, count_severity(r, SMKILINT_SEV_FATAL), 1));
	smkilint_report_free(r);
	smkilint_input_free(in);
}

Test(der_file, one_certificate, .init = setup, .fini = teardown)
{
	size_t len;
	const uint8_t *der = forged(FG_ORGANISATION, &len);
	smkilint_input *in = split(der, len);
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	const smkilint_item *it = smkilint_input_item(in, 0);
	cr_expect(eq(int, it->is_pem, 0));
	cr_expect(eq(sz, it->line, 0));
	cr_expect(eq(sz, it->input_offset, 0));
	cr_expect(eq(ptr, (void *)it->der, (void *)der), "DER items point into the input");
	expect_certificate(it, der, len);
	smkilint_input_free(in);
}

Test(der_file, trailing_garbage, .init = setup, .fini = teardown)
{
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	fg_set_hex(c->trailer, "de ad be ef");
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	smkilint_input *in = split(der, len);
	cr_assert(eq(sz, smkilint_input_count(in), 1));
	const smkilint_item *it = smkilint_input_item(in, 0);
	cr_assert(eq(ptr, (void *)it->error_lint, NULL));
	cr_assert(eq(sz, it->der_len, len), "the whole file is the item");
	smkilint_report *r = lint_item(it);
	assert_finding(r, "der.trailing_data", "certificate", fg_size(c->cert));
	cr_expect(eq(sz, find_one(r, "der.trailing_data")->length, 4));
	cr_expect(eq(sz, count_severity(r, SMKILINT_SEV_FATAL), 0));
	smkilint_report_free(r);
	smkilint_input_free(in);
}
