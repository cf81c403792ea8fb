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

#include "common.h"

void usage(FILE *f)
{
	fputs("usage: smkilint lint [--format text|json|jsonl|sarif|junit] [--fail-on SEVERITY]\n"
	      "                     [--min-severity SEVERITY] [--ignore ID|GLOB]... [--waivers FILE]...\n"
	      "                     [-j N] [--files-from FILE [-0]] [--progress|--no-progress] [--verbose]\n"
	      "                     [--profile auto|none|NAME|FILE] [--env NAME|FILE] [--naming FILE]\n"
	      "                     [--profile-dir DIR]... [--issuer FILE]... [--issuer-dir DIR]...\n"
	      "                     [--bulk [--ca-max-certs N] [--ca-max-period PERIOD] [--ca-warn-fraction F]]\n"
	      "                     INPUT...\n"
	      "       smkilint inventory [--by FIELD[,FIELD]...] [--format text|json|csv] [-j N]\n"
	      "                     [--files-from FILE [-0]] [--min-severity SEVERITY] [--ignore ID|GLOB]...\n"
	      "                     [--profile ...] [--env ...] [--issuer FILE]... INPUT...\n"
	      "       smkilint profiles [--profile-dir DIR]...\n"
	      "       smkilint profile show NAME|FILE [--profile-dir DIR]... [--naming FILE]\n"
	      "       smkilint check-profile [--profile-dir DIR]... FILE...\n"
	      "       smkilint compare [--strict] [--all] [--format text|json] REFERENCE CANDIDATE...\n"
	      "       smkilint derive-profile [--name NAME] REFERENCE > profile.yaml\n"
	      "       smkilint lints [--format text|json|markdown]\n"
	      "       smkilint explain ID\n"
	      "       smkilint version\n"
	      "\n"
	      "INPUT is a PEM file (any number of certificates, text around them allowed), a DER file,\n"
	      "a directory (recursed, sorted by name) or - for standard input.\n"
	      "SEVERITY is fatal, error, warning, notice or info (default for --fail-on: error).\n"
	      "--profile auto (the default) picks an SMKI profile per certificate; none runs only the\n"
	      "generic RFC 5280 and DER lints. Shipped profiles are found without any option\n"
	      "(SMKILINT_PROFILE_DIR overrides where); --profile-dir adds a directory of your own.\n"
	      "--min-severity drops findings below it (default info); --ignore drops lint ids (globs);\n"
	      "--waivers accepts findings listed in a YAML file (see smkilint(1)); -j N lints on N threads\n"
	      "(0: one per CPU), output in input order; --files-from reads input names from FILE (- for\n"
	      "standard input), one a line, or NUL-separated with -0.\n"
	      "--bulk adds the checks across all certificates of the run (duplicate serials, shared keys,\n"
	      "renewals, overlapping validity, Issuing CA capacity: default 100000 certificates, 3mo, warning\n"
	      "at 0.9). inventory counts the certificates by FIELD: profile, role, usage, issuer, ca, entity,\n"
	      "env, year, lint (default: one table for each).\n"
	      "Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 usage or I/O error\n"
	      "(an input that cannot be read: the others are still linted).\n",
	      f);
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
	if (strcmp(cmd, "inventory") == 0)
		return cmd_inventory(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return cmd_explain(argc - 1, argv + 1);
	if (strcmp(cmd, "profiles") == 0)
		return cmd_profiles(argc - 1, argv + 1);
	if (strcmp(cmd, "profile") == 0)
		return cmd_profile(argc - 1, argv + 1);
	if (strcmp(cmd, "derive-profile") == 0)
		return cmd_derive_profile(argc - 1, argv + 1);
	if (strcmp(cmd, "compare") == 0)
		return cmd_compare(argc - 1, argv + 1);
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
