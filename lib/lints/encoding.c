/* DER encoding defects, found by the cursor walk at decode time (der.c) and
 * reported here, one lint per kind of defect, each with offset and path. */
#include "../smk.h"

static enum smk_status defects_of(const struct smk_cert *c, struct smk_emit *out,
				  enum smk_defect_kind kind)
{
	enum smk_status st = SMK_PASS;
	for (size_t i = 0; i < c->n_defects; i++) {
		const struct smk_defect *d = &c->defects[i];
		if (d->kind == kind)
			st = smk_fail(out, &d->loc, d->expected, d->found);
	}
	return st;
}

#define DEFECT_CHECK(fn, kind)                                                    \
	static enum smk_status fn(const struct smk_cert *c, struct smk_emit *out) \
	{                                                                         \
		return defects_of(c, out, kind);                                  \
	}

DEFECT_CHECK(length_not_minimal, SMK_DEF_LENGTH_NOT_MINIMAL)
DEFECT_CHECK(indefinite_length, SMK_DEF_INDEFINITE_LENGTH)
DEFECT_CHECK(tag_not_minimal, SMK_DEF_TAG_NOT_MINIMAL)
DEFECT_CHECK(integer_not_minimal, SMK_DEF_INTEGER_NOT_MINIMAL)
DEFECT_CHECK(integer_empty, SMK_DEF_INTEGER_EMPTY)
DEFECT_CHECK(boolean_not_canonical, SMK_DEF_BOOLEAN_NOT_CANONICAL)
DEFECT_CHECK(default_encoded, SMK_DEF_DEFAULT_ENCODED)
DEFECT_CHECK(bitstring_unused_bits, SMK_DEF_BITSTRING_BAD)
DEFECT_CHECK(named_bits_trailing_zero, SMK_DEF_NAMED_BITS_TRAILING_ZERO)
DEFECT_CHECK(time_format, SMK_DEF_TIME_FORMAT)
DEFECT_CHECK(set_not_sorted, SMK_DEF_SET_NOT_SORTED)
DEFECT_CHECK(trailing_data, SMK_DEF_TRAILING_DATA)
DEFECT_CHECK(constructed_string, SMK_DEF_CONSTRUCTED_STRING)
DEFECT_CHECK(null_not_empty, SMK_DEF_NULL_NOT_EMPTY)
DEFECT_CHECK(oid_not_minimal, SMK_DEF_OID_NOT_MINIMAL)
DEFECT_CHECK(encapsulated_malformed, SMK_DEF_ENCAPSULATED_BROKEN)
DEFECT_CHECK(limit_exceeded, SMK_DEF_LIMIT)

#define ENC(id_, sev_, cite_, desc_, fn_) \
	{.info = {.id = (id_), .severity = SMKILINT_SEV_##sev_, .source = "X.690", .citation = (cite_), \
		  .description = (desc_)}, .kinds = SMK_KIND_CERT_CSR, .check = (fn_), .on_undecoded = true}

static const struct smk_lint lints[] = {
	ENC("der.length_not_minimal", ERROR, "X.690 §10.1",
	    "a length is not in its shortest form (long form for fewer than 128 octets, or leading zero octets)",
	    length_not_minimal),
	ENC("der.indefinite_length", ERROR, "X.690 §10.1",
	    "an indefinite length (BER) where DER requires the definite form", indefinite_length),
	ENC("der.tag_not_minimal", ERROR, "X.690 §8.1.2",
	    "a tag number in high-tag-number form that fits the low form, or with a leading 0x80 octet",
	    tag_not_minimal),
	ENC("der.integer_not_minimal", ERROR, "X.690 §8.3.2",
	    "an INTEGER with a superfluous leading 0x00 or 0xFF octet", integer_not_minimal),
	ENC("der.integer_empty", ERROR, "X.690 §8.3.1", "an INTEGER with no contents octets", integer_empty),
	ENC("der.boolean_not_canonical", ERROR, "X.690 §11.1",
	    "a BOOLEAN that is not one octet of 0x00 (FALSE) or 0xFF (TRUE)", boolean_not_canonical),
	ENC("der.default_encoded", ERROR, "X.690 §11.5",
	    "a component equal to its DEFAULT value is encoded (critical FALSE, cA FALSE, version v1)",
	    default_encoded),
	ENC("der.bitstring_unused_bits", ERROR, "X.690 §8.6.2, §11.2.1",
	    "a BIT STRING whose unused-bits octet is above 7, non-zero when empty, or whose unused bits are not zero",
	    bitstring_unused_bits),
	ENC("der.named_bits_trailing_zero", ERROR, "X.690 §11.2.2",
	    "a named bit list (keyUsage) encoded with trailing zero bits", named_bits_trailing_zero),
	ENC("der.time_format", ERROR, "X.690 §11.7, §11.8",
	    "a UTCTime or GeneralizedTime that is not in the DER form (Z, seconds, no decimal comma) or not a valid date",
	    time_format),
	ENC("der.set_not_sorted", ERROR, "X.690 §11.6",
	    "the elements of a SET OF are not in ascending order of their encodings", set_not_sorted),
	ENC("der.trailing_data", ERROR, "X.690 §8.1.1; RFC 5280 §4.1",
	    "octets follow the certificate, or follow the DER inside an extension or signature value",
	    trailing_data),
	ENC("der.constructed_string", ERROR, "X.690 §10.2",
	    "a string type in constructed form, which DER forbids", constructed_string),
	ENC("der.null_not_empty", ERROR, "X.690 §8.8.2", "a NULL with contents octets", null_not_empty),
	ENC("der.oid_not_minimal", ERROR, "X.690 §8.19.2",
	    "an OBJECT IDENTIFIER with a sub-identifier padded by a leading 0x80 octet, or truncated",
	    oid_not_minimal),
	ENC("der.encapsulated_malformed", ERROR, "RFC 5280 §4.1, §4.1.1.3",
	    "the DER inside an extension value or the signature value is not well formed", encapsulated_malformed),
	{.info = {.id = "limit.exceeded", .severity = SMKILINT_SEV_WARNING, .source = "smkilint",
		  .citation = "smkilint README, Limits",
		  .description = "a resource limit of the linter was reached (nesting depth, name attributes, "
				 "extensions, names, policies, defects); what lies beyond it is not checked"},
	 .kinds = SMK_KIND_CERT_CSR, .check = limit_exceeded, .on_undecoded = true},
};

SMK_FAMILY(smk_family_encoding, "encoding", lints);
