/*
 * error.c: status codes and the thread-local detail of the last error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define TACT_ERRMSG_MAX 512
#define TACT_ERRFILE_MAX 256

struct tact_error_state {
	int code;
	char message[TACT_ERRMSG_MAX];
	char file[TACT_ERRFILE_MAX];
	int has_file;
	size_t line;
	size_t offset;
};

static _Thread_local struct tact_error_state last_error = {
	0, "", "", 0, (size_t)-1, (size_t)-1
};

const char *tact_strerror(int code)
{
	switch (code) {
	case TACT_OK: return "success";
	case TACT_ERROR: return "internal error";
	case TACT_ENOMEM: return "out of memory";
	case TACT_EINVAL: return "invalid argument";
	case TACT_EUTF8: return "invalid UTF-8";
	case TACT_EPACK: return "invalid rule pack";
	case TACT_EIO: return "cannot read file";
	case TACT_ETOOBIG: return "input too large";
	case TACT_ELIMIT: return "match limit reached";
	case TACT_EVERSION: return "unknown options version";
	case TACT_ENOTFOUND: return "not found";
	default: return "unknown error";
	}
}

static int err_set(int code, const char *file, size_t line, size_t offset,
                   const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static int err_set(int code, const char *file, size_t line, size_t offset,
                   const char *fmt, va_list ap)
{
	struct tact_error_state *e = &last_error;

	e->code = code;
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	e->has_file = file != NULL;
	if (file)
		snprintf(e->file, sizeof e->file, "%s", file);
	else
		e->file[0] = '\0';
	e->line = line;
	e->offset = offset;
	return code;
}

int tact_err(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_set(code, NULL, (size_t)-1, (size_t)-1, fmt, ap);
	va_end(ap);
	return code;
}

int tact_err_at(int code, const char *file, size_t line, size_t offset,
                const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_set(code, file, line, offset, fmt, ap);
	va_end(ap);
	return code;
}

void tact_err_clear(void)
{
	last_error.code = TACT_OK;
	last_error.message[0] = '\0';
	last_error.file[0] = '\0';
	last_error.has_file = 0;
	last_error.line = (size_t)-1;
	last_error.offset = (size_t)-1;
}

const char *tact_error_last(void)
{
	return last_error.message;
}

int tact_error_position(const char **file, size_t *line, size_t *byte_offset)
{
	if (file)
		*file = last_error.has_file ? last_error.file : NULL;
	if (line)
		*line = last_error.line;
	if (byte_offset)
		*byte_offset = last_error.offset;
	return last_error.code;
}
