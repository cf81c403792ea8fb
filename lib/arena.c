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

#define SMK_CHUNK_MIN 4096

void smk_arena_init(struct smk_arena *a)
{
	a->head = NULL;
	a->failed = false;
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

void *smk_alloc(struct smk_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	struct smk_arena_chunk *ch = a->head;
	if (ch == NULL || ch->cap - ch->used < n) {
		size_t cap = n > SMK_CHUNK_MIN ? n : SMK_CHUNK_MIN;
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
