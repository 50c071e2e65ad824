/*
 * fuzz_pack.c: any bytes as a rule pack: refused with a position and a
 * reason, or loaded and usable; the checker is never half-loaded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char text[] = "Товар хороший, но дорогой. You must pay. "
	                           "Sunteţi sigur? Бірақ aaaaaaaaaaaaaaaaaaaa!";
	tact_checker *c = NULL;
	tact_report *r = NULL;
	char *out = NULL;
	int rc;

	if (tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN))
		abort();
	rc = tact_checker_add_pack_string(c, (const char *)data, size, "fuzz.yaml");
	if (rc != TACT_OK) {
		if (tact_checker_rule_count(c) != 0 || tact_error_last()[0] == '\0')
			abort();
	} else if (tact_checker_rule_count(c) > 0) {
		const char *lang = tact_rule_language(tact_checker_rule(c, 0));
		tact_check_options o = TACT_CHECK_OPTIONS_INIT;

		o.language = lang;
		o.age = 30;
		if (tact_check(&r, c, text, sizeof text - 1, &o) == TACT_OK)
			tact_report_free(r);
		if (tact_rewrite(&out, NULL, c, text, sizeof text - 1, &o) == TACT_OK)
			tact_free(out);
	}
	tact_checker_free(c);
	return 0;
}
