/* A bump allocator: one per certificate, freed at once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smk.h"

struct smk_arena_chunk {
	struct smk_arena_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

/* The default chunk, header included, stays within what glibc's per-thread
 * cache serves (requests up to 1032 bytes): every report has an arena, and a
 * larger first chunk cost a trip through malloc's bins per certificate. */
#define SMK_CHUNK_MIN (1024 - sizeof(struct smk_arena_chunk))

void smk_arena_init(struct smk_arena *a)
{
	a->head = NULL;
	a->failed = false;
	a->chunk = 0;
}

void smk_arena_free(struct smk_arena *a)
{
	struct smk_arena_chunk *ch = a->head;
	while (ch != NULL) {
		struct smk_arena_chunk *next = ch->next;
		free(ch);
		ch = next;
	}
	a->head = NULL;
}

/* The largest chunk smk_arena_reset asks for: a huge certificate does not
 * make the arena keep that much for all the ones after it. */
#define SMK_CHUNK_KEEP_MAX (256 * 1024)

/* Empty the arena for the next certificate. One chunk is kept; when more
 * were needed the next chunk is made as large as all of them, so that an
 * arena used for one certificate after another (the context's) soon does
 * no malloc at all. */
void smk_arena_reset(struct smk_arena *a)
{
	struct smk_arena_chunk *ch = a->head;
	if (ch != NULL && ch->next != NULL) {
		size_t total = 0;
		while (ch != NULL) {
			struct smk_arena_chunk *next = ch->next;
			total += ch->cap;
			free(ch);
			ch = next;
		}
		a->head = NULL;
		a->chunk = total < SMK_CHUNK_KEEP_MAX ? total : SMK_CHUNK_KEEP_MAX;
	} else if (ch != NULL) {
		ch->used = 0;
	}
	a->failed = false;
}

void *smk_alloc(struct smk_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	struct smk_arena_chunk *ch = a->head;
	if (ch == NULL || ch->cap - ch->used < n) {
		size_t min = a->chunk > SMK_CHUNK_MIN ? a->chunk : SMK_CHUNK_MIN;
		size_t cap = n > min ? n : min;
		ch = malloc(sizeof(*ch) + cap);
		if (ch == NULL) {
			a->failed = true;
			return NULL;
		}
		ch->cap = cap;
		ch->used = 0;
		ch->next = a->head;
		a->head = ch;
	}
	void *p = (char *)ch->data + ch->used;
	ch->used += n;
	memset(p, 0, n);
	return p;
}

char *smk_strndup(struct smk_arena *a, const char *s, size_t n)
{
	char *p = smk_alloc(a, n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *smk_strdup(struct smk_arena *a, const char *s)
{
	return s == NULL ? NULL : smk_strndup(a, s, strlen(s));
}

char *smk_printf(struct smk_arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	if ((size_t)n < sizeof(small))
		return smk_strndup(a, small, (size_t)n);
	char *p = smk_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* Paths of the model ("tbsCertificate.extensions[keyUsage].critical") are
 * built with these two rather than smk_printf: one copy, no format to parse. */
char *smk_path_cat(struct smk_arena *a, const char *base, const char *suffix)
{
	if (base == NULL)
		return NULL;   /* an allocation before failed */
	size_t lb = strlen(base), ls = strlen(suffix);
	char *p = smk_alloc(a, lb + ls + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, base, lb);
	memcpy(p + lb, suffix, ls + 1);
	return p;
}

char *smk_path_key(struct smk_arena *a, const char *base, const char *key)
{
	if (base == NULL)
		return NULL;   /* an allocation before failed */
	size_t lb = strlen(base), lk = strlen(key);
	char *p = smk_alloc(a, lb + lk + 3);
	if (p == NULL)
		return NULL;
	memcpy(p, base, lb);
	p[lb] = '[';
	memcpy(p + lb + 1, key, lk);
	p[lb + 1 + lk] = ']';
	p[lb + 2 + lk] = '\0';
	return p;
}

char *smk_path_idx(struct smk_arena *a, const char *base, size_t i)
{
	if (base == NULL)
		return NULL;   /* an allocation before failed */
	char digits[24];
	size_t n = 0;
	do {
		digits[n++] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	size_t lb = strlen(base);
	char *p = smk_alloc(a, lb + n + 3);
	if (p == NULL)
		return NULL;
	memcpy(p, base, lb);
	p[lb++] = '[';
	while (n)
		p[lb++] = digits[--n];
	p[lb++] = ']';
	p[lb] = '\0';
	return p;
}

char *smk_hex(struct smk_arena *a, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *s = smk_alloc(a, 2 * n + 1);
	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = digits[p[i] >> 4];
		s[2 * i + 1] = digits[p[i] & 15];
	}
	s[2 * n] = '\0';
	return s;
}
