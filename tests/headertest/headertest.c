/*
 * headertest.c: tact.h must compile as C89 -pedantic and as C++ with no
 * warning, and its macros must be usable as documented.
 */
#include "tact.h"

int main(void)
{
	tact_check_options opts = TACT_CHECK_OPTIONS_INIT;
	tact_checker *checker = 0;
	int rc;

	rc = tact_checker_new(&checker, TACT_CHECKER_NO_BUILTIN);
	opts.language = "ru";
	tact_checker_free(checker);
	return rc == TACT_OK && TACT_VERSION_NUMBER == tact_version_number() &&
	       opts.version == TACT_CHECK_OPTIONS_VERSION ? 0 : 1;
}
