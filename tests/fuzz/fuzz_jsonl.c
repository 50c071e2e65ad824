/*
 * fuzz_jsonl.c: the CLI's JSON Lines reader on any bytes: a parsed object
 * or an error with an offset inside the line. Every key and string value
 * it decodes is written back with the CLI's writer and read again: the
 * writer's output must parse, and give back the same bytes with each byte
 * that is not part of valid UTF-8 replaced by U+FFFD.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct roundtrip {
	const unsigned char *want;
	size_t want_len;
	int seen;
};

/* The length of the valid UTF-8 sequence at s (n > 0 bytes), 0 if none. */
static size_t sequence_len(const unsigned char *s, size_t n)
{
	unsigned long cp;
	size_t need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		need = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		need = 4;
	else
		return 0;
	if (n < need)
		return 0;
	cp = s[0] & (0x7F >> need);
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return need;
}

/* s[0..n) with each byte outside valid UTF-8 replaced by U+FFFD. */
static unsigned char *repaired(const unsigned char *s, size_t n, size_t *len)
{
	unsigned char *out = malloc(3 * n + 1);
	size_t i = 0, k = 0, run;

	if (!out)
		abort();
	while (i < n) {
		run = sequence_len(s + i, n - i);
		if (run) {
			memcpy(out + k, s + i, run);
			k += run;
			i += run;
		} else {
			memcpy(out + k, "\xEF\xBF\xBD", 3);
			k += 3;
			i++;
		}
	}
	*len = k;
	return out;
}

static int read_back(void *payload, const char *key, size_t key_len,
                     const struct json_value *v)
{
	struct roundtrip *t = payload;

	(void)key;
	if (key_len != 1 || v->type != JSON_STRING || v->len != t->want_len ||
	    memcmp(v->str, t->want, v->len) != 0)
		abort();
	t->seen++;
	return 0;
}

/* Write s[0..n) as {"k":"..."} and read it back. */
static void roundtrip(const char *s, size_t n)
{
	struct json_buf buf = { NULL, 0, 0, 0 };
	struct roundtrip t = { NULL, 0, 0 };
	unsigned char *want = repaired((const unsigned char *)s, n, &t.want_len);

	t.want = want;
	json_put_raw(&buf, "{", 1);
	json_put_key(&buf, "k");
	json_put_string(&buf, s, n);
	json_put_raw(&buf, "}", 1);
	if (buf.oom)
		abort();
	if (json_parse_object(buf.data, buf.len, read_back, &t, NULL) != 0 ||
	    t.seen != 1)
		abort();
	json_buf_free(&buf);
	free(want);
}

static int member(void *payload, const char *key, size_t key_len,
                  const struct json_value *v)
{
	size_t *total = payload;

	if (strlen(key) > key_len)
		abort();
	if (v->type == JSON_STRING && v->str[v->len] != '\0')
		abort();
	roundtrip(key, key_len);
	if (v->type == JSON_STRING)
		roundtrip(v->str, v->len);
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
