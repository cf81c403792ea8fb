/* Helpers shared by the criterion suites (see common.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <gnutls/gnutls.h>

#include "common.h"

smkilint_report *lint_bytes(smkilint_ctx *ctx, const uint8_t *der, size_t len)
{
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_der(&r, ctx, NULL, der, len, "test", 0), 0));
	cr_assert(ne(ptr, r, NULL));
	return r;
}

smkilint_report *lint_forged(smkilint_ctx *ctx, struct fg_cert *c)
{
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	return lint_bytes(ctx, der, len);
}

size_t count_id(const smkilint_report *r, const char *lint)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		if (strcmp(smkilint_report_finding(r, i)->lint, lint) == 0)
			n++;
	return n;
}

void log_report(const smkilint_report *r)
{
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		cr_log_error("finding %zu: %s at %s offset %zu length %zu; expected \"%s\", found \"%s\"", i,
			     f->lint, f->path, f->offset, f->length, f->expected, f->found);
	}
}

const smkilint_finding *find_one(const smkilint_report *r, const char *lint)
{
	const smkilint_finding *found = NULL;
	if (count_id(r, lint) != 1) {
		log_report(r);
		return NULL;
	}
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		if (strcmp(smkilint_report_finding(r, i)->lint, lint) == 0)
			found = smkilint_report_finding(r, i);
	return found;
}

size_t *case_indexes(size_t n)
{
	size_t *idx = cr_malloc(n * sizeof(*idx));
	cr_assert(ne(ptr, idx, NULL));
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	return idx;
}

void free_case_indexes(struct criterion_test_params *p)
{
	cr_free(p->params);
}

void expected_loc(const struct fg_node *n, enum at at, size_t *off, size_t *len)
{
	switch (at) {
	case AT_TLV: *off = fg_off(n); *len = fg_size(n); break;
	case AT_HEADER: *off = fg_off(n); *len = n->hdr_len; break;
	case AT_CONTENTS: *off = fg_body_off(n); *len = n->body_len; break;
	case AT_FIRST_OCTET: *off = fg_body_off(n); *len = 1; break;
	case AT_LAST_OCTET: *off = fg_body_off(n) + n->body_len - 1; *len = 1; break;
	case AT_START: *off = fg_off(n); *len = 0; break;
	}
}

void decode(struct smk_cert *c, smkilint_ctx *ctx, const uint8_t *der, size_t len)
{
	memset(c, 0, sizeof(*c));
	smk_arena_init(&c->arena);
	cr_assert(eq(int, smk_decode_cert(c, ctx, der, len), 0));
}

uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			uint8_t *b = realloc(buf, cap);
			if (b == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

uint8_t *read_pem_cert(const char *path, size_t *len)
{
	size_t n;
	uint8_t *pem = read_file(path, &n);
	cr_assert(ne(ptr, pem, NULL), "cannot read %s", path);
	gnutls_datum_t in = {pem, (unsigned)n}, der = {NULL, 0};
	int rc = gnutls_pem_base64_decode2("CERTIFICATE", &in, &der);
	free(pem);
	cr_assert(eq(int, rc, 0), "%s: %s", path, gnutls_strerror(rc));
	/* copy into malloc'ed memory: callers free() it */
	uint8_t *out = malloc(der.size);
	cr_assert(ne(ptr, out, NULL));
	memcpy(out, der.data, der.size);
	gnutls_free(der.data);
	*len = der.size;
	return out;
}

const char *lint_family_of(const char *id)
{
	for (size_t f = 0; f < smk_n_families; f++)
		for (size_t i = 0; i < smk_families[f]->n; i++)
			if (strcmp(smk_families[f]->lints[i].info.id, id) == 0)
				return smk_families[f]->name;
	return NULL;
}

bool family_in(const char *family, const char *const *list, size_t n)
{
	for (size_t i = 0; family != NULL && i < n; i++)
		if (strcmp(family, list[i]) == 0)
			return true;
	return false;
}
