/* JUnit XML output: one testsuite per input, one testcase per certificate,
 * one failure per shown, unsuppressed finding at or above --fail-on; the
 * other shown findings (below the threshold, or waived) go to the testcase's
 * system-out. An input that cannot be read is a testsuite with one error.
 * A testsuite's counts are attributes of its start tag, so each input's
 * testcases are written to a temporary file first and copied after. The
 * shape is tests/cli/schemas/junit.xsd. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

struct junit_state {
	FILE *tmp;               /* the current input's testcases */
	char *input;
	size_t tests, failures, errors;
};

/* XML text or attribute value: markup characters escaped; bytes that are not
 * UTF-8, and control characters (not allowed in XML 1.0), as \xNN. Tabs and
 * newlines stay in text, and become character references in attributes. */
static void xml_put(FILE *f, const char *s, bool attr)
{
	char *safe = out_safe(s, false);
	for (const char *p = safe != NULL ? safe : ""; *p; p++) {
		unsigned char c = (unsigned char)*p;
		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs(attr ? "&quot;" : "\"", f); break;
		case '\n': fputs(attr ? "&#10;" : "\n", f); break;
		case '\t': fputs(attr ? "&#9;" : "\t", f); break;
		case '\r': fputs(attr ? "&#13;" : "\r", f); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(f, "\\x%02x", c);
			else
				fputc(c, f);
		}
	}
	free(safe);
}

int junit_begin(struct out *o)
{
	o->junit = calloc(1, sizeof(*o->junit));
	if (o->junit == NULL)
		return -1;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"smkilint\">\n", o->f);
	return ferror(o->f) ? -1 : 0;
}

void junit_input_begin(struct out *o, const char *name)
{
	struct junit_state *st = o->junit;
	if (st->tmp == NULL)
		st->tmp = tmpfile();
	else
		rewind(st->tmp);
	if (st->tmp != NULL && ftruncate(fileno(st->tmp), 0) != 0)
		clearerr(st->tmp);
	free(st->input);
	st->input = strdup(name);
	st->tests = st->failures = st->errors = 0;
}

static void finding_text(FILE *f, const smkilint_report *r, size_t i)
{
	const smkilint_finding *x = smkilint_report_finding(r, i);
	fprintf(f, "%s %s", smkilint_severity_name(x->severity), x->lint);
	if (x->path[0]) {
		fputs(" at ", f);
		xml_put(f, x->path, false);
	}
	if (x->has_offset)
		fprintf(f, " (offset %zu, length %zu)", x->offset, x->length);
	fputs("\n", f);
	xml_put(f, x->message, false);
	if (x->expected[0] || x->found[0]) {
		fputs("\nexpected: ", f);
		xml_put(f, x->expected, false);
		fputs("\nfound:    ", f);
		xml_put(f, x->found, false);
	}
	fputs("\nrule: ", f);
	xml_put(f, x->citation, false);
	fputs("\n", f);
	size_t n_inv = smkilint_report_involved_count(r, i);
	for (size_t k = 0; k < n_inv; k++) {
		const smkilint_cert_ref *c = smkilint_report_involved(r, i, k);
		fputs(k == 0 ? "certificates: " : ", ", f);
		xml_put(f, c->input, false);
		fprintf(f, " #%zu%s", c->index, k + 1 == n_inv ? "\n" : "");
	}
}

int junit_report(struct out *o, const smkilint_report *r, const struct cert_meta *m)
{
	struct junit_state *st = o->junit;
	FILE *f = st->tmp;
	if (f == NULL)
		return -1;
	st->tests++;
	fputs("    <testcase classname=\"", f);
	xml_put(f, smkilint_report_input(r), true);
	fprintf(f, "\" name=\"certificate #%zu%s", smkilint_report_index(r), o->in_bulk ? " (bulk checks)" : "");
	if (m->is_pem && m->line > 0)
		fprintf(f, " (line %zu)", m->line);
	if (smkilint_report_profile(r) != NULL) {
		fputs(", profile ", f);
		xml_put(f, smkilint_report_profile(r), true);
	}
	fputs("\">\n", f);
	bool other = false, failed = false;
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *x = smkilint_report_finding(r, i);
		if (!out_shown(o, x))
			continue;
		if (smkilint_report_suppression(r, i) != NULL || x->severity < o->fail_on) {
			other = true;
			continue;
		}
		failed = true;
		fputs("      <failure type=\"", f);
		xml_put(f, x->lint, true);
		fprintf(f, "\" message=\"%s: ", smkilint_severity_name(x->severity));
		xml_put(f, x->message, true);
		fputs("\">", f);
		finding_text(f, r, i);
		fputs("</failure>\n", f);
	}
	if (failed)
		st->failures++;
	if (other) {
		fputs("      <system-out>", f);
		for (size_t i = 0; i < smkilint_report_count(r); i++) {
			const smkilint_finding *x = smkilint_report_finding(r, i);
			const smkilint_waiver *w = smkilint_report_suppression(r, i);
			if (!out_shown(o, x) || (w == NULL && x->severity >= o->fail_on))
				continue;
			if (w != NULL) {
				fputs("[waived: ", f);
				xml_put(f, w->reason, false);
				fprintf(f, " (%s%s%s)] ", w->source, w->expires ? ", expires " : "", w->expires ? w->expires : "");
			}
			finding_text(f, r, i);
		}
		fputs("</system-out>\n", f);
	}
	fputs("    </testcase>\n", f);
	return ferror(f) ? -1 : 0;
}

void junit_input_end(struct out *o)
{
	struct junit_state *st = o->junit;
	fputs("  <testsuite name=\"", o->f);
	xml_put(o->f, st->input != NULL ? st->input : "", true);
	fprintf(o->f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\">\n", st->tests, st->failures,
		st->errors);
	if (st->tmp != NULL) {
		fflush(st->tmp);
		rewind(st->tmp);
		char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), st->tmp)) > 0)
			fwrite(buf, 1, n, o->f);
	}
	fputs("  </testsuite>\n", o->f);
}

static void error_case(FILE *f, const char *name, const char *message)
{
	fputs("    <testcase classname=\"", f);
	xml_put(f, name, true);
	fputs("\" name=\"read\">\n      <error type=\"input\" message=\"", f);
	xml_put(f, message, true);
	fputs("\">", f);
	xml_put(f, name, false);
	fputs(": ", f);
	xml_put(f, message, false);
	fputs("</error>\n    </testcase>\n", f);
}

void junit_input_error(struct out *o, const char *name, const char *message)
{
	struct junit_state *st = o->junit;
	if (o->in_input && st->tmp != NULL) {   /* within an input: its suite gets the error */
		st->tests++;
		st->errors++;
		error_case(st->tmp, name, message);
		return;
	}
	fputs("  <testsuite name=\"", o->f);
	xml_put(o->f, name, true);
	fputs("\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n", o->f);
	error_case(o->f, name, message);
	fputs("  </testsuite>\n", o->f);
}

int junit_end(struct out *o)
{
	struct junit_state *st = o->junit;
	fputs("</testsuites>\n", o->f);
	if (st->tmp != NULL)
		fclose(st->tmp);
	free(st->input);
	free(st);
	o->junit = NULL;
	return ferror(o->f) ? -1 : 0;
}
