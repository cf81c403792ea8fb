/* A progress line on standard error for long batches: certificates done,
 * rate, and (when the total size of the inputs is known) percentage and
 * ETA. Drawn only when enabled (by default: standard error is a terminal
 * and standard output is not), from one second into the run, at most five
 * times a second; erased at the end. Forced (--progress): drawn from the
 * start, and the last state is left on its own line at the end. */
#ifndef SMKILINT_CLI_PROGRESS_H
#define SMKILINT_CLI_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

enum progress_mode { PROGRESS_OFF, PROGRESS_AUTO, PROGRESS_FORCED };

struct progress {
	bool enabled;
	bool forced;
	bool drawn;
	double start, last;
	uint64_t certs, inputs;
	uint64_t bytes, total_bytes;  /* total_bytes 0: unknown */
};

void progress_start(struct progress *p, enum progress_mode mode, uint64_t total_bytes);
void progress_bytes(struct progress *p, uint64_t n);
void progress_cert(struct progress *p);
void progress_input(struct progress *p);
void progress_end(struct progress *p);

#endif
