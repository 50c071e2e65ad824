/*
 * input.c: the messages `tact check` and `tact rewrite` read.
 *
 * --input text: each FILE (or stdin) is one message, named by the file.
 * --input jsonl: each non-blank line is {"id", "text", "lang", "age",
 * "name"}; only "text" is required, unknown members are ignored, "id"
 * defaults to the line number. A line that cannot be used becomes a message
 * carrying an error, so the caller can report it and go on.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define NO_OFFSET ((size_t)-1)

/* ---------------------------------------------------------------------- */
/* Files                                                                   */
/* ---------------------------------------------------------------------- */

static const char *display_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static FILE *open_input(const char *path)
{
	return strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
}

static void close_input(FILE *f)
{
	if (f && f != stdin)
		fclose(f);
}

/* Read all of f into *out (NUL-terminated). 0, or an errno value. */
static int read_all(FILE *f, char **out, size_t *len)
{
	size_t cap = 0, n = 0, got;
	char *buf = NULL, *grown;

	do {
		if (n > TACT_MAX_TEXT) {
			free(buf);
			return EFBIG;
		}
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			grown = realloc(buf, cap + 1);
			if (!grown) {
				free(buf);
				return ENOMEM;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		int e = errno ? errno : EIO;
		free(buf);
		return e;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static int io_error(const char *id, int err, message_fn fn, void *payload)
{
	struct message m;
	char detail[256];

	memset(&m, 0, sizeof m);
	snprintf(detail, sizeof detail, "cannot read: %s", strerror(err));
	m.id = id;
	m.error_code = err == EFBIG ? "too_big" : "io";
	m.error = err == EFBIG ? "the message is larger than tact accepts"
	                       : detail;
	m.error_offset = NO_OFFSET;
	return fn(payload, &m);
}

static int text_file(const char *path, message_fn fn, void *payload)
{
	struct message m;
	FILE *f = open_input(path);
	char *text = NULL;
	int err, rc;

	if (!f)
		return io_error(display_name(path), errno, fn, payload);
	errno = 0;
	err = read_all(f, &text, &m.len);
	close_input(f);
	if (err)
		return io_error(display_name(path), err, fn, payload);
	m.id = display_name(path);
	m.text = text;
	m.language = NULL;
	m.error_code = NULL;
	m.error = NULL;
	m.error_offset = NO_OFFSET;
	rc = fn(payload, &m);
	free(text);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* JSON lines                                                              */
/* ---------------------------------------------------------------------- */

/* What one line holds. Strings are owned copies. */
struct line_fields {
	char *id;
	char *text;
	size_t text_len;
	char *lang;
	int has_text;
	const char *bad;   /* why a member was refused */
};

/* Callback results besides 0. */
#define MEMBER_BAD 1
#define MEMBER_NOMEM 2

static int key_is(const char *key, size_t len, const char *name)
{
	return len == strlen(name) && memcmp(key, name, len) == 0;
}

static int copy_value(char **out, const struct json_value *v)
{
	char *s = malloc(v->len + 1);

	if (!s)
		return MEMBER_NOMEM;
	memcpy(s, v->str, v->len);
	s[v->len] = '\0';
	free(*out);
	*out = s;
	return 0;
}

static int refuse(struct line_fields *lf, const char *why)
{
	lf->bad = why;
	return MEMBER_BAD;
}

static int take_text(struct line_fields *lf, const struct json_value *v)
{
	if (v->type != JSON_STRING)
		return refuse(lf, "member \"text\" must be a string");
	if (lf->has_text)
		return refuse(lf, "duplicate member \"text\"");
	lf->has_text = 1;
	lf->text_len = v->len;
	return copy_value(&lf->text, v);
}

static int take_id(struct line_fields *lf, const struct json_value *v)
{
	if (v->type != JSON_STRING && v->type != JSON_NUMBER)
		return refuse(lf, "member \"id\" must be a string");
	return copy_value(&lf->id, v);
}

static int take_lang(struct line_fields *lf, const struct json_value *v)
{
	if (v->type == JSON_NULL)
		return 0;
	if (v->type != JSON_STRING)
		return refuse(lf, "member \"lang\" must be a string");
	return copy_value(&lf->lang, v);
}

static int on_member(void *payload, const char *key, size_t len,
                     const struct json_value *v)
{
	struct line_fields *lf = payload;

	if (key_is(key, len, "text"))
		return take_text(lf, v);
	if (key_is(key, len, "id"))
		return take_id(lf, v);
	if (key_is(key, len, "lang"))
		return take_lang(lf, v);
	if (key_is(key, len, "age") && v->type != JSON_NUMBER &&
	    v->type != JSON_NULL)
		return refuse(lf, "member \"age\" must be a number");
	if (key_is(key, len, "name") && v->type != JSON_STRING &&
	    v->type != JSON_NULL)
		return refuse(lf, "member \"name\" must be a string");
	return 0;
}

static void free_fields(struct line_fields *lf)
{
	free(lf->id);
	free(lf->text);
	free(lf->lang);
}

static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Describe why a line was refused into m (detail is the caller's buffer). */
static void line_error(struct message *m, int rc, const struct line_fields *lf,
                       const struct json_error *je, char *detail, size_t size)
{
	m->error_code = "json";
	m->error_offset = NO_OFFSET;
	if (rc == JSON_ESYNTAX) {
		snprintf(detail, size, "invalid JSON at byte %zu: %s",
		         je->offset, je->message);
		m->error = detail;
		m->error_offset = je->offset;
	} else if (rc == MEMBER_BAD) {
		m->error = lf->bad;
	} else if (rc == JSON_ENOMEM || rc == MEMBER_NOMEM) {
		m->error_code = "memory";
		m->error = "out of memory";
	} else {
		m->error = "missing member \"text\"";
	}
}

static int jsonl_line(const char *line, size_t len, size_t lineno,
                      message_fn fn, void *payload)
{
	struct line_fields lf;
	struct json_error je = { 0, "" };
	struct message m;
	char number[32], detail[160];
	int rc;

	memset(&lf, 0, sizeof lf);
	memset(&m, 0, sizeof m);
	rc = json_parse_object(line, len, on_member, &lf, &je);
	snprintf(number, sizeof number, "%zu", lineno);
	m.id = lf.id ? lf.id : number;
	if (rc != 0 || !lf.has_text) {
		line_error(&m, rc, &lf, &je, detail, sizeof detail);
	} else {
		m.text = lf.text;
		m.len = lf.text_len;
		m.language = lf.lang;
		m.error_offset = NO_OFFSET;
	}
	rc = fn(payload, &m);
	free_fields(&lf);
	return rc;
}

/* Strip the line break (and a UTF-8 byte order mark on the first line). */
static const char *trim_line(const char *line, size_t *len, size_t lineno)
{
	if (*len > 0 && line[*len - 1] == '\n')
		(*len)--;
	if (lineno == 1 && *len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		*len -= 3;
		return line + 3;
	}
	return line;
}

static int jsonl_file(const char *path, message_fn fn, void *payload)
{
	FILE *f = open_input(path);
	char *line = NULL;
	size_t cap = 0, lineno = 0, len;
	ssize_t got;
	int rc = 0;

	if (!f)
		return io_error(display_name(path), errno, fn, payload);
	errno = 0;
	while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
		const char *s;
		len = (size_t)got;
		s = trim_line(line, &len, ++lineno);
		if (!blank(s, len))
			rc = jsonl_line(s, len, lineno, fn, payload);
	}
	if (rc == 0 && ferror(f))
		rc = io_error(display_name(path), errno ? errno : EIO, fn,
		              payload);
	free(line);
	close_input(f);
	return rc;
}

int input_each(const struct cli_opts *o, message_fn fn, void *payload)
{
	static const char *const stdin_only[] = { "-" };
	const char *const *files = o->nfiles ? o->files : stdin_only;
	size_t i, n = o->nfiles ? o->nfiles : 1;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if (o->input == INPUT_JSONL)
			rc = jsonl_file(files[i], fn, payload);
		else
			rc = text_file(files[i], fn, payload);
	}
	return rc;
}
