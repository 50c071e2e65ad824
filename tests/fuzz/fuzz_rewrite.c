/*
 * fuzz_rewrite.c: rewriting any bytes either fails cleanly or returns valid
 * UTF-8 that a second rewrite accepts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tact_checker *checker;
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	char *out = NULL, *again = NULL;
	size_t len = 0, len2 = 0;

	if (!checker && tact_checker_new(&checker, TACT_CHECKER_DEFAULT))
		abort();
	if (tact_rewrite(&out, &len, checker, (const char *)data, size, &o))
		return 0;
	if (!out || out[len] != '\0')
		abort();
	if (tact_detect_language(out, len) == NULL) /* not valid UTF-8 */
		abort();
	if (tact_rewrite(&again, &len2, checker, out, len, &o) != TACT_OK)
		abort();
	tact_free(again);
	tact_free(out);
	return 0;
}
