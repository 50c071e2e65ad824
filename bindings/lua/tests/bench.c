/*
 * bench.c: the C side of bench.lua: 10,000 tact_check() (freeing the
 * report, then also reading every field of every finding and the coaching
 * fields, as the binding does) and tact_rewrite() calls on one message, in
 * CPU time, best of 5. Not a test; built on demand:
 *   meson compile -C build lua-bench-c
 *   build/bindings/lua/lua-bench-c MESSAGE_FILE [builtin|PACK.yaml]
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <tact.h>

#define CALLS 10000

static double cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The coaching fields the binding puts in the findings' metatable. */
static size_t read_coaching(const tact_report *report)
{
	size_t sum = (size_t)tact_report_score(report) +
	             (size_t)tact_report_name_status(report);
	const char *band = tact_report_band(report);

	for (size_t i = 0; i < tact_report_count(report); i++) {
		const char *cat = tact_finding_category(tact_report_finding(report, i));

		sum += (size_t)tact_report_score_lost(report, cat);
	}
	for (size_t i = 0; i < tact_report_question_count(report); i++) {
		int kind;
		size_t start, end;

		tact_report_question(report, i, &kind, &start, &end);
		sum += (size_t)kind + start + end;
	}
	for (size_t i = 0; i < tact_report_profile_count(report); i++) {
		sum += strlen(tact_report_profile_band(report, i)) +
		       tact_report_profile_hits(report, i);
		for (size_t w = 0; w < tact_report_profile_word_count(report, i); w++)
			sum += strlen(tact_report_profile_word(report, i, w));
	}
	return sum + (band ? strlen(band) : 0);
}

static size_t read_fields(const tact_report *report)
{
	size_t sum = read_coaching(report);

	for (size_t i = 0; i < tact_report_count(report); i++) {
		const tact_finding *f = tact_report_finding(report, i);
		size_t a, b, c, d, line, col, len;

		tact_finding_span(f, &a, &b, &c, &d, &line, &col);
		sum += strlen(tact_finding_rule(f)) +
		       strlen(tact_finding_category(f)) +
		       strlen(tact_finding_message(f)) +
		       strlen(tact_finding_explanation(f)) +
		       strlen(tact_finding_match(f, &len)) +
		       (size_t)tact_finding_severity(f) + a + b + c + d;
		for (size_t s = 0; s < tact_finding_suggestion_count(f); s++)
			sum += strlen(tact_finding_suggestion(f, s));
	}
	return sum;
}

/* Microseconds per call of one of the three loops, best of 5 runs. */
static double per_call(int which, const tact_checker *checker,
                       const char *text, size_t len,
                       const tact_check_options *opts)
{
	double best = 1e30;
	volatile size_t sink = 0;

	for (int run = 0; run < 6; run++) {
		double t0 = cpu_seconds(), t;

		for (int i = 0; i < CALLS; i++) {
			tact_report *report;
			char *out;
			size_t out_len;

			if (which < 2) {
				tact_check(&report, checker, text, len, opts);
				sink += which ? read_fields(report)
				              : tact_report_count(report);
				tact_report_free(report);
			} else {
				tact_rewrite(&out, &out_len, checker, text, len,
				             opts);
				sink += out_len;
				tact_free(out);
			}
		}
		t = (cpu_seconds() - t0) / CALLS * 1e6;
		if (run > 0 && t < best) /* run 0 warms up */
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	static char text[1 << 16];
	tact_check_options opts = TACT_CHECK_OPTIONS_INIT;
	tact_checker *checker;
	const char *which = argc > 2 ? argv[2] : "builtin";
	int builtin = strcmp(which, "builtin") == 0;
	FILE *f;
	size_t len;

	if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: lua-bench-c MESSAGE_FILE "
		        "[builtin|PACK.yaml]\n");
		return 2;
	}
	len = fread(text, 1, sizeof text, f);
	fclose(f);
	if (tact_checker_new(&checker, builtin ? TACT_CHECKER_DEFAULT
	                                       : TACT_CHECKER_NO_BUILTIN) ||
	    (!builtin && tact_checker_add_pack_file(checker, which))) {
		fprintf(stderr, "lua-bench-c: %s\n", tact_error_last());
		return 1;
	}
	opts.language = "ru";
	printf("%-22s %s len=%zu: check %.2f us/call (reading all fields "
	       "%.2f), rewrite %.2f us/call\n", "C",
	       builtin ? "builtin" : "pack", len, per_call(0, checker, text, len, &opts),
	       per_call(1, checker, text, len, &opts),
	       per_call(2, checker, text, len, &opts));
	tact_checker_free(checker);
	return 0;
}
