/* Shared pieces of the smkilint program (see common.h). */
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

/* Read a whole file (or stdin for "-"). Returns NULL and sets errno on error. */
unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 65536, n = 0;
	unsigned char *buf = malloc(cap);
	while (buf != NULL) {
		if (n == cap) {
			if (cap >= MAX_INPUT_BYTES) {
				/* full at the limit: an input of exactly MAX_INPUT_BYTES is
				 * read, one more octet is too many */
				int c = getc(f);
				if (c != EOF || ferror(f)) {
					free(buf);
					buf = NULL;
					errno = c != EOF ? EFBIG : EIO;
				}
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

int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int parse_format(enum out_format *f, const char *s, bool allow_jsonl)
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
const char *shipped_profile_dir(void)
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

bool looks_like_file(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') != NULL || (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(s + n - 4, ".yml") == 0) || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

void profile_error(smkilint_ctx *ctx)
{
	fprintf(stderr, "smkilint: %s\n", smkilint_ctx_last_error(ctx)->message);
}

/* Load the shipped profiles, the user's directories and files, pin the
 * environment and the naming convention, and finalize. */
int load_profiles(smkilint_profiles **out, smkilint_ctx *ctx, const struct profile_opts *po,
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

int profile_opt(struct profile_opts *po, int c, const char *arg)
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

