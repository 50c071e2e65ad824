/*
 * test_bigtext.c: a 100 MB message is checked in bounded memory.
 *
 * The engine works one sentence at a time, so beyond the caller's text its
 * memory is scratch for one sentence (at most 4 KiB of text, about 40 KiB
 * with its maps) plus the report, which grows with the findings, not with
 * the text. The test checks 100 MB with a finding every ~100 KB and
 * requires the peak resident memory to grow by less than 32 MB over the
 * text itself. Built without sanitizers (their shadow memory would count).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "tact.h"

#define TEXT_SIZE ((size_t)100 << 20)
#define GROWTH_LIMIT_KB (32L << 10)

static long peak_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static char *make_text(size_t size)
{
	static const char clean[] = "Заказ доставлен вовремя и упакован аккуратно. "
	                            "The parcel arrived on time. ";
	static const char dirty[] = "Товар хороший, но дорогой. ";
	char *t = malloc(size + 1);
	size_t pos = 0, n = 0;

	if (!t)
		return NULL;
	while (pos + sizeof dirty < size) {
		const char *s = ++n % 1000 ? clean : dirty;
		size_t len = strlen(s);

		memcpy(t + pos, s, len);
		pos += len;
	}
	memset(t + pos, ' ', size - pos);
	t[size] = '\0';
	return t;
}

int main(void)
{
	tact_checker *c = NULL;
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;
	char *text = make_text(TEXT_SIZE);
	long before, growth;
	size_t findings;

	if (!text || tact_checker_new(&c, TACT_CHECKER_DEFAULT)) {
		fprintf(stderr, "setup failed\n");
		return 1;
	}
	o.language = "ru";
	before = peak_kb();
	if (tact_check(&r, c, text, TEXT_SIZE, &o) != TACT_OK) {
		fprintf(stderr, "check failed: %s\n", tact_error_last());
		return 1;
	}
	growth = peak_kb() - before;
	findings = tact_report_count(r);
	printf("100 MB checked: %zu findings, peak memory grew by %ld KB (limit %ld KB)\n",
	       findings, growth, GROWTH_LIMIT_KB);
	tact_report_free(r);
	tact_checker_free(c);
	free(text);
	return findings == 0 || growth >= GROWTH_LIMIT_KB;
}
