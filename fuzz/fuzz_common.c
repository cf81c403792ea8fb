/* Shared pieces of the fuzz targets (see fuzz_common.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "smk.h"

#ifndef FUZZ_SOURCE_ROOT
#error "FUZZ_SOURCE_ROOT must name the source tree (fuzz/meson.build sets it)"
#endif

volatile size_t fuzz_sink;

struct file {
	char *name;
	uint8_t *data;
	size_t len;
};

static smkilint_ctx *ctx;
static smkilint_profiles *shipped;
static struct file *yaml, *samples;
static size_t n_yaml, n_samples;

static void cleanup(void)
{
	smkilint_profiles_free(shipped);
	for (size_t i = 0; i < n_yaml; i++)
		free(yaml[i].name), free(yaml[i].data);
	for (size_t i = 0; i < n_samples; i++)
		free(samples[i].name), free(samples[i].data);
	free(yaml);
	free(samples);
	smkilint_ctx_free(ctx);
	shipped = NULL, yaml = samples = NULL, n_yaml = n_samples = 0, ctx = NULL;
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "fuzz: cannot set up: %s %s\n", what, path);
	abort();
}

smkilint_ctx *fuzz_ctx(void)
{
	if (ctx == NULL) {
		if (smkilint_ctx_new(&ctx) != 0)
			die("smkilint_ctx_new", "");
		atexit(cleanup);
	}
	return ctx;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		die("cannot open", path);
	size_t cap = 8192, n = 0, got;
	uint8_t *buf = malloc(cap + 1);
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *b = realloc(buf, (cap *= 2) + 1);
			if (b == NULL)
				free(buf);
			buf = b;
		}
	}
	fclose(f);
	if (buf == NULL)
		die("out of memory reading", path);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

static void add_file(struct file **files, size_t *n, char *name, uint8_t *data, size_t len)
{
	struct file *f = realloc(*files, (*n + 1) * sizeof(**files));
	if (f == NULL)
		die("out of memory for", name);
	*files = f;
	f[*n].name = name;
	f[*n].data = data;
	f[*n].len = len;
	(*n)++;
}

/* The files of DIR whose names end with suffix, in name order (as
 * smkilint_profiles_load_dir takes them), appended to *files. */
static void read_dir(const char *dir, const char *suffix, struct file **files, size_t *n_files)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, by_name);
	if (n < 0)
		die("cannot read", dir);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.' && ends_with(names[i]->d_name, suffix)) {
			char *path;
			size_t len;
			if (asprintf(&path, "%s/%s", dir, names[i]->d_name) < 0)
				die("out of memory", "");
			uint8_t *text = slurp(path, &len);
			add_file(files, n_files, path, text, len);
		}
		free(names[i]);
	}
	free(names);
}

static void load_shipped(void)
{
	if (shipped != NULL)
		return;
	smkilint_ctx *c = fuzz_ctx();
	read_dir(FUZZ_SOURCE_ROOT "/profiles/environments", ".yaml", &yaml, &n_yaml);
	read_dir(FUZZ_SOURCE_ROOT "/profiles/smki", ".yaml", &yaml, &n_yaml);
	if (smkilint_profiles_new(&shipped) != 0)
		die("smkilint_profiles_new", "");
	for (size_t i = 0; i < n_yaml; i++)
		if (smkilint_profiles_load_string(shipped, c, yaml[i].name, (const char *)yaml[i].data, yaml[i].len) != 0)
			die(smkilint_ctx_last_error(c)->message, yaml[i].name);
	if (smkilint_profiles_finalize(shipped, c) != 0)
		die(smkilint_ctx_last_error(c)->message, "(finalize)");
}

const smkilint_profiles *fuzz_shipped_profiles(void)
{
	load_shipped();
	return shipped;
}

size_t fuzz_shipped_count(void)
{
	load_shipped();
	return n_yaml;
}

void fuzz_shipped_file(size_t i, const char **name, const char **text, size_t *len)
{
	*name = yaml[i].name;
	*text = (const char *)yaml[i].data;
	*len = yaml[i].len;
}

/* The first certificate of each examples/certs/ *.pem, as DER. */
static void load_samples(void)
{
	if (samples != NULL)
		return;
	smkilint_ctx *c = fuzz_ctx();
	struct file *pem = NULL;
	size_t n_pem = 0;
	read_dir(FUZZ_SOURCE_ROOT "/examples/certs", ".pem", &pem, &n_pem);
	for (size_t i = 0; i < n_pem; i++) {
		smkilint_input *in = NULL;
		if (smkilint_input_split(&in, c, pem[i].data, pem[i].len) != 0)
			die("cannot split", pem[i].name);
		const smkilint_item *it = smkilint_input_item(in, 0);
		if (it->der == NULL)
			die("no certificate in", pem[i].name);
		uint8_t *der = malloc(it->der_len);
		if (der == NULL)
			die("out of memory", "");
		memcpy(der, it->der, it->der_len);
		add_file(&samples, &n_samples, pem[i].name, der, it->der_len);
		smkilint_input_free(in);
		free(pem[i].data);
	}
	free(pem);
	if (n_samples == 0)
		die("no sample certificates in", FUZZ_SOURCE_ROOT "/examples/certs");
}

size_t fuzz_sample_count(void)
{
	load_samples();
	return n_samples;
}

void fuzz_sample(size_t i, const char **name, const uint8_t **der, size_t *len)
{
	*name = samples[i].name;
	*der = samples[i].data;
	*len = samples[i].len;
}

void fuzz_read_report(const smkilint_report *r, size_t size)
{
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		fuzz_sink += strlen(f->lint) + strlen(f->citation) + strlen(f->path) + strlen(f->message) +
			     strlen(f->expected) + strlen(f->found);
		if (size > 0 && f->has_offset && f->offset > size)
			abort();   /* a finding points outside the input */
		/* a finding names its lint and an ASN.1 path (a waiver.expired
		 * finding is about the waiver file: no place in the certificate) */
		if (f->lint[0] == '\0' || (f->path[0] == '\0' && strcmp(f->lint, SMKILINT_WAIVER_EXPIRED) != 0))
			abort();
		if (smkilint_report_suppression(r, i) != NULL)
			fuzz_sink++;
	}
	const char *s = smkilint_report_profile(r);
	if (s != NULL)
		fuzz_sink += strlen(s);
	if ((s = smkilint_report_profile_reason(r)) != NULL)
		fuzz_sink += strlen(s);
	for (size_t i = 0; i < smkilint_report_skipped_count(r); i++)
		fuzz_sink += strlen(smkilint_report_skipped(r, i));
	fuzz_sink += strlen(smkilint_report_input(r));
}

size_t fuzz_der_element(const uint8_t *data, size_t size, size_t *hdr_len)
{
	struct smk_der d;
	struct smk_tlv t;
	smk_der_init(&d, data, size, 0);
	if (smk_der_get_any(&d, &t) != SMK_DER_OK || t.indefinite)
		return 0;
	if (hdr_len != NULL)
		*hdr_len = t.hdr_len;
	return t.hdr_len + t.len;
}
