/*
 * Helpers of the profile suites (test_profiles.c, test_profile_rules.c,
 * test_detect.c): profile sets built from the shipped profiles/ folder or from
 * YAML text, certificates decoded into the model, counting findings.
 */
#ifndef SMK_TEST_PROF_COMMON_H
#define SMK_TEST_PROF_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "profile.h"

#define PROFILES_DIR SMK_SOURCE_ROOT "/profiles"
#define PROF_DATA SMK_SOURCE_ROOT "/tests/data/profiles"
#define NAMING_DATA SMK_SOURCE_ROOT "/tests/data/naming"
#define SMKI_DATA SMK_SOURCE_ROOT "/tests/data/smki"
/* the shared corpus beside the checkout; the suites that need it skip without it */
#define SHARED_DIR SMK_SOURCE_ROOT "/../shared"

/* Real certificates in tests/data/smki (see its README). */
#define C_ORG SMKI_DATA "/org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252.pem"
#define C_ORG_KA SMKI_DATA "/org-z1-supplier-90b3d51f30010000-ka-20151030-3b362657.pem"
#define C_ORG_NO_DS SMKI_DATA "/org-z1-networkOperator-90b3d51f30020000-ds-20250901-4a08e1d3.pem"
#define C_ORG_LC_2023 SMKI_DATA "/org-z1-loadController-90b3d51f30010008-ds-20231116-75ebdb08.pem"
#define C_ORG_DSPXML SMKI_DATA "/org-z1-dspXmlSign-90b3d51f30000002-ds-20250901-0f4889ef.pem"
#define C_OCA SMKI_DATA "/ca-oca-z1-issuingAuthority-issued-by-za-71872bdb.pem"
#define C_DEV_DS SMKI_DATA "/device-rtds-e357-00db123456789001-ds.pem"
#define C_DEV_KA SMKI_DATA "/device-rtds-e357-00db123456789001-ka.pem"
#define C_D1 SMKI_DATA "/org-z99-other-90b3d51f30010009-ds-20231220-173cfbf0.pem"
#define C_D3 SMKI_DATA "/device-rtds-0001-00db123456789098-ka.pem"
#define C_D4 SMKI_DATA "/device-rtds-e357-00db1234567890a0-nonrep.pem"
#define C_D5 SMKI_DATA "/device-dccboxed-acb-signed-88738457002f966c-ds.pem"
#define C_D7 SMKI_DATA "/xmlsign-z1-dspXmlSign-decimalOU-90b3d51f30000002-ds-20180101-261e9ccc.pem"
#define C_D9 SMKI_DATA "/org-ob-other-00db123456780004-ds-20150415-43f410fe.pem"
#define C_XMLSIGN SMKI_DATA "/xmlsign-z1-xmlSign-90b3d51f30010000-ds-20180101-14be4ad2.pem"
/* not SMKI: an RSA server certificate from zlint's test data (Apache-2.0) */
#define C_RSA SMKI_DATA "/non-smki-zlint-eeServerCertValidEqual397.pem"

/* A certificate: its DER (malloc'ed) and the model decoded from it. */
struct tcert {
	uint8_t *der;
	size_t len;
	struct smk_cert c;
};

void tcert_file(struct tcert *t, smkilint_ctx *ctx, const char *pem_path);
void tcert_bytes(struct tcert *t, smkilint_ctx *ctx, const uint8_t *der, size_t len);
void tcert_free(struct tcert *t);

/* A new set holding profiles/ (environments and SMKI profiles); finalized
 * when `finalize`. Asserts every step. */
smkilint_profiles *shipped_set(smkilint_ctx *ctx, bool finalize);
/* Load YAML text into a set; asserts success. */
void load_text(smkilint_profiles *set, smkilint_ctx *ctx, const char *name, const char *yaml);
void finalize_set(smkilint_profiles *set, smkilint_ctx *ctx);
const smkilint_profile *must_find(const smkilint_profiles *set, const char *name);
/* The rule with that id in a resolved profile (asserts it exists). */
const struct smk_rule *rule_of(const smkilint_profile *p, const char *id);

/* Lint with the whole pipeline; asserts success. */
smkilint_report *lint_der_with(smkilint_ctx *ctx, const smkilint_profile *p, const uint8_t *der, size_t len,
			       const char *name);
smkilint_report *lint_file_with(smkilint_ctx *ctx, const smkilint_profile *p, const char *pem_path);

/* Findings at or above a severity. */
size_t count_at_least(const smkilint_report *r, smkilint_severity sev);
/* The one finding of that id (NULL and the report logged when not exactly one). */
const smkilint_finding *the_finding(const smkilint_report *r, const char *id);
/* Every error and warning, logged; returns how many. */
size_t log_errors_warnings(const smkilint_report *r, const char *what);

/* "file:line:column: message" of the last error. */
const char *last_error(smkilint_ctx *ctx);

/* A self-signed P-256 certificate made with gnutls (subject OU=00, CN=ZA),
 * DER malloc'ed; the signature verifies with its own key. */
uint8_t *make_self_signed(size_t *len);

#endif
