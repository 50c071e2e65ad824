/*
 * cli.h: what the parts of the `tact` command share: the parsed options,
 * the message reader, the output formatters and the sub-commands.
 */
#ifndef TACT_TOOLS_CLI_H
#define TACT_TOOLS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "json.h"
#include "tact.h"

/* Exit codes. */
#define EXIT_CLEAN 0    /* nothing at or above --fail-on */
#define EXIT_FINDINGS 1 /* findings (or failed pack examples) */
#define EXIT_USAGE 2    /* usage or input error */

/* Sub-commands, as bits so an option can name those that accept it. */
enum cli_command {
	CMD_CHECK = 1,
	CMD_REWRITE = 2,
	CMD_RULES = 4,
	CMD_TEST_PACK = 8,
	CMD_VOCAB = 16
};

enum cli_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL };
enum cli_input { INPUT_TEXT, INPUT_JSONL };
enum cli_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The parsed command line. Strings point into argv or into the enable and
 * disable lists, which the options own (cli_opts_free()). */
struct cli_opts {
	enum cli_command command;
	const char *name;       /* "check", "rewrite"... */
	const char *language;   /* NULL for auto */
	enum cli_format format;
	enum cli_input input;
	enum cli_color color;
	int fix;
	int fail_on;            /* TACT_SEVERITY_* */
	int min_severity;       /* TACT_SEVERITY_* */
	char *enable;           /* comma-joined --enable lists, or NULL */
	char *disable;          /* comma-joined --disable lists, or NULL */
	int english;
	int include_quotes;
	int no_builtin;
	int stats;
	int help;
	int summary;            /* check --summary */
	/* The coaching context (docs/coaching.md); JSONL members override it. */
	int age;                /* --age, or -1 */
	const char *client_name;   /* --name, or NULL */
	const char *customer;      /* --customer, or NULL */
	const char *customer_file; /* --customer-file, or NULL */
	long wait_seconds;      /* --wait, or -1 */
	int discovery;          /* --discovery */
	const char **packs;     /* --pack files, in order */
	size_t npacks;
	const char **files;     /* positional FILE arguments */
	size_t nfiles;
};

#if defined(__GNUC__)
#define CLI_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CLI_PRINTF(fmt, args)
#endif

/* args.c */
/** Parse argv[first..argc) for command; prints usage errors. 0 or -1. */
int cli_parse(struct cli_opts *o, enum cli_command command, const char *name,
              int argc, char **argv, int first);
void cli_opts_free(struct cli_opts *o);
/** Print "tact: <message>" to stderr. */
void cli_error(const char *fmt, ...) CLI_PRINTF(1, 2);
/** cli_error() plus the hint to run `tact COMMAND --help`; EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
	CLI_PRINTF(2, 3);

/* help.c */
void help_main(FILE *f);
/** Print the help of a command; 0, or -1 for an unknown name. */
int help_command(FILE *f, const char *name);
void print_version(FILE *f);

/* setup.c */
/** Make the checker the options describe (built-ins, --pack files). */
int setup_checker(const struct cli_opts *o, tact_checker **out);
/** Fill tact check options from the command line (--customer-file is
 * read into *owned, to release with free()). 0, or -1 after an error. */
int setup_check_options(const struct cli_opts *o, tact_check_options *t,
                        char **owned);
/** Try the options on an empty text: reports a bad language or list. */
int setup_probe(const tact_checker *checker, const tact_check_options *t);
/** Print "tact: " and the detail of the last tact error (or fallback). */
void setup_report_error(int code, const char *what);

/* input.c: messages to check. */
struct message {
	const char *id;          /* file name, "<stdin>", the JSONL "id" or line */
	const char *text;        /* the text; NULL when error is set */
	size_t len;
	const char *language;    /* JSONL "lang", or NULL */
	/* The JSONL coaching context; each overrides the command line when
	 * given (-1 or NULL when not). */
	int age;
	const char *client_name;
	const char *customer;
	size_t customer_len;
	long wait_seconds;
	int discovery;           /* -1, 0 or 1 */
	const char *agent;       /* for --summary, or NULL */
	const char *error_code;  /* NULL, or why the message could not be read */
	const char *error;       /* the error's detail */
	size_t error_offset;     /* byte offset of the error, or (size_t)-1 */
};

/** Called per message; a non-zero return stops the reading. */
typedef int (*message_fn)(void *payload, const struct message *m);

/** Read every message of the options' files (or stdin). Returns 0 or the
 * callback's non-zero value. */
int input_each(const struct cli_opts *o, message_fn fn, void *payload);
/** Read a whole file ("-": stdin) into *out (NUL-terminated, to free()).
 * 0, or an errno value. */
int input_read_file(const char *path, char **out, size_t *len);

/* out_text.c: compiler-style diagnostics. */
struct text_style {
	int color;
};
/** Whether --color (and the terminal and NO_COLOR, TERM) ask for colour. */
int text_use_color(enum cli_color color);
void text_print_findings(FILE *f, const struct text_style *st,
                         const struct message *m, const tact_report *r);
void text_print_fixed(FILE *f, const char *fixed, size_t len);
void text_print_error(FILE *f, const char *id, const char *message);
/** "2 warnings, 0 errors, 0 hints" */
void text_print_summary(FILE *f, const size_t counts[3], size_t failed);

/* out_coach.c: the coaching part of a message's result (docs/coaching.md). */
/** The distinct categories of the report's findings, in the order they
 * first occur, in a malloc'd array (*n of them); NULL when there is none
 * or memory ran out (*n is then 0). */
const char **report_categories(const tact_report *r, size_t *n);
/** The members after "findings": "score", "lost", "questions", and when
 * they apply "name", "band", "profile". */
void json_put_coaching(struct json_buf *b, const tact_report *r);
/** "score: 84/100 (contrast -8)", with an age the "vocabulary:" line, with
 * a name the "name:" line. age is the check's age, or -1. 0, or -1 out of
 * memory. */
int text_print_coaching(FILE *f, const tact_report *r, int age);

/* summary.c: `tact check --summary`. */
struct summary;
struct summary *summary_new(void);
void summary_free(struct summary *s);
/** Count a checked message (of agent, or NULL). 0, or -1 out of memory. */
int summary_add(struct summary *s, const char *agent, const tact_report *r);
/** Count a message that could not be checked. */
void summary_failed(struct summary *s);
/** Print the totals in the format; 0, or -1 out of memory. */
int summary_print(const struct summary *s, enum cli_format format, FILE *f);

/* out_json.c: JSON objects of the contract. */
void json_put_report(struct json_buf *b, const char *id,
                     const tact_report *r, const char *fixed,
                     size_t fixed_len);
void json_put_error(struct json_buf *b, const char *id, const char *code,
                    const char *message, size_t offset);
void json_put_rewrite(struct json_buf *b, const char *id, const char *text,
                      size_t len);
/** Write the buffer to f and empty it; -1 if it ran out of memory. */
int json_flush(struct json_buf *b, FILE *f);

/* Sub-commands: each returns the process exit code. */
int cmd_check(const struct cli_opts *o);
int cmd_rewrite(const struct cli_opts *o);
int cmd_rules(const struct cli_opts *o);
int cmd_test_pack(const struct cli_opts *o);
int cmd_vocab(const struct cli_opts *o);

/** A whole number in s[0..len) (digits only) no greater than max, in *out.
 * 0, or -1 when s is not one. */
int parse_whole(const char *s, size_t len, long max, long *out);
/** Severity from its name ("error"...), or -1. */
int severity_from_name(const char *name);
/** The error code name of a tact status for JSON error objects ("utf8"). */
const char *status_code_name(int status);

#endif /* TACT_TOOLS_CLI_H */
