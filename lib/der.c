/*
 * The bounded DER cursor (after BoringSSL's CBS) and the encoding pass.
 *
 * libtasn1 decodes the structure; it does not check DER strictly and says
 * nothing about where it stopped. This walk covers exactly that: it reads
 * every TLV of the certificate (and the DER inside extension values and the
 * ECDSA signature value), records each encoding defect with its offset and
 * ASN.1 path, and finds the first byte where the structure breaks. A small
 * schema only names the fields for paths and says where DEFAULT values and
 * encapsulated DER are; it does not validate the structure (libtasn1 does).
 * Two root schemas exist: the X.509 Certificate and the PKCS #10
 * CertificationRequest, whose extensionRequest attribute holds Extensions
 * walked exactly like a certificate's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "smk.h"

#define SMK_MAX_DEPTH 32
#define SMK_MAX_DEFECTS 256

void smk_der_init(struct smk_der *d, const uint8_t *p, size_t len, size_t off)
{
	d->p = p;
	d->len = len;
	d->off = off;
}

const char *smk_der_err_text(enum smk_der_err e)
{
	switch (e) {
	case SMK_DER_OK: return "ok";
	case SMK_DER_TRUNCATED: return "element runs past the end of its container";
	case SMK_DER_BAD_LENGTH: return "malformed length octets";
	case SMK_DER_BAD_TAG: return "malformed identifier octets";
	}
	return "?";
}

enum smk_der_err smk_der_get_any(struct smk_der *d, struct smk_tlv *t)
{
	*t = (struct smk_tlv){.off = d->off};
	if (d->len < 2)
		return SMK_DER_TRUNCATED;
	const uint8_t *p = d->p;
	size_t i = 0;
	t->id = p[i++];
	t->cls_cons = t->id & 0xe0;
	t->tag = t->id & 0x1f;
	if (t->tag == 0x1f) {
		/* high-tag-number form: base 128, at most 4 octets here */
		unsigned tag = 0;
		size_t n = 0;
		for (;;) {
			if (i >= d->len)
				return SMK_DER_TRUNCATED;
			uint8_t b = p[i++];
			if (n == 0 && b == 0x80)
				t->tag_not_minimal = true;
			if (++n > 4)
				return SMK_DER_BAD_TAG;
			tag = (tag << 7) | (b & 0x7f);
			if (!(b & 0x80))
				break;
		}
		if (tag < 0x1f)
			t->tag_not_minimal = true;
		t->tag = tag;
	}
	if (i >= d->len)
		return SMK_DER_TRUNCATED;
	uint8_t l = p[i++];
	size_t len;
	if (l < 0x80) {
		len = l;
	} else if (l == 0x80) {
		t->indefinite = true;
		len = d->len - i;   /* contents run to the end of the container */
	} else if (l == 0xff) {
		return SMK_DER_BAD_LENGTH;
	} else {
		size_t n = l & 0x7f;
		if (n > 4)
			return SMK_DER_BAD_LENGTH;
		if (d->len - i < n)
			return SMK_DER_TRUNCATED;
		len = 0;
		for (size_t k = 0; k < n; k++)
			len = (len << 8) | p[i + k];
		if (p[i] == 0 || len < 0x80)
			t->len_not_minimal = true;
		i += n;
	}
	t->hdr_len = i;
	t->len = len;
	if (d->len - i < len)
		return SMK_DER_TRUNCATED;
	smk_der_init(&t->body, p + i, len, d->off + i);
	d->p += i + len;
	d->len -= i + len;
	d->off += i + len;
	return SMK_DER_OK;
}

/* ------------------------------------------------------------- time */

static int digits(const uint8_t *p, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

static int64_t days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's algorithm, proleptic Gregorian calendar */
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const int64_t yoe = y - era * 400;
	const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool smk_time_parse(struct smk_time *t, uint8_t tag, const uint8_t *p, size_t len)
{
	t->tag = tag;
	t->text_len = len;
	size_t n = len < sizeof(t->text) - 1 ? len : sizeof(t->text) - 1;
	for (size_t i = 0; i < n; i++)
		t->text[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
	t->text[n] = '\0';
	t->valid = false;
	size_t ylen = tag == 0x17 ? 2 : 4;
	if (len != ylen + 11 || p[len - 1] != 'Z')
		return false;
	int y = digits(p, ylen);
	int mo = digits(p + ylen, 2), d = digits(p + ylen + 2, 2);
	int h = digits(p + ylen + 4, 2), mi = digits(p + ylen + 6, 2), s = digits(p + ylen + 8, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    s < 0 || s > 59)
		return false;
	if (tag == 0x17)
		y += y >= 50 ? 1900 : 2000;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int dmax = mdays[mo - 1] + (mo == 2 && leap(y));
	if (d > dmax)
		return false;
	t->year = y;
	t->epoch = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	t->valid = true;
	return true;
}

/* X.690 §11.7/§11.8: the DER forms of the two time types (fractions allowed
 * in GeneralizedTime if they have no trailing zero; RFC 5280 forbids them,
 * which is a lint of its own). */
static const char *der_time_problem(uint8_t tag, const uint8_t *p, size_t len)
{
	if (len == 0 || p[len - 1] != 'Z')
		return "does not end in Z (DER requires UTC)";
	size_t base = tag == 0x17 ? 12 : 14;
	if (len - 1 < base)
		return "seconds are missing";
	for (size_t i = 0; i < base; i++)
		if (p[i] < '0' || p[i] > '9')
			return "non-digit characters";
	if (len - 1 == base)
		return NULL;
	if (tag == 0x17)
		return "extra characters before Z";
	if (p[base] != '.')
		return p[base] == ',' ? "decimal comma (DER requires a full stop)" : "extra characters before Z";
	if (len - 1 == base + 1)
		return "empty fraction";
	for (size_t i = base + 1; i < len - 1; i++)
		if (p[i] < '0' || p[i] > '9')
			return "non-digit characters in fraction";
	if (p[len - 2] == '0')
		return "fraction has trailing zeros";
	return NULL;
}

/* ------------------------------------------------------------- defects */

void smk_defect_add(struct smk_cert *c, enum smk_defect_kind kind, size_t off, size_t len,
		    const char *path, const char *expected, const char *found)
{
	if (c->n_defects >= SMK_MAX_DEFECTS)
		return;
	if (c->n_defects == c->cap_defects) {
		size_t cap = c->cap_defects ? 2 * c->cap_defects : 8;
		struct smk_defect *d = smk_alloc(&c->arena, cap * sizeof(*d));
		if (d == NULL)
			return;
		if (c->n_defects)
			memcpy(d, c->defects, c->n_defects * sizeof(*d));
		c->defects = d;
		c->cap_defects = cap;
	}
	struct smk_defect *d = &c->defects[c->n_defects++];
	d->kind = kind;
	d->loc.off = off;
	d->loc.len = len;
	d->loc.path = smk_strdup(&c->arena, path);
	d->expected = smk_strdup(&c->arena, expected != NULL ? expected : "");
	d->found = smk_strdup(&c->arena, found != NULL ? found : "");
	if (c->n_defects == SMK_MAX_DEFECTS)
		c->defects[c->n_defects - 1] = (struct smk_defect){
			SMK_DEF_LIMIT, {off, len, d->loc.path},
			smk_printf(&c->arena, "at most %d encoding defects", SMK_MAX_DEFECTS - 1),
			"more; the rest are not reported"};
}

/* ------------------------------------------------------------- schema */

enum sn_kind {
	SN_ANY,       /* walk generically */
	SN_SEQ,       /* fields in order (also used for EXPLICIT wrappers) */
	SN_SEQOF,     /* items named [i] */
	SN_CHOICE,    /* one of the fields, picked by identifier octet */
	SN_EXTNVALUE, /* OCTET STRING holding the DER of the extension named by extnID */
	SN_SIGVALUE,  /* BIT STRING holding an ECDSA-Sig-Value when the algorithm is ECDSA */
	SN_ATTRVALUE, /* a value of a request attribute: Extensions when the type is extensionRequest */
};

enum {
	F_OPT = 1,
	F_DEFAULT_FALSE = 2,   /* BOOLEAN DEFAULT FALSE */
	F_DEFAULT_ZERO = 4,    /* INTEGER DEFAULT 0 */
	F_NAMED_BITS = 8,      /* BIT STRING with a named bit list */
	F_EXTN_ID = 16,        /* the extnID: selects the extnValue schema */
	F_SIG_ALG = 32,        /* the outer signatureAlgorithm */
	F_NAME_RDN = 64,       /* items named rdnSequence-style */
	F_ATTR_TYPE = 128,     /* a request Attribute's type: selects the schema of its values */
};

struct sn;
struct sf {
	const char *name;      /* "" = no path component */
	uint8_t id;            /* expected identifier octet, 0 = any */
	uint8_t flags;
	const struct sn *sn;   /* NULL = SN_ANY */
};
struct sn {
	enum sn_kind kind;
	const struct sf *f;
	size_t nf;
	const struct sn *item;  /* SN_SEQOF */
	uint8_t flags;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct sn sn_any = {SN_ANY, NULL, 0, NULL, 0};

static const struct sf algid_f[] = {
	{"algorithm", 0x06, 0, NULL},
	{"parameters", 0, F_OPT, NULL},
};
static const struct sn sn_algid = {SN_SEQ, algid_f, N(algid_f), NULL, 0};

static const struct sf sigalg_f[] = {
	{"algorithm", 0x06, F_SIG_ALG, NULL},
	{"parameters", 0, F_OPT, NULL},
};
static const struct sn sn_sigalg = {SN_SEQ, sigalg_f, N(sigalg_f), NULL, 0};

static const struct sf atv_f[] = {
	{"type", 0x06, 0, NULL},
	{"value", 0, 0, NULL},
};
static const struct sn sn_atv = {SN_SEQ, atv_f, N(atv_f), NULL, 0};
static const struct sn sn_rdn = {SN_SEQOF, NULL, 0, &sn_atv, 0};
static const struct sn sn_name = {SN_SEQOF, NULL, 0, &sn_rdn, F_NAME_RDN};

static const struct sf validity_f[] = {
	{"notBefore", 0, 0, NULL},
	{"notAfter", 0, 0, NULL},
};
static const struct sn sn_validity = {SN_SEQ, validity_f, N(validity_f), NULL, 0};

static const struct sf spki_f[] = {
	{"algorithm", 0x30, 0, &sn_algid},
	{"subjectPublicKey", 0x03, 0, NULL},
};
static const struct sn sn_spki = {SN_SEQ, spki_f, N(spki_f), NULL, 0};

static const struct sf ext_f[] = {
	{"extnID", 0x06, F_EXTN_ID, NULL},
	{"critical", 0x01, F_OPT | F_DEFAULT_FALSE, NULL},
	{"extnValue", 0x04, 0, &(const struct sn){SN_EXTNVALUE, NULL, 0, NULL, 0}},
};
static const struct sn sn_ext = {SN_SEQ, ext_f, N(ext_f), NULL, 0};
static const struct sn sn_exts = {SN_SEQOF, NULL, 0, &sn_ext, 0};
static const struct sf exts_wrap_f[] = {{"", 0x30, 0, &sn_exts}};
static const struct sn sn_exts_wrap = {SN_SEQ, exts_wrap_f, N(exts_wrap_f), NULL, 0};

static const struct sf version_f[] = {{"", 0x02, F_DEFAULT_ZERO, NULL}};
static const struct sn sn_version = {SN_SEQ, version_f, N(version_f), NULL, 0};

static const struct sf tbs_f[] = {
	{"version", 0xa0, F_OPT, &sn_version},
	{"serialNumber", 0x02, 0, NULL},
	{"signature", 0x30, 0, &sn_algid},
	{"issuer", 0x30, 0, &sn_name},
	{"validity", 0x30, 0, &sn_validity},
	{"subject", 0x30, 0, &sn_name},
	{"subjectPublicKeyInfo", 0x30, 0, &sn_spki},
	{"issuerUniqueID", 0x81, F_OPT, NULL},
	{"subjectUniqueID", 0x82, F_OPT, NULL},
	{"extensions", 0xa3, F_OPT, &sn_exts_wrap},
};
static const struct sn sn_tbs = {SN_SEQ, tbs_f, N(tbs_f), NULL, 0};

static const struct sf cert_f[] = {
	{"tbsCertificate", 0x30, 0, &sn_tbs},
	{"signatureAlgorithm", 0x30, 0, &sn_sigalg},
	{"signatureValue", 0x03, 0, &(const struct sn){SN_SIGVALUE, NULL, 0, NULL, 0}},
};
static const struct sn sn_cert = {SN_SEQ, cert_f, N(cert_f), NULL, 0};

/* RFC 2986 §4: the request. Attributes are named by their type, like
 * extensions; the value of an extensionRequest is walked as Extensions. */
static const struct sn sn_attr_value = {SN_ATTRVALUE, NULL, 0, NULL, 0};
static const struct sn sn_attr_values = {SN_SEQOF, NULL, 0, &sn_attr_value, 0};
static const struct sf attr_f[] = {
	{"type", 0x06, F_ATTR_TYPE, NULL},
	{"values", 0x31, 0, &sn_attr_values},
};
static const struct sn sn_attr = {SN_SEQ, attr_f, N(attr_f), NULL, 0};
static const struct sn sn_attrs = {SN_SEQOF, NULL, 0, &sn_attr, 0};   /* [0] IMPLICIT SET OF */

static const struct sf cri_f[] = {
	{"version", 0x02, 0, NULL},
	{"subject", 0x30, 0, &sn_name},
	{"subjectPKInfo", 0x30, 0, &sn_spki},
	{"attributes", 0xa0, 0, &sn_attrs},
};
static const struct sn sn_cri = {SN_SEQ, cri_f, N(cri_f), NULL, 0};

static const struct sf csr_f[] = {
	{"certificationRequestInfo", 0x30, 0, &sn_cri},
	{"signatureAlgorithm", 0x30, 0, &sn_sigalg},
	{"signature", 0x03, 0, &(const struct sn){SN_SIGVALUE, NULL, 0, NULL, 0}},
};
static const struct sn sn_csr = {SN_SEQ, csr_f, N(csr_f), NULL, 0};

/* Extension values */
static const struct sf ecdsa_f[] = {
	{"r", 0x02, 0, NULL},
	{"s", 0x02, 0, NULL},
};
static const struct sn sn_ecdsa = {SN_SEQ, ecdsa_f, N(ecdsa_f), NULL, 0};
static const struct sf ecdsa_wrap_f[] = {{"ecdsaSigValue", 0x30, 0, &sn_ecdsa}};
static const struct sn sn_ecdsa_wrap = {SN_SEQ, ecdsa_wrap_f, N(ecdsa_wrap_f), NULL, 0};

static const struct sf ku_f[] = {{"", 0x03, F_NAMED_BITS, NULL}};
static const struct sn sn_ku = {SN_SEQ, ku_f, N(ku_f), NULL, 0};

static const struct sf bc_inner_f[] = {
	{"cA", 0x01, F_OPT | F_DEFAULT_FALSE, NULL},
	{"pathLenConstraint", 0x02, F_OPT, NULL},
};
static const struct sn sn_bc_inner = {SN_SEQ, bc_inner_f, N(bc_inner_f), NULL, 0};
static const struct sf bc_f[] = {{"", 0x30, 0, &sn_bc_inner}};
static const struct sn sn_bc = {SN_SEQ, bc_f, N(bc_f), NULL, 0};

static const struct sf aki_inner_f[] = {
	{"keyIdentifier", 0x80, F_OPT, NULL},
	{"authorityCertIssuer", 0xa1, F_OPT, NULL},
	{"authorityCertSerialNumber", 0x82, F_OPT, NULL},
};
static const struct sn sn_aki_inner = {SN_SEQ, aki_inner_f, N(aki_inner_f), NULL, 0};
static const struct sf aki_f[] = {{"", 0x30, 0, &sn_aki_inner}};
static const struct sn sn_aki = {SN_SEQ, aki_f, N(aki_f), NULL, 0};

static const struct sf polinfo_f[] = {
	{"policyIdentifier", 0x06, 0, NULL},
	{"policyQualifiers", 0x30, F_OPT, NULL},
};
static const struct sn sn_polinfo = {SN_SEQ, polinfo_f, N(polinfo_f), NULL, 0};
static const struct sn sn_pols_inner = {SN_SEQOF, NULL, 0, &sn_polinfo, 0};
static const struct sf pols_f[] = {{"", 0x30, 0, &sn_pols_inner}};
static const struct sn sn_pols = {SN_SEQ, pols_f, N(pols_f), NULL, 0};

static const struct sf hwmn_f[] = {
	{"hwType", 0x06, 0, NULL},
	{"hwSerialNum", 0x04, 0, NULL},
};
static const struct sn sn_hwmn = {SN_SEQ, hwmn_f, N(hwmn_f), NULL, 0};
static const struct sf othername_value_f[] = {{"", 0x30, 0, &sn_hwmn}};
static const struct sn sn_othername_value = {SN_SEQ, othername_value_f, N(othername_value_f), NULL, 0};
static const struct sf othername_f[] = {
	{"type-id", 0x06, 0, NULL},
	{"value", 0xa0, 0, &sn_othername_value},
};
static const struct sn sn_othername = {SN_SEQ, othername_f, N(othername_f), NULL, 0};
static const struct sf gn_f[] = {
	{"otherName", 0xa0, 0, &sn_othername},
	{"rfc822Name", 0x81, 0, NULL},
	{"dNSName", 0x82, 0, NULL},
	{"x400Address", 0xa3, 0, NULL},
	{"directoryName", 0xa4, 0, &(const struct sn){SN_SEQ, (const struct sf[]){{"", 0x30, 0, &sn_name}}, 1, NULL, 0}},
	{"ediPartyName", 0xa5, 0, NULL},
	{"uniformResourceIdentifier", 0x86, 0, NULL},
	{"iPAddress", 0x87, 0, NULL},
	{"registeredID", 0x88, 0, NULL},
};
static const struct sn sn_gn = {SN_CHOICE, gn_f, N(gn_f), NULL, 0};
static const struct sn sn_gns_inner = {SN_SEQOF, NULL, 0, &sn_gn, 0};
static const struct sf gns_f[] = {{"", 0x30, 0, &sn_gns_inner}};
static const struct sn sn_gns = {SN_SEQ, gns_f, N(gns_f), NULL, 0};

static const struct sn *extn_schema(int kind)
{
	switch (kind) {
	case SMK_EXT_KEY_USAGE: return &sn_ku;
	case SMK_EXT_BASIC_CONSTRAINTS: return &sn_bc;
	case SMK_EXT_AKI: return &sn_aki;
	case SMK_EXT_CERT_POLICIES: return &sn_pols;
	case SMK_EXT_SAN: return &sn_gns;
	default: return &sn_any;
	}
}

/* ------------------------------------------------------------- the walk */

/* One component of the path of the element being walked. */
enum comp_kind {
	COMP_NAME,     /* ".name", or "name" first */
	COMP_INDEX,    /* "[i]" */
	COMP_RDN,      /* ".rdnSequence[i]" */
	COMP_KEY,      /* "[name]" of an extension or attribute by its OID, else "[i]" */
};

struct comp {
	enum comp_kind kind;
	const char *name;        /* COMP_NAME */
	size_t index;
	const uint8_t *oid;      /* COMP_KEY: the OID's length and contents octets */
	size_t oid_len;
};

/* The path is kept as a stack of components and written out (path_text)
 * only when a defect, a break or smk_der_locate needs it: most elements of
 * a sound certificate never need their path. At most 3 components are
 * pushed per nesting level, and the depth is bounded by SMK_MAX_DEPTH. */
#define SMK_MAX_COMPS (3 * SMK_MAX_DEPTH + 8)

struct walk {
	struct smk_cert *c;
	const struct sn *root;   /* sn_cert or sn_csr */
	const char *root_name;   /* the path of the whole: "certificate", "certificationRequest" */
	size_t n_comps;
	size_t plen;
	int depth;
	int encap;               /* > 0 inside encapsulated DER */
	int ext_kind;            /* of the extension being walked */
	bool attr_ext_req;       /* the request attribute being walked is an extensionRequest */
	bool sig_ecdsa;
	bool broken;             /* the certificate's structure is broken */
	struct smk_loc *fatal_loc;
	const char **fatal_reason;
	const char *want;        /* smk_der_locate: the path looked for */
	struct smk_loc *best;    /* ... and the deepest element on it so far */
	size_t best_plen;
	/* last, and not zeroed by walk_root: only n_comps of comps are used,
	 * and path holds what path_text wrote */
	struct comp comps[SMK_MAX_COMPS];
	char path[512];
};

/* Push a component; the value returned restores the path (path_pop). */
static size_t path_push(struct walk *w, enum comp_kind kind, const char *name, size_t index)
{
	size_t saved = w->n_comps;
	if (w->n_comps < SMK_MAX_COMPS) {
		struct comp *c = &w->comps[w->n_comps++];
		c->kind = kind;
		c->name = name;
		c->index = index;
	}
	return saved;
}

static void path_pop(struct walk *w, size_t saved)
{
	w->n_comps = saved;
}

static void push_name(struct walk *w, const char *name, size_t *saved)
{
	*saved = w->n_comps;
	if (name[0] != '\0')
		path_push(w, COMP_NAME, name, 0);
}

static void append(struct walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void append(struct walk *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(w->path + w->plen, sizeof(w->path) - w->plen, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->plen += (size_t)n < sizeof(w->path) - w->plen ? (size_t)n : sizeof(w->path) - w->plen - 1;
}

/* The path as text ("tbsCertificate.extensions[keyUsage].critical"), or the
 * root's name for the whole. */
static const char *path_text(struct walk *w)
{
	w->plen = 0;
	w->path[0] = '\0';
	for (size_t i = 0; i < w->n_comps; i++) {
		const struct comp *c = &w->comps[i];
		char dotted[128];
		int rl;
		switch (c->kind) {
		case COMP_NAME:
			append(w, w->plen ? ".%s" : "%s", c->name);
			break;
		case COMP_INDEX:
			append(w, "[%zu]", c->index);
			break;
		case COMP_RDN:
			append(w, ".rdnSequence[%zu]", c->index);
			break;
		case COMP_KEY:
			if (asn1_get_object_id_der(c->oid, (int)c->oid_len, &rl, dotted, sizeof(dotted)) == ASN1_SUCCESS) {
				enum smk_oid id = smk_oid_lookup(dotted);
				append(w, "[%s]", id ? smk_oid_info(id)->name : dotted);
			} else {
				append(w, "[%zu]", c->index);
			}
			break;
		}
	}
	return w->n_comps ? w->path : w->root_name;
}

static void defect(struct walk *w, enum smk_defect_kind k, size_t off, size_t len,
		   const char *expected, const char *found)
{
	smk_defect_add(w->c, k, off, len, path_text(w), expected, found);
}

/* A structural break: fatal for the certificate itself, a defect inside
 * encapsulated DER (the certificate still decodes). */
static void broken(struct walk *w, size_t off, const char *why)
{
	if (w->encap) {
		defect(w, SMK_DEF_ENCAPSULATED_BROKEN, off, 0, "well-formed DER inside the value", why);
		return;
	}
	if (!w->broken) {
		w->broken = true;
		w->fatal_loc->off = off;
		w->fatal_loc->len = 0;
		w->fatal_loc->path = smk_strdup(&w->c->arena, path_text(w));
		*w->fatal_reason = why;
	}
}

static void walk_value(struct walk *w, const struct smk_tlv *t, const struct sn *sn, uint8_t flags);

static int set_elem_cmp(const struct smk_tlv *a, const struct smk_tlv *b)
{
	const uint8_t *pa = a->body.p - a->hdr_len, *pb = b->body.p - b->hdr_len;
	size_t la = a->hdr_len + a->len, lb = b->hdr_len + b->len;
	size_t n = la < lb ? la : lb;
	int r = memcmp(pa, pb, n);
	if (r != 0)
		return r;
	/* the shorter one is padded with zero octets (X.690 §11.6) */
	const uint8_t *rest = la > lb ? pa + n : pb + n;
	size_t rl = la > lb ? la - n : lb - n;
	for (size_t i = 0; i < rl; i++)
		if (rest[i] != 0)
			return la > lb ? 1 : -1;
	return 0;
}

static void walk_children(struct walk *w, const struct smk_tlv *t, const struct sn *sn)
{
	struct smk_der d = t->body;
	size_t fi = 0, i = 0;
	struct smk_tlv prev = {0};
	bool have_prev = false;
	while (d.len > 0 && !w->broken) {
		if (t->indefinite && d.len >= 2 && d.p[0] == 0 && d.p[1] == 0)
			break;   /* end-of-contents of a BER indefinite length */
		struct smk_tlv ch;
		size_t at = d.off;
		enum smk_der_err e = smk_der_get_any(&d, &ch);
		if (e != SMK_DER_OK) {
			size_t saved = path_push(w, COMP_INDEX, NULL, i);
			broken(w, at, smk_der_err_text(e));
			path_pop(w, saved);
			return;
		}
		if ((t->id == 0x31 || sn == &sn_attrs) && have_prev && set_elem_cmp(&prev, &ch) > 0) {
			size_t saved = path_push(w, COMP_INDEX, NULL, i);
			defect(w, SMK_DEF_SET_NOT_SORTED, ch.off, ch.hdr_len + ch.len,
			       "SET OF elements in ascending order of their encodings",
			       "element sorts before the previous one");
			path_pop(w, saved);
		}
		prev = ch;
		have_prev = true;

		const struct sf *field = NULL, *misplaced = NULL;
		size_t saved;
		if (sn != NULL && sn->kind == SN_SEQ) {
			while (fi < sn->nf && sn->f[fi].id != 0 && sn->f[fi].id != ch.id &&
			       (sn->f[fi].flags & F_OPT))
				fi++;
			if (fi < sn->nf && (sn->f[fi].id == 0 || sn->f[fi].id == ch.id))
				field = &sn->f[fi++];
			else if (fi < sn->nf)
				misplaced = &sn->f[fi++];
		}
		if (field != NULL) {
			push_name(w, field->name, &saved);
			walk_value(w, &ch, field->sn, field->flags);
		} else if (misplaced != NULL) {
			/* a wrong tag where a required field belongs: name the element
			 * after that field, as libtasn1's error does, so that
			 * smk_der_locate finds it; its contents are walked generically */
			push_name(w, misplaced->name, &saved);
			walk_value(w, &ch, NULL, 0);
		} else if (sn != NULL && sn->kind == SN_SEQOF) {
			if ((sn->flags & F_NAME_RDN) && w->n_comps)
				saved = path_push(w, COMP_RDN, NULL, i);
			else
				saved = path_push(w, COMP_INDEX, NULL, i);
			if (sn->item == &sn_attr)
				w->attr_ext_req = false;   /* until this attribute's type says so */
			if ((sn->item == &sn_ext || sn->item == &sn_attr) && ch.id == 0x30) {
				/* name the extension by its extnID, the attribute by its type
				 * (path_text reads the OID, and says [i] when it cannot) */
				struct smk_der e2 = ch.body;
				struct smk_tlv oid;
				if (smk_der_get_any(&e2, &oid) == SMK_DER_OK && oid.id == 0x06 && w->n_comps > saved) {
					struct comp *k = &w->comps[saved];
					k->kind = COMP_KEY;
					k->oid = oid.body.p - (oid.hdr_len - 1);
					k->oid_len = oid.hdr_len - 1 + oid.len;
				}
			}
			walk_value(w, &ch, sn->item, 0);
		} else {
			saved = path_push(w, COMP_INDEX, NULL, i);
			walk_value(w, &ch, NULL, 0);
		}
		path_pop(w, saved);
		i++;
	}
}

static void check_integer(struct walk *w, const struct smk_tlv *t, uint8_t flags)
{
	const uint8_t *p = t->body.p;
	if (t->len == 0) {
		defect(w, SMK_DEF_INTEGER_EMPTY, t->off, t->hdr_len, "at least one contents octet",
		       "empty INTEGER");
		return;
	}
	if (t->len > 1 && ((p[0] == 0x00 && !(p[1] & 0x80)) || (p[0] == 0xff && (p[1] & 0x80)))) {
		char found[64];
		snprintf(found, sizeof(found), "leading 0x%02x octet (%zu contents octets)", p[0], t->len);
		defect(w, SMK_DEF_INTEGER_NOT_MINIMAL, t->off, t->hdr_len + t->len,
		       "minimal two's-complement encoding", found);
	}
	if ((flags & F_DEFAULT_ZERO) && t->len == 1 && p[0] == 0)
		defect(w, SMK_DEF_DEFAULT_ENCODED, t->off, t->hdr_len + t->len,
		       "DEFAULT value omitted", "DEFAULT value 0 (v1) encoded");
}

static void check_bitstring(struct walk *w, const struct smk_tlv *t, uint8_t flags)
{
	const uint8_t *p = t->body.p;
	char found[96];
	if (t->len == 0) {
		defect(w, SMK_DEF_BITSTRING_BAD, t->off, t->hdr_len, "an unused-bits octet",
		       "empty BIT STRING");
		return;
	}
	unsigned unused = p[0];
	if (unused > 7) {
		snprintf(found, sizeof(found), "unused-bits octet %u", unused);
		defect(w, SMK_DEF_BITSTRING_BAD, t->off + t->hdr_len, 1, "0 to 7 unused bits", found);
		return;
	}
	if (t->len == 1 && unused != 0) {
		snprintf(found, sizeof(found), "%u unused bits and no data", unused);
		defect(w, SMK_DEF_BITSTRING_BAD, t->off + t->hdr_len, 1,
		       "0 unused bits in an empty BIT STRING", found);
		return;
	}
	if (t->len > 1 && unused && (p[t->len - 1] & ((1u << unused) - 1))) {
		snprintf(found, sizeof(found), "unused bits set in last octet 0x%02x", p[t->len - 1]);
		defect(w, SMK_DEF_BITSTRING_BAD, t->off + t->hdr_len + t->len - 1, 1,
		       "unused bits are zero (X.690 §11.2.1)", found);
	}
	if ((flags & F_NAMED_BITS) && t->len > 1) {
		uint8_t last = p[t->len - 1];
		bool trailing = last == 0 || !(last & (1u << unused));
		if (trailing) {
			snprintf(found, sizeof(found), "%zu octets, unused bits %u, last octet 0x%02x",
				 t->len - 1, unused, last);
			defect(w, SMK_DEF_NAMED_BITS_TRAILING_ZERO, t->off, t->hdr_len + t->len,
			       "named bit list without trailing zero bits (X.690 §11.2.2)", found);
		}
	}
}

static void walk_encapsulated(struct walk *w, struct smk_der body, const struct sn *sn)
{
	/* body must hold exactly one TLV, walked with schema sn */
	w->encap++;
	struct smk_tlv in;
	size_t at = body.off;
	enum smk_der_err e = smk_der_get_any(&body, &in);
	if (e != SMK_DER_OK) {
		broken(w, at, smk_der_err_text(e));
	} else {
		const struct sf *f = NULL;
		if (sn->kind == SN_SEQ && sn->nf == 1)
			f = &sn->f[0];
		if (f != NULL && f->id == in.id) {
			size_t saved;
			push_name(w, f->name, &saved);
			walk_value(w, &in, f->sn, f->flags);
			path_pop(w, saved);
		} else {
			walk_value(w, &in, NULL, 0);
		}
		if (body.len > 0)
			defect(w, SMK_DEF_TRAILING_DATA, body.off, body.len,
			       "nothing after the encapsulated element",
			       smk_printf(&w->c->arena, "%zu trailing octets", body.len));
	}
	w->encap--;
}

static bool is_string_tag(unsigned tag)
{
	switch (tag) {
	case 3: case 4: case 12: case 18: case 19: case 20: case 21: case 22:
	case 25: case 26: case 27: case 28: case 30:
		return true;
	}
	return false;
}

static void note_wanted(struct walk *w, const struct smk_tlv *t)
{
	if (w->want == NULL)
		return;
	path_text(w);
	size_t n = w->plen;
	if (n < w->best_plen || strncmp(w->path, w->want, n) != 0)
		return;
	char next = w->want[n];
	if (next != '\0' && next != '.' && next != '[')
		return;
	w->best_plen = n;
	w->best->off = t->off;
	w->best->len = t->hdr_len + t->len;
	w->best->path = smk_strdup(&w->c->arena, n ? w->path : w->root_name);
}

/* A CHOICE is the element itself, not its contents: the identifier octet
 * picks the alternative, which names the element and gives its schema. */
static void walk_choice(struct walk *w, const struct smk_tlv *t, const struct sn *sn)
{
	const struct sf *alt = NULL;
	for (size_t k = 0; k < sn->nf; k++)
		if (sn->f[k].id == t->id)
			alt = &sn->f[k];
	size_t saved = w->n_comps;
	if (alt != NULL)
		push_name(w, alt->name, &saved);
	walk_value(w, t, alt != NULL ? alt->sn : NULL, alt != NULL ? alt->flags : 0);
	path_pop(w, saved);
}

static void walk_value(struct walk *w, const struct smk_tlv *t, const struct sn *sn, uint8_t flags)
{
	if (sn != NULL && sn->kind == SN_ATTRVALUE)
		sn = w->attr_ext_req ? &sn_exts : NULL;
	if (sn != NULL && sn->kind == SN_CHOICE) {
		walk_choice(w, t, sn);
		return;
	}
	note_wanted(w, t);
	if (t->tag_not_minimal)
		defect(w, SMK_DEF_TAG_NOT_MINIMAL, t->off, t->hdr_len, "low-tag-number form when possible",
		       "high-tag-number form for a small tag");
	if (t->len_not_minimal)
		defect(w, SMK_DEF_LENGTH_NOT_MINIMAL, t->off, t->hdr_len,
		       t->len < 0x80 ? "short-form length" : "fewest length octets",
		       smk_printf(&w->c->arena, "%zu length octets for %zu contents octets", t->hdr_len - 1, t->len));
	if (t->indefinite) {
		defect(w, SMK_DEF_INDEFINITE_LENGTH, t->off, t->hdr_len, "definite length",
		       "indefinite length (BER)");
		if (!w->encap)
			broken(w, t->off, "indefinite length (BER) is not DER");
		return;
	}
	if (++w->depth > SMK_MAX_DEPTH) {
		defect(w, SMK_DEF_LIMIT, t->off, t->hdr_len + t->len,
		       smk_printf(&w->c->arena, "nesting depth at most %d", SMK_MAX_DEPTH), "deeper nesting");
		w->depth--;
		return;
	}
	bool universal = (t->cls_cons & 0xc0) == 0;
	bool constructed = t->cls_cons & 0x20;
	if (constructed) {
		if (universal && is_string_tag(t->tag))
			defect(w, SMK_DEF_CONSTRUCTED_STRING, t->off, t->hdr_len + t->len,
			       "primitive encoding", "constructed string (BER)");
		walk_children(w, t, sn);
		w->depth--;
		return;
	}
	/* primitive: checks by universal tag, or by the schema's context tag */
	unsigned tag = universal ? t->tag : 0;
	if (!universal && (t->id == 0x81 || t->id == 0x82) && w->depth == 3 && !w->encap && w->root == &sn_cert)
		tag = 3;    /* issuer/subjectUniqueID: IMPLICIT BIT STRING */
	if (!universal && t->id == 0x82 && w->encap && w->ext_kind == SMK_EXT_AKI)
		tag = 2;    /* authorityCertSerialNumber: IMPLICIT INTEGER */
	switch (tag) {
	case 1:
		if (t->len != 1 || (t->body.p[0] != 0x00 && t->body.p[0] != 0xff))
			defect(w, SMK_DEF_BOOLEAN_NOT_CANONICAL, t->off, t->hdr_len + t->len,
			       "one octet, 0x00 or 0xFF",
			       t->len == 1 ? smk_printf(&w->c->arena, "0x%02x", t->body.p[0])
					   : smk_printf(&w->c->arena, "%zu octets", t->len));
		else if ((flags & F_DEFAULT_FALSE) && t->body.p[0] == 0x00)
			defect(w, SMK_DEF_DEFAULT_ENCODED, t->off, t->hdr_len + t->len,
			       "DEFAULT FALSE omitted", "FALSE encoded explicitly");
		break;
	case 2:
		check_integer(w, t, flags);
		break;
	case 3:
		check_bitstring(w, t, flags);
		if (sn != NULL && sn->kind == SN_SIGVALUE && w->sig_ecdsa && t->len > 1 && t->body.p[0] == 0) {
			struct smk_der inner;
			smk_der_init(&inner, t->body.p + 1, t->len - 1, t->body.off + 1);
			walk_encapsulated(w, inner, &sn_ecdsa_wrap);
		}
		break;
	case 4:
		if (sn != NULL && sn->kind == SN_EXTNVALUE)
			walk_encapsulated(w, t->body, extn_schema(w->ext_kind));
		break;
	case 5:
		if (t->len != 0)
			defect(w, SMK_DEF_NULL_NOT_EMPTY, t->off, t->hdr_len + t->len, "no contents octets",
			       smk_printf(&w->c->arena, "%zu contents octets", t->len));
		break;
	case 6:
		if (t->len == 0 || t->body.p[t->len - 1] & 0x80) {
			defect(w, SMK_DEF_OID_NOT_MINIMAL, t->off, t->hdr_len + t->len,
			       "complete sub-identifiers", "truncated OBJECT IDENTIFIER");
		} else {
			for (size_t i = 0; i < t->len; i++) {
				if (t->body.p[i] == 0x80 && (i == 0 || !(t->body.p[i - 1] & 0x80))) {
					defect(w, SMK_DEF_OID_NOT_MINIMAL, t->off + t->hdr_len + i, 1,
					       "sub-identifiers without leading 0x80 octets",
					       "leading 0x80 padding octet");
					break;
				}
			}
		}
		if (flags & F_EXTN_ID)
			w->ext_kind = smk_oid_info(smk_oid_of(t))->ext_kind;
		if (flags & F_ATTR_TYPE) {
			static const uint8_t ext_req[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e};
			w->attr_ext_req = t->len == sizeof(ext_req) && memcmp(t->body.p, ext_req, sizeof(ext_req)) == 0;
		}
		if (flags & F_SIG_ALG) {
			static const uint8_t ecdsa_prefix[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03};
			w->sig_ecdsa = t->len == 8 && memcmp(t->body.p, ecdsa_prefix, 7) == 0;
		}
		break;
	case 0x17:
	case 0x18: {
		const char *why = der_time_problem((uint8_t)tag, t->body.p, t->len);
		struct smk_time tm;
		if (why == NULL && !smk_time_parse(&tm, (uint8_t)tag, t->body.p, t->len) &&
		    (tag == 0x17 || t->len == 15))
			why = "not a valid date and time";
		if (why != NULL)
			defect(w, SMK_DEF_TIME_FORMAT, t->off, t->hdr_len + t->len,
			       tag == 0x17 ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ",
			       smk_printf(&w->c->arena, "\"%.*s\": %s", (int)(t->len < 32 ? t->len : 32),
					  (const char *)t->body.p, why));
		break;
	}
	default:
		break;
	}
	w->depth--;
}

static bool walk_root(struct smk_cert *c, const struct sn *root, struct smk_loc *fatal_loc,
		      const char **fatal_reason, const char *want, struct smk_loc *best);

bool smk_der_check_cert(struct smk_cert *c, struct smk_loc *fatal_loc, const char **fatal_reason)
{
	return walk_root(c, &sn_cert, fatal_loc, fatal_reason, NULL, NULL);
}

bool smk_der_check_csr(struct smk_cert *c, struct smk_loc *fatal_loc, const char **fatal_reason)
{
	return walk_root(c, &sn_csr, fatal_loc, fatal_reason, NULL, NULL);
}

void smk_der_locate(struct smk_cert *c, const char *want, struct smk_loc *best)
{
	/* a second walk, only on the error path; defects are not recorded twice */
	struct smk_loc fl = {0, 0, NULL};
	const char *fr = NULL;
	size_t n_defects = c->n_defects;
	size_t der_len = c->der.len;
	walk_root(c, c->is_csr ? &sn_csr : &sn_cert, &fl, &fr, want, best);
	c->n_defects = n_defects;
	c->der.len = der_len;
}

static bool walk_root(struct smk_cert *c, const struct sn *root, struct smk_loc *fatal_loc,
		      const char **fatal_reason, const char *want, struct smk_loc *best)
{
	bool csr = root == &sn_csr;
	const char *what = csr ? "certification request" : "certificate";
	struct walk w;
	memset(&w, 0, offsetof(struct walk, comps));
	w.root = root;
	w.root_name = csr ? "certificationRequest" : "certificate";
	w.want = want;
	w.best = best;
	w.c = c;
	w.ext_kind = -1;
	w.fatal_loc = fatal_loc;
	w.fatal_reason = fatal_reason;

	struct smk_der d;
	smk_der_init(&d, c->der.p, c->der.len, 0);
	struct smk_tlv t;
	enum smk_der_err e = smk_der_get_any(&d, &t);
	if (e != SMK_DER_OK) {
		broken(&w, 0, smk_der_err_text(e));
		return false;
	}
	if (t.id != 0x30) {
		broken(&w, 0, csr ? "a certification request starts with a SEQUENCE (0x30)"
				  : "a certificate starts with a SEQUENCE (0x30)");
		return false;
	}
	walk_value(&w, &t, root, 0);
	if (d.len > 0)
		smk_defect_add(c, SMK_DEF_TRAILING_DATA, d.off, d.len, w.root_name,
			       smk_printf(&c->arena, "nothing after the %s", what),
			       smk_printf(&c->arena, "%zu trailing octets", d.len));
	c->der.len = t.hdr_len + t.len;   /* libtasn1 decodes exactly the certificate (request) */
	return !w.broken;
}
