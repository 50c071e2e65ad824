/*
 * json.h: the small JSON reader and writer of the tact tool.
 *
 * The reader parses exactly one JSON object (one line of a JSONL stream) and
 * hands each member to a callback. It is strict (RFC 8259 grammar, no
 * comments, no trailing commas, no leading zeros, no raw control characters
 * in strings, no lone surrogates in \u escapes), bounded (nesting deeper than
 * JSON_MAX_DEPTH is refused) and safe on any input: it never reads outside
 * (text, len) and needs no NUL terminator. Bytes inside strings are passed
 * through unchanged; checking that they are valid UTF-8 is the caller's job
 * (the tool lets tact_check() do it so the error carries the offset).
 *
 * The writer appends to a growable buffer and escapes strings so that the
 * output is always valid JSON: quotes, backslashes and control characters
 * are escaped, valid UTF-8 is passed through, invalid bytes become U+FFFD.
 *
 * Neither side has global state; both can be reused by a fuzz target.
 */
#ifndef TACT_TOOLS_JSON_H
#define TACT_TOOLS_JSON_H

#include <stddef.h>
#include <string.h>

/** The deepest nesting of arrays and objects the reader accepts. */
#define JSON_MAX_DEPTH 64

/** Return codes of json_parse_object() besides a callback's own. */
#define JSON_OK 0
#define JSON_ESYNTAX (-1) /* malformed: see struct json_error */
#define JSON_ENOMEM (-2)  /* an allocation failed */

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
};

/**
 * A member's value. For JSON_STRING, str holds the decoded bytes with a NUL
 * after them (the string itself may contain NULs from "\u0000"; len excludes
 * the terminator). For JSON_NUMBER, str/len is the number as written. For
 * other types str is NULL and len 0: arrays and objects are checked and
 * skipped, not built. Valid only during the callback.
 */
struct json_value {
	enum json_type type;
	const char *str;
	size_t len;
};

/** Where and why parsing failed. */
struct json_error {
	size_t offset;       /* byte offset in the parsed text */
	const char *message; /* static English text */
};

/**
 * Called for each member of the object, in input order. key is decoded and
 * NUL-terminated (key_len excludes the NUL). Return 0 to go on; any other
 * value stops parsing and is returned by json_parse_object() (use positive
 * values to tell them from JSON_E*).
 */
typedef int (*json_member_fn)(void *payload, const char *key, size_t key_len,
                              const struct json_value *value);

/**
 * Parse text[0..len) as one JSON object surrounded by optional white space.
 * Returns JSON_OK, JSON_ESYNTAX (err filled in; err may be NULL),
 * JSON_ENOMEM or the callback's non-zero value.
 */
int json_parse_object(const char *text, size_t len, json_member_fn fn,
                      void *payload, struct json_error *err);

/** A growable output buffer. Zero-initialise; release with json_buf_free(). */
struct json_buf {
	char *data;  /* NUL-terminated once anything was written */
	size_t len;
	size_t cap;
	int oom;     /* set when an allocation failed: later writes are dropped */
};

void json_buf_free(struct json_buf *buf);
/** Empty the buffer, keeping its memory (and clearing oom). */
void json_buf_clear(struct json_buf *buf);

/** json_put_raw() when the buffer must grow first (or is out of memory). */
void json_put_raw_grow(struct json_buf *buf, const char *s, size_t len);

/** Append bytes as they are (for punctuation the caller knows is valid).
 * Inline: the writers call it for every comma and bracket. */
static inline void json_put_raw(struct json_buf *buf, const char *s,
                                size_t len)
{
	if (buf->oom || len >= buf->cap - buf->len) {
		json_put_raw_grow(buf, s, len);
		return;
	}
	memcpy(buf->data + buf->len, s, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

/** Append a string literal as it is: json_put_lit(b, ",\"end\":"). */
#define json_put_lit(buf, lit) json_put_raw((buf), "" lit, sizeof(lit) - 1)
/** The literal of a member's key after a comma: ,"key": */
#define JSON_MEMBER(key) ",\"" key "\":"
/** The literal of an object's first key: {"key": */
#define JSON_FIRST(key) "{\"" key "\":"
/** ,"key":"v" with key a literal (v NUL-terminated; NULL gives null). */
#define json_put_string_member(buf, key, v) \
	(json_put_lit((buf), JSON_MEMBER(key)), json_put_cstring((buf), (v)))
/** ,"key":v with key a literal and v an unsigned integer. */
#define json_put_size_member(buf, key, v) \
	(json_put_lit((buf), JSON_MEMBER(key)), json_put_size((buf), (v)))
/** Append a NUL-terminated string as it is. */
void json_put_text(struct json_buf *buf, const char *s);
/** Append s[0..len) as a quoted, escaped JSON string. */
void json_put_string(struct json_buf *buf, const char *s, size_t len);
/** Append a NUL-terminated string as a JSON string; NULL gives null. */
void json_put_cstring(struct json_buf *buf, const char *s);
/** Append an unsigned integer. */
void json_put_size(struct json_buf *buf, size_t value);
/** Append "key": (the key escaped like a string). */
void json_put_key(struct json_buf *buf, const char *key);

#endif /* TACT_TOOLS_JSON_H */
