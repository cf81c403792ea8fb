/* Text, JSON and JSON Lines output. JSON is written with jansson, so escaping
 * is never done by hand. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

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

static json_t *finding_json(const smkilint_finding *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "lint", json_string(f->lint));
	json_object_set_new(o, "severity", json_string(smkilint_severity_name(f->severity)));
	json_object_set_new(o, "path", json_string(f->path));
	json_object_set_new(o, "offset", f->has_offset ? json_integer((json_int_t)f->offset) : json_null());
	json_object_set_new(o, "length", f->has_offset ? json_integer((json_int_t)f->length) : json_null());
	json_object_set_new(o, "message", json_string(f->message));
	json_object_set_new(o, "expected", json_string(f->expected));
	json_object_set_new(o, "found", json_string(f->found));
	json_object_set_new(o, "citation", json_string(f->citation));
	return o;
}

static json_t *report_json(const smkilint_report *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "input", json_string(smkilint_report_input(r)));
	json_object_set_new(o, "index", json_integer((json_int_t)smkilint_report_index(r)));
	const char *p = smkilint_report_profile(r);
	json_object_set_new(o, "profile", p != NULL ? json_string(p) : json_null());
	json_t *arr = json_array();
	for (size_t i = 0; i < smkilint_report_count(r); i++)
		json_array_append_new(arr, finding_json(smkilint_report_finding(r, i)));
	json_object_set_new(o, "findings", arr);
	return o;
}

void out_begin(struct out *o)
{
	o->first = true;
	memset(&o->totals, 0, sizeof(o->totals));
	if (o->format == OUT_JSON)
		fprintf(o->f, "{\"smkilint_version\": \"%s\", \"results\": [\n", SMKILINT_VERSION);
}

static void text_report(struct out *o, const smkilint_report *r)
{
	size_t n = smkilint_report_count(r);
	const char *bold = o->colour ? "\033[1m" : "", *reset = o->colour ? "\033[0m" : "";
	if (n == 0) {
		if (o->verbose)
			fprintf(o->f, "%s%s #%zu%s: no findings\n", bold, smkilint_report_input(r),
				smkilint_report_index(r), reset);
		return;
	}
	fprintf(o->f, "%s%s #%zu%s: %zu finding%s\n", bold, smkilint_report_input(r), smkilint_report_index(r), reset,
		n, n == 1 ? "" : "s");
	const char *why = smkilint_report_profile_reason(r);
	if (smkilint_report_profile(r) != NULL)
		fprintf(o->f, "  profile %s%s%s\n", smkilint_report_profile(r), why ? ": " : "", why ? why : "");
	else if (why != NULL)
		fprintf(o->f, "  no profile: %s\n", why);
	for (size_t i = 0; i < n; i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		fprintf(o->f, "  %s%-7s%s %s\n", o->colour ? sev_colour(f->severity) : "",
			smkilint_severity_name(f->severity), reset, f->lint);
		if (f->has_offset)
			fprintf(o->f, "          at %s (offset %zu, length %zu)\n", f->path, f->offset, f->length);
		else if (f->path[0])
			fprintf(o->f, "          at %s\n", f->path);
		fprintf(o->f, "          %s\n", f->message);
		if (f->expected[0] || f->found[0])
			fprintf(o->f, "          expected: %s\n          found:    %s\n", f->expected, f->found);
		fprintf(o->f, "          rule: %s\n", f->citation);
	}
}

int out_report(struct out *o, const smkilint_report *r)
{
	struct out_totals *t = &o->totals;
	t->certs++;
	size_t n = smkilint_report_count(r);
	if (n > 0)
		t->certs_with_findings++;
	for (size_t i = 0; i < n; i++)
		t->by_sev[smkilint_report_finding(r, i)->severity]++;

	if (o->format == OUT_TEXT) {
		text_report(o, r);
	} else {
		json_t *j = report_json(r);
		char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
		json_decref(j);
		if (s == NULL)
			return -1;
		if (o->format == OUT_JSON)
			fprintf(o->f, "%s%s", o->first ? "" : ",\n", s);
		else
			fprintf(o->f, "%s\n", s);
		free(s);
	}
	o->first = false;
	return ferror(o->f) ? -1 : 0;
}

void out_end(struct out *o)
{
	const struct out_totals *t = &o->totals;
	if (o->format == OUT_JSON) {
		fprintf(o->f, "%s]}\n", o->first ? "" : "\n");
		return;
	}
	if (o->format != OUT_TEXT)
		return;
	fprintf(o->f, "%zu certificate%s in %zu input%s: %zu with findings (fatal %zu, error %zu, warning %zu, "
		"notice %zu, info %zu)",
		t->certs, t->certs == 1 ? "" : "s", t->inputs, t->inputs == 1 ? "" : "s", t->certs_with_findings,
		t->by_sev[SMKILINT_SEV_FATAL], t->by_sev[SMKILINT_SEV_ERROR], t->by_sev[SMKILINT_SEV_WARNING],
		t->by_sev[SMKILINT_SEV_NOTICE], t->by_sev[SMKILINT_SEV_INFO]);
	if (t->unreadable)
		fprintf(o->f, "; %zu input%s could not be read", t->unreadable, t->unreadable == 1 ? "" : "s");
	fputc('\n', o->f);
}
