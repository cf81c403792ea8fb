/* gen-bundle: write a PEM bundle of N certificates, taken in turn from the
 * given PEM files (each file's text as it is, so real certificates with
 * their findings), for the -j and memory checks of a long batch.
 *
 *   gen-bundle N FILE.pem... > bundle.pem
 *
 * A comment line goes before each certificate, as exported bundles have. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 8192, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
			}
			buf = nb;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	char *end;
	unsigned long n = argc >= 3 ? strtoul(argv[1], &end, 10) : 0;
	if (argc < 3 || *end != '\0') {
		fprintf(stderr, "usage: gen-bundle N FILE.pem... > bundle.pem\n");
		return 2;
	}
	int k = argc - 2;
	char **text = calloc((size_t)k, sizeof(*text));
	size_t *len = calloc((size_t)k, sizeof(*len));
	for (int i = 0; i < k; i++) {
		text[i] = slurp(argv[i + 2], &len[i]);
		if (text[i] == NULL) {
			perror(argv[i + 2]);
			return 2;
		}
	}
	for (unsigned long i = 0; i < n; i++) {
		int j = (int)(i % (unsigned long)k);
		printf("# certificate %lu: %s\n", i, argv[j + 2]);
		fwrite(text[j], 1, len[j], stdout);
		if (len[j] > 0 && text[j][len[j] - 1] != '\n')
			putchar('\n');
	}
	for (int i = 0; i < k; i++)
		free(text[i]);
	free(text);
	free(len);
	return fflush(stdout) == 0 ? 0 : 2;
}
