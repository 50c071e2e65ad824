/*
 * args.c: the command line of `tact`: a table of long options, each naming
 * the sub-commands that accept it and the function that applies it.
 *
 * Options may come before, between or after FILE arguments; "--opt VALUE"
 * and "--opt=VALUE" are the same; "--" ends the options; "-" is stdin.
 */
#include "cli.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define ALL_CHECKING (CMD_CHECK | CMD_REWRITE)
#define ALL_LOADING (CMD_CHECK | CMD_REWRITE | CMD_RULES | CMD_VOCAB)

/* The oldest client tact knows, and the longest wait (about 68 years). */
#define MAX_AGE 150L
#define MAX_WAIT 2147483647L

struct opt_def {
	const char *name;
	unsigned int commands; /* enum cli_command bits */
	int takes_value;
	/* Either a function that applies the option, or (apply NULL, for an
	 * option without a value) the offset of the int flag it sets. */
	int (*apply)(struct cli_opts *o, const char *value);
	size_t flag;
};

#define FLAG(field) NULL, offsetof(struct cli_opts, field)

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("tact: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fputs("tact: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (command)
		fprintf(stderr, "Try 'tact %s --help'.\n", command);
	else
		fputs("Try 'tact --help'.\n", stderr);
	return EXIT_USAGE;
}

static int bad_value(const struct cli_opts *o, const char *option,
                     const char *value, const char *expected)
{
	cli_usage_error(o->name, "invalid value '%s' for --%s (expected %s)",
	                value, option, expected);
	return -1;
}

/* Index of value in the NULL-terminated list names, or -1. */
static int pick(const char *value, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(value, names[i]) == 0)
			return i;
	return -1;
}

static int opt_lang(struct cli_opts *o, const char *value)
{
	size_t i, n = strlen(value);

	if (strcmp(value, "auto") == 0) {
		o->language = NULL;
		return 0;
	}
	for (i = 0; i < n; i++)
		if (value[i] < 'a' || value[i] > 'z')
			break;
	if (n < 2 || n > 8 || i < n)
		return bad_value(o, "lang", value,
		                 "auto or a language code such as ru, ro, kk, en");
	o->language = value;
	return 0;
}

static int opt_format(struct cli_opts *o, const char *value)
{
	static const char *const names[] = { "text", "json", "jsonl", NULL };
	int i = pick(value, names);

	int listing = o->command == CMD_RULES || o->command == CMD_VOCAB;

	if (i < 0 || (listing && i == FORMAT_JSONL))
		return bad_value(o, "format", value,
		                 listing ? "text or json" : "text, json or jsonl");
	o->format = (enum cli_format)i;
	return 0;
}

static int opt_input(struct cli_opts *o, const char *value)
{
	static const char *const names[] = { "text", "jsonl", NULL };
	int i = pick(value, names);

	if (i < 0)
		return bad_value(o, "input", value, "text or jsonl");
	o->input = (enum cli_input)i;
	return 0;
}

static int opt_color(struct cli_opts *o, const char *value)
{
	static const char *const names[] = { "auto", "always", "never", NULL };
	int i = pick(value, names);

	if (i < 0)
		return bad_value(o, "color", value, "auto, always or never");
	o->color = (enum cli_color)i;
	return 0;
}

static int opt_fail_on(struct cli_opts *o, const char *value)
{
	int s = severity_from_name(value);

	if (s < 0)
		return bad_value(o, "fail-on", value, "error, warning or hint");
	o->fail_on = s;
	return 0;
}

static int opt_min_severity(struct cli_opts *o, const char *value)
{
	int s = severity_from_name(value);

	if (s < 0)
		return bad_value(o, "min-severity", value,
		                 "error, warning or hint");
	o->min_severity = s;
	return 0;
}

/* Append value to a comma-separated list. */
static int append_list(char **list, const char *value)
{
	size_t old = *list ? strlen(*list) : 0, add = strlen(value);
	char *s = realloc(*list, old + add + 2);

	if (!s) {
		cli_error("out of memory");
		return -1;
	}
	if (old)
		s[old++] = ',';
	memcpy(s + old, value, add + 1);
	*list = s;
	return 0;
}

static int opt_enable(struct cli_opts *o, const char *value)
{
	return append_list(&o->enable, value);
}

static int opt_disable(struct cli_opts *o, const char *value)
{
	return append_list(&o->disable, value);
}

static int opt_pack(struct cli_opts *o, const char *value)
{
	o->packs[o->npacks++] = value;
	return 0;
}

static int opt_age(struct cli_opts *o, const char *value)
{
	long age;

	if (parse_whole(value, strlen(value), MAX_AGE, &age) != 0)
		return bad_value(o, "age", value, "a whole number from 0 to 150");
	o->age = (int)age;
	return 0;
}

static int opt_name(struct cli_opts *o, const char *value)
{
	o->client_name = value;
	return 0;
}

static int opt_customer(struct cli_opts *o, const char *value)
{
	o->customer = value;
	return 0;
}

static int opt_customer_file(struct cli_opts *o, const char *value)
{
	o->customer_file = value;
	return 0;
}

static int opt_wait(struct cli_opts *o, const char *value)
{
	if (parse_whole(value, strlen(value), MAX_WAIT, &o->wait_seconds) != 0)
		return bad_value(o, "wait", value, "a whole number of seconds");
	return 0;
}

static const struct opt_def options[] = {
	{ "lang", ALL_LOADING, 1, opt_lang, 0 },
	{ "format", CMD_CHECK | CMD_RULES | CMD_VOCAB, 1, opt_format, 0 },
	{ "input", ALL_CHECKING, 1, opt_input, 0 },
	{ "fix", CMD_CHECK, 0, FLAG(fix) },
	{ "fail-on", CMD_CHECK, 1, opt_fail_on, 0 },
	{ "min-severity", ALL_CHECKING, 1, opt_min_severity, 0 },
	{ "enable", ALL_CHECKING, 1, opt_enable, 0 },
	{ "disable", ALL_CHECKING, 1, opt_disable, 0 },
	{ "english", CMD_CHECK | CMD_RULES | CMD_VOCAB, 0, FLAG(english) },
	{ "include-quotes", ALL_CHECKING, 0, FLAG(include_quotes) },
	{ "no-builtin", ALL_LOADING, 0, FLAG(no_builtin) },
	{ "pack", ALL_LOADING, 1, opt_pack, 0 },
	{ "color", CMD_CHECK, 1, opt_color, 0 },
	{ "stats", CMD_RULES, 0, FLAG(stats) },
	{ "summary", CMD_CHECK, 0, FLAG(summary) },
	{ "age", ALL_CHECKING | CMD_VOCAB, 1, opt_age, 0 },
	{ "name", ALL_CHECKING, 1, opt_name, 0 },
	{ "customer", ALL_CHECKING, 1, opt_customer, 0 },
	{ "customer-file", ALL_CHECKING, 1, opt_customer_file, 0 },
	{ "wait", ALL_CHECKING, 1, opt_wait, 0 },
	{ "discovery", ALL_CHECKING, 0, FLAG(discovery) },
	{ "help", CMD_CHECK | CMD_REWRITE | CMD_RULES | CMD_TEST_PACK | CMD_VOCAB,
	  0, FLAG(help) },
};

/* The option named by name[0..len), if the command accepts it. */
static const struct opt_def *find_option(const char *name, size_t len,
                                         enum cli_command command)
{
	size_t i;

	for (i = 0; i < sizeof options / sizeof options[0]; i++) {
		const struct opt_def *d = &options[i];
		if (strncmp(d->name, name, len) == 0 && d->name[len] == '\0')
			return (d->commands & (unsigned int)command) ? d : NULL;
	}
	return NULL;
}

/* Apply the option at argv[*i] ("--name" or "--name=value"). */
static int parse_option(struct cli_opts *o, int argc, char **argv, int *i)
{
	const char *arg = strcmp(argv[*i], "-h") == 0 ? "--help" : argv[*i];
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct opt_def *d = NULL;

	if (arg[1] == '-')
		d = find_option(name, len, o->command);
	if (!d) {
		cli_usage_error(o->name, "unknown option '%.*s' for '%s'",
		                (int)(eq ? (size_t)(eq - arg) : strlen(arg)), arg,
		                o->name);
		return -1;
	}
	if (!d->takes_value && eq) {
		cli_usage_error(o->name, "option '--%s' takes no value", d->name);
		return -1;
	}
	if (d->takes_value && !eq && *i + 1 >= argc) {
		cli_usage_error(o->name, "option '--%s' needs a value", d->name);
		return -1;
	}
	if (!d->takes_value && !d->apply) {
		*(int *)(void *)((char *)o + d->flag) = 1;
		return 0;
	}
	if (!d->takes_value)
		return d->apply(o, NULL);
	return d->apply(o, eq ? eq + 1 : argv[++*i]);
}

static void opts_init(struct cli_opts *o, enum cli_command command,
                      const char *name)
{
	memset(o, 0, sizeof *o);
	o->command = command;
	o->name = name;
	o->format = FORMAT_TEXT;
	o->input = INPUT_TEXT;
	o->color = COLOR_AUTO;
	o->fail_on = TACT_SEVERITY_HINT;
	o->min_severity = TACT_SEVERITY_HINT;
	o->age = -1;
	o->wait_seconds = -1;
}

/* Whether the messages come (partly) from standard input. */
static int reads_stdin(const struct cli_opts *o)
{
	size_t i;

	for (i = 0; i < o->nfiles; i++)
		if (strcmp(o->files[i], "-") == 0)
			return 1;
	return o->nfiles == 0;
}

/* What a command requires of its FILE arguments and option pairs. */
static int check_arguments(const struct cli_opts *o)
{
	if (o->help)
		return 0;
	if ((o->command == CMD_RULES || o->command == CMD_VOCAB) &&
	    o->nfiles > 0) {
		cli_usage_error(o->name, "'%s' takes no FILE argument ('%s')",
		                o->name, o->files[0]);
		return -1;
	}
	if (o->customer && o->customer_file) {
		cli_usage_error(o->name, "--customer and --customer-file cannot be "
		                "used together");
		return -1;
	}
	if (o->customer_file && strcmp(o->customer_file, "-") == 0 &&
	    reads_stdin(o)) {
		cli_usage_error(o->name, "--customer-file - needs the messages "
		                "in FILE arguments, not on standard input");
		return -1;
	}
	if (o->summary && o->fix) {
		cli_usage_error(o->name, "--summary and --fix cannot be used "
		                "together");
		return -1;
	}
	if (o->command == CMD_TEST_PACK && o->nfiles == 0) {
		cli_usage_error(o->name, "'test-pack' needs at least one FILE");
		return -1;
	}
	return 0;
}

int cli_parse(struct cli_opts *o, enum cli_command command, const char *name,
              int argc, char **argv, int first)
{
	int i, only_files = 0;

	opts_init(o, command, name);
	o->packs = calloc((size_t)argc + 1, sizeof *o->packs);
	o->files = calloc((size_t)argc + 1, sizeof *o->files);
	if (!o->packs || !o->files) {
		cli_error("out of memory");
		return -1;
	}
	for (i = first; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || a[1] == '\0') {
			o->files[o->nfiles++] = a;
		} else if (strcmp(a, "--") == 0) {
			only_files = 1;
		} else if (parse_option(o, argc, argv, &i) != 0) {
			return -1;
		}
	}
	return check_arguments(o);
}

void cli_opts_free(struct cli_opts *o)
{
	free(o->enable);
	free(o->disable);
	free(o->packs);
	free(o->files);
	o->enable = o->disable = NULL;
	o->packs = o->files = NULL;
}
