/*
 * help.c: the usage texts of `tact` and its version line.
 */
#include "cli.h"

#include <string.h>

static const char main_help[] =
	"Usage: tact <command> [options] [FILE...]\n"
	"\n"
	"Coach customer-support messages: flag discouraged phrasing, explain\n"
	"why it hurts, suggest polite alternatives and apply them.\n"
	"\n"
	"Commands:\n"
	"  check       report findings in messages (compiler-style or JSON)\n"
	"  rewrite     print messages with the suggestions applied\n"
	"  rules       list the rules with category, severity and explanation\n"
	"  test-pack   run the examples of rule pack files\n"
	"  vocab       list the words of a language's age bands\n"
	"\n"
	"Options:\n"
	"  -h, --help  show this help; 'tact <command> --help' for a command\n"
	"  --version   show the versions of the tool and the library\n"
	"\n"
	"Exit status: 0 nothing to report, 1 findings, 2 usage or input error.\n";

static const char common_input_help[] =
	"  --lang L            auto (default: per message), ru, ro, kk, en or a\n"
	"                      pack's language\n"
	"  --input text|jsonl  text: each FILE is one message (default);\n"
	"                      jsonl: one {\"id\",\"text\",\"lang\"} object a line,\n"
	"                      optionally with \"age\", \"name\", \"customer\",\n"
	"                      \"wait_seconds\", \"discovery\" (overriding the\n"
	"                      options below) and \"agent\" (for --summary)\n"
	"  --min-severity S    hide findings below S (error, warning, hint)\n"
	"  --enable LIST       use only these rule ids or categories\n"
	"                      (comma-separated; 'ru.contrast.*' is a prefix)\n"
	"  --disable LIST      skip these rule ids or categories\n"
	"  --include-quotes    also check quotes, '>' lines, URLs and code\n"
	"  --no-builtin        do not load the built-in rule packs\n"
	"  --pack FILE         load a rule pack (repeatable)\n";

static const char coaching_help[] =
	"\n"
	"Coaching (docs/coaching.md):\n"
	"  --age N             the client's age: vocabulary hints toward the\n"
	"                      client's age band\n"
	"  --name NAME         the client's name: a hint when the reply does\n"
	"                      not address the client by it (any form)\n"
	"  --customer TEXT     the customer's message the reply answers:\n"
	"                      empathy for an upset customer, a solution\n"
	"  --customer-file F   the same, read from file F (- for stdin)\n"
	"  --wait SECONDS      how long the client waited: a long wait needs\n"
	"                      an apology\n"
	"  --discovery         the reply should discover needs: a hint when it\n"
	"                      asks only closed questions\n";

static const char check_help[] =
	"Usage: tact check [options] [FILE...|-]\n"
	"\n"
	"Check each message and report what to rephrase, then its score\n"
	"(0-100) and, with --age or --name, its vocabulary and name lines.\n"
	"With no FILE, or when FILE is -, read standard input.\n"
	"\n"
	"Options:\n";

static const char check_more_help[] =
	"  --format F          text (default), json (one array) or jsonl\n"
	"  --fix               also print each message rewritten\n"
	"  --summary           print totals instead: findings per category,\n"
	"                      the score distribution, and the same per\n"
	"                      \"agent\" of the JSONL input\n"
	"  --fail-on S         exit 1 only for findings at or above S\n"
	"                      (error, warning, hint; default hint)\n"
	"  --english           messages and explanations in English\n"
	"  --color WHEN        auto (default), always or never; auto colours\n"
	"                      a terminal unless NO_COLOR is set or TERM=dumb\n";

static const char check_exit_help[] =
	"\n"
	"Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or\n"
	"input error (bad option, unreadable file, bad pack, invalid message).\n";

static const char rewrite_help[] =
	"Usage: tact rewrite [options] [FILE...|-]\n"
	"\n"
	"Print each message with the first suggestion of every finding\n"
	"applied. With --input jsonl, print {\"id\",\"text\"} lines.\n"
	"\n"
	"Options:\n";

static const char rewrite_more_help[] =
	"\n"
	"Coaching findings are advice: rewrite never applies them.\n"
	"\n"
	"Exit status: 0 success, 2 usage or input error.\n";

static const char rules_help[] =
	"Usage: tact rules [options]\n"
	"\n"
	"List the rules: id, category, severity, message and explanation.\n"
	"\n"
	"Options:\n"
	"  --lang L            only the rules of language L\n"
	"  --format text|json  output format (default text)\n"
	"  --english           messages and explanations in English\n"
	"  --stats             show trigger counts and the rules without\n"
	"                      triggers (their patterns run on every sentence)\n"
	"  --no-builtin        do not load the built-in rule packs\n"
	"  --pack FILE         load a rule pack (repeatable)\n";

static const char vocab_help[] =
	"Usage: tact vocab --lang L [--age N] [options]\n"
	"\n"
	"Print the age bands of language L's vocabulary: each band's name,\n"
	"theme and ages, then its words one per line. With --age, only the\n"
	"band that covers age N.\n"
	"\n"
	"Options:\n"
	"  --lang L            the language (required)\n"
	"  --age N             only the band of a client of N years\n"
	"  --format text|json  output format (default text); json writes one\n"
	"                      object with --age, else an array\n"
	"  --english           themes in English\n"
	"  --no-builtin        do not load the built-in packs\n"
	"  --pack FILE         load a pack (repeatable)\n"
	"\n"
	"Exit status: 0 success, 2 usage error, or no vocabulary for L, or no\n"
	"band covers N.\n";

static const char test_pack_help[] =
	"Usage: tact test-pack FILE...\n"
	"\n"
	"Load each pack alone (without the built-in packs) and run its\n"
	"examples with only the rule under test enabled and the language\n"
	"forced to the rule's: a bad example must fire the rule, rewrite to\n"
	"its fix, the fix must not fire the rule and must rewrite to itself;\n"
	"a good example must not fire the rule. Coaching examples are\n"
	"checked with the context they carry (name, age, customer...).\n"
	"Prints one line per failure\n"
	"and 'N passed, N failed'.\n"
	"\n"
	"Exit status: 0 all passed, 1 some failed, 2 a pack could not be\n"
	"loaded.\n";

void help_main(FILE *f)
{
	fputs(main_help, f);
}

int help_command(FILE *f, const char *name)
{
	if (strcmp(name, "check") == 0) {
		fputs(check_help, f);
		fputs(common_input_help, f);
		fputs(check_more_help, f);
		fputs(coaching_help, f);
		fputs(check_exit_help, f);
	} else if (strcmp(name, "rewrite") == 0) {
		fputs(rewrite_help, f);
		fputs(common_input_help, f);
		fputs(coaching_help, f);
		fputs(rewrite_more_help, f);
	} else if (strcmp(name, "rules") == 0) {
		fputs(rules_help, f);
	} else if (strcmp(name, "test-pack") == 0) {
		fputs(test_pack_help, f);
	} else if (strcmp(name, "vocab") == 0) {
		fputs(vocab_help, f);
	} else {
		return -1;
	}
	return 0;
}

void print_version(FILE *f)
{
	fprintf(f, "tact %s (libtact %s)\n", TACT_VERSION_STRING,
	        tact_version());
}
