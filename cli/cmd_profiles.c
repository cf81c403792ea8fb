/* smkilint profiles, profile show, check-profile. */
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

int cmd_profiles(int argc, char **argv)
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
	/* columns as wide as their longest entry (csr-organisation, or a name
	 * from --profile-dir), so that descriptions line up */
	int wname = (int)strlen("PROFILE"), wkind = (int)strlen("(default)");
	for (size_t i = 0; i < smkilint_profiles_count(set); i++) {
		const smkilint_profile *p = smkilint_profiles_get(set, i);
		int n = (int)strlen(smkilint_profile_name(p)), k = (int)strlen(smkilint_profile_kind(p));
		wname = n > wname ? n : wname;
		wkind = k > wkind ? k : wkind;
	}
	printf("%-*s  %-*s  %s\n", wname, "PROFILE", wkind, "KIND", "DESCRIPTION");
	printf("%-*s  %-*s  %s\n", wname, "auto", wkind, "(default)",
	       smkilint_profile_description(smkilint_profiles_auto(set)));
	for (size_t i = 0; i < smkilint_profiles_count(set); i++) {
		const smkilint_profile *p = smkilint_profiles_get(set, i);
		int flags = smkilint_profile_flags(p);
		printf("%-*s  %-*s  %s%s\n", wname, smkilint_profile_name(p), wkind, smkilint_profile_kind(p),
		       flags == 2 ? "[base] " : flags == 1 ? "[opt-in] " : "", smkilint_profile_description(p));
	}
	smkilint_profiles_free(set);
	smkilint_ctx_free(ctx);
	return EXIT_CLEAN;
}

int cmd_profile(int argc, char **argv)
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

int cmd_check_profile(int argc, char **argv)
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

