/*
 * fuzz_jsonl.c: the CLI's JSON Lines reader on any bytes: a parsed object
 * or an error with an offset inside the line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int member(void *payload, const char *key, size_t key_len,
                  const struct json_value *v)
{
	size_t *total = payload;

	if (strlen(key) > key_len)
		abort();
	if (v->type == JSON_STRING && v->str[v->len] != '\0')
		abort();
	*total += key_len + v->len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_error err = { 0, NULL };
	size_t total = 0;
	int rc = json_parse_object((const char *)data, size, member, &total, &err);

	if (rc == JSON_ESYNTAX && (err.offset > size || !err.message))
		abort();
	return 0;
}
