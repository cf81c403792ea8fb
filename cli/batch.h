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

/* What a worker makes for a job. The thread that allocates memory frees it:
 * a worker's results go back to that worker to be freed (glibc's malloc is
 * slow when threads free each other's memory: each such free takes the
 * other thread's arena lock). */
struct job_result {
	smkilint_report *report;
	char *text;              /* the report as written (out_render), or NULL */
	char *lint_error;        /* linting failed */
	uint8_t *pem_der;        /* a deferred PEM block, decoded (item.der points here) */
	char *pem_message;       /* ... or why it does not decode (item.error_message) */
};

struct job {
	/* set by the main thread */
	enum job_kind kind;
	char *input;             /* the input's name (each job owns a copy) */
	smkilint_item item;      /* JOB_CERT: der, pem, pem_label and error_message point to the copies below */
	uint8_t *der;
	uint8_t *pem;            /* a PEM block the worker decodes (smkilint_stream_defer_pem) */
	char *pem_label;
	char *error_message;     /* JOB_CERT: the item's; JOB_INPUT_ERROR: why */
	/* set by the worker */
	struct job_result res;
	int worker;              /* which worker (-1: the main thread) */
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
/* Free a job and its results (on the thread that made them). */
void job_free(struct job *j);
void job_result_free(struct job_result *r);

#endif
