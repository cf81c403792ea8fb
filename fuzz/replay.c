/*
 * A main for the fuzz targets when no fuzzing engine is linked
 * (-Dfuzzing=replay): runs LLVMFuzzerTestOneInput once on every file of the
 * directories (and on the files) named on the command line, in byte order
 * of the file names, so every run is the same. Each input is copied into a
 * buffer of exactly its size so that the sanitizers see any over-read.
 *
 *   replay [--skip-missing] PATH...
 *
 * A missing PATH is an error, unless --skip-missing is given; when every PATH
 * is missing the exit status is 77 (meson's "skipped").
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *b = realloc(buf, cap *= 2);
			if (b == NULL)
				free(buf);
			buf = b;
		}
	}
	int err = ferror(f);
	fclose(f);
	if (buf == NULL || err) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(buf);
		return -1;
	}
	/* exactly n bytes, so that reading one past the end is caught */
	uint8_t *exact = malloc(n ? n : 1);
	if (exact == NULL) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the number of files run, or -1. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof(*nn));
			if (nn == NULL)
				abort();
			names = nn;
		}
		if ((names[n++] = strdup(e->d_name)) == NULL)
			abort();
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	long ran = 0;
	for (size_t i = 0; i < n; i++) {
		char *path;
		struct stat st;
		if (asprintf(&path, "%s/%s", dir, names[i]) < 0)
			abort();
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(path) != 0)
				ran = -1;
			else if (ran >= 0)
				ran++;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return ran;
}

int main(int argc, char **argv)
{
	int skip_missing = 0, first = 1, missing = 0, paths = 0, failed = 0;
	if (argc > 1 && strcmp(argv[1], "--skip-missing") == 0)
		skip_missing = 1, first = 2;
	if (first >= argc) {
		fprintf(stderr, "usage: %s [--skip-missing] PATH...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = first; i < argc; i++) {
		struct stat st;
		paths++;
		if (stat(argv[i], &st) != 0) {
			if (skip_missing) {
				printf("%s: absent, skipped\n", argv[i]);
				missing++;
			} else {
				fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
				failed = 1;
			}
			continue;
		}
		long ran;
		if (S_ISDIR(st.st_mode))
			ran = run_dir(argv[i]);
		else
			ran = run_file(argv[i]) == 0 ? 1 : -1;
		if (ran < 0)
			failed = 1;
		else
			printf("%s: %ld inputs\n", argv[i], ran);
	}
	if (failed)
		return 1;
	return missing == paths ? 77 : 0;
}
