/* The progress line (see progress.h). */
#include <stdio.h>
#include <time.h>

#include "progress.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, enum progress_mode mode, uint64_t total_bytes)
{
	p->enabled = mode != PROGRESS_OFF;
	p->forced = mode == PROGRESS_FORCED;
	p->drawn = false;
	p->start = p->last = now();
	p->certs = p->inputs = p->bytes = 0;
	p->total_bytes = total_bytes;
}

static void hms(char *buf, size_t n, double s)
{
	long t = (long)(s + 0.5);
	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static void draw(struct progress *p, bool final)
{
	double t = now();
	if (!final && ((!p->forced && t - p->start < 1.0) || (p->drawn && t - p->last < 0.2)))
		return;
	p->last = t;
	double el = t - p->start > 1e-3 ? t - p->start : 1e-3;
	char line[200], eta[64] = "", elapsed[32];
	hms(elapsed, sizeof(elapsed), el);
	if (p->total_bytes > 0 && p->bytes > 0 && p->bytes <= p->total_bytes) {
		double rate = (double)p->bytes / el;
		char left[32];
		hms(left, sizeof(left), (double)(p->total_bytes - p->bytes) / rate);
		snprintf(eta, sizeof(eta), " %3d%%  ETA %s", (int)(100.0 * (double)p->bytes / (double)p->total_bytes),
			 left);
	}
	snprintf(line, sizeof(line), "smkilint: %llu certificates, %llu inputs, %.0f/s, %s elapsed%s",
		 (unsigned long long)p->certs, (unsigned long long)p->inputs, (double)p->certs / el, elapsed, eta);
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	p->drawn = true;
}

void progress_bytes(struct progress *p, uint64_t n)
{
	p->bytes += n;
	if (p->enabled)
		draw(p, false);
}

void progress_cert(struct progress *p)
{
	p->certs++;
	if (p->enabled && (p->certs & 63) == 0)
		draw(p, false);
}

void progress_input(struct progress *p)
{
	p->inputs++;
	if (p->enabled)
		draw(p, false);
}

void progress_end(struct progress *p)
{
	if (p->enabled && p->forced) {
		draw(p, true);
		fputc('\n', stderr);
	} else if (p->enabled && p->drawn) {
		fputs("\r\033[K", stderr);
	}
	fflush(stderr);
	p->drawn = false;
}
