/*
 * helper.c: the C side of the Python binding's benchmark (bench.py), a
 * small shared library that bench.py loads with ctypes, so that C and
 * Python are timed in the same process, one after the other:
 *
 *   tpb_corpus(mb, seed, buf, cap)
 *       the messages of bench/corpus.c, one a line, into buf; returns the
 *       length (call with cap 0 to learn it)
 *   tpb_check_ns(text, len, n)
 *       ns per tact_check() + tact_report_free() of text (n calls, after
 *       n/10 to warm up), as the Python call does it
 *   tpb_messages_per_second(text, len, threads)
 *       check every line of text as one message, on threads threads
 *       sharing one checker (thread k takes lines k, k+threads...)
 *
 * They share one checker with the built-in packs, built on first use,
 * outside the timed part. ctypes releases the GIL while they run.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L  /* clock_gettime() */
#endif
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "tact.h"

size_t tpb_corpus(double mb, unsigned long long seed, char *buf, size_t cap);
double tpb_check_ns(const char *text, size_t len, long n);
double tpb_messages_per_second(const char *text, size_t len, int threads);

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static tact_checker *checker(void)
{
	static tact_checker *c;  /* a benchmark's one checker, never freed */

	if (!c && tact_checker_new(&c, TACT_CHECKER_DEFAULT))
		c = NULL;
	return c;
}

/* One check, as tact-bench and the binding do it; -1 on error. */
static long check_one(const tact_checker *c, const char *t, size_t n)
{
	tact_report *r = NULL;
	long count;

	if (tact_check(&r, c, t, n, NULL))
		return -1;
	count = (long)tact_report_count(r);
	tact_report_free(r);
	return count;
}

size_t tpb_corpus(double mb, unsigned long long seed, char *buf, size_t cap)
{
	struct corpus cp;
	size_t len;

	if (corpus_generate(&cp, (size_t)(mb * 1e6), (uint64_t)seed))
		return 0;
	len = cp.len;
	if (buf && cap >= len)
		memcpy(buf, cp.text, len);
	corpus_free(&cp);
	return len;
}

double tpb_check_ns(const char *text, size_t len, long n)
{
	const tact_checker *c = checker();
	double t0;
	long k;

	if (!c || n <= 0)
		return -1;
	for (k = 0; k < n / 10; k++)
		check_one(c, text, len);
	t0 = now();
	for (k = 0; k < n; k++)
		check_one(c, text, len);
	return (now() - t0) / (double)n * 1e9;
}

struct worker {
	pthread_t thread;
	const tact_checker *checker;
	const char *const *starts;  /* of each line; starts[count] = the end */
	size_t count, first, step;
	int failed;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	size_t k;

	for (k = w->first; k < w->count; k += w->step)
		if (check_one(w->checker, w->starts[k],
		              (size_t)(w->starts[k + 1] - w->starts[k])) < 0)
			w->failed = 1;
	return NULL;
}

double tpb_messages_per_second(const char *text, size_t len, int threads)
{
	const char **starts = malloc((len + 2) * sizeof *starts);
	const tact_checker *c = checker();
	struct worker w[64];
	size_t count = 0, i;
	double t0, t;
	int k, failed = 0, started = 0;

	if (!starts || !c || threads < 1 || threads > 64) {
		free(starts);
		return -1;
	}
	for (i = 0; i < len; i++)  /* each line, with its '\n' */
		if (i == 0 || text[i - 1] == '\n')
			starts[count++] = text + i;
	starts[count] = text + len;
	t0 = now();
	for (k = 0; k < threads; k++) {
		w[k] = (struct worker){ .checker = c, .starts = starts,
		                        .count = count, .first = (size_t)k,
		                        .step = (size_t)threads };
		if (pthread_create(&w[k].thread, NULL, work, &w[k]))
			break;
		started++;
	}
	for (k = 0; k < started; k++) {
		pthread_join(w[k].thread, NULL);
		failed |= w[k].failed;
	}
	t = now() - t0;
	free(starts);
	return failed || started < threads ? -1 : (double)count / t;
}
