/* smkilint lint: read inputs, lint every certificate, format the reports. */
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

#include "common.h"

struct run {
	smkilint_ctx *ctx;
	smkilint_issuers *issuers;
	smkilint_profiles *set;
	const smkilint_profile *profile;
	struct out out;
	smkilint_severity fail_on;
	bool failed;             /* a finding at or above fail_on */
	bool io_error;
};

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
		if (smkilint_lint_item(&r, run->ctx, run->profile, smkilint_input_item(in, i), name) != 0) {
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

static int add_issuer_file(struct run *run, const char *path)
{
	size_t len = 0, added = 0;
	unsigned char *data = read_all(path, &len);
	if (data == NULL) {
		fprintf(stderr, "smkilint: --issuer %s: %s\n", path, strerror(errno));
		return -1;
	}
	int rc = smkilint_issuers_add(run->issuers, run->ctx, data, len, path, &added);
	free(data);
	if (rc != 0) {
		fprintf(stderr, "smkilint: --issuer %s\n", smkilint_ctx_last_error(run->ctx)->message);
		return -1;
	}
	return 0;
}

/* Issuers: files (PEM bundles or DER) and directories of them. */
static int load_issuers(struct run *run, const char **paths, int n)
{
	if (smkilint_issuers_new(&run->issuers) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			fprintf(stderr, "smkilint: --issuer %s: %s\n", paths[i], strerror(errno));
			return -1;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (add_issuer_file(run, paths[i]) != 0)
				return -1;
			continue;
		}
		struct dirent **names = NULL;
		int k = scandir(paths[i], &names, NULL, name_cmp);
		if (k < 0) {
			fprintf(stderr, "smkilint: --issuer-dir %s: %s\n", paths[i], strerror(errno));
			return -1;
		}
		int rc = 0;
		for (int j = 0; j < k; j++) {
			char child[4096];
			snprintf(child, sizeof(child), "%s/%s", paths[i], names[j]->d_name);
			if (rc == 0 && names[j]->d_name[0] != '.' && stat(child, &st) == 0 && S_ISREG(st.st_mode))
				rc = add_issuer_file(run, child);
			free(names[j]);
		}
		free(names);
		if (rc != 0)
			return -1;
	}
	smkilint_ctx_set_issuers(run->ctx, run->issuers);
	return 0;
}

int cmd_lint(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"fail-on", required_argument, NULL, 'F'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		PROFILE_LONG_OPTS,
		{"issuer", required_argument, NULL, 'I'},
		{"issuer-dir", required_argument, NULL, 'J'},
		{NULL, 0, NULL, 0},
	};
	struct profile_opts po = {0};
	const char *issuer_paths[64];
	int n_issuer_paths = 0;
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
		case 'I':
		case 'J':
			if (n_issuer_paths == 64) {
				fprintf(stderr, "smkilint: at most 64 --issuer/--issuer-dir options\n");
				return EXIT_USAGE;
			}
			issuer_paths[n_issuer_paths++] = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		default:
			if (profile_opt(&po, c, optarg) > 0)
				break;
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
	if (n_issuer_paths > 0 && load_issuers(&run, issuer_paths, n_issuer_paths) != 0) {
		smkilint_issuers_free(run.issuers);
		smkilint_ctx_free(run.ctx);
		return EXIT_USAGE;
	}
	if (po.profile == NULL)
		po.profile = "auto";
	if (strcmp(po.profile, "none") != 0) {
		const char *name = po.profile;
		if (load_profiles(&run.set, run.ctx, &po, &name) != 0) {
			smkilint_ctx_free(run.ctx);
			return EXIT_USAGE;
		}
		run.profile = smkilint_profiles_find(run.set, name);
		if (run.profile == NULL || smkilint_profile_flags(run.profile) == 2) {
			fprintf(stderr, "smkilint: %s '%s' (see smkilint profiles)\n",
				run.profile == NULL ? "no profile named" : "cannot lint with the base profile", name);
			smkilint_profiles_free(run.set);
			smkilint_ctx_free(run.ctx);
			return EXIT_USAGE;
		}
	}
	out_begin(&run.out);
	for (int i = optind; i < argc; i++)
		lint_path(&run, argv[i], 0);
	out_end(&run.out);
	smkilint_profiles_free(run.set);
	smkilint_ctx_free(run.ctx);
	smkilint_issuers_free(run.issuers);
	if (fflush(stdout) != 0)
		run.io_error = true;
	if (run.io_error)
		return EXIT_USAGE;
	return run.failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

