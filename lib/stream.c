/*
 * Streaming inputs: the splitting of smkilint_input_split (PEM blocks with
 * any text around them, or one DER certificate), fed in chunks of any size
 * so that a bundle of a million certificates is read with flat memory.
 *
 * The stream keeps only what it still needs: in PEM text, the bytes from the
 * current BEGIN line on (one block, a few kilobytes) or the last few bytes
 * that may start a BEGIN line; line numbers are counted before bytes are
 * dropped. An input whose first octet is 0x30 may be DER: it is kept whole
 * (up to SMKILINT_STREAM_MAX_ITEM) and split by smkilint_input_split at the
 * end, so DER files, and the odd text file that starts with '0', are handled
 * exactly as before. For any input of at most SMKILINT_STREAM_MAX_ITEM bytes
 * the items (DER, index, line, offset, error id and message) are those of
 * smkilint_input_split; tests/test_stream.c checks that, chunk size by chunk
 * size. Beyond that size the differences are: a CERTIFICATE block longer
 * than the limit is an error (SMKILINT_ETOOBIG) instead of a late END line,
 * and another block (PRIVATE KEY, ...) whose END line does not come within
 * the limit is taken as having none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>

#include "gate.h"

#define MAX_ITEM ((size_t)SMKILINT_STREAM_MAX_ITEM)
#define BEGIN_MARK "-----BEGIN "
#define BEGIN_LEN 11
#define LABEL_MAX 64            /* longer labels are skipped, as in input.c */

enum mode { M_START, M_DER, M_PEM, M_DONE };
enum pstate { P_SEARCH, P_LABEL, P_BLOCK, P_END };

struct smkilint_stream {
	smkilint_ctx *ctx;
	char *name;
	int error;               /* sticky: once failed, every call fails */
	bool finished;
	bool defer;              /* smkilint_stream_defer_pem: PEM blocks are given undecoded */
	bool fed;
	enum mode mode;
	uint8_t first;           /* the input's first octet */

	uint8_t *buf;            /* input bytes [base, base + len) */
	size_t len, cap, base;

	/* PEM state; every position is an absolute byte offset in the input */
	enum pstate st;
	size_t pos;              /* P_SEARCH: where the next BEGIN is looked for */
	size_t b;                /* where the current "-----BEGIN " starts */
	size_t label;            /* b + 11 */
	size_t le;               /* the "-----" that ends the label */
	size_t scan;             /* P_LABEL, P_BLOCK: first octet not yet examined */
	bool is_cert;            /* a block we take (a certificate or a TBS) */
	int kind;
	char header[LABEL_MAX + 1];
	char endmark[LABEL_MAX + 16];
	size_t endmark_len;
	size_t nl_pos, nl_count; /* newlines counted in [0, nl_pos) */
	size_t n_certs;
	bool saw_begin;          /* "-----BEGIN " anywhere (input.c's has_pem) */
	bool tail_done;          /* the "no certificate" item was given */
	char others[256];        /* labels of other blocks, for the message */
	size_t others_len;

	/* the item given by the last smkilint_stream_next() */
	smkilint_item item;
	gnutls_datum_t der;      /* decoded from PEM, owned */
	struct smk_arena arena;  /* its message */

	/* M_DER: the whole input, split at the end */
	smkilint_input *in;
	size_t in_next;
};

static int fail(smkilint_stream *s, int code, const char *what)
{
	smk_ctx_set_error(s->ctx, code, "%s: %s", s->name, what);
	s->error = code;
	return code;
}

int smkilint_stream_new(smkilint_stream **out, smkilint_ctx *ctx, const char *input_name)
{
	*out = NULL;
	if (ctx == NULL)
		return SMKILINT_EINVAL;
	smkilint_stream *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return SMKILINT_ENOMEM;
	s->ctx = ctx;
	s->name = strdup(input_name != NULL ? input_name : "");
	if (s->name == NULL) {
		free(s);
		return SMKILINT_ENOMEM;
	}
	smk_arena_init(&s->arena);
	*out = s;
	return 0;
}

static void release_item(smkilint_stream *s)
{
	gnutls_free(s->der.data);
	s->der.data = NULL;
	s->der.size = 0;
	smk_arena_free(&s->arena);
	smk_arena_init(&s->arena);
	memset(&s->item, 0, sizeof(s->item));
}

void smkilint_stream_free(smkilint_stream *s)
{
	if (s == NULL)
		return;
	release_item(s);
	smkilint_input_free(s->in);
	free(s->buf);
	free(s->name);
	free(s);
}

size_t smkilint_stream_buffered(const smkilint_stream *s)
{
	return s != NULL ? s->cap : 0;
}

#define AT(s, x) ((s)->buf + ((x) - (s)->base))
#define END(s) ((s)->base + (s)->len)

static const uint8_t *find(const uint8_t *p, size_t len, const char *str, size_t n)
{
	if (len < n)
		return NULL;
	for (size_t i = 0; i + n <= len; i++)
		if (p[i] == (uint8_t)str[0] && memcmp(p + i, str, n) == 0)
			return p + i;
	return NULL;
}

/* A block we do not take: the first endmark (1) or "-----BEGIN " (2) in
 * [p, p + len), at *at; 0 when neither is there. As input.c's
 * other_block_end: a BEGIN line before the END line means that the block has
 * no END, which keeps the splitting linear. */
static int find_other_end(const uint8_t *p, size_t len, const char *endmark, size_t n, const uint8_t **at)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] != '-')
			continue;
		if (len - i >= n && memcmp(p + i, endmark, n) == 0) {
			*at = p + i;
			return 1;
		}
		if (len - i >= BEGIN_LEN && memcmp(p + i, BEGIN_MARK, BEGIN_LEN) == 0) {
			*at = p + i;
			return 2;
		}
	}
	return 0;
}

static void count_to(smkilint_stream *s, size_t x)
{
	if (x <= s->nl_pos)
		return;
	const uint8_t *p = AT(s, s->nl_pos), *e = AT(s, x);
	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		s->nl_count++;
		p++;
	}
	s->nl_pos = x;
}

/* The first octet the parser may still read. */
static size_t keep_from(const smkilint_stream *s)
{
	if (s->mode != M_PEM)
		return s->mode == M_DONE ? END(s) : s->base;
	switch (s->st) {
	case P_SEARCH: return s->pos;
	case P_LABEL: return s->scan - s->label > LABEL_MAX + 5 ? s->scan : s->b;
	case P_BLOCK: return s->is_cert ? s->b : s->le + 5;
	case P_END: break;
	}
	return END(s);
}

/* Drop what is no longer needed (after counting its newlines), then append. */
static int append(smkilint_stream *s, const uint8_t *data, size_t len)
{
	size_t keep = keep_from(s);
	if (keep > s->base) {
		if (s->mode == M_PEM)
			count_to(s, keep);
		size_t drop = keep - s->base;
		memmove(s->buf, s->buf + drop, s->len - drop);
		s->len -= drop;
		s->base = keep;
	}
	if (len == 0)
		return 0;
	if (s->len + len > s->cap) {
		size_t cap = s->cap ? s->cap : 65536;
		while (cap < s->len + len)
			cap *= 2;
		uint8_t *nb = realloc(s->buf, cap);
		if (nb == NULL)
			return fail(s, SMKILINT_ENOMEM, "out of memory");
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, len);
	s->len += len;
	return 0;
}

static bool der_fits(const uint8_t *p, size_t len)
{
	struct smk_der d;
	struct smk_tlv t;
	smk_der_init(&d, p, len, 0);
	return smk_der_get_any(&d, &t) == SMK_DER_OK && !t.indefinite;
}

int smkilint_stream_feed(smkilint_stream *s, const uint8_t *data, size_t len)
{
	if (s == NULL || (data == NULL && len > 0))
		return SMKILINT_EINVAL;
	if (s->error)
		return s->error;
	if (s->finished) {
		smk_ctx_set_error(s->ctx, SMKILINT_EINVAL, "%s: data fed after the end of the input", s->name);
		return SMKILINT_EINVAL;
	}
	s->fed = true;
	if (len == 0)
		return 0;
	if (s->mode == M_START) {
		s->first = data[0];
		s->mode = data[0] == 0x30 ? M_DER : M_PEM;
	}
	if (s->mode == M_DONE)
		return 0;            /* after an unterminated block nothing more is read */
	int rc = append(s, data, len);
	if (rc != 0)
		return rc;
	if (s->mode == M_DER && s->len > MAX_ITEM) {
		/* input.c's rule: DER when the outer header fits, else PEM when
		 * there is a BEGIN line. A DER input this large is refused. */
		if (der_fits(s->buf, s->len) || find(s->buf, s->len, BEGIN_MARK, BEGIN_LEN) == NULL)
			return fail(s, SMKILINT_ETOOBIG, "larger than 64 MiB");
		s->mode = M_PEM;
		s->st = P_SEARCH;
		s->pos = s->base;
	}
	return 0;
}

int smkilint_stream_finish(smkilint_stream *s)
{
	if (s == NULL)
		return SMKILINT_EINVAL;
	if (s->error)
		return s->error;
	s->finished = true;
	s->fed = true;
	return 0;
}

/* ------------------------------------------------------------ PEM */

/* ------------------------------------------------------------ PEM decoding */

#define PEM_BAD_FORMAT "line %zu: PEM %s block does not decode: %s"

/* Decode one block (BEGIN line to END marker) into *der (gnutls memory);
 * returns NULL, or why it does not decode (*der is then empty). */
static const char *pem_decode(const char *label, const uint8_t *block, size_t len, gnutls_datum_t *der)
{
	gnutls_datum_t src = {(unsigned char *)block, (unsigned)len};
	int rc = gnutls_pem_base64_decode2(label, &src, der);
	if (rc >= 0 && der->size > 0)
		return NULL;
	gnutls_free(der->data);
	der->data = NULL;
	der->size = 0;
	return rc < 0 ? gnutls_strerror(rc) : "empty";
}

int smkilint_item_decode_pem(smkilint_item *out, uint8_t **der, char **message, const smkilint_item *in)
{
	*der = NULL;
	*message = NULL;
	*out = *in;
	if (in->pem == NULL)
		return 0;
	out->pem = NULL;
	out->pem_len = 0;
	out->pem_label = NULL;
	gnutls_datum_t d = {NULL, 0};
	const char *why = pem_decode(in->pem_label, in->pem, in->pem_len, &d);
	if (why == NULL) {
		*der = malloc(d.size);
		if (*der != NULL)
			memcpy(*der, d.data, d.size);
		gnutls_free(d.data);
		if (*der == NULL)
			return SMKILINT_ENOMEM;
		out->der = *der;
		out->der_len = d.size;
		return 0;
	}
	int n = snprintf(NULL, 0, PEM_BAD_FORMAT, in->line, in->pem_label, why);
	*message = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (*message == NULL)
		return SMKILINT_ENOMEM;
	snprintf(*message, (size_t)n + 1, PEM_BAD_FORMAT, in->line, in->pem_label, why);
	out->error_lint = "pem.bad_base64";
	out->error_message = *message;
	return 0;
}

int smkilint_stream_defer_pem(smkilint_stream *s)
{
	if (s == NULL || s->fed)
		return SMKILINT_EINVAL;
	s->defer = true;
	return 0;
}

static int give(smkilint_stream *s, const smkilint_item **out)
{
	if (s->arena.failed)
		return fail(s, SMKILINT_ENOMEM, "out of memory");
	*out = &s->item;
	return 0;
}

static int no_certificate(smkilint_stream *s, const smkilint_item **out)
{
	smkilint_item *it = &s->item;
	it->index = 0;
	it->error_lint = "input.not_certificate";
	if (s->saw_begin) {
		it->is_pem = 1;
		it->error_message = s->others_len
			? smk_printf(&s->arena, "PEM input holds no CERTIFICATE block (found: %s)", s->others)
			: smk_printf(&s->arena, "PEM input holds no complete CERTIFICATE block");
	} else {
		it->error_message = smk_printf(&s->arena,
					       "offset 0: neither PEM (no BEGIN line) nor DER (first octet 0x%02x, "
					       "a certificate starts with 0x30)", s->first);
	}
	return give(s, out);
}

/* P_LABEL: the first '\n' or "-----" from s->scan. Returns 1 a newline at
 * *at, 2 "-----" at *at, 0 need more data, -1 neither up to the end. */
static int scan_label(smkilint_stream *s, size_t *at)
{
	size_t end = END(s);
	for (size_t i = s->scan; i < end; i++) {
		uint8_t c = *AT(s, i);
		if (c == '\n') {
			*at = i;
			return 1;
		}
		if (c != '-')
			continue;
		if (end - i >= 5) {
			if (memcmp(AT(s, i), "-----", 5) == 0) {
				*at = i;
				return 2;
			}
			continue;
		}
		/* a run of '-' at the end: perhaps the start of "-----" */
		size_t j = i;
		while (j < end && *AT(s, j) == '-')
			j++;
		if (j == end) {
			s->scan = i;
			return s->finished ? -1 : 0;
		}
		i = j - 1;
	}
	s->scan = end;
	return s->finished ? -1 : 0;
}

static int pem_next(smkilint_stream *s, const smkilint_item **out)
{
	for (;;) {
		size_t end = END(s);
		switch (s->st) {
		case P_SEARCH: {
			const uint8_t *b = find(AT(s, s->pos), end - s->pos, BEGIN_MARK, BEGIN_LEN);
			if (b == NULL) {
				if (!s->finished) {
					if (end - s->pos > BEGIN_LEN - 1)
						s->pos = end - (BEGIN_LEN - 1);
					return 0;
				}
				s->st = P_END;
				continue;
			}
			s->saw_begin = true;
			s->b = s->base + (size_t)(b - s->buf);
			s->label = s->b + BEGIN_LEN;
			s->scan = s->label;
			s->st = P_LABEL;
			continue;
		}
		case P_LABEL: {
			size_t le = 0;
			int r = scan_label(s, &le);
			if (r == 0)
				return 0;
			if (r < 0) {             /* no "-----" after the label: no more blocks */
				s->st = P_END;
				continue;
			}
			if (r == 1) {
				/* not a boundary line; no BEGIN can start before the newline */
				s->pos = le;
				s->st = P_SEARCH;
				continue;
			}
			size_t label_len = le - s->label;
			if (label_len > LABEL_MAX) {
				s->pos = le;
				s->st = P_SEARCH;
				continue;
			}
			memcpy(s->header, AT(s, s->label), label_len);
			s->header[label_len] = '\0';
			s->le = le;
			s->kind = smk_pem_label_kind(AT(s, s->label), label_len);   /* input.c's table */
			s->is_cert = s->kind >= 0;
			memcpy(s->endmark, "-----END ", 9);
			memcpy(s->endmark + 9, AT(s, s->label), label_len);
			memcpy(s->endmark + 9 + label_len, "-----", 6);
			s->endmark_len = strlen(s->endmark);   /* as input.c: up to a NUL in the label */
			s->scan = le + 5;
			if (s->is_cert) {
				s->n_certs++;
			} else if (s->others_len + label_len + 3 < sizeof(s->others)) {
				if (s->others_len)
					s->others[s->others_len++] = ',', s->others[s->others_len++] = ' ';
				memcpy(s->others + s->others_len, AT(s, s->label), label_len);
				s->others_len += label_len;
				s->others[s->others_len] = '\0';
			}
			s->st = P_BLOCK;
			continue;
		}
		case P_BLOCK: {
			const uint8_t *e = NULL;
			bool begin_first = false;
			size_t keep_tail = s->endmark_len;   /* a marker may start in the last keep_tail - 1 octets */
			if (s->is_cert) {
				e = find(AT(s, s->scan), end - s->scan, s->endmark, s->endmark_len);
			} else {
				const uint8_t *at = NULL;
				int r = find_other_end(AT(s, s->scan), end - s->scan, s->endmark, s->endmark_len, &at);
				if (r == 1)
					e = at;
				begin_first = r == 2;
				if (keep_tail < BEGIN_LEN)
					keep_tail = BEGIN_LEN;
			}
			if (e == NULL && !begin_first && !s->finished) {
				if (end - s->scan >= keep_tail)
					s->scan = end - (keep_tail - 1);
				if (s->is_cert && end - s->b > MAX_ITEM) {
					count_to(s, s->b);
					char what[96];
					snprintf(what, sizeof(what), "line %zu: CERTIFICATE block larger than 64 MiB",
						 s->nl_count + 1);
					return fail(s, SMKILINT_ETOOBIG, what);
				}
				if (!s->is_cert && end - (s->le + 5) > MAX_ITEM) {
					s->pos = s->le + 5;   /* taken as a block without END */
					s->st = P_SEARCH;
					continue;
				}
				return 0;
			}
			if (!s->is_cert) {
				s->pos = e != NULL ? s->base + (size_t)(e - s->buf) + s->endmark_len : s->le + 5;
				s->st = P_SEARCH;
				continue;
			}
			count_to(s, s->b);
			if (e != NULL && (size_t)(e - AT(s, s->b)) + s->endmark_len > MAX_ITEM) {
				/* whatever the chunks: a block larger than the limit is refused
				 * even when its END line came in the same chunk */
				char what[96];
				snprintf(what, sizeof(what), "line %zu: CERTIFICATE block larger than 64 MiB",
					 s->nl_count + 1);
				return fail(s, SMKILINT_ETOOBIG, what);
			}
			smkilint_item *it = &s->item;
			it->is_pem = 1;
			it->kind = s->kind;
			it->line = s->nl_count + 1;
			it->input_offset = s->b;
			it->index = s->n_certs - 1;
			if (e == NULL) {
				it->error_lint = "pem.unterminated";
				it->error_message = smk_printf(&s->arena, "line %zu: BEGIN %s has no matching END line",
							       it->line, s->header);
				s->st = P_END;
				s->tail_done = true;   /* input.c stops here too */
				return give(s, out);
			}
			size_t block_end = s->base + (size_t)(e - s->buf) + s->endmark_len;
			if (s->defer) {
				it->pem = AT(s, s->b);
				it->pem_len = block_end - s->b;
				it->pem_label = s->header;
			} else {
				const char *why = pem_decode(s->header, AT(s, s->b), block_end - s->b, &s->der);
				if (why != NULL) {
					it->error_lint = "pem.bad_base64";
					it->error_message = smk_printf(&s->arena, PEM_BAD_FORMAT, it->line, s->header, why);
				} else {
					it->der = s->der.data;
					it->der_len = s->der.size;
				}
			}
			s->pos = block_end;
			s->st = P_SEARCH;
			return give(s, out);
		}
		case P_END:
			if (!s->finished || s->tail_done)
				return 0;
			s->tail_done = true;
			if (s->n_certs > 0)
				return 0;
			return no_certificate(s, out);
		}
	}
}

/* ------------------------------------------------------------ items */

int smkilint_stream_next(const smkilint_item **out, smkilint_stream *s)
{
	*out = NULL;
	if (s == NULL)
		return SMKILINT_EINVAL;
	release_item(s);
	if (s->error)
		return s->error;
	switch (s->mode) {
	case M_START:
		if (!s->finished)
			return 0;
		s->mode = M_DONE;
		s->item.error_lint = "input.not_certificate";
		s->item.error_message = "empty input";
		*out = &s->item;
		return 0;
	case M_DER:
		if (!s->finished)
			return 0;
		if (s->in == NULL) {
			int rc = smkilint_input_split(&s->in, s->ctx, s->buf, s->len);
			if (rc != 0)
				return fail(s, rc, "out of memory");
		}
		if (s->in_next < smkilint_input_count(s->in)) {
			*out = smkilint_input_item(s->in, s->in_next++);
			return 0;
		}
		return 0;
	case M_PEM:
		return pem_next(s, out);
	case M_DONE:
		return 0;
	}
	return 0;
}
