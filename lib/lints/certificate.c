/* The certificate's frame: version, serial number, unique identifiers, the
 * extension list as a whole. */
#include <string.h>

#include "../smk.h"

static enum smk_status version_v3_with_extensions(const struct smk_cert *c, struct smk_emit *out)
{
	if (!c->has_extensions)
		return SMK_NA;
	if (c->version == 2)
		return SMK_PASS;
	return smk_fail(out, &c->version_loc, "v3 (2)",
			smk_printf(smk_emit_arena(out), "v%d (%d)%s", c->version + 1, c->version,
				   c->version_present ? "" : ", field absent"));
}

static enum smk_status version_known(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->version >= 0 && c->version <= 2)
		return SMK_PASS;
	return smk_fail(out, &c->version_loc, "v1, v2 or v3 (0, 1 or 2)", "a value above 2");
}

static enum smk_status serial_positive(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_bytes *s = &c->serial;
	if (s->len == 0)
		return smk_fail(out, &c->serial_loc, "a positive INTEGER", "empty INTEGER");
	if (s->p[0] & 0x80)
		return smk_fail(out, &c->serial_loc, "a positive INTEGER", "a negative INTEGER");
	for (size_t i = 0; i < s->len; i++)
		if (s->p[i] != 0)
			return SMK_PASS;
	return smk_fail(out, &c->serial_loc, "a positive INTEGER", "0");
}

static enum smk_status serial_length(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->serial.len <= 20)
		return SMK_PASS;
	return smk_fail(out, &c->serial_loc, "at most 20 octets",
			smk_printf(smk_emit_arena(out), "%zu octets", c->serial.len));
}

static enum smk_status unique_ids_absent(const struct smk_cert *c, struct smk_emit *out)
{
	enum smk_status st = SMK_PASS;
	if (c->has_issuer_uid)
		st = smk_fail(out, &c->issuer_uid_loc, "absent", "issuerUniqueID present");
	if (c->has_subject_uid)
		st = smk_fail(out, &c->subject_uid_loc, "absent", "subjectUniqueID present");
	return st;
}

static enum smk_status unique_ids_need_v2(const struct smk_cert *c, struct smk_emit *out)
{
	if (!c->has_issuer_uid && !c->has_subject_uid)
		return SMK_NA;
	if (c->version >= 1)
		return SMK_PASS;
	return smk_fail(out, c->has_issuer_uid ? &c->issuer_uid_loc : &c->subject_uid_loc, "version v2 or v3",
			"v1");
}

static enum smk_status extensions_not_empty(const struct smk_cert *c, struct smk_emit *out)
{
	if (!c->has_extensions)
		return SMK_NA;
	if (c->n_ext > 0)
		return SMK_PASS;
	return smk_fail(out, &c->extensions_loc, "at least one extension (SIZE (1..MAX))", "an empty list");
}

static enum smk_status no_duplicate_extensions(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->n_ext == 0)
		return SMK_NA;
	enum smk_status st = SMK_PASS;
	for (size_t i = 1; i < c->n_ext; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(c->ext[i].oid, c->ext[j].oid) == 0) {
				st = smk_fail(out, &c->ext[i].loc, "each extension at most once",
					      smk_printf(smk_emit_arena(out), "%s again (first at index %zu)",
							 c->ext[i].name, j));
				break;
			}
		}
	}
	return st;
}

static enum smk_status known_extensions_decode(const struct smk_cert *c, struct smk_emit *out)
{
	enum smk_status st = SMK_NA;
	for (size_t k = 0; k < SMK_EXT_KNOWN_COUNT; k++) {
		const struct smk_ext *e = c->known[k];
		if (e == NULL)
			continue;
		if (e->decoded) {
			if (st == SMK_NA)
				st = SMK_PASS;
			continue;
		}
		st = smk_fail(out, &e->value_loc,
			      smk_printf(smk_emit_arena(out), "a DER %s value", e->name),
			      "a value that does not decode as that type");
	}
	return st;
}

/* Extensions defined as SEQUENCE SIZE (1..MAX) OF ... (or that RFC 5280 says
 * must not be empty): an empty SEQUENCE (30 00) is not a valid value. */
static bool sequence_of_extension(const struct smk_ext *e)
{
	/* the linter's own OIDs by id; the others by text (e->id is UNKNOWN) */
	static const char *const others[] = {"2.5.29.9", "2.5.29.46", "1.3.6.1.5.5.7.1.11"};
	switch (e->id) {
	case SMK_OID_EXT_SAN: case SMK_OID_EXT_IAN: case SMK_OID_EXT_NAME_CONSTRAINTS: case SMK_OID_EXT_CRL_DP:
	case SMK_OID_EXT_CERT_POLICIES: case SMK_OID_EXT_POLICY_MAPPINGS: case SMK_OID_EXT_POLICY_CONSTRAINTS:
	case SMK_OID_EXT_EXT_KEY_USAGE: case SMK_OID_EXT_AIA:
		return true;
	case SMK_OID_UNKNOWN:
		for (size_t k = 0; k < sizeof(others) / sizeof(others[0]); k++)
			if (strcmp(e->oid, others[k]) == 0)
				return true;
		return false;
	default:
		return false;
	}
}

static enum smk_status extension_empty_sequence(const struct smk_cert *c, struct smk_emit *out)
{
	enum smk_status st = SMK_NA;
	for (size_t i = 0; i < c->n_ext; i++) {
		const struct smk_ext *e = &c->ext[i];
		if (!sequence_of_extension(e))
			continue;
		if (e->value.len == 2 && e->value.p[0] == 0x30 && e->value.p[1] == 0x00)
			st = smk_fail(out, &e->value_loc, "at least one element (SIZE (1..MAX))", "an empty SEQUENCE");
		else if (st == SMK_NA)
			st = SMK_PASS;
	}
	return st;
}

static const struct smk_lint lints[] = {
	SMK_LINT("rfc5280.version.not_v3_with_extensions", ERROR, "RFC 5280", "RFC 5280 §4.1.2.1",
		 "a certificate with extensions must be version 3", version_v3_with_extensions),
	SMK_LINT("rfc5280.version.unknown", ERROR, "RFC 5280", "RFC 5280 §4.1.2.1",
		 "the version is not v1, v2 or v3", version_known),
	SMK_LINT("rfc5280.serial.not_positive", ERROR, "RFC 5280", "RFC 5280 §4.1.2.2",
		 "the serial number must be a positive integer", serial_positive),
	SMK_LINT("rfc5280.serial.too_long", ERROR, "RFC 5280", "RFC 5280 §4.1.2.2",
		 "the serial number must not be longer than 20 octets", serial_length),
	SMK_LINT("rfc5280.unique_ids.present", ERROR, "RFC 5280", "RFC 5280 §4.1.2.8",
		 "conforming CAs must not generate certificates with issuerUniqueID or subjectUniqueID",
		 unique_ids_absent),
	SMK_LINT("rfc5280.unique_ids.need_v2", ERROR, "RFC 5280", "RFC 5280 §4.1.2.8",
		 "unique identifiers must not appear in a version 1 certificate", unique_ids_need_v2),
	SMK_LINT_CSR_TOO("rfc5280.extensions.empty", ERROR, "RFC 5280", "RFC 5280 §4.1, Appendix A.1",
		 "the extensions field is present but holds no extension", extensions_not_empty),
	SMK_LINT_CSR_TOO("rfc5280.extensions.duplicate", ERROR, "RFC 5280", "RFC 5280 §4.2",
		 "a certificate must not include more than one instance of an extension", no_duplicate_extensions),
	SMK_LINT_CSR_TOO("rfc5280.extensions.empty_sequence", ERROR, "RFC 5280", "RFC 5280 §4.2, Appendix A.2 (SIZE (1..MAX))",
		 "an extension whose value must hold at least one element is an empty SEQUENCE", extension_empty_sequence),
	SMK_LINT_CSR_TOO("rfc5280.extensions.malformed", ERROR, "RFC 5280", "RFC 5280 §4.2.1",
		 "the value of a known extension does not decode as its ASN.1 type", known_extensions_decode),
};

SMK_FAMILY(smk_family_certificate, "certificate", lints);
