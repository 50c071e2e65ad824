/*
 * check.c: `tact check` and `tact rewrite`.
 *
 * Both read messages (input.c), run each through one checker and write the
 * result as soon as it is known, so a long JSONL stream is processed in
 * constant memory. A message that cannot be checked (malformed line, invalid
 * UTF-8...) is reported on its own and the rest still get checked; the exit
 * status is then 2. With --summary, check only counts (summary.c) and
 * prints the totals at the end.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run {
	const struct cli_opts *o;
	tact_checker *checker;
	tact_check_options topts;
	char *customer;           /* --customer-file's text, or NULL */
	struct summary *summary;  /* --summary: the totals, else NULL */
	enum cli_format format;   /* how results and errors are written */
	struct text_style style;
	struct json_buf buf;
	size_t counts[3];         /* findings by severity */
	size_t failed;            /* messages that could not be checked */
	size_t emitted;           /* JSON objects written so far */
	int worst;                /* highest severity found, -1 for none */
};

static int run_start(struct run *r, const struct cli_opts *o,
                     enum cli_format format)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->format = format;
	r->worst = -1;
	r->style.color = format == FORMAT_TEXT && text_use_color(o->color);
	if (setup_checker(o, &r->checker) != 0)
		return -1;
	if (setup_check_options(o, &r->topts, &r->customer) != 0)
		return -1;
	if (o->summary && !(r->summary = summary_new())) {
		cli_error("out of memory");
		return -1;
	}
	return setup_probe(r->checker, &r->topts);
}

static void run_end(struct run *r)
{
	json_buf_free(&r->buf);
	tact_checker_free(r->checker);
	summary_free(r->summary);
	free(r->customer);
	r->checker = NULL;
	r->summary = NULL;
	r->customer = NULL;
}

/* Write the object in r->buf: a line of JSONL, or an element of the array. */
static int emit_object(struct run *r)
{
	if (r->format == FORMAT_JSON)
		fputs(r->emitted ? ",\n" : "[\n", stdout);
	r->emitted++;
	if (json_flush(&r->buf, stdout) != 0) {
		cli_error("out of memory");
		return -1;
	}
	if (r->format == FORMAT_JSONL)
		fputc('\n', stdout);
	return 0;
}

static void close_array(const struct run *r)
{
	if (r->format == FORMAT_JSON && !r->summary)
		fputs(r->emitted ? "\n]\n" : "[]\n", stdout);
}

static int emit_error(struct run *r, const char *id, const char *code,
                      const char *message, size_t offset)
{
	r->failed++;
	if (r->summary)
		summary_failed(r->summary);
	if (r->format == FORMAT_TEXT || r->summary) {
		text_print_error(stderr, id, message);
		return 0;
	}
	json_put_error(&r->buf, id, code, message, offset);
	return emit_object(r);
}

/* Report the tact error rc raised while checking message m. */
static int emit_tact_error(struct run *r, const struct message *m, int rc,
                           const char *language)
{
	size_t offset = (size_t)-1;
	char detail[512];
	const char *last;

	if (rc == TACT_EUTF8)
		tact_error_position(NULL, NULL, &offset);
	last = tact_error_last();
	if (rc == TACT_ENOTFOUND && language)
		snprintf(detail, sizeof detail, "unknown language '%s'", language);
	else
		snprintf(detail, sizeof detail, "%s",
		         last && *last ? last : tact_strerror(rc));
	return emit_error(r, m->id, status_code_name(rc), detail, offset);
}

/* The command line's options, overridden by the message's own context. */
static void message_options(const struct run *r, const struct message *m,
                            tact_check_options *t)
{
	*t = r->topts;
	if (m->language)
		t->language = m->language;
	if (m->age >= 0)
		t->age = m->age;
	if (m->client_name)
		t->client_name = m->client_name;
	if (m->customer) {
		t->customer_message = m->customer;
		t->customer_message_len = m->customer_len;
	}
	if (m->wait_seconds >= 0)
		t->wait_seconds = m->wait_seconds;
	if (m->discovery == 1)
		t->flags |= TACT_CHECK_DISCOVERY;
	else if (m->discovery == 0)
		t->flags &= ~TACT_CHECK_DISCOVERY;
}

static void count_findings(struct run *r, const tact_report *rep)
{
	size_t i, n = tact_report_count(rep);

	for (i = 0; i < n; i++) {
		int s = tact_finding_severity(tact_report_finding(rep, i));
		if (s < TACT_SEVERITY_HINT || s > TACT_SEVERITY_ERROR)
			s = TACT_SEVERITY_ERROR;
		r->counts[s]++;
		if (s > r->worst)
			r->worst = s;
	}
}

static int emit_report(struct run *r, const struct message *m,
                       const tact_check_options *t, const tact_report *rep,
                       const char *fixed, size_t fixed_len)
{
	if (r->summary) {
		if (summary_add(r->summary, m->agent, rep) == 0)
			return 0;
		cli_error("out of memory");
		return -1;
	}
	if (r->format != FORMAT_TEXT) {
		json_put_report(&r->buf, m->id, rep, fixed, fixed_len);
		return emit_object(r);
	}
	text_print_findings(stdout, &r->style, m, rep);
	if (text_print_coaching(stdout, rep, t->age) != 0) {
		cli_error("out of memory");
		return -1;
	}
	if (fixed)
		text_print_fixed(stdout, fixed, fixed_len);
	return 0;
}

static int check_message(void *payload, const struct message *m)
{
	struct run *r = payload;
	tact_check_options t;
	tact_report *rep = NULL;
	char *fixed = NULL;
	size_t fixed_len = 0;
	int rc;

	if (m->error_code)
		return emit_error(r, m->id, m->error_code, m->error,
		                  m->error_offset);
	message_options(r, m, &t);
	rc = tact_check(&rep, r->checker, m->text, m->len, &t);
	if (rc == TACT_OK && r->o->fix)
		rc = tact_rewrite(&fixed, &fixed_len, r->checker, m->text,
		                  m->len, &t);
	if (rc != TACT_OK) {
		tact_report_free(rep);
		return emit_tact_error(r, m, rc, m->language);
	}
	count_findings(r, rep);
	rc = emit_report(r, m, &t, rep, fixed, fixed_len);
	tact_free(fixed);
	tact_report_free(rep);
	return rc;
}

static int check_status(const struct run *r)
{
	if (r->failed)
		return EXIT_USAGE;
	return r->worst >= r->o->fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
}

int cmd_check(const struct cli_opts *o)
{
	struct run r;
	int rc;

	if (run_start(&r, o, o->format) != 0) {
		run_end(&r);
		return EXIT_USAGE;
	}
	rc = input_each(o, check_message, &r);
	close_array(&r);
	if (r.summary && summary_print(r.summary, r.format, stdout) != 0) {
		cli_error("out of memory");
		rc = -1;
	} else if (!r.summary && r.format == FORMAT_TEXT) {
		text_print_summary(stderr, r.counts, r.failed);
	}
	rc = rc ? EXIT_USAGE : check_status(&r);
	run_end(&r);
	return rc;
}

static int rewrite_message(void *payload, const struct message *m)
{
	struct run *r = payload;
	tact_check_options t;
	char *out = NULL;
	size_t len = 0;
	int rc;

	if (m->error_code)
		return emit_error(r, m->id, m->error_code, m->error,
		                  m->error_offset);
	message_options(r, m, &t);
	rc = tact_rewrite(&out, &len, r->checker, m->text, m->len, &t);
	if (rc != TACT_OK)
		return emit_tact_error(r, m, rc, m->language);
	if (r->format == FORMAT_TEXT) {
		fwrite(out, 1, len, stdout);
	} else {
		json_put_rewrite(&r->buf, m->id, out, len);
		rc = emit_object(r);
	}
	tact_free(out);
	return rc;
}

int cmd_rewrite(const struct cli_opts *o)
{
	enum cli_format format =
		o->input == INPUT_JSONL ? FORMAT_JSONL : FORMAT_TEXT;
	struct run r;
	int rc;

	if (run_start(&r, o, format) != 0) {
		run_end(&r);
		return EXIT_USAGE;
	}
	rc = input_each(o, rewrite_message, &r);
	rc = rc || r.failed ? EXIT_USAGE : EXIT_CLEAN;
	run_end(&r);
	return rc;
}
