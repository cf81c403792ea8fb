/* The one table of object identifiers the linter knows by name. */
#include <pthread.h>
#include <string.h>

#include "smk.h"

static const struct smk_oid_info oids[SMK_OID_COUNT] = {
	[SMK_OID_UNKNOWN] = {"", "unknown", -1},
	[SMK_OID_EC_PUBLIC_KEY] = {"1.2.840.10045.2.1", "id-ecPublicKey", -1},
	[SMK_OID_PRIME256V1] = {"1.2.840.10045.3.1.7", "prime256v1", -1},
	[SMK_OID_SECP384R1] = {"1.3.132.0.34", "secp384r1", -1},
	[SMK_OID_ECDSA_SHA256] = {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256", -1},
	[SMK_OID_ECDSA_SHA384] = {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384", -1},
	[SMK_OID_ECDSA_SHA512] = {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512", -1},
	[SMK_OID_RSA_ENCRYPTION] = {"1.2.840.113549.1.1.1", "rsaEncryption", -1},
	[SMK_OID_SHA256_RSA] = {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption", -1},
	[SMK_OID_EXT_SKI] = {"2.5.29.14", "subjectKeyIdentifier", SMK_EXT_SKI},
	[SMK_OID_EXT_KEY_USAGE] = {"2.5.29.15", "keyUsage", SMK_EXT_KEY_USAGE},
	[SMK_OID_EXT_SAN] = {"2.5.29.17", "subjectAltName", SMK_EXT_SAN},
	[SMK_OID_EXT_IAN] = {"2.5.29.18", "issuerAltName", -1},
	[SMK_OID_EXT_BASIC_CONSTRAINTS] = {"2.5.29.19", "basicConstraints", SMK_EXT_BASIC_CONSTRAINTS},
	[SMK_OID_EXT_NAME_CONSTRAINTS] = {"2.5.29.30", "nameConstraints", -1},
	[SMK_OID_EXT_CRL_DP] = {"2.5.29.31", "cRLDistributionPoints", -1},
	[SMK_OID_EXT_CERT_POLICIES] = {"2.5.29.32", "certificatePolicies", SMK_EXT_CERT_POLICIES},
	[SMK_OID_EXT_POLICY_MAPPINGS] = {"2.5.29.33", "policyMappings", -1},
	[SMK_OID_EXT_AKI] = {"2.5.29.35", "authorityKeyIdentifier", SMK_EXT_AKI},
	[SMK_OID_EXT_POLICY_CONSTRAINTS] = {"2.5.29.36", "policyConstraints", -1},
	[SMK_OID_EXT_EXT_KEY_USAGE] = {"2.5.29.37", "extKeyUsage", SMK_EXT_EXT_KEY_USAGE},
	[SMK_OID_EXT_INHIBIT_ANY] = {"2.5.29.54", "inhibitAnyPolicy", -1},
	[SMK_OID_EXT_AIA] = {"1.3.6.1.5.5.7.1.1", "authorityInfoAccess", -1},
	[SMK_OID_AT_CN] = {"2.5.4.3", "commonName", -1},
	[SMK_OID_AT_SERIAL_NUMBER] = {"2.5.4.5", "serialNumber", -1},
	[SMK_OID_AT_C] = {"2.5.4.6", "countryName", -1},
	[SMK_OID_AT_L] = {"2.5.4.7", "localityName", -1},
	[SMK_OID_AT_ST] = {"2.5.4.8", "stateOrProvinceName", -1},
	[SMK_OID_AT_O] = {"2.5.4.10", "organizationName", -1},
	[SMK_OID_AT_OU] = {"2.5.4.11", "organizationalUnitName", -1},
	[SMK_OID_AT_UNIQUE_IDENTIFIER] = {"2.5.4.45", "uniqueIdentifier", -1},
	[SMK_OID_AT_DN_QUALIFIER] = {"2.5.4.46", "dnQualifier", -1},
	[SMK_OID_EMAIL_ADDRESS] = {"1.2.840.113549.1.9.1", "emailAddress", -1},
	[SMK_OID_ON_HW_MODULE_NAME] = {"1.3.6.1.5.5.7.8.4", "id-on-hardwareModuleName", -1},
	[SMK_OID_PKCS9_EXTENSION_REQUEST] = {"1.2.840.113549.1.9.14", "extensionRequest", -1},
	[SMK_OID_PKCS9_CHALLENGE_PASSWORD] = {"1.2.840.113549.1.9.7", "challengePassword", -1},
	[SMK_OID_PKCS9_UNSTRUCTURED_NAME] = {"1.2.840.113549.1.9.2", "unstructuredName", -1},
};

const struct smk_oid_info *smk_oid_info(enum smk_oid id)
{
	if ((unsigned)id >= SMK_OID_COUNT)
		id = SMK_OID_UNKNOWN;
	return &oids[id];
}

enum smk_oid smk_oid_lookup(const char *dotted)
{
	if (dotted == NULL)
		return SMK_OID_UNKNOWN;
	for (int i = 1; i < SMK_OID_COUNT; i++)
		if (strcmp(oids[i].dotted, dotted) == 0)
			return (enum smk_oid)i;
	return SMK_OID_UNKNOWN;
}

/* ------------------------------------------------------------ from DER */

/* The contents octets of each known OID, encoded once from the table, and
 * a small hash table over them (open addressing, 0 = empty slot). */
#define SMK_OID_DER_MAX 24
#define SMK_OID_SLOTS 128
static struct {
	uint8_t len;
	uint8_t der[SMK_OID_DER_MAX];
} oid_der[SMK_OID_COUNT];
static uint8_t oid_slot[SMK_OID_SLOTS];
static pthread_once_t oid_der_once = PTHREAD_ONCE_INIT;

_Static_assert(SMK_OID_COUNT < SMK_OID_SLOTS / 2 && SMK_OID_COUNT < 256, "the OID hash table is too small");

/* OIDs of one arc differ in their last octets: the length and two of them
 * spread the table's OIDs well enough (collisions are probed). */
static unsigned der_hash(const uint8_t *p, size_t len)
{
	if (len == 0)
		return 0;
	return (unsigned)(len * 37u + p[len - 1] * 11u + p[len / 2]) & (SMK_OID_SLOTS - 1);
}

static size_t put_arc(uint8_t *out, uint64_t v)
{
	uint8_t tmp[10];
	size_t n = 0;
	do {
		tmp[n++] = v & 0x7f;
		v >>= 7;
	} while (v);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i] | (i + 1 < n ? 0x80 : 0);
	return n;
}

static void encode_table(void)
{
	for (int i = 1; i < SMK_OID_COUNT; i++) {
		uint64_t arc[16] = {0};   /* every dotted text of the table has at least two arcs */
		size_t n = 0;
		for (const char *p = oids[i].dotted; *p && n < 16; p++) {
			uint64_t v = 0;
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (uint64_t)(*p++ - '0');
			arc[n++] = v;
			if (*p == '\0')
				break;
		}
		size_t len = put_arc(oid_der[i].der, arc[0] * 40 + arc[1]);
		for (size_t k = 2; k < n && len + 10 <= SMK_OID_DER_MAX; k++)
			len += put_arc(oid_der[i].der + len, arc[k]);
		oid_der[i].len = (uint8_t)len;
		unsigned h = der_hash(oid_der[i].der, len);
		while (oid_slot[h] != 0)
			h = (h + 1) & (SMK_OID_SLOTS - 1);
		oid_slot[h] = (uint8_t)i;
	}
}

static size_t put_decimal(char *out, uint64_t v)
{
	char tmp[20];
	size_t n = 0;
	for (; v > UINT32_MAX; v /= 10)
		tmp[n++] = (char)('0' + v % 10);
	uint32_t w = (uint32_t)v;   /* most arcs: 32-bit division is cheaper */
	do {
		tmp[n++] = (char)('0' + w % 10);
		w /= 10;
	} while (w);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

/* Whether contents octets are plain: the first octet below 0x80, no arc
 * with a leading 0x80 octet or longer than 8 octets, a complete last arc,
 * and a text that surely fits in 100 characters (an arc of k octets has at
 * most 3k digits). libtasn1 reads these without fail; anything else is left
 * to it, so that odd encodings read exactly as before. */
static bool plain_octets(const uint8_t *p, size_t len)
{
	if (len == 0 || p[0] >= 0x80 || (p[len - 1] & 0x80))
		return false;
	size_t chars = 4, k = 0;   /* "X.YY", octets of the arc being read */
	for (size_t i = 1; i < len; i++) {
		if ((k == 0 && p[i] == 0x80) || ++k > 8)
			return false;
		if (!(p[i] & 0x80)) {
			chars += 1 + 3 * k;
			k = 0;
		}
	}
	return chars <= 100;
}

/* The dotted text of plain contents octets, written exactly as libtasn1's
 * asn1_get_object_id_der writes it: first octet 40X+Y, then one arc per
 * base-128 group. */
static void text_plain(char out[128], const uint8_t *p, size_t len)
{
	unsigned x = p[0] < 40 ? 0 : p[0] < 80 ? 1 : 2;   /* X.690 §8.19.4: only X = 2 has Y >= 40 */
	size_t n = put_decimal(out, x);
	out[n++] = '.';
	n += put_decimal(out + n, p[0] - 40 * x);
	for (size_t i = 1; i < len;) {
		uint64_t v = 0;
		do
			v = (v << 7) | (p[i] & 0x7f);
		while (p[i++] & 0x80);   /* ends: the last octet has bit 8 clear */
		out[n++] = '.';
		n += put_decimal(out + n, v);
	}
	out[n] = '\0';
}

/* t is an OBJECT IDENTIFIER TLV: its text by libtasn1, as before. */
static bool text_libtasn1(char out[128], const struct smk_tlv *t)
{
	int rl;
	return t->hdr_len >= 2 &&
	       asn1_get_object_id_der(t->body.p - (t->hdr_len - 1), (int)(t->hdr_len - 1 + t->len), &rl, out, 128) ==
		       ASN1_SUCCESS;
}

static bool plain_tlv(const struct smk_tlv *t)
{
	return t->hdr_len == 2 && !t->indefinite;   /* one identifier octet, short-form length */
}

static enum smk_oid lookup_der(const uint8_t *p, size_t len)
{
	/* a canonical encoding is unique: comparing the octets is comparing the OIDs */
	pthread_once(&oid_der_once, encode_table);
	for (unsigned h = der_hash(p, len); oid_slot[h] != 0; h = (h + 1) & (SMK_OID_SLOTS - 1)) {
		unsigned i = oid_slot[h];
		if (oid_der[i].len == len && memcmp(oid_der[i].der, p, len) == 0)
			return (enum smk_oid)i;
	}
	return SMK_OID_UNKNOWN;
}

/* Plain octets read as their text_plain text, and a known OID's octets are
 * plain: so the OID of plain octets is found by comparing octets, without
 * writing any text. Other octets go to libtasn1. */
enum smk_oid smk_oid_of(const struct smk_tlv *t)
{
	char text[128];
	enum smk_oid id = plain_tlv(t) ? lookup_der(t->body.p, t->len) : SMK_OID_UNKNOWN;
	if (id != SMK_OID_UNKNOWN || (plain_tlv(t) && plain_octets(t->body.p, t->len)))
		return id;
	return text_libtasn1(text, t) ? smk_oid_lookup(text) : SMK_OID_UNKNOWN;
}

bool smk_oid_plain(const struct smk_tlv *t)
{
	return t->id == 0x06 && plain_tlv(t) && plain_octets(t->body.p, t->len);
}

const char *smk_oid_text_plain(struct smk_arena *a, const struct smk_tlv *t, enum smk_oid *id)
{
	char text[128];
	*id = SMK_OID_UNKNOWN;
	if (t->id != 0x06 || !plain_tlv(t))
		return NULL;
	*id = lookup_der(t->body.p, t->len);
	if (*id != SMK_OID_UNKNOWN)
		return oids[*id].dotted;
	if (!plain_octets(t->body.p, t->len))
		return NULL;
	text_plain(text, t->body.p, t->len);
	return smk_strdup(a, text);
}

const char *smk_oid_text(struct smk_arena *a, const struct smk_tlv *t, enum smk_oid *id)
{
	char text[128];
	const char *s = smk_oid_text_plain(a, t, id);
	if (s != NULL || t->id != 0x06 || t->hdr_len < 2)
		return s;
	if (!text_libtasn1(text, t))
		return NULL;
	*id = smk_oid_lookup(text);
	return smk_strdup(a, text);
}
