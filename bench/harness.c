/*
 * smkilint-bench: how fast the linter is, next to the libtasn1 decode it is
 * built on and to gnutls, measured in one process on the same certificates.
 *
 *   smkilint-bench [--runs R] [--only MODE]... [--no-warmup] [--profile-dir DIR]
 *                  CERTS.pem [ISSUERS.pem]
 *
 * Modes, each over every certificate of CERTS.pem:
 *   floor         (a) the decode floor: asn1_create_element +
 *                     asn1_der_decoding2(STRICT_DER) + asn1_delete_structure
 *                     of the whole Certificate, exactly as lib/decode.c does it
 *   model         (b) decode + model: smk_decode_cert (encoding walk, libtasn1,
 *                     the plain model) and smk_cert_free
 *   lint          (c) full lint: smkilint_lint_der with --profile auto, every
 *                     lint, no issuer (so no signature check), report freed
 *   lint-issuer   (d) the same with the issuers of ISSUERS.pem (--issuer):
 *                     issuer matching, signature verification, chain lints
 *   gnutls-import (e) gnutls_x509_crt_import (DER) and deinit
 *   gnutls-verify (e) import, then gnutls_x509_crt_verify against ISSUERS.pem
 *   gnutls-sig    (e) the bare ECDSA check: gnutls_pubkey_verify_data2 over
 *                     the TBS with the issuer key imported beforehand
 *
 * Runs interleave the modes (a b c d e, a b c d e, ...) so that a busy
 * machine slows each about alike. Times are the CPU time of this thread
 * (CLOCK_THREAD_CPUTIME_ID), which does not count the time the thread waits
 * for a CPU; the table gives min / median / max over the runs. The
 * functions run_<mode> hold exactly the measured loop: bench/callgrind.sh
 * counts their instructions with valgrind --toggle-collect.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libtasn1.h>

#include "smk.h"
#include "smkilint/smkilint.h"

extern const asn1_static_node smk_pkix_asn1_tab[];

#define MAX_RUNS 1000

struct cert {
	const uint8_t *der;
	size_t len;
	gnutls_datum_t tbs, sig;     /* for gnutls-sig */
	gnutls_sign_algorithm_t alg;
	gnutls_pubkey_t issuer_key;  /* borrowed from struct bench */
};

struct bench {
	const char *input_name;
	uint8_t *data;               /* the input file (DER items point into it) */
	smkilint_input *input;
	struct cert *certs;
	size_t n;
	smkilint_ctx *ctx, *ctx_issuers;
	smkilint_profiles *profiles;
	const smkilint_profile *autop;
	smkilint_issuers *issuers;
	asn1_node defs;
	gnutls_x509_crt_t *cas;
	unsigned n_cas;
	gnutls_pubkey_t *ca_keys;
	size_t sink;                 /* results are added here so that nothing is optimised away */
};

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "smkilint-bench: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		die("cannot open %s", path);
	size_t cap = 1 << 20, n = 0;
	uint8_t *buf = malloc(cap);
	for (;;) {
		if (buf == NULL)
			die("out of memory reading %s", path);
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	if (ferror(f))
		die("cannot read %s", path);
	fclose(f);
	*len = n;
	return buf;
}

/* ------------------------------------------------------------- the modes */

/* Each run_<mode> lints or decodes every certificate once. */

__attribute__((noinline)) static void run_floor(struct bench *b)
{
	char errbuf[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
	for (size_t i = 0; i < b->n; i++) {
		asn1_node el = NULL;
		if (asn1_create_element(b->defs, "SMKILINT-PKIX.Certificate", &el) != ASN1_SUCCESS)
			die("%s", "asn1_create_element failed");
		int len = (int)b->certs[i].len;
		if (asn1_der_decoding2(&el, b->certs[i].der, &len, ASN1_DECODE_FLAG_STRICT_DER, errbuf) == ASN1_SUCCESS)
			b->sink += (size_t)len;
		asn1_delete_structure(&el);
	}
}

__attribute__((noinline)) static void run_model(struct bench *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct smk_cert c;
		memset(&c, 0, sizeof(c));
		smk_arena_init(&c.arena);
		if (smk_decode_cert(&c, b->ctx, b->certs[i].der, b->certs[i].len) != 0)
			die("%s", "smk_decode_cert: out of memory");
		b->sink += c.n_ext + c.decoded;
		smk_cert_free(&c);
	}
}

static void lint_all(struct bench *b, smkilint_ctx *ctx)
{
	for (size_t i = 0; i < b->n; i++) {
		smkilint_report *r = NULL;
		if (smkilint_lint_der(&r, ctx, b->autop, b->certs[i].der, b->certs[i].len, b->input_name, i) != 0)
			die("lint: %s", smkilint_ctx_last_error(ctx)->message);
		b->sink += smkilint_report_count(r);
		smkilint_report_free(r);
	}
}

__attribute__((noinline)) static void run_lint(struct bench *b)
{
	lint_all(b, b->ctx);
}

__attribute__((noinline)) static void run_lint_issuer(struct bench *b)
{
	lint_all(b, b->ctx_issuers);
}

__attribute__((noinline)) static void run_gnutls_import(struct bench *b)
{
	for (size_t i = 0; i < b->n; i++) {
		gnutls_x509_crt_t crt;
		gnutls_datum_t d = {(unsigned char *)b->certs[i].der, (unsigned)b->certs[i].len};
		if (gnutls_x509_crt_init(&crt) != 0)
			die("%s", "gnutls_x509_crt_init failed");
		if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) == 0)
			b->sink++;
		gnutls_x509_crt_deinit(crt);
	}
}

__attribute__((noinline)) static void run_gnutls_verify(struct bench *b)
{
	for (size_t i = 0; i < b->n; i++) {
		gnutls_x509_crt_t crt;
		gnutls_datum_t d = {(unsigned char *)b->certs[i].der, (unsigned)b->certs[i].len};
		unsigned status = 0;
		if (gnutls_x509_crt_init(&crt) != 0)
			die("%s", "gnutls_x509_crt_init failed");
		if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) == 0 &&
		    gnutls_x509_crt_verify(crt, b->cas, b->n_cas, 0, &status) == 0 && status == 0)
			b->sink++;
		gnutls_x509_crt_deinit(crt);
	}
}

__attribute__((noinline)) static void run_gnutls_sig(struct bench *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct cert *c = &b->certs[i];
		if (c->issuer_key != NULL && gnutls_pubkey_verify_data2(c->issuer_key, c->alg, 0, &c->tbs, &c->sig) >= 0)
			b->sink++;
	}
}

struct mode {
	const char *name;
	const char *label;
	void (*run)(struct bench *b);
	bool needs_issuers;
	bool on;
	double cpu[MAX_RUNS], wall[MAX_RUNS];   /* seconds per run */
};

static struct mode modes[] = {
	{"floor", "(a) decode floor: libtasn1 Certificate", run_floor, false, true, {0}, {0}},
	{"model", "(b) decode + model", run_model, false, true, {0}, {0}},
	{"lint", "(c) full lint, auto profile, no --issuer", run_lint, false, true, {0}, {0}},
	{"lint-issuer", "(d) full lint with --issuer (signatures)", run_lint_issuer, true, true, {0}, {0}},
	{"gnutls-import", "(e) gnutls_x509_crt_import", run_gnutls_import, false, true, {0}, {0}},
	{"gnutls-verify", "(e) gnutls import + gnutls_x509_crt_verify", run_gnutls_verify, true, true, {0}, {0}},
	{"gnutls-sig", "(e) gnutls_pubkey_verify_data2 only", run_gnutls_sig, true, true, {0}, {0}},
};
#define N_MODES (sizeof(modes) / sizeof(modes[0]))

static struct mode *mode_by_name(const char *name)
{
	for (size_t i = 0; i < N_MODES; i++)
		if (strcmp(modes[i].name, name) == 0)
			return &modes[i];
	return NULL;
}

/* ------------------------------------------------------------- set-up */

/* The TBS, signature algorithm and ECDSA signature of a certificate, for
 * gnutls-sig: sliced with the library's DER cursor. */
static void slice(struct cert *c)
{
	struct smk_der d, in;
	struct smk_tlv cert, tbs, alg, bits;
	smk_der_init(&d, c->der, c->len, 0);
	if (smk_der_get_any(&d, &cert) != SMK_DER_OK)
		return;
	in = cert.body;
	if (smk_der_get_any(&in, &tbs) != SMK_DER_OK || smk_der_get_any(&in, &alg) != SMK_DER_OK ||
	    smk_der_get_any(&in, &bits) != SMK_DER_OK || bits.len < 1)
		return;
	c->tbs.data = (unsigned char *)tbs.body.p - tbs.hdr_len;
	c->tbs.size = (unsigned)(tbs.hdr_len + tbs.len);
	c->sig.data = (unsigned char *)bits.body.p + 1;
	c->sig.size = (unsigned)(bits.len - 1);
	c->alg = GNUTLS_SIGN_ECDSA_SHA256;
}

/* The issuer key of each certificate for gnutls-sig: the CA whose subject is
 * the certificate's issuer, as gnutls says. */
static void find_issuer_keys(struct bench *b)
{
	for (size_t i = 0; i < b->n; i++) {
		gnutls_x509_crt_t crt;
		gnutls_datum_t d = {(unsigned char *)b->certs[i].der, (unsigned)b->certs[i].len};
		if (gnutls_x509_crt_init(&crt) != 0 || gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) != 0)
			die("%s", "a certificate that gnutls cannot import");
		for (unsigned k = 0; k < b->n_cas; k++)
			if (gnutls_x509_crt_check_issuer(crt, b->cas[k]))
				b->certs[i].issuer_key = b->ca_keys[k];
		gnutls_x509_crt_deinit(crt);
		slice(&b->certs[i]);
	}
}

static void load_issuers(struct bench *b, const char *path)
{
	size_t len;
	uint8_t *data = read_file(path, &len);
	if (smkilint_issuers_new(&b->issuers) != 0 ||
	    smkilint_issuers_add(b->issuers, b->ctx_issuers, data, len, path, NULL) != 0)
		die("%s: cannot load the issuers", path);
	smkilint_ctx_set_issuers(b->ctx_issuers, b->issuers);
	gnutls_datum_t d = {data, (unsigned)len};
	unsigned max = 64;
	b->cas = calloc(max, sizeof(*b->cas));
	b->ca_keys = calloc(max, sizeof(*b->ca_keys));
	if (b->cas == NULL || b->ca_keys == NULL ||
	    gnutls_x509_crt_list_import(b->cas, &max, &d, GNUTLS_X509_FMT_PEM, 0) < 0)
		die("%s: gnutls cannot import the issuers", path);
	b->n_cas = max;
	for (unsigned k = 0; k < b->n_cas; k++)
		if (gnutls_pubkey_init(&b->ca_keys[k]) != 0 || gnutls_pubkey_import_x509(b->ca_keys[k], b->cas[k], 0) != 0)
			die("%s: an issuer key gnutls cannot import", path);
	free(data);
}

static void load_certs(struct bench *b, const char *path)
{
	size_t len;
	uint8_t *data = read_file(path, &len);
	if (smkilint_input_split(&b->input, b->ctx, data, len) != 0)
		die("%s: cannot split the input", path);
	b->data = data;
	b->n = smkilint_input_count(b->input);
	b->certs = calloc(b->n ? b->n : 1, sizeof(*b->certs));
	if (b->certs == NULL)
		die("%s", "out of memory");
	for (size_t i = 0; i < b->n; i++) {
		const smkilint_item *it = smkilint_input_item(b->input, i);
		if (it->error_lint != NULL || it->kind != SMKILINT_ITEM_CERT)
			die("%s: every item must be a certificate", path);
		b->certs[i].der = it->der;
		b->certs[i].len = it->der_len;
	}
	if (b->n == 0)
		die("%s: no certificate", path);
}

/* What the lint made of the set: profiles chosen and findings by severity,
 * so that a table is never read for a set that is not what it claims. */
static void describe(struct bench *b, smkilint_ctx *ctx, const char *what)
{
	const char *names[16] = {0};
	size_t counts[16] = {0}, n_names = 0, sev[SMKILINT_SEV_FATAL + 1] = {0};
	for (size_t i = 0; i < b->n; i++) {
		smkilint_report *r = NULL;
		if (smkilint_lint_der(&r, ctx, b->autop, b->certs[i].der, b->certs[i].len, b->input_name, i) != 0)
			die("lint: %s", smkilint_ctx_last_error(ctx)->message);
		const char *p = smkilint_report_profile(r);
		p = p != NULL ? p : "(none)";
		size_t k = 0;
		while (k < n_names && strcmp(names[k], p) != 0)
			k++;
		if (k == n_names && n_names < 16)
			names[n_names++] = strcmp(p, "(none)") == 0 ? "(none)" : strdup(p);
		if (k < 16)
			counts[k]++;
		for (size_t f = 0; f < smkilint_report_count(r); f++)
			sev[smkilint_report_finding(r, f)->severity]++;
		smkilint_report_free(r);
	}
	printf("  %s: profiles", what);
	for (size_t k = 0; k < n_names; k++)
		printf(" %s %zu%s", names[k], counts[k], k + 1 < n_names ? "," : "");
	printf("; findings fatal %zu, error %zu, warning %zu, notice %zu, info %zu\n", sev[SMKILINT_SEV_FATAL],
	       sev[SMKILINT_SEV_ERROR], sev[SMKILINT_SEV_WARNING], sev[SMKILINT_SEV_NOTICE], sev[SMKILINT_SEV_INFO]);
	for (size_t k = 0; k < n_names; k++)
		if (strcmp(names[k], "(none)") != 0)
			free((char *)names[k]);
}

/* ------------------------------------------------------------- timing */

static double now(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median_of(const double *v, int n)
{
	double s[MAX_RUNS];
	memcpy(s, v, (size_t)n * sizeof(*v));
	qsort(s, (size_t)n, sizeof(*s), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static void min_max(const double *v, int n, double *lo, double *hi)
{
	*lo = *hi = v[0];
	for (int i = 1; i < n; i++) {
		*lo = v[i] < *lo ? v[i] : *lo;
		*hi = v[i] > *hi ? v[i] : *hi;
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: smkilint-bench [--runs R] [--only MODE]... [--no-warmup] [--profile-dir DIR]\n"
			"                      CERTS.pem [ISSUERS.pem]\n"
			"modes: floor model lint lint-issuer gnutls-import gnutls-verify gnutls-sig\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int runs = 5;
	bool warmup = true, only = false;
	const char *profile_dir = SMKILINT_SOURCE_PROFILES, *certs_path = NULL, *issuers_path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
			runs = atoi(argv[++i]);
		} else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			struct mode *m = mode_by_name(argv[++i]);
			if (m == NULL)
				usage();
			if (!only)
				for (size_t k = 0; k < N_MODES; k++)
					modes[k].on = false;
			only = true;
			m->on = true;
		} else if (strcmp(argv[i], "--no-warmup") == 0) {
			warmup = false;
		} else if (strcmp(argv[i], "--profile-dir") == 0 && i + 1 < argc) {
			profile_dir = argv[++i];
		} else if (argv[i][0] == '-') {
			usage();
		} else if (certs_path == NULL) {
			certs_path = argv[i];
		} else if (issuers_path == NULL) {
			issuers_path = argv[i];
		} else {
			usage();
		}
	}
	if (certs_path == NULL || runs < 1 || runs > MAX_RUNS)
		usage();

	struct bench b;
	memset(&b, 0, sizeof(b));
	b.input_name = certs_path;
	if (gnutls_global_init() != 0 || smkilint_ctx_new(&b.ctx) != 0 || smkilint_ctx_new(&b.ctx_issuers) != 0)
		die("%s", "initialisation failed");
	char why[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
	if (asn1_array2tree(smk_pkix_asn1_tab, &b.defs, why) != ASN1_SUCCESS)
		die("asn1_array2tree: %s", why);
	if (smkilint_profiles_new(&b.profiles) != 0 || smkilint_profiles_load_dir(b.profiles, b.ctx, profile_dir) != 0 ||
	    smkilint_profiles_finalize(b.profiles, b.ctx) != 0)
		die("profiles: %s", smkilint_ctx_last_error(b.ctx)->message);
	b.autop = smkilint_profiles_auto(b.profiles);
	load_certs(&b, certs_path);
	if (issuers_path != NULL) {
		load_issuers(&b, issuers_path);
		find_issuer_keys(&b);
	}
	for (size_t k = 0; k < N_MODES; k++)
		if (modes[k].needs_issuers && issuers_path == NULL)
			modes[k].on = false;

	printf("smkilint-bench: %zu certificates from %s%s%s; %d runs per mode, CPU time of the measuring thread\n",
	       b.n, certs_path, issuers_path ? ", issuers from " : "", issuers_path ? issuers_path : "", runs);
	if (warmup) {
		describe(&b, b.ctx, "without --issuer");
		if (issuers_path != NULL)
			describe(&b, b.ctx_issuers, "with --issuer");
		for (size_t k = 0; k < N_MODES; k++)
			if (modes[k].on)
				modes[k].run(&b);
	}
	for (int r = 0; r < runs; r++) {
		for (size_t k = 0; k < N_MODES; k++) {
			if (!modes[k].on)
				continue;
			double c0 = now(CLOCK_THREAD_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
			modes[k].run(&b);
			modes[k].cpu[r] = now(CLOCK_THREAD_CPUTIME_ID) - c0;
			modes[k].wall[r] = now(CLOCK_MONOTONIC) - w0;
		}
	}

	printf("\n%-46s %10s %9s %9s %9s %9s %8s\n", "mode", "certs/s", "us/cert", "min", "max", "wall med", "x floor");
	double floor_med = 0, results[N_MODES] = {0};
	for (size_t k = 0; k < N_MODES; k++) {
		struct mode *m = &modes[k];
		if (!m->on)
			continue;
		double med = median_of(m->cpu, runs), lo, hi;
		min_max(m->cpu, runs, &lo, &hi);
		double per = 1e6 / (double)b.n;
		if (k == 0)
			floor_med = med;
		results[k] = med;
		printf("%-46s %10.0f %9.2f %9.2f %9.2f %9.2f", m->label, (double)b.n / med, med * per, lo * per, hi * per,
		       median_of(m->wall, runs) * per);
		if (floor_med > 0)
			printf(" %8.2f", med / floor_med);
		printf("\n");
	}
	printf("\n");
	if (modes[0].on && modes[2].on)
		printf("full lint (c) / decode floor (a): %.2f (target <= 1.5); (c) %.0f certs/s (target >= 30,000)\n",
		       results[2] / results[0], (double)b.n / results[2]);
	if (modes[3].on && modes[5].on)
		printf("lint with --issuer (d) / gnutls import + verify (e): %.2f of its rate (target >= 0.8)\n",
		       results[5] / results[3]);
	if (modes[3].on && modes[6].on)
		printf("lint with --issuer (d) / bare gnutls signature check (e): %.2f of its rate\n", results[6] / results[3]);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS %ld KiB (checksum %zu)\n", ru.ru_maxrss, b.sink);

	for (unsigned k = 0; k < b.n_cas; k++) {
		gnutls_pubkey_deinit(b.ca_keys[k]);
		gnutls_x509_crt_deinit(b.cas[k]);
	}
	free(b.cas);
	free(b.ca_keys);
	free(b.certs);
	smkilint_input_free(b.input);
	free(b.data);
	smkilint_issuers_free(b.issuers);
	smkilint_profiles_free(b.profiles);
	asn1_delete_structure(&b.defs);
	smkilint_ctx_free(b.ctx);
	smkilint_ctx_free(b.ctx_issuers);
	gnutls_global_deinit();
	return 0;
}
