/*
 * Fuzz target: the bounded DER cursor (smk_der_get_any, walked recursively
 * with its invariants checked), the encoding pass (smk_der_check_cert and
 * smk_der_locate on a zeroed struct smk_cert) and the time grammar.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smk.h"

/* Every TLV the cursor returns lies inside the bytes it was given. */
static void walk(const uint8_t *base, size_t size, struct smk_der d, int depth)
{
	while (d.len > 0) {
		struct smk_der before = d;
		struct smk_tlv t;
		if (smk_der_get_any(&d, &t) != SMK_DER_OK) {
			if (memcmp(&before, &d, sizeof(d)) != 0)
				abort();   /* a failed read must not move the cursor */
			return;
		}
		if (t.body.p < base || t.len > size || t.body.p + t.len > base + size ||
		    t.body.off != (size_t)(t.body.p - base) || t.off + t.hdr_len != t.body.off ||
		    d.off != t.body.off + t.len || d.len >= before.len)
			abort();
		if ((t.id & 0x20) && depth < 64)
			walk(base, size, t.body, depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smk_der d;
	smk_der_init(&d, data, size, 0);
	walk(data, size, d, 0);

	struct smk_cert c;
	memset(&c, 0, sizeof(c));
	smk_arena_init(&c.arena);
	c.der.p = data;
	c.der.len = size;
	struct smk_loc fatal = {0, 0, "certificate"};
	const char *why = NULL;
	bool sound = smk_der_check_cert(&c, &fatal, &why);
	if (c.der.len > size || (!sound && why == NULL) || c.n_defects > c.cap_defects)
		abort();
	for (size_t i = 0; i < c.n_defects; i++)
		if (c.defects[i].loc.off > size || c.defects[i].loc.len > size)
			abort();
	struct smk_loc best = {0, 0, NULL};
	smk_der_locate(&c, "tbsCertificate.extensions[0].extnValue", &best);
	smk_cert_free(&c);

	if (size > 0) {
		struct smk_time tm;
		memset(&tm, 0, sizeof(tm));
		smk_time_parse(&tm, (data[0] & 1) ? 0x17 : 0x18, data + 1, size - 1);
	}
	return 0;
}
