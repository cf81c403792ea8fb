/*
 * libsmkilint: lint X.509 certificates of GB smart metering's SMKI.
 *
 * One public header. Handles are opaque and come in new/free pairs; a
 * context is used by one thread at a time. Functions return 0 on success or
 * a negative SMKILINT_E* code; the detail of the last error is kept in the
 * context (smkilint_ctx_last_error). The library never prints or exits.
 */
#ifndef SMKILINT_SMKILINT_H
#define SMKILINT_SMKILINT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SMKILINT_BUILDING) && defined(__GNUC__)
#define SMKILINT_API __attribute__((visibility("default")))
#else
#define SMKILINT_API
#endif

#define SMKILINT_VERSION "0.1.0"

/** Error codes returned by library functions (0 is success). */
enum smkilint_error {
	SMKILINT_OK = 0,
	SMKILINT_ENOMEM = -1,  /**< out of memory */
	SMKILINT_EINVAL = -2,  /**< invalid argument */
	SMKILINT_EASN1 = -3,   /**< the ASN.1 definitions could not be built */
	SMKILINT_ENOENT = -4,  /**< no such item (index out of range, unknown id) */
	SMKILINT_EPROFILE = -5, /**< a profile, environment or naming file is invalid (message: file:line:column) */
	SMKILINT_EIO = -6,     /**< a file or directory cannot be read */
	SMKILINT_ETOOBIG = -7, /**< a DER input or one PEM block is larger than SMKILINT_STREAM_MAX_ITEM */
	SMKILINT_EWAIVER = -8, /**< a waiver file is invalid (message: file:line:column) */
};

/** Severity of a finding, lowest first. */
typedef enum smkilint_severity {
	SMKILINT_SEV_INFO = 0,
	SMKILINT_SEV_NOTICE = 1,
	SMKILINT_SEV_WARNING = 2,
	SMKILINT_SEV_ERROR = 3,
	SMKILINT_SEV_FATAL = 4,
} smkilint_severity;

typedef struct smkilint_ctx smkilint_ctx;
typedef struct smkilint_report smkilint_report;
typedef struct smkilint_input smkilint_input;
typedef struct smkilint_profile smkilint_profile;
typedef struct smkilint_profiles smkilint_profiles;

/** One finding. All strings are owned by the report that holds it. */
typedef struct smkilint_finding {
	const char *lint;        /**< stable dotted id, e.g. "der.integer_not_minimal" */
	smkilint_severity severity;
	const char *citation;    /**< document and section */
	const char *path;        /**< ASN.1 path, e.g. "tbsCertificate.serialNumber" */
	int has_offset;          /**< 1 when offset/length are known */
	size_t offset;           /**< DER byte offset from the start of the certificate */
	size_t length;           /**< length in bytes of the element pointed at */
	const char *message;     /**< one line, for people */
	const char *expected;    /**< may be "" */
	const char *found;       /**< may be "" */
} smkilint_finding;

/** Detail of the last error of a context. Strings owned by the context. */
typedef struct smkilint_error_info {
	int code;                /**< SMKILINT_E* */
	const char *message;
} smkilint_error_info;

/**
 * Create a context: builds the libtasn1 definitions once.
 * @param out receives the context; free it with smkilint_ctx_free().
 * @return 0, SMKILINT_ENOMEM or SMKILINT_EASN1.
 */
SMKILINT_API int smkilint_ctx_new(smkilint_ctx **out);

/** Free a context (NULL is allowed). */
SMKILINT_API void smkilint_ctx_free(smkilint_ctx *ctx);

/**
 * @param ctx a context.
 * @return the last error; owned by ctx, valid until the next call on ctx.
 */
SMKILINT_API const smkilint_error_info *smkilint_ctx_last_error(const smkilint_ctx *ctx);

/** @return the name of a severity ("fatal", "error", ...); static storage. */
SMKILINT_API const char *smkilint_severity_name(smkilint_severity sev);

/**
 * Parse a severity name.
 * @param out receives the severity.
 * @param name "fatal", "error", "warning", "notice" or "info".
 * @return 0 or SMKILINT_EINVAL.
 */
SMKILINT_API int smkilint_severity_parse(smkilint_severity *out, const char *name);

/* ---------------------------------------------------------------- inputs */

/** What an input item holds. */
enum smkilint_item_kind {
	SMKILINT_ITEM_CERT = 0,  /**< a Certificate */
	SMKILINT_ITEM_TBS = 1,   /**< a TBSCertificate (pre-issuance), PEM label "TBS CERTIFICATE", or DER
	                              whose first element is [0] or an INTEGER (see smkilint_input_split) */
	SMKILINT_ITEM_CSR = 2,   /**< a PKCS #10 CertificationRequest: PEM label "CERTIFICATE REQUEST" or
	                              "NEW CERTIFICATE REQUEST", or DER whose first element has 4 elements
	                              ending with [0] (see smkilint_input_split) */
};

/**
 * One certificate found in an input. When error_lint is not NULL the item
 * could not be extracted (bad base64, no certificate at all) and error_message
 * says why and where; linting such an item yields one fatal finding.
 */
typedef struct smkilint_item {
	const uint8_t *der;      /**< the certificate's DER (NULL on error) */
	size_t der_len;
	size_t index;            /**< position of the certificate in its input, from 0 */
	size_t line;             /**< PEM: line of the BEGIN marker (from 1); DER: 0 */
	size_t input_offset;     /**< byte offset in the input where the item starts */
	int is_pem;
	int kind;                /**< SMKILINT_ITEM_CERT, SMKILINT_ITEM_TBS or SMKILINT_ITEM_CSR (enum smkilint_item_kind) */
	const char *error_lint;  /**< NULL, or the id of the fatal finding to report */
	const char *error_message;
	/** A PEM block not decoded yet (smkilint_stream_defer_pem()): the block,
	 *  from its "-----BEGIN" to the end of its END marker; der is then NULL
	 *  until smkilint_item_decode_pem(). NULL otherwise. */
	const uint8_t *pem;
	size_t pem_len;
	const char *pem_label;   /**< the block's label ("CERTIFICATE", "TBS CERTIFICATE", ...) when pem is set */
} smkilint_item;

/**
 * Decode a deferred PEM item (smkilint_stream_defer_pem()), on any thread:
 * *out receives the item exactly as the stream would have given it without
 * deferring: der and der_len, or (the base64 does not decode) error_lint
 * "pem.bad_base64" and error_message; pem NULL. An item that is not
 * deferred is copied as it is.
 * @param der, message receive the memory out->der and out->error_message
 *        point to (or NULL); free both with free(). The other pointers of
 *        *out are those of *in.
 * @return 0 or SMKILINT_ENOMEM (then *der and *message are NULL).
 */
SMKILINT_API int smkilint_item_decode_pem(smkilint_item *out, uint8_t **der, char **message,
					  const smkilint_item *in);

/**
 * Split an input (PEM with any text around the blocks, or DER) into
 * certificates and certification requests. The input bytes must outlive the
 * returned handle for DER inputs (items point into them).
 *
 * A DER input is one item. It is a certification request (SMKILINT_ITEM_CSR)
 * when its first element is a SEQUENCE of exactly 4 elements, the first an
 * INTEGER and the last a [0] (0xA0): a CertificationRequestInfo (version,
 * subject, subjectPKInfo, [0] attributes). A TBSCertificate has at least 6
 * elements. It is a TBSCertificate (SMKILINT_ITEM_TBS) when its own first
 * element is the [0] version or the serialNumber INTEGER, where a
 * certificate has its TBSCertificate SEQUENCE. Anything else is taken as a
 * certificate.
 * @param out receives the handle; free it with smkilint_input_free().
 * @param data, len the bytes of the input.
 * @return 0 or SMKILINT_ENOMEM. An input holding no certificate is not an
 *         error: it yields one item with error_lint set.
 */
SMKILINT_API int smkilint_input_split(smkilint_input **out, smkilint_ctx *ctx,
				      const uint8_t *data, size_t len);

/** @return the number of items (at least 1). */
SMKILINT_API size_t smkilint_input_count(const smkilint_input *in);

/** @return item i, owned by the input handle; NULL when out of range. */
SMKILINT_API const smkilint_item *smkilint_input_item(const smkilint_input *in, size_t i);

/** Free an input handle (NULL is allowed). */
SMKILINT_API void smkilint_input_free(smkilint_input *in);

/* ---------------------------------------------------------------- streams */

/** The largest DER input, or PEM block, a stream holds (64 MiB). */
#define SMKILINT_STREAM_MAX_ITEM (64u * 1024 * 1024)

typedef struct smkilint_stream smkilint_stream;

/**
 * Split one input fed in chunks, with memory that does not grow with the
 * number of certificates: PEM text is scanned as it comes and each complete
 * block is given as an item (with the line of its BEGIN marker); an input
 * starting with 0x30 may be DER and is kept whole, up to
 * SMKILINT_STREAM_MAX_ITEM, and split at the end. For inputs up to that
 * size the items are exactly those of smkilint_input_split(). Take the
 * items after each smkilint_stream_feed(): bytes not yet scanned are kept.
 *
 *     smkilint_stream_new(&s, ctx, "bundle.pem");
 *     while ((n = read(fd, buf, sizeof(buf))) > 0) {
 *             smkilint_stream_feed(s, buf, n);
 *             while (smkilint_stream_next(&item, s) == 0 && item != NULL)
 *                     lint(item);
 *     }
 *     smkilint_stream_finish(s);
 *     while (smkilint_stream_next(&item, s) == 0 && item != NULL)
 *             lint(item);
 *     smkilint_stream_free(s);
 *
 * @param out receives the stream; free it with smkilint_stream_free().
 * @param ctx receives the detail of errors; it must outlive the stream, and
 *        the stream is used by the thread that uses ctx.
 * @param input_name copied; used in error messages.
 * @return 0, SMKILINT_ENOMEM or SMKILINT_EINVAL.
 */
SMKILINT_API int smkilint_stream_new(smkilint_stream **out, smkilint_ctx *ctx, const char *input_name);

/**
 * Give PEM blocks undecoded, so that the base64 decoding (a third of the
 * work of reading a bundle) can be done by the threads that lint: from now
 * on, an item of a complete CERTIFICATE (or TBS CERTIFICATE, CERTIFICATE
 * REQUEST) block comes with der NULL and pem, pem_len and pem_label set;
 * smkilint_item_decode_pem() then gives the item smkilint_stream_next()
 * would have given. Other items (DER inputs, errors) are as before.
 * smkilint_lint_item() decodes a deferred item itself.
 * @return 0, or SMKILINT_EINVAL once something was fed.
 */
SMKILINT_API int smkilint_stream_defer_pem(smkilint_stream *s);

/**
 * Give the next bytes of the input (copied; len may be 0).
 * @return 0; SMKILINT_ETOOBIG when a DER input or a CERTIFICATE block grows
 *         past SMKILINT_STREAM_MAX_ITEM; SMKILINT_ENOMEM; SMKILINT_EINVAL
 *         after smkilint_stream_finish(). After an error every call on the
 *         stream returns it (detail in smkilint_ctx_last_error).
 */
SMKILINT_API int smkilint_stream_feed(smkilint_stream *s, const uint8_t *data, size_t len);

/**
 * Say that the input has ended: the items still pending (an unterminated
 * block, a DER input, or the item saying that there is no certificate) are
 * then given by smkilint_stream_next().
 * @return 0, or the stream's earlier error.
 */
SMKILINT_API int smkilint_stream_finish(smkilint_stream *s);

/**
 * Take the next complete item.
 * @param item receives the item, or NULL when none is complete yet (feed
 *        more) or, after smkilint_stream_finish(), when there are no more.
 *        Owned by the stream; valid until the next call on the stream.
 *        Every input gives at least one item, as with smkilint_input_split().
 * @return 0, or the stream's error (SMKILINT_ETOOBIG, SMKILINT_ENOMEM).
 */
SMKILINT_API int smkilint_stream_next(const smkilint_item **item, smkilint_stream *s);

/** @return the bytes of buffer the stream holds now (for tests and measurements). */
SMKILINT_API size_t smkilint_stream_buffered(const smkilint_stream *s);

/** Free a stream (NULL is allowed). */
SMKILINT_API void smkilint_stream_free(smkilint_stream *s);

/* ---------------------------------------------------------------- linting */

/**
 * Decode one DER certificate and run every lint on it.
 * @param out receives the report (also for undecodable certificates, which get
 *        a fatal finding); free it with smkilint_report_free().
 * @param profile NULL: no profile (generic lints only); a profile of a
 *        finalized set; or smkilint_profiles_auto() to pick one per certificate.
 * @param input_name copied into the report.
 * @return 0, SMKILINT_ENOMEM or SMKILINT_EINVAL. Findings are not errors.
 */
SMKILINT_API int smkilint_lint_der(smkilint_report **out, smkilint_ctx *ctx,
				   const smkilint_profile *profile, const uint8_t *der,
				   size_t der_len, const char *input_name, size_t cert_index);

/**
 * Pre-issuance: lint a DER TBSCertificate before it is signed. Every lint
 * that does not need the signature runs; the others are listed by
 * smkilint_report_skipped(). Offsets count from the start of the TBS and
 * paths start with "tbsCertificate".
 * @return as smkilint_lint_der().
 */
SMKILINT_API int smkilint_lint_tbs_der(smkilint_report **out, smkilint_ctx *ctx, const smkilint_profile *profile,
				       const uint8_t *der, size_t der_len, const char *input_name, size_t index);

/**
 * Lint a DER PKCS #10 certification request (RFC 2986): the lints that apply
 * to requests (smkilint_lint_scope()) and, with a profile, its rules.
 * Auto-detection picks a CSR profile (kind csr-device or csr-organisation).
 * Paths start with "certificationRequestInfo", "signatureAlgorithm" or
 * "signature"; requested extensions are at
 * "certificationRequestInfo.attributes[extensionRequest].values[0][NAME]".
 * @return as smkilint_lint_der().
 */
SMKILINT_API int smkilint_lint_csr_der(smkilint_report **out, smkilint_ctx *ctx, const smkilint_profile *profile,
				       const uint8_t *der, size_t der_len, const char *input_name, size_t index);

/**
 * Lint one item of an input: an extraction error becomes a fatal finding; a
 * SMKILINT_ITEM_TBS item is linted with smkilint_lint_tbs_der(), a
 * SMKILINT_ITEM_CSR item with smkilint_lint_csr_der().
 * @return as smkilint_lint_der().
 */
SMKILINT_API int smkilint_lint_item(smkilint_report **out, smkilint_ctx *ctx,
				    const smkilint_profile *profile, const smkilint_item *item,
				    const char *input_name);

/** @return the number of findings in a report. */
SMKILINT_API size_t smkilint_report_count(const smkilint_report *r);

/** @return finding i, owned by the report; NULL when out of range. */
SMKILINT_API const smkilint_finding *smkilint_report_finding(const smkilint_report *r, size_t i);

/** @return the input name, owned by the report. */
SMKILINT_API const char *smkilint_report_input(const smkilint_report *r);

/** @return the certificate index in its input. */
SMKILINT_API size_t smkilint_report_index(const smkilint_report *r);

/** @return the profile chosen, or NULL when none; owned by the report. */
SMKILINT_API const char *smkilint_report_profile(const smkilint_report *r);

/**
 * @param sev receives the highest severity found (untouched when none).
 * @return 1 when the report has at least one finding, else 0.
 */
SMKILINT_API int smkilint_report_max_severity(const smkilint_report *r, smkilint_severity *sev);

/** @return how many lints were skipped (a TBSCertificate has no signature). */
SMKILINT_API size_t smkilint_report_skipped_count(const smkilint_report *r);

/** @return the id of skipped lint i (static or profile-set storage), NULL when out of range. */
SMKILINT_API const char *smkilint_report_skipped(const smkilint_report *r, size_t i);

/** Free a report (NULL is allowed). */
SMKILINT_API void smkilint_report_free(smkilint_report *r);

/* ---------------------------------------------------------------- waivers */

typedef struct smkilint_waivers smkilint_waivers;

/**
 * One waiver of a waiver file (see docs/README-ci-gate.md and smkilint(1)):
 * the lint ids it covers, optionally only for some certificates, with a
 * mandatory reason and an optional expiry date. Strings owned by the set.
 */
typedef struct smkilint_waiver {
	const char *reason;
	const char *expires;     /**< "YYYY-MM-DD", valid through that day (UTC); NULL: never expires */
	const char *source;      /**< "file:line:column" of the waiver */
	size_t index;            /**< position in the set, from 0 */
} smkilint_waiver;

/** Id of the finding added when an expired waiver would have covered a finding (warning). */
#define SMKILINT_WAIVER_EXPIRED "waiver.expired"

/**
 * Create an empty set of waivers. Load files into it; once loaded it is only
 * read, and may be shared by threads.
 * @param out receives the set; free it with smkilint_waivers_free().
 * @return 0 or SMKILINT_ENOMEM.
 */
SMKILINT_API int smkilint_waivers_new(smkilint_waivers **out);

/** Free a set of waivers (NULL is allowed); free the reports it was applied to first. */
SMKILINT_API void smkilint_waivers_free(smkilint_waivers *w);

/**
 * Add the waivers of a YAML file.
 * @return 0, SMKILINT_EWAIVER (detail "file:line:column: message" in
 *         smkilint_ctx_last_error), SMKILINT_EIO or SMKILINT_ENOMEM. On
 *         error the set is unchanged.
 */
SMKILINT_API int smkilint_waivers_load_file(smkilint_waivers *w, smkilint_ctx *ctx, const char *path);

/**
 * Add the waivers of a YAML text in memory (name is used in messages and in
 * the waivers' source).
 * @return as smkilint_waivers_load_file().
 */
SMKILINT_API int smkilint_waivers_load_string(smkilint_waivers *w, smkilint_ctx *ctx, const char *name,
					      const char *text, size_t len);

/** @return the number of waivers in the set. */
SMKILINT_API size_t smkilint_waivers_count(const smkilint_waivers *w);

/** @return waiver i (owned by the set), NULL when out of range. */
SMKILINT_API const smkilint_waiver *smkilint_waivers_get(const smkilint_waivers *w, size_t i);

/**
 * Apply the waivers to the findings of one certificate's report: each
 * finding covered by a waiver that has not expired on `now` is marked as
 * suppressed (smkilint_report_suppression); a finding covered only by
 * expired waivers stays, and the report gets one SMKILINT_WAIVER_EXPIRED
 * warning per such waiver. The first unexpired waiver in file order wins.
 * @param der, der_len the certificate (for the sha256 and serial selectors);
 *        NULL when it could not be extracted (those selectors then do not match).
 * @param now seconds since 1970-01-01 UTC (time(NULL)).
 * @return 0, SMKILINT_ENOMEM or SMKILINT_EINVAL. The report then refers to
 *         strings of w: free it before w.
 */
SMKILINT_API int smkilint_waivers_apply(const smkilint_waivers *w, smkilint_report *r, const uint8_t *der,
					size_t der_len, int64_t now);

/**
 * @return the waiver that suppresses finding i of the report, or NULL when
 *         the finding is not suppressed; owned by the set of waivers.
 */
SMKILINT_API const smkilint_waiver *smkilint_report_suppression(const smkilint_report *r, size_t i);

/* ---------------------------------------------------------------- issuers */

typedef struct smkilint_issuers smkilint_issuers;

/**
 * Create an empty store of issuer (CA) certificates for the chain checks.
 * @param out receives the store; free it with smkilint_issuers_free().
 * @return 0 or SMKILINT_ENOMEM.
 */
SMKILINT_API int smkilint_issuers_new(smkilint_issuers **out);

/**
 * Add the certificates of one input (PEM bundle or DER) to the store. The
 * bytes are copied. The store then works out, once, what it can about the
 * signatures of its own certificates: which of the others issued each one
 * (authorityKeyIdentifier, then name) and whether it verifies with that key,
 * or with its own key when self-signed; and which two share a
 * TBSCertificate but not a signature. Not to be called while certificates
 * are linted with the store.
 * @param added receives how many were added (may be NULL).
 * @return 0, SMKILINT_ENOMEM, or SMKILINT_EINVAL when a certificate of the
 *         input cannot be decoded (detail in smkilint_ctx_last_error).
 */
SMKILINT_API int smkilint_issuers_add(smkilint_issuers *iss, smkilint_ctx *ctx, const uint8_t *data, size_t len,
				      const char *input_name, size_t *added);

/** @return the number of issuer certificates in the store. */
SMKILINT_API size_t smkilint_issuers_count(const smkilint_issuers *iss);

/**
 * Check issuer certificate i of the store itself: the chain lints run on it
 * against the other certificates of the store. Its own signature is
 * verified when its issuer is there too (or with its own key when it is
 * self-signed): otherwise smki.chain.signature_not_checked says that
 * certificates verified with its key are only as trustworthy as this copy.
 * smki.chain.conflicting_copies says when another certificate of the store
 * has the same TBSCertificate and another signature (at most one of them is
 * genuine).
 * @param out receives the report, named by the input and index the
 *        certificate was added with; free it with smkilint_report_free().
 * @return 0, SMKILINT_EINVAL (i out of range) or SMKILINT_ENOMEM.
 */
SMKILINT_API int smkilint_issuers_check(smkilint_report **out, smkilint_ctx *ctx, const smkilint_issuers *iss,
					size_t i);

/** Free a store (NULL is allowed). Contexts using it must be freed or reset first. */
SMKILINT_API void smkilint_issuers_free(smkilint_issuers *iss);

/**
 * Use a store for the chain checks of every certificate linted with ctx. The
 * store is only read and may be shared by several contexts; it must outlive
 * them (NULL removes it).
 * @return 0.
 */
SMKILINT_API int smkilint_ctx_set_issuers(smkilint_ctx *ctx, const smkilint_issuers *iss);

/* ---------------------------------------------------------------- compare */

/** How one compared aspect of two certificates came out. */
typedef enum smkilint_cmp_status {
	SMKILINT_CMP_SAME = 0,           /**< equal */
	SMKILINT_CMP_DIFFERENT = 1,      /**< a difference */
	SMKILINT_CMP_FORM_SAME = 2,      /**< compared by form only (serial, key, SKI, signature, instants): same form */
	SMKILINT_CMP_FORM_DIFFERENT = 3, /**< compared by form only: a difference */
	SMKILINT_CMP_ONLY_REFERENCE = 4, /**< present in the reference only */
	SMKILINT_CMP_ONLY_CANDIDATE = 5, /**< present in the candidate only */
} smkilint_cmp_status;

/** One row of a comparison. Strings are owned by the comparison. */
typedef struct smkilint_cmp_row {
	const char *path;        /**< ASN.1 path, e.g. "tbsCertificate.extensions[keyUsage]" */
	const char *aspect;      /**< "presence", "position", "criticality", "value", "encoding", "form", ... */
	smkilint_cmp_status status;
	const char *reference;   /**< the reference's side, as text */
	const char *candidate;   /**< the candidate's side, as text */
} smkilint_cmp_row;

typedef struct smkilint_comparison smkilint_comparison;

/** Compare serial, key, SKI, signature and validity instants by value too. */
#define SMKILINT_COMPARE_STRICT 1u

/**
 * Compare a candidate certificate with a reference, field by field and
 * extension by extension (by OID).
 * @param out receives the comparison; free it with smkilint_comparison_free().
 * @param flags 0 or SMKILINT_COMPARE_STRICT.
 * @return 0, SMKILINT_ENOMEM, or SMKILINT_EINVAL when one of them cannot be
 *         decoded (detail in smkilint_ctx_last_error).
 */
SMKILINT_API int smkilint_compare_der(smkilint_comparison **out, smkilint_ctx *ctx, const uint8_t *ref,
				      size_t ref_len, const uint8_t *cand, size_t cand_len, unsigned flags);

/** @return the number of rows (every compared aspect, equal or not). */
SMKILINT_API size_t smkilint_comparison_count(const smkilint_comparison *k);

/** @return row i, owned by the comparison; NULL when out of range. */
SMKILINT_API const smkilint_cmp_row *smkilint_comparison_row(const smkilint_comparison *k, size_t i);

/** @return the number of rows that are differences (0: equivalent). */
SMKILINT_API size_t smkilint_comparison_differences(const smkilint_comparison *k);

/** Free a comparison (NULL is allowed). */
SMKILINT_API void smkilint_comparison_free(smkilint_comparison *k);

/**
 * Write a profile that accepts exactly the certificates structurally
 * equivalent to a reference (the checks of smkilint_compare_der as rules),
 * with a comment on each rule saying where it came from.
 * @param out receives a malloc'ed YAML text; free() it.
 * @param name the profile's name; reference_name is quoted in comments.
 * @return 0, SMKILINT_ENOMEM, or SMKILINT_EINVAL when the reference cannot be decoded.
 */
SMKILINT_API int smkilint_derive_profile(char **out, smkilint_ctx *ctx, const uint8_t *der, size_t der_len,
					 const char *name, const char *reference_name);

/* ---------------------------------------------------------------- profiles */

/**
 * Create an empty profile set. Load files into it, then finalize it; a
 * finalized set and its profiles are immutable and may be shared by threads.
 * @param out receives the set; free it with smkilint_profiles_free().
 * @return 0 or SMKILINT_ENOMEM.
 */
SMKILINT_API int smkilint_profiles_new(smkilint_profiles **out);

/** Free a profile set and every profile in it (NULL is allowed). */
SMKILINT_API void smkilint_profiles_free(smkilint_profiles *set);

/**
 * Load every *.yaml, *.yml and *.json file below a directory (sorted by name;
 * folders named naming/ or registers/ are skipped: those files are loaded
 * when named). Each file holds a profile or an environment.
 * @return 0, SMKILINT_EPROFILE (detail "file:line:column: message" in
 *         smkilint_ctx_last_error), SMKILINT_EIO or SMKILINT_ENOMEM.
 */
SMKILINT_API int smkilint_profiles_load_dir(smkilint_profiles *set, smkilint_ctx *ctx, const char *dir);

/**
 * Load one profile or environment file.
 * @param name receives the name it defines (owned by the set), may be NULL.
 * @return as smkilint_profiles_load_dir().
 */
SMKILINT_API int smkilint_profiles_load_file(smkilint_profiles *set, smkilint_ctx *ctx, const char *path,
					     const char **name);

/**
 * Load a profile or environment from memory (name is used in messages).
 * @return as smkilint_profiles_load_dir().
 */
SMKILINT_API int smkilint_profiles_load_string(smkilint_profiles *set, smkilint_ctx *ctx, const char *name,
					       const char *text, size_t len);

/**
 * Pin the environment: policy OIDs, hwTypes and roles must then come from
 * it, and any other value is an error. NAME is a loaded environment, or a
 * file to load. Call before smkilint_profiles_finalize().
 * @return 0, SMKILINT_ENOENT or as smkilint_profiles_load_dir().
 */
SMKILINT_API int smkilint_profiles_pin_environment(smkilint_profiles *set, smkilint_ctx *ctx,
						   const char *name_or_file);

/**
 * Use this commonName naming convention (a file with a top-level `naming:`)
 * instead of the one each profile declares.
 * @return as smkilint_profiles_load_dir().
 */
SMKILINT_API int smkilint_profiles_set_naming(smkilint_profiles *set, smkilint_ctx *ctx, const char *path);

/**
 * Resolve `extends` and check every reference; the set is immutable after.
 * @return 0 or SMKILINT_EPROFILE (file:line:column of the bad reference).
 */
SMKILINT_API int smkilint_profiles_finalize(smkilint_profiles *set, smkilint_ctx *ctx);

/** @return the number of profiles in a set. */
SMKILINT_API size_t smkilint_profiles_count(const smkilint_profiles *set);

/** @return profile i (owned by the set), NULL when out of range. */
SMKILINT_API const smkilint_profile *smkilint_profiles_get(const smkilint_profiles *set, size_t i);

/** @return the profile with that name (the last one loaded wins), or NULL. Owned by the set. */
SMKILINT_API const smkilint_profile *smkilint_profiles_find(const smkilint_profiles *set, const char *name);

/**
 * @return the auto-detecting profile of a finalized set: linting with it
 *         picks a profile per certificate (see docs/profiles.md). Owned by the set.
 */
SMKILINT_API const smkilint_profile *smkilint_profiles_auto(const smkilint_profiles *set);

/** @return the profile's name; owned by the set. */
SMKILINT_API const char *smkilint_profile_name(const smkilint_profile *p);

/** @return the profile's one-line description ("" when none); owned by the set. */
SMKILINT_API const char *smkilint_profile_description(const smkilint_profile *p);

/** @return the kind of certificate the profile covers ("device-ds", "organisation", ...). */
SMKILINT_API const char *smkilint_profile_kind(const smkilint_profile *p);

/** @return 1 for an opt-in profile (never picked automatically), 2 for an abstract one, else 0. */
SMKILINT_API int smkilint_profile_flags(const smkilint_profile *p);

/** One rule of a resolved profile. Strings are owned by the profile set. */
typedef struct smkilint_rule_info {
	const char *id;
	smkilint_severity severity;
	const char *citation;
	const char *description; /**< may be NULL */
	const char *since, *until;
	const char *check;       /**< "key_usage", ...; "lint" for an adjustment of a built-in lint */
	int disabled;
	const char *file;        /**< where it was declared */
	int line;
} smkilint_rule_info;

/** @return the number of rules of a resolved profile (adjustments of built-in lints included). */
SMKILINT_API size_t smkilint_profile_rule_count(const smkilint_profile *p);

/**
 * @param out receives rule i.
 * @return 0 or SMKILINT_ENOENT.
 */
SMKILINT_API int smkilint_profile_rule(smkilint_rule_info *out, const smkilint_profile *p, size_t i);

/** @return the naming convention's finding id, or NULL when the profile has none. */
SMKILINT_API const char *smkilint_profile_naming_id(const smkilint_profile *p);

/**
 * Write the resolved profile (after `extends`) as YAML in the profile
 * language, with each rule's origin as a comment.
 * @param out receives a malloc'ed NUL-terminated string; free() it.
 * @return 0 or SMKILINT_ENOMEM.
 */
SMKILINT_API int smkilint_profile_dump(char **out, const smkilint_profile *p);

/**
 * @return why the profile in the report was chosen (auto-detection), or
 *         NULL; owned by the report.
 */
SMKILINT_API const char *smkilint_report_profile_reason(const smkilint_report *r);

/* ---------------------------------------------------------------- bulk checks */

/*
 * Some rules only show across many certificates (PROFILES.md §10, "Bulk /
 * corpus checks"): a serial number used twice by one issuer, a key certified
 * twice, an Issuing CA key near its capacity. While linting, a context with
 * digests on gives each report a smkilint_digest (hashes and a few fields);
 * a bulk accumulator keeps a compact copy of each (about 140 bytes, never
 * the certificate) and, once every certificate is in, runs the `bulk` lint
 * family and returns its findings as reports, one per certificate involved.
 *
 *     smkilint_ctx_set_digests(ctx, 1);
 *     smkilint_bulk_new(&b, NULL);                 (default limits)
 *     for each item: smkilint_lint_item(&r, ctx, ...); smkilint_bulk_add(b, r, item);
 *     smkilint_bulk_finish(b);
 *     for (i = 0; i < smkilint_bulk_report_count(b); i++) smkilint_bulk_report(&r, &where, b, i);
 */

/** Where an element is in a certificate's DER; length 0 when absent or unknown. */
typedef struct smkilint_span {
	size_t offset;
	size_t length;
} smkilint_span;

/**
 * What the bulk checks and `smkilint inventory` read of one certificate.
 * Strings are owned by the report that holds the digest. Hashes are SHA-256.
 */
typedef struct smkilint_digest {
	int kind;                    /**< SMKILINT_ITEM_CERT, SMKILINT_ITEM_TBS or SMKILINT_ITEM_CSR */
	int decoded;                 /**< 0: the item did not decode; only cert_sha256 is set */
	uint8_t cert_sha256[32];     /**< the DER as given */
	uint8_t key_sha256[32];      /**< the public key: algorithm OID, curve OID and subjectPublicKey bits */
	uint8_t issuer_sha256[32];   /**< the issuer name folded as RFC 5280 §7.1 compares it (case, spaces,
	                                  PrintableString = UTF8String), attributes of an RDN in any order */
	uint8_t serial_sha256[32];   /**< the serialNumber contents octets */
	const char *issuer;          /**< the issuer name for people, "OU=07, CN=Z1" in DER order; NULL for a request */
	const char *role;            /**< the subject's organizationalUnitName as written ("02"), or NULL */
	int role_code;               /**< RemotePartyRole: role read as two hex digits, else -1 */
	const char *entity;          /**< Entity Identifier, lower-case hex: the subject uniqueIdentifier, else
	                                  the hwSerialNum of a HardwareModuleName in subjectAltName; or NULL */
	int entity_is_device;        /**< 1 when entity is a device's hwSerialNum */
	int has_key_usage;
	uint32_t key_usage;          /**< bit i = KeyUsage named bit i (0 digitalSignature, 4 keyAgreement, 5 keyCertSign) */
	const char *key_usage_names; /**< "digitalSignature", "keyCertSign+cRLSign"; "" when no bit is set; NULL
	                                  without keyUsage */
	int has_validity;            /**< both times are valid (RFC 5280 §4.1.2.5) */
	int64_t not_before, not_after;  /**< seconds since 1970-01-01 UTC */
	const char *aki;             /**< authorityKeyIdentifier keyIdentifier, lower-case hex, or NULL */
	const char *policy;          /**< the first certificatePolicies OID, or NULL */
	const char *environment;     /**< the loaded environment whose policies list that OID, or NULL */
	smkilint_span serial_at, key_at, validity_at, aki_at;  /**< serialNumber, subjectPublicKey, validity,
	                                                           the AKI keyIdentifier */
} smkilint_digest;

/**
 * Give each report linted with ctx a digest (smkilint_report_digest()):
 * a few hashes more per certificate. Off by default.
 * @return 0.
 */
SMKILINT_API int smkilint_ctx_set_digests(smkilint_ctx *ctx, int on);

/**
 * @return the certificate's digest, owned by the report; NULL when digests
 *         were off or the item could not be extracted from its input.
 */
SMKILINT_API const smkilint_digest *smkilint_report_digest(const smkilint_report *r);

/** A certificate a finding involves. Strings owned by the report. */
typedef struct smkilint_cert_ref {
	const char *input;
	size_t index;
} smkilint_cert_ref;

/** At most this many certificates are listed per bulk finding (its message gives the total). */
#define SMKILINT_BULK_MAX_INVOLVED 16

/**
 * @return how many certificates finding i involves: 0 for the findings of one
 *         certificate, 2 or more for a bulk finding (itself included).
 */
SMKILINT_API size_t smkilint_report_involved_count(const smkilint_report *r, size_t i);

/** @return certificate k of finding i (in the order they were added), owned by the report; NULL out of range. */
SMKILINT_API const smkilint_cert_ref *smkilint_report_involved(const smkilint_report *r, size_t i, size_t k);

/** Issuing CA capacity (PROFILES.md §12): per CA key, named by the AKI of what it issued. */
typedef struct smkilint_bulk_limits {
	uint64_t ca_max_certificates;  /**< certificates per CA key; default 100000 */
	unsigned ca_max_months;        /**< calendar months from the first notBefore; default 3 (0: use ca_max_seconds) */
	int64_t ca_max_seconds;        /**< the period in seconds when ca_max_months is 0 */
	double ca_warn_fraction;       /**< warn from this fraction of either limit, 0 < f <= 1; default 0.9 */
} smkilint_bulk_limits;

/** Fill l with the defaults: 100000 certificates, 3 months, warning at 0.9. */
SMKILINT_API void smkilint_bulk_limits_default(smkilint_bulk_limits *l);

typedef struct smkilint_bulk smkilint_bulk;

/**
 * Create a bulk accumulator. smkilint_bulk_add() and smkilint_bulk_finish()
 * are thread-safe (several threads may add; the sequence numbers are then
 * the order of the calls); the other functions read it, after
 * smkilint_bulk_finish() or from the thread that adds.
 * @param out receives it; free it with smkilint_bulk_free().
 * @param limits copied; NULL for the defaults.
 * @return 0, SMKILINT_ENOMEM, or SMKILINT_EINVAL for limits out of range
 *         (no certificate, no period, or a fraction outside (0, 1]).
 */
SMKILINT_API int smkilint_bulk_new(smkilint_bulk **out, const smkilint_bulk_limits *limits);

/** Free an accumulator (NULL is allowed). Reports it returned stay valid. */
SMKILINT_API void smkilint_bulk_free(smkilint_bulk *b);

/**
 * Add one linted item. Every call takes the next sequence number (0 for the
 * first); only decoded certificates with a digest are kept and checked.
 * Certificates with the same DER count once.
 * @param r a report with a digest (see smkilint_ctx_set_digests()); its input
 *        name and index are copied.
 * @param item where the item is in its input (PEM line, offset), or NULL.
 * @return 0, SMKILINT_ENOMEM, or SMKILINT_EINVAL after smkilint_bulk_finish().
 */
SMKILINT_API int smkilint_bulk_add(smkilint_bulk *b, const smkilint_report *r, const smkilint_item *item);

/**
 * Run the bulk lints over everything added. Adding is over after this.
 * Time O(n log n) in the number of certificates.
 * @return 0 or SMKILINT_ENOMEM.
 */
SMKILINT_API int smkilint_bulk_finish(smkilint_bulk *b);

/** @return the number of certificates kept: decoded certificates (after smkilint_bulk_finish(): distinct DER only). */
SMKILINT_API size_t smkilint_bulk_count(const smkilint_bulk *b);

/** @return the bytes the accumulator holds (for measurements). */
SMKILINT_API size_t smkilint_bulk_memory(const smkilint_bulk *b);

/** @return after smkilint_bulk_finish(), the number of certificates with bulk findings. */
SMKILINT_API size_t smkilint_bulk_report_count(const smkilint_bulk *b);

/** Where the certificate of a bulk report came from. */
typedef struct smkilint_bulk_origin {
	size_t seq;              /**< its smkilint_bulk_add() sequence number */
	int is_pem;
	size_t line;             /**< PEM: line of the BEGIN marker */
	size_t input_offset;     /**< byte offset of the item in its input */
} smkilint_bulk_origin;

/**
 * Report i of the bulk findings, in the order the certificates were added:
 * input name and index of the certificate, its profile, and its findings,
 * each with the certificates it involves (smkilint_report_involved()).
 * @param out receives a new report; free it with smkilint_report_free().
 * @param origin receives where the certificate was (may be NULL).
 * @return 0, SMKILINT_ENOMEM, SMKILINT_ENOENT (i out of range) or
 *         SMKILINT_EINVAL (before smkilint_bulk_finish()).
 */
SMKILINT_API int smkilint_bulk_report(smkilint_report **out, smkilint_bulk_origin *origin, const smkilint_bulk *b,
				      size_t i);

/** @return the name of a RemotePartyRole code ("supplier" for 2), static storage; NULL when unknown. */
SMKILINT_API const char *smkilint_role_name(int code);

/* ---------------------------------------------------------------- catalogue */

/** Metadata of one lint, as declared in its family's table. Static storage. */
typedef struct smkilint_lint_info {
	const char *id;
	smkilint_severity severity;
	const char *source;      /**< e.g. "RFC 5280", "X.690", "GBCS" */
	const char *citation;
	const char *description;
	const char *since;       /**< "YYYY-MM-DD" or NULL */
	const char *until;       /**< "YYYY-MM-DD" or NULL */
} smkilint_lint_info;

/** @return the number of lints in the catalogue. */
SMKILINT_API size_t smkilint_lint_count(void);

/** @return lint i of the catalogue (static storage), NULL when out of range. */
SMKILINT_API const smkilint_lint_info *smkilint_lint_get(size_t i);

/** @return the family of lint i ("encoding", "names", ...; static storage), NULL when out of range. */
SMKILINT_API const char *smkilint_lint_family(size_t i);

/** What a lint applies to (bits). */
enum smkilint_scope {
	SMKILINT_SCOPE_CERT = 1,  /**< certificates (and TBSCertificates) */
	SMKILINT_SCOPE_CSR = 2,   /**< PKCS #10 certification requests */
};

/** @return the SMKILINT_SCOPE_* bits of lint i, 0 when out of range. */
SMKILINT_API unsigned smkilint_lint_scope(size_t i);

/** @return the lint with that id (static storage), or NULL. */
SMKILINT_API const smkilint_lint_info *smkilint_lint_find(const char *id);

#ifdef __cplusplus
}
#endif
#endif
