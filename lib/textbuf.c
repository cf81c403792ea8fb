/* A growing text buffer (see textbuf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "textbuf.h"

void smk_put(struct smk_buf *b, const char *fmt, ...)
{
	if (b->failed)
		return;
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
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

