/* Issuer-aware checks: the store of issuer certificates and what the
 * pipeline learns about one certificate's issuer before the chain lints run. */
#ifndef SMK_CHAIN_H
#define SMK_CHAIN_H

#include "smk.h"

struct smk_issuer {
	struct smk_cert cert;        /* decoded model; its DER is owned below */
	uint8_t *der;
	const char *input;           /* where it came from */
	size_t index;
};

struct smkilint_issuers {
	struct smk_issuer **items;
	size_t n, cap;
};

enum smk_sig_state {
	SMK_SIG_NOT_CHECKED,         /* no issuer key known */
	SMK_SIG_VALID,
	SMK_SIG_INVALID,
	SMK_SIG_UNSUPPORTED,         /* algorithm or key the linter cannot verify */
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
};

/* Fill ch for c (signature verified once here, not per lint). */
void smk_chain_resolve(struct smk_chain *ch, const struct smk_cert *c, const struct smkilint_issuers *store);

/* RFC 5280 §7.1 comparison: same RDNs, attribute types and values, values
 * compared after case folding and whitespace compression (PrintableString,
 * UTF8String, IA5String), other types byte for byte. */
bool smk_name_equal_rfc5280(const struct smk_name *a, const struct smk_name *b);

const struct smk_chain *smk_emit_chain(struct smk_emit *out);

#endif
