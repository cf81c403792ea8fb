/* Output formats of the smkilint program: the library returns reports, these
 * functions only format them. */
#ifndef SMKILINT_CLI_OUTPUT_H
#define SMKILINT_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "smkilint/smkilint.h"

enum out_format { OUT_TEXT, OUT_JSON, OUT_JSONL };

struct out_totals {
	size_t inputs;
	size_t certs;
	size_t certs_with_findings;
	size_t by_sev[SMKILINT_SEV_FATAL + 1];
	size_t unreadable;
};

struct out {
	FILE *f;
	enum out_format format;
	bool colour;
	bool verbose;            /* text: also list certificates without findings */
	bool first;              /* json: no result written yet */
	struct out_totals totals;
};

void out_begin(struct out *o);
/* Write one certificate's report; returns 0 or -1 on a write error. */
int out_report(struct out *o, const smkilint_report *r);
void out_end(struct out *o);

#endif
