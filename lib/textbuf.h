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

/* The offset of the first octet of p[0..len) that is not part of a valid
 * UTF-8 sequence (overlong forms, surrogates and code points above U+10FFFF
 * are not), or len when the text is valid. The YAML loaders check their text
 * with it first: YAML is Unicode, and libfyaml 0.7 loops forever on a
 * directive line ('%') holding a malformed sequence. */
size_t smk_utf8_check(const char *p, size_t len);

/* Line and column (from 1) of offset off in p. */
void smk_text_position(const char *p, size_t off, int *line, int *column);

/* The YAML file at path is not valid UTF-8: set *line and *column to the
 * first bad octet and return it (0 to 255); -1 when it is valid or cannot be
 * read (the YAML library then reports that). */
int smk_utf8_check_file(const char *path, int *line, int *column);

/* The YAML input of a loader, text[0..len) or (text NULL) the file at path,
 * is not valid UTF-8: set *line and *column and return the first bad octet;
 * -1 when it is valid (or the file cannot be read). */
int smk_yaml_utf8_check(const char *path, const char *text, size_t len, int *line, int *column);

/* YAML files are read whole, before libfyaml reads them again: only
 * regular files of at most SMK_YAML_MAX_FILE bytes, so that a named device
 * (/dev/zero, a FIFO, a terminal) or a directory is an error, not a hang.
 * Returns NULL, or why the file is refused ("not a regular file", errno's
 * text when it cannot be examined). */
#define SMK_YAML_MAX_FILE (64L * 1024 * 1024)
const char *smk_yaml_file_refused(const char *path);

#endif
