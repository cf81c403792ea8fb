/* smkilint inventory: counts over the certificates of a run, by profile,
 * role, key usage, issuer, CA key, Entity Identifier, environment, year and
 * lint id. Reports arrive one at a time (the lint pipeline of cmd_lint.c);
 * only one counter row per distinct group is kept, never a certificate. */
#ifndef SMKILINT_CLI_INVENTORY_H
#define SMKILINT_CLI_INVENTORY_H

#include <stdio.h>

#include "output.h"
#include "smkilint/smkilint.h"

enum inv_format { INV_TEXT, INV_JSON, INV_CSV };

struct inventory;

/* by: "FIELD[,FIELD]..." (NULL: one table per field). NULL on a bad
 * field (said on stderr) or no memory. */
struct inventory *inventory_new(const char *by);
int inventory_parse_format(enum inv_format *f, const char *s);
void inventory_input(struct inventory *inv);
/* Count one report; o says which findings are shown (--min-severity,
 * --ignore). Returns 0 or -1 (no memory). */
int inventory_add(struct inventory *inv, const smkilint_report *r, const struct out *o);
/* Print the tables; unreadable: inputs that could not be read. */
int inventory_print(struct inventory *inv, FILE *f, enum inv_format fmt, size_t unreadable);
void inventory_free(struct inventory *inv);

#endif
