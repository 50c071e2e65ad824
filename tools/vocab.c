/*
 * vocab.c: `tact vocab --lang L [--age N]`: the words of an age band
 * (docs/coaching.md, "Age bands and the vocabulary profile").
 *
 *   60+ [стоимость, ages 60-150]
 *       дешевый
 *       экономичный
 *
 * With --age, the band that covers the age; without, every band of the
 * language in pack order. --format json writes {"band","theme","min_age",
 * "max_age","words"}: one object for --age, else an array of them.
 */
#include "cli.h"

#include <string.h>

#define INDENT "    "

static void put_band_text(FILE *f, const tact_band *b, int english)
{
	size_t i, n = tact_band_word_count(b);

	fprintf(f, "%s [%s, ages %d-%d]\n", tact_band_name(b),
	        tact_band_theme(b, english), tact_band_min_age(b),
	        tact_band_max_age(b));
	for (i = 0; i < n; i++)
		fprintf(f, INDENT "%s\n", tact_band_word(b, i));
}

/* An age as JSON writes it: a negative one as 0. */
static size_t json_age(int age)
{
	return age < 0 ? 0 : (size_t)age;
}

static void put_band_json(struct json_buf *b, const tact_band *band,
                          int english)
{
	size_t i, n = tact_band_word_count(band);

	json_put_lit(b, JSON_FIRST("band"));
	json_put_cstring(b, tact_band_name(band));
	json_put_string_member(b, "theme", tact_band_theme(band, english));
	json_put_size_member(b, "min_age", json_age(tact_band_min_age(band)));
	json_put_size_member(b, "max_age", json_age(tact_band_max_age(band)));
	json_put_lit(b, JSON_MEMBER("words") "[");
	for (i = 0; i < n; i++) {
		if (i)
			json_put_lit(b, ",");
		json_put_cstring(b, tact_band_word(band, i));
	}
	json_put_lit(b, "]}");
}

/* Write one band: a text block, or a JSON object (an array element when
 * index is not (size_t)-1). */
static int put_band(const struct cli_opts *o, const tact_band *band,
                    size_t index)
{
	struct json_buf b = { NULL, 0, 0, 0 };
	int rc;

	if (o->format == FORMAT_TEXT) {
		put_band_text(stdout, band, o->english);
		return 0;
	}
	if (index != (size_t)-1)
		fputs(index ? ",\n" : "[\n", stdout);
	put_band_json(&b, band, o->english);
	if (index == (size_t)-1)
		json_put_raw(&b, "\n", 1);
	rc = json_flush(&b, stdout);
	json_buf_free(&b);
	return rc;
}

static int list_bands(const struct cli_opts *o, const tact_checker *c,
                      size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		rc |= put_band(o, tact_band_at(c, o->language, i), i);
	if (o->format != FORMAT_TEXT)
		fputs("\n]\n", stdout);
	return rc;
}

static int show_vocabulary(const struct cli_opts *o, const tact_checker *c)
{
	size_t n = tact_band_count(c, o->language);
	const tact_band *band = NULL;

	if (n == 0) {
		cli_error("no vocabulary for language '%s': no loaded pack has "
		          "age bands for it", o->language);
		return EXIT_USAGE;
	}
	if (o->age >= 0) {
		band = tact_vocabulary(c, o->language, o->age);
		if (!band) {
			cli_error("no age band of language '%s' covers age %d",
			          o->language, o->age);
			return EXIT_USAGE;
		}
	}
	if ((band ? put_band(o, band, (size_t)-1) : list_bands(o, c, n)) != 0) {
		cli_error("out of memory");
		return EXIT_USAGE;
	}
	return EXIT_CLEAN;
}

int cmd_vocab(const struct cli_opts *o)
{
	tact_checker *c = NULL;
	int rc;

	if (!o->language)
		return cli_usage_error(o->name, "'vocab' needs --lang "
		                       "(a language such as ru, ro, kk, en)");
	if (setup_checker(o, &c) != 0)
		return EXIT_USAGE;
	rc = show_vocabulary(o, c);
	tact_checker_free(c);
	return rc;
}
