/* Internal declarations shared by the CI-gate additions (lib/stream.c,
 * lib/waivers.c) and the files they lean on (lib/input.c, lib/report.c). */
#ifndef SMK_GATE_H
#define SMK_GATE_H

#include "smk.h"

/* report.c: mark finding i (present now) as suppressed by w; w must outlive r. */
int smk_report_suppress(smkilint_report *r, size_t i, const smkilint_waiver *w);

/* input.c: what a PEM block with this label holds (enum smkilint_item_kind),
 * or -1 when it is not one smkilint takes. */
int smk_pem_label_kind(const uint8_t *label, size_t n);

#endif
