/*
 * version.c: the library's version.
 */
#include "internal.h"

const char *tact_version(void)
{
	return TACT_VERSION_STRING;
}

int tact_version_number(void)
{
	return TACT_VERSION_NUMBER;
}
