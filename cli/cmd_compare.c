/* smkilint compare REFERENCE CANDIDATE...: field-by-field comparison of
 * freshly generated certificates with the approved one. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

static const char *status_text(smkilint_cmp_status s)
{
	switch (s) {
	case SMKILINT_CMP_SAME: return "same";
	case SMKILINT_CMP_DIFFERENT: return "DIFFERENT";
	case SMKILINT_CMP_FORM_SAME: return "same form";
	case SMKILINT_CMP_FORM_DIFFERENT: return "DIFFERENT FORM";
	case SMKILINT_CMP_ONLY_REFERENCE: return "ONLY IN REFERENCE";
	case SMKILINT_CMP_ONLY_CANDIDATE: return "ONLY IN CANDIDATE";
	}
	return "?";
}

static bool is_difference(smkilint_cmp_status s)
{
	return s != SMKILINT_CMP_SAME && s != SMKILINT_CMP_FORM_SAME;
}

/* Load the first certificate of a file; NULL with a message on error. */
static unsigned char *load_cert(const char *path, smkilint_ctx *ctx, smkilint_input **in, const smkilint_item **item,
				size_t want)
{
	size_t len;
	unsigned char *data = read_all(path, &len);
	if (data == NULL) {
		fprintf(stderr, "smkilint: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (smkilint_input_split(in, ctx, data, len) != 0) {
		free(data);
		return NULL;
	}
	*item = smkilint_input_item(*in, want);
	if (*item == NULL || (*item)->error_lint != NULL) {
		fprintf(stderr, "smkilint: %s: %s\n", path, *item ? (*item)->error_message : "no such certificate");
		smkilint_input_free(*in);
		*in = NULL;
		free(data);
		return NULL;
	}
	return data;
}

static void print_text(const char *ref, const char *cand, const smkilint_comparison *k, bool all, bool colour)
{
	const char *red = colour ? "\033[1;31m" : "", *reset = colour ? "\033[0m" : "";
	printf("reference: %s\ncandidate: %s\n\n", ref, cand);
	printf("%-58s %-14s %-19s %-40s %s\n", "FIELD", "ASPECT", "RESULT", "REFERENCE", "CANDIDATE");
	for (size_t i = 0; i < smkilint_comparison_count(k); i++) {
		const smkilint_cmp_row *r = smkilint_comparison_row(k, i);
		bool diff = is_difference(r->status);
		if (!diff && !all)
			continue;
		printf("%-58s %-14s %s%-19s%s %-40s %s\n", r->path, r->aspect, diff ? red : "", status_text(r->status),
		       diff ? reset : "", r->reference, r->candidate);
	}
	size_t d = smkilint_comparison_differences(k);
	printf("\n%zu difference%s: %s\n", d, d == 1 ? "" : "s", d ? "NOT equivalent" : "equivalent");
}

static json_t *to_json(const char *ref, const char *cand, const smkilint_comparison *k, bool strict)
{
	json_t *o = json_object(), *rows = json_array();
	json_object_set_new(o, "reference", json_string(ref));
	json_object_set_new(o, "candidate", json_string(cand));
	json_object_set_new(o, "strict", json_boolean(strict));
	json_object_set_new(o, "differences", json_integer((json_int_t)smkilint_comparison_differences(k)));
	json_object_set_new(o, "equivalent", json_boolean(smkilint_comparison_differences(k) == 0));
	for (size_t i = 0; i < smkilint_comparison_count(k); i++) {
		const smkilint_cmp_row *r = smkilint_comparison_row(k, i);
		json_t *x = json_object();
		json_object_set_new(x, "path", json_string(r->path));
		json_object_set_new(x, "aspect", json_string(r->aspect));
		static const char *const names[] = {"same", "different", "form_same", "form_different", "only_reference",
						    "only_candidate"};
		json_object_set_new(x, "status", json_string(names[r->status]));
		json_object_set_new(x, "difference", json_boolean(is_difference(r->status)));
		json_object_set_new(x, "reference", json_string(r->reference));
		json_object_set_new(x, "candidate", json_string(r->candidate));
		json_array_append_new(rows, x);
	}
	json_object_set_new(o, "rows", rows);
	return o;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"strict", no_argument, NULL, 's'},
		{"all", no_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	enum out_format format = OUT_TEXT;
	bool strict = false, all = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:sah", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (parse_format(&format, optarg, false) != 0) {
				fprintf(stderr, "smkilint: unknown format '%s' (text, json)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 's': strict = true; break;
		case 'a': all = true; break;
		case 'h':
			printf("usage: smkilint compare [--strict] [--all] [--format text|json] REFERENCE CANDIDATE...\n");
			return EXIT_CLEAN;
		default:
			return EXIT_USAGE;
		}
	}
	if (argc - optind < 2) {
		fprintf(stderr, "usage: smkilint compare [--strict] [--all] [--format text|json] REFERENCE CANDIDATE...\n");
		return EXIT_USAGE;
	}
	smkilint_ctx *ctx = NULL;
	if (smkilint_ctx_new(&ctx) != 0)
		return EXIT_USAGE;
	smkilint_input *rin = NULL;
	const smkilint_item *ritem;
	unsigned char *rdata = load_cert(argv[optind], ctx, &rin, &ritem, 0);
	if (rdata == NULL) {
		smkilint_ctx_free(ctx);
		return EXIT_USAGE;
	}
	int rc = EXIT_CLEAN;
	json_t *all_json = format == OUT_JSON ? json_array() : NULL;
	const char *nc = getenv("NO_COLOR");
	bool colour = isatty(STDOUT_FILENO) && (nc == NULL || nc[0] == '\0');
	for (int i = optind + 1; i < argc; i++) {
		smkilint_input *cin = NULL;
		const smkilint_item *citem;
		unsigned char *cdata = load_cert(argv[i], ctx, &cin, &citem, 0);
		if (cdata == NULL) {
			rc = EXIT_USAGE;
			continue;
		}
		smkilint_comparison *k = NULL;
		if (smkilint_compare_der(&k, ctx, ritem->der, ritem->der_len, citem->der, citem->der_len,
					 strict ? SMKILINT_COMPARE_STRICT : 0) != 0) {
			fprintf(stderr, "smkilint: %s\n", smkilint_ctx_last_error(ctx)->message);
			rc = EXIT_USAGE;
		} else {
			if (format == OUT_JSON)
				json_array_append_new(all_json, to_json(argv[optind], argv[i], k, strict));
			else
				{
				print_text(argv[optind], argv[i], k, all, colour);
				if (i + 1 < argc)
					putchar('\n');
			}
			if (smkilint_comparison_differences(k) > 0 && rc == EXIT_CLEAN)
				rc = EXIT_FINDINGS;
		}
		smkilint_comparison_free(k);
		smkilint_input_free(cin);
		free(cdata);
	}
	if (all_json != NULL) {
		json_t *doc = json_object();
		json_object_set_new(doc, "smkilint_version", json_string(SMKILINT_VERSION));
		json_object_set_new(doc, "comparisons", all_json);
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', stdout);
		json_decref(doc);
	}
	smkilint_input_free(rin);
	free(rdata);
	smkilint_ctx_free(ctx);
	return rc;
}
