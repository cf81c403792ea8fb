/* smkilint derive-profile REFERENCE: turn an approved certificate into a
 * profile that gates its successors. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

int cmd_derive_profile(int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = "derived";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'h':
			printf("usage: smkilint derive-profile [--name NAME] REFERENCE > profile.yaml\n");
			return EXIT_CLEAN;
		default:
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "usage: smkilint derive-profile [--name NAME] REFERENCE > profile.yaml\n");
		return EXIT_USAGE;
	}
	const char *path = argv[optind];
	size_t len;
	unsigned char *data = read_all(path, &len);
	if (data == NULL) {
		fprintf(stderr, "smkilint: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	smkilint_ctx *ctx = NULL;
	smkilint_input *in = NULL;
	int rc = EXIT_USAGE;
	if (smkilint_ctx_new(&ctx) == 0 && smkilint_input_split(&in, ctx, data, len) == 0) {
		const smkilint_item *it = smkilint_input_item(in, 0);
		char *yaml = NULL;
		if (it->error_lint != NULL)
			fprintf(stderr, "smkilint: %s: %s\n", path, it->error_message);
		else if (smkilint_derive_profile(&yaml, ctx, it->der, it->der_len, name, path) != 0)
			fprintf(stderr, "smkilint: %s\n", smkilint_ctx_last_error(ctx)->message);
		else {
			fputs(yaml, stdout);
			rc = EXIT_CLEAN;
		}
		free(yaml);
		if (smkilint_input_count(in) > 1)
			fprintf(stderr, "smkilint: %s: using the first of %zu certificates\n", path, smkilint_input_count(in));
	}
	smkilint_input_free(in);
	smkilint_ctx_free(ctx);
	free(data);
	return rc;
}
