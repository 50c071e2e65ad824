/*
 * json.c: the strict JSON object reader and the JSON writer (see json.h).
 */
#include "json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)

/*
 * Whether any of the eight bytes in w is a control character, a quote or a
 * backslash (the "has a byte less than n" and "has a zero byte" tests, exact
 * as to whether there is one).
 */
static int special8(uint64_t w)
{
	uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');

	return (((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q) |
	        ((b - ONES) & ~b)) & HIGH ? 1 : 0;
}

/* Is c a byte a JSON string cannot hold as it is: a control character, a
 * quote or a backslash? special8() asks it of eight bytes at once. */
static int special(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* Eight bytes from p, the first in the lowest bits. */
static uint64_t load8(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

/* ---------------------------------------------------------------------- */
/* Reader                                                                  */
/* ---------------------------------------------------------------------- */

struct parser {
	const unsigned char *s;
	size_t n;
	size_t pos;
	struct json_error *err;
	/* Where a member's key and string value are decoded: n bytes, made
	 * when the first string is decoded. Decoded, a string and its NUL
	 * take no more bytes than its quotes and what is between them, so
	 * a member's key and value always fit; used counts what is taken. */
	unsigned char *strings;
	size_t used;
};

static int fail(struct parser *p, const char *message)
{
	if (p->err) {
		p->err->offset = p->pos;
		p->err->message = message;
	}
	return JSON_ESYNTAX;
}

/* The byte at the current position, or -1 at the end of the input. */
static int peek(const struct parser *p)
{
	return p->pos < p->n ? p->s[p->pos] : -1;
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->n) {
		unsigned char c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		p->pos++;
	}
}

static int expect(struct parser *p, int c, const char *message)
{
	if (peek(p) != c)
		return fail(p, peek(p) < 0 ? "unexpected end of input" : message);
	p->pos++;
	return JSON_OK;
}

/* Encode code point cp as UTF-8 at out (when not NULL); return its length. */
static size_t put_utf8(unsigned char *out, unsigned long cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	if (out)
		memcpy(out, b, n);
	return n;
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Read the four hex digits of a \u escape. */
static int read_hex4(struct parser *p, unsigned long *out)
{
	unsigned long v = 0;
	size_t i;

	if (p->n - p->pos < 4)
		return fail(p, "truncated \\u escape");
	for (i = 0; i < 4; i++) {
		int d = hex_digit(p->s[p->pos]);
		if (d < 0)
			return fail(p, "invalid hex digit in \\u escape");
		v = v * 16 + (unsigned long)d;
		p->pos++;
	}
	*out = v;
	return JSON_OK;
}

/* A \u escape, the "\u" already consumed; pairs surrogates. */
static int scan_unicode(struct parser *p, unsigned char *out, size_t *k)
{
	size_t at = p->pos - 2;
	unsigned long cp, lo;
	int rc = read_hex4(p, &cp);

	if (rc)
		return rc;
	if (cp >= 0xDC00 && cp <= 0xDFFF) {
		p->pos = at;
		return fail(p, "lone low surrogate in \\u escape");
	}
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (p->n - p->pos < 2 || p->s[p->pos] != '\\' ||
		    p->s[p->pos + 1] != 'u') {
			p->pos = at;
			return fail(p, "unpaired high surrogate in \\u escape");
		}
		p->pos += 2;
		rc = read_hex4(p, &lo);
		if (rc)
			return rc;
		if (lo < 0xDC00 || lo > 0xDFFF) {
			p->pos = at;
			return fail(p, "unpaired high surrogate in \\u escape");
		}
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	*k += put_utf8(out ? out + *k : NULL, cp);
	return JSON_OK;
}

/* An escape sequence, the backslash already consumed. */
static int scan_escape(struct parser *p, unsigned char *out, size_t *k)
{
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	int c = peek(p);

	if (c < 0)
		return fail(p, "unterminated string");
	p->pos++;
	if (c == 'u')
		return scan_unicode(p, out, k);
	hit = c ? strchr(from, c) : NULL;
	if (!hit) {
		p->pos -= 2;
		return fail(p, "invalid escape sequence");
	}
	if (out)
		out[*k] = (unsigned char)to[hit - from];
	(*k)++;
	return JSON_OK;
}

/* How many bytes from s[0..n) a string holds as they are: up to a quote, a
 * backslash or a control character. */
static size_t plain_bytes(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i + 8 <= n && !special8(load8(s + i)))
		i += 8;
	while (i < n && !special(s[i]))
		i++;
	return i;
}

/*
 * A string at the current position (which holds '"'). Decodes into out when
 * not NULL; *len receives the decoded length either way. Bytes without
 * escapes are copied a run at a time.
 */
static int scan_string(struct parser *p, unsigned char *out, size_t *len)
{
	size_t k = 0, run;
	int c;

	p->pos++;
	for (;;) {
		run = plain_bytes(p->s + p->pos, p->n - p->pos);
		if (out && run)
			memcpy(out + k, p->s + p->pos, run);
		k += run;
		p->pos += run;
		c = peek(p);
		if (c < 0)
			return fail(p, "unterminated string");
		if (c == '"')
			break;
		if (c < 0x20)
			return fail(p, "control character in string");
		p->pos++;
		c = scan_escape(p, out, &k);
		if (c)
			return c;
	}
	p->pos++;
	*len = k;
	return JSON_OK;
}

/* Decode the string at the current position into p->strings. */
static int decode_string(struct parser *p, const char **out, size_t *len)
{
	unsigned char *at;
	int rc;

	if (!p->strings && !(p->strings = malloc(p->n)))
		return JSON_ENOMEM;
	at = p->strings + p->used;
	if ((rc = scan_string(p, at, len)) != 0)
		return rc;
	at[*len] = '\0';
	p->used += *len + 1;
	*out = (const char *)at;
	return JSON_OK;
}

static int scan_digits(struct parser *p)
{
	size_t start = p->pos;

	while (p->pos < p->n && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
		p->pos++;
	return p->pos > start ? JSON_OK : fail(p, "invalid number");
}

static int scan_number(struct parser *p)
{
	int rc;

	if (peek(p) == '-')
		p->pos++;
	if (peek(p) == '0')
		p->pos++;
	else if ((rc = scan_digits(p)) != 0)
		return rc;
	if (peek(p) == '.') {
		p->pos++;
		if ((rc = scan_digits(p)) != 0)
			return rc;
	}
	if (peek(p) == 'e' || peek(p) == 'E') {
		p->pos++;
		if (peek(p) == '+' || peek(p) == '-')
			p->pos++;
		if ((rc = scan_digits(p)) != 0)
			return rc;
	}
	return JSON_OK;
}

static int scan_literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);

	if (p->n - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail(p, "invalid literal");
	p->pos += n;
	return JSON_OK;
}

static int skip_value(struct parser *p, int depth);

static int skip_array(struct parser *p, int depth)
{
	int rc;

	p->pos++;
	skip_ws(p);
	if (peek(p) == ']') {
		p->pos++;
		return JSON_OK;
	}
	for (;;) {
		if ((rc = skip_value(p, depth + 1)) != 0)
			return rc;
		skip_ws(p);
		if (peek(p) == ']') {
			p->pos++;
			return JSON_OK;
		}
		if ((rc = expect(p, ',', "expected ',' or ']'")) != 0)
			return rc;
		skip_ws(p);
	}
}

static int skip_member(struct parser *p, int depth)
{
	size_t len;
	int rc;

	if (peek(p) != '"')
		return fail(p, "expected a member name");
	if ((rc = scan_string(p, NULL, &len)) != 0)
		return rc;
	skip_ws(p);
	if ((rc = expect(p, ':', "expected ':' after a member name")) != 0)
		return rc;
	skip_ws(p);
	return skip_value(p, depth + 1);
}

static int skip_object(struct parser *p, int depth)
{
	int rc;

	p->pos++;
	skip_ws(p);
	if (peek(p) == '}') {
		p->pos++;
		return JSON_OK;
	}
	for (;;) {
		if ((rc = skip_member(p, depth)) != 0)
			return rc;
		skip_ws(p);
		if (peek(p) == '}') {
			p->pos++;
			return JSON_OK;
		}
		if ((rc = expect(p, ',', "expected ',' or '}'")) != 0)
			return rc;
		skip_ws(p);
	}
}

/* Check and skip any value; depth counts the enclosing containers. */
static int skip_value(struct parser *p, int depth)
{
	size_t len;
	int c = peek(p);

	if (c == '{' || c == '[') {
		if (depth >= JSON_MAX_DEPTH)
			return fail(p, "nesting too deep");
		return c == '{' ? skip_object(p, depth) : skip_array(p, depth);
	}
	if (c == '"')
		return scan_string(p, NULL, &len);
	if (c == '-' || (c >= '0' && c <= '9'))
		return scan_number(p);
	if (c == 't')
		return scan_literal(p, "true");
	if (c == 'f')
		return scan_literal(p, "false");
	if (c == 'n')
		return scan_literal(p, "null");
	return fail(p, c < 0 ? "unexpected end of input" : "expected a value");
}

static enum json_type type_at(const struct parser *p)
{
	switch (peek(p)) {
	case '"': return JSON_STRING;
	case '{': return JSON_OBJECT;
	case '[': return JSON_ARRAY;
	case 't': return JSON_TRUE;
	case 'f': return JSON_FALSE;
	case 'n': return JSON_NULL;
	default: return JSON_NUMBER;
	}
}

/* Read a member's value: strings decoded, numbers as written. */
static int read_value(struct parser *p, struct json_value *v)
{
	size_t start = p->pos;
	int rc;

	v->type = type_at(p);
	v->str = NULL;
	v->len = 0;
	if (v->type == JSON_STRING)
		return decode_string(p, &v->str, &v->len);
	rc = skip_value(p, 1);
	if (rc == JSON_OK && v->type == JSON_NUMBER) {
		v->str = (const char *)p->s + start;
		v->len = p->pos - start;
	}
	return rc;
}

static int read_member(struct parser *p, json_member_fn fn, void *payload)
{
	const char *key = NULL;
	struct json_value v;
	size_t key_len;
	int rc;

	if (peek(p) != '"')
		return fail(p, peek(p) < 0 ? "unexpected end of input"
		                           : "expected a member name");
	p->used = 0;
	rc = decode_string(p, &key, &key_len);
	if (rc == JSON_OK) {
		skip_ws(p);
		rc = expect(p, ':', "expected ':' after a member name");
	}
	if (rc == JSON_OK) {
		skip_ws(p);
		rc = read_value(p, &v);
	}
	if (rc == JSON_OK && fn)
		rc = fn(payload, key, key_len, &v);
	return rc;
}

static int read_members(struct parser *p, json_member_fn fn, void *payload)
{
	int rc;

	skip_ws(p);
	if (peek(p) == '}') {
		p->pos++;
		return JSON_OK;
	}
	for (;;) {
		if ((rc = read_member(p, fn, payload)) != 0)
			return rc;
		skip_ws(p);
		if (peek(p) == '}') {
			p->pos++;
			return JSON_OK;
		}
		if ((rc = expect(p, ',', "expected ',' or '}'")) != 0)
			return rc;
		skip_ws(p);
	}
}

int json_parse_object(const char *text, size_t len, json_member_fn fn,
                      void *payload, struct json_error *err)
{
	struct parser p;
	int rc;

	p.s = (const unsigned char *)text;
	p.n = text ? len : 0;
	p.pos = 0;
	p.err = err;
	p.strings = NULL;
	p.used = 0;
	skip_ws(&p);
	rc = expect(&p, '{', "expected a JSON object");
	if (rc == JSON_OK)
		rc = read_members(&p, fn, payload);
	if (rc == JSON_OK) {
		skip_ws(&p);
		if (p.pos < p.n)
			rc = fail(&p, "unexpected data after the object");
	}
	free(p.strings);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Writer                                                                  */
/* ---------------------------------------------------------------------- */

void json_buf_free(struct json_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
	buf->oom = 0;
}

void json_buf_clear(struct json_buf *buf)
{
	buf->len = 0;
	buf->oom = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

/* Make room for extra more bytes and a NUL; 0 when out of memory. */
static int reserve(struct json_buf *buf, size_t extra)
{
	size_t need, cap;
	char *data;

	if (buf->oom)
		return 0;
	if (extra > ((size_t)-1) / 2 - buf->len) {
		buf->oom = 1;
		return 0;
	}
	need = buf->len + extra + 1;
	if (need <= buf->cap)
		return 1;
	cap = buf->cap ? buf->cap : 256;
	while (cap < need)
		cap *= 2;
	data = realloc(buf->data, cap);
	if (!data) {
		buf->oom = 1;
		return 0;
	}
	buf->data = data;
	buf->cap = cap;
	return 1;
}

void json_put_raw_grow(struct json_buf *buf, const char *s, size_t len)
{
	if (!reserve(buf, len))
		return;
	if (len)
		memcpy(buf->data + buf->len, s, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void json_put_text(struct json_buf *buf, const char *s)
{
	json_put_raw(buf, s, strlen(s));
}

/* The length of the valid UTF-8 sequence at s (n > 0 bytes), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 3;
		lo = s[0] == 0xE0 ? 0xA0 : 0x80;
		hi = s[0] == 0xED ? 0x9F : 0xBF;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 4;
		lo = s[0] == 0xF0 ? 0x90 : 0x80;
		hi = s[0] == 0xF4 ? 0x8F : 0xBF;
	} else {
		return 0;
	}
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < need; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return need;
}

/* Append the escaped form of the ASCII byte c. */
static void put_escaped_ascii(struct json_buf *buf, unsigned char c)
{
	char esc[8];

	switch (c) {
	case '"': json_put_raw(buf, "\\\"", 2); return;
	case '\\': json_put_raw(buf, "\\\\", 2); return;
	case '\b': json_put_raw(buf, "\\b", 2); return;
	case '\f': json_put_raw(buf, "\\f", 2); return;
	case '\n': json_put_raw(buf, "\\n", 2); return;
	case '\r': json_put_raw(buf, "\\r", 2); return;
	case '\t': json_put_raw(buf, "\\t", 2); return;
	default:
		snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
		json_put_raw(buf, esc, 6);
	}
}

/* Whether the eight bytes in w (load8()) are four two-byte UTF-8
 * sequences: a lead C2..DF, then a continuation byte. */
static int two_byte4(uint64_t w)
{
	const uint64_t lead_bits = UINT64_C(0x001E001E001E001E);
	const uint64_t lane_top = UINT64_C(0x8000800080008000);

	return (w & UINT64_C(0xC0E0C0E0C0E0C0E0)) ==
	               UINT64_C(0x80C080C080C080C0) &&
	       (((w & lead_bits) + UINT64_C(0x7FFE7FFE7FFE7FFE)) & lane_top) ==
	               lane_top;
}

/*
 * How many bytes of s[0..n) JSON carries as they are: ASCII other than
 * control characters, quotes and backslashes, and valid UTF-8 sequences.
 * Eight bytes of ASCII or of two-byte letters (Cyrillic, the Romanian
 * diacritics) are taken at once.
 */
static size_t plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		unsigned char c = s[i];
		uint64_t w;
		if (i + 8 <= n) {
			w = load8(s + i);
			if ((!(w & HIGH) && !special8(w)) || two_byte4(w)) {
				i += 8;
				continue;
			}
		}
		if (c < 0x80) {
			if (special(c))
				break;
			i++;
		} else if (c >= 0xC2 && c <= 0xDF && i + 1 < n &&
		           (s[i + 1] & 0xC0) == 0x80) {
			/* utf8_len()'s first case, in line: the two-byte
			 * letters between spaces and punctuation (4% of the
			 * CLI's time on the bench corpus without it). */
			i += 2;
		} else if ((k = utf8_len(s + i, n - i)) != 0) {
			i += k;
		} else {
			break;
		}
	}
	return i;
}

void json_put_string(struct json_buf *buf, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run;

	json_put_raw(buf, "\"", 1);
	while (i < len) {
		run = plain_run(u + i, len - i);
		json_put_raw(buf, s + i, run);
		i += run;
		if (i == len)
			break;
		if (u[i] < 0x80)
			put_escaped_ascii(buf, u[i]);
		else
			json_put_raw(buf, "\\ufffd", 6);
		i++;
	}
	json_put_raw(buf, "\"", 1);
}

void json_put_cstring(struct json_buf *buf, const char *s)
{
	if (s)
		json_put_string(buf, s, strlen(s));
	else
		json_put_raw(buf, "null", 4);
}

void json_put_size(struct json_buf *buf, size_t value)
{
	char digits[24];
	size_t at = sizeof digits;

	do {
		digits[--at] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	json_put_raw(buf, digits + at, sizeof digits - at);
}

void json_put_key(struct json_buf *buf, const char *key)
{
	json_put_cstring(buf, key);
	json_put_lit(buf, ":");
}
