/*
 * Bulk checks (lib/bulk.c, issue 9): the digest a report carries, the
 * accumulator, and every lint of the `bulk` family with a case that fires
 * and one that passes, on forged certificates; then the real cases of
 * PROFILES.md on copies in tests/data/bulk (D4: a tampered copy sharing its
 * serial, D13: a device key certified by two issuers, §8 item 9: the 2025
 * re-certifications) and, when ../shared is there, on the whole public
 * corpus.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "common.h"

/* ------------------------------------------------------------ helpers */

/* A run of the bulk checks over certificates added one by one. */
struct run {
	smkilint_ctx *ctx;
	smkilint_bulk *b;
	smkilint_report **reps;   /* after finish: the bulk reports */
	size_t n_reps;
	size_t added;
};

static void run_start(struct run *r, const smkilint_bulk_limits *lim)
{
	memset(r, 0, sizeof(*r));
	cr_assert(eq(int, smkilint_ctx_new(&r->ctx), 0));
	cr_assert(eq(int, smkilint_ctx_set_digests(r->ctx, 1), 0));
	cr_assert(eq(int, smkilint_bulk_new(&r->b, lim), 0));
}

static void run_add_der(struct run *r, const uint8_t *der, size_t len, const char *name, size_t index)
{
	smkilint_report *rep = NULL;
	cr_assert(eq(int, smkilint_lint_der(&rep, r->ctx, NULL, der, len, name, index), 0));
	cr_assert(ne(ptr, (void *)smkilint_report_digest(rep), NULL), "a digest with digests on");
	smkilint_item it = {.der = der, .der_len = len, .index = index, .line = 7 + r->added, .is_pem = 1};
	cr_assert(eq(int, smkilint_bulk_add(r->b, rep, &it), 0));
	smkilint_report_free(rep);
	r->added++;
}

/* Forged certificate number i, named "c<i>" (index 0). */
static void run_add(struct run *r, struct fg_cert *c, size_t i)
{
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	char name[32];
	snprintf(name, sizeof(name), "c%zu", i);
	run_add_der(r, der, len, name, 0);
}

static void run_finish(struct run *r)
{
	cr_assert(eq(int, smkilint_bulk_finish(r->b), 0));
	r->n_reps = smkilint_bulk_report_count(r->b);
	r->reps = calloc(r->n_reps + 1, sizeof(*r->reps));
	for (size_t i = 0; i < r->n_reps; i++) {
		smkilint_bulk_origin o;
		cr_assert(eq(int, smkilint_bulk_report(&r->reps[i], &o, r->b, i), 0));
		cr_expect(lt(sz, o.seq, r->added));
		cr_expect(eq(int, o.is_pem, 1));
		cr_expect(eq(sz, o.line, 7 + o.seq), "the origin is the item given with the certificate");
	}
	smkilint_report *none = NULL;
	cr_expect(eq(int, smkilint_bulk_report(&none, NULL, r->b, r->n_reps), SMKILINT_ENOENT));
}

static void run_end(struct run *r)
{
	for (size_t i = 0; i < r->n_reps; i++)
		smkilint_report_free(r->reps[i]);
	free(r->reps);
	smkilint_bulk_free(r->b);
	smkilint_ctx_free(r->ctx);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* Findings of a lint on the certificates whose input ends with `input`
 * (NULL: any certificate). */
static size_t count(const struct run *r, const char *lint, const char *input)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_reps; i++)
		if (input == NULL || ends_with(smkilint_report_input(r->reps[i]), input))
			n += count_id(r->reps[i], lint);
	return n;
}

/* The one finding of a lint on that input; fails the test when there is not exactly one. */
static const smkilint_finding *one(const struct run *r, const char *lint, const char *input, const smkilint_report **rep,
				   size_t *fi)
{
	cr_assert(eq(sz, count(r, lint, input), 1), "one %s on %s", lint, input);
	for (size_t i = 0; i < r->n_reps; i++) {
		if (!ends_with(smkilint_report_input(r->reps[i]), input))
			continue;
		for (size_t k = 0; k < smkilint_report_count(r->reps[i]); k++)
			if (strcmp(smkilint_report_finding(r->reps[i], k)->lint, lint) == 0) {
				*rep = r->reps[i];
				*fi = k;
				return smkilint_report_finding(r->reps[i], k);
			}
	}
	return NULL;
}

/* Whether finding fi of rep involves the certificate whose input ends with `input`. */
static bool involves(const smkilint_report *rep, size_t fi, const char *input)
{
	for (size_t k = 0; k < smkilint_report_involved_count(rep, fi); k++)
		if (ends_with(smkilint_report_involved(rep, fi, k)->input, input))
			return true;
	return false;
}

static size_t total(const struct run *r, const char *lint)
{
	return count(r, lint, NULL);
}

/* A forged certificate with its own serial and key (numbered by seed). */
static struct fg_cert *cert(struct fg *g, enum fg_kind kind, unsigned seed)
{
	struct fg_cert *c = fg_cert_new(g, kind);
	char hex[200];
	snprintf(hex, sizeof(hex), "0100000000000000000000000000%04x", seed & 0xffff);
	fg_set_hex(c->serial, hex);
	int n = snprintf(hex, sizeof(hex), "00 04");
	for (int i = 0; i < 64; i++)
		n += snprintf(hex + n, sizeof(hex) - (size_t)n, "%02x", (unsigned)((seed * 131u + (unsigned)i * 7u) & 0xff));
	fg_cert_set(c, &c->public_key, fg_prim_hex(g, 0x03, hex));
	return c;
}

static void same_key(struct fg_cert *to, const struct fg_cert *from)
{
	fg_cert_set(to, &to->public_key, fg_clone(from->public_key));
}

static void set_issuer_cn(struct fg_cert *c, uint8_t tag, const char *cn)
{
	struct fg *g = c->g;
	fg_cert_set(c, &c->issuer, fg_seq(g, fg_set(g, fg_atv(g, "2.5.4.3", fg_str(g, tag, cn)))));
}

static void set_uid(struct fg_cert *c, const char *eight)
{
	fg_cert_set(c, &c->subject_uid, fg_bits(c->g, 0, eight, 8));
}

/* keyUsage: digitalSignature (bit 0) or keyAgreement (bit 4). */
static void set_ku(struct fg_cert *c, bool ka)
{
	struct fg_node *bits = ka ? fg_bits(c->g, 3, "\x08", 1) : fg_bits(c->g, 7, "\x80", 1);
	fg_replace(c->doc, c->ext[FG_EXT_KU].inner, bits);
	c->ext[FG_EXT_KU].inner = bits;
}

static void set_validity(struct fg_cert *c, const char *nb, const char *na)
{
	fg_cert_set(c, &c->not_before, fg_str(c->g, strlen(nb) == 13 ? 0x17 : 0x18, nb));
	if (na != NULL)
		fg_cert_set(c, &c->not_after, fg_str(c->g, strlen(na) == 13 ? 0x17 : 0x18, na));
}

static void set_aki(struct fg_cert *c, const char *hex)
{
	struct fg_node *seq = fg_seq(c->g, fg_prim_hex(c->g, 0x80, hex));
	fg_replace(c->doc, c->ext[FG_EXT_AKI].inner, seq);
	c->ext[FG_EXT_AKI].inner = seq;
}

/* ------------------------------------------------------------ the digest */

Test(digest, organisation_fields)
{
	smkilint_ctx *ctx;
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);

	smkilint_report *r = lint_bytes(ctx, der, len);
	cr_expect(eq(ptr, (void *)smkilint_report_digest(r), NULL), "digests are off by default");
	smkilint_report_free(r);

	smkilint_ctx_set_digests(ctx, 1);
	r = lint_bytes(ctx, der, len);
	const smkilint_digest *d = smkilint_report_digest(r);
	cr_assert(ne(ptr, (void *)d, NULL));
	cr_expect(eq(int, d->kind, SMKILINT_ITEM_CERT));
	cr_expect(eq(int, d->decoded, 1));
	cr_expect(eq(str, (char *)d->issuer, "OU=07, CN=Z1"));
	cr_expect(eq(str, (char *)d->role, "02"));
	cr_expect(eq(int, d->role_code, 2));
	cr_expect(eq(str, (char *)d->entity, "90b3d51f30010000"));
	cr_expect(eq(int, d->entity_is_device, 0));
	cr_expect(eq(int, d->has_key_usage, 1));
	cr_expect(eq(u32, d->key_usage, 1));
	cr_expect(eq(str, (char *)d->key_usage_names, "digitalSignature"));
	cr_expect(eq(int, d->has_validity, 1));
	cr_expect(eq(i64, d->not_before, 1446163200));   /* 2015-10-30T00:00:00Z */
	cr_expect(eq(i64, d->not_after, 1761782399));    /* 2025-10-29T23:59:59Z */
	cr_expect(eq(str, (char *)d->policy, "1.2.826.0.1.8641679.1.2.1.4"));
	cr_expect(eq(ptr, (void *)d->environment, NULL), "no profile set, no environment");
	cr_expect(ne(ptr, (void *)d->aki, NULL));
	cr_expect(eq(sz, d->serial_at.offset, fg_off(c->serial)));
	cr_expect(eq(sz, d->serial_at.length, fg_size(c->serial)));
	cr_expect(eq(sz, d->key_at.offset, fg_off(c->public_key)));
	cr_expect(eq(sz, d->validity_at.offset, fg_off(c->validity)));
	uint8_t want[32];
	cr_assert(eq(int, gnutls_hash_fast(GNUTLS_DIG_SHA256, der, len, want), 0));
	cr_expect(eq(int, memcmp(d->cert_sha256, want, 32), 0));
	smkilint_report_free(r);
	fg_free(g);
	smkilint_ctx_free(ctx);
}

Test(digest, device_entity_and_environment)
{
	smkilint_ctx *ctx;
	smkilint_profiles *set;
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	cr_assert(eq(int, smkilint_profiles_load_dir(set, ctx, SMK_SOURCE_ROOT "/profiles"), 0));
	cr_assert(eq(int, smkilint_profiles_finalize(set, ctx), 0));
	smkilint_ctx_set_digests(ctx, 1);
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	smkilint_report *r = NULL;
	cr_assert(eq(int, smkilint_lint_der(&r, ctx, smkilint_profiles_auto(set), der, len, "dev", 0), 0));
	const smkilint_digest *d = smkilint_report_digest(r);
	cr_assert(ne(ptr, (void *)d, NULL));
	cr_expect(eq(str, (char *)d->entity, "00db123456789001"));
	cr_expect(eq(int, d->entity_is_device, 1));
	cr_expect(eq(ptr, (void *)d->role, NULL));
	cr_expect(eq(int, d->role_code, -1));
	cr_expect(eq(str, (char *)d->issuer, "CN=E357"));
	cr_expect(eq(str, (char *)d->environment, "dcc-test"), "the environment listing the policy OID");
	smkilint_report_free(r);
	smkilint_profiles_free(set);
	fg_free(g);
	smkilint_ctx_free(ctx);
}

/* The issuer hash compares names as RFC 5280 §7.1 does. */
Test(digest, issuer_hash_folds_case_spaces_and_string_type)
{
	smkilint_ctx *ctx;
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	smkilint_ctx_set_digests(ctx, 1);
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	uint8_t h[3][32];
	const char *cn[3] = {"E357", "  e357 ", "E358"};
	uint8_t tags[3] = {0x13, 0x0c, 0x13};
	for (int i = 0; i < 3; i++) {
		set_issuer_cn(c, tags[i], cn[i]);
		smkilint_report *r = lint_forged(ctx, c);
		memcpy(h[i], smkilint_report_digest(r)->issuer_sha256, 32);
		smkilint_report_free(r);
	}
	cr_expect(eq(int, memcmp(h[0], h[1], 32), 0), "PrintableString E357 = UTF8String '  e357 '");
	cr_expect(ne(int, memcmp(h[0], h[2], 32), 0), "E357 != E358");
	fg_free(g);
	smkilint_ctx_free(ctx);
}

Test(digest, undecodable_item_has_only_its_hash)
{
	smkilint_ctx *ctx;
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	smkilint_ctx_set_digests(ctx, 1);
	static const uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x05};
	smkilint_report *r = lint_bytes(ctx, junk, sizeof(junk));
	const smkilint_digest *d = smkilint_report_digest(r);
	cr_assert(ne(ptr, (void *)d, NULL));
	cr_expect(eq(int, d->decoded, 0));
	cr_expect(eq(ptr, (void *)d->issuer, NULL));
	smkilint_report_free(r);
	smkilint_ctx_free(ctx);
}

/* ------------------------------------------------------------ the accumulator */

Test(accumulator, limits_are_checked)
{
	smkilint_bulk *b = NULL;
	smkilint_bulk_limits l;
	smkilint_bulk_limits_default(&l);
	cr_expect(eq(u64, l.ca_max_certificates, 100000));
	cr_expect(eq(uint, l.ca_max_months, 3));
	cr_expect(eq(dbl, l.ca_warn_fraction, 0.9));
	smkilint_bulk_limits bad = l;
	bad.ca_warn_fraction = 0;
	cr_expect(eq(int, smkilint_bulk_new(&b, &bad), SMKILINT_EINVAL));
	bad = l;
	bad.ca_warn_fraction = 1.5;
	cr_expect(eq(int, smkilint_bulk_new(&b, &bad), SMKILINT_EINVAL));
	bad = l;
	bad.ca_max_certificates = 0;
	cr_expect(eq(int, smkilint_bulk_new(&b, &bad), SMKILINT_EINVAL));
	bad = l;
	bad.ca_max_months = 0;
	bad.ca_max_seconds = 0;
	cr_expect(eq(int, smkilint_bulk_new(&b, &bad), SMKILINT_EINVAL));
	cr_expect(eq(ptr, b, NULL));
}

/* Only decoded certificates are kept; identical copies count once; nothing is added after finish. */
Test(accumulator, what_is_kept)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *c = cert(g, FG_DEVICE, 1);
	run_add(&r, c, 0);
	run_add(&r, c, 1);   /* the same DER in another input */
	static const uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x05};
	run_add_der(&r, junk, sizeof(junk), "junk", 0);
	smkilint_report *plain = NULL;   /* a report without a digest is counted, not kept */
	smkilint_ctx *ctx2;
	cr_assert(eq(int, smkilint_ctx_new(&ctx2), 0));
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	cr_assert(eq(int, smkilint_lint_der(&plain, ctx2, NULL, der, len, "nodigest", 0), 0));
	cr_assert(eq(int, smkilint_bulk_add(r.b, plain, NULL), 0));
	smkilint_report_free(plain);
	smkilint_ctx_free(ctx2);
	cr_expect(eq(sz, smkilint_bulk_count(r.b), 2), "two decoded certificates with digests");
	run_finish(&r);
	cr_expect(eq(sz, smkilint_bulk_count(r.b), 1), "the copy counts once");
	cr_expect(eq(sz, r.n_reps, 0), "a certificate and its copy: no bulk finding");
	smkilint_report *again = lint_forged(r.ctx, c);
	cr_expect(eq(int, smkilint_bulk_add(r.b, again, NULL), SMKILINT_EINVAL), "no adding after finish");
	smkilint_report_free(again);
	run_end(&r);
	fg_free(g);
}

/* Memory is a fixed number of bytes per certificate, not the certificate. */
Test(accumulator, memory_per_certificate)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	size_t len;
	size_t base = smkilint_bulk_memory(r.b);
	char hex[40];
	for (unsigned i = 0; i < 4000; i++) {
		snprintf(hex, sizeof(hex), "01000000000000000000000000%06x", i);
		fg_set_hex(c->serial, hex);
		const uint8_t *der = fg_cert_der(c, &len);
		run_add_der(&r, der, len, "bundle.pem", i);
	}
	size_t per = (smkilint_bulk_memory(r.b) - base) / 4000;
	cr_expect(le(sz, per, 2 * 136 + 16), "%zu bytes per certificate (entries grow by doubling)", per);
	cr_expect(lt(sz, per, len), "less than a certificate (%zu bytes)", len);
	run_finish(&r);
	/* 4000 certificates of one device, key and issuer: no duplicate serial, but overlaps */
	cr_expect(eq(sz, total(&r, "smki.bulk.duplicate_serial_per_issuer"), 0));
	cr_expect(eq(sz, total(&r, "smki.bulk.overlapping_validity"), 3999));
	/* each names at most SMKILINT_BULK_MAX_INVOLVED certificates */
	for (size_t i = 0; i < r.n_reps; i++)
		for (size_t k = 0; k < smkilint_report_count(r.reps[i]); k++)
			cr_assert(le(sz, smkilint_report_involved_count(r.reps[i], k), SMKILINT_BULK_MAX_INVOLVED));
	run_end(&r);
	fg_free(g);
}

/* ------------------------------------------------------------ the lints: fire and pass */

Test(lint, duplicate_serial_fires_on_each_certificate)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *a = cert(g, FG_DEVICE, 1), *b = cert(g, FG_DEVICE, 2);
	fg_set_hex(b->serial, "0100000000000000000000000000" "0001");   /* a's serial, another key */
	set_issuer_cn(b, 0x0c, "e357");                                  /* the same issuer under §7.1 */
	run_add(&r, a, 0);
	run_add(&r, b, 1);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.duplicate_serial_per_issuer", "c0", &rep, &fi);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.serialNumber"));
	size_t len;
	fg_cert_der(a, &len);   /* offsets are those of the last encoding */
	cr_expect(eq(sz, f->offset, fg_off(a->serial)));
	cr_expect(eq(sz, f->length, fg_size(a->serial)));
	cr_expect(eq(sz, smkilint_report_involved_count(rep, fi), 2));
	cr_expect(eq(str, (char *)smkilint_report_involved(rep, fi, 0)->input, "c0"), "itself first");
	cr_expect(eq(str, (char *)smkilint_report_involved(rep, fi, 1)->input, "c1"));
	cr_expect(ne(ptr, strstr(f->citation, "RFC 5280 §4.1.2.2"), NULL));
	one(&r, "smki.bulk.duplicate_serial_per_issuer", "c1", &rep, &fi);
	cr_expect(involves(rep, fi, "c0"));
	run_end(&r);
	fg_free(g);
}

Test(lint, duplicate_serial_passes_across_issuers_and_for_copies)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *a = cert(g, FG_DEVICE, 1), *b = cert(g, FG_DEVICE, 2);
	fg_set_hex(b->serial, "0100000000000000000000000000" "0001");
	set_issuer_cn(b, 0x13, "0001");      /* another issuer */
	run_add(&r, a, 0);
	run_add(&r, b, 1);
	run_add(&r, a, 2);                   /* a copy of a */
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.duplicate_serial_per_issuer"), 0));
	run_end(&r);
	fg_free(g);
}

Test(lint, key_shared_across_usages_fires)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *ds = cert(g, FG_ORGANISATION, 1), *ka = cert(g, FG_ORGANISATION, 2);
	same_key(ka, ds);
	set_ku(ka, true);
	run_add(&r, ds, 0);
	run_add(&r, ka, 1);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.key_shared_across_usages", "c0", &rep, &fi);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey"));
	size_t len;
	fg_cert_der(ds, &len);
	cr_expect(eq(sz, f->offset, fg_off(ds->public_key)));
	cr_expect(involves(rep, fi, "c1"));
	cr_expect(ne(ptr, strstr(f->message, "also certified for keyAgreement"), NULL), "%s", f->message);
	one(&r, "smki.bulk.key_shared_across_usages", "c1", &rep, &fi);
	cr_expect(eq(sz, total(&r, "smki.bulk.key_shared_across_subjects"), 0), "one Entity Identifier");
	cr_expect(eq(sz, total(&r, "smki.bulk.key_shared_across_issuers"), 0), "one issuer");
	run_end(&r);
	fg_free(g);
}

Test(lint, key_shared_across_usages_passes)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *ds = cert(g, FG_ORGANISATION, 1), *ds2 = cert(g, FG_ORGANISATION, 2), *ka = cert(g, FG_ORGANISATION, 3);
	same_key(ds2, ds);   /* the same key twice for digitalSignature */
	set_ku(ka, true);    /* keyAgreement with its own key */
	run_add(&r, ds, 0);
	run_add(&r, ds2, 1);
	run_add(&r, ka, 2);
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.key_shared_across_usages"), 0));
	run_end(&r);
	fg_free(g);
}

Test(lint, key_shared_across_subjects_fires)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *a = cert(g, FG_ORGANISATION, 1), *b = cert(g, FG_ORGANISATION, 2);
	same_key(b, a);
	set_uid(b, "\x90\xb3\xd5\x1f\x30\x02\x00\x00");
	run_add(&r, a, 0);
	run_add(&r, b, 1);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.key_shared_across_subjects", "c1", &rep, &fi);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
	cr_expect(ne(ptr, strstr(f->message, "2 Entity Identifiers (here 90b3d51f30020000)"), NULL), "%s", f->message);
	cr_expect(involves(rep, fi, "c0"));
	one(&r, "smki.bulk.key_shared_across_subjects", "c0", &rep, &fi);
	run_end(&r);
	fg_free(g);
}

Test(lint, key_shared_across_subjects_passes)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *a = cert(g, FG_ORGANISATION, 1), *b = cert(g, FG_ORGANISATION, 2);
	set_uid(b, "\x90\xb3\xd5\x1f\x30\x02\x00\x00");   /* another organisation, another key */
	run_add(&r, a, 0);
	run_add(&r, b, 1);
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.key_shared_across_subjects"), 0));
	run_end(&r);
	fg_free(g);
}

Test(lint, key_shared_across_issuers_fires)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *a = cert(g, FG_DEVICE, 1), *b = cert(g, FG_DEVICE, 2);
	same_key(b, a);
	set_issuer_cn(b, 0x13, "0001");
	run_add(&r, a, 0);
	run_add(&r, b, 1);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.key_shared_across_issuers", "c0", &rep, &fi);
	cr_expect(ne(ptr, strstr(f->message, "2 issuers (here by CN=E357)"), NULL), "%s", f->message);
	cr_expect(involves(rep, fi, "c1"));
	one(&r, "smki.bulk.key_shared_across_issuers", "c1", &rep, &fi);
	cr_expect(eq(sz, total(&r, "smki.bulk.renewal_same_key"), 0), "another issuer: not a renewal");
	run_end(&r);
	fg_free(g);
}

Test(lint, key_shared_across_issuers_passes)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *a = cert(g, FG_DEVICE, 1), *b = cert(g, FG_DEVICE, 2);
	same_key(b, a);
	set_issuer_cn(b, 0x0c, "E357 ");   /* the same issuer under §7.1 */
	run_add(&r, a, 0);
	run_add(&r, b, 1);
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.key_shared_across_issuers"), 0));
	run_end(&r);
	fg_free(g);
}

Test(lint, renewal_same_key_fires_on_the_later_certificate)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *old = cert(g, FG_ORGANISATION, 1), *renewed = cert(g, FG_ORGANISATION, 2);
	same_key(renewed, old);
	set_validity(renewed, "250901000000Z", "350901235959Z");
	run_add(&r, renewed, 0);   /* input order does not matter: notBefore does */
	run_add(&r, old, 1);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.renewal_same_key", "c0", &rep, &fi);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_NOTICE));
	cr_expect(ne(ptr, strstr(f->message, "first on 2015-10-30T00:00:00Z"), NULL), "%s", f->message);
	cr_expect(involves(rep, fi, "c1"));
	cr_expect(eq(sz, count(&r, "smki.bulk.renewal_same_key", "c1"), 0), "not the first certification");
	run_end(&r);
	fg_free(g);
}

Test(lint, renewal_same_key_passes)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *old = cert(g, FG_ORGANISATION, 1), *rekeyed = cert(g, FG_ORGANISATION, 2),
		       *same_day = cert(g, FG_ORGANISATION, 3);
	set_validity(rekeyed, "250901000000Z", "350901235959Z");   /* a new key */
	same_key(same_day, old);                                    /* same key, same notBefore: not later */
	run_add(&r, old, 0);
	run_add(&r, rekeyed, 1);
	run_add(&r, same_day, 2);
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.renewal_same_key"), 0));
	run_end(&r);
	fg_free(g);
}

Test(lint, overlapping_validity_fires)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *a = cert(g, FG_ORGANISATION, 1), *b = cert(g, FG_ORGANISATION, 2), *c = cert(g, FG_ORGANISATION, 3);
	set_validity(a, "150101000000Z", "151231235959Z");
	set_validity(b, "150601000000Z", "160531235959Z");   /* overlaps a */
	set_validity(c, "151231235959Z", "161231235959Z");   /* starts the second a ends: overlaps a and b */
	run_add(&r, a, 0);
	run_add(&r, b, 1);
	run_add(&r, c, 2);
	run_finish(&r);
	cr_expect(eq(sz, count(&r, "smki.bulk.overlapping_validity", "c0"), 0), "the first one");
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.overlapping_validity", "c1", &rep, &fi);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_NOTICE));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.validity"));
	size_t len;
	fg_cert_der(b, &len);
	cr_expect(eq(sz, f->offset, fg_off(b->validity)));
	cr_expect(ne(ptr, strstr(f->message, "Entity Identifier 90b3d51f30010000, role 02 (supplier), digitalSignature"), NULL),
		  "%s", f->message);
	cr_expect(eq(sz, smkilint_report_involved_count(rep, fi), 2));
	cr_expect(involves(rep, fi, "c0"));
	one(&r, "smki.bulk.overlapping_validity", "c2", &rep, &fi);
	cr_expect(eq(sz, smkilint_report_involved_count(rep, fi), 3), "c2, and both earlier ones");
	run_end(&r);
	fg_free(g);
}

Test(lint, overlapping_validity_passes)
{
	struct run r;
	run_start(&r, NULL);
	struct fg *g = fg_new();
	struct fg_cert *a = cert(g, FG_ORGANISATION, 1), *b = cert(g, FG_ORGANISATION, 2), *ka = cert(g, FG_ORGANISATION, 3),
		       *other = cert(g, FG_ORGANISATION, 4);
	set_validity(a, "150101000000Z", "151231235959Z");
	set_validity(b, "160101000000Z", "161231235959Z");   /* after a */
	set_ku(ka, true);                                      /* another key usage */
	set_validity(ka, "150101000000Z", "161231235959Z");
	set_uid(other, "\x90\xb3\xd5\x1f\x30\x02\x00\x00");   /* another organisation */
	set_validity(other, "150101000000Z", "161231235959Z");
	run_add(&r, a, 0);
	run_add(&r, b, 1);
	run_add(&r, ka, 2);
	run_add(&r, other, 3);
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.overlapping_validity"), 0));
	run_end(&r);
	fg_free(g);
}

/* n certificates of one CA key, notBefore one day apart from 2016-01-01. */
static void issue(struct run *r, struct fg *g, unsigned n, const unsigned *days)
{
	for (unsigned i = 0; i < n; i++) {
		struct fg_cert *c = cert(g, FG_DEVICE, 100 + i);
		char hex[24], nb[16];
		snprintf(hex, sizeof(hex), "00db1234567%05x", i);
		fg_set_hex(c->hw_serial, hex);   /* one device each: no overlap */
		unsigned d = days != NULL ? days[i] : i;
		struct tm tm = {.tm_year = 116, .tm_mon = 0, .tm_mday = 1 + (int)d};
		time_t t = timegm(&tm);
		strftime(nb, sizeof(nb), "%y%m%d%H%M%SZ", gmtime(&t));
		set_validity(c, nb, NULL);
		run_add(r, c, i);
	}
}

static smkilint_bulk_limits small(uint64_t certs, unsigned months, int64_t days, double f)
{
	smkilint_bulk_limits l = {certs, months, days * 86400, f};
	return l;
}

Test(lint, ca_capacity_count_warns_at_the_fraction)
{
	struct run r;
	smkilint_bulk_limits l = small(10, 0, 1000, 0.8);
	run_start(&r, &l);
	struct fg *g = fg_new();
	issue(&r, g, 8, NULL);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.ca_capacity_near", "c7", &rep, &fi);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.extensions[authorityKeyIdentifier].extnValue.keyIdentifier"));
	cr_expect(ne(ptr, strstr(f->message, "issued 8 certificates, 80% of its capacity of 10: this one is number 8"), NULL),
		  "%s", f->message);
	cr_expect(involves(rep, fi, "c0"), "the first issuance");
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_near"), 1));
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_exceeded"), 0));
	run_end(&r);
	fg_free(g);
}

Test(lint, ca_capacity_count_passes_below_the_fraction)
{
	struct run r;
	smkilint_bulk_limits l = small(10, 0, 1000, 0.8);
	run_start(&r, &l);
	struct fg *g = fg_new();
	issue(&r, g, 7, NULL);
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_near"), 0));
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_exceeded"), 0));
	run_end(&r);
	fg_free(g);
}

Test(lint, ca_capacity_count_exceeded)
{
	struct run r;
	smkilint_bulk_limits l = small(10, 0, 1000, 0.8);
	run_start(&r, &l);
	struct fg *g = fg_new();
	issue(&r, g, 12, NULL);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.ca_capacity_exceeded", "c10", &rep, &fi);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(ne(ptr, strstr(f->message, "issued 12 certificates, more than its capacity of 10: this one is number 11"),
			 NULL), "%s", f->message);
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_exceeded"), 1), "once per CA key and limit");
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_near"), 0), "the error replaces the warning");
	run_end(&r);
	fg_free(g);
}

/* Two CA keys are counted apart. */
Test(lint, ca_capacity_counts_per_aki)
{
	struct run r;
	smkilint_bulk_limits l = small(10, 0, 1000, 0.8);
	run_start(&r, &l);
	struct fg *g = fg_new();
	for (unsigned i = 0; i < 12; i++) {
		struct fg_cert *c = cert(g, FG_DEVICE, 200 + i);
		char hex[24];
		snprintf(hex, sizeof(hex), "00db1234567%05x", i);
		fg_set_hex(c->hw_serial, hex);
		set_aki(c, i % 2 ? "4000000000000001" : "4000000000000002");
		run_add(&r, c, i);
	}
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_exceeded"), 0), "6 each");
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_near"), 0));
	run_end(&r);
	fg_free(g);
}

Test(lint, ca_capacity_period_warns_and_passes)
{
	static const unsigned warn_days[] = {0, 5, 8}, quiet_days[] = {0, 5, 7};
	struct run r;
	smkilint_bulk_limits l = small(1000, 0, 10, 0.8);
	run_start(&r, &l);
	struct fg *g = fg_new();
	issue(&r, g, 3, warn_days);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.ca_capacity_near", "c2", &rep, &fi);
	cr_expect(eq(str, (char *)f->path, "tbsCertificate.validity"));
	cr_expect(ne(ptr, strstr(f->message, "on 2016-01-09T00:00:00Z, 80% into its period of 864000 seconds"), NULL), "%s",
		  f->message);
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_exceeded"), 0));
	run_end(&r);
	fg_free(g);

	run_start(&r, &l);
	g = fg_new();
	issue(&r, g, 3, quiet_days);
	run_finish(&r);
	cr_expect(eq(sz, r.n_reps, 0), "70%% of the period: nothing");
	run_end(&r);
	fg_free(g);
}

Test(lint, ca_capacity_period_exceeded)
{
	static const unsigned days[] = {0, 5, 11};
	struct run r;
	smkilint_bulk_limits l = small(1000, 0, 10, 0.8);
	run_start(&r, &l);
	struct fg *g = fg_new();
	issue(&r, g, 3, days);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.ca_capacity_exceeded", "c2", &rep, &fi);
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(ne(ptr, strstr(f->expected, "notBefore until 2016-01-11T00:00:00Z"), NULL), "%s", f->expected);
	cr_expect(involves(rep, fi, "c0"));
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_near"), 0));
	run_end(&r);
	fg_free(g);
}

/* Calendar months: 2016-01-31 plus one month is 2016-02-29 (clamped, leap year). */
Test(lint, ca_capacity_period_in_calendar_months)
{
	static const unsigned in_time[] = {30, 59}, late[] = {30, 60};   /* days after 2016-01-01 */
	struct run r;
	smkilint_bulk_limits l = small(1000, 1, 0, 0.9);
	run_start(&r, &l);
	struct fg *g = fg_new();
	issue(&r, g, 2, in_time);
	run_finish(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.ca_capacity_exceeded"), 0), "2016-02-29 is still within the month");
	cr_expect(eq(sz, count(&r, "smki.bulk.ca_capacity_near", "c1"), 1), "and at 100%% of it");
	run_end(&r);
	fg_free(g);

	run_start(&r, &l);
	g = fg_new();
	issue(&r, g, 2, late);
	run_finish(&r);
	const smkilint_report *rep;
	size_t fi;
	const smkilint_finding *f = one(&r, "smki.bulk.ca_capacity_exceeded", "c1", &rep, &fi);
	cr_expect(ne(ptr, strstr(f->message, "after its period of 1 month"), NULL), "%s", f->message);
	run_end(&r);
	fg_free(g);
}

/* Every lint of the family has a fire and a pass test above. */
Test(lint, every_bulk_lint_is_covered_here)
{
	static const char *const covered[] = {
		"smki.bulk.duplicate_serial_per_issuer", "smki.bulk.key_shared_across_usages",
		"smki.bulk.key_shared_across_subjects",  "smki.bulk.key_shared_across_issuers",
		"smki.bulk.renewal_same_key",            "smki.bulk.overlapping_validity",
		"smki.bulk.ca_capacity_near",            "smki.bulk.ca_capacity_exceeded",
	};
	size_t n = 0;
	for (size_t i = 0; i < smkilint_lint_count(); i++) {
		if (strcmp(smkilint_lint_family(i), "bulk") != 0)
			continue;
		n++;
		bool found = false;
		for (size_t k = 0; k < sizeof(covered) / sizeof(covered[0]); k++)
			found = found || strcmp(covered[k], smkilint_lint_get(i)->id) == 0;
		cr_expect(found, "bulk lint %s has no tests here", smkilint_lint_get(i)->id);
	}
	cr_expect(eq(sz, n, sizeof(covered) / sizeof(covered[0])));
}

/* A bulk lint never fires on a single certificate. */
Test(lint, not_run_per_certificate)
{
	smkilint_ctx *ctx;
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
	struct fg *g = fg_new();
	smkilint_report *r = lint_forged(ctx, fg_cert_new(g, FG_ORGANISATION));
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		cr_expect(ne(int, strncmp(smkilint_report_finding(r, i)->lint, "smki.bulk.", 10), 0));
	smkilint_report_free(r);
	fg_free(g);
	smkilint_ctx_free(ctx);
}

/* ------------------------------------------------------------ real certificates */

static void add_dir(struct run *r, const char *dir)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, alphasort);
	cr_assert(ge(int, n, 0), "%s", dir);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		struct stat st;
		if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(r, path);
		else if (ends_with(names[i]->d_name, ".pem")) {
			size_t len;
			uint8_t *der = read_pem_cert(path, &len);
			run_add_der(r, der, len, path, 0);
			free(der);
		}
		free(names[i]);
	}
	free(names);
}

/* What PROFILES.md says of the public certificates, on any set holding them. */
static void expect_profiles_md_cases(const struct run *r)
{
	const smkilint_report *rep;
	size_t fi;
	/* D4: the tampered copy shares its serial with the genuine certificate; both are reported */
	one(r, "smki.bulk.duplicate_serial_per_issuer", "/device-rtds-e357-00db1234567890a0-nonrep.pem", &rep, &fi);
	cr_expect(involves(rep, fi, "device-rtds-e357-00db1234567890a0-ds.pem"));
	one(r, "smki.bulk.duplicate_serial_per_issuer", "/device-rtds-e357-00db1234567890a0-ds.pem", &rep, &fi);
	cr_expect(involves(rep, fi, "device-rtds-e357-00db1234567890a0-nonrep.pem"));
	/* D13: the device key certified by E357 and by 0001 */
	one(r, "smki.bulk.key_shared_across_issuers", "/device-rtds-0001-00db123456789098-ka.pem", &rep, &fi);
	cr_expect(involves(rep, fi, "device-rtds-e357-00db123456789098-ka.pem"));
	one(r, "smki.bulk.key_shared_across_issuers", "/device-rtds-e357-00db123456789098-ka.pem", &rep, &fi);
	cr_expect(eq(sz, total(r, "smki.bulk.key_shared_across_issuers"), 2));
	/* §8 item 9: 17 keys certified in 2025 were certified before, each reported on its 2025 certificate */
	cr_expect(eq(sz, total(r, "smki.bulk.renewal_same_key"), 17));
	for (size_t i = 0; i < r->n_reps; i++)
		for (size_t k = 0; k < smkilint_report_count(r->reps[i]); k++) {
			if (strcmp(smkilint_report_finding(r->reps[i], k)->lint, "smki.bulk.renewal_same_key") != 0)
				continue;
			cr_expect(ne(ptr, strstr(smkilint_report_input(r->reps[i]), "-20250901-"), NULL), "%s",
				  smkilint_report_input(r->reps[i]));
			cr_expect(eq(sz, smkilint_report_involved_count(r->reps[i], k), 2));
			const char *earlier = smkilint_report_involved(r->reps[i], k, 1)->input;
			cr_expect(eq(ptr, strstr(earlier, "-20250901-"), NULL), "%s re-certifies %s",
				  smkilint_report_input(r->reps[i]), earlier);
		}
	/* PROFILES.md §9.2: no key pair is certified for both usages, nor for two Entity Identifiers */
	cr_expect(eq(sz, total(r, "smki.bulk.key_shared_across_usages"), 0));
	cr_expect(eq(sz, total(r, "smki.bulk.key_shared_across_subjects"), 0));
}

Test(real, copies_in_tests_data_bulk)
{
	struct run r;
	run_start(&r, NULL);
	add_dir(&r, SMK_TEST_DATA "/bulk");
	cr_assert(eq(sz, r.added, 38), "the 38 files of tests/data/bulk/README.md");
	run_finish(&r);
	expect_profiles_md_cases(&r);
	cr_expect(eq(sz, total(&r, "smki.bulk.duplicate_serial_per_issuer"), 2), "D4 only (the OCA copy is not here)");
	run_end(&r);
}

Test(real, the_shared_public_corpus)
{
	const char *dir = SMK_SHARED_DIR "/corpus/smki-public";
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		cr_skip("%s is absent: the shared corpus is not beside this checkout", dir);
	struct run r;
	run_start(&r, NULL);
	add_dir(&r, dir);
	cr_assert(eq(sz, r.added, 460));
	run_finish(&r);
	expect_profiles_md_cases(&r);
	/* and D10: the OCA copy with a corrupted signature shares the OCA's serial */
	cr_expect(eq(sz, total(&r, "smki.bulk.duplicate_serial_per_issuer"), 4));
	const smkilint_report *rep;
	size_t fi;
	one(&r, "smki.bulk.duplicate_serial_per_issuer", "/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb-corrupted-signature.pem",
	    &rep, &fi);
	run_end(&r);
}
