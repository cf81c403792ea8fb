/* Issuer-aware checks: the store of issuer certificates and what the
 * pipeline learns about one certificate's issuer before the chain lints run. */
#ifndef SMK_CHAIN_H
#define SMK_CHAIN_H

#include "smk.h"

enum smk_sig_state {
	SMK_SIG_NOT_CHECKED,         /* no issuer key known */
	SMK_SIG_VALID,
	SMK_SIG_INVALID,
	SMK_SIG_UNSUPPORTED,         /* algorithm or key the linter cannot verify */
};

struct smk_issuer {
	struct smk_cert cert;        /* decoded model; its DER is owned below */
	uint8_t *der;
	const char *input;           /* where it came from */
	size_t index;
	/* what the store knows about this certificate's own signature, computed
	 * when certificates are added (smkilint_issuers_add), read-only after */
	const struct smk_issuer *parent;   /* its issuer among the others, NULL: none */
	enum smk_sig_state sig;      /* its signature, checked with the parent's key or its own */
	bool self_signed;            /* verifies with its own key */
	bool self_checked;           /* the own-key check was made (not repeated per add) */
	const struct smk_issuer *twin;     /* another with the same TBSCertificate and another signature */
};

struct smkilint_issuers {
	struct smk_issuer **items;
	size_t n, cap;
};

/* Where the issuer's own signature leads, walking up the store. */
enum smk_anchor {
	SMK_ANCHOR_NONE,             /* no issuer found, or the certificate is self-signed */
	SMK_ANCHORED,                /* every signature up to a self-signed root verifies */
	SMK_ANCHOR_UNKNOWN,          /* the walk stops at a certificate whose issuer is not in the store */
	SMK_ANCHOR_BROKEN,           /* a signature on the way does not verify (see broken) */
	SMK_ANCHOR_UNSUPPORTED,      /* a signature on the way cannot be verified by the linter */
};

/* What the chain lints read (struct smk_emit carries it). */
struct smk_chain {
	bool have_store;             /* the caller gave issuers */
	const struct smk_cert *issuer;   /* NULL: unknown */
	const char *issuer_input;
	size_t issuer_index;
	const char *matched_by;      /* "authorityKeyIdentifier", "issuer name (bytes)", ... */
	bool self_signed;            /* verifies with its own key */
	enum smk_sig_state sig;
	const char *profile_kind;    /* kind of the profile in use, or NULL */

	/* the issuer's own signature, transitively (RFC 5280 §6.1) */
	enum smk_anchor anchor;
	const struct smk_issuer *issuer_item;  /* the store entry of the issuer */
	const struct smk_issuer *broken;       /* SMK_ANCHOR_BROKEN: whose signature fails */
	const struct smk_issuer *stop;         /* SMK_ANCHOR_UNKNOWN: whose issuer is missing */
	size_t depth;                /* certificates walked above the issuer */
	/* copies that cannot both be genuine: same TBSCertificate, other signature */
	const struct smk_issuer *own_twin;     /* of the certificate itself (not with a TBS input) */
	const struct smk_issuer *issuer_twin;  /* of its issuer */
};

/* Fill ch for c (signature verified once here, not per lint). */
void smk_chain_resolve(struct smk_chain *ch, const struct smk_cert *c, const struct smkilint_issuers *store);

/* RFC 5280 §7.1 comparison: same RDNs, attribute types and values, values
 * compared after case folding and whitespace compression (PrintableString,
 * UTF8String, IA5String), other types byte for byte. */
bool smk_name_equal_rfc5280(const struct smk_name *a, const struct smk_name *b);

const struct smk_chain *smk_emit_chain(struct smk_emit *out);

#endif
