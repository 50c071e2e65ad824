/*
 * main.c: the `tact` command: picks the sub-command and runs it.
 */
#include "cli.h"

#include <string.h>

struct command {
	const char *name;
	enum cli_command id;
	int (*run)(const struct cli_opts *o);
};

static const struct command commands[] = {
	{ "check", CMD_CHECK, cmd_check },
	{ "rewrite", CMD_REWRITE, cmd_rewrite },
	{ "rules", CMD_RULES, cmd_rules },
	{ "test-pack", CMD_TEST_PACK, cmd_test_pack },
	{ "vocab", CMD_VOCAB, cmd_vocab },
};

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* `tact --help`, `tact help` and `tact help COMMAND`. */
static int run_help(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "help") == 0) {
		if (help_command(stdout, argv[2]) != 0)
			return cli_usage_error(NULL, "unknown command '%s'",
			                       argv[2]);
		return EXIT_CLEAN;
	}
	help_main(stdout);
	return EXIT_CLEAN;
}

static int run_command(const struct command *c, int argc, char **argv)
{
	struct cli_opts o;
	int rc;

	if (cli_parse(&o, c->id, c->name, argc, argv, 2) != 0) {
		cli_opts_free(&o);
		return EXIT_USAGE;
	}
	if (o.help)
		rc = help_command(stdout, c->name) == 0 ? EXIT_CLEAN : EXIT_USAGE;
	else
		rc = c->run(&o);
	cli_opts_free(&o);
	return rc;
}

/* Flush stdout and turn a failed write into exit status 2. */
static int finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("error writing to standard output");
		return EXIT_USAGE;
	}
	return rc;
}

int main(int argc, char **argv)
{
	const struct command *c;
	const char *name = argc > 1 ? argv[1] : NULL;

	if (!name) {
		help_main(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		print_version(stdout);
		return finish(EXIT_CLEAN);
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
	    strcmp(name, "help") == 0)
		return finish(run_help(argc, argv));
	c = find_command(name);
	if (!c)
		return cli_usage_error(NULL, name[0] == '-'
		                                 ? "unknown option '%s'"
		                                 : "unknown command '%s'",
		                       name);
	return finish(run_command(c, argc, argv));
}
