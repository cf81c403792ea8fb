/*
 * smkilint-bench-gen: write N distinct SMKI-shaped certificates signed by a
 * test CA, for the benchmark harness (bench/README.md).
 *
 *   smkilint-bench-gen [-n N] [--kind mix|device|device-ds|device-ka|organisation]
 *                      [--keys K] [--seed S] OUTDIR
 *
 * OUTDIR/certs.pem  N certificates, one PEM block each
 * OUTDIR/ca.pem     the test root (OU=00, CN=BR), the Device CA (CN=B001)
 *                   that signs the device certificates and the Organisation
 *                   CA (OU=07, CN=BZ) that signs the organisation ones: give
 *                   it to `smkilint lint --issuer` to check signatures.
 *
 * The certificates follow the shapes of PROFILES.md §6: device certificates
 * (empty subject, critical SAN with a HardwareModuleName, keyUsage either
 * digitalSignature or keyAgreement, notAfter 99991231235959Z) and
 * organisation certificates (subject [CN,] OU = RemotePartyRole,
 * uniqueIdentifier = EUI-64, keyUsage one of the role's). Each has its own
 * serial number and identity (hwSerialNum or uniqueIdentifier); subject keys
 * are P-256 keys made by gnutls, K of them used in turn (default: one per
 * certificate), and each SKI is the RFC 5280 method (2) value of its key.
 * Signatures are real ECDSA-SHA256 signatures by the issuing CA.
 *
 * The DER is written by the certificate forge of the test suite
 * (tests/forge/), which builds exactly these shapes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "forge.h"

#define OID_DEVICE_POLICY "1.2.826.0.1.8641679.1.2.1.4"   /* dcc-test environment */
#define OID_HW_TYPE "1.2.826.0.1.8641679.1.2.2.1"          /* RTDS hwType */
#define OID_CN "2.5.4.3"
#define OID_OU "2.5.4.11"
#define OID_UNIQUE_ID "2.5.4.45"

enum kind_mix { MIX_ALL, MIX_DEVICE, MIX_DEVICE_DS, MIX_DEVICE_KA, MIX_ORGANISATION };

/* A P-256 key: the gnutls handle, its uncompressed point and its method (2)
 * key identifier. */
struct key {
	gnutls_privkey_t priv;
	uint8_t point[65];
	uint8_t ski[8];
};

struct ca {
	struct key key;
	struct fg *g;
	struct fg_node *(*name)(struct fg *);   /* builds its subject name in a forge */
	const uint8_t *der;
	size_t der_len;
};

static void die(const char *what, int rc)
{
	fprintf(stderr, "smkilint-bench-gen: %s%s%s\n", what, rc ? ": " : "", rc ? gnutls_strerror(rc) : "");
	exit(2);
}

/* SplitMix64: serial numbers and identities, reproducible from --seed. */
static uint64_t rng_state;
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void put_fixed(uint8_t *out, const gnutls_datum_t *d)
{
	/* gnutls may add or drop a leading zero: right-align into 32 octets */
	memset(out, 0, 32);
	size_t n = d->size;
	const uint8_t *p = d->data;
	while (n > 32 && *p == 0)
		p++, n--;
	memcpy(out + 32 - n, p, n);
}

static void key_new(struct key *k)
{
	int rc = gnutls_privkey_init(&k->priv);
	if (rc == 0)
		rc = gnutls_privkey_generate(k->priv, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0);
	gnutls_datum_t x = {NULL, 0}, y = {NULL, 0};
	gnutls_ecc_curve_t curve;
	if (rc == 0)
		rc = gnutls_privkey_export_ecc_raw2(k->priv, &curve, &x, &y, NULL, 0);
	if (rc != 0)
		die("P-256 key generation", rc);
	k->point[0] = 0x04;
	put_fixed(k->point + 1, &x);
	put_fixed(k->point + 33, &y);
	gnutls_free(x.data);
	gnutls_free(y.data);
	/* RFC 5280 §4.2.1.2 (2): 0100 and the low 60 bits of SHA-1 of the key */
	uint8_t d[20];
	rc = gnutls_hash_fast(GNUTLS_DIG_SHA1, k->point, sizeof(k->point), d);
	if (rc != 0)
		die("SHA-1", rc);
	memcpy(k->ski, d + 12, 8);
	k->ski[0] = (uint8_t)(0x40 | (k->ski[0] & 0x0f));
}

static void key_free(struct key *k)
{
	gnutls_privkey_deinit(k->priv);
}

static struct fg_node *rdn(struct fg *g, const char *oid, struct fg_node *value)
{
	return fg_set(g, fg_atv(g, oid, value));
}

static void set_serial(struct fg_cert *c)
{
	uint8_t s[16];
	for (int i = 0; i < 16; i += 8) {
		uint64_t v = rng_next();
		for (int k = 0; k < 8; k++)
			s[i + k] = (uint8_t)(v >> (8 * k));
	}
	s[0] = (uint8_t)((s[0] & 0x7f) | 0x01);   /* positive, 16 octets (PROFILES.md §5 C4) */
	fg_set_data(c->serial, s, sizeof(s));
}

/* The subject key, SKI, issuer name and AKI of a certificate. */
static void set_keys(struct fg_cert *c, const struct key *k, const struct ca *issuer)
{
	fg_cert_set(c, &c->public_key, fg_bits(c->g, 0, k->point, sizeof(k->point)));
	fg_set_data(c->ext[FG_EXT_SKI].inner, k->ski, sizeof(k->ski));
	fg_set_data(c->ext[FG_EXT_AKI].inner->kid[0], issuer->key.ski, sizeof(issuer->key.ski));
	fg_cert_set(c, &c->issuer, issuer->name(c->g));
}

static void set_key_usage(struct fg_cert *c, bool key_agreement)
{
	/* DER named bit lists: digitalSignature 03 02 07 80, keyAgreement 03 02 03 08 */
	uint8_t v[2] = {key_agreement ? 3 : 7, key_agreement ? 0x08 : 0x80};
	fg_set_data(c->ext[FG_EXT_KU].inner, v, sizeof(v));
}

static void sign(struct fg_cert *c, const struct ca *issuer)
{
	int rc = fg_sign(c, (struct gnutls_privkey_st *)issuer->key.priv);
	if (rc != 0)
		die("signing", rc);
}

static void write_pem(FILE *f, const uint8_t *der, size_t len)
{
	gnutls_datum_t in = {(unsigned char *)der, (unsigned)len}, out = {NULL, 0};
	int rc = gnutls_pem_base64_encode2("CERTIFICATE", &in, &out);
	if (rc != 0)
		die("PEM encoding", rc);
	if (fwrite(out.data, 1, out.size, f) != out.size)
		die("write", 0);
	gnutls_free(out.data);
}

/* ------------------------------------------------------------- the CAs */

/* A CA certificate, built on the forge's organisation shape: keyUsage
 * keyCertSign + cRLSign, basicConstraints cA TRUE, the given subject. */
static void ca_make(struct ca *ca, struct fg_node *(*name)(struct fg *), const struct ca *issuer, bool root)
{
	ca->g = fg_new();
	struct fg *g = ca->g;
	key_new(&ca->key);
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	set_serial(c);
	ca->name = name;
	fg_cert_set(c, &c->subject, name(g));
	fg_set_data(c->not_before, "240101000000Z", 13);
	fg_set_data(c->not_after, "491231235959Z", 13);
	fg_set_data(c->ext[FG_EXT_KU].inner, "\x01\x06", 2);   /* keyCertSign, cRLSign */
	struct fg_node *bc_inner = root ? fg_seq(g, fg_bool(g, true)) : fg_seq(g, fg_bool(g, true), fg_int(g, 0));
	struct fg_ext bc = fg_ext_new(g, "2.5.29.19", FG_CRIT_TRUE, bc_inner);
	fg_insert_after(c->ext_list, c->ext[FG_EXT_KU].seq, bc.seq);
	const struct ca *signer = root ? ca : issuer;
	fg_cert_set(c, &c->public_key, fg_bits(g, 0, ca->key.point, sizeof(ca->key.point)));
	fg_set_data(c->ext[FG_EXT_SKI].inner, ca->key.ski, sizeof(ca->key.ski));
	if (root) {
		fg_remove(c->ext_list, c->ext[FG_EXT_AKI].seq);
		fg_cert_set(c, &c->issuer, name(g));
	} else {
		fg_set_data(c->ext[FG_EXT_AKI].inner->kid[0], signer->key.ski, sizeof(signer->key.ski));
		fg_cert_set(c, &c->issuer, signer->name(g));
	}
	sign(c, signer);
	ca->der = fg_cert_der(c, &ca->der_len);
}

static struct fg_node *root_name(struct fg *g)
{
	return fg_seq(g, rdn(g, OID_OU, fg_str(g, 0x13, "00")), rdn(g, OID_CN, fg_str(g, 0x13, "BR")));
}

static struct fg_node *dca_name(struct fg *g)
{
	return fg_seq(g, rdn(g, OID_CN, fg_str(g, 0x13, "B001")));
}

static struct fg_node *oca_name(struct fg *g)
{
	return fg_seq(g, rdn(g, OID_OU, fg_str(g, 0x13, "07")), rdn(g, OID_CN, fg_str(g, 0x13, "BZ")));
}

static void ca_free(struct ca *ca)
{
	key_free(&ca->key);
	fg_free(ca->g);
}

/* ------------------------------------------------------------- end entities */

/* RemotePartyRoles of organisation certificates and the key usages each is
 * seen with (PROFILES.md §4). */
static const struct {
	const char *ou;
	bool ka;               /* keyAgreement certificates exist for the role */
} roles[] = {
	{"01", false}, {"02", true}, {"03", true}, {"04", true}, {"05", false},
	{"06", false}, {"08", true}, {"7F", true},
};
#define N_ROLES (sizeof(roles) / sizeof(roles[0]))

static void device_cert(FILE *out, const struct key *k, const struct ca *dca, bool ka)
{
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
	set_serial(c);
	set_keys(c, k, dca);
	set_key_usage(c, ka);
	/* EUI-64 hwSerialNum: an OUI-like prefix and a counter-like tail */
	uint64_t eui = 0x00db000000000000ull | (rng_next() & 0x0000ffffffffffffull);
	uint8_t s[8];
	for (int i = 0; i < 8; i++)
		s[i] = (uint8_t)(eui >> (56 - 8 * i));
	fg_set_data(c->hw_serial, s, sizeof(s));
	fg_cert_set(c, &c->hw_type, fg_oid(g, OID_HW_TYPE));
	fg_set_data(c->not_before, "240401000000Z", 13);
	sign(c, dca);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	write_pem(out, der, len);
	fg_free(g);
}

static void organisation_cert(FILE *out, const struct key *k, const struct ca *oca, size_t role, bool ka)
{
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	set_serial(c);
	set_keys(c, k, oca);
	set_key_usage(c, ka);
	uint8_t eui[8];
	uint64_t v = 0x90b3d51f30000000ull | (rng_next() & 0xffffff);
	for (int i = 0; i < 8; i++)
		eui[i] = (uint8_t)(v >> (56 - 8 * i));
	struct fg_node *subject = fg_seq(g, rdn(g, OID_OU, fg_str(g, 0x0c, roles[role].ou)),
					 rdn(g, OID_UNIQUE_ID, fg_bits(g, 0, eui, sizeof(eui))));
	if (strcmp(roles[role].ou, "02") == 0 && !ka)   /* supplier DS certificates carry a CN */
		fg_insert_before(subject, subject->kid[0], rdn(g, OID_CN, fg_str(g, 0x0c, "BENCHSUPPLIER")));
	fg_cert_set(c, &c->subject, subject);
	fg_set_data(c->not_before, "250901000000Z", 13);
	fg_set_data(c->not_after, "350831235959Z", 13);
	sign(c, oca);
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	write_pem(out, der, len);
	fg_free(g);
}

/* ------------------------------------------------------------- main */

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		fprintf(stderr, "smkilint-bench-gen: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static void usage(void)
{
	fprintf(stderr, "usage: smkilint-bench-gen [-n N] [--kind mix|device|device-ds|device-ka|organisation]\n"
			"                          [--keys K] [--seed S] OUTDIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	size_t n = 1000, n_keys = 0;
	enum kind_mix mix = MIX_ALL;
	const char *dir = NULL;
	rng_state = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-n") == 0 && i + 1 < argc) {
			n = strtoull(argv[++i], NULL, 10);
		} else if (strcmp(a, "--keys") == 0 && i + 1 < argc) {
			n_keys = strtoull(argv[++i], NULL, 10);
		} else if (strcmp(a, "--seed") == 0 && i + 1 < argc) {
			rng_state = strtoull(argv[++i], NULL, 10);
		} else if (strcmp(a, "--kind") == 0 && i + 1 < argc) {
			const char *k = argv[++i];
			if (strcmp(k, "mix") == 0)
				mix = MIX_ALL;
			else if (strcmp(k, "device") == 0)
				mix = MIX_DEVICE;
			else if (strcmp(k, "device-ds") == 0)
				mix = MIX_DEVICE_DS;
			else if (strcmp(k, "device-ka") == 0)
				mix = MIX_DEVICE_KA;
			else if (strcmp(k, "organisation") == 0)
				mix = MIX_ORGANISATION;
			else
				usage();
		} else if (a[0] == '-' || dir != NULL) {
			usage();
		} else {
			dir = a;
		}
	}
	if (dir == NULL || n == 0)
		usage();
	if (n_keys == 0 || n_keys > n)
		n_keys = n;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "smkilint-bench-gen: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	int rc = gnutls_global_init();
	if (rc != 0)
		die("gnutls_global_init", rc);

	struct ca root, dca, oca;
	ca_make(&root, root_name, NULL, true);
	ca_make(&dca, dca_name, &root, false);
	ca_make(&oca, oca_name, &root, false);
	FILE *f = open_out(dir, "ca.pem");
	write_pem(f, root.der, root.der_len);
	write_pem(f, dca.der, dca.der_len);
	write_pem(f, oca.der, oca.der_len);
	if (fclose(f) != 0)
		die("write ca.pem", 0);

	struct key *keys = calloc(n_keys, sizeof(*keys));
	if (keys == NULL)
		die("out of memory", 0);
	for (size_t i = 0; i < n_keys; i++)
		key_new(&keys[i]);

	f = open_out(dir, "certs.pem");
	size_t n_dev = 0, n_org = 0;
	for (size_t i = 0; i < n; i++) {
		const struct key *k = &keys[i % n_keys];
		/* mix: 7 device certificates (DS and KA alternately) in every 10 */
		bool device = mix == MIX_DEVICE || mix == MIX_DEVICE_DS || mix == MIX_DEVICE_KA ||
			      (mix == MIX_ALL && i % 10 < 7);
		if (device) {
			bool ka = mix == MIX_DEVICE_KA || ((mix == MIX_DEVICE || mix == MIX_ALL) && n_dev % 2 == 1);
			device_cert(f, k, &dca, ka);
			n_dev++;
		} else {
			size_t role = n_org % N_ROLES;
			bool ka = roles[role].ka && (n_org / N_ROLES) % 2 == 1;
			organisation_cert(f, k, &oca, role, ka);
			n_org++;
		}
	}
	if (fclose(f) != 0)
		die("write certs.pem", 0);
	for (size_t i = 0; i < n_keys; i++)
		key_free(&keys[i]);
	free(keys);
	ca_free(&root);
	ca_free(&dca);
	ca_free(&oca);
	gnutls_global_deinit();
	fprintf(stderr, "%s/certs.pem: %zu certificates (%zu device, %zu organisation, %zu keys); %s/ca.pem: root, DCA, OCA\n",
		dir, n, n_dev, n_org, n_keys, dir);
	return 0;
}
