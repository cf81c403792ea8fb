/* Text, JSON and JSON Lines output, and what every format shares: which
 * findings are shown, counted and failing. JSON is written with jansson, so
 * escaping is never done by hand. The JSON shapes are docs/report.schema.json. */
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

/* ------------------------------------------------------------ safe strings */

/* Length of the valid UTF-8 sequence at p (1..4), or 0. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned c = p[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if (n == 3 && ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f)))
		return 0;            /* overlong, or a surrogate */
	if (n == 4 && ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f)))
		return 0;
	return n;
}

char *out_safe(const char *s, bool no_controls)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	size_t len = strlen((const char *)p);
	char *o = malloc(4 * len + 1), *w = o;
	if (o == NULL)
		return NULL;
	while (*p) {
		size_t n = utf8_len(p);
		bool control = n == 1 && (*p < 0x20 || *p == 0x7f);
		if (n == 0 || (no_controls && control)) {
			w += sprintf(w, "\\x%02x", *p);
			p++;
			continue;
		}
		memcpy(w, p, n);
		w += n;
		p += n;
	}
	*w = '\0';
	return o;
}

json_t *out_json_string(const char *s)
{
	json_t *j = json_string(s != NULL ? s : "");
	if (j != NULL)
		return j;
	char *safe = out_safe(s, false);
	j = json_string(safe != NULL ? safe : "");
	free(safe);
	return j;
}

/* ------------------------------------------------------------ filtering */

bool out_shown(const struct out *o, const smkilint_finding *f)
{
	if (f->severity < o->min_sev)
		return false;
	for (size_t i = 0; i < o->n_ignore; i++)
		if (fnmatch(o->ignore[i], f->lint, 0) == 0)
			return false;
	return true;
}

/* Has the report a shown, unsuppressed finding? */
static bool report_any(const struct out *o, const smkilint_report *r)
{
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		if (out_shown(o, smkilint_report_finding(r, i)) && smkilint_report_suppression(r, i) == NULL)
			return true;
	return false;
}

/* Count a report's shown findings. A bulk report counts findings, not a
 * certificate. */
static void count_report(struct out *o, const smkilint_report *r)
{
	struct out_totals *t = &o->totals;
	if (!o->in_bulk)
		t->certs++;
	bool any = false;
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (!out_shown(o, f))
			continue;
		if (smkilint_report_suppression(r, i) != NULL) {
			t->suppressed++;
			continue;
		}
		any = true;
		t->by_sev[f->severity]++;
		if (o->in_bulk)
			o->bulk_findings++;
		if (f->severity >= o->fail_on)
			o->failed = true;
	}
	if (any && !o->in_bulk)
		t->certs_with_findings++;
}

/* ------------------------------------------------------------ json */

json_t *out_finding_json(const smkilint_finding *f, const smkilint_waiver *w)
{
	json_t *o = json_object();
	json_object_set_new(o, "lint", json_string(f->lint));
	json_object_set_new(o, "severity", json_string(smkilint_severity_name(f->severity)));
	json_object_set_new(o, "path", out_json_string(f->path));
	json_object_set_new(o, "offset", f->has_offset ? json_integer((json_int_t)f->offset) : json_null());
	json_object_set_new(o, "length", f->has_offset ? json_integer((json_int_t)f->length) : json_null());
	json_object_set_new(o, "message", out_json_string(f->message));
	json_object_set_new(o, "expected", out_json_string(f->expected));
	json_object_set_new(o, "found", out_json_string(f->found));
	json_object_set_new(o, "citation", out_json_string(f->citation));
	if (w != NULL) {
		json_t *s = json_object();
		json_object_set_new(s, "reason", out_json_string(w->reason));
		json_object_set_new(s, "expires", w->expires != NULL ? json_string(w->expires) : json_null());
		json_object_set_new(s, "waiver", out_json_string(w->source));
		json_object_set_new(o, "suppressed", s);
	}
	return o;
}

json_t *out_involved_json(const smkilint_report *r, size_t i)
{
	size_t n = smkilint_report_involved_count(r, i);
	if (n == 0)
		return NULL;
	json_t *arr = json_array();
	for (size_t k = 0; k < n; k++) {
		const smkilint_cert_ref *c = smkilint_report_involved(r, i, k);
		json_t *o = json_object();
		json_object_set_new(o, "input", out_json_string(c->input));
		json_object_set_new(o, "index", json_integer((json_int_t)c->index));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *report_json(const struct out *o, const smkilint_report *r)
{
	json_t *j = json_object();
	json_object_set_new(j, "input", out_json_string(smkilint_report_input(r)));
	json_object_set_new(j, "index", json_integer((json_int_t)smkilint_report_index(r)));
	const char *p = smkilint_report_profile(r), *why = smkilint_report_profile_reason(r);
	json_object_set_new(j, "profile", p != NULL ? out_json_string(p) : json_null());
	json_object_set_new(j, "profile_reason", why != NULL ? out_json_string(why) : json_null());
	json_t *arr = json_array();
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (!out_shown(o, f))
			continue;
		json_t *fj = out_finding_json(f, smkilint_report_suppression(r, i));
		json_t *inv = out_involved_json(r, i);
		if (inv != NULL)
			json_object_set_new(fj, "certificates", inv);
		json_array_append_new(arr, fj);
	}
	json_object_set_new(j, "findings", arr);
	if (o->in_bulk)
		json_object_set_new(j, "bulk", json_true());
	return j;
}

static json_t *summary_json(const struct out *o, int exit_status)
{
	const struct out_totals *t = &o->totals;
	json_t *s = json_object(), *by = json_object(), *errs = json_array();
	json_object_set_new(s, "inputs", json_integer((json_int_t)t->inputs));
	json_object_set_new(s, "unreadable_inputs", json_integer((json_int_t)t->unreadable));
	json_object_set_new(s, "certificates", json_integer((json_int_t)t->certs));
	json_object_set_new(s, "certificates_with_findings", json_integer((json_int_t)t->certs_with_findings));
	for (int v = SMKILINT_SEV_FATAL; v >= SMKILINT_SEV_INFO; v--)
		json_object_set_new(by, smkilint_severity_name((smkilint_severity)v), json_integer((json_int_t)t->by_sev[v]));
	json_object_set_new(s, "findings", by);
	json_object_set_new(s, "suppressed", json_integer((json_int_t)t->suppressed));
	json_object_set_new(s, "fail_on", json_string(smkilint_severity_name(o->fail_on)));
	json_object_set_new(s, "min_severity", json_string(smkilint_severity_name(o->min_sev)));
	json_object_set_new(s, "failed", json_boolean(o->failed));
	json_object_set_new(s, "exit_status", json_integer(exit_status));
	for (size_t i = 0; i < o->n_errors; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "input", out_json_string(o->errors[i].input));
		json_object_set_new(e, "message", out_json_string(o->errors[i].message));
		json_array_append_new(errs, e);
	}
	json_object_set_new(s, "errors", errs);
	if (o->bulk) {
		json_t *b = json_object();
		json_object_set_new(b, "certificates", json_integer((json_int_t)o->bulk_certs));
		json_object_set_new(b, "findings", json_integer((json_int_t)o->bulk_findings));
		json_object_set_new(s, "bulk", b);
	}
	return s;
}

/* ------------------------------------------------------------ text */

static const char *sev_colour(smkilint_severity s)
{
	switch (s) {
	case SMKILINT_SEV_FATAL: return "\033[1;35m";
	case SMKILINT_SEV_ERROR: return "\033[1;31m";
	case SMKILINT_SEV_WARNING: return "\033[1;33m";
	case SMKILINT_SEV_NOTICE: return "\033[1;36m";
	default: return "\033[1;34m";
	}
}

/* fprintf of strings from certificates: no control characters, valid UTF-8. */
static void put_safe(FILE *f, const char *prefix, const char *s, const char *suffix)
{
	char *safe = out_safe(s, true);
	fprintf(f, "%s%s%s", prefix, safe != NULL ? safe : "", suffix);
	free(safe);
}

/* A TBSCertificate: the lints that need the signature, not run. */
static void text_skipped(FILE *f, const smkilint_report *r)
{
	size_t n = smkilint_report_skipped_count(r);
	if (n == 0)
		return;
	fprintf(f, "  skipped, no signature yet (%zu):", n);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s %s", i ? "," : "", smkilint_report_skipped(r, i));
	fputc('\n', f);
}

static void text_report(const struct out *o, FILE *out, const smkilint_report *r, bool any)
{
	size_t shown = 0, waived = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		if (!out_shown(o, smkilint_report_finding(r, i)))
			continue;
		if (smkilint_report_suppression(r, i) != NULL)
			waived++;
		else
			shown++;
	}
	const char *bold = o->colour ? "\033[1m" : "", *reset = o->colour ? "\033[0m" : "";
	if (!any && !(o->verbose && waived > 0)) {
		if (o->verbose && !o->in_bulk) {
			put_safe(out, bold, smkilint_report_input(r), "");
			fprintf(out, " #%zu%s: no findings%s\n", smkilint_report_index(r), reset,
				waived ? " (waived ones aside)" : "");
			text_skipped(out, r);
		}
		return;
	}
	put_safe(out, bold, smkilint_report_input(r), "");
	fprintf(out, " #%zu%s: %zu%s finding%s", smkilint_report_index(r), reset, shown, o->in_bulk ? " bulk" : "",
		shown == 1 ? "" : "s");
	if (waived)
		fprintf(out, " (and %zu waived)", waived);
	fputc('\n', out);
	const char *why = smkilint_report_profile_reason(r);
	if (smkilint_report_profile(r) != NULL) {
		put_safe(out, "  profile ", smkilint_report_profile(r), why ? ": " : "\n");
		if (why)
			put_safe(out, "", why, "\n");
	} else if (why != NULL) {
		put_safe(out, "  no profile: ", why, "\n");
	}
	text_skipped(out, r);
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		const smkilint_waiver *w = smkilint_report_suppression(r, i);
		if (!out_shown(o, f) || (w != NULL && !o->verbose))
			continue;
		fprintf(out, "  %s%-7s%s %s%s\n", o->colour ? sev_colour(f->severity) : "",
			smkilint_severity_name(f->severity), reset, f->lint, w != NULL ? " (waived)" : "");
		if (f->has_offset)
			put_safe(out, "          at ", f->path, "");
		if (f->has_offset)
			fprintf(out, " (offset %zu, length %zu)\n", f->offset, f->length);
		else if (f->path[0])
			put_safe(out, "          at ", f->path, "\n");
		put_safe(out, "          ", f->message, "\n");
		if (f->expected[0] || f->found[0]) {
			put_safe(out, "          expected: ", f->expected, "\n");
			put_safe(out, "          found:    ", f->found, "\n");
		}
		put_safe(out, "          rule: ", f->citation, "\n");
		size_t n_inv = smkilint_report_involved_count(r, i);
		for (size_t k = 0; k < n_inv; k++) {
			const smkilint_cert_ref *c = smkilint_report_involved(r, i, k);
			put_safe(out, k == 0 ? "          certificates: " : ", ", c->input, "");
			fprintf(out, " #%zu%s", c->index, k + 1 == n_inv ? "\n" : "");
		}
		if (w != NULL) {
			put_safe(out, "          waived: ", w->reason, "");
			fprintf(out, " (%s%s%s)\n", w->source, w->expires ? ", expires " : "", w->expires ? w->expires : "");
		}
	}
}

/* "3 certificates", "2 certification requests", or with several kinds
 * "5 items (3 certificates, 2 certification requests)". */
static void text_items(FILE *f, const struct out_totals *t)
{
	static const char *const noun[3][2] = {{"certificate", "certificates"},
					       {"TBS certificate", "TBS certificates"},
					       {"certification request", "certification requests"}};
	size_t kinds = 0, which = 0;
	for (size_t k = 0; k < 3; k++)
		if (t->by_kind[k] > 0)
			kinds++, which = k;
	if (kinds <= 1) {
		fprintf(f, "%zu %s", t->certs, noun[which][t->certs != 1]);
		return;
	}
	fprintf(f, "%zu items (", t->certs);
	for (size_t k = 0, n = 0; k < 3; k++)
		if (t->by_kind[k] > 0)
			fprintf(f, "%s%zu %s", n++ ? ", " : "", t->by_kind[k], noun[k][t->by_kind[k] != 1]);
	fputc(')', f);
}

static void text_summary(struct out *o)
{
	const struct out_totals *t = &o->totals;
	text_items(o->f, t);
	fprintf(o->f, " in %zu input%s: %zu with findings (fatal %zu, error %zu, warning %zu, "
		"notice %zu, info %zu)",
		t->inputs, t->inputs == 1 ? "" : "s", t->certs_with_findings,
		t->by_sev[SMKILINT_SEV_FATAL], t->by_sev[SMKILINT_SEV_ERROR], t->by_sev[SMKILINT_SEV_WARNING],
		t->by_sev[SMKILINT_SEV_NOTICE], t->by_sev[SMKILINT_SEV_INFO]);
	if (t->suppressed)
		fprintf(o->f, "; %zu waived", t->suppressed);
	if (t->unreadable)
		fprintf(o->f, "; %zu input%s could not be read", t->unreadable, t->unreadable == 1 ? "" : "s");
	if (o->bulk)
		fprintf(o->f, "; bulk checks over %zu certificate%s: %zu finding%s", o->bulk_certs,
			o->bulk_certs == 1 ? "" : "s", o->bulk_findings, o->bulk_findings == 1 ? "" : "s");
	fputc('\n', o->f);
}

/* ------------------------------------------------------------ issuers */

void out_issuer_notes(const struct out *o, smkilint_ctx *ctx, const smkilint_issuers *iss)
{
	for (size_t i = 0; i < smkilint_issuers_count(iss); i++) {
		smkilint_report *r = NULL;
		if (smkilint_issuers_check(&r, ctx, iss, i) != 0)
			continue;
		for (size_t k = 0; k < smkilint_report_count(r); k++) {
			const smkilint_finding *f = smkilint_report_finding(r, k);
			if (!out_shown(o, f))
				continue;
			put_safe(stderr, "smkilint: issuer ", smkilint_report_input(r), "");
			fprintf(stderr, " #%zu: %s %s: ", smkilint_report_index(r), smkilint_severity_name(f->severity),
				f->lint);
			put_safe(stderr, "", f->message, "\n");
		}
		smkilint_report_free(r);
	}
}

/* ------------------------------------------------------------ dispatch */

int out_begin(struct out *o)
{
	o->first = true;
	o->failed = false;
	o->in_input = false;
	memset(&o->totals, 0, sizeof(o->totals));
	switch (o->format) {
	case OUT_JSON:
		fprintf(o->f, "{\"schema_version\": \"%s\", \"smkilint_version\": \"%s\", \"results\": [\n",
			REPORT_SCHEMA_VERSION, SMKILINT_VERSION);
		break;
	case OUT_SARIF:
		return sarif_begin(o);
	case OUT_JUNIT:
		return junit_begin(o);
	default:
		break;
	}
	return 0;
}

void out_input_begin(struct out *o, const char *name)
{
	o->totals.inputs++;
	o->in_input = true;
	if (o->format == OUT_JUNIT)
		junit_input_begin(o, name);
}

void out_input_end(struct out *o)
{
	if (o->format == OUT_JUNIT)
		junit_input_end(o);
	o->in_input = false;
}

/* text, json and jsonl: the text of one report (json and jsonl: without
 * the separator or newline that follows it). Reads only the options. */
static char *render(const struct out *o, const smkilint_report *r)
{
	if (o->format == OUT_TEXT) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		if (f == NULL)
			return NULL;
		text_report(o, f, r, report_any(o, r));
		if (fclose(f) != 0 || text == NULL) {
			free(text);
			return NULL;
		}
		return text;
	}
	json_t *j = report_json(o, r);
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(j);
	return s;
}

int out_render(const struct out *o, const smkilint_report *r, char **text)
{
	*text = NULL;
	if (o->format != OUT_TEXT && o->format != OUT_JSON && o->format != OUT_JSONL)
		return -1;
	*text = render(o, r);
	return *text != NULL ? 0 : -1;
}

int out_report(struct out *o, const smkilint_report *r, const struct cert_meta *m, const char *rendered)
{
	count_report(o, r);
	if (!o->in_bulk)
		o->totals.by_kind[m != NULL && m->kind > 0 && m->kind < 3 ? m->kind : 0]++;
	switch (o->format) {
	case OUT_TEXT:
	case OUT_JSON:
	case OUT_JSONL: {
		char *mine = rendered == NULL ? render(o, r) : NULL;
		const char *s = rendered != NULL ? rendered : mine;
		if (s == NULL)
			return -1;
		if (o->format == OUT_TEXT)
			fputs(s, o->f);
		else if (o->format == OUT_JSON)
			fprintf(o->f, "%s%s", o->first ? "" : ",\n", s);
		else
			fprintf(o->f, "%s\n", s);
		free(mine);
		break;
	}
	case OUT_SARIF:
		if (sarif_report(o, r, m) != 0)
			return -1;
		break;
	case OUT_JUNIT:
		if (junit_report(o, r, m) != 0)
			return -1;
		break;
	}
	o->first = false;
	return ferror(o->f) ? -1 : 0;
}

int out_bulk_begin(struct out *o, size_t certificates)
{
	o->bulk = true;
	o->in_bulk = true;
	o->bulk_certs = certificates;
	if (o->format == OUT_JUNIT)
		junit_input_begin(o, "smkilint lint --bulk");
	return ferror(o->f) ? -1 : 0;
}

int out_bulk_report(struct out *o, const smkilint_report *r, const struct cert_meta *m, bool counted)
{
	size_t shown = 0;
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		shown += out_shown(o, smkilint_report_finding(r, i));
	if (shown == 0)
		return 0;   /* --min-severity or --ignore dropped them all: no bulk result */
	size_t before = o->totals.certs_with_findings;
	int rc = out_report(o, r, m, NULL);
	/* out_report does not count a bulk report's certificate: count it here once */
	o->totals.certs_with_findings = before;
	for (size_t i = 0; !counted && i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (out_shown(o, f) && smkilint_report_suppression(r, i) == NULL) {
			o->totals.certs_with_findings++;
			break;
		}
	}
	return rc;
}

int out_bulk_end(struct out *o)
{
	if (o->format == OUT_JUNIT)
		junit_input_end(o);
	o->in_bulk = false;
	return ferror(o->f) ? -1 : 0;
}

void out_input_error(struct out *o, const char *name, const char *message)
{
	fprintf(stderr, "smkilint: %s: %s\n", name, message);
	o->totals.unreadable++;
	struct out_error *e = realloc(o->errors, (o->n_errors + 1) * sizeof(*e));
	if (e != NULL) {
		o->errors = e;
		e[o->n_errors].input = strdup(name);
		e[o->n_errors].message = strdup(message);
		if (e[o->n_errors].input != NULL && e[o->n_errors].message != NULL) {
			o->n_errors++;
		} else {
			free(e[o->n_errors].input);
			free(e[o->n_errors].message);
		}
	}
	if (o->format == OUT_SARIF)
		sarif_input_error(o, name, message);
	else if (o->format == OUT_JUNIT)
		junit_input_error(o, name, message);
}

int out_end(struct out *o, int exit_status)
{
	int rc = 0;
	switch (o->format) {
	case OUT_TEXT:
		text_summary(o);
		break;
	case OUT_JSON: {
		json_t *s = summary_json(o, exit_status);
		char *txt = json_dumps(s, JSON_COMPACT | JSON_ENSURE_ASCII);
		json_decref(s);
		fprintf(o->f, "%s], \"summary\": %s}\n", o->first ? "" : "\n", txt != NULL ? txt : "{}");
		if (txt == NULL)
			rc = -1;
		free(txt);
		break;
	}
	case OUT_JSONL:
		break;
	case OUT_SARIF:
		rc = sarif_end(o, exit_status);
		break;
	case OUT_JUNIT:
		rc = junit_end(o);
		break;
	}
	for (size_t i = 0; i < o->n_errors; i++) {
		free(o->errors[i].input);
		free(o->errors[i].message);
	}
	free(o->errors);
	o->errors = NULL;
	o->n_errors = 0;
	return rc != 0 || ferror(o->f) ? -1 : 0;
}
