/*
 * fuzz_check.c: any bytes as a message. The first byte picks the language
 * and flags; the rest is the text. Every finding must lie inside the text,
 * on code point boundaries, and its match must be the text it spans.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const langs[] = { "auto", "ru", "ro", "kk", "en" };

static void verify(const tact_report *r, const char *text, size_t len)
{
	size_t i, k;

	for (i = 0; i < tact_report_count(r); i++) {
		const tact_finding *f = tact_report_finding(r, i);
		size_t s, e, cs, ce, line, col, mlen;
		const char *m = tact_finding_match(f, &mlen);

		tact_finding_span(f, &s, &e, &cs, &ce, &line, &col);
		if (s > e || e > len || cs > ce || line == 0 || col == 0 ||
		    mlen != e - s || memcmp(m, text + s, mlen) != 0 ||
		    (s < len && ((unsigned char)text[s] & 0xC0) == 0x80) ||
		    (e < len && ((unsigned char)text[e] & 0xC0) == 0x80))
			abort();
		for (k = 0; k < tact_finding_suggestion_count(f); k++)
			if (!tact_finding_suggestion(f, k))
				abort();
		if (!tact_finding_message(f) || !tact_finding_rule(f))
			abort();
	}
	if (tact_report_score(r) < 0 || tact_report_score(r) > 100)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tact_checker *checker;
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;
	const char *text;
	size_t len;

	if (!checker && tact_checker_new(&checker, TACT_CHECKER_DEFAULT))
		abort();
	if (size == 0)
		return 0;
	o.language = langs[data[0] % 5];
	o.flags = (data[0] >> 3) & (TACT_CHECK_ENGLISH | TACT_CHECK_INCLUDE_QUOTES |
	                            TACT_CHECK_DISCOVERY);
	o.age = (data[0] & 4) ? 20 + data[0] % 60 : -1;
	o.client_name = (data[0] & 2) ? "Анна" : NULL;
	text = (const char *)data + 1;
	len = size - 1;
	if (tact_check(&r, checker, text, len, &o) == TACT_OK) {
		verify(r, text, len);
		tact_report_free(r);
	}
	return 0;
}
