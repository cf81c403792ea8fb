/* Findings the pipeline reports itself when there is no certificate to lint,
 * or about the profile it uses: declared here so that they are listed and
 * explained like every lint. */
#include "../smk.h"

static const struct smk_lint lints[] = {
	SMK_LINT_CSR_TOO("input.not_certificate", FATAL, "smkilint", "RFC 7468 §5; RFC 5280 §4.1",
		 "the input holds no certificate: neither a PEM CERTIFICATE block nor DER starting with a SEQUENCE",
		 NULL),
	SMK_LINT_CSR_TOO("pem.bad_base64", FATAL, "RFC 7468", "RFC 7468 §3",
		 "a PEM CERTIFICATE block whose base64 text does not decode", NULL),
	SMK_LINT_CSR_TOO("pem.unterminated", FATAL, "RFC 7468", "RFC 7468 §2",
		 "a PEM BEGIN line without its END line", NULL),
	SMK_LINT_CSR_TOO("der.decode_failed", FATAL, "RFC 5280", "RFC 5280 §4.1; X.690 §8.1",
		 "the certificate cannot be decoded as an X.509 Certificate; the finding says where decoding stopped",
		 NULL),
	SMK_LINT_CSR_TOO("profile.none_matched", WARNING, "smkilint", "docs/profiles.md, Auto-detection",
		 "auto-detection found no SMKI profile for the certificate; only the generic lints ran", NULL),
	SMK_LINT_CSR_TOO("profile.kind_mismatch", WARNING, "smkilint", "docs/profiles.md, CSRs",
		 "the profile chosen is for certificates and the input is a certification request (PKCS #10), or the reverse",
		 NULL),
};

SMK_FAMILY(smk_family_input, "input", lints);
