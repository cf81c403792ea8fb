/*
 * Pieces shared by the fuzz targets: one context for the whole run, the
 * shipped profiles (profiles/ of the source tree, loaded and finalized once),
 * a few sample certificates (examples/certs/), and reading every string of
 * a report so that a dangling pointer is caught by the sanitizers.
 *
 * Paths come from the build (FUZZ_SOURCE_ROOT); a target aborts at start-up
 * when they cannot be read, since it would then fuzz less than it says.
 */
#ifndef SMK_FUZZ_COMMON_H
#define SMK_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smkilint/smkilint.h"

/* The run's context (created on first use, freed at exit). */
smkilint_ctx *fuzz_ctx(void);

/* The shipped profiles, finalized (loaded on first use). */
const smkilint_profiles *fuzz_shipped_profiles(void);

/* The text of every file the shipped profiles directory loads (*.yaml
 * below profiles/, naming/ and registers/ aside), for targets that load
 * them again into a set of their own. */
size_t fuzz_shipped_count(void);
void fuzz_shipped_file(size_t i, const char **name, const char **text, size_t *len);

/* The DER of the sample certificates in examples/certs/ (sorted by name). */
size_t fuzz_sample_count(void);
void fuzz_sample(size_t i, const char **name, const uint8_t **der, size_t *len);

/* Read every string of every finding; abort when a finding points outside
 * the input (size: its length; 0 to skip that check). */
void fuzz_read_report(const smkilint_report *r, size_t size);

/* The first DER element of data: its total length (identifier, length and
 * contents octets), or 0 when no complete definite-length element starts
 * there; *hdr_len (may be NULL) receives the length of its header. */
size_t fuzz_der_element(const uint8_t *data, size_t size, size_t *hdr_len);

extern volatile size_t fuzz_sink;

#endif
