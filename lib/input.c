/* Inputs: split a file's bytes into certificates (PEM blocks with any text
 * around them, or one DER certificate). PEM base64 is decoded by gnutls.
 * Certification requests (PKCS #10) come the same ways: PEM blocks labelled
 * CERTIFICATE REQUEST (RFC 7468 §7) or NEW CERTIFICATE REQUEST (the older
 * Netscape/Microsoft label), or DER told apart by structure (der_kind). */
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>

#include "smk.h"

struct smkilint_input {
	struct smk_arena arena;
	smkilint_item *items;
	size_t n, cap;
	gnutls_datum_t *owned;   /* DER buffers decoded from PEM */
	size_t n_owned, cap_owned;
};

static smkilint_item *add_item(smkilint_input *in)
{
	if (in->n == in->cap) {
		size_t cap = in->cap ? 2 * in->cap : 4;
		smkilint_item *it = realloc(in->items, cap * sizeof(*it));
		if (it == NULL)
			return NULL;
		in->items = it;
		in->cap = cap;
	}
	smkilint_item *it = &in->items[in->n];
	memset(it, 0, sizeof(*it));
	it->index = in->n++;
	return it;
}

static bool keep(smkilint_input *in, gnutls_datum_t d)
{
	if (in->n_owned == in->cap_owned) {
		size_t cap = in->cap_owned ? 2 * in->cap_owned : 4;
		gnutls_datum_t *o = realloc(in->owned, cap * sizeof(*o));
		if (o == NULL)
			return false;
		in->owned = o;
		in->cap_owned = cap;
	}
	in->owned[in->n_owned++] = d;
	return true;
}

static const uint8_t *find(const uint8_t *p, size_t len, const char *s)
{
	size_t n = strlen(s);
	if (len < n)
		return NULL;
	for (size_t i = 0; i + n <= len; i++)
		if (p[i] == (uint8_t)s[0] && memcmp(p + i, s, n) == 0)
			return p + i;
	return NULL;
}

/* The end of a PEM label: the first "-----" from p, unless a newline comes
 * first (then NULL: not a boundary line). Stops at whichever it meets first,
 * so the work is bounded by the distance to it. */
static const uint8_t *label_end(const uint8_t *p, const uint8_t *end)
{
	for (; p < end; p++) {
		if (*p == '\n')
			return NULL;
		if (*p == '-' && end - p >= 5 && memcmp(p, "-----", 5) == 0)
			return p;
	}
	return NULL;
}

/* The END line of a block we do not take (PRIVATE KEY, X509 CRL, ...): the
 * first endmark from p, unless a BEGIN line comes first (then NULL: the block
 * has no END and the BEGIN line is the next block's). Looking only up to the
 * next BEGIN keeps splitting linear: many such BEGIN lines without END lines
 * would otherwise each be searched to the end of the input. */
static const uint8_t *other_block_end(const uint8_t *p, size_t len, const char *endmark)
{
	size_t n = strlen(endmark);
	for (size_t i = 0; i < len; i++) {
		if (p[i] != '-')
			continue;
		if (len - i >= n && memcmp(p + i, endmark, n) == 0)
			return p + i;
		if (len - i >= 11 && memcmp(p + i, "-----BEGIN ", 11) == 0)
			return NULL;
	}
	return NULL;
}

/* The PEM labels we take, and what they hold (-1: not ours). */
static int label_kind(const uint8_t *l, size_t n)
{
	static const struct {
		const char *label;
		int kind;
	} labels[] = {
		{"CERTIFICATE", SMKILINT_ITEM_CERT}, {"X509 CERTIFICATE", SMKILINT_ITEM_CERT},
		{"TRUSTED CERTIFICATE", SMKILINT_ITEM_CERT}, {"TBS CERTIFICATE", SMKILINT_ITEM_TBS},
		{"CERTIFICATE REQUEST", SMKILINT_ITEM_CSR}, {"NEW CERTIFICATE REQUEST", SMKILINT_ITEM_CSR},
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strlen(labels[i].label) == n && memcmp(l, labels[i].label, n) == 0)
			return labels[i].kind;
	return -1;
}

static size_t count_lines(const uint8_t *p, const uint8_t *end, size_t line)
{
	for (; p < end; p++)
		if (*p == '\n')
			line++;
	return line;
}

static int split_pem(smkilint_input *in, const uint8_t *data, size_t len)
{
	const uint8_t *p = data, *end = data + len, *counted = data;
	size_t line = 1, n_certs = 0;
	char others[256] = "";
	size_t others_len = 0;
	while (p < end) {
		const uint8_t *b = find(p, (size_t)(end - p), "-----BEGIN ");
		if (b == NULL)
			break;
		line = count_lines(counted, b, line);
		counted = b;
		const uint8_t *label = b + 11;
		const uint8_t *le = label_end(label, end);
		if (le == NULL) {
			p = label;
			continue;   /* not a PEM boundary line */
		}
		size_t label_len = (size_t)(le - label);
		char endmark[96];
		if (label_len > 64) {
			p = le;
			continue;
		}
		memcpy(endmark, "-----END ", 9);
		memcpy(endmark + 9, label, label_len);
		memcpy(endmark + 9 + label_len, "-----", 6);
		int kind = label_kind(label, label_len);
		const uint8_t *e = kind < 0 ? other_block_end(le + 5, (size_t)(end - (le + 5)), endmark)
					    : find(le + 5, (size_t)(end - (le + 5)), endmark);
		if (kind < 0) {
			if (others_len + label_len + 3 < sizeof(others)) {
				if (others_len)
					others[others_len++] = ',', others[others_len++] = ' ';
				memcpy(others + others_len, label, label_len);
				others_len += label_len;
				others[others_len] = '\0';
			}
			p = e != NULL ? e + strlen(endmark) : le + 5;
			continue;
		}
		smkilint_item *it = add_item(in);
		if (it == NULL)
			return SMKILINT_ENOMEM;
		it->is_pem = 1;
		it->kind = kind;
		it->line = line;
		it->input_offset = (size_t)(b - data);
		n_certs++;
		if (e == NULL) {
			it->error_lint = "pem.unterminated";
			it->error_message = smk_printf(&in->arena, "line %zu: BEGIN %.*s has no matching END line",
						       line, (int)label_len, (const char *)label);
			break;
		}
		const uint8_t *block_end = e + strlen(endmark);
		char header[32];
		memcpy(header, label, label_len);
		header[label_len] = '\0';
		gnutls_datum_t src = {(unsigned char *)b, (unsigned)(block_end - b)};
		gnutls_datum_t der = {NULL, 0};
		int rc = gnutls_pem_base64_decode2(header, &src, &der);
		if (rc < 0 || der.size == 0) {
			gnutls_free(der.data);
			it->error_lint = "pem.bad_base64";
			it->error_message = smk_printf(&in->arena, "line %zu: PEM %s block does not decode: %s", line,
						       header, rc < 0 ? gnutls_strerror(rc) : "empty");
		} else if (!keep(in, der)) {
			gnutls_free(der.data);
			return SMKILINT_ENOMEM;
		} else {
			it->der = der.data;
			it->der_len = der.size;
		}
		p = block_end;
	}
	if (n_certs == 0) {
		smkilint_item *it = add_item(in);
		if (it == NULL)
			return SMKILINT_ENOMEM;
		it->is_pem = 1;
		it->error_lint = "input.not_certificate";
		it->error_message = others_len
			? smk_printf(&in->arena, "PEM input holds no CERTIFICATE block (found: %s)", others)
			: smk_printf(&in->arena, "PEM input holds no complete CERTIFICATE block");
	}
	return in->arena.failed ? SMKILINT_ENOMEM : 0;
}

static bool der_header_fits(const uint8_t *data, size_t len)
{
	struct smk_der d;
	struct smk_tlv t;
	smk_der_init(&d, data, len, 0);
	return smk_der_get_any(&d, &t) == SMK_DER_OK && !t.indefinite;
}

/* What a DER input holds. Its first element is a CertificationRequestInfo
 * (RFC 2986 §4.1: version INTEGER, subject, subjectPKInfo, [0] attributes)
 * when it is a SEQUENCE of exactly 4 elements, the first an INTEGER and the
 * last a [0] (0xA0); a TBSCertificate has at least 6 (serialNumber,
 * signature, issuer, validity, subject, subjectPublicKeyInfo). The input is
 * itself a TBSCertificate (pre-issuance) when its first element is the [0]
 * version or, for v1, the serialNumber INTEGER: a certificate's is the
 * TBSCertificate SEQUENCE. Anything else, broken DER included, is taken as
 * a certificate. */
static int der_kind(const uint8_t *data, size_t len)
{
	struct smk_der d;
	struct smk_tlv outer, first, el;
	smk_der_init(&d, data, len, 0);
	if (smk_der_get_any(&d, &outer) != SMK_DER_OK || outer.id != 0x30 || outer.indefinite)
		return SMKILINT_ITEM_CERT;
	struct smk_der in = outer.body;
	if (smk_der_get_any(&in, &first) != SMK_DER_OK || first.indefinite)
		return SMKILINT_ITEM_CERT;
	if (first.id == 0xa0 || first.id == 0x02)
		return SMKILINT_ITEM_TBS;
	if (first.id != 0x30)
		return SMKILINT_ITEM_CERT;
	struct smk_der f = first.body;
	size_t n = 0;
	uint8_t first_id = 0, last_id = 0;
	while (f.len > 0 && n < 5) {
		if (smk_der_get_any(&f, &el) != SMK_DER_OK)
			return SMKILINT_ITEM_CERT;
		if (n++ == 0)
			first_id = el.id;
		last_id = el.id;
	}
	return n == 4 && first_id == 0x02 && last_id == 0xa0 ? SMKILINT_ITEM_CSR : SMKILINT_ITEM_CERT;
}

int smkilint_input_split(smkilint_input **out, smkilint_ctx *ctx, const uint8_t *data, size_t len)
{
	(void)ctx;
	*out = NULL;
	smkilint_input *in = calloc(1, sizeof(*in));
	if (in == NULL)
		return SMKILINT_ENOMEM;
	smk_arena_init(&in->arena);
	int rc = 0;
	bool has_pem = data != NULL && find(data, len, "-----BEGIN ") != NULL;
	if (len == 0 || data == NULL) {
		smkilint_item *it = add_item(in);
		if (it == NULL) {
			rc = SMKILINT_ENOMEM;
		} else {
			it->error_lint = "input.not_certificate";
			it->error_message = "empty input";
		}
	} else if (data[0] == 0x30 && (!has_pem || der_header_fits(data, len))) {
		smkilint_item *it = add_item(in);
		if (it == NULL) {
			rc = SMKILINT_ENOMEM;
		} else {
			it->der = data;
			it->der_len = len;
			it->kind = der_kind(data, len);
		}
	} else if (has_pem) {
		rc = split_pem(in, data, len);
	} else {
		smkilint_item *it = add_item(in);
		if (it == NULL) {
			rc = SMKILINT_ENOMEM;
		} else {
			it->error_lint = "input.not_certificate";
			it->error_message = smk_printf(&in->arena,
						       "offset 0: neither PEM (no BEGIN line) nor DER (first octet 0x%02x, "
						       "a certificate starts with 0x30)", data[0]);
		}
	}
	if (rc != 0 || in->arena.failed) {
		smkilint_input_free(in);
		return SMKILINT_ENOMEM;
	}
	*out = in;
	return 0;
}

size_t smkilint_input_count(const smkilint_input *in)
{
	return in != NULL ? in->n : 0;
}

const smkilint_item *smkilint_input_item(const smkilint_input *in, size_t i)
{
	return in != NULL && i < in->n ? &in->items[i] : NULL;
}

void smkilint_input_free(smkilint_input *in)
{
	if (in == NULL)
		return;
	for (size_t i = 0; i < in->n_owned; i++)
		gnutls_free(in->owned[i].data);
	free(in->owned);
	free(in->items);
	smk_arena_free(&in->arena);
	free(in);
}

/* The PEM labels taken, for lib/stream.c (which splits the same way). */
int smk_pem_label_kind(const uint8_t *label, size_t n)
{
	return label_kind(label, n);
}
