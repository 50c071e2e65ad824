/*
 * check.c: tact_check() and its options.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int tact_check_options_init(tact_check_options *opts, unsigned int version)
{
	static const tact_check_options defaults = TACT_CHECK_OPTIONS_INIT;

	tact_err_clear();
	if (!opts)
		return tact_err(TACT_EINVAL, "tact_check_options_init: NULL opts");
	if (version != TACT_CHECK_OPTIONS_VERSION)
		return tact_err(TACT_EVERSION, "unknown options version %u", version);
	*opts = defaults;
	return TACT_OK;
}

/* Does the comma-separated list name the rule (id, category, or prefix*)? */
static int list_names(const char *list, const struct tact_rule *r)
{
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *w = p;

		while (n && (*w == ' ' || *w == '\t')) {
			w++;
			n--;
		}
		while (n && (w[n - 1] == ' ' || w[n - 1] == '\t'))
			n--;
		if (n && w[n - 1] == '*') {
			if (strncmp(r->id, w, n - 1) == 0)
				return 1;
		} else if (n && ((strlen(r->id) == n && !memcmp(r->id, w, n)) ||
		                 (strlen(r->category) == n &&
		                  !memcmp(r->category, w, n)))) {
			return 1;
		}
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

static int validate_options(const tact_check_options *o)
{
	if (o->version != TACT_CHECK_OPTIONS_VERSION)
		return tact_err(TACT_EVERSION, "unknown options version %u",
		                o->version);
	if (o->min_severity < TACT_SEVERITY_HINT ||
	    o->min_severity > TACT_SEVERITY_ERROR)
		return tact_err(TACT_EINVAL, "min_severity %d out of range",
		                o->min_severity);
	if (o->flags & ~(TACT_CHECK_ENGLISH | TACT_CHECK_INCLUDE_QUOTES))
		return tact_err(TACT_EINVAL, "unknown check flags 0x%x", o->flags);
	return TACT_OK;
}

static void mark_active(struct tact_check_ctx *ctx, const tact_check_options *o)
{
	const tact_checker *c = ctx->checker;
	size_t k;

	for (k = 0; k < c->nrules; k++) {
		const struct tact_rule *r = c->rules[k];

		ctx->active[k] =
		        strcmp(r->language, ctx->language) == 0 &&
		        r->severity >= o->min_severity &&
		        (!o->enable || !*o->enable || list_names(o->enable, r)) &&
		        !(o->disable && list_names(o->disable, r));
	}
}

static int pick_language(struct tact_check_ctx *ctx, const char *lang)
{
	if (!lang || !*lang || strcmp(lang, "auto") == 0) {
		ctx->language = tact_detect(ctx->text, ctx->len);
		return TACT_OK;
	}
	if (!tact_language_known(ctx->checker, lang))
		return tact_err(TACT_ENOTFOUND, "no rules for language '%s'", lang);
	if (strlen(lang) >= 16)
		return tact_err(TACT_EINVAL, "language code too long");
	ctx->language = lang;
	return TACT_OK;
}

static int check_args(tact_report **out, const tact_checker *c,
                      const char *text, size_t len)
{
	size_t bad;

	if (out)
		*out = NULL;
	if (!out || !c || (!text && len))
		return tact_err(TACT_EINVAL, "tact_check: NULL %s",
		                !out ? "out" : !c ? "checker" : "text");
	if (len > TACT_MAX_TEXT)
		return tact_err(TACT_ETOOBIG, "text of %zu bytes is larger than the "
		                "limit of %zu", len, (size_t)TACT_MAX_TEXT);
	bad = text ? tact_utf8_check(text, len) : 0;
	if (text && bad != len)
		return tact_err_at(TACT_EUTF8, NULL, (size_t)-1, bad,
		                   "invalid UTF-8 at byte %zu", bad);
	return TACT_OK;
}

int tact_check(tact_report **out, const tact_checker *c, const char *text,
               size_t len, const tact_check_options *opts)
{
	static const tact_check_options defaults = TACT_CHECK_OPTIONS_INIT;
	struct tact_check_ctx ctx;
	struct tact_report *r;
	int rc;

	tact_err_clear();
	if ((rc = check_args(out, c, text, len)))
		return rc;
	if (!opts)
		opts = &defaults;
	if ((rc = validate_options(opts)))
		return rc;
	memset(&ctx, 0, sizeof ctx);
	ctx.checker = c;
	ctx.text = text ? text : "";
	ctx.len = len;
	ctx.flags = opts->flags;
	ctx.min_severity = opts->min_severity;
	if ((rc = pick_language(&ctx, opts->language)))
		return rc;
	ctx.active = tact_calloc(c->nrules, 1);
	r = tact_report_create(ctx.language);
	if (!ctx.active || !r) {
		free(ctx.active);
		tact_report_free(r);
		return tact_err(TACT_ENOMEM, "out of memory");
	}
	mark_active(&ctx, opts);
	rc = tact_engine_run(&ctx, r);
	free(ctx.active);
	if (rc) {
		tact_report_free(r);
		return tact_err(rc, "%s", tact_strerror(rc));
	}
	tact_report_finish(r, ctx.text, len);
	*out = r;
	return TACT_OK;
}
