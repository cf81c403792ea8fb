/*
 * smkilint-demo: lint certificate files with the installed libsmkilint,
 * found through pkg-config (see the Makefile):
 *
 *     make && ./smkilint-demo ../certs/NAME.pem
 *
 * Each file is read in chunks through the streaming splitter, each
 * certificate linted with the auto-detecting SMKI profile, and each finding
 * printed on one line. Exit status: 0 no error, 1 an error or worse, 2 a
 * file or the profiles could not be read. $SMKILINT_PROFILE_DIR overrides
 * where the shipped profiles are (the Makefile compiles in the installed
 * location, from `pkg-config --variable=profilesdir smkilint`).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <smkilint/smkilint.h>

#ifndef PROFILES_DIR
#define PROFILES_DIR "/usr/share/smkilint/profiles"
#endif

static int worst = -1;

static int lint_item(smkilint_ctx *ctx, const smkilint_profile *auto_profile, const smkilint_item *item,
		     const char *path)
{
	smkilint_report *r = NULL;
	int rc = smkilint_lint_item(&r, ctx, auto_profile, item, path);
	if (rc != 0)
		return rc;
	const char *profile = smkilint_report_profile(r);
	printf("%s #%zu (%s): %zu finding(s)\n", path, smkilint_report_index(r), profile ? profile : "no profile",
	       smkilint_report_count(r));
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		printf("  %-7s %s at %s: %s\n", smkilint_severity_name(f->severity), f->lint,
		       f->path[0] ? f->path : "-", f->message);
		if ((int)f->severity > worst)
			worst = (int)f->severity;
	}
	smkilint_report_free(r);
	return 0;
}

static int lint_file(smkilint_ctx *ctx, const smkilint_profile *auto_profile, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	smkilint_stream *s = NULL;
	if (smkilint_stream_new(&s, ctx, path) != 0) {
		fprintf(stderr, "%s: out of memory\n", path);
		fclose(f);
		return -1;
	}
	unsigned char buf[16384];
	const smkilint_item *item;
	int rc = 0;
	for (;;) {
		size_t n = fread(buf, 1, sizeof(buf), f);
		rc = n > 0 ? smkilint_stream_feed(s, buf, n) : smkilint_stream_finish(s);
		while (rc == 0 && (rc = smkilint_stream_next(&item, s)) == 0 && item != NULL)
			rc = lint_item(ctx, auto_profile, item, path);
		if (rc != 0 || n == 0)
			break;
	}
	if (rc != 0)
		fprintf(stderr, "%s\n", smkilint_ctx_last_error(ctx)->message);
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		rc = -1;
	}
	smkilint_stream_free(s);
	fclose(f);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: smkilint-demo FILE...\n");
		return 2;
	}
	const char *dir = getenv("SMKILINT_PROFILE_DIR");
	if (dir == NULL || dir[0] == '\0')
		dir = PROFILES_DIR;
	smkilint_ctx *ctx = NULL;
	smkilint_profiles *set = NULL;
	if (smkilint_ctx_new(&ctx) != 0 || smkilint_profiles_new(&set) != 0) {
		fprintf(stderr, "smkilint-demo: out of memory\n");
		return 2;
	}
	if (smkilint_profiles_load_dir(set, ctx, dir) != 0 || smkilint_profiles_finalize(set, ctx) != 0) {
		fprintf(stderr, "smkilint-demo: %s\n", smkilint_ctx_last_error(ctx)->message);
		smkilint_profiles_free(set);
		smkilint_ctx_free(ctx);
		return 2;
	}
	printf("libsmkilint %s, %zu lints, %zu profiles from %s\n", SMKILINT_VERSION, smkilint_lint_count(),
	       smkilint_profiles_count(set), dir);
	int status = 0;
	for (int i = 1; i < argc; i++)
		if (lint_file(ctx, smkilint_profiles_auto(set), argv[i]) != 0)
			status = 2;
	smkilint_profiles_free(set);
	smkilint_ctx_free(ctx);
	if (status == 0 && worst >= (int)SMKILINT_SEV_ERROR)
		status = 1;
	return status;
}
