/*
 * out_text.c: findings as compiler-style diagnostics.
 *
 *   <stdin>:1:16: warning: <message> [ru.contrast.no]
 *       1 | Товар хороший, но дорогой. Вы должны заполнить форму.
 *         |                ^~
 *         = suggestion: однако
 *
 * Columns and carets count code points, not bytes; a tab in the line is
 * repeated under it so the caret stays aligned.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"
#define SGR_GREEN "\033[1;32m"

/* The narrowest line-number gutter; wider when the number needs it. */
#define GUTTER_MIN 5

int text_use_color(enum cli_color color)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (color != COLOR_AUTO)
		return color == COLOR_ALWAYS;
	if (no_color && *no_color)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(stdout));
}

static const char *severity_sgr(int severity)
{
	switch (severity) {
	case TACT_SEVERITY_ERROR: return "\033[1;31m";
	case TACT_SEVERITY_WARNING: return "\033[1;35m";
	default: return "\033[1;36m";
	}
}

/* Start a colour (when colour is on). */
static void sgr(FILE *f, const struct text_style *st, const char *code)
{
	if (st->color)
		fputs(code, f);
}

static int is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static size_t count_code_points(const char *s, size_t n)
{
	size_t i, cps = 0;

	for (i = 0; i < n; i++)
		cps += !is_continuation((unsigned char)s[i]);
	return cps;
}

static int gutter_width(size_t line)
{
	int w = 1;

	while (line >= 10) {
		line /= 10;
		w++;
	}
	return w < GUTTER_MIN ? GUTTER_MIN : w;
}

/* The source line, control characters (but tabs) shown as spaces. */
static void put_source(FILE *f, const char *s, size_t n)
{
	size_t i;

	if (n > 0 && s[n - 1] == '\r')
		n--;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		fputc((c < 0x20 && c != '\t') || c == 0x7F ? ' ' : c, f);
	}
}

/* Blanks under s[0..n): one per code point, a tab under a tab. */
static void put_padding(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\t')
			fputc('\t', f);
		else if (!is_continuation((unsigned char)s[i]))
			fputc(' ', f);
	}
}

static void put_caret(FILE *f, const struct text_style *st, int severity,
                      size_t width)
{
	size_t i;

	sgr(f, st, severity_sgr(severity));
	fputc('^', f);
	for (i = 1; i < width; i++)
		fputc('~', f);
	sgr(f, st, SGR_RESET);
}

/* The line holding bytes [start, end) of text, and a caret under them. */
static void put_snippet(FILE *f, const struct text_style *st, const char *text,
                        size_t len, size_t start, size_t end, size_t line,
                        int severity)
{
	size_t ls = start, le = start;
	int w = gutter_width(line);

	while (ls > 0 && text[ls - 1] != '\n')
		ls--;
	while (le < len && text[le] != '\n')
		le++;
	if (end > le)
		end = le;
	fprintf(f, "%*zu | ", w, line);
	put_source(f, text + ls, le - ls);
	fprintf(f, "\n%*s | ", w, "");
	put_padding(f, text + ls, start - ls);
	put_caret(f, st, severity, count_code_points(text + start, end - start));
	fputc('\n', f);
}

static void put_header(FILE *f, const struct text_style *st, const char *id,
                       const tact_finding *fd, size_t line, size_t column)
{
	int severity = tact_finding_severity(fd);
	const char *name = tact_severity_name(severity);

	sgr(f, st, SGR_BOLD);
	fprintf(f, "%s:%zu:%zu:", id, line, column);
	sgr(f, st, SGR_RESET);
	fputc(' ', f);
	sgr(f, st, severity_sgr(severity));
	fprintf(f, "%s:", name ? name : "warning");
	sgr(f, st, SGR_RESET);
	fputc(' ', f);
	sgr(f, st, SGR_BOLD);
	fputs(tact_finding_message(fd) ? tact_finding_message(fd) : "", f);
	sgr(f, st, SGR_RESET);
	fprintf(f, " [%s]\n", tact_finding_rule(fd));
}

static void put_suggestions(FILE *f, const struct text_style *st,
                            const tact_finding *fd, int width)
{
	size_t i, n = tact_finding_suggestion_count(fd);

	for (i = 0; i < n; i++) {
		fprintf(f, "%*s = suggestion: ", width, "");
		sgr(f, st, SGR_GREEN);
		fputs(tact_finding_suggestion(fd, i), f);
		sgr(f, st, SGR_RESET);
		fputc('\n', f);
	}
}

static void put_finding(FILE *f, const struct text_style *st,
                        const struct message *m, const tact_finding *fd)
{
	size_t start = 0, end = 0, line = 1, column = 1;

	tact_finding_span(fd, &start, &end, NULL, NULL, &line, &column);
	if (start > m->len)
		start = m->len;
	if (end < start || end > m->len)
		end = end < start ? start : m->len;
	put_header(f, st, m->id, fd, line, column);
	put_snippet(f, st, m->text, m->len, start, end, line,
	            tact_finding_severity(fd));
	put_suggestions(f, st, fd, gutter_width(line));
}

void text_print_findings(FILE *f, const struct text_style *st,
                         const struct message *m, const tact_report *r)
{
	size_t i, n = tact_report_count(r);

	for (i = 0; i < n; i++)
		put_finding(f, st, m, tact_report_finding(r, i));
}

void text_print_fixed(FILE *f, const char *fixed, size_t len)
{
	fputs("fixed:\n", f);
	fwrite(fixed, 1, len, f);
	if (len == 0 || fixed[len - 1] != '\n')
		fputc('\n', f);
}

void text_print_error(FILE *f, const char *id, const char *message)
{
	fprintf(f, "%s: error: %s\n", id, message);
}

static void put_count(FILE *f, size_t n, const char *noun, const char *sep)
{
	fprintf(f, "%zu %s%s%s", n, noun, n == 1 ? "" : "s", sep);
}

void text_print_summary(FILE *f, const size_t counts[3], size_t failed)
{
	put_count(f, counts[TACT_SEVERITY_WARNING], "warning", ", ");
	put_count(f, counts[TACT_SEVERITY_ERROR], "error", ", ");
	put_count(f, counts[TACT_SEVERITY_HINT], "hint", "");
	if (failed) {
		fputs("; ", f);
		put_count(f, failed, "message", " not checked");
	}
	fputc('\n', f);
}
