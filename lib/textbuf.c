/* A growing text buffer (see textbuf.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "textbuf.h"

void smk_put(struct smk_buf *b, const char *fmt, ...)
{
	if (b->failed)
		return;
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		/* (no arithmetic on the NULL of an empty buffer: UBSan's pointer-overflow) */
		int k = vsnprintf(b->p != NULL ? b->p + b->n : NULL, b->cap - b->n, fmt, ap);
		va_end(ap);
		if (k < 0) {
			b->failed = true;
			return;
		}
		if ((size_t)k < b->cap - b->n) {
			b->n += (size_t)k;
			return;
		}
		size_t cap = (b->cap + (size_t)k) * 2;
		char *np = realloc(b->p, cap);
		if (np == NULL) {
			b->failed = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
}

/* A YAML double-quoted scalar (JSON escapes are valid YAML). */
void smk_q(struct smk_buf *b, const char *s)
{
	smk_put(b, "\"");
	for (; s != NULL && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			smk_put(b, "\\%c", ch);
		else if (ch < 0x20)
			smk_put(b, "\\x%02x", ch);
		else
			smk_put(b, "%c", ch);
	}
	smk_put(b, "\"");
}


size_t smk_utf8_check(const char *text, size_t len)
{
	const uint8_t *p = (const uint8_t *)text;
	for (size_t i = 0; i < len;) {
		uint8_t c = p[i];
		size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (n == 0 || len - i < n)
			return i;
		uint32_t cp = n == 1 ? c : c & (0xffu >> (n + 1));
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (p[i + k] & 0x3fu);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n;
	}
	return len;
}

void smk_text_position(const char *p, size_t off, int *line, int *column)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (p[i] == '\n')
			l++, c = 1;
		else
			c++;
	}
	*line = l;
	*column = c;
}

int smk_utf8_check_file(const char *path, int *line, int *column)
{
	FILE *f = path != NULL ? fopen(path, "rb") : NULL;
	if (f == NULL)
		return -1;
	size_t cap = 65536, n = 0, got;
	char *buf = malloc(cap);
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *b = cap < ((size_t)1 << 30) ? realloc(buf, cap *= 2) : NULL;
			if (b == NULL)
				free(buf);
			buf = b;
		}
	}
	bool err = ferror(f) != 0;
	fclose(f);
	int bad = -1;
	if (buf != NULL && !err) {
		size_t at = smk_utf8_check(buf, n);
		if (at < n) {
			smk_text_position(buf, at, line, column);
			bad = (uint8_t)buf[at];
		}
	}
	free(buf);
	return bad;
}

int smk_yaml_utf8_check(const char *path, const char *text, size_t len, int *line, int *column)
{
	*line = 1;
	*column = 1;
	if (text == NULL)
		return smk_utf8_check_file(path, line, column);
	size_t at = smk_utf8_check(text, len);
	if (at >= len)
		return -1;
	smk_text_position(text, at, line, column);
	return (unsigned char)text[at];
}

const char *smk_yaml_file_refused(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return strerror(errno);
	if (!S_ISREG(st.st_mode))
		return "not a regular file";
	if (st.st_size > SMK_YAML_MAX_FILE)
		return "larger than 64 MiB";
	return NULL;
}
