/* Computations that need cryptography, all through gnutls (nettle below it):
 * RFC 5280 key identifiers, the P-256 point check, signature verification. */
#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gmp.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>

#include "crypto.h"

bool smk_key_id_method2(const struct smk_cert *c, uint8_t out[8])
{
	/* RFC 5280 §4.2.1.2 (2): 0100 followed by the least significant 60 bits
	 * of the SHA-1 hash of the subjectPublicKey BIT STRING value */
	uint8_t d[20];
	if (c->spki.key.p == NULL || c->spki.key_unused_bits != 0)
		return false;
	if (gnutls_hash_fast(GNUTLS_DIG_SHA1, c->spki.key.p, c->spki.key.len, d) != 0)
		return false;
	memcpy(out, d + 12, 8);
	out[0] = (uint8_t)(0x40 | (out[0] & 0x0f));
	return true;
}

static int import_p256(gnutls_pubkey_t *pub, const struct smk_spki *k)
{
	if (k->curve != SMK_OID_PRIME256V1 || k->key.len != 65 || k->key.p[0] != 0x04)
		return -1;
	if (gnutls_pubkey_init(pub) != 0)
		return -1;
	gnutls_datum_t x = {(unsigned char *)k->key.p + 1, 32}, y = {(unsigned char *)k->key.p + 33, 32};
	if (gnutls_pubkey_import_ecc_raw(*pub, GNUTLS_ECC_CURVE_SECP256R1, &x, &y) != 0) {
		gnutls_pubkey_deinit(*pub);
		return 0;
	}
	return 1;
}

/* Whether a public key is a point of P-256 is asked for every certificate.
 * Through a gnutls key object it costs an allocation and a parameter check
 * each time, so it asks nettle (below gnutls) directly: ecc_point_set
 * accepts x, y only when both are below p and y^2 = x^3 - 3x + b. A zero
 * coordinate is refused first, as gnutls_pubkey_import_ecc_raw does, so
 * the answers are those of the gnutls route. No field arithmetic here. */
static bool all_zero(const uint8_t *p, size_t n)
{
	uint8_t z = 0;
	for (size_t i = 0; i < n; i++)
		z |= p[i];
	return z == 0;
}

int smk_p256_point_valid(const struct smk_spki *k)
{
	if (k->curve != SMK_OID_PRIME256V1 || k->key.len != 65 || k->key.p[0] != 0x04)
		return -1;
	if (all_zero(k->key.p + 1, 32) || all_zero(k->key.p + 33, 32))
		return 0;
	mpz_t x, y;
	mpz_init(x);
	mpz_init(y);
	mpz_import(x, 32, 1, 1, 1, 0, k->key.p + 1);
	mpz_import(y, 32, 1, 1, 1, 0, k->key.p + 33);
	struct ecc_point pt;
	ecc_point_init(&pt, nettle_get_secp_256r1());
	int on_curve = ecc_point_set(&pt, x, y);
	ecc_point_clear(&pt);
	mpz_clear(x);
	mpz_clear(y);
	return on_curve ? 1 : 0;
}

int smk_verify_signature(const struct smk_cert *c, const struct smk_spki *issuer_key)
{
	gnutls_sign_algorithm_t alg;
	switch (c->sig_alg.id) {
	case SMK_OID_ECDSA_SHA256: alg = GNUTLS_SIGN_ECDSA_SHA256; break;
	case SMK_OID_ECDSA_SHA384: alg = GNUTLS_SIGN_ECDSA_SHA384; break;
	case SMK_OID_ECDSA_SHA512: alg = GNUTLS_SIGN_ECDSA_SHA512; break;
	default: return -1;
	}
	gnutls_pubkey_t pub;
	int rc = import_p256(&pub, issuer_key);
	if (rc <= 0)
		return -1;
	gnutls_datum_t tbs = {(unsigned char *)c->tbs.p, (unsigned)c->tbs.len};
	gnutls_datum_t sig = {(unsigned char *)c->sig.bits.p, (unsigned)c->sig.bits.len};
	rc = gnutls_pubkey_verify_data2(pub, alg, 0, &tbs, &sig) >= 0 ? 1 : 0;
	gnutls_pubkey_deinit(pub);
	return rc;
}
