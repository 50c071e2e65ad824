/*
 * setup.c: from command-line options to a tact checker and check options,
 * and the names the tool gives to severities and errors.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int parse_whole(const char *s, size_t len, long max, long *out)
{
	long v = 0;
	size_t i;

	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (max - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int severity_from_name(const char *name)
{
	int s;

	for (s = TACT_SEVERITY_HINT; s <= TACT_SEVERITY_ERROR; s++)
		if (strcmp(name, tact_severity_name(s) ? tact_severity_name(s)
		                                       : "") == 0)
			return s;
	return -1;
}

const char *status_code_name(int status)
{
	switch (status) {
	case TACT_EUTF8: return "utf8";
	case TACT_ETOOBIG: return "too_big";
	case TACT_ENOTFOUND: return "language";
	case TACT_ELIMIT: return "limit";
	case TACT_ENOMEM: return "memory";
	case TACT_EINVAL: return "invalid";
	case TACT_EIO: return "io";
	default: return "internal";
	}
}

void setup_report_error(int code, const char *what)
{
	const char *detail = tact_error_last();

	if (!detail || !*detail)
		cli_error("%s: %s", what, tact_strerror(code));
	else if (strstr(detail, what))
		cli_error("%s", detail);
	else
		cli_error("%s: %s", what, detail);
}

int setup_checker(const struct cli_opts *o, tact_checker **out)
{
	unsigned int flags = o->no_builtin ? TACT_CHECKER_NO_BUILTIN
	                                   : TACT_CHECKER_DEFAULT;
	size_t i;
	int rc = tact_checker_new(out, flags);

	if (rc != TACT_OK) {
		setup_report_error(rc, "cannot create a checker");
		return -1;
	}
	for (i = 0; i < o->npacks; i++) {
		rc = tact_checker_add_pack_file(*out, o->packs[i]);
		if (rc != TACT_OK) {
			setup_report_error(rc, o->packs[i]);
			tact_checker_free(*out);
			*out = NULL;
			return -1;
		}
	}
	return 0;
}

/* The customer's message of --customer or --customer-file. */
static int setup_customer(const struct cli_opts *o, tact_check_options *t,
                          char **owned)
{
	size_t len = 0;
	int err;

	if (o->customer) {
		t->customer_message = o->customer;
		t->customer_message_len = strlen(o->customer);
		return 0;
	}
	if (!o->customer_file)
		return 0;
	err = input_read_file(o->customer_file, owned, &len);
	if (err) {
		cli_error("cannot read --customer-file '%s': %s", o->customer_file,
		          strerror(err));
		return -1;
	}
	t->customer_message = *owned;
	t->customer_message_len = len;
	return 0;
}

int setup_check_options(const struct cli_opts *o, tact_check_options *t,
                        char **owned)
{
	tact_check_options defaults = TACT_CHECK_OPTIONS_INIT;

	*t = defaults;
	*owned = NULL;
	t->language = o->language;
	t->min_severity = o->min_severity;
	t->enable = o->enable;
	t->disable = o->disable;
	t->flags = (o->english ? TACT_CHECK_ENGLISH : 0u) |
	           (o->include_quotes ? TACT_CHECK_INCLUDE_QUOTES : 0u) |
	           (o->discovery ? TACT_CHECK_DISCOVERY : 0u);
	t->age = o->age;
	t->client_name = o->client_name;
	t->wait_seconds = o->wait_seconds;
	return setup_customer(o, t, owned);
}

int setup_probe(const tact_checker *checker, const tact_check_options *t)
{
	tact_report *r = NULL;
	int rc = tact_check(&r, checker, "", 0, t);

	tact_report_free(r);
	if (rc == TACT_OK)
		return 0;
	if (rc == TACT_ENOTFOUND && t->language)
		cli_error("unknown language '%s': no loaded pack has it",
		          t->language);
	else
		setup_report_error(rc, "invalid options");
	return -1;
}
