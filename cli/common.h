/* Shared pieces of the smkilint program: exit codes, reading inputs,
 * loading profiles. The library does the work; these only gather options. */
#ifndef SMKILINT_CLI_COMMON_H
#define SMKILINT_CLI_COMMON_H

#include <dirent.h>
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "output.h"
#include "smkilint/smkilint.h"

#define MAX_INPUT_BYTES (64u * 1024 * 1024)

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

/* Read a whole file ("-": standard input); NULL with errno set on error
 * (EFBIG above MAX_INPUT_BYTES). The caller frees the buffer. */
unsigned char *read_all(const char *path, size_t *len);

/* scandir() order: byte order of names, whatever the locale. */
int name_cmp(const struct dirent **a, const struct dirent **b);

int parse_format(enum out_format *f, const char *s, bool allow_jsonl);

struct profile_opts {
	const char *profile;         /* auto, none, NAME or FILE */
	const char *env;
	const char *naming;
	const char *dirs[32];
	int n_dirs;
};

#define PROFILE_LONG_OPTS                                          \
	{"profile", required_argument, NULL, 'P'},                 \
	{"env", required_argument, NULL, 'E'},                     \
	{"naming", required_argument, NULL, 'N'},                  \
	{"profile-dir", required_argument, NULL, 'D'}

const char *shipped_profile_dir(void);
bool looks_like_file(const char *s);
void profile_error(smkilint_ctx *ctx);
/* 1: the option was one of PROFILE_LONG_OPTS; 0: it was not; -1: error. */
int profile_opt(struct profile_opts *po, int c, const char *arg);
int load_profiles(smkilint_profiles **out, smkilint_ctx *ctx, const struct profile_opts *po,
		  const char **profile_name);

void usage(FILE *f);

int cmd_lint(int argc, char **argv);
int cmd_lints(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_profiles(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_check_profile(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_derive_profile(int argc, char **argv);
int cmd_inventory(int argc, char **argv);
/* The lint pipeline (cmd_lint.c), for smkilint lint and, with inventory, smkilint inventory. */
int lint_main(int argc, char **argv, bool inventory);

#endif
