/*
 * Waivers: the YAML loader (every error names file:line:column) and the
 * matcher (lint globs, sha256, serial and input selectors, expiry).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "common.h"

#define NONDER SMK_EXAMPLES "/device-rtds-e357-00db12345678909b-ds-nonder-signature.pem"
#define DAY 86400
/* 2025-06-15 12:00:00 UTC */
#define NOW ((int64_t)1749988800)

static smkilint_ctx *ctx;
static smkilint_waivers *w;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	cr_assert(eq(int, smkilint_waivers_new(&w), 0));
}

static void teardown(void)
{
	smkilint_waivers_free(w);
	smkilint_ctx_free(ctx);
}

static int load(const char *text)
{
	return smkilint_waivers_load_string(w, ctx, "w.yaml", text, strlen(text));
}

static const char *err(void)
{
	return smkilint_ctx_last_error(ctx)->message;
}

TestSuite(waivers, .init = setup, .fini = teardown);

/* ------------------------------------------------------------ loading */

Test(waivers, loads_every_key)
{
	cr_assert(eq(int, load("# accepted findings\n"
			       "waivers:\n"
			       "  - lints: der.integer_not_minimal\n"
			       "    reason: D2 batch\n"
			       "  - lints: [smki.*, 'rfc5280.key_usage.?*']\n"
			       "    reason: \"legacy\"\n"
			       "    expires: 2026-06-30\n"
			       "    sha256: AB:cd:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd\n"
			       "    serial: [00DB123456789001, '01:02']\n"
			       "    input: ['legacy/*.pem', x.der]\n"), 0), "%s", err());
	cr_assert(eq(sz, smkilint_waivers_count(w), 2));
	const smkilint_waiver *a = smkilint_waivers_get(w, 0), *b = smkilint_waivers_get(w, 1);
	cr_assert(eq(str, (char *)a->reason, "D2 batch"));
	cr_assert(eq(ptr, (void *)a->expires, NULL));
	cr_assert(eq(str, (char *)a->source, "w.yaml:3:5"));
	cr_assert(eq(sz, a->index, 0));
	cr_assert(eq(str, (char *)b->expires, "2026-06-30"));
	cr_assert(eq(str, (char *)b->source, "w.yaml:5:5"));
	cr_assert(eq(sz, b->index, 1));
	cr_assert(eq(ptr, (void *)smkilint_waivers_get(w, 2), NULL));
	/* a second file adds to the set */
	cr_assert(eq(int, load("waivers:\n- {lints: x.y, reason: r}\n"), 0), "%s", err());
	cr_assert(eq(sz, smkilint_waivers_count(w), 3));
	cr_assert(eq(sz, smkilint_waivers_get(w, 2)->index, 2));
	/* an empty list is a valid file */
	cr_assert(eq(int, load("waivers: []\n"), 0), "%s", err());
	cr_assert(eq(int, load("waivers:\n"), 0), "%s", err());
	cr_assert(eq(sz, smkilint_waivers_count(w), 3));
}

struct bad {
	const char *text;
	const char *message;
};

static const struct bad bad[] = {
	{"- lints: a\n", "w.yaml:1:3: a waiver file is a mapping with one key, waivers: a list of waivers"},
	{"", "w.yaml:1:1: empty (a waiver file is a mapping with one key, waivers: a list of waivers)"},
	{"waiver: []\n", "w.yaml:1:1: unknown key 'waiver' (a waiver file has one key, waivers)"},
	{"waivers: {lints: a}\n", "w.yaml:1:11: waivers must be a list"},
	{"waivers:\n  - lints: a\n", "w.yaml:2:5: a waiver needs a reason"},
	{"waivers:\n  - reason: r\n", "w.yaml:2:5: a waiver needs lints: the ids (or globs) of the findings it accepts"},
	{"waivers:\n  - lints: a\n    reason: '  '\n", "w.yaml:3:14: reason must say why the findings are accepted"},
	{"waivers:\n  - lints: a\n    reason: r\n    expire: 2025-01-01\n",
	 "w.yaml:4:5: unknown key 'expire' in a waiver (lints, reason, expires, sha256, serial, input)"},
	{"waivers:\n  - lints: a\n    reason: r\n    expires: 2025-02-29\n",
	 "w.yaml:4:14: expires: '2025-02-29' is not a date YYYY-MM-DD"},
	{"waivers:\n  - lints: a\n    reason: r\n    expires: 31/12/2025\n",
	 "w.yaml:4:14: expires: '31/12/2025' is not a date YYYY-MM-DD"},
	{"waivers:\n  - lints: DER.x\n    reason: r\n",
	 "w.yaml:2:12: lints: 'DER.x' can match no lint id (ids are lower-case letters, digits, '.', '_' and '-'; "
	 "globs may use *, ? and [...])"},
	{"waivers:\n  - lints: []\n    reason: r\n", "w.yaml:2:5: lints: the list is empty"},
	{"waivers:\n  - lints: {a: b}\n    reason: r\n", "w.yaml:2:13: lints must be a value or a list of values"},
	{"waivers:\n  - lints: a\n    reason: r\n    sha256: abcd\n",
	 "w.yaml:4:13: sha256: 'abcd' is not a SHA-256 fingerprint (64 hex digits, ':' allowed between octets)"},
	{"waivers:\n  - lints: a\n    reason: r\n    serial: [01, 0x02]\n",
	 "w.yaml:4:18: serial: '0x02' is not a serial number in hex (at most 64 octets, ':' allowed between octets)"},
	{"waivers:\n  - lints: a\n    reason: r\n    input: ''\n", "w.yaml:4:13: input: an empty name pattern"},
	{"waivers:\n  - lints: a\n    reason: r\n  - 42\n",
	 "w.yaml:4:5: a waiver is a mapping (lints, reason, and optionally expires, sha256, serial, input)"},
	{"waivers:\n  - lints: a\n    reason: r\n    reason: s\n", NULL},   /* duplicate key: libfyaml's message */
	{"waivers:\n  - lints: [a\n", NULL},                                /* YAML syntax error */
};

Test(waivers, errors_name_file_line_column)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = load(bad[i].text);
		cr_assert(eq(int, rc, SMKILINT_EWAIVER), "case %zu: %s", i, bad[i].text);
		if (bad[i].message != NULL)
			cr_expect(eq(str, (char *)err(), (char *)bad[i].message), "case %zu", i);
		else
			cr_expect(eq(int, strncmp(err(), "w.yaml:", 7), 0), "case %zu: %s", i, err());
		cr_assert(eq(sz, smkilint_waivers_count(w), 0), "case %zu: a bad file adds nothing", i);
	}
}

Test(waivers, file_errors)
{
	cr_assert(eq(int, smkilint_waivers_load_file(w, ctx, "/nonexistent/w.yaml"), SMKILINT_EIO));
	cr_assert(eq(int, strncmp(err(), "/nonexistent/w.yaml: ", 21), 0), "%s", err());
	cr_assert(eq(int, smkilint_waivers_load_file(w, ctx, NULL), SMKILINT_EINVAL));
	cr_assert(eq(int, smkilint_waivers_load_string(NULL, ctx, "x", "", 0), SMKILINT_EINVAL));
	/* a device or a directory is refused before it is read (/dev/zero would never end) */
	cr_assert(eq(int, smkilint_waivers_load_file(w, ctx, "/dev/zero"), SMKILINT_EIO));
	cr_assert(eq(str, (char *)err(), "/dev/zero: not a regular file"));
	cr_assert(eq(int, smkilint_waivers_load_file(w, ctx, "/"), SMKILINT_EIO));
	cr_assert(eq(str, (char *)err(), "/: not a regular file"));
}

/* ------------------------------------------------------------ applying */

static uint8_t *der;
static size_t der_len;

static smkilint_report *lint_nonder(const char *input)
{
	der = read_pem_cert(NONDER, &der_len);
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_der(&r, ctx, NULL, der, der_len, input, 0), 0));
	cr_assert(gt(sz, count_id(r, "der.integer_not_minimal"), 0), "the example fires der.integer_not_minimal");
	return r;
}

static size_t index_of(const smkilint_report *r, const char *lint)
{
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		if (strcmp(smkilint_report_finding(r, i)->lint, lint) == 0)
			return i;
	cr_assert(eq(int, 0, 1), "no %s finding", lint);
	return 0;
}

static void done(smkilint_report *r)
{
	smkilint_report_free(r);
	free(der);
	der = NULL;
}

static char *hex(const uint8_t *p, size_t n, const char *sep)
{
	char *s = malloc(3 * n + 1);
	s[0] = '\0';
	for (size_t i = 0; i < n; i++)
		sprintf(s + strlen(s), "%s%02X", i ? sep : "", p[i]);
	return s;
}

static char *fingerprint(void)
{
	uint8_t fp[32];
	cr_assert(eq(int, gnutls_hash_fast(GNUTLS_DIG_SHA256, der, der_len, fp), 0));
	return hex(fp, 32, ":");
}

static char *serial(void)
{
	gnutls_x509_crt_t c;
	gnutls_datum_t d = {der, (unsigned)der_len};
	uint8_t sn[64];
	size_t n = sizeof(sn);
	cr_assert(eq(int, gnutls_x509_crt_init(&c), 0));
	cr_assert(eq(int, gnutls_x509_crt_import(c, &d, GNUTLS_X509_FMT_DER), 0));
	cr_assert(eq(int, gnutls_x509_crt_get_serial(c, sn, &n), 0));
	gnutls_x509_crt_deinit(c);
	return hex(sn, n, "");
}

/* Apply a waiver text to a fresh report; returns the report. */
static smkilint_report *applied(const char *input, const char *fmt, const char *arg, int64_t now)
{
	smkilint_report *r = lint_nonder(input);
	char text[1024];
	snprintf(text, sizeof(text), fmt, arg);
	cr_assert(eq(int, load(text), 0), "%s\n%s", err(), text);
	cr_assert(eq(int, smkilint_waivers_apply(w, r, der, der_len, now), 0));
	return r;
}

Test(waivers, by_lint_id_and_glob)
{
	smkilint_report *r = applied("a.pem", "waivers:\n- lints: 'der.*_not_minimal'\n  reason: %s\n", "D2", NOW);
	const smkilint_waiver *s = smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal"));
	cr_assert(ne(ptr, (void *)s, NULL));
	cr_assert(eq(str, (char *)s->reason, "D2"));
	cr_assert(eq(sz, count_id(r, SMKILINT_WAIVER_EXPIRED), 0));
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		if (strcmp(smkilint_report_finding(r, i)->lint, "der.integer_not_minimal") != 0)
			cr_assert(eq(ptr, (void *)smkilint_report_suppression(r, i), NULL), "only the glob's findings");
	cr_assert(eq(ptr, (void *)smkilint_report_suppression(r, 9999), NULL));
	done(r);
}

Test(waivers, other_lint_not_waived)
{
	smkilint_report *r = applied("a.pem", "waivers:\n- lints: %s\n  reason: r\n", "der.integer_not_minimal_x", NOW);
	cr_assert(eq(ptr, (void *)smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal")), NULL));
	done(r);
}

Test(waivers, by_fingerprint)
{
	smkilint_report *r = lint_nonder("a.pem");
	char *fp = fingerprint();
	smkilint_report_free(r);
	free(der);
	r = applied("a.pem", "waivers:\n- lints: der.integer_not_minimal\n  reason: r\n  sha256: '%s'\n", fp, NOW);
	cr_assert(ne(ptr, (void *)smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal")), NULL));
	/* without the DER the fingerprint cannot match */
	smkilint_report *r2 = NULL;
	cr_assert(eq(int, smkilint_lint_der(&r2, ctx, NULL, der, der_len, "a.pem", 0), 0));
	cr_assert(eq(int, smkilint_waivers_apply(w, r2, NULL, 0, NOW), 0));
	cr_assert(eq(ptr, (void *)smkilint_report_suppression(r2, index_of(r2, "der.integer_not_minimal")), NULL));
	smkilint_report_free(r2);
	free(fp);
	done(r);
}

Test(waivers, by_wrong_fingerprint)
{
	smkilint_report *r = applied("a.pem", "waivers:\n- lints: der.integer_not_minimal\n  reason: r\n  sha256: %s\n",
				     "0000000000000000000000000000000000000000000000000000000000000000", NOW);
	cr_assert(eq(ptr, (void *)smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal")), NULL));
	done(r);
}

Test(waivers, by_serial)
{
	smkilint_report *r = lint_nonder("a.pem");
	char *sn = serial();
	smkilint_report_free(r);
	free(der);
	char with_zero[200];
	snprintf(with_zero, sizeof(with_zero), "[deadbeef, '00%s']", sn);   /* a leading zero octet is ignored */
	r = applied("a.pem", "waivers:\n- lints: der.integer_not_minimal\n  reason: r\n  serial: %s\n", with_zero, NOW);
	cr_assert(ne(ptr, (void *)smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal")), NULL));
	free(sn);
	done(r);
}

Test(waivers, by_input_glob_and_all_selectors_must_hold)
{
	smkilint_report *r = applied("certs/legacy/a.pem",
				     "waivers:\n- lints: der.integer_not_minimal\n  reason: r\n  input: %s\n",
				     "'certs/*/a.pem'", NOW);
	cr_assert(ne(ptr, (void *)smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal")), NULL));
	done(r);
	smkilint_waivers_free(w);
	cr_assert(eq(int, smkilint_waivers_new(&w), 0));
	r = applied("certs/legacy/a.pem",
		    "waivers:\n- lints: der.integer_not_minimal\n  reason: r\n  input: 'certs/*'\n  serial: %s\n",
		    "deadbeef", NOW);
	cr_assert(eq(ptr, (void *)smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal")), NULL),
		  "the input matches but the serial does not");
	done(r);
}

Test(waivers, expiry)
{
	/* NOW is 2025-06-15: a waiver expiring that day still holds */
	smkilint_report *r = applied("a.pem", "waivers:\n- lints: der.integer_not_minimal\n  reason: r\n  expires: %s\n",
				     "2025-06-15", NOW);
	cr_assert(ne(ptr, (void *)smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal")), NULL));
	cr_assert(eq(sz, count_id(r, SMKILINT_WAIVER_EXPIRED), 0));
	done(r);
	/* the next day it has expired: the finding is back, and a warning says why */
	smkilint_waivers_free(w);
	cr_assert(eq(int, smkilint_waivers_new(&w), 0));
	r = applied("a.pem", "waivers:\n- lints: der.*\n  reason: the D2 batch\n  expires: %s\n", "2025-06-14", NOW);
	cr_assert(eq(ptr, (void *)smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal")), NULL));
	const smkilint_finding *f = find_one(r, SMKILINT_WAIVER_EXPIRED);
	cr_assert(ne(ptr, (void *)f, NULL), "exactly one waiver.expired for the waiver");
	cr_assert(eq(int, f->severity, SMKILINT_SEV_WARNING));
	cr_assert(eq(str, (char *)f->citation, "w.yaml:2:3"));
	cr_assert(eq(int, f->has_offset, 0));
	cr_assert(ne(ptr, strstr(f->message, "expired on 2025-06-14"), NULL), "%s", f->message);
	cr_assert(ne(ptr, strstr(f->message, "der.integer_not_minimal"), NULL), "%s", f->message);
	cr_assert(ne(ptr, strstr(f->message, "the D2 batch"), NULL), "%s", f->message);
	cr_assert(eq(str, (char *)f->found, "expires: 2025-06-14"));
	done(r);
}

Test(waivers, an_unexpired_waiver_wins_over_an_expired_one)
{
	smkilint_report *r = applied("a.pem",
				     "waivers:\n- lints: der.integer_not_minimal\n  reason: old\n  expires: 2020-01-01\n"
				     "- lints: der.integer_not_minimal\n  reason: %s\n", "renewed", NOW);
	const smkilint_waiver *s = smkilint_report_suppression(r, index_of(r, "der.integer_not_minimal"));
	cr_assert(ne(ptr, (void *)s, NULL));
	cr_assert(eq(str, (char *)s->reason, "renewed"));
	cr_assert(eq(sz, count_id(r, SMKILINT_WAIVER_EXPIRED), 0));
	done(r);
}

Test(waivers, empty_set_and_misuse)
{
	smkilint_report *r = lint_nonder("a.pem");
	cr_assert(eq(int, smkilint_waivers_apply(w, r, der, der_len, NOW), 0));
	cr_assert(eq(ptr, (void *)smkilint_report_suppression(r, 0), NULL));
	cr_assert(eq(int, smkilint_waivers_apply(NULL, r, der, der_len, NOW), SMKILINT_EINVAL));
	cr_assert(eq(int, smkilint_waivers_apply(w, NULL, der, der_len, NOW), SMKILINT_EINVAL));
	done(r);
	smkilint_waivers_free(NULL);
}
