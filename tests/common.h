/*
 * Helpers shared by the criterion suites: linting bytes or a forged
 * certificate, finding one finding by lint id, reading files.
 */
#ifndef SMK_TEST_COMMON_H
#define SMK_TEST_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "forge.h"
#include "smk.h"

/* Lint DER with the whole pipeline and no profile; asserts success. */
smkilint_report *lint_bytes(smkilint_ctx *ctx, const uint8_t *der, size_t len);
smkilint_report *lint_forged(smkilint_ctx *ctx, struct fg_cert *c);

size_t count_id(const smkilint_report *r, const char *lint);
/* The one finding of that lint, or NULL (and the report is logged) when
 * there is none or more than one. */
const smkilint_finding *find_one(const smkilint_report *r, const char *lint);
/* Log every finding (shown by criterion when a test fails). */
void log_report(const smkilint_report *r);

/* The family (lib/lints_*.c) a built-in lint id belongs to, or NULL. */
const char *lint_family_of(const char *id);
/* Is family (may be NULL) one of list[0..n)? */
bool family_in(const char *family, const char *const *list, size_t n);

/* Decode into a fresh model; asserts smk_decode_cert returned 0. */
void decode(struct smk_cert *c, smkilint_ctx *ctx, const uint8_t *der, size_t len);

/* A whole file, malloc'ed (NULL when it cannot be read). */
uint8_t *read_file(const char *path, size_t *len);
/* The DER of the first certificate of a PEM file, malloc'ed; asserts. */
uint8_t *read_pem_cert(const char *path, size_t *len);

/* Parameters for a table of n cases: the indexes 0 .. n-1. Criterion hands
 * parameters to a worker process whose addresses differ (ASLR), so a case
 * table with pointers is passed by index and read from the worker's copy. */
size_t *case_indexes(size_t n);
struct criterion_test_params;
void free_case_indexes(struct criterion_test_params *p);

/* Which bytes of a forged node a finding must cover. */
enum at {
	AT_TLV,          /* the whole element */
	AT_HEADER,       /* identifier and length octets */
	AT_CONTENTS,     /* the contents octets */
	AT_FIRST_OCTET,  /* the first contents octet (a BIT STRING's unused-bits octet) */
	AT_LAST_OCTET,   /* the last contents octet */
	AT_START,        /* a point: where the structure breaks */
};
void expected_loc(const struct fg_node *n, enum at at, size_t *off, size_t *len);

/* Assert that r holds exactly one finding of lint at path and offset. */
#define assert_finding(r, lint_, path_, off_)                                              \
	do {                                                                               \
		const smkilint_finding *f_ = find_one((r), (lint_));                       \
		cr_assert(ne(ptr, (void *)f_, NULL), "exactly one %s finding", (lint_));    \
		cr_assert(eq(str, (char *)f_->path, (char *)(path_)), "path of %s", (lint_)); \
		cr_assert(eq(sz, f_->offset, (size_t)(off_)), "offset of %s", (lint_));    \
	} while (0)

#endif
