/* smkilint: the command-line front end. It reads inputs, hands their bytes to
 * the library and formats the reports; all checking is in libsmkilint. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "smkilint/smkilint.h"

#define MAX_INPUT_BYTES (64u * 1024 * 1024)

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

struct run {
	smkilint_ctx *ctx;
	struct out out;
	smkilint_severity fail_on;
	bool failed;             /* a finding at or above fail_on */
	bool io_error;
};

static void usage(FILE *f)
{
	fputs("usage: smkilint lint [--format text|json|jsonl] [--fail-on SEVERITY] [--verbose] INPUT...\n"
	      "       smkilint lints [--format text|json]\n"
	      "       smkilint version\n"
	      "\n"
	      "INPUT is a PEM file (any number of certificates, text around them allowed), a DER file,\n"
	      "a directory (recursed, sorted by name) or - for standard input.\n"
	      "SEVERITY is fatal, error, warning, notice or info (default for --fail-on: error).\n"
	      "Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 usage or I/O error.\n",
	      f);
}

/* Read a whole file (or stdin for "-"). Returns NULL and sets errno on error. */
static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 65536, n = 0;
	unsigned char *buf = malloc(cap);
	while (buf != NULL) {
		if (n == cap) {
			if (cap >= MAX_INPUT_BYTES) {
				free(buf);
				buf = NULL;
				errno = EFBIG;
				break;
			}
			cap *= 2;
			unsigned char *nb = realloc(buf, cap);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				free(buf);
				buf = NULL;
				errno = EIO;
			}
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

static int lint_bytes(struct run *run, const char *name, const unsigned char *data, size_t len)
{
	smkilint_input *in = NULL;
	if (smkilint_input_split(&in, run->ctx, data, len) != 0) {
		fprintf(stderr, "smkilint: %s: out of memory\n", name);
		return -1;
	}
	run->out.totals.inputs++;
	for (size_t i = 0; i < smkilint_input_count(in); i++) {
		smkilint_report *r = NULL;
		if (smkilint_lint_item(&r, run->ctx, NULL, smkilint_input_item(in, i), name) != 0) {
			fprintf(stderr, "smkilint: %s\n", smkilint_ctx_last_error(run->ctx)->message);
			smkilint_input_free(in);
			return -1;
		}
		smkilint_severity max;
		if (smkilint_report_max_severity(r, &max) && max >= run->fail_on)
			run->failed = true;
		if (out_report(&run->out, r) != 0) {
			smkilint_report_free(r);
			smkilint_input_free(in);
			return -1;
		}
		smkilint_report_free(r);
	}
	smkilint_input_free(in);
	return 0;
}

static void lint_path(struct run *run, const char *path, int depth);

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void lint_dir(struct run *run, const char *path, int depth)
{
	struct dirent **names = NULL;
	int n = scandir(path, &names, NULL, name_cmp);
	if (n < 0) {
		fprintf(stderr, "smkilint: %s: %s\n", path, strerror(errno));
		run->io_error = true;
		run->out.totals.unreadable++;
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *d = names[i]->d_name;
		if (strcmp(d, ".") != 0 && strcmp(d, "..") != 0) {
			size_t len = strlen(path) + strlen(d) + 2;
			char *child = malloc(len);
			if (child != NULL) {
				snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", d);
				lint_path(run, child, depth + 1);
				free(child);
			}
		}
		free(names[i]);
	}
	free(names);
}

static void lint_path(struct run *run, const char *path, int depth)
{
	struct stat st;
	if (strcmp(path, "-") != 0) {
		if (stat(path, &st) != 0) {
			fprintf(stderr, "smkilint: %s: %s\n", path, strerror(errno));
			run->io_error = true;
			run->out.totals.unreadable++;
			return;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth > 64) {
				fprintf(stderr, "smkilint: %s: directories nested too deeply\n", path);
				run->io_error = true;
				return;
			}
			lint_dir(run, path, depth);
			return;
		}
	}
	size_t len = 0;
	unsigned char *data = read_all(path, &len);
	if (data == NULL) {
		fprintf(stderr, "smkilint: %s: %s\n", path, errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
		run->io_error = true;
		run->out.totals.unreadable++;
		return;
	}
	if (lint_bytes(run, strcmp(path, "-") == 0 ? "<stdin>" : path, data, len) != 0)
		run->io_error = true;
	free(data);
}

static int parse_format(enum out_format *f, const char *s, bool allow_jsonl)
{
	if (strcmp(s, "text") == 0)
		*f = OUT_TEXT;
	else if (strcmp(s, "json") == 0)
		*f = OUT_JSON;
	else if (allow_jsonl && strcmp(s, "jsonl") == 0)
		*f = OUT_JSONL;
	else
		return -1;
	return 0;
}

static int cmd_lint(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"fail-on", required_argument, NULL, 'F'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct run run;
	memset(&run, 0, sizeof(run));
	run.fail_on = SMKILINT_SEV_ERROR;
	run.out.f = stdout;
	run.out.format = OUT_TEXT;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:F:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (parse_format(&run.out.format, optarg, true) != 0) {
				fprintf(stderr, "smkilint: unknown format '%s' (text, json, jsonl)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'F':
			if (smkilint_severity_parse(&run.fail_on, optarg) != 0) {
				fprintf(stderr, "smkilint: unknown severity '%s' (fatal, error, warning, notice, info)\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'v':
			run.out.verbose = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "smkilint lint: no input given\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *nc = getenv("NO_COLOR");
	run.out.colour = run.out.format == OUT_TEXT && isatty(STDOUT_FILENO) && (nc == NULL || nc[0] == '\0');
	int rc = smkilint_ctx_new(&run.ctx);
	if (rc != 0) {
		fprintf(stderr, "smkilint: cannot create a context (%d)\n", rc);
		return EXIT_USAGE;
	}
	out_begin(&run.out);
	for (int i = optind; i < argc; i++)
		lint_path(&run, argv[i], 0);
	out_end(&run.out);
	smkilint_ctx_free(run.ctx);
	if (fflush(stdout) != 0)
		run.io_error = true;
	if (run.io_error)
		return EXIT_USAGE;
	return run.failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int cmd_lints(int argc, char **argv)
{
	enum out_format format = OUT_TEXT;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			if (parse_format(&format, argv[++i], false) != 0) {
				fprintf(stderr, "smkilint: unknown format '%s' (text, json)\n", argv[i]);
				return EXIT_USAGE;
			}
		} else {
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	size_t n = smkilint_lint_count();
	if (format == OUT_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++) {
			const smkilint_lint_info *l = smkilint_lint_get(i);
			json_t *o = json_object();
			json_object_set_new(o, "id", json_string(l->id));
			json_object_set_new(o, "severity", json_string(smkilint_severity_name(l->severity)));
			json_object_set_new(o, "source", json_string(l->source));
			json_object_set_new(o, "citation", json_string(l->citation));
			json_object_set_new(o, "since", l->since ? json_string(l->since) : json_null());
			json_object_set_new(o, "until", l->until ? json_string(l->until) : json_null());
			json_object_set_new(o, "description", json_string(l->description));
			json_array_append_new(arr, o);
		}
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', stdout);
		json_decref(arr);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < n; i++) {
		const smkilint_lint_info *l = smkilint_lint_get(i);
		printf("%-44s %-7s %s\n%44s         %s\n", l->id, smkilint_severity_name(l->severity), l->citation, "",
		       l->description);
	}
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "lint") == 0)
		return cmd_lint(argc - 1, argv + 1);
	if (strcmp(cmd, "lints") == 0)
		return cmd_lints(argc - 1, argv + 1);
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("smkilint %s\n", SMKILINT_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	fprintf(stderr, "smkilint: unknown command '%s'\n", cmd);
	usage(stderr);
	return EXIT_USAGE;
}
