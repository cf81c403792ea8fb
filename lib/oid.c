/* The one table of object identifiers the linter knows by name. */
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
