/* An ordered pipeline: the main thread pushes jobs in input order, N worker
 * threads lint the certificate jobs, and the main thread gets every job back
 * in the order it was pushed. At most `window` jobs are in flight (a bounded
 * reorder window), so memory does not grow with the length of the batch.
 * With one thread there are no workers: each job is done and delivered as
 * it is pushed. */
#ifndef SMKILINT_CLI_BATCH_H
#define SMKILINT_CLI_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "smkilint/smkilint.h"

enum job_kind {
	JOB_INPUT_BEGIN,         /* an input starts (a file was opened) */
	JOB_CERT,                /* one item of the input, to lint */
	JOB_INPUT_ERROR,         /* the input, or the rest of it, cannot be read */
	JOB_INPUT_END,
};

struct job {
	enum job_kind kind;
	char *input;             /* the input's name (each job owns a copy) */
	smkilint_item item;      /* JOB_CERT: der and error_message point to the copies below */
	uint8_t *der;
	char *error_message;     /* JOB_CERT: the item's; JOB_INPUT_ERROR: why */
	smkilint_report *report; /* set by the worker */
	char *lint_error;        /* set by the worker when linting failed */
	bool done;
};

/* Work on a job in a worker (state: that worker's, e.g. its context). */
typedef void (*batch_work_fn)(void *state, struct job *j);
/* Take a job back, in push order, on the main thread. */
typedef void (*batch_deliver_fn)(void *arg, struct job *j);

struct batch;

/* states: one per thread (threads >= 1). Returns NULL when threads cannot start. */
struct batch *batch_new(int threads, size_t window, batch_work_fn work, void **states, batch_deliver_fn deliver,
			void *arg);
/* Push a job (the batch owns it from now on); may deliver earlier jobs, and
 * waits while the window is full. */
void batch_push(struct batch *b, struct job *j);
/* Deliver every job left, stop the workers, free the batch. */
void batch_finish(struct batch *b);

struct job *job_new(enum job_kind kind, const char *input);
void job_free(struct job *j);

#endif
