/* smkilint lints: the catalogue. */
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

int cmd_lints(int argc, char **argv)
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

