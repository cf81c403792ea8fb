/* jsoncheck: check smkilint's JSON and JSON Lines output against the
 * documented contract (README.md, "JSON and JSON Lines"), then print it as
 * tab-separated lines that shell tests can grep.
 *
 *   jsoncheck jsonl FILE   one report object per line
 *   jsoncheck json FILE    {"schema_version": ..., "smkilint_version": ...,
 *                           "results": [report...], "summary": {...}}
 *   jsoncheck lints FILE   the array written by `smkilint lints --format json`
 *
 * FILE may be - for standard input. Output, one line per report and finding:
 *
 *   R <input> <index> <profile or -> <number of findings> <highest severity or ->
 *   F <input> <index> <severity> <lint> <path> <offset or -> <length or ->
 *   W <input> <index> <lint> <reason>          (after F: the finding is waived)
 *   C <input> <index> <lint> <input> <index>   (after F: a certificate the finding involves)
 *   B <input> <index> <number of findings>     (after R: a bulk result, `lint --bulk`)
 *   S bulk <certificates> <findings>           (json: the summary's bulk counts)
 *
 * (for `lints`: L <id> <severity>). Exit status: 0 the output keeps the
 * contract, 1 it does not (stderr says where, for the first 20 problems),
 * 2 usage or I/O error.
 *
 * The checks: exact key sets (no key missing, none extra; a finding's
 * "suppressed" is the one optional key), value types,
 * severities from the documented list, offset and length both null or both
 * non-negative integers, and indices counting 0, 1, 2... within each input.
 * The optional keys of `lint --bulk` (README, "Bulk checks and inventory"):
 * a result's "bulk" (true: it follows every certificate's own result, so
 * it is outside the index sequence), a finding's "certificates" (an array
 * of {"input", "index"}, at least two) and the summary's "bulk"
 * ({"certificates", "findings"}).
 * The lint catalogue is not part of that contract and grows: for it only
 * the keys a program needs are required, and others are allowed. */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const severities[] = {"info", "notice", "warning", "error", "fatal"};
static const char *const report_keys[] = {"input", "index", "profile", "profile_reason", "findings"};
static const char *const suppressed_keys[] = {"reason", "expires", "waiver"};
static const char *const summary_keys[] = {"inputs", "unreadable_inputs", "certificates", "certificates_with_findings",
					   "findings", "suppressed", "fail_on", "min_severity", "failed", "exit_status",
					   "errors"};
static const char *const finding_keys[] = {"lint",    "severity", "path",  "offset",  "length",
					   "message", "expected", "found", "citation"};
static const char *const lint_keys[] = {"id", "severity", "citation", "description"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct where {
	const char *file;
	size_t line;             /* jsonl: line number; json: 0 */
	size_t result;           /* json: result number; NO_RESULT: the document */
};

#define NO_RESULT ((size_t)-1)

static bool failed;
static unsigned long n_problems;

static void fail(const struct where *w, const char *fmt, const char *detail)
{
	failed = true;
	if (++n_problems > 20)
		return;
	if (w->line)
		fprintf(stderr, "jsoncheck: %s: line %zu: ", w->file, w->line);
	else if (w->result == NO_RESULT)
		fprintf(stderr, "jsoncheck: %s: ", w->file);
	else
		fprintf(stderr, "jsoncheck: %s: result %zu: ", w->file, w->result);
	fprintf(stderr, fmt, detail);
	fputc('\n', stderr);
}

static int severity_rank(const char *s)
{
	for (size_t i = 0; i < N(severities); i++)
		if (strcmp(s, severities[i]) == 0)
			return (int)i;
	return -1;
}

/* The object has these keys, and no other unless extra_ok. */
static bool has_keys(const struct where *w, json_t *o, const char *const *keys, size_t n, const char *what,
		     bool extra_ok)
{
	if (!json_is_object(o)) {
		fail(w, "%s is not a JSON object", what);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		if (json_object_get(o, keys[i]) == NULL) {
			fail(w, "missing key \"%s\"", keys[i]);
			ok = false;
		}
	const char *k;
	json_t *v;
	if (extra_ok)
		return ok;
	json_object_foreach(o, k, v) {
		bool known = false;
		for (size_t i = 0; i < n && !known; i++)
			known = strcmp(k, keys[i]) == 0;
		if (!known) {
			fail(w, "unexpected key \"%s\"", k);
			ok = false;
		}
	}
	return ok;
}

static bool is_count(json_t *v)
{
	return json_is_integer(v) && json_integer_value(v) >= 0;
}

/* Input name and index of the previous report, for the index sequence. */
static char *prev_input;
static json_int_t prev_index = -1;
static bool seen_bulk;       /* bulk results come last */

/* The optional "certificates" of a bulk finding: checked, printed, then
 * taken out for the exact key set (and put back by the caller). */
static json_t *take_involved(const struct where *w, json_t *f, const char *in, json_int_t ix)
{
	json_t *inv = json_object_get(f, "certificates");
	if (inv == NULL)
		return NULL;
	json_incref(inv);
	json_object_del(f, "certificates");
	if (!json_is_array(inv) || json_array_size(inv) < 2) {
		fail(w, "%s", "\"certificates\" is not an array of at least two certificates");
		return inv;
	}
	size_t i;
	json_t *c;
	static const char *const ref_keys[] = {"input", "index"};
	json_array_foreach(inv, i, c) {
		if (!has_keys(w, c, ref_keys, N(ref_keys), "a certificate of \"certificates\"", false))
			continue;
		json_t *ci = json_object_get(c, "input"), *cx = json_object_get(c, "index");
		if (!json_is_string(ci) || !is_count(cx)) {
			fail(w, "%s", "a certificate of \"certificates\" needs a string input and a non-negative index");
			continue;
		}
		json_t *lint = json_object_get(f, "lint");
		printf("C\t%s\t%lld\t%s\t%s\t%lld\n", in, (long long)ix, json_is_string(lint) ? json_string_value(lint) : "?",
		       json_string_value(ci), (long long)json_integer_value(cx));
	}
	return inv;
}

static void check_report(const struct where *w, json_t *r)
{
	json_t *bulk = json_object_get(r, "bulk");
	if (bulk != NULL) {
		if (!json_is_true(bulk))
			fail(w, "%s", "\"bulk\" is not true");
		json_incref(bulk);
		json_object_del(r, "bulk");
	}
	bool report_ok = has_keys(w, r, report_keys, N(report_keys), "a report", false);
	if (bulk != NULL) {
		json_object_set(r, "bulk", bulk);
		json_decref(bulk);
	}
	if (!report_ok)
		return;
	json_t *input = json_object_get(r, "input"), *index = json_object_get(r, "index");
	json_t *profile = json_object_get(r, "profile"), *findings = json_object_get(r, "findings");
	if (!json_is_string(input) || json_string_length(input) == 0)
		fail(w, "%s", "\"input\" is not a non-empty string");
	if (!is_count(index))
		fail(w, "%s", "\"index\" is not a non-negative integer");
	if (!json_is_string(profile) && !json_is_null(profile))
		fail(w, "%s", "\"profile\" is neither a string nor null");
	json_t *why = json_object_get(r, "profile_reason");
	if (!json_is_string(why) && !json_is_null(why))
		fail(w, "%s", "\"profile_reason\" is neither a string nor null");
	if (!json_is_array(findings)) {
		fail(w, "%s", "\"findings\" is not an array");
		return;
	}
	if (!json_is_string(input) || !is_count(index))
		return;

	const char *in = json_string_value(input);
	json_int_t ix = json_integer_value(index);
	bool same = prev_input != NULL && strcmp(prev_input, in) == 0;
	if (bulk == NULL && seen_bulk)
		fail(w, "%s", "a certificate's result after a bulk result");
	if (bulk == NULL && ix != 0 && !(same && ix == prev_index + 1)) {
		char msg[64];
		snprintf(msg, sizeof(msg), "%lld", (long long)ix);
		fail(w, "index %s does not follow the previous report of the same input", msg);
	}
	if (bulk != NULL) {
		seen_bulk = true;
		if (json_array_size(findings) == 0)
			fail(w, "%s", "a bulk result without findings");
	} else {
		free(prev_input);
		prev_input = strdup(in);
		prev_index = ix;
	}

	int max = -1;
	size_t i;
	json_t *f;
	json_array_foreach(findings, i, f) {
		json_t *sup = json_object_get(f, "suppressed");
		if (sup != NULL) {
			/* the optional key: checked, then set aside for the exact key set */
			if (has_keys(w, sup, suppressed_keys, N(suppressed_keys), "\"suppressed\"", false) &&
			    (!json_is_string(json_object_get(sup, "reason")) ||
			     json_string_length(json_object_get(sup, "reason")) == 0 ||
			     !json_is_string(json_object_get(sup, "waiver")) ||
			     !(json_is_string(json_object_get(sup, "expires")) || json_is_null(json_object_get(sup, "expires")))))
				fail(w, "%s", "\"suppressed\" needs a reason, a waiver location and expires (string or null)");
			json_incref(sup);
			json_object_del(f, "suppressed");
		}
		json_t *inv = take_involved(w, f, in, ix);
		if (inv != NULL && bulk == NULL)
			fail(w, "%s", "\"certificates\" in the finding of a result that is not a bulk one");
		if (inv == NULL && bulk != NULL)
			fail(w, "%s", "a bulk finding without \"certificates\"");
		bool keys_ok = has_keys(w, f, finding_keys, N(finding_keys), "a finding", false);
		if (sup != NULL) {
			json_object_set(f, "suppressed", sup);
			json_decref(sup);
		}
		if (inv != NULL) {
			json_object_set(f, "certificates", inv);
			json_decref(inv);
		}
		if (!keys_ok)
			continue;
		static const char *const strings[] = {"lint", "severity", "path", "message", "expected", "found",
						      "citation"};
		bool types = true;
		for (size_t k = 0; k < N(strings); k++)
			if (!json_is_string(json_object_get(f, strings[k]))) {
				fail(w, "finding key \"%s\" is not a string", strings[k]);
				types = false;
			}
		json_t *off = json_object_get(f, "offset"), *len = json_object_get(f, "length");
		if (!((json_is_null(off) && json_is_null(len)) || (is_count(off) && is_count(len)))) {
			fail(w, "%s", "\"offset\" and \"length\" must both be null or both non-negative integers");
			types = false;
		}
		if (!types)
			continue;
		const char *lint = json_string_value(json_object_get(f, "lint"));
		const char *sev = json_string_value(json_object_get(f, "severity"));
		if (lint[0] == '\0')
			fail(w, "%s", "empty \"lint\" id");
		if (json_string_value(json_object_get(f, "message"))[0] == '\0')
			fail(w, "finding %s has an empty message", lint);
		if (json_string_value(json_object_get(f, "citation"))[0] == '\0')
			fail(w, "finding %s has an empty citation", lint);
		int rank = severity_rank(sev);
		if (rank < 0) {
			fail(w, "unknown severity \"%s\"", sev);
			continue;
		}
		if (rank > max)
			max = rank;
		printf("F\t%s\t%lld\t%s\t%s\t%s\t", in, (long long)ix, sev, lint,
		       json_string_value(json_object_get(f, "path")));
		if (json_is_null(off))
			printf("-\t-\n");
		else
			printf("%lld\t%lld\n", (long long)json_integer_value(off), (long long)json_integer_value(len));
		if (sup != NULL && json_is_string(json_object_get(sup, "reason")))
			printf("W\t%s\t%lld\t%s\t%s\n", in, (long long)ix, lint,
			       json_string_value(json_object_get(sup, "reason")));
	}
	printf("R\t%s\t%lld\t%s\t%zu\t%s\n", in, (long long)ix,
	       json_is_string(profile) ? json_string_value(profile) : "-", json_array_size(findings),
	       max >= 0 ? severities[max] : "-");
	if (bulk != NULL)
		printf("B\t%s\t%lld\t%zu\n", in, (long long)ix, json_array_size(findings));
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	for (;;) {
		if (buf == NULL)
			break;
		if (n == cap) {
			char *nb = realloc(buf, 2 * cap + 1);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (buf != NULL && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	if (buf != NULL)
		buf[n] = '\0';
	*len = n;
	return buf;
}

static void check_jsonl(const char *file, char *text, size_t len)
{
	struct where w = {file, 0, 0};
	if (len > 0 && text[len - 1] != '\n') {
		w.line = 1;
		for (size_t i = 0; i < len; i++)
			w.line += text[i] == '\n';
		fail(&w, "%s", "the last line has no newline");
	}
	char *p = text, *end = text + len;
	for (w.line = 1; p < end; w.line++) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		json_error_t err;
		json_t *r = json_loadb(p, n, JSON_REJECT_DUPLICATES, &err);
		if (r == NULL)
			fail(&w, "not one JSON value: %s", err.text);
		else
			check_report(&w, r);
		json_decref(r);
		p += n + 1;
	}
}

static void check_json(const char *file, const char *text, size_t len)
{
	struct where w = {file, 0, NO_RESULT};
	json_error_t err;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (doc == NULL) {
		fprintf(stderr, "jsoncheck: %s: line %d column %d: not one JSON document: %s\n", file, err.line,
			err.column, err.text);
		failed = true;
		return;
	}
	static const char *const top[] = {"schema_version", "smkilint_version", "results", "summary"};
	if (has_keys(&w, doc, top, N(top), "the document", false)) {
		if (!json_is_string(json_object_get(doc, "schema_version")))
			fail(&w, "%s", "\"schema_version\" is not a string");
		json_t *sum = json_object_get(doc, "summary");
		json_t *sbulk = json_object_get(sum, "bulk");
		if (sbulk != NULL) {
			static const char *const bulk_keys[] = {"certificates", "findings"};
			if (has_keys(&w, sbulk, bulk_keys, N(bulk_keys), "summary \"bulk\"", false) &&
			    (!is_count(json_object_get(sbulk, "certificates")) || !is_count(json_object_get(sbulk, "findings"))))
				fail(&w, "%s", "summary: \"bulk\" counts are not non-negative integers");
			else
				printf("S\tbulk\t%lld\t%lld\n", (long long)json_integer_value(json_object_get(sbulk, "certificates")),
				       (long long)json_integer_value(json_object_get(sbulk, "findings")));
			json_incref(sbulk);
			json_object_del(sum, "bulk");
		}
		bool sum_ok = has_keys(&w, sum, summary_keys, N(summary_keys), "\"summary\"", false);
		if (sbulk != NULL) {
			json_object_set(sum, "bulk", sbulk);
			json_decref(sbulk);
		}
		if (sum_ok) {
			static const char *const counts[] = {"inputs", "unreadable_inputs", "certificates",
							     "certificates_with_findings", "suppressed", "exit_status"};
			for (size_t k = 0; k < N(counts); k++)
				if (!is_count(json_object_get(sum, counts[k])))
					fail(&w, "summary: \"%s\" is not a non-negative integer", counts[k]);
			json_t *by = json_object_get(sum, "findings");
			if (!has_keys(&w, by, severities, N(severities), "summary \"findings\"", false))
				fail(&w, "%s", "summary: \"findings\" counts each severity");
			if (!json_is_boolean(json_object_get(sum, "failed")) || !json_is_array(json_object_get(sum, "errors")))
				fail(&w, "%s", "summary: \"failed\" is a boolean and \"errors\" an array");
		}
		json_t *v = json_object_get(doc, "smkilint_version"), *results = json_object_get(doc, "results");
		if (!json_is_string(v))
			fail(&w, "%s", "\"smkilint_version\" is not a string");
		else
			printf("V\t%s\n", json_string_value(v));
		if (!json_is_array(results)) {
			fail(&w, "%s", "\"results\" is not an array");
		} else {
			size_t i;
			json_t *r;
			json_array_foreach(results, i, r) {
				w.result = i;
				check_report(&w, r);
			}
		}
	}
	json_decref(doc);
}

static void check_lints(const char *file, const char *text, size_t len)
{
	struct where w = {file, 0, NO_RESULT};
	json_error_t err;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (!json_is_array(doc)) {
		fprintf(stderr, "jsoncheck: %s: not one JSON array: %s\n", file, doc == NULL ? err.text : "other type");
		failed = true;
		json_decref(doc);
		return;
	}
	size_t i;
	json_t *l;
	json_array_foreach(doc, i, l) {
		w.result = i;
		if (!has_keys(&w, l, lint_keys, N(lint_keys), "a lint", true))
			continue;
		json_t *id = json_object_get(l, "id"), *sev = json_object_get(l, "severity");
		if (!json_is_string(id) || !json_is_string(sev) || severity_rank(json_string_value(sev)) < 0) {
			fail(&w, "%s", "bad \"id\" or \"severity\"");
			continue;
		}
		printf("L\t%s\t%s\n", json_string_value(id), json_string_value(sev));
	}
	json_decref(doc);
}

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "json") != 0 && strcmp(argv[1], "jsonl") != 0 &&
			  strcmp(argv[1], "lints") != 0)) {
		fprintf(stderr, "usage: jsoncheck json|jsonl|lints FILE\n");
		return 2;
	}
	size_t len = 0;
	char *text = read_file(argv[2], &len);
	if (text == NULL) {
		perror(argv[2]);
		return 2;
	}
	if (strlen(text) != len) {
		fprintf(stderr, "jsoncheck: %s: NUL byte in the output\n", argv[2]);
		failed = true;
	} else if (strcmp(argv[1], "jsonl") == 0) {
		check_jsonl(argv[2], text, len);
	} else if (strcmp(argv[1], "json") == 0) {
		check_json(argv[2], text, len);
	} else {
		check_lints(argv[2], text, len);
	}
	free(text);
	free(prev_input);
	if (n_problems > 20)
		fprintf(stderr, "jsoncheck: %s: %lu more problems not shown\n", argv[2], n_problems - 20);
	if (fflush(stdout) != 0)
		return 2;
	return failed ? 1 : 0;
}
