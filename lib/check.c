/*
 * check.c: tact_check() and its options.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The size of the options struct of each version. */
static size_t options_size(unsigned int version)
{
	switch (version) {
	case 1: return offsetof(tact_check_options, age);
	case 2: return sizeof(tact_check_options);
	default: return 0;
	}
}

int tact_check_options_init(tact_check_options *opts, unsigned int version)
{
	static const tact_check_options defaults = TACT_CHECK_OPTIONS_INIT;
	size_t size = options_size(version);

	tact_err_clear();
	if (!opts)
		return tact_err(TACT_EINVAL, "tact_check_options_init: NULL opts");
	if (!size)
		return tact_err(TACT_EVERSION, "unknown options version %u", version);
	memcpy(opts, &defaults, size);
	opts->version = version;
	return TACT_OK;
}

/* Copy the caller's options of any known version into a complete struct. */
static int options_complete(tact_check_options *full,
                            const tact_check_options *o)
{
	static const tact_check_options defaults = TACT_CHECK_OPTIONS_INIT;
	size_t size = o ? options_size(o->version) : sizeof *o;

	*full = defaults;
	if (!o)
		return TACT_OK;
	if (!size)
		return tact_err(TACT_EVERSION, "unknown options version %u",
		                o->version);
	if (size == sizeof *o)
		*full = *o;     /* a copy of known size: no "rep movs" */
	else
		memcpy(full, o, size);
	full->version = TACT_CHECK_OPTIONS_VERSION;
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
	size_t bad;

	if (o->min_severity < TACT_SEVERITY_HINT ||
	    o->min_severity > TACT_SEVERITY_ERROR)
		return tact_err(TACT_EINVAL, "min_severity %d out of range",
		                o->min_severity);
	if (o->flags & ~(TACT_CHECK_ENGLISH | TACT_CHECK_INCLUDE_QUOTES |
	                 TACT_CHECK_DISCOVERY))
		return tact_err(TACT_EINVAL, "unknown check flags 0x%x", o->flags);
	if (o->age < -1 || o->age > 150)
		return tact_err(TACT_EINVAL, "age %d out of range", o->age);
	if (o->client_name &&
	    tact_utf8_check(o->client_name, strlen(o->client_name)) !=
	            strlen(o->client_name))
		return tact_err(TACT_EUTF8, "client_name is not valid UTF-8");
	if (!o->customer_message && o->customer_message_len)
		return tact_err(TACT_EINVAL, "customer_message is NULL");
	if (o->customer_message_len > TACT_MAX_TEXT)
		return tact_err(TACT_ETOOBIG, "customer_message is too large");
	bad = o->customer_message ? tact_utf8_check(o->customer_message,
	                                            o->customer_message_len)
	                          : 0;
	if (o->customer_message && bad != o->customer_message_len)
		return tact_err(TACT_EUTF8, "customer_message: invalid UTF-8 at "
		                "byte %zu", bad);
	return TACT_OK;
}

int tact_ctx_reportable(const struct tact_check_ctx *ctx,
                        const struct tact_rule *r)
{
	const tact_check_options *o = ctx->opts;

	return tact_same_language(r->language, ctx->language) &&
	       r->severity >= o->min_severity &&
	       (!o->enable || !*o->enable || list_names(o->enable, r)) &&
	       !(o->disable && list_names(o->disable, r));
}

int tact_ctx_runs(const struct tact_check_ctx *ctx, const struct tact_rule *r)
{
	if (r->kind == TACT_RULE_WORD)
		return tact_same_language(r->language, ctx->language);
	return r->kind == TACT_RULE_PHRASE && tact_ctx_reportable(ctx, r);
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
	tact_check_options full;
	struct tact_check_ctx ctx;
	struct tact_report *r;
	int rc;

	tact_err_clear();
	if ((rc = check_args(out, c, text, len)))
		return rc;
	if ((rc = options_complete(&full, opts)))
		return rc;
	opts = &full;
	if ((rc = validate_options(opts)))
		return rc;
	memset(&ctx, 0, sizeof ctx);
	ctx.opts = opts;
	ctx.checker = c;
	ctx.text = text ? text : "";
	ctx.len = len;
	ctx.flags = opts->flags;
	ctx.min_severity = opts->min_severity;
	if ((rc = pick_language(&ctx, opts->language)))
		return rc;
	r = tact_report_create(ctx.language);
	if (!r)
		return tact_err(TACT_ENOMEM, "out of memory");
	rc = tact_engine_run(&ctx, r);
	if (rc) {
		tact_report_free(r);
		return tact_err(rc, "%s", tact_strerror(rc));
	}
	if (tact_report_finish(r, ctx.text, len)) {
		tact_report_free(r);
		return tact_err(TACT_ENOMEM, "out of memory");
	}
	*out = r;
	return TACT_OK;
}
