/* Helpers of the profile suites (see prof_common.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "prof_common.h"

void tcert_bytes(struct tcert *t, smkilint_ctx *ctx, const uint8_t *der, size_t len)
{
	t->der = malloc(len ? len : 1);
	cr_assert(ne(ptr, t->der, NULL));
	memcpy(t->der, der, len);
	t->len = len;
	decode(&t->c, ctx, t->der, t->len);
	cr_assert(t->c.decoded, "the certificate does not decode: %s", t->c.fatal_reason);
}

void tcert_file(struct tcert *t, smkilint_ctx *ctx, const char *pem_path)
{
	t->der = read_pem_cert(pem_path, &t->len);
	decode(&t->c, ctx, t->der, t->len);
	cr_assert(t->c.decoded, "%s does not decode: %s", pem_path, t->c.fatal_reason);
}

void tcert_free(struct tcert *t)
{
	smk_cert_free(&t->c);
	free(t->der);
	t->der = NULL;
}

const char *last_error(smkilint_ctx *ctx)
{
	const smkilint_error_info *e = smkilint_ctx_last_error(ctx);
	return e != NULL && e->message != NULL ? e->message : "";
}

void finalize_set(smkilint_profiles *set, smkilint_ctx *ctx)
{
	int rc = smkilint_profiles_finalize(set, ctx);
	cr_assert(eq(int, rc, 0), "finalize: %s", last_error(ctx));
}

smkilint_profiles *shipped_set(smkilint_ctx *ctx, bool finalize)
{
	smkilint_profiles *set = NULL;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	int rc = smkilint_profiles_load_dir(set, ctx, PROFILES_DIR);
	cr_assert(eq(int, rc, 0), "loading %s: %s", PROFILES_DIR, last_error(ctx));
	if (finalize)
		finalize_set(set, ctx);
	return set;
}

void load_text(smkilint_profiles *set, smkilint_ctx *ctx, const char *name, const char *yaml)
{
	int rc = smkilint_profiles_load_string(set, ctx, name, yaml, strlen(yaml));
	cr_assert(eq(int, rc, 0), "loading %s: %s", name, last_error(ctx));
}

const smkilint_profile *must_find(const smkilint_profiles *set, const char *name)
{
	const smkilint_profile *p = smkilint_profiles_find(set, name);
	cr_assert(ne(ptr, (void *)p, NULL), "profile %s is not in the set", name);
	return p;
}

const struct smk_rule *rule_of(const smkilint_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_rules; i++)
		if (strcmp(p->rules[i].id, id) == 0)
			return &p->rules[i];
	cr_assert(false, "profile %s has no rule %s", p->name, id);
	return NULL;
}

smkilint_report *lint_der_with(smkilint_ctx *ctx, const smkilint_profile *p, const uint8_t *der, size_t len,
			       const char *name)
{
	smkilint_report *r = NULL;
	int rc = smkilint_lint_der(&r, ctx, p, der, len, name, 0);
	cr_assert(eq(int, rc, 0), "linting %s: %s", name, last_error(ctx));
	cr_assert(ne(ptr, r, NULL));
	return r;
}

smkilint_report *lint_file_with(smkilint_ctx *ctx, const smkilint_profile *p, const char *pem_path)
{
	size_t len;
	uint8_t *der = read_pem_cert(pem_path, &len);
	smkilint_report *r = lint_der_with(ctx, p, der, len, pem_path);
	free(der);
	return r;
}

size_t count_at_least(const smkilint_report *r, smkilint_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		n += smkilint_report_finding(r, i)->severity >= sev;
	return n;
}

const smkilint_finding *the_finding(const smkilint_report *r, const char *id)
{
	return find_one(r, id);
}

size_t log_errors_warnings(const smkilint_report *r, const char *what)
{
	size_t n = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (f->severity < SMKILINT_SEV_WARNING)
			continue;
		n++;
		cr_log_error("%s: %s %s at %s: expected \"%s\", found \"%s\"", what,
			     smkilint_severity_name(f->severity), f->lint, f->path, f->expected, f->found);
	}
	return n;
}

uint8_t *make_self_signed(size_t *len)
{
	gnutls_x509_privkey_t key;
	gnutls_x509_crt_t crt;
	cr_assert(eq(int, gnutls_x509_privkey_init(&key), 0));
	cr_assert(eq(
		int,
		gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0),
		0));
	cr_assert(eq(int, gnutls_x509_crt_init(&crt), 0));
	cr_assert(eq(int, gnutls_x509_crt_set_version(crt, 3), 0));
	static const unsigned char serial[16] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
						 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
	cr_assert(eq(int, gnutls_x509_crt_set_serial(crt, serial, sizeof(serial)), 0));
	const char *err = NULL;
	cr_assert(eq(int, gnutls_x509_crt_set_dn(crt, "OU=00,CN=ZA", &err), 0), "%s", err ? err : "");
	cr_assert(eq(int, gnutls_x509_crt_set_issuer_dn(crt, "OU=00,CN=ZA", &err), 0), "%s", err ? err : "");
	/* 2015-10-29 00:00:00Z .. 2040-10-28 23:59:59Z, as the Z1 OCA */
	cr_assert(eq(int, gnutls_x509_crt_set_activation_time(crt, (time_t)1446076800), 0));
	cr_assert(eq(int, gnutls_x509_crt_set_expiration_time(crt, (time_t)2234987999), 0));
	cr_assert(eq(int, gnutls_x509_crt_set_key(crt, key), 0));
	cr_assert(eq(int, gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN), 0));
	cr_assert(eq(int, gnutls_x509_crt_set_basic_constraints(crt, 1, 1), 0));
	cr_assert(eq(int, gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0), 0));
	gnutls_datum_t out = {NULL, 0};
	cr_assert(eq(int, gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &out), 0));
	uint8_t *der = malloc(out.size);
	cr_assert(ne(ptr, der, NULL));
	memcpy(der, out.data, out.size);
	*len = out.size;
	gnutls_free(out.data);
	gnutls_x509_crt_deinit(crt);
	gnutls_x509_privkey_deinit(key);
	return der;
}
