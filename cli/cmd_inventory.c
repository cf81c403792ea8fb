/* smkilint inventory: the certificates of a run counted by profile,
 * RemotePartyRole, key usage, issuer, CA key (AKI), Entity Identifier of
 * organisations, environment (policy OID), year of notBefore and lint id.
 * Inputs are read and linted exactly as by `smkilint lint` (cmd_lint.c
 * runs the pipeline and hands each report here, in input order); each
 * report is folded into one counter row per table and dropped, so memory
 * grows with the number of distinct groups, never with certificates. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"
#include "inventory.h"

enum field { F_PROFILE, F_ROLE, F_USAGE, F_ISSUER, F_CA, F_ENTITY, F_ENV, F_YEAR, F_LINT, F_COUNT };

static const char *const field_names[F_COUNT] = {"profile", "role", "usage", "issuer", "ca",
						  "entity", "env",  "year",  "lint"};

#define MAX_BY 4
#define SEP '\x1f'           /* between the values of a row's key */

struct row {
	char *key;               /* the values, SEP-separated */
	uint64_t certs, findings;
	int64_t first, last;     /* notBefore range */
	bool has_time;
};

struct table {
	enum field by[MAX_BY];
	size_t n_by;
	bool has_lint;
	struct row *rows;
	size_t n, cap;
	size_t *slots;           /* open addressing: row index + 1, 0 empty */
	size_t n_slots;
};

struct inventory {
	struct table *t;
	size_t n_tables;
	bool by_default;         /* no --by: one table per field */
	uint64_t certs, inputs, not_decoded;
};

static int field_parse(const char *s, size_t n)
{
	for (int i = 0; i < F_COUNT; i++)
		if (strlen(field_names[i]) == n && strncmp(field_names[i], s, n) == 0)
			return i;
	return -1;
}

struct inventory *inventory_new(const char *by)
{
	struct inventory *inv = calloc(1, sizeof(*inv));
	if (inv == NULL)
		return NULL;
	inv->by_default = by == NULL;
	inv->n_tables = by == NULL ? F_COUNT : 1;
	inv->t = calloc(inv->n_tables, sizeof(*inv->t));
	if (inv->t == NULL) {
		free(inv);
		return NULL;
	}
	if (by == NULL) {
		for (int i = 0; i < F_COUNT; i++) {
			inv->t[i].by[0] = (enum field)i;
			inv->t[i].n_by = 1;
			inv->t[i].has_lint = i == F_LINT;
		}
		return inv;
	}
	struct table *t = &inv->t[0];
	for (const char *p = by;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		int f = field_parse(p, n);
		bool dup = false;
		for (size_t k = 0; f >= 0 && k < t->n_by; k++)
			dup = dup || t->by[k] == (enum field)f;
		if (f < 0 || dup || t->n_by == MAX_BY) {
			fprintf(stderr, "smkilint: --by %s: %s '%.*s' (fields: profile, role, usage, issuer, ca, entity, env, "
				"year, lint; at most %d, each once)\n", by, f < 0 ? "unknown field" : "field repeated or too many",
				(int)n, p, MAX_BY);
			inventory_free(inv);
			return NULL;
		}
		t->by[t->n_by++] = (enum field)f;
		t->has_lint = t->has_lint || f == F_LINT;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return inv;
}

int inventory_parse_format(enum inv_format *f, const char *s)
{
	if (strcmp(s, "text") == 0)
		*f = INV_TEXT;
	else if (strcmp(s, "json") == 0)
		*f = INV_JSON;
	else if (strcmp(s, "csv") == 0)
		*f = INV_CSV;
	else {
		fprintf(stderr, "smkilint: unknown format '%s' for inventory (text, json, csv)\n", s);
		return -1;
	}
	return 0;
}

void inventory_free(struct inventory *inv)
{
	if (inv == NULL)
		return;
	for (size_t i = 0; i < inv->n_tables; i++) {
		for (size_t k = 0; k < inv->t[i].n; k++)
			free(inv->t[i].rows[k].key);
		free(inv->t[i].rows);
		free(inv->t[i].slots);
	}
	free(inv->t);
	free(inv);
}

void inventory_input(struct inventory *inv)
{
	inv->inputs++;
}

/* ------------------------------------------------------------ counting */

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t *slot_of(struct table *t, const char *key)
{
	size_t i = hash(key) & (t->n_slots - 1);
	while (t->slots[i] != 0 && strcmp(t->rows[t->slots[i] - 1].key, key) != 0)
		i = (i + 1) & (t->n_slots - 1);
	return &t->slots[i];
}

static struct row *row_get(struct table *t, const char *key)
{
	if (t->n_slots > 0) {
		size_t *s = slot_of(t, key);
		if (*s)
			return &t->rows[*s - 1];
	}
	if (2 * (t->n + 1) > t->n_slots) {
		size_t ns = t->n_slots ? 2 * t->n_slots : 64;
		size_t *slots = calloc(ns, sizeof(*slots));
		if (slots == NULL)
			return NULL;
		free(t->slots);
		t->slots = slots;
		t->n_slots = ns;
		for (size_t i = 0; i < t->n; i++)
			*slot_of(t, t->rows[i].key) = i + 1;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 32;
		struct row *r = realloc(t->rows, cap * sizeof(*r));
		if (r == NULL)
			return NULL;
		t->rows = r;
		t->cap = cap;
	}
	struct row *r = &t->rows[t->n];
	memset(r, 0, sizeof(*r));
	r->key = strdup(key);
	if (r->key == NULL)
		return NULL;
	*slot_of(t, key) = ++t->n;
	return r;
}

/* The value of each field for one certificate (lint aside). */
static void values(char v[F_COUNT][300], const smkilint_report *r)
{
	const smkilint_digest *d = smkilint_report_digest(r);
	const char *prof = smkilint_report_profile(r);
	v[F_LINT][0] = '\0';   /* set per finding by the caller */
	snprintf(v[F_PROFILE], sizeof(v[0]), "%s", prof != NULL ? prof : "(none)");
	if (d == NULL || !d->decoded) {
		for (int i = F_ROLE; i < F_LINT; i++)
			snprintf(v[i], sizeof(v[0]), "(not decoded)");
		return;
	}
	if (d->role == NULL)
		snprintf(v[F_ROLE], sizeof(v[0]), "(none)");
	else if (d->role_code >= 0 && smkilint_role_name(d->role_code) != NULL)
		snprintf(v[F_ROLE], sizeof(v[0]), "%s %s", d->role, smkilint_role_name(d->role_code));
	else
		snprintf(v[F_ROLE], sizeof(v[0]), "%s", d->role);
	snprintf(v[F_USAGE], sizeof(v[0]), "%s",
		 d->key_usage_names == NULL ? "(none)" : d->key_usage_names[0] ? d->key_usage_names : "(no bit)");
	snprintf(v[F_ISSUER], sizeof(v[0]), "%s", d->issuer == NULL ? "(none)" : d->issuer[0] ? d->issuer : "(empty)");
	snprintf(v[F_CA], sizeof(v[0]), "%s", d->aki != NULL ? d->aki : "(none)");
	snprintf(v[F_ENTITY], sizeof(v[0]), "%s",
		 d->entity == NULL ? "(none)" : d->entity_is_device ? "(device)" : d->entity);
	if (d->policy == NULL)
		snprintf(v[F_ENV], sizeof(v[0]), "(none)");
	else
		snprintf(v[F_ENV], sizeof(v[0]), "%s%s%s", d->environment != NULL ? d->environment : "",
			 d->environment != NULL ? " " : "", d->policy);
	struct tm tm;
	time_t t = (time_t)d->not_before;
	if (d->has_validity && gmtime_r(&t, &tm) != NULL)
		snprintf(v[F_YEAR], sizeof(v[0]), "%04d", tm.tm_year + 1900);
	else
		snprintf(v[F_YEAR], sizeof(v[0]), "(none)");
	/* the key separator cannot occur in a value */
	for (int i = 0; i < F_LINT; i++)
		for (char *p = v[i]; *p; p++)
			if (*p == SEP)
				*p = '?';
}

static int count_row(struct table *t, char v[F_COUNT][300], const char *lint, uint64_t findings,
		     const smkilint_digest *d)
{
	char key[MAX_BY * 302] = "";
	size_t n = 0;
	for (size_t k = 0; k < t->n_by; k++) {
		const char *val = t->by[k] == F_LINT ? lint : v[t->by[k]];
		n += (size_t)snprintf(key + n, sizeof(key) - n, "%s%s", k ? (char[]){SEP, '\0'} : "", val);
		if (n >= sizeof(key))
			n = sizeof(key) - 1;
	}
	struct row *r = row_get(t, key);
	if (r == NULL)
		return -1;
	r->certs++;
	r->findings += findings;
	if (d != NULL && d->decoded && d->has_validity) {
		if (!r->has_time || d->not_before < r->first)
			r->first = d->not_before;
		if (!r->has_time || d->not_before > r->last)
			r->last = d->not_before;
		r->has_time = true;
	}
	return 0;
}

int inventory_add(struct inventory *inv, const smkilint_report *r, const struct out *o)
{
	char v[F_COUNT][300];
	values(v, r);
	const smkilint_digest *d = smkilint_report_digest(r);
	inv->certs++;
	if (d == NULL || !d->decoded)
		inv->not_decoded++;
	/* the shown findings, and the distinct lint ids among them */
	size_t n = smkilint_report_count(r), shown = 0, n_ids = 0;
	const char **ids = n ? calloc(n, sizeof(*ids)) : NULL;
	uint64_t *per = n ? calloc(n, sizeof(*per)) : NULL;
	if (n && (ids == NULL || per == NULL)) {
		free(ids);
		free(per);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (!out_shown(o, f))
			continue;
		shown++;
		size_t k = 0;
		while (k < n_ids && strcmp(ids[k], f->lint) != 0)
			k++;
		if (k == n_ids)
			ids[n_ids++] = f->lint;
		per[k]++;
	}
	int rc = 0;
	for (size_t t = 0; t < inv->n_tables && rc == 0; t++) {
		struct table *tb = &inv->t[t];
		if (!tb->has_lint) {
			rc = count_row(tb, v, NULL, shown, d);
			continue;
		}
		if (n_ids == 0)
			rc = count_row(tb, v, "(no findings)", 0, d);
		for (size_t k = 0; k < n_ids && rc == 0; k++)
			rc = count_row(tb, v, ids[k], per[k], d);
	}
	free(ids);
	free(per);
	return rc;
}

/* ------------------------------------------------------------ output */

static int row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	return strcmp(x->key, y->key);
}

/* Value k of a row's key, into buf. */
static const char *key_part(const struct row *r, size_t k, char *buf, size_t size)
{
	const char *p = r->key;
	for (size_t i = 0; i < k && p != NULL; i++) {
		p = strchr(p, SEP);
		if (p != NULL)
			p++;
	}
	if (p == NULL)
		p = "";
	const char *e = strchr(p, SEP);
	size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
	if (n >= size)
		n = size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

static void time_text(char *buf, size_t size, int64_t t, bool date_only)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, size, date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, size, "%" PRId64, t);
}

/* CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
static void csv_put(FILE *f, const char *s)
{
	char *safe = out_safe(s, true);
	const char *p = safe != NULL ? safe : "";
	if (strpbrk(p, ",\"\r\n") == NULL) {
		fputs(p, f);
	} else {
		fputc('"', f);
		for (; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	}
	free(safe);
}

static void text_table(FILE *f, const struct table *t)
{
	size_t w[MAX_BY];
	char buf[600];
	for (size_t k = 0; k < t->n_by; k++) {
		w[k] = strlen(field_names[t->by[k]]);
		for (size_t i = 0; i < t->n; i++) {
			char *safe = out_safe(key_part(&t->rows[i], k, buf, sizeof(buf)), true);
			size_t len = safe != NULL ? strlen(safe) : 0;
			free(safe);
			if (len > w[k])
				w[k] = len;
		}
		if (w[k] > 64)
			w[k] = 64;
	}
	fputc('\n', f);
	for (size_t k = 0; k < t->n_by; k++)
		fprintf(f, "%-*s  ", (int)w[k], field_names[t->by[k]]);
	fprintf(f, "%12s  %9s  %-14s  %s\n", "certificates", "findings", "notBefore from", "to");
	for (size_t i = 0; i < t->n; i++) {
		const struct row *r = &t->rows[i];
		for (size_t k = 0; k < t->n_by; k++) {
			char *safe = out_safe(key_part(r, k, buf, sizeof(buf)), true);
			fprintf(f, "%-*s  ", (int)w[k], safe != NULL ? safe : "");
			free(safe);
		}
		char a[40] = "-", b[40] = "-";
		if (r->has_time) {
			time_text(a, sizeof(a), r->first, true);
			time_text(b, sizeof(b), r->last, true);
		}
		fprintf(f, "%12" PRIu64 "  %9" PRIu64 "  %-14s  %s\n", r->certs, r->findings, a, b);
	}
}

static json_t *table_json(const struct table *t)
{
	json_t *by = json_array(), *rows = json_array();
	char buf[600];
	for (size_t k = 0; k < t->n_by; k++)
		json_array_append_new(by, json_string(field_names[t->by[k]]));
	for (size_t i = 0; i < t->n; i++) {
		const struct row *r = &t->rows[i];
		json_t *o = json_object();
		for (size_t k = 0; k < t->n_by; k++)
			json_object_set_new(o, field_names[t->by[k]], out_json_string(key_part(r, k, buf, sizeof(buf))));
		json_object_set_new(o, "certificates", json_integer((json_int_t)r->certs));
		json_object_set_new(o, "findings", json_integer((json_int_t)r->findings));
		char a[40], b[40];
		if (r->has_time) {
			time_text(a, sizeof(a), r->first, false);
			time_text(b, sizeof(b), r->last, false);
		}
		json_object_set_new(o, "first_not_before", r->has_time ? json_string(a) : json_null());
		json_object_set_new(o, "last_not_before", r->has_time ? json_string(b) : json_null());
		json_array_append_new(rows, o);
	}
	json_t *j = json_object();
	json_object_set_new(j, "by", by);
	json_object_set_new(j, "rows", rows);
	return j;
}

static void csv_row_tail(FILE *f, const struct row *r)
{
	char a[40] = "", b[40] = "";
	if (r->has_time) {
		time_text(a, sizeof(a), r->first, false);
		time_text(b, sizeof(b), r->last, false);
	}
	fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%s,%s\r\n", r->certs, r->findings, a, b);
}

int inventory_print(struct inventory *inv, FILE *f, enum inv_format fmt, size_t unreadable)
{
	for (size_t i = 0; i < inv->n_tables; i++)
		if (inv->t[i].n > 1)
			qsort(inv->t[i].rows, inv->t[i].n, sizeof(*inv->t[i].rows), row_cmp);
	char buf[600];
	switch (fmt) {
	case INV_TEXT:
		fprintf(f, "%" PRIu64 " certificate%s in %" PRIu64 " input%s (%" PRIu64 " not decoded",
			inv->certs, inv->certs == 1 ? "" : "s", inv->inputs, inv->inputs == 1 ? "" : "s", inv->not_decoded);
		if (unreadable)
			fprintf(f, "; %zu input%s could not be read", unreadable, unreadable == 1 ? "" : "s");
		fputs(")\n", f);
		for (size_t i = 0; i < inv->n_tables; i++)
			text_table(f, &inv->t[i]);
		break;
	case INV_JSON: {
		json_t *j = json_object(), *tables = json_array();
		json_object_set_new(j, "smkilint_version", json_string(SMKILINT_VERSION));
		json_object_set_new(j, "inputs", json_integer((json_int_t)inv->inputs));
		json_object_set_new(j, "unreadable_inputs", json_integer((json_int_t)unreadable));
		json_object_set_new(j, "certificates", json_integer((json_int_t)inv->certs));
		json_object_set_new(j, "not_decoded", json_integer((json_int_t)inv->not_decoded));
		for (size_t i = 0; i < inv->n_tables; i++)
			json_array_append_new(tables, table_json(&inv->t[i]));
		json_object_set_new(j, "tables", tables);
		char *s = json_dumps(j, JSON_INDENT(1) | JSON_ENSURE_ASCII);
		json_decref(j);
		if (s == NULL)
			return -1;
		fprintf(f, "%s\n", s);
		free(s);
		break;
	}
	case INV_CSV:
		if (inv->by_default) {
			/* every table in one: field, value, counts */
			fputs("field,value,certificates,findings,first_not_before,last_not_before\r\n", f);
			for (size_t i = 0; i < inv->n_tables; i++)
				for (size_t k = 0; k < inv->t[i].n; k++) {
					fprintf(f, "%s,", field_names[inv->t[i].by[0]]);
					csv_put(f, key_part(&inv->t[i].rows[k], 0, buf, sizeof(buf)));
					csv_row_tail(f, &inv->t[i].rows[k]);
				}
			break;
		}
		for (size_t k = 0; k < inv->t[0].n_by; k++)
			fprintf(f, "%s,", field_names[inv->t[0].by[k]]);
		fputs("certificates,findings,first_not_before,last_not_before\r\n", f);
		for (size_t i = 0; i < inv->t[0].n; i++) {
			for (size_t k = 0; k < inv->t[0].n_by; k++) {
				if (k)
					fputc(',', f);
				csv_put(f, key_part(&inv->t[0].rows[i], k, buf, sizeof(buf)));
			}
			csv_row_tail(f, &inv->t[0].rows[i]);
		}
		break;
	}
	return ferror(f) ? -1 : 0;
}

int cmd_inventory(int argc, char **argv)
{
	return lint_main(argc, argv, true);
}
