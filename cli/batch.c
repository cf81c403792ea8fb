/* The ordered pipeline (see batch.h). Jobs sit in a ring of `window` slots
 * numbered by three counters: head (the next to deliver), take (the next a
 * worker looks at) and tail (the next free slot); head <= tail and take
 * only moves forward. Workers take certificate jobs in push order, so the
 * job the main thread waits for is always being worked on or done. */
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
	bool closing;
	pthread_mutex_t mu;
	pthread_cond_t work_cv;  /* a job to take, or closing */
	pthread_cond_t done_cv;  /* a job was done */
	pthread_t *tids;
	int started;
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

void job_free(struct job *j)
{
	if (j == NULL)
		return;
	smkilint_report_free(j->report);
	free(j->input);
	free(j->der);
	free(j->error_message);
	free(j->lint_error);
	free(j);
}

struct worker_arg {
	struct batch *b;
	void *state;
};

static void *worker(void *p)
{
	struct worker_arg *wa = p;
	struct batch *b = wa->b;
	void *state = wa->state;
	free(wa);
	pthread_mutex_lock(&b->mu);
	for (;;) {
		if (b->take < b->head)
			b->take = b->head;   /* delivered already */
		while (b->take < b->tail && (b->ring[b->take % b->cap]->kind != JOB_CERT ||
					     b->ring[b->take % b->cap]->done))
			b->take++;
		if (b->take < b->tail) {
			struct job *j = b->ring[b->take % b->cap];
			b->take++;
			pthread_mutex_unlock(&b->mu);
			b->work(state, j);
			pthread_mutex_lock(&b->mu);
			j->done = true;
			pthread_cond_broadcast(&b->done_cv);
			continue;
		}
		if (b->closing)
			break;
		pthread_cond_wait(&b->work_cv, &b->mu);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
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
	if (b->ring == NULL || b->tids == NULL) {
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
		free(b->ring);
		free(b->tids);
		free(b);
		return NULL;
	}
	return b;
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
			pthread_cond_wait(&b->done_cv, &b->mu);
			continue;
		}
		b->ring[b->head % b->cap] = NULL;
		b->head++;
		wait = false;
		pthread_mutex_unlock(&b->mu);
		b->deliver(b->arg, j);
		job_free(j);
		pthread_mutex_lock(&b->mu);
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
	while (b->tail - b->head == b->cap)
		deliver_ready(b, true);
	j->done = j->kind != JOB_CERT;
	b->ring[b->tail % b->cap] = j;
	b->tail++;
	if (j->kind == JOB_CERT)
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
		free(b->ring);
		free(b->tids);
	}
	free(b);
}
