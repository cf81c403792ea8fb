#ifndef SMK_CRYPTO_H
#define SMK_CRYPTO_H

#include "smk.h"

/* The RFC 5280 §4.2.1.2 method (2) key identifier of c's key. */
bool smk_key_id_method2(const struct smk_cert *c, uint8_t out[8]);

/* 1: a P-256 uncompressed point on the curve; 0: not on the curve;
 * -1: not a P-256 uncompressed point (another lint's job). */
int smk_p256_point_valid(const struct smk_spki *k);

/* 1: the signature of c verifies with issuer_key; 0: it does not;
 * -1: cannot be checked (algorithm or key not supported). */
int smk_verify_signature(const struct smk_cert *c, const struct smk_spki *issuer_key);

#endif
