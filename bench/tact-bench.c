/*
 * tact-bench.c: throughput and latency of tact_check() on the generated
 * multilingual corpus (bench/README.md).
 *
 * usage: tact-bench [--mb N] [--lang L] [--no-builtin] [--pack FILE]...
 *                   [--seed N] [--repeat N] [--no-warmup] [--json]
 *        tact-bench [--mb N] [--seed N] --dump FILE | --dump-jsonl FILE
 *        tact-bench --redos     time a hostile pack over 1 MB of 'a's
 *        tact-bench --long      every example of the packs as 32 KB of one
 *                               sentence each
 *
 * The messages are checked once before anything is timed (patterns are
 * JIT-compiled on their first uses), unless --no-warmup; then once for
 * the throughput, and once more, each message timed, for the latencies.
 * Then the corpus is checked as one text (in the one language detected for
 * all of it, with --lang auto), and as one text per language: each
 * language's messages one after another, checked in that language; the
 * best of three passes of each.
 *
 * --json prints the figures as one JSON object; --dump writes the corpus
 * (one message a line: messages never hold a line break) and --dump-jsonl
 * the same messages as {"id","text"} lines for `tact check --input jsonl`,
 * then exit without checking.
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
	int json;
	int no_warmup;
	const char *dump;
	const char *dump_jsonl;
};

/* What one run measured. */
struct result {
	size_t rules;
	double build_s;         /* median of 5 */
	size_t messages, bytes, findings;
	int repeat;
	int warmup;             /* the messages were checked once untimed */
	double msg_s;           /* all messages, message by message */
	double lat_med, lat_p99, lat_max;
	double whole_s;         /* the corpus as one text */
	size_t whole_findings;
	double bylang_s;        /* one text per language */
	size_t bylang_findings;
	size_t nlangs;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Say what went wrong and exit with status 2. */
static void die(const char *what)
{
	fprintf(stderr, "tact-bench: %s\n", what);
	exit(2);
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

	if (tact_checker_new(&c, o->no_builtin ? TACT_CHECKER_NO_BUILTIN : 0))
		die(tact_error_last());
	for (k = 0; k < o->npacks; k++)
		if (tact_checker_add_pack_file(c, o->packs[k]))
			die(tact_error_last());
	*seconds = now() - t0;
	return c;
}

static size_t check_one(const tact_checker *c, const tact_check_options *co,
                        const char *t, size_t n)
{
	tact_report *r = NULL;
	size_t count;

	if (tact_check(&r, c, t, n, co))
		die(tact_error_last());
	count = tact_report_count(r);
	tact_report_free(r);
	return count;
}

/* Every message once; the findings. */
static size_t check_all(const tact_checker *c, const tact_check_options *co,
                        const struct corpus *cp)
{
	size_t k, findings = 0;

	for (k = 0; k < cp->count; k++) {
		size_t s = cp->starts[k];
		size_t e = corpus_end(cp, k);

		findings += check_one(c, co, cp->text + s, e - s);
	}
	return findings;
}

/* The latency of every message, sorted, into res. */
static void time_each(const tact_checker *c, const tact_check_options *co,
                      const struct corpus *cp, struct result *res)
{
	size_t n = cp->count * (size_t)res->repeat, k, i = 0;
	double *lat = malloc(n * sizeof *lat);
	int rep;

	if (!lat)
		die("out of memory");
	for (rep = 0; rep < res->repeat; rep++)
		for (k = 0; k < cp->count; k++) {
			size_t s = cp->starts[k];
			size_t e = corpus_end(cp, k);
			double m0 = now();

			check_one(c, co, cp->text + s, e - s);
			lat[i++] = now() - m0;
		}
	qsort(lat, n, sizeof *lat, cmp_double);
	res->lat_med = lat[n / 2];
	res->lat_p99 = lat[n * 99 / 100];
	res->lat_max = lat[n - 1];
	free(lat);
}

/* Throughput without a clock read per message (two cost 3% of a 1.7 us
 * check), then the latencies. */
static void run_messages(const tact_checker *c, const tact_check_options *co,
                         const struct corpus *cp, struct result *res)
{
	double t0;
	int rep;

	if (res->warmup)
		check_all(c, co, cp);
	t0 = now();
	for (rep = 0; rep < res->repeat; rep++)
		res->findings += check_all(c, co, cp);
	res->msg_s = now() - t0;
	time_each(c, co, cp, res);
}

/* Passes over the corpus as a long text; the best one counts (one pass
 * takes tens of milliseconds, which one slow moment of a busy machine
 * would change). */
enum { TEXT_PASSES = 3 };

static void run_whole(const tact_checker *c, const tact_check_options *co,
                      const struct corpus *cp, struct result *res)
{
	int pass;

	for (pass = 0; pass < TEXT_PASSES; pass++) {
		double t0 = now(), dt;

		res->whole_findings = check_one(c, co, cp->text, cp->len);
		dt = now() - t0;
		if (!pass || dt < res->whole_s)
			res->whole_s = dt;
	}
}

/* The messages of one language, one after another. */
struct lang_text {
	const char *lang;
	char *text;
	size_t len;
};

enum { MAX_LANGS = 16 };

/* The group of language l in g[0..*n), added when new. */
static size_t group_of(struct lang_text *g, size_t *n, const char *l)
{
	size_t j;

	for (j = 0; j < *n && strcmp(g[j].lang, l); j++)
		;
	if (j == *n) {
		if (*n == MAX_LANGS)
			die("too many languages");
		g[j].lang = l;
		g[j].text = NULL;
		g[j].len = 0;
		(*n)++;
	}
	return j;
}

/* Group the messages by the language each is detected as (or all under
 * lang when one is asked for); returns the number of groups. */
static size_t group_by_language(const struct corpus *cp, const char *lang,
                                struct lang_text *g)
{
	int detect = !lang || !strcmp(lang, "auto");
	size_t *of = malloc(cp->count * sizeof *of), k, n = 0;

	if (!of && cp->count)
		die("out of memory");
	for (k = 0; k < cp->count; k++) {
		const char *t = cp->text + cp->starts[k];
		size_t len = corpus_end(cp, k) - cp->starts[k];
		const char *l = detect ? tact_detect_language(t, len) : lang;

		if (!l)
			die(tact_error_last());
		of[k] = group_of(g, &n, l);
		g[of[k]].len += len;
	}
	for (k = 0; k < n; k++) {
		if (!(g[k].text = malloc(g[k].len)))
			die("out of memory");
		g[k].len = 0;
	}
	for (k = 0; k < cp->count; k++) {
		struct lang_text *t = &g[of[k]];
		size_t len = corpus_end(cp, k) - cp->starts[k];

		memcpy(t->text + t->len, cp->text + cp->starts[k], len);
		t->len += len;
	}
	free(of);
	return n;
}

/* Each language's messages as one text checked in that language: what
 * the corpus as one text measures when the messages differ in language
 * (one text is checked in the one language detected for all of it). */
static void run_by_language(const tact_checker *c,
                            const tact_check_options *co,
                            const struct corpus *cp, struct result *res)
{
	struct lang_text g[MAX_LANGS];
	tact_check_options lo = *co;
	size_t n = group_by_language(cp, co->language, g), k;
	int pass;

	res->nlangs = n;
	for (pass = 0; pass < TEXT_PASSES; pass++) {
		double t0 = now(), dt;

		res->bylang_findings = 0;
		for (k = 0; k < n; k++) {
			lo.language = g[k].lang;
			res->bylang_findings += check_one(c, &lo, g[k].text,
			                                  g[k].len);
		}
		dt = now() - t0;
		if (!pass || dt < res->bylang_s)
			res->bylang_s = dt;
	}
	for (k = 0; k < n; k++)
		free(g[k].text);
}

static void print_text(const struct result *r)
{
	double mb = (double)r->bytes * r->repeat / 1e6;

	printf("tact %s, %zu rules, checker built in %.2f ms (median of 5)\n",
	       tact_version(), r->rules, r->build_s * 1e3);
	printf("messages: %zu x %d, %.1f MB, %zu findings%s\n", r->messages,
	       r->repeat, mb, r->findings,
	       r->warmup ? " (after one pass untimed)" : " (no warm-up)");
	printf("throughput (message by message): %.1f MB/s, %.0f messages/s\n",
	       mb / r->msg_s, (double)r->messages * r->repeat / r->msg_s);
	printf("latency per message (avg %zu bytes): median %.2f us, p99 %.2f us, "
	       "max %.2f us\n", r->bytes / r->messages, r->lat_med * 1e6,
	       r->lat_p99 * 1e6, r->lat_max * 1e6);
	printf("throughput (one %.1f MB text, checked in one language): "
	       "%.1f MB/s, %zu findings\n", (double)r->bytes / 1e6,
	       (double)r->bytes / 1e6 / r->whole_s, r->whole_findings);
	printf("throughput (one text per language, %zu texts): %.1f MB/s, "
	       "%zu findings\n", r->nlangs, (double)r->bytes / 1e6 / r->bylang_s,
	       r->bylang_findings);
}

/* The same figures as one JSON object on one line. */
static void print_json(const struct result *r)
{
	double mb = (double)r->bytes * r->repeat / 1e6;

	printf("{\"version\":\"%s\",\"rules\":%zu,\"build_ms\":%.3f,"
	       "\"messages\":%zu,\"bytes\":%zu,\"repeat\":%d,"
	       "\"findings\":%zu,\"warmup\":%s,", tact_version(), r->rules,
	       r->build_s * 1e3, r->messages, r->bytes, r->repeat, r->findings,
	       r->warmup ? "true" : "false");
	printf("\"mb_per_s\":%.3f,\"messages_per_s\":%.1f,"
	       "\"latency_median_us\":%.3f,\"latency_p99_us\":%.3f,"
	       "\"latency_max_us\":%.3f,", mb / r->msg_s,
	       (double)r->messages * r->repeat / r->msg_s, r->lat_med * 1e6,
	       r->lat_p99 * 1e6, r->lat_max * 1e6);
	printf("\"whole_mb_per_s\":%.3f,\"whole_findings\":%zu,",
	       (double)r->bytes / 1e6 / r->whole_s, r->whole_findings);
	printf("\"bylang_texts\":%zu,\"bylang_mb_per_s\":%.3f,"
	       "\"bylang_findings\":%zu}\n", r->nlangs,
	       (double)r->bytes / 1e6 / r->bylang_s, r->bylang_findings);
}

static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "wb");

	if (!f) {
		perror(path);
		exit(2);
	}
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f)) {
		perror(path);
		exit(2);
	}
}

/* Does every message end in its only '\n'? The dumps rely on it. */
static int one_line_each(const struct corpus *cp)
{
	size_t k;

	for (k = 0; k < cp->count; k++) {
		size_t s = cp->starts[k];
		size_t e = corpus_end(cp, k);
		const char *nl = memchr(cp->text + s, '\n', e - s);

		if (nl != cp->text + e - 1)
			return 0;
	}
	return 1;
}

/* The corpus as it is: each message is one line, ending in '\n'. */
static void dump_text(const struct corpus *cp, const char *path)
{
	FILE *f = open_out(path);

	fwrite(cp->text, 1, cp->len, f);
	close_out(f, path);
}

/* One JSON string: the message's bytes, its final '\n' included. */
static void put_json_string(FILE *f, const char *s, size_t n)
{
	size_t k;

	putc('"', f);
	for (k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)s[k];

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			putc(ch, f);
	}
	putc('"', f);
}

static void dump_jsonl(const struct corpus *cp, const char *path)
{
	FILE *f = open_out(path);
	size_t k;

	for (k = 0; k < cp->count; k++) {
		size_t s = cp->starts[k];
		size_t e = corpus_end(cp, k);

		fprintf(f, "{\"id\":\"%zu\",\"text\":", k + 1);
		put_json_string(f, cp->text + s, e - s);
		fputs("}\n", f);
	}
	close_out(f, path);
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

/* A text of about n bytes: ex repeated, its sentence ends (. ! ? …
 * and line breaks) turned into commas, so the whole is one sentence. */
static size_t one_long_sentence(char *out, size_t n, const char *ex)
{
	size_t len = strlen(ex), o = 0, k;

	while (len && o + len + 1 <= n) {
		for (k = 0; k < len; k++) {
			char ch = ex[k];

			out[o++] = ch == '.' || ch == '!' || ch == '?' || ch == '\n'
			           ? ',' : ch;
		}
		out[o++] = ' ';
	}
	return o;
}

/* Every example of every built-in rule, repeated into 32 KB without a
 * sentence end and checked in the rule's language (texts that never end
 * a sentence: chat logs, dictated text; tact reads them in sentences of
 * 4 KB): the total and the slowest. */
static int run_long(void)
{
	const size_t n = (size_t)32 << 10;
	char *t = malloc(n);
	tact_checker *c = NULL;
	tact_check_options co = TACT_CHECK_OPTIONS_INIT;
	double total = 0, worst = 0;
	size_t k, j, count = 0, bytes = 0;
	const char *worst_id = "";
	int kind;

	if (!t || tact_checker_new(&c, 0))
		return 2;
	for (k = 0; k < tact_checker_rule_count(c); k++) {
		const tact_rule *rule = tact_checker_rule(c, k);

		co.language = tact_rule_language(rule);
		for (kind = 0; kind < 2; kind++)
			for (j = 0; j < tact_rule_example_count(rule, kind); j++) {
				size_t len = one_long_sentence(
				        t, n, tact_rule_example(rule, kind, j, NULL));
				tact_report *r = NULL;
				double t0 = now(), dt;

				if (tact_check(&r, c, t, len, &co))
					return 2;
				dt = now() - t0;
				tact_report_free(r);
				total += dt;
				bytes += len;
				count++;
				if (dt > worst) {
					worst = dt;
					worst_id = tact_rule_id(rule);
				}
			}
	}
	printf("%zu examples, each repeated into 32 KB without a sentence end: "
	       "%.2f s in all (%.1f MB/s), slowest %.1f ms (%s)\n", count, total,
	       (double)bytes / 1e6 / total, worst * 1e3, worst_id);
	tact_checker_free(c);
	free(t);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: tact-bench [--mb N] [--lang L] [--no-builtin] "
	                "[--pack FILE]... [--seed N] [--repeat N] [--no-warmup] "
	                "[--json]\n"
	                "       tact-bench [--mb N] [--seed N] "
	                "--dump FILE | --dump-jsonl FILE\n"
	                "       tact-bench --redos | --long\n");
	exit(2);
}

static void parse(int argc, char **argv, struct opts *o)
{
	int k;

	for (k = 1; k < argc; k++) {
		const char *a = argv[k];

		if (!strcmp(a, "--no-builtin"))
			o->no_builtin = 1;
		else if (!strcmp(a, "--json"))
			o->json = 1;
		else if (!strcmp(a, "--no-warmup"))
			o->no_warmup = 1;
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
		else if (!strcmp(a, "--dump"))
			o->dump = argv[++k];
		else if (!strcmp(a, "--dump-jsonl"))
			o->dump_jsonl = argv[++k];
		else
			usage();
	}
	if (o->mb <= 0 || o->repeat <= 0)
		usage();
}

static int dump(const struct opts *o)
{
	struct corpus cp;

	if (corpus_generate(&cp, (size_t)(o->mb * 1e6), o->seed)) {
		fprintf(stderr, "tact-bench: out of memory\n");
		return 2;
	}
	if (!one_line_each(&cp)) {
		fprintf(stderr, "tact-bench: a message holds a line break\n");
		return 2;
	}
	if (o->dump)
		dump_text(&cp, o->dump);
	if (o->dump_jsonl)
		dump_jsonl(&cp, o->dump_jsonl);
	corpus_free(&cp);
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = { 20, "auto", 0, { 0 }, 0, 42, 1, 0, 0, NULL, NULL };
	tact_check_options co = TACT_CHECK_OPTIONS_INIT;
	struct result res = { 0 };
	struct corpus cp;
	double builds[5], dummy;
	tact_checker *c;
	int k;

	if (argc == 2 && !strcmp(argv[1], "--redos"))
		return run_redos();
	if (argc == 2 && !strcmp(argv[1], "--long"))
		return run_long();
	parse(argc, argv, &o);
	if (o.dump || o.dump_jsonl)
		return dump(&o);
	co.language = o.lang;
	for (k = 0; k < 5; k++)
		tact_checker_free(build(&o, &builds[k]));
	qsort(builds, 5, sizeof builds[0], cmp_double);
	c = build(&o, &dummy);
	res.rules = tact_checker_rule_count(c);
	res.build_s = builds[2];
	if (corpus_generate(&cp, (size_t)(o.mb * 1e6), o.seed)) {
		fprintf(stderr, "tact-bench: out of memory\n");
		return 2;
	}
	res.messages = cp.count;
	res.bytes = cp.len;
	res.repeat = o.repeat;
	res.warmup = !o.no_warmup;
	run_messages(c, &co, &cp, &res);
	run_whole(c, &co, &cp, &res);
	run_by_language(c, &co, &cp, &res);
	if (o.json)
		print_json(&res);
	else
		print_text(&res);
	corpus_free(&cp);
	tact_checker_free(c);
	return 0;
}
