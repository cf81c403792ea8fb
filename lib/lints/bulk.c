/* Bulk checks (PROFILES.md §10, "Bulk / corpus checks"): rules that only
 * show across the certificates of a whole run. They have no per-certificate
 * check: smkilint_bulk_finish() (lib/bulk.c) runs them over the digests of
 * every certificate added; they are declared here so that they are listed,
 * explained and documented like every lint. */
#include "../smk.h"

#define CAPACITY_CITATION                                                                        \
	"SEC Issuing CA capacity (100,000 certificates or 3 months, whichever comes first), as "  \
	"recorded in PROFILES.md §12"

static const struct smk_lint lints[] = {
	SMK_LINT("smki.bulk.duplicate_serial_per_issuer", ERROR, "RFC 5280",
		 "RFC 5280 §4.1.2.2 (issuer name and serial number identify a unique certificate); PROFILES.md §9.3 D4",
		 "two different certificates of the same issuer (RFC 5280 §7.1 name matching) carry the same serial "
		 "number",
		 NULL),
	SMK_LINT("smki.bulk.key_shared_across_usages", WARNING, "SMKI",
		 "PROFILES.md §9.2 (no key pair is certified for both digitalSignature and keyAgreement), §10 [I]",
		 "the same public key is certified in a digitalSignature certificate and in a keyAgreement certificate",
		 NULL),
	SMK_LINT("smki.bulk.key_shared_across_subjects", WARNING, "SMKI", "PROFILES.md §10 (bulk checks) [I]",
		 "the same public key is certified for different Entity Identifiers", NULL),
	SMK_LINT("smki.bulk.key_shared_across_issuers", WARNING, "SMKI", "PROFILES.md §9.3 D13, §10 (bulk checks) [I]",
		 "the same public key is certified by different issuers", NULL),
	SMK_LINT("smki.bulk.renewal_same_key", NOTICE, "SMKI", "PROFILES.md §8 item 9 (renewal without re-key), §10",
		 "a certificate re-certifies a public key that the same issuer certified before (earlier notBefore)",
		 NULL),
	SMK_LINT("smki.bulk.overlapping_validity", NOTICE, "SMKI",
		 "PROFILES.md §2 (one certificate per organisation, role and key usage; one per device and key usage)",
		 "two certificates for the same Entity Identifier, RemotePartyRole and key usage are valid at the same "
		 "time",
		 NULL),
	SMK_LINT("smki.bulk.ca_capacity_near", WARNING, "SEC", CAPACITY_CITATION,
		 "an Issuing CA key (named by the authorityKeyIdentifier of what it issued) has reached the warning "
		 "fraction of its capacity: of its number of certificates, or of its period after the first issuance",
		 NULL),
	SMK_LINT("smki.bulk.ca_capacity_exceeded", ERROR, "SEC", CAPACITY_CITATION,
		 "an Issuing CA key issued beyond its capacity: more certificates than allowed, or a notBefore after "
		 "its period",
		 NULL),
};

SMK_FAMILY(smk_family_bulk, "bulk", lints);
