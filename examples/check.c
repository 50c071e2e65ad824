/* examples/check.c: check one message and print its findings.
 * cc check.c $(pkg-config --cflags --libs tact) -o check && ./check */
#include <stdio.h>
#include <string.h>
#include <tact.h>

int main(void)
{
	const char *text = "Товар хороший, но дорогой. Вы должны заполнить форму.";
	tact_checker *checker;
	tact_report *report;
	size_t i, start, end;

	if (tact_checker_new(&checker, TACT_CHECKER_DEFAULT) ||
	    tact_check(&report, checker, text, strlen(text), NULL)) {
		fprintf(stderr, "tact: %s\n", tact_error_last());
		return 1;
	}
	for (i = 0; i < tact_report_count(report); i++) {
		const tact_finding *f = tact_report_finding(report, i);

		tact_finding_span(f, &start, &end, NULL, NULL, NULL, NULL);
		printf("%zu-%zu %s: %s -> %s\n", start, end, tact_finding_category(f),
		       tact_finding_match(f, NULL), tact_finding_suggestion(f, 0));
	}
	tact_report_free(report);
	tact_checker_free(checker);
	return 0;
}
