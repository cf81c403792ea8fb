/*
 * Internal declarations of libsmkilint: the plain certificate model that the
 * decoder fills and the lints read, the bounded DER cursor, findings.
 * Nothing here is exported; names start with smk_.
 */
#ifndef SMK_H
#define SMK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libtasn1.h>

#include "smkilint/smkilint.h"

#define SMK_HIDDEN __attribute__((visibility("hidden")))

/* ------------------------------------------------------------------ arena */

/* A bump allocator: everything decoded from one certificate lives in one
 * arena and is freed at once. Allocation failure returns NULL. */
struct smk_arena_chunk;
struct smk_arena {
	struct smk_arena_chunk *head;
	bool failed;             /* set once an allocation failed */
	size_t chunk;            /* size of the next chunk (0: the default); smk_arena_reset sets it */
};

void smk_arena_init(struct smk_arena *a);
void smk_arena_free(struct smk_arena *a);
void smk_arena_reset(struct smk_arena *a);               /* empty it, keeping one chunk */
void *smk_alloc(struct smk_arena *a, size_t n);            /* zeroed */
char *smk_strdup(struct smk_arena *a, const char *s);
char *smk_strndup(struct smk_arena *a, const char *s, size_t n);
char *smk_printf(struct smk_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *smk_hex(struct smk_arena *a, const uint8_t *p, size_t n);  /* lower-case, no separators */
char *smk_path_cat(struct smk_arena *a, const char *base, const char *suffix);   /* base suffix */
char *smk_path_idx(struct smk_arena *a, const char *base, size_t i);             /* base[i] */
char *smk_path_key(struct smk_arena *a, const char *base, const char *key);      /* base[key] */

/* ------------------------------------------------------------------ model */

/* Where a field is: DER byte offset and length from the start of the
 * certificate, and its ASN.1 path (static or arena storage). */
struct smk_loc {
	size_t off;
	size_t len;
	const char *path;
};

struct smk_bytes {
	const uint8_t *p;
	size_t len;
};

/* A string type whose value names compare as text (RFC 5280 §7.1):
 * PrintableString, UTF8String, IA5String. */
static inline bool smk_tag_is_text(uint8_t tag)
{
	return tag == 0x13 || tag == 0x0c || tag == 0x16;
}

/* The value v as names compare it (RFC 4518-lite: ASCII case folded,
 * leading and trailing spaces removed, inner runs of spaces compressed to
 * one; enough for SMKI names, PrintableString against UTF8String of the
 * same ASCII), into out[0..cap); returns its length, at most v->len. */
size_t smk_fold_text(const struct smk_bytes *v, uint8_t *out, size_t cap);

/* The same octets (p may be NULL when len is 0: memcmp must not see it). */
static inline bool smk_bytes_eq(struct smk_bytes a, struct smk_bytes b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* Object identifiers the linter knows by name. */
enum smk_oid {
	SMK_OID_UNKNOWN = 0,
	/* algorithms and curves */
	SMK_OID_EC_PUBLIC_KEY,
	SMK_OID_PRIME256V1,
	SMK_OID_SECP384R1,
	SMK_OID_ECDSA_SHA256,
	SMK_OID_ECDSA_SHA384,
	SMK_OID_ECDSA_SHA512,
	SMK_OID_RSA_ENCRYPTION,
	SMK_OID_SHA256_RSA,
	/* extensions */
	SMK_OID_EXT_SKI,
	SMK_OID_EXT_KEY_USAGE,
	SMK_OID_EXT_SAN,
	SMK_OID_EXT_IAN,
	SMK_OID_EXT_BASIC_CONSTRAINTS,
	SMK_OID_EXT_NAME_CONSTRAINTS,
	SMK_OID_EXT_CRL_DP,
	SMK_OID_EXT_CERT_POLICIES,
	SMK_OID_EXT_POLICY_MAPPINGS,
	SMK_OID_EXT_AKI,
	SMK_OID_EXT_POLICY_CONSTRAINTS,
	SMK_OID_EXT_EXT_KEY_USAGE,
	SMK_OID_EXT_INHIBIT_ANY,
	SMK_OID_EXT_AIA,
	/* names and otherNames */
	SMK_OID_AT_CN,
	SMK_OID_AT_SERIAL_NUMBER,
	SMK_OID_AT_C,
	SMK_OID_AT_L,
	SMK_OID_AT_ST,
	SMK_OID_AT_O,
	SMK_OID_AT_OU,
	SMK_OID_AT_UNIQUE_IDENTIFIER,
	SMK_OID_AT_DN_QUALIFIER,
	SMK_OID_EMAIL_ADDRESS,
	SMK_OID_ON_HW_MODULE_NAME,
	/* PKCS #9 attributes of certification requests (RFC 2985) */
	SMK_OID_PKCS9_EXTENSION_REQUEST,
	SMK_OID_PKCS9_CHALLENGE_PASSWORD,
	SMK_OID_PKCS9_UNSTRUCTURED_NAME,
	SMK_OID_COUNT
};

/* Known extensions, indexing struct smk_cert.known[]. */
enum smk_ext_kind {
	SMK_EXT_KEY_USAGE,
	SMK_EXT_BASIC_CONSTRAINTS,
	SMK_EXT_SKI,
	SMK_EXT_AKI,
	SMK_EXT_CERT_POLICIES,
	SMK_EXT_SAN,
	SMK_EXT_EXT_KEY_USAGE,
	SMK_EXT_KNOWN_COUNT,
	SMK_EXT_OTHER = SMK_EXT_KNOWN_COUNT
};

struct smk_oid_info {
	const char *dotted;
	const char *name;        /* short name used in paths and messages */
	int ext_kind;            /* enum smk_ext_kind, or -1 */
};
const struct smk_oid_info *smk_oid_info(enum smk_oid id);
enum smk_oid smk_oid_lookup(const char *dotted);

struct smk_alg {
	const char *oid;         /* dotted */
	enum smk_oid id;
	bool params_present;
	bool params_null;        /* parameters are an ASN.1 NULL (05 00) */
	struct smk_bytes raw;    /* the whole AlgorithmIdentifier TLV */
	struct smk_bytes params; /* parameters TLV when present */
	struct smk_loc loc;
	struct smk_loc params_loc;
};

/* An attribute of a distinguished name. */
struct smk_atv {
	const char *oid;
	enum smk_oid id;
	uint8_t tag;             /* universal tag of the value (0x13 PrintableString, 0x0c UTF8String, 0x03 BIT STRING ...) */
	struct smk_bytes value;  /* contents of the value TLV */
	struct smk_bytes raw;    /* the value TLV */
	size_t rdn;              /* index of the RDN holding it */
	size_t pos;              /* index inside that RDN */
	struct smk_loc loc;      /* the AttributeTypeAndValue */
	struct smk_loc value_loc;
};

struct smk_name {
	struct smk_atv *atv;
	size_t n_atv;
	size_t n_rdn;
	struct smk_bytes raw;    /* the Name TLV (SEQUENCE) */
	struct smk_loc loc;
};

struct smk_time {
	uint8_t tag;             /* 0x17 UTCTime, 0x18 GeneralizedTime */
	char text[40];           /* raw characters, NUL-terminated (truncated if longer) */
	size_t text_len;         /* real length of the contents */
	bool valid;              /* grammar per RFC 5280 §4.1.2.5 (Z, seconds, no fraction) */
	int year;
	int64_t epoch;           /* seconds since 1970 when valid */
	struct smk_loc loc;
};

struct smk_spki {
	struct smk_alg alg;
	enum smk_oid curve;      /* namedCurve when params are an OID */
	const char *curve_oid;   /* dotted, or NULL */
	bool curve_explicit;     /* specifiedCurve */
	bool curve_implicit;     /* implicitCurve NULL */
	struct smk_bytes key;    /* subjectPublicKey bits (whole octets) */
	unsigned key_unused_bits;
	struct smk_loc loc;
	struct smk_loc key_loc;
};

struct smk_ext {
	const char *oid;
	enum smk_oid id;
	int kind;                /* enum smk_ext_kind */
	const char *name;        /* "keyUsage", or the dotted OID */
	bool critical;
	bool critical_encoded;   /* the BOOLEAN is present in the DER */
	bool decoded;            /* a known extension whose value decoded */
	struct smk_bytes value;  /* extnValue contents */
	size_t index;
	struct smk_loc loc;
	struct smk_loc critical_loc;  /* the BOOLEAN, or the extnID when not encoded */
	struct smk_loc value_loc;     /* the extnValue contents */
};

enum smk_ku_bit {
	SMK_KU_DIGITAL_SIGNATURE = 0,
	SMK_KU_NON_REPUDIATION = 1,
	SMK_KU_KEY_ENCIPHERMENT = 2,
	SMK_KU_DATA_ENCIPHERMENT = 3,
	SMK_KU_KEY_AGREEMENT = 4,
	SMK_KU_KEY_CERT_SIGN = 5,
	SMK_KU_CRL_SIGN = 6,
	SMK_KU_ENCIPHER_ONLY = 7,
	SMK_KU_DECIPHER_ONLY = 8,
};

struct smk_key_usage {
	uint32_t bits;           /* bit i = named bit i (enum smk_ku_bit), up to 32 */
	unsigned nbits;          /* number of bits encoded */
	unsigned unused;         /* unused-bits octet */
	bool trailing_zero;      /* DER named bit list has a trailing zero bit */
};

struct smk_basic_constraints {
	bool ca;
	bool ca_encoded;
	bool has_pathlen;
	bool pathlen_negative;
	long pathlen;
	struct smk_loc ca_loc;
	struct smk_loc pathlen_loc;
};

struct smk_aki {
	bool has_keyid, has_issuer, has_serial;
	struct smk_bytes keyid;
	struct smk_loc keyid_loc;
};

struct smk_policy {
	const char *oid;
	size_t n_qualifiers;
	struct smk_loc loc;
};

enum smk_gn_type {
	SMK_GN_OTHER = 0, SMK_GN_RFC822, SMK_GN_DNS, SMK_GN_X400, SMK_GN_DIRECTORY,
	SMK_GN_EDI, SMK_GN_URI, SMK_GN_IP, SMK_GN_RID
};

struct smk_general_name {
	enum smk_gn_type type;
	struct smk_bytes value;     /* contents (strings, IP) or raw TLV (others) */
	const char *other_oid;      /* otherName type-id */
	bool hw_module;             /* otherName of type id-on-hardwareModuleName */
	bool hw_ok;                 /* ... whose value decoded as HardwareModuleName */
	const char *hw_type;        /* dotted */
	struct smk_bytes hw_serial;
	struct smk_loc loc;
	struct smk_loc hw_serial_loc;
};

struct smk_sig {
	struct smk_bytes bits;      /* signatureValue contents after the unused-bits octet */
	unsigned unused;
	bool ecdsa;                 /* algorithm is an ECDSA one */
	bool ecdsa_decoded;         /* bits decoded as ECDSA-Sig-Value */
	struct smk_bytes r, s;      /* INTEGER contents */
	struct smk_loc loc;
};

/* An encoding defect found by the DER cursor. */
enum smk_defect_kind {
	SMK_DEF_LENGTH_NOT_MINIMAL,
	SMK_DEF_INDEFINITE_LENGTH,
	SMK_DEF_TAG_NOT_MINIMAL,
	SMK_DEF_INTEGER_NOT_MINIMAL,
	SMK_DEF_INTEGER_EMPTY,
	SMK_DEF_BOOLEAN_NOT_CANONICAL,
	SMK_DEF_DEFAULT_ENCODED,
	SMK_DEF_BITSTRING_BAD,
	SMK_DEF_NAMED_BITS_TRAILING_ZERO,
	SMK_DEF_TIME_FORMAT,
	SMK_DEF_SET_NOT_SORTED,
	SMK_DEF_TRAILING_DATA,
	SMK_DEF_CONSTRUCTED_STRING,
	SMK_DEF_NULL_NOT_EMPTY,
	SMK_DEF_OID_NOT_MINIMAL,
	SMK_DEF_ENCAPSULATED_BROKEN,
	SMK_DEF_LIMIT,
	SMK_DEF_KIND_COUNT
};

struct smk_defect {
	enum smk_defect_kind kind;
	struct smk_loc loc;
	const char *expected;
	const char *found;
};

/* An attribute of a certification request (RFC 2986 §4.1). */
struct smk_attr {
	const char *oid;
	enum smk_oid id;
	const char *name;        /* "extensionRequest", or the dotted OID */
	size_t n_values;
	size_t index;
	struct smk_loc loc;      /* the Attribute */
	struct smk_loc values_loc;   /* the SET OF values */
	struct smk_loc value_loc;    /* its first value (the SET when there is none) */
};

struct smk_cert {
	struct smk_arena arena;
	struct smk_bytes der;        /* the certificate as given (may be followed by trailing data) */
	bool decoded;                /* libtasn1 decoded the structure */
	bool tbs_only;               /* a TBSCertificate in a synthetic wrapper: no real signature */
	bool is_csr;                 /* a PKCS #10 CertificationRequest (set before decoding): tbs is the
	                              * certificationRequestInfo, tbs_sig_alg and sig_alg both the request's
	                              * signatureAlgorithm, version the CRI's INTEGER (0 = v1), ext[] the
	                              * requested extensions (extensionRequest); issuer, serial, validity absent */
	struct smk_loc fatal_loc;    /* where decoding stopped, when !decoded */
	const char *fatal_reason;

	struct smk_bytes tbs;        /* TBSCertificate TLV */
	struct smk_loc tbs_loc;
	int version;                 /* 0 = v1 .. 2 = v3 (value of the field) */
	bool version_present;
	struct smk_loc version_loc;
	struct smk_bytes serial;     /* INTEGER contents */
	struct smk_loc serial_loc;
	struct smk_alg tbs_sig_alg;
	struct smk_alg sig_alg;
	struct smk_name issuer;
	struct smk_name subject;
	struct smk_time not_before, not_after;
	struct smk_loc validity_loc;
	struct smk_spki spki;
	bool has_issuer_uid, has_subject_uid;
	struct smk_loc issuer_uid_loc, subject_uid_loc;
	bool has_extensions;         /* the [3] field is present */
	struct smk_loc extensions_loc;
	struct smk_ext *ext;
	size_t n_ext;
	const struct smk_ext *known[SMK_EXT_KNOWN_COUNT];  /* first of each kind */

	struct smk_key_usage ku;
	struct smk_basic_constraints bc;
	struct smk_bytes ski;
	struct smk_aki aki;
	struct smk_policy *policies;
	size_t n_policies;
	struct smk_general_name *san;
	size_t n_san;
	const char **eku;
	size_t n_eku;
	struct smk_sig sig;

	/* certification requests only */
	struct smk_attr *attrs;
	size_t n_attrs;
	struct smk_loc attrs_loc;    /* the [0] attributes field */
	const struct smk_attr *ext_req;  /* the first extensionRequest attribute, or NULL */
	bool ext_req_decoded;        /* its first value decoded as Extensions (then in ext[]) */

	struct smk_defect *defects;
	size_t n_defects, cap_defects;
};

/* ------------------------------------------------------------- DER cursor */

/* A bounded cursor over DER bytes, after BoringSSL's CBS. `off` is the
 * offset of p from the start of the certificate. */
struct smk_der {
	const uint8_t *p;
	size_t len;
	size_t off;
};

/* One TLV as read by smk_der_get_any. */
struct smk_tlv {
	uint8_t cls_cons;        /* identifier octet with the tag number bits masked (class | constructed) */
	unsigned tag;            /* tag number */
	uint8_t id;              /* first identifier octet */
	size_t off;              /* offset of the identifier octet */
	size_t hdr_len;
	size_t len;              /* contents length */
	struct smk_der body;     /* the contents */
	bool len_not_minimal;
	bool tag_not_minimal;
	bool indefinite;
};

enum smk_der_err {
	SMK_DER_OK = 0,
	SMK_DER_TRUNCATED,       /* header or contents run past the end */
	SMK_DER_BAD_LENGTH,      /* length field malformed (too many octets, 0xff) */
	SMK_DER_BAD_TAG,
};

void smk_der_init(struct smk_der *d, const uint8_t *p, size_t len, size_t off);
/* Read one TLV (any tag). Indefinite lengths are reported, and the contents
 * then extend to the end of the enclosing element (never parsed as BER). */
enum smk_der_err smk_der_get_any(struct smk_der *d, struct smk_tlv *out);
const char *smk_der_err_text(enum smk_der_err e);

/* The OBJECT IDENTIFIER TLV t as the linter knows it: SMK_OID_UNKNOWN for
 * another OID or one libtasn1 cannot read. */
enum smk_oid smk_oid_of(const struct smk_tlv *t);
/* Its dotted text, exactly as asn1_get_object_id_der gives it (static for
 * a known OID, else in a), and *id; NULL when t is no readable OID. */
const char *smk_oid_text(struct smk_arena *a, const struct smk_tlv *t, enum smk_oid *id);
/* The same for a plain encoding only (short-form length, no odd arcs: what
 * libtasn1 certainly reads alike); NULL for anything else. */
const char *smk_oid_text_plain(struct smk_arena *a, const struct smk_tlv *t, enum smk_oid *id);
bool smk_oid_plain(const struct smk_tlv *t);

/* Walk a whole certificate: record encoding defects in c->defects, and when
 * the structure is broken set fatal_loc and fatal_reason to the first bad byte.
 * Returns true when the structure is sound. */
bool smk_der_check_cert(struct smk_cert *c, struct smk_loc *fatal_loc, const char **fatal_reason);
/* The same for a PKCS #10 CertificationRequest (paths start with
 * "certificationRequestInfo"; requested extensions are walked like a
 * certificate's). */
bool smk_der_check_csr(struct smk_cert *c, struct smk_loc *fatal_loc, const char **fatal_reason);

/* Find the deepest element on the ASN.1 path `want` (our path syntax), for
 * locating where libtasn1 stopped (with the request schema when c->is_csr).
 * best is untouched when nothing matches. */
void smk_der_locate(struct smk_cert *c, const char *want, struct smk_loc *best);

/* Time grammar per RFC 5280 §4.1.2.5 (also fills year/epoch). */
bool smk_time_parse(struct smk_time *t, uint8_t tag, const uint8_t *p, size_t len);

void smk_defect_add(struct smk_cert *c, enum smk_defect_kind kind, size_t off, size_t len,
		    const char *path, const char *expected, const char *found);

/* ------------------------------------------------------------------ lints */

enum smk_status {
	SMK_NA,      /* not in scope */
	SMK_NE,      /* outside since/until */
	SMK_PASS,
	SMK_FAIL,    /* emitted at least one finding */
	SMK_FATAL,   /* could not run */
};

/* What a lint applies to (bit set; the same bits as SMKILINT_SCOPE_*). A
 * lint declares 0 for certificates only (TBSCertificates included). */
enum smk_kind {
	SMK_KIND_CERT = 1,        /* certificates */
	SMK_KIND_CSR = 2,         /* PKCS #10 certification requests */
};
#define SMK_KIND_CERT_CSR (SMK_KIND_CERT | SMK_KIND_CSR)

#define SMK_LINT_KINDS(kinds_, sig_, id_, sev_, source_, citation_, description_, check_)  \
	{                                                                              \
		.info = {.id = (id_), .severity = SMKILINT_SEV_##sev_, .source = (source_), \
			 .citation = (citation_), .description = (description_)},      \
		.kinds = (kinds_), .check = (check_), .needs_signature = (sig_)        \
	}
/* A certificate lint. */
#define SMK_LINT(...) SMK_LINT_KINDS(0, false, __VA_ARGS__)
/* A lint that reads the signature: skipped on a TBSCertificate. */
#define SMK_LINT_SIG(...) SMK_LINT_KINDS(0, true, __VA_ARGS__)
/* The same, for certificates and certification requests alike. */
#define SMK_LINT_CSR_TOO(...) SMK_LINT_KINDS(SMK_KIND_CERT_CSR, false, __VA_ARGS__)
#define SMK_LINT_SIG_CSR_TOO(...) SMK_LINT_KINDS(SMK_KIND_CERT_CSR, true, __VA_ARGS__)
#define SMK_FAMILY(var, name_, table)                                                  \
	const struct smk_family var = {name_, table, sizeof(table) / sizeof((table)[0])}

struct smk_emit;
typedef enum smk_status (*smk_check_fn)(const struct smk_cert *c, struct smk_emit *out);

struct smk_lint {
	smkilint_lint_info info;
	unsigned kinds;          /* enum smk_kind bits; 0 = certificates only */
	smk_check_fn check;      /* NULL: emitted by the pipeline itself */
	bool on_undecoded;       /* runs also when libtasn1 could not decode (reads c->defects only) */
	bool needs_signature;    /* skipped for a TBSCertificate (pre-issuance) */
};

struct smk_family {
	const char *name;
	const struct smk_lint *lints;
	size_t n;
};

extern const struct smk_family smk_family_input;
extern const struct smk_family smk_family_encoding;
extern const struct smk_family smk_family_certificate;
extern const struct smk_family smk_family_algorithms;
extern const struct smk_family smk_family_validity;
extern const struct smk_family smk_family_chain;
extern const struct smk_family smk_family_key_ids;
extern const struct smk_family smk_family_key_usage;
extern const struct smk_family smk_family_basic_constraints;
extern const struct smk_family smk_family_names;
extern const struct smk_family smk_family_policies;
extern const struct smk_family smk_family_csr;
extern const struct smk_family smk_family_bulk;    /* run by smkilint_bulk_finish(), not per certificate */

extern const struct smk_family *const smk_families[];
extern const size_t smk_n_families;

const struct smk_lint *smk_lint_by_id(const char *id);
/* Whether a lint is in scope for c (certificate or request). */
bool smk_lint_applies(const struct smk_lint *lint, const struct smk_cert *c);

/* Emit one finding for the lint that is running. Returns SMK_FAIL. The
 * strings are copied. */
enum smk_status smk_fail(struct smk_emit *out, const struct smk_loc *loc,
			 const char *expected, const char *found);
enum smk_status smk_failf(struct smk_emit *out, const struct smk_loc *loc,
			  const char *expected, const char *found, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
struct smk_arena *smk_emit_arena(struct smk_emit *out);

/* ------------------------------------------------------------- decoding */

struct smkilint_ctx {
	asn1_node defs;
	const struct smkilint_issuers *issuers;   /* --issuer store, shared and read-only */
	asn1_node cert_tmpl;     /* unused placeholder for future reuse */
	smkilint_error_info err;
	char errbuf[512];
	bool digests;            /* smkilint_ctx_set_digests(): each report gets a digest (lib/bulk.c) */
	struct smk_arena arena;  /* the model of the certificate being linted, reset after each */
};

void smk_ctx_set_error(smkilint_ctx *ctx, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Decode der into c (c must be zeroed with an initialised arena). Never
 * fails for bad input: c->decoded says whether the structure decoded.
 * Returns 0 or SMKILINT_ENOMEM. */
int smk_decode_cert(struct smk_cert *c, smkilint_ctx *ctx, const uint8_t *der, size_t len);
/* The same for a PKCS #10 CertificationRequest: sets c->is_csr. */
int smk_decode_csr(struct smk_cert *c, smkilint_ctx *ctx, const uint8_t *der, size_t len);
void smk_cert_free(struct smk_cert *c);

/* Run one lint on a decoded certificate; findings go to the report. Used by
 * the pipeline and by tests. */
struct smk_report_builder;
enum smk_status smk_run_lint(const struct smk_lint *lint, const struct smk_cert *c,
			     smkilint_report *report);
enum smk_status smk_run_lint_as(const struct smk_lint *lint, const struct smk_cert *c,
				smkilint_report *report, smkilint_severity severity);
struct smk_chain;
enum smk_status smk_run_lint_chain(const struct smk_lint *lint, const struct smk_cert *c, smkilint_report *report,
				   smkilint_severity severity, const struct smk_chain *chain);

/* Report internals used by the pipeline and tests. */
smkilint_report *smk_report_new(const char *input_name, size_t index);
int smk_report_set_profile(smkilint_report *r, const char *name, const char *reason);
int smk_report_skip(smkilint_report *r, const char *lint_id);
void smk_report_shift(smkilint_report *r, size_t shift);
int smk_report_add(smkilint_report *r, const char *lint, smkilint_severity sev,
		   const char *citation, const struct smk_loc *loc, const char *message,
		   const char *expected, const char *found);
/* Bulk checks (lib/bulk.c): the digest a report carries, the report's arena
 * for its strings, and the certificates a finding involves. */
smkilint_digest *smk_report_digest_new(smkilint_report *r);
struct smk_arena *smk_report_arena(smkilint_report *r);
int smk_report_set_involved(smkilint_report *r, size_t i, const smkilint_cert_ref *refs, size_t n);
/* Fill the report's digest from a decoded (or not) certificate; set is the
 * profile set whose environments name the policy (may be NULL). */
int smk_digest_attach(smkilint_report *r, const struct smk_cert *c, const struct smkilint_profiles *set);

#endif
