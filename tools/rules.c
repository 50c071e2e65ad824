/*
 * rules.c: `tact rules`: list the rules of the loaded packs.
 *
 *   ru.contrast.no [contrast, warning]
 *       «Но» перечёркивает всё, что было сказано до него.
 *       Союз «но» после любой фразы отрицает сказанное ранее; ...
 *
 * --stats adds each rule's trigger count and how its patterns are found
 * and, at the end, the rules with patterns that run on every sentence
 * (no literal to find them by and no triggers: slower).
 */
#include "cli.h"

#include <string.h>

#define INDENT "    "

static int rule_selected(const tact_rule *rule, const char *language)
{
	const char *l = tact_rule_language(rule);

	return !language || (l && strcmp(l, language) == 0);
}

/* Write s indented, continuation lines too; nothing for an empty s. */
static void put_indented(FILE *f, const char *s)
{
	if (!s || !*s)
		return;
	fputs(INDENT, f);
	for (; *s; s++) {
		fputc(*s, f);
		if (*s == '\n' && s[1])
			fputs(INDENT, f);
	}
	if (s[-1] != '\n')
		fputc('\n', f);
}

static void put_rule_text(FILE *f, const tact_rule *rule, int english,
                          int stats)
{
	size_t triggers = tact_rule_trigger_count(rule);
	const char *sev = tact_severity_name(tact_rule_severity(rule));

	fprintf(f, "%s [%s, %s]", tact_rule_id(rule), tact_rule_category(rule),
	        sev ? sev : "?");
	if (stats)
		fprintf(f, " triggers: %zu, patterns: %zu (anchored %zu, by literal "
		        "%zu, by trigger %zu, on every sentence %zu)", triggers,
		        tact_rule_pattern_count(rule, TACT_FOUND_ANY),
		        tact_rule_pattern_count(rule, TACT_FOUND_ANCHORED),
		        tact_rule_pattern_count(rule, TACT_FOUND_LITERAL),
		        tact_rule_pattern_count(rule, TACT_FOUND_TRIGGER),
		        tact_rule_pattern_count(rule, TACT_FOUND_ALWAYS));
	fputc('\n', f);
	put_indented(f, tact_rule_message(rule, english));
	put_indented(f, tact_rule_explanation(rule, english));
}

static void put_stats(FILE *f, const tact_checker *c, const char *language,
                      size_t listed)
{
	size_t i, n = tact_checker_rule_count(c), bare = 0;

	if (listed)
		fputc('\n', f);
	for (i = 0; i < n; i++) {
		const tact_rule *rule = tact_checker_rule(c, i);
		bare += rule_selected(rule, language) &&
		        tact_rule_pattern_count(rule, TACT_FOUND_ALWAYS) > 0;
	}
	fprintf(f, "%zu rule%s, %zu with patterns that run on every sentence%s\n",
	        listed, listed == 1 ? "" : "s", bare,
	        bare ? " (no literal to find them by, no triggers):" : "");
	for (i = 0; i < n; i++) {
		const tact_rule *rule = tact_checker_rule(c, i);
		if (rule_selected(rule, language) &&
		    tact_rule_pattern_count(rule, TACT_FOUND_ALWAYS) > 0)
			fprintf(f, INDENT "%s\n", tact_rule_id(rule));
	}
}

static void put_rule_json(struct json_buf *b, const tact_rule *rule,
                          int english)
{
	json_put_lit(b, JSON_FIRST("id"));
	json_put_cstring(b, tact_rule_id(rule));
	json_put_string_member(b, "category", tact_rule_category(rule));
	json_put_string_member(b, "severity",
	                       tact_severity_name(tact_rule_severity(rule)));
	json_put_string_member(b, "language", tact_rule_language(rule));
	json_put_string_member(b, "pack", tact_rule_pack(rule));
	json_put_string_member(b, "message", tact_rule_message(rule, english));
	json_put_string_member(b, "explanation",
	                       tact_rule_explanation(rule, english));
	json_put_string_member(b, "source", tact_rule_source(rule));
	json_put_size_member(b, "trigger_count", tact_rule_trigger_count(rule));
	json_put_lit(b, "}");
}

/* List the selected rules; returns how many, or (size_t)-1 when out of
 * memory. */
static size_t list_rules(const tact_checker *c, const struct cli_opts *o)
{
	size_t i, n = tact_checker_rule_count(c), listed = 0;
	struct json_buf b = { NULL, 0, 0, 0 };
	int oom = 0;

	for (i = 0; i < n; i++) {
		const tact_rule *rule = tact_checker_rule(c, i);
		if (!rule_selected(rule, o->language))
			continue;
		if (o->format == FORMAT_TEXT) {
			put_rule_text(stdout, rule, o->english, o->stats);
		} else {
			fputs(listed ? ",\n" : "[\n", stdout);
			put_rule_json(&b, rule, o->english);
			oom |= json_flush(&b, stdout);
		}
		listed++;
	}
	if (o->format != FORMAT_TEXT)
		fputs(listed ? "\n]\n" : "[]\n", stdout);
	json_buf_free(&b);
	return oom ? (size_t)-1 : listed;
}

/* Whether any rule has the language. */
static int language_known(const tact_checker *c, const char *language)
{
	size_t i, n = tact_checker_rule_count(c);

	for (i = 0; i < n; i++)
		if (rule_selected(tact_checker_rule(c, i), language))
			return 1;
	return 0;
}

int cmd_rules(const struct cli_opts *o)
{
	tact_checker *c = NULL;
	size_t listed;

	if (setup_checker(o, &c) != 0)
		return EXIT_USAGE;
	if (o->language && !language_known(c, o->language)) {
		cli_error("unknown language '%s': no loaded pack has it",
		          o->language);
		tact_checker_free(c);
		return EXIT_USAGE;
	}
	listed = list_rules(c, o);
	if (listed == (size_t)-1)
		cli_error("out of memory");
	else if (o->stats && o->format == FORMAT_TEXT)
		put_stats(stdout, c, o->language, listed);
	tact_checker_free(c);
	return listed == (size_t)-1 ? EXIT_USAGE : EXIT_CLEAN;
}
