/* The ordered pipeline (see batch.h). Jobs sit in a ring of `window` slots
 * numbered by three counters: head (the next to deliver), take (the next a
 * worker looks at) and tail (the next free slot); head <= tail and take
 * only moves forward. Workers take certificate jobs in push order, so the
 * job the main thread waits for is always being worked on or done, and a
 * worker wakes the main thread only when it finishes that very job. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"

struct batch {
	int threads;
	batch_work_fn work;
	batch_deliver_fn deliver;
	void *arg;
	void **states;
	struct job **ring;
	size_t cap;
	size_t head, take, tail;
	size_t wait_seq;         /* the job the main thread waits for, when waiting */
	bool waiting;
	int idle;                /* workers waiting for a job */
	bool closing;
	pthread_mutex_t mu;
	pthread_cond_t work_cv;  /* a job to take, or closing */
	pthread_cond_t done_cv;  /* a job was done */
	pthread_t *tids;
	int started;
	struct bin *bins;        /* per worker: results of delivered jobs, to be freed by it */
};

/* Results handed back to the worker that made them. At most `cap` jobs are
 * in flight, so a bin never holds more than cap results. */
struct bin {
	struct job_result *r;
	size_t n;
	struct job_result *spare;   /* the worker frees from here, without the lock */
};

struct job *job_new(enum job_kind kind, const char *input)
{
	struct job *j = calloc(1, sizeof(*j));
	if (j == NULL)
		return NULL;
	j->kind = kind;
	j->input = strdup(input);
	if (j->input == NULL) {
		free(j);
		return NULL;
	}
	return j;
}

void job_result_free(struct job_result *r)
{
	smkilint_report_free(r->report);
	free(r->text);
	free(r->lint_error);
	free(r->pem_der);
	free(r->pem_message);
	memset(r, 0, sizeof(*r));
}

void job_free(struct job *j)
{
	if (j == NULL)
		return;
	job_result_free(&j->res);
	free(j->input);
	free(j->der);
	free(j->pem);
	free(j->pem_label);
	free(j->error_message);
	free(j);
}

struct worker_arg {
	struct batch *b;
	void *state;
	int index;
};

/* Take the bin's results (lock held), to free them without it. */
static size_t take_bin(struct bin *bin)
{
	size_t n = bin->n;
	struct job_result *full = bin->r;
	bin->r = bin->spare;
	bin->spare = full;
	bin->n = 0;
	return n;
}

/* A worker takes up to TAKE_MAX jobs at a time: one lock for several
 * certificates, so that the lock is not fought over once per certificate. */
#define TAKE_MAX 8

static void *worker(void *p)
{
	struct worker_arg *wa = p;
	struct batch *b = wa->b;
	void *state = wa->state;
	int index = wa->index;
	struct bin *bin = &b->bins[index];
	free(wa);
	struct job *mine[TAKE_MAX];
	size_t seqs[TAKE_MAX];
	pthread_mutex_lock(&b->mu);
	for (;;) {
		size_t n_free = take_bin(bin);
		if (n_free > 0) {
			pthread_mutex_unlock(&b->mu);
			for (size_t i = 0; i < n_free; i++)
				job_result_free(&bin->spare[i]);
			pthread_mutex_lock(&b->mu);
		}
		if (b->take < b->head)
			b->take = b->head;   /* delivered already */
		size_t n = 0;
		for (; b->take < b->tail && n < TAKE_MAX; b->take++) {
			struct job *j = b->ring[b->take % b->cap];
			if (j->kind == JOB_CERT && !j->done) {
				mine[n] = j;
				seqs[n++] = b->take;
			}
		}
		if (n > 0) {
			pthread_mutex_unlock(&b->mu);
			for (size_t i = 0; i < n; i++) {
				mine[i]->worker = index;
				b->work(state, mine[i]);
			}
			pthread_mutex_lock(&b->mu);
			for (size_t i = 0; i < n; i++) {
				mine[i]->done = true;
				if (b->waiting && b->wait_seq == seqs[i])
					pthread_cond_signal(&b->done_cv);
			}
			continue;
		}
		if (b->closing)
			break;
		b->idle++;
		pthread_cond_wait(&b->work_cv, &b->mu);
		b->idle--;
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

/* After the workers stopped: what is left in the bins, and the bins. */
static void free_bins(struct batch *b)
{
	for (int i = 0; b->bins != NULL && i < b->threads; i++) {
		for (size_t k = 0; b->bins[i].r != NULL && k < b->bins[i].n; k++)
			job_result_free(&b->bins[i].r[k]);
		free(b->bins[i].r);
		free(b->bins[i].spare);
	}
	free(b->bins);
	b->bins = NULL;
}

struct batch *batch_new(int threads, size_t window, batch_work_fn work, void **states, batch_deliver_fn deliver,
			void *arg)
{
	struct batch *b = calloc(1, sizeof(*b));
	if (b == NULL)
		return NULL;
	b->threads = threads < 1 ? 1 : threads;
	b->work = work;
	b->deliver = deliver;
	b->arg = arg;
	b->states = states;
	if (b->threads == 1)
		return b;
	b->cap = window < 2 ? 2 : window;
	b->ring = calloc(b->cap, sizeof(*b->ring));
	b->tids = calloc((size_t)b->threads, sizeof(*b->tids));
	b->bins = calloc((size_t)b->threads, sizeof(*b->bins));
	bool ok = b->ring != NULL && b->tids != NULL && b->bins != NULL;
	for (int i = 0; ok && i < b->threads; i++) {
		b->bins[i].r = calloc(b->cap, sizeof(struct job_result));
		b->bins[i].spare = calloc(b->cap, sizeof(struct job_result));
		ok = b->bins[i].r != NULL && b->bins[i].spare != NULL;
	}
	if (!ok) {
		free_bins(b);
		free(b->ring);
		free(b->tids);
		free(b);
		return NULL;
	}
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->work_cv, NULL);
	pthread_cond_init(&b->done_cv, NULL);
	for (int i = 0; i < b->threads; i++) {
		struct worker_arg *wa = malloc(sizeof(*wa));
		if (wa == NULL)
			break;
		wa->b = b;
		wa->state = states[i];
		wa->index = i;
		if (pthread_create(&b->tids[i], NULL, worker, wa) != 0) {
			free(wa);
			break;
		}
		b->started++;
	}
	if (b->started == 0) {
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->work_cv);
		pthread_cond_destroy(&b->done_cv);
		free_bins(b);
		free(b->ring);
		free(b->tids);
		free(b);
		return NULL;
	}
	return b;
}

/* Wait until job seq (head <= seq < tail) is done; a worker wakes the
 * main thread only for that job. Called with the lock held. */
static void wait_done(struct batch *b, size_t seq)
{
	struct job *j = b->ring[seq % b->cap];
	b->wait_seq = seq;
	b->waiting = true;
	while (!j->done)
		pthread_cond_wait(&b->done_cv, &b->mu);
	b->waiting = false;
}

/* Deliver done jobs from the head; with wait, first wait until the head job
 * is done. Called with the lock held; delivers without it. */
static void deliver_ready(struct batch *b, bool wait)
{
	for (;;) {
		if (b->head == b->tail)
			return;
		struct job *j = b->ring[b->head % b->cap];
		if (!j->done) {
			if (!wait)
				return;
			wait_done(b, b->head);
			continue;
		}
		b->ring[b->head % b->cap] = NULL;
		b->head++;
		wait = false;
		pthread_mutex_unlock(&b->mu);
		b->deliver(b->arg, j);
		struct job_result res = j->res;
		int w = j->kind == JOB_CERT ? j->worker : -1;
		memset(&j->res, 0, sizeof(j->res));
		job_free(j);
		pthread_mutex_lock(&b->mu);
		if (w >= 0 && b->bins[w].n < b->cap)
			b->bins[w].r[b->bins[w].n++] = res;   /* freed by the worker that made it */
		else
			job_result_free(&res);
	}
}

void batch_push(struct batch *b, struct job *j)
{
	if (b->threads == 1) {
		if (j->kind == JOB_CERT)
			b->work(b->states[0], j);
		b->deliver(b->arg, j);
		job_free(j);
		return;
	}
	pthread_mutex_lock(&b->mu);
	/* A full window: wait until half of it is done, not just the head job,
	 * so that the main thread sleeps once per half window, not once per
	 * certificate (workers take jobs in order: when the job half a window
	 * ahead is done, those before it are done or nearly). */
	while (b->tail - b->head == b->cap) {
		wait_done(b, b->head + b->cap / 2);
		wait_done(b, b->head);
		deliver_ready(b, false);
	}
	j->done = j->kind != JOB_CERT;
	b->ring[b->tail % b->cap] = j;
	b->tail++;
	if (j->kind == JOB_CERT && b->idle > 0)
		pthread_cond_signal(&b->work_cv);
	deliver_ready(b, false);
	pthread_mutex_unlock(&b->mu);
}

void batch_finish(struct batch *b)
{
	if (b == NULL)
		return;
	if (b->threads > 1) {
		pthread_mutex_lock(&b->mu);
		while (b->head != b->tail)
			deliver_ready(b, true);
		b->closing = true;
		pthread_cond_broadcast(&b->work_cv);
		pthread_mutex_unlock(&b->mu);
		for (int i = 0; i < b->started; i++)
			pthread_join(b->tids[i], NULL);
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->work_cv);
		pthread_cond_destroy(&b->done_cv);
		free_bins(b);
		free(b->ring);
		free(b->tids);
	}
	free(b);
}
