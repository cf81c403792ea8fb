/*
 * Waivers: a YAML file saying which findings are accepted, for which
 * certificates, why, and until when. Loaded with libfyaml (every error names
 * file:line:column from the node's mark, as profiles do); applied to a
 * report by marking findings as suppressed. The language:
 *
 *   waivers:
 *     - lints: der.integer_not_minimal          # an id or glob, or a list of them
 *       reason: "D2 batch, accepted by the DCC until replaced (SMK-42)"
 *       expires: 2026-06-30                     # optional, YYYY-MM-DD, inclusive (UTC)
 *       sha256: 3f9a...                         # optional: certificate fingerprints (one or a list)
 *       serial: 00db123456789001                # optional: serial numbers in hex (one or a list)
 *       input: "legacy-*.pem"                   # optional: input names, globs (one or a list)
 *
 * A waiver covers a finding when one of its lint patterns matches the id and
 * the certificate passes every selector given (any value of a list).
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <libfyaml.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "gate.h"
#include "textbuf.h"
#include "yaml.h"

struct smk_waiver {
	smkilint_waiver pub;
	const char **lints;
	size_t n_lints;
	uint8_t (*sha256)[32];
	size_t n_sha256;
	const char **serials;    /* lower-case hex, no leading zero octets */
	size_t n_serials;
	const char **inputs;
	size_t n_inputs;
	long expires_day;        /* days since 1970-01-01; LONG_MAX when it never expires */
};

struct smkilint_waivers {
	struct smk_arena *arenas;   /* one per file loaded */
	size_t n_arenas;
	struct smk_waiver **items;
	size_t n, cap;
	bool need_sha256, need_serial;
};

/* ------------------------------------------------------------ set */

int smkilint_waivers_new(smkilint_waivers **out)
{
	*out = calloc(1, sizeof(**out));
	return *out == NULL ? SMKILINT_ENOMEM : 0;
}

void smkilint_waivers_free(smkilint_waivers *w)
{
	if (w == NULL)
		return;
	free(w->items);
	for (size_t i = 0; i < w->n_arenas; i++)
		smk_arena_free(&w->arenas[i]);
	free(w->arenas);
	free(w);
}

size_t smkilint_waivers_count(const smkilint_waivers *w)
{
	return w != NULL ? w->n : 0;
}

const smkilint_waiver *smkilint_waivers_get(const smkilint_waivers *w, size_t i)
{
	return w != NULL && i < w->n ? &w->items[i]->pub : NULL;
}

/* ------------------------------------------------------------ loading */

struct wl {
	smkilint_ctx *ctx;
	struct smk_arena *a;
	const char *file;
	int rc;
};

/* where a node starts (lib/yaml.c) */
static const struct fy_mark *node_mark(struct fy_node *n)
{
	return smk_yaml_first_scalar_mark(n);
}

static const char *where(struct wl *l, struct fy_node *n)
{
	const struct fy_mark *m = n != NULL ? node_mark(n) : NULL;
	return smk_printf(l->a, "%s:%d:%d", l->file, m != NULL ? m->line + 1 : 1, m != NULL ? m->column + 1 : 1);
}

static int fail_at(struct wl *l, struct fy_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail_at(struct wl *l, struct fy_node *n, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	const struct fy_mark *m = n != NULL ? node_mark(n) : NULL;
	smk_ctx_set_error(l->ctx, SMKILINT_EWAIVER, "%s:%d:%d: %s", l->file, m != NULL ? m->line + 1 : 1,
			  m != NULL ? m->column + 1 : 1, msg);
	l->rc = SMKILINT_EWAIVER;
	return SMKILINT_EWAIVER;
}

static const char *scalar(struct wl *l, struct fy_node *n, const char *what)
{
	if (n == NULL || !fy_node_is_scalar(n)) {
		fail_at(l, n, "%s must be a scalar", what);
		return NULL;
	}
	size_t len;
	const char *s = fy_node_get_scalar(n, &len);
	if (s == NULL) {
		fail_at(l, n, "%s must be a scalar", what);
		return NULL;
	}
	if (memchr(s, '\0', len) != NULL) {
		fail_at(l, n, "%s holds a NUL character", what);
		return NULL;
	}
	char *c = smk_strndup(l->a, s, len);
	if (c == NULL)
		l->rc = SMKILINT_ENOMEM;
	return c;
}

typedef int (*value_fn)(struct wl *l, struct fy_node *n, const char *s, void *out, size_t i);

/* A scalar or a list of scalars; fn checks and stores each. */
static int one_or_list(struct wl *l, struct fy_node *key, struct fy_node *n, const char *what, size_t elem,
		       void **out, size_t *count, value_fn fn)
{
	size_t c = 1;
	struct fy_node *at = n != NULL && node_mark(n) != NULL ? n : key;
	if (n != NULL && fy_node_is_sequence(n)) {
		c = (size_t)fy_node_sequence_item_count(n);
		if (c == 0)
			return fail_at(l, at, "%s: the list is empty", what);
	} else if (n == NULL || !fy_node_is_scalar(n)) {
		return fail_at(l, at, "%s must be a value or a list of values", what);
	}
	*out = smk_alloc(l->a, c * elem);
	if (*out == NULL)
		return l->rc = SMKILINT_ENOMEM;
	*count = c;
	if (fy_node_is_scalar(n)) {
		const char *s = scalar(l, n, what);
		return s == NULL ? l->rc : fn(l, n, s, *out, 0);
	}
	void *it = NULL;
	struct fy_node *item;
	for (size_t i = 0; (item = fy_node_sequence_iterate(n, &it)) != NULL && i < c; i++) {
		const char *s = scalar(l, item, what);
		if (s == NULL || fn(l, item, s, *out, i) != 0)
			return l->rc ? l->rc : SMKILINT_EWAIVER;
	}
	return 0;
}

static int v_lint(struct wl *l, struct fy_node *n, const char *s, void *out, size_t i)
{
	if (s[0] == '\0')
		return fail_at(l, n, "lints: an empty lint id");
	for (const char *p = s; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || strchr("._-*?[]!", *p) != NULL))
			return fail_at(l, n, "lints: '%s' can match no lint id (ids are lower-case letters, digits, "
				       "'.', '_' and '-'; globs may use *, ? and [...])", s);
	((const char **)out)[i] = s;
	return 0;
}

static int v_glob(struct wl *l, struct fy_node *n, const char *s, void *out, size_t i)
{
	if (s[0] == '\0')
		return fail_at(l, n, "input: an empty name pattern");
	((const char **)out)[i] = s;
	return 0;
}

/* Hex digits with optional ':' or ' ' between octets. Returns the number of
 * octets written to out (at most cap), or -1. */
static long parse_hex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0, digits = 0;
	int hi = -1;
	for (const char *p = s; *p; p++) {
		if (*p == ':' || *p == ' ') {
			if (hi >= 0)
				return -1;   /* a separator inside an octet */
			continue;
		}
		if (!isxdigit((unsigned char)*p))
			return -1;
		int v = isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10;
		digits++;
		if (hi < 0) {
			hi = v;
		} else {
			if (n == cap)
				return -1;
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (digits == 0 || hi >= 0)
		return -1;
	return (long)n;
}

static int v_sha256(struct wl *l, struct fy_node *n, const char *s, void *out, size_t i)
{
	uint8_t (*fp)[32] = out;
	if (parse_hex(s, fp[i], 32) != 32)
		return fail_at(l, n, "sha256: '%s' is not a SHA-256 fingerprint (64 hex digits, ':' allowed "
			       "between octets)", s);
	return 0;
}

/* Serial numbers compare as lower-case hex without leading zero octets. */
static const char *norm_serial(struct smk_arena *a, const uint8_t *p, size_t n)
{
	while (n > 1 && p[0] == 0)
		p++, n--;
	return smk_hex(a, p, n);
}

static int v_serial(struct wl *l, struct fy_node *n, const char *s, void *out, size_t i)
{
	uint8_t oct[64];
	char padded[200];
	/* an odd number of digits (as some tools print serials) is padded on the left */
	size_t digits = 0;
	for (const char *p = s; *p; p++)
		digits += isxdigit((unsigned char)*p) != 0;
	/* (not snprintf "%s%s": gcc 12 -O2 with the sanitizers warns, wrongly, that s may be NULL) */
	strcpy(padded, digits % 2 && strchr(s, ':') == NULL ? "0" : "");
	strncat(padded, s, sizeof(padded) - 2);
	long k = strlen(s) < 180 ? parse_hex(padded, oct, sizeof(oct)) : -1;
	if (k <= 0)
		return fail_at(l, n, "serial: '%s' is not a serial number in hex (at most 64 octets, ':' allowed "
			       "between octets)", s);
	const char *h = norm_serial(l->a, oct, (size_t)k);
	if (h == NULL)
		return l->rc = SMKILINT_ENOMEM;
	((const char **)out)[i] = h;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static int parse_date(const char *s, long *day)
{
	unsigned y, m, d;
	char tail;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return -1;
	*day = days_from_civil((long)y, m, d);
	return 0;
}

static int load_entry(struct wl *l, smkilint_waivers *set, struct fy_node *n, struct smk_waiver **out)
{
	if (!fy_node_is_mapping(n))
		return fail_at(l, n, "a waiver is a mapping (lints, reason, and optionally expires, sha256, "
			       "serial, input)");
	struct smk_waiver *w = smk_alloc(l->a, sizeof(*w));
	if (w == NULL)
		return l->rc = SMKILINT_ENOMEM;
	w->expires_day = LONG_MAX;
	w->pub.source = where(l, n);
	bool has_lints = false, has_reason = false;
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(n, &it)) != NULL) {
		struct fy_node *kn = fy_node_pair_key(p), *v = fy_node_pair_value(p);
		const char *k = scalar(l, kn, "a key");
		if (k == NULL)
			return l->rc;
		int rc = 0;
		if (strcmp(k, "lints") == 0) {
			has_lints = true;
			rc = one_or_list(l, kn, v, "lints", sizeof(char *), (void **)&w->lints, &w->n_lints, v_lint);
		} else if (strcmp(k, "reason") == 0) {
			has_reason = true;
			const char *s = scalar(l, v, "reason");
			if (s == NULL)
				return l->rc;
			const char *q = s;
			while (isspace((unsigned char)*q))
				q++;
			if (*q == '\0')
				return fail_at(l, v != NULL ? v : kn, "reason must say why the findings are accepted");
			w->pub.reason = s;
		} else if (strcmp(k, "expires") == 0) {
			const char *s = scalar(l, v, "expires");
			if (s == NULL)
				return l->rc;
			if (parse_date(s, &w->expires_day) != 0)
				return fail_at(l, v, "expires: '%s' is not a date YYYY-MM-DD", s);
			w->pub.expires = s;
		} else if (strcmp(k, "sha256") == 0) {
			rc = one_or_list(l, kn, v, "sha256", 32, (void **)&w->sha256, &w->n_sha256, v_sha256);
			set->need_sha256 = true;
		} else if (strcmp(k, "serial") == 0) {
			rc = one_or_list(l, kn, v, "serial", sizeof(char *), (void **)&w->serials, &w->n_serials, v_serial);
			set->need_serial = true;
		} else if (strcmp(k, "input") == 0) {
			rc = one_or_list(l, kn, v, "input", sizeof(char *), (void **)&w->inputs, &w->n_inputs, v_glob);
		} else {
			return fail_at(l, kn, "unknown key '%s' in a waiver (lints, reason, expires, sha256, serial, input)",
				       k);
		}
		if (rc != 0)
			return l->rc ? l->rc : rc;
	}
	if (!has_lints)
		return fail_at(l, n, "a waiver needs lints: the ids (or globs) of the findings it accepts");
	if (!has_reason)
		return fail_at(l, n, "a waiver needs a reason");
	*out = w;
	return 0;
}

static struct fy_document *parse(struct wl *l, const char *path, const char *text, size_t len)
{
	const char *refused = text == NULL ? smk_yaml_file_refused(path) : NULL;
	if (refused != NULL) {
		smk_ctx_set_error(l->ctx, SMKILINT_EIO, "%s: %s", l->file, refused);
		l->rc = SMKILINT_EIO;
		return NULL;
	}
	/* YAML is Unicode; and libfyaml loops forever on some malformed UTF-8 */
	int line, column;
	int bad = smk_yaml_utf8_check(path, text, len, &line, &column);
	if (bad >= 0) {
		smk_ctx_set_error(l->ctx, SMKILINT_EWAIVER, "%s:%d:%d: not UTF-8 text (octet 0x%02x)", l->file, line,
				  column, bad);
		l->rc = SMKILINT_EWAIVER;
		return NULL;
	}
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	dcfg.colorize = false;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	if (diag == NULL) {
		l->rc = SMKILINT_ENOMEM;
		return NULL;
	}
	fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET, .diag = diag};
	errno = 0;
	struct fy_document *doc = text != NULL ? fy_document_build_from_string(&cfg, text, len)
					       : fy_document_build_from_file(&cfg, path);
	if (doc == NULL) {
		void *it = NULL;
		struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);
		if (e != NULL) {
			smk_ctx_set_error(l->ctx, SMKILINT_EWAIVER, "%s:%d:%d: %s", l->file, e->line + 1, e->column + 1,
					  e->msg);
			l->rc = SMKILINT_EWAIVER;
		} else if (text == NULL && errno != 0) {
			smk_ctx_set_error(l->ctx, SMKILINT_EIO, "%s: %s", l->file, strerror(errno));
			l->rc = SMKILINT_EIO;
		} else {
			smk_ctx_set_error(l->ctx, SMKILINT_EWAIVER,
					  "%s:1:1: empty (a waiver file is a mapping with one key, waivers: a list of waivers)",
					  l->file);
			l->rc = SMKILINT_EWAIVER;
		}
	}
	fy_diag_destroy(diag);
	return doc;
}

static int load(smkilint_waivers *set, smkilint_ctx *ctx, const char *name, const char *path, const char *text,
		size_t len)
{
	if (set == NULL || ctx == NULL || name == NULL)
		return SMKILINT_EINVAL;
	/* the entries go to a scratch arena first, so that a bad file leaves the set as it was */
	struct smk_arena a;
	smk_arena_init(&a);
	struct wl l = {ctx, &a, NULL, 0};
	l.file = smk_strdup(&a, name);
	if (l.file == NULL)
		return SMKILINT_ENOMEM;
	struct smk_waiver **items = NULL;
	size_t n = 0;
	bool need_sha256 = set->need_sha256, need_serial = set->need_serial;
	struct fy_document *doc = parse(&l, path, text, len);
	if (doc != NULL) {
		struct fy_node *root = fy_document_root(doc);
		struct fy_node *list = NULL;
		if (root == NULL || !fy_node_is_mapping(root)) {
			fail_at(&l, root, "a waiver file is a mapping with one key, waivers: a list of waivers");
		} else {
			void *it = NULL;
			struct fy_node_pair *p;
			while (l.rc == 0 && (p = fy_node_mapping_iterate(root, &it)) != NULL) {
				const char *k = scalar(&l, fy_node_pair_key(p), "a key");
				if (k != NULL && strcmp(k, "waivers") == 0)
					list = fy_node_pair_value(p);
				else if (k != NULL)
					fail_at(&l, fy_node_pair_key(p), "unknown key '%s' (a waiver file has one key, waivers)",
						k);
			}
			if (l.rc == 0 && list == NULL)
				fail_at(&l, root, "no waivers: list");
			else if (l.rc == 0 && !fy_node_is_sequence(list) &&
				 !(fy_node_is_scalar(list) && fy_node_get_scalar_length(list) == 0))
				fail_at(&l, list, "waivers must be a list");
		}
		size_t c = l.rc == 0 && fy_node_is_sequence(list) ? (size_t)fy_node_sequence_item_count(list) : 0;
		if (l.rc == 0 && c > 0) {
			items = calloc(c, sizeof(*items));
			if (items == NULL)
				l.rc = SMKILINT_ENOMEM;
			void *it = NULL;
			struct fy_node *e;
			while (l.rc == 0 && n < c && (e = fy_node_sequence_iterate(list, &it)) != NULL) {
				if (load_entry(&l, set, e, &items[n]) == 0)
					n++;
			}
		}
		fy_document_destroy(doc);
	}
	if (l.rc == 0 && a.failed)
		l.rc = SMKILINT_ENOMEM;
	if (l.rc == 0 && set->n + n > set->cap) {
		size_t cap = set->cap ? set->cap : 8;
		while (cap < set->n + n)
			cap *= 2;
		struct smk_waiver **ni = realloc(set->items, cap * sizeof(*ni));
		if (ni == NULL) {
			l.rc = SMKILINT_ENOMEM;
		} else {
			set->items = ni;
			set->cap = cap;
		}
	}
	if (l.rc == 0) {
		struct smk_arena *na = realloc(set->arenas, (set->n_arenas + 1) * sizeof(*na));
		if (na == NULL)
			l.rc = SMKILINT_ENOMEM;
		else
			set->arenas = na;
	}
	if (l.rc != 0) {
		if (l.rc == SMKILINT_ENOMEM)
			smk_ctx_set_error(ctx, SMKILINT_ENOMEM, "%s: out of memory", name);
		set->need_sha256 = need_sha256;
		set->need_serial = need_serial;
		free(items);
		smk_arena_free(&a);
		return l.rc;
	}
	for (size_t i = 0; i < n; i++) {
		items[i]->pub.index = set->n;
		set->items[set->n++] = items[i];
	}
	free(items);
	set->arenas[set->n_arenas++] = a;   /* the entries live as long as the set */
	return 0;
}

int smkilint_waivers_load_file(smkilint_waivers *w, smkilint_ctx *ctx, const char *path)
{
	if (path == NULL)
		return SMKILINT_EINVAL;
	return load(w, ctx, path, path, NULL, 0);
}

int smkilint_waivers_load_string(smkilint_waivers *w, smkilint_ctx *ctx, const char *name, const char *text,
				 size_t len)
{
	if (text == NULL && len > 0)
		return SMKILINT_EINVAL;
	return load(w, ctx, name, NULL, text != NULL ? text : "", len);
}

/* ------------------------------------------------------------ matching */

/* What the selectors look at, computed once per certificate when needed. */
struct subject {
	const char *input;
	bool have_sha256;
	uint8_t sha256[32];
	const char *serial;      /* normalized hex, or NULL */
};

static void subject_init(struct subject *s, const smkilint_waivers *w, const char *input, const uint8_t *der,
			 size_t der_len, struct smk_arena *a)
{
	memset(s, 0, sizeof(*s));
	s->input = input;
	if (der == NULL || der_len == 0)
		return;
	/* the certificate is its outer TLV (a DER input may carry trailing bytes) */
	struct smk_der d, tbs_body;
	struct smk_tlv cert, tbs, t;
	smk_der_init(&d, der, der_len, 0);
	size_t cert_len = der_len;
	bool outer = smk_der_get_any(&d, &cert) == SMK_DER_OK && !cert.indefinite;
	if (outer)
		cert_len = cert.hdr_len + cert.len;
	if (w->need_sha256)
		s->have_sha256 = gnutls_hash_fast(GNUTLS_DIG_SHA256, der, cert_len, s->sha256) == 0;
	if (!w->need_serial || !outer || cert.id != 0x30)
		return;
	struct smk_der body = cert.body;
	if (smk_der_get_any(&body, &tbs) != SMK_DER_OK)
		return;
	if (tbs.id == 0x30)
		tbs_body = tbs.body;
	else
		tbs_body = cert.body;   /* a TBSCertificate (pre-issuance): the outer TLV is the TBS */
	/* a certification request has no serial: its CertificationRequestInfo is
	 * version, subject, subjectPKInfo, [0] attributes (as input.c tells them) */
	struct smk_der scan = tbs_body;
	struct smk_tlv el;
	uint8_t ids[5];
	size_t n = 0;
	while (scan.len > 0 && n < 5 && smk_der_get_any(&scan, &el) == SMK_DER_OK)
		ids[n++] = el.id;
	if (n == 4 && ids[0] == 0x02 && ids[3] == 0xa0)
		return;
	if (smk_der_get_any(&tbs_body, &t) != SMK_DER_OK)
		return;
	if (t.id == 0xa0 && smk_der_get_any(&tbs_body, &t) != SMK_DER_OK)
		return;
	if (t.id == 0x02 && t.len > 0)
		s->serial = norm_serial(a, t.body.p, t.len);
}

static bool any_glob(const char *const *pat, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(pat[i], s, 0) == 0)
			return true;
	return false;
}

static bool covers(const struct smk_waiver *w, const char *lint, const struct subject *s)
{
	if (!any_glob(w->lints, w->n_lints, lint))
		return false;
	if (w->n_inputs > 0 && !any_glob(w->inputs, w->n_inputs, s->input))
		return false;
	if (w->n_sha256 > 0) {
		bool hit = false;
		for (size_t i = 0; s->have_sha256 && i < w->n_sha256 && !hit; i++)
			hit = memcmp(w->sha256[i], s->sha256, 32) == 0;
		if (!hit)
			return false;
	}
	if (w->n_serials > 0) {
		bool hit = false;
		for (size_t i = 0; s->serial != NULL && i < w->n_serials && !hit; i++)
			hit = strcmp(w->serials[i], s->serial) == 0;
		if (!hit)
			return false;
	}
	return true;
}

static long day_of(int64_t now)
{
	int64_t d = now / 86400;
	if (now < 0 && now % 86400 != 0)
		d--;
	return (long)d;
}

/* An expired waiver that covered findings of this report, and their ids. */
struct expired_hit {
	const struct smk_waiver *w;
	char ids[200];
};

static void add_id(struct expired_hit *h, const char *id)
{
	size_t n = strlen(h->ids), k = strlen(id);
	for (const char *p = h->ids; (p = strstr(p, id)) != NULL; p += k)
		if ((p == h->ids || p[-1] == ' ') && (p[k] == ',' || p[k] == '\0'))
			return;   /* listed already */
	if (n + k + 8 >= sizeof(h->ids)) {
		if (n + 5 < sizeof(h->ids) && strcmp(h->ids + n - 3, "...") != 0)
			memcpy(h->ids + n, ", ...", 6);
		return;
	}
	snprintf(h->ids + n, sizeof(h->ids) - n, "%s%s", n ? ", " : "", id);
}

int smkilint_waivers_apply(const smkilint_waivers *w, smkilint_report *r, const uint8_t *der, size_t der_len,
			   int64_t now)
{
	if (w == NULL || r == NULL)
		return SMKILINT_EINVAL;
	size_t n = smkilint_report_count(r);
	if (w->n == 0 || n == 0)
		return 0;
	struct smk_arena a;
	smk_arena_init(&a);
	struct subject s;
	subject_init(&s, w, smkilint_report_input(r), der, der_len, &a);
	long today = day_of(now);
	struct expired_hit *hits = NULL;
	size_t n_hits = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		const struct smk_waiver *expired = NULL;
		bool waived = false;
		for (size_t k = 0; k < w->n && !waived; k++) {
			const struct smk_waiver *e = w->items[k];
			if (!covers(e, f->lint, &s))
				continue;
			if (e->expires_day >= today) {
				rc = smk_report_suppress(r, i, &e->pub);
				waived = true;
			} else if (expired == NULL) {
				expired = e;
			}
		}
		if (waived || expired == NULL)
			continue;
		size_t h = 0;
		while (h < n_hits && hits[h].w != expired)
			h++;
		if (h == n_hits) {
			struct expired_hit *nh = realloc(hits, (n_hits + 1) * sizeof(*nh));
			if (nh == NULL) {
				rc = SMKILINT_ENOMEM;
				break;
			}
			hits = nh;
			memset(&hits[n_hits], 0, sizeof(hits[n_hits]));
			hits[n_hits++].w = expired;
		}
		add_id(&hits[h], f->lint);
	}
	for (size_t h = 0; h < n_hits && rc == 0; h++) {
		const smkilint_waiver *p = &hits[h].w->pub;
		char msg[700], found[64];
		snprintf(msg, sizeof(msg), "the waiver at %s expired on %s; the findings it accepted are reported again "
			 "(%s). Its reason was: %s", p->source, p->expires, hits[h].ids, p->reason);
		snprintf(found, sizeof(found), "expires: %s", p->expires);
		rc = smk_report_add(r, SMKILINT_WAIVER_EXPIRED, SMKILINT_SEV_WARNING, p->source, NULL, msg,
				    "a waiver that has not expired, or no finding to accept", found);
	}
	free(hits);
	smk_arena_free(&a);
	return rc;
}
