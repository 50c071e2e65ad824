/*
 * fake_version.c: preloaded before libtact (LD_PRELOAD) to make the binding
 * see another libtact version at import: TACT_FAKE_VERSION ("2.0.0") and
 * TACT_FAKE_VERSION_NUMBER (20000) say which (test_version.py).
 */
#include <stdlib.h>

const char *tact_version(void);
int tact_version_number(void);

const char *tact_version(void)
{
	const char *v = getenv("TACT_FAKE_VERSION");

	return v ? v : "2.0.0";
}

int tact_version_number(void)
{
	const char *v = getenv("TACT_FAKE_VERSION_NUMBER");

	return v ? atoi(v) : 20000;
}
