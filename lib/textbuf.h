/* A growing text buffer for YAML and reports written by the library:
 * smk_put() is printf-like, smk_q() writes a YAML double-quoted scalar. */
#ifndef SMK_TEXTBUF_H
#define SMK_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

struct smk_buf {
	char *p;
	size_t n, cap;
	bool failed;
};

void smk_put(struct smk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void smk_q(struct smk_buf *b, const char *s);

#endif
