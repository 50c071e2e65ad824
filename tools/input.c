/*
 * input.c: the messages `tact check` and `tact rewrite` read.
 *
 * --input text: each FILE (or stdin) is one message, named by the file.
 * --input jsonl: each non-blank line is {"id", "text", "lang", "age",
 * "name", "customer", "wait_seconds", "discovery", "agent"}; only "text" is
 * required, unknown members are ignored, "id" defaults to the line number,
 * null means "as on the command line". A line that cannot be used becomes a
 * message carrying an error, so the caller can report it and go on.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define NO_OFFSET ((size_t)-1)
/* The longest wait a message may give: about 68 years, in seconds. */
#define MAX_WAIT 2147483647L
/* The oldest client tact knows (tact_check_options.age). */
#define MAX_AGE 150L

/* A message with no text, no error and no context of its own. */
static void message_init(struct message *m)
{
	memset(m, 0, sizeof *m);
	m->error_offset = NO_OFFSET;
	m->age = -1;
	m->wait_seconds = -1;
	m->discovery = -1;
}

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

	message_init(&m);
	snprintf(detail, sizeof detail, "cannot read: %s", strerror(err));
	m.id = id;
	m.error_code = err == EFBIG ? "too_big" : "io";
	m.error = err == EFBIG ? "the message is larger than tact accepts"
	                       : detail;
	return fn(payload, &m);
}

static int text_file(const char *path, message_fn fn, void *payload)
{
	struct message m;
	FILE *f = open_input(path);
	char *text = NULL;
	int err, rc;

	message_init(&m);
	if (!f)
		return io_error(display_name(path), errno, fn, payload);
	errno = 0;
	err = read_all(f, &text, &m.len);
	close_input(f);
	if (err)
		return io_error(display_name(path), err, fn, payload);
	m.id = display_name(path);
	m.text = text;
	rc = fn(payload, &m);
	free(text);
	return rc;
}

int input_read_file(const char *path, char **out, size_t *len)
{
	FILE *f = open_input(path);
	int err;

	if (!f)
		return errno ? errno : EIO;
	errno = 0;
	err = read_all(f, out, len);
	close_input(f);
	return err;
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
	char *name;
	char *customer;
	size_t customer_len;
	char *agent;
	long age;          /* -1 when not given, and the others likewise */
	long wait_seconds;
	int discovery;
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

/* An optional string member: null leaves *out alone. */
static int take_string(struct line_fields *lf, const struct json_value *v,
                       char **out, const char *why)
{
	if (v->type == JSON_NULL)
		return 0;
	if (v->type != JSON_STRING)
		return refuse(lf, why);
	return copy_value(out, v);
}

/* An optional whole-number member from 0 to max: null leaves *out alone. */
static int take_whole(struct line_fields *lf, const struct json_value *v,
                      long max, long *out, const char *why)
{
	if (v->type == JSON_NULL)
		return 0;
	if (v->type != JSON_NUMBER || parse_whole(v->str, v->len, max, out) != 0)
		return refuse(lf, why);
	return 0;
}

static int take_customer(struct line_fields *lf, const struct json_value *v)
{
	int rc = take_string(lf, v, &lf->customer,
	                     "member \"customer\" must be a string");

	if (rc == 0 && v->type == JSON_STRING)
		lf->customer_len = v->len;
	return rc;
}

static int take_discovery(struct line_fields *lf, const struct json_value *v)
{
	if (v->type == JSON_TRUE || v->type == JSON_FALSE)
		lf->discovery = v->type == JSON_TRUE;
	else if (v->type != JSON_NULL)
		return refuse(lf, "member \"discovery\" must be true or false");
	return 0;
}

/* The members of the coaching context (docs/coaching.md). */
static int take_context(struct line_fields *lf, const char *key, size_t len,
                        const struct json_value *v)
{
	if (key_is(key, len, "age"))
		return take_whole(lf, v, MAX_AGE, &lf->age,
		                  "member \"age\" must be a whole number from 0 "
		                  "to 150");
	if (key_is(key, len, "wait_seconds"))
		return take_whole(lf, v, MAX_WAIT, &lf->wait_seconds,
		                  "member \"wait_seconds\" must be a whole number "
		                  "of seconds");
	if (key_is(key, len, "name"))
		return take_string(lf, v, &lf->name,
		                   "member \"name\" must be a string");
	if (key_is(key, len, "customer"))
		return take_customer(lf, v);
	if (key_is(key, len, "discovery"))
		return take_discovery(lf, v);
	if (key_is(key, len, "agent"))
		return take_string(lf, v, &lf->agent,
		                   "member \"agent\" must be a string");
	return 0;
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
	return take_context(lf, key, len, v);
}

static void init_fields(struct line_fields *lf)
{
	memset(lf, 0, sizeof *lf);
	lf->age = -1;
	lf->wait_seconds = -1;
	lf->discovery = -1;
}

static void free_fields(struct line_fields *lf)
{
	free(lf->id);
	free(lf->text);
	free(lf->lang);
	free(lf->name);
	free(lf->customer);
	free(lf->agent);
}

/* The message a well-formed line describes. */
static void line_message(struct message *m, const struct line_fields *lf)
{
	m->text = lf->text;
	m->len = lf->text_len;
	m->language = lf->lang;
	m->age = (int)lf->age;
	m->client_name = lf->name;
	m->customer = lf->customer;
	m->customer_len = lf->customer_len;
	m->wait_seconds = lf->wait_seconds;
	m->discovery = lf->discovery;
	m->agent = lf->agent;
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

	init_fields(&lf);
	message_init(&m);
	rc = json_parse_object(line, len, on_member, &lf, &je);
	snprintf(number, sizeof number, "%zu", lineno);
	m.id = lf.id ? lf.id : number;
	if (rc != 0 || !lf.has_text)
		line_error(&m, rc, &lf, &je, detail, sizeof detail);
	else
		line_message(&m, &lf);
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
