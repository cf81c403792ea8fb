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
	smkilint_issuers *issuers;
	smkilint_profiles *set;
	const smkilint_profile *profile;
	struct out out;
	smkilint_severity fail_on;
	bool failed;             /* a finding at or above fail_on */
	bool io_error;
};

static void usage(FILE *f)
{
	fputs("usage: smkilint lint [--format text|json|jsonl] [--fail-on SEVERITY] [--verbose]\n"
	      "                     [--profile auto|none|NAME|FILE] [--env NAME|FILE] [--naming FILE]\n"
	      "                     [--profile-dir DIR]... [--issuer FILE]... [--issuer-dir DIR]... INPUT...\n"
	      "       smkilint profiles [--profile-dir DIR]...\n"
	      "       smkilint profile show NAME|FILE [--profile-dir DIR]... [--naming FILE]\n"
	      "       smkilint check-profile [--profile-dir DIR]... FILE...\n"
	      "       smkilint lints [--format text|json]\n"
	      "       smkilint version\n"
	      "\n"
	      "INPUT is a PEM file (any number of certificates, text around them allowed), a DER file,\n"
	      "a directory (recursed, sorted by name) or - for standard input.\n"
	      "SEVERITY is fatal, error, warning, notice or info (default for --fail-on: error).\n"
	      "--profile auto (the default) picks an SMKI profile per certificate; none runs only the\n"
	      "generic RFC 5280 and DER lints. Shipped profiles are found without any option\n"
	      "(SMKILINT_PROFILE_DIR overrides where); --profile-dir adds a directory of your own.\n"
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

/* Where the shipped profiles are: $SMKILINT_PROFILE_DIR, the source tree when
 * this program runs from its build tree, else the installed data directory. */
static const char *shipped_profile_dir(void)
{
	const char *env = getenv("SMKILINT_PROFILE_DIR");
	if (env != NULL && env[0] != '\0')
		return env;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		size_t bl = strlen(SMKILINT_BUILD_ROOT);
		if (strncmp(exe, SMKILINT_BUILD_ROOT, bl) == 0 && exe[bl] == '/')
			return SMKILINT_SOURCE_PROFILES;
	}
	return SMKILINT_INSTALLED_PROFILES;
}

struct profile_opts {
	const char *profile;         /* auto, none, NAME or FILE */
	const char *env;
	const char *naming;
	const char *dirs[32];
	int n_dirs;
};

static bool looks_like_file(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') != NULL || (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(s + n - 4, ".yml") == 0) || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

static void profile_error(smkilint_ctx *ctx)
{
	fprintf(stderr, "smkilint: %s\n", smkilint_ctx_last_error(ctx)->message);
}

/* Load the shipped profiles, the user's directories and files, pin the
 * environment and the naming convention, and finalize. */
static int load_profiles(smkilint_profiles **out, smkilint_ctx *ctx, const struct profile_opts *po,
			 const char **profile_name)
{
	smkilint_profiles *set = NULL;
	if (smkilint_profiles_new(&set) != 0)
		return -1;
	int rc = smkilint_profiles_load_dir(set, ctx, shipped_profile_dir());
	for (int i = 0; rc == 0 && i < po->n_dirs; i++)
		rc = smkilint_profiles_load_dir(set, ctx, po->dirs[i]);
	if (rc == 0 && po->profile != NULL && looks_like_file(po->profile))
		rc = smkilint_profiles_load_file(set, ctx, po->profile, profile_name);
	if (rc == 0 && po->env != NULL)
		rc = smkilint_profiles_pin_environment(set, ctx, po->env);
	if (rc == 0 && po->naming != NULL)
		rc = smkilint_profiles_set_naming(set, ctx, po->naming);
	if (rc == 0)
		rc = smkilint_profiles_finalize(set, ctx);
	if (rc != 0) {
		profile_error(ctx);
		smkilint_profiles_free(set);
		return -1;
	}
	*out = set;
	return 0;
}

static int profile_opt(struct profile_opts *po, int c, const char *arg)
{
	switch (c) {
	case 'P': po->profile = arg; return 1;
	case 'E': po->env = arg; return 1;
	case 'N': po->naming = arg; return 1;
	case 'D':
		if (po->n_dirs == 32) {
			fprintf(stderr, "smkilint: at most 32 --profile-dir options\n");
			return -1;
		}
		po->dirs[po->n_dirs++] = arg;
		return 1;
	}
	return 0;
}

#define PROFILE_LONG_OPTS                                          \
	{"profile", required_argument, NULL, 'P'},                 \
	{"env", required_argument, NULL, 'E'},                     \
	{"naming", required_argument, NULL, 'N'},                  \
	{"profile-dir", required_argument, NULL, 'D'}

static int cmd_profiles(int argc, char **argv)
{
	static const struct option opts[] = {PROFILE_LONG_OPTS, {NULL, 0, NULL, 0}};
	struct profile_opts po = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (profile_opt(&po, c, optarg) <= 0)
			return EXIT_USAGE;
	smkilint_ctx *ctx = NULL;
	smkilint_profiles *set = NULL;
	if (smkilint_ctx_new(&ctx) != 0 || load_profiles(&set, ctx, &po, NULL) != 0) {
		smkilint_ctx_free(ctx);
		return EXIT_USAGE;
	}
	printf("%-26s %-13s %s\n", "PROFILE", "KIND", "DESCRIPTION");
	printf("%-26s %-13s %s\n", "auto", "(default)", smkilint_profile_description(smkilint_profiles_auto(set)));
	for (size_t i = 0; i < smkilint_profiles_count(set); i++) {
		const smkilint_profile *p = smkilint_profiles_get(set, i);
		int flags = smkilint_profile_flags(p);
		printf("%-26s %-13s %s%s\n", smkilint_profile_name(p), smkilint_profile_kind(p),
		       flags == 2 ? "[base] " : flags == 1 ? "[opt-in] " : "", smkilint_profile_description(p));
	}
	smkilint_profiles_free(set);
	smkilint_ctx_free(ctx);
	return EXIT_CLEAN;
}

static int cmd_profile(int argc, char **argv)
{
	static const struct option opts[] = {PROFILE_LONG_OPTS, {NULL, 0, NULL, 0}};
	struct profile_opts po = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (profile_opt(&po, c, optarg) <= 0)
			return EXIT_USAGE;
	if (argc - optind != 2 || strcmp(argv[optind], "show") != 0) {
		fprintf(stderr, "usage: smkilint profile show NAME|FILE\n");
		return EXIT_USAGE;
	}
	const char *want = argv[optind + 1];
	po.profile = want;
	smkilint_ctx *ctx = NULL;
	smkilint_profiles *set = NULL;
	const char *name = want;
	if (smkilint_ctx_new(&ctx) != 0 || load_profiles(&set, ctx, &po, &name) != 0) {
		smkilint_ctx_free(ctx);
		return EXIT_USAGE;
	}
	const smkilint_profile *p = smkilint_profiles_find(set, name);
	int rc = EXIT_CLEAN;
	char *text = NULL;
	if (p == NULL || smkilint_profile_flags(p) < 0) {
		fprintf(stderr, "smkilint: no profile named '%s' (see smkilint profiles)\n", want);
		rc = EXIT_USAGE;
	} else if (strcmp(name, "auto") == 0) {
		printf("auto: %s\n", smkilint_profile_description(p));
	} else if (smkilint_profile_dump(&text, p) == 0) {
		fputs(text, stdout);
		free(text);
	} else {
		rc = EXIT_USAGE;
	}
	smkilint_profiles_free(set);
	smkilint_ctx_free(ctx);
	return rc;
}

static int cmd_check_profile(int argc, char **argv)
{
	static const struct option opts[] = {{"profile-dir", required_argument, NULL, 'D'}, {NULL, 0, NULL, 0}};
	struct profile_opts po = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (profile_opt(&po, c, optarg) <= 0)
			return EXIT_USAGE;
	if (optind >= argc) {
		fprintf(stderr, "usage: smkilint check-profile FILE...\n");
		return EXIT_USAGE;
	}
	smkilint_ctx *ctx = NULL;
	if (smkilint_ctx_new(&ctx) != 0)
		return EXIT_USAGE;
	int rc = EXIT_CLEAN;
	for (int i = optind; i < argc; i++) {
		/* each file on its own, over the shipped profiles (so extends works) */
		smkilint_profiles *set = NULL;
		const char *name = NULL;
		int r = smkilint_profiles_new(&set);
		if (r == 0)
			r = smkilint_profiles_load_dir(set, ctx, shipped_profile_dir());
		for (int d = 0; r == 0 && d < po.n_dirs; d++)
			r = smkilint_profiles_load_dir(set, ctx, po.dirs[d]);
		if (r == 0)
			r = smkilint_profiles_load_file(set, ctx, argv[i], &name);
		if (r == 0)
			r = smkilint_profiles_finalize(set, ctx);
		if (r != 0) {
			profile_error(ctx);
			rc = EXIT_USAGE;
		} else {
			printf("%s: ok (%s)\n", argv[i], name != NULL ? name : "");
		}
		smkilint_profiles_free(set);
	}
	smkilint_ctx_free(ctx);
	return rc;
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

static int cmd_lint(int argc, char **argv)
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
	if (strcmp(cmd, "profiles") == 0)
		return cmd_profiles(argc - 1, argv + 1);
	if (strcmp(cmd, "profile") == 0)
		return cmd_profile(argc - 1, argv + 1);
	if (strcmp(cmd, "check-profile") == 0)
		return cmd_check_profile(argc - 1, argv + 1);
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
