/* Names (RFC 5280 §4.1.2.4, §4.1.2.6, Appendix A.1), for any certificate. */
#include <string.h>

#include "../profile.h"

/* A name is empty when it holds no attribute: an RDN that is an empty SET
 * (30 02 31 00, which libtasn1 accepts) names nothing either. */
static enum smk_status issuer_empty(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->issuer.n_atv > 0)
		return SMK_PASS;
	return smk_fail(out, &c->issuer.loc, "a non-empty issuer name",
			c->issuer.n_rdn > 0 ? "RDNs without any attribute" : "an empty sequence");
}

static enum smk_status empty_subject_without_san(const struct smk_cert *c, struct smk_emit *out)
{
	if (c->subject.n_atv > 0)
		return SMK_NA;
	if (c->known[SMK_EXT_SAN] != NULL)
		return SMK_PASS;
	return smk_fail(out, &c->subject.loc, "a subjectAltName extension when the subject is empty", "none");
}

static enum smk_status empty_subject_san_not_critical(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_ext *e = c->known[SMK_EXT_SAN];
	if (c->subject.n_atv > 0 || e == NULL)
		return SMK_NA;
	if (e->critical)
		return SMK_PASS;
	return smk_fail(out, &e->critical_loc, "critical TRUE (the subject is empty)",
			e->critical_encoded ? "critical FALSE" : "absent (DEFAULT FALSE)");
}

/* Upper bounds of RFC 5280 Appendix A.1 (and X.520), in characters. */
static const struct {
	const char *oid;
	const char *name;
	long ub;
	bool directory_string;
} attrs[] = {
	{"2.5.4.3", "commonName", 64, true},
	{"2.5.4.4", "surname", 32768, true},
	{"2.5.4.5", "serialNumber", 64, false},
	{"2.5.4.6", "countryName", 2, false},
	{"2.5.4.7", "localityName", 128, true},
	{"2.5.4.8", "stateOrProvinceName", 128, true},
	{"2.5.4.9", "streetAddress", 128, true},
	{"2.5.4.10", "organizationName", 64, true},
	{"2.5.4.11", "organizationalUnitName", 64, true},
	{"2.5.4.12", "title", 64, true},
	{"2.5.4.17", "postalCode", 40, true},
	{"2.5.4.42", "givenName", 32768, true},
	{"2.5.4.43", "initials", 32768, true},
	{"2.5.4.44", "generationQualifier", 32768, true},
	{"2.5.4.65", "pseudonym", 128, true},
	{"1.2.840.113549.1.9.1", "emailAddress", 255, false},
};

static int attr_index(const char *oid)
{
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (strcmp(attrs[i].oid, oid) == 0)
			return (int)i;
	return -1;
}

static size_t chars(const struct smk_atv *v)
{
	switch (v->tag) {
	case 0x0c: {   /* UTF8String: count code points */
		size_t k = 0;
		for (size_t i = 0; i < v->value.len; i++)
			if ((v->value.p[i] & 0xc0) != 0x80)
				k++;
		return k;
	}
	case 0x1e: return v->value.len / 2;   /* BMPString */
	case 0x1c: return v->value.len / 4;   /* UniversalString */
	default: return v->value.len;
	}
}

typedef enum smk_status (*atv_fn)(const struct smk_atv *v, struct smk_emit *out);

static enum smk_status each_atv(const struct smk_cert *c, struct smk_emit *out, atv_fn fn)
{
	const struct smk_name *names[] = {&c->subject, &c->issuer};
	enum smk_status st = SMK_NA;
	for (size_t n = 0; n < 2; n++) {
		for (size_t i = 0; i < names[n]->n_atv; i++) {
			enum smk_status s = fn(&names[n]->atv[i], out);
			if (s == SMK_FAIL || (s == SMK_PASS && st == SMK_NA))
				st = s;
		}
	}
	return st;
}

static enum smk_status ub_one(const struct smk_atv *v, struct smk_emit *out)
{
	int i = attr_index(v->oid);
	if (i < 0 || v->tag == 0x03)
		return SMK_NA;
	size_t n = chars(v);
	if ((long)n <= attrs[i].ub)
		return SMK_PASS;
	struct smk_arena *a = smk_emit_arena(out);
	return smk_failf(out, &v->value_loc, smk_printf(a, "at most %ld characters", attrs[i].ub),
			 smk_printf(a, "%zu characters", n), "%s is longer than its upper bound (%ld)", attrs[i].name,
			 attrs[i].ub);
}

static enum smk_status upper_bounds(const struct smk_cert *c, struct smk_emit *out)
{
	return each_atv(c, out, ub_one);
}

static enum smk_status dirstring_one(const struct smk_atv *v, struct smk_emit *out)
{
	int i = attr_index(v->oid);
	if (i < 0 || !attrs[i].directory_string)
		return SMK_NA;
	if (v->tag == 0x13 || v->tag == 0x0c)
		return SMK_PASS;
	const char *t = v->tag == 0x14 ? "TeletexString" : v->tag == 0x1e ? "BMPString"
			: v->tag == 0x1c ? "UniversalString" : v->tag == 0x16 ? "IA5String" : "another type";
	return smk_failf(out, &v->value_loc, "PrintableString or UTF8String", t, "%s is encoded as %s",
			 attrs[i].name, t);
}

static enum smk_status directory_string_type(const struct smk_cert *c, struct smk_emit *out)
{
	return each_atv(c, out, dirstring_one);
}

static bool printable_char(uint8_t ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       strchr(" '()+,-./:=?", ch) != NULL;
}

static enum smk_status charset_one(const struct smk_atv *v, struct smk_emit *out)
{
	if (v->tag != 0x13 && v->tag != 0x16)
		return SMK_NA;
	for (size_t i = 0; i < v->value.len; i++) {
		uint8_t ch = v->value.p[i];
		bool ok = v->tag == 0x13 ? ch != 0 && printable_char(ch) : ch < 0x80;
		if (!ok)
			return smk_failf(out, &v->value_loc,
					 v->tag == 0x13 ? "only PrintableString characters (A-Z a-z 0-9 space '()+,-./:=?)"
							: "only IA5 (7-bit) characters",
					 smk_printf(smk_emit_arena(out), "octet 0x%02x at position %zu", ch, i),
					 "a %s holds a character outside its alphabet",
					 v->tag == 0x13 ? "PrintableString" : "IA5String");
	}
	return SMK_PASS;
}

static enum smk_status string_charset(const struct smk_cert *c, struct smk_emit *out)
{
	return each_atv(c, out, charset_one);
}

static enum smk_status country_one(const struct smk_atv *v, struct smk_emit *out)
{
	if (v->id != SMK_OID_AT_C)
		return SMK_NA;
	if (v->tag == 0x13 && v->value.len == 2)
		return SMK_PASS;
	return smk_fail(out, &v->value_loc, "a PrintableString of two characters",
			smk_printf(smk_emit_arena(out), "tag 0x%02x, %zu octets", v->tag, v->value.len));
}

static enum smk_status country_format(const struct smk_cert *c, struct smk_emit *out)
{
	return each_atv(c, out, country_one);
}

static const struct smk_lint lints[] = {
	SMK_LINT("rfc5280.name.issuer_empty", ERROR, "RFC 5280", "RFC 5280 §4.1.2.4",
		 "the issuer field must contain a non-empty distinguished name", issuer_empty),
	SMK_LINT("rfc5280.name.empty_subject_without_san", ERROR, "RFC 5280", "RFC 5280 §4.1.2.6",
		 "a certificate with an empty subject must include a subjectAltName extension", empty_subject_without_san),
	SMK_LINT("rfc5280.name.empty_subject_san_not_critical", ERROR, "RFC 5280", "RFC 5280 §4.2.1.6",
		 "with an empty subject, the subjectAltName extension must be critical", empty_subject_san_not_critical),
	SMK_LINT_CSR_TOO("rfc5280.name.upper_bound", ERROR, "RFC 5280", "RFC 5280 Appendix A.1 (ub-*)",
		 "a name attribute is longer than its upper bound", upper_bounds),
	SMK_LINT_CSR_TOO("rfc5280.name.directory_string_type", WARNING, "RFC 5280", "RFC 5280 §4.1.2.4",
		 "DirectoryString attributes should be PrintableString or UTF8String (legacy encodings excepted)",
		 directory_string_type),
	SMK_LINT_CSR_TOO("rfc5280.name.string_charset", ERROR, "X.680", "X.680 §41.4 (PrintableString); §41.2 (IA5String)",
		 "a PrintableString or IA5String holds characters outside its alphabet", string_charset),
	SMK_LINT_CSR_TOO("rfc5280.name.country_format", ERROR, "RFC 5280", "RFC 5280 Appendix A.1 (X520countryName)",
		 "countryName must be a PrintableString of exactly two characters", country_format),
};

SMK_FAMILY(smk_family_names, "names", lints);
