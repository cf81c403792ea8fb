/*
 * Fuzz target: pre-issuance TBSCertificates as DER (smkilint_lint_tbs_der),
 * with no profile and with auto-detection over the shipped profiles. When
 * the input is itself a SEQUENCE whose first element is a SEQUENCE (a whole
 * certificate, as most seeds of the other targets are), that first element
 * is linted as a TBSCertificate too, so certificate seeds and corpora serve
 * this target as they are. The lints skipped for want of a signature are
 * read from every report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_ctx();
	fuzz_shipped_profiles();
	return 0;
}

static void lint(const smkilint_profile *p, const uint8_t *data, size_t size)
{
	smkilint_report *r = NULL;
	if (smkilint_lint_tbs_der(&r, fuzz_ctx(), p, data, size, "fuzz.tbs", 0) != 0)
		return;
	fuzz_read_report(r, size);
	/* smkilint.h: offsets count from the start of the TBS and paths start
	 * with "tbsCertificate": nothing points into the synthetic wrapper */
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (strncmp(f->path, "tbsCertificate", 14) != 0 ||
		    (f->has_offset && (f->offset > size || f->length > size - f->offset)))
			abort();
	}
	smkilint_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const smkilint_profile *autop = smkilint_profiles_auto(fuzz_shipped_profiles());
	lint(NULL, data, size);
	lint(autop, data, size);
	/* a whole certificate: its tbsCertificate, in a buffer of its own size */
	size_t hdr = 0, outer = fuzz_der_element(data, size, &hdr);
	if (outer > hdr && data[0] == 0x30 && data[hdr] == 0x30) {
		size_t inner = fuzz_der_element(data + hdr, outer - hdr, NULL);
		uint8_t *tbs = inner > 0 ? malloc(inner) : NULL;
		if (tbs != NULL) {
			memcpy(tbs, data + hdr, inner);
			lint(NULL, tbs, inner);
			lint(autop, tbs, inner);
			free(tbs);
		}
	}
	return 0;
}
