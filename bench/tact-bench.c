/*
 * tact-bench.c: throughput and latency of tact_check() on the generated
 * multilingual corpus (bench/README.md).
 *
 * usage: tact-bench [--mb N] [--lang L] [--no-builtin] [--pack FILE]...
 *                   [--seed N] [--repeat N]
 *        tact-bench --redos     time a hostile pack over 1 MB of 'a's
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "tact.h"

struct opts {
	double mb;
	const char *lang;
	int no_builtin;
	const char *packs[16];
	int npacks;
	unsigned long long seed;
	int repeat;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static tact_checker *build(const struct opts *o, double *seconds)
{
	tact_checker *c = NULL;
	double t0 = now();
	int k;

	if (tact_checker_new(&c, o->no_builtin ? TACT_CHECKER_NO_BUILTIN : 0)) {
		fprintf(stderr, "tact-bench: %s\n", tact_error_last());
		exit(2);
	}
	for (k = 0; k < o->npacks; k++)
		if (tact_checker_add_pack_file(c, o->packs[k])) {
			fprintf(stderr, "tact-bench: %s\n", tact_error_last());
			exit(2);
		}
	*seconds = now() - t0;
	return c;
}

static size_t check_one(const tact_checker *c, const tact_check_options *co,
                        const char *t, size_t n)
{
	tact_report *r = NULL;
	size_t count;

	if (tact_check(&r, c, t, n, co)) {
		fprintf(stderr, "tact-bench: %s\n", tact_error_last());
		exit(2);
	}
	count = tact_report_count(r);
	tact_report_free(r);
	return count;
}

static void run_messages(const tact_checker *c, const tact_check_options *co,
                         const struct corpus *cp, int repeat)
{
	double *lat = malloc(cp->count * sizeof *lat), t0, total;
	size_t k, findings = 0;
	int rep;

	if (!lat)
		exit(2);
	t0 = now();
	for (rep = 0; rep < repeat; rep++) {
		for (k = 0; k < cp->count; k++) {
			size_t s = cp->starts[k];
			size_t e = k + 1 < cp->count ? cp->starts[k + 1] : cp->len;
			double m0 = now();

			findings += check_one(c, co, cp->text + s, e - s);
			lat[k] = now() - m0;
		}
	}
	total = now() - t0;
	qsort(lat, cp->count, sizeof *lat, cmp_double);
	printf("messages: %zu x %d, %.1f MB, %zu findings\n", cp->count, repeat,
	       (double)cp->len * repeat / 1e6, findings);
	printf("throughput (message by message): %.1f MB/s, %.0f messages/s\n",
	       (double)cp->len * repeat / 1e6 / total,
	       (double)cp->count * repeat / total);
	printf("latency per message (avg %zu bytes): median %.2f us, p99 %.2f us, "
	       "max %.2f us\n", cp->len / cp->count, lat[cp->count / 2] * 1e6,
	       lat[cp->count * 99 / 100] * 1e6, lat[cp->count - 1] * 1e6);
	free(lat);
}

static void run_whole(const tact_checker *c, const tact_check_options *co,
                      const struct corpus *cp)
{
	double t0 = now(), t;
	size_t n = check_one(c, co, cp->text, cp->len);

	t = now() - t0;
	printf("throughput (one %.1f MB text): %.1f MB/s, %zu findings\n",
	       (double)cp->len / 1e6, (double)cp->len / 1e6 / t, n);
}

/* Catastrophic backtracking patterns over 1 MB of 'a's (sentences the
 * patterns cannot match end in '!'): how long one check takes. */
static int run_redos(void)
{
	static const char pack[] =
		"pack: hostile\nlanguage: en\nrules:\n"
		"  - {id: en.hostile.a, category: jargon, severity: hint, message: m,"
		" explanation: e, patterns: ['(a+)+$', '(a|a)+$', '(?:a|aa)+$',"
		" '(\\w+\\s?)+$']}\n";
	size_t n = (size_t)1 << 20, k;
	char *t = malloc(n);
	tact_checker *c = NULL;
	tact_check_options co = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;
	double t0, t1;
	int pass;

	if (!t || tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN) ||
	    tact_checker_add_pack_string(c, pack, sizeof pack - 1, "hostile"))
		return 2;
	co.language = "en";
	for (pass = 0; pass < 2; pass++) {
		memset(t, 'a', n);
		for (k = 3000; pass && k + 2 < n; k += 3002) {
			t[k] = '!';
			t[k + 1] = ' ';
		}
		t0 = now();
		if (tact_check(&r, c, t, n, &co))
			return 2;
		t1 = now();
		printf("hostile pack, 1 MB of 'a'%s: %.1f ms, status %s\n",
		       pass ? " in sentences ending in '!'" : "", (t1 - t0) * 1e3,
		       tact_strerror(tact_report_status(r)));
		tact_report_free(r);
	}
	tact_checker_free(c);
	free(t);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: tact-bench [--mb N] [--lang L] [--no-builtin] "
	                "[--pack FILE]... [--seed N] [--repeat N]\n");
	exit(2);
}

static void parse(int argc, char **argv, struct opts *o)
{
	int k;

	for (k = 1; k < argc; k++) {
		const char *a = argv[k];

		if (!strcmp(a, "--no-builtin"))
			o->no_builtin = 1;
		else if (k + 1 >= argc)
			usage();
		else if (!strcmp(a, "--mb"))
			o->mb = atof(argv[++k]);
		else if (!strcmp(a, "--lang"))
			o->lang = argv[++k];
		else if (!strcmp(a, "--seed"))
			o->seed = strtoull(argv[++k], NULL, 10);
		else if (!strcmp(a, "--repeat"))
			o->repeat = atoi(argv[++k]);
		else if (!strcmp(a, "--pack") && o->npacks < 16)
			o->packs[o->npacks++] = argv[++k];
		else
			usage();
	}
	if (o->mb <= 0 || o->repeat <= 0)
		usage();
}

int main(int argc, char **argv)
{
	struct opts o = { 20, "auto", 0, { 0 }, 0, 42, 1 };
	tact_check_options co = TACT_CHECK_OPTIONS_INIT;
	struct corpus cp;
	double builds[5], dummy;
	tact_checker *c;
	int k;

	if (argc == 2 && !strcmp(argv[1], "--redos"))
		return run_redos();
	parse(argc, argv, &o);
	co.language = o.lang;
	for (k = 0; k < 5; k++) {
		tact_checker_free(build(&o, &builds[k]));
	}
	qsort(builds, 5, sizeof builds[0], cmp_double);
	c = build(&o, &dummy);
	printf("tact %s, %zu rules, checker built in %.2f ms (median of 5)\n",
	       tact_version(), tact_checker_rule_count(c), builds[2] * 1e3);
	if (corpus_generate(&cp, (size_t)(o.mb * 1e6), o.seed)) {
		fprintf(stderr, "tact-bench: out of memory\n");
		return 2;
	}
	run_messages(c, &co, &cp, o.repeat);
	run_whole(c, &co, &cp);
	corpus_free(&cp);
	tact_checker_free(c);
	return 0;
}
