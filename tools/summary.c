/*
 * summary.c: `tact check --summary`: totals over all messages, and per agent
 * when the JSONL input names agents.
 *
 * For each group: the messages checked, the findings by severity, per
 * category the findings and the messages they affect, and the scores: mean,
 * median and a histogram in buckets of ten (0-9 ... 80-89, 90-100). Scores
 * are whole numbers from 0 to 100, so a histogram of 101 counts keeps the
 * median exact in constant memory.
 *
 * Text:
 *   all messages: 3 checked, 1 not checked
 *     findings: 2 warnings, 1 error, 0 hints
 *     category      findings  messages
 *     contrast             2         2
 *     ...
 *     score: mean 84.3, median 92
 *     score       0-9  10-19 ...  90-100
 *     messages      0      0 ...       2
 *   agent alice: 2 messages
 *     ...
 * JSON: {"messages":3,"not_checked":1,"findings":{"error":1,...},
 *        "categories":{"contrast":{"findings":2,"messages":2},...},
 *        "scores":{"mean":84.3,"median":92,"buckets":{"0-9":0,...}},
 *        "agents":[{"agent":"alice","messages":2,...},...]}
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SCORE 100
#define BUCKETS 10

struct category {
	char *name;
	size_t findings;
	size_t messages;   /* messages with at least one such finding */
};

struct tally {
	char *agent;       /* NULL: all messages, or those without an agent */
	size_t messages;
	size_t counts[3];  /* findings by TACT_SEVERITY_* */
	struct category *cats;
	size_t ncats;
	size_t scores[MAX_SCORE + 1];
	size_t score_sum;
};

struct summary {
	struct tally all;
	struct tally *agents;  /* one per agent, and one for no agent */
	size_t nagents;
	int named;             /* some message named an agent */
	size_t failed;
};

/* ---------------------------------------------------------------------- */
/* Counting                                                                */
/* ---------------------------------------------------------------------- */

struct summary *summary_new(void)
{
	return calloc(1, sizeof(struct summary));
}

static void tally_free(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->ncats; i++)
		free(t->cats[i].name);
	free(t->cats);
	free(t->agent);
}

void summary_free(struct summary *s)
{
	size_t i;

	if (!s)
		return;
	tally_free(&s->all);
	for (i = 0; i < s->nagents; i++)
		tally_free(&s->agents[i]);
	free(s->agents);
	free(s);
}

static char *copy(const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = malloc(n);

	if (c)
		memcpy(c, s, n);
	return c;
}

static struct category *find_category(struct tally *t, const char *name)
{
	struct category *grown;
	size_t i;

	for (i = 0; i < t->ncats; i++)
		if (strcmp(t->cats[i].name, name) == 0)
			return &t->cats[i];
	grown = realloc(t->cats, (t->ncats + 1) * sizeof *grown);
	if (!grown)
		return NULL;
	t->cats = grown;
	memset(&grown[t->ncats], 0, sizeof *grown);
	if (!(grown[t->ncats].name = copy(name)))
		return NULL;
	return &grown[t->ncats++];
}

/* Count the findings of each category, and the message once for each. */
static int tally_categories(struct tally *t, const tact_report *r)
{
	size_t i, k, n, count = tact_report_count(r);
	const char **names = report_categories(r, &n);
	struct category *c;

	if (!names && count)
		return -1;
	for (k = 0; k < n; k++) {
		if (!(c = find_category(t, names[k]))) {
			free(names);
			return -1;
		}
		c->messages++;
		for (i = 0; i < count; i++)
			c->findings += strcmp(tact_finding_category(
			                      tact_report_finding(r, i)), names[k]) == 0;
	}
	free(names);
	return 0;
}

static int tally_add(struct tally *t, const tact_report *r)
{
	size_t i, n = tact_report_count(r);
	int score = tact_report_score(r);

	if (score < 0)
		score = 0;
	if (score > MAX_SCORE)
		score = MAX_SCORE;
	t->messages++;
	t->scores[score]++;
	t->score_sum += (size_t)score;
	for (i = 0; i < n; i++) {
		int s = tact_finding_severity(tact_report_finding(r, i));
		t->counts[s < TACT_SEVERITY_HINT || s > TACT_SEVERITY_ERROR
		                  ? TACT_SEVERITY_ERROR : s]++;
	}
	return tally_categories(t, r);
}

static int same_agent(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The tally of agent (NULL: no agent), added when new. */
static struct tally *find_agent(struct summary *s, const char *agent)
{
	struct tally *grown;
	size_t i;

	for (i = 0; i < s->nagents; i++)
		if (same_agent(s->agents[i].agent, agent))
			return &s->agents[i];
	grown = realloc(s->agents, (s->nagents + 1) * sizeof *grown);
	if (!grown)
		return NULL;
	s->agents = grown;
	memset(&grown[s->nagents], 0, sizeof *grown);
	if (agent && !(grown[s->nagents].agent = copy(agent)))
		return NULL;
	return &grown[s->nagents++];
}

int summary_add(struct summary *s, const char *agent, const tact_report *r)
{
	struct tally *t;

	if (tally_add(&s->all, r) != 0 || !(t = find_agent(s, agent)))
		return -1;
	s->named |= agent != NULL;
	return tally_add(t, r);
}

void summary_failed(struct summary *s)
{
	s->failed++;
}

/* ---------------------------------------------------------------------- */
/* Statistics                                                              */
/* ---------------------------------------------------------------------- */

/* The score of rank k (0-based) in ascending order. */
static int nth_score(const struct tally *t, size_t k)
{
	int score;

	for (score = 0; score < MAX_SCORE; score++) {
		if (k < t->scores[score])
			return score;
		k -= t->scores[score];
	}
	return MAX_SCORE;
}

/* "84.3": the mean, rounded to tenths. */
static void format_mean(const struct tally *t, char *out, size_t size)
{
	size_t tenths = (t->score_sum * 10 + t->messages / 2) / t->messages;

	snprintf(out, size, "%zu.%zu", tenths / 10, tenths % 10);
}

/* "84" or "84.5": the median. */
static void format_median(const struct tally *t, char *out, size_t size)
{
	size_t n = t->messages;
	int twice = n % 2 ? 2 * nth_score(t, n / 2)
	                  : nth_score(t, n / 2 - 1) + nth_score(t, n / 2);

	snprintf(out, size, twice % 2 ? "%d.5" : "%d", twice / 2);
}

static size_t bucket_count(const struct tally *t, int bucket)
{
	int score, last = bucket == BUCKETS - 1 ? MAX_SCORE : bucket * 10 + 9;
	size_t n = 0;

	for (score = bucket * 10; score <= last; score++)
		n += t->scores[score];
	return n;
}

static void bucket_name(int bucket, char *out, size_t size)
{
	snprintf(out, size, "%d-%d", bucket * 10,
	         bucket == BUCKETS - 1 ? MAX_SCORE : bucket * 10 + 9);
}

/* Most findings first, then by name. */
static int by_findings(const void *a, const void *b)
{
	const struct category *x = *(const struct category *const *)a;
	const struct category *y = *(const struct category *const *)b;

	if (x->findings != y->findings)
		return x->findings > y->findings ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Agents by name, messages without one last. */
static int by_agent(const void *a, const void *b)
{
	const struct tally *x = *(const struct tally *const *)a;
	const struct tally *y = *(const struct tally *const *)b;

	if (!x->agent || !y->agent)
		return !x->agent - !y->agent;
	return strcmp(x->agent, y->agent);
}

/* The categories of t in print order, in a malloc'd array. */
static const struct category **sorted_categories(const struct tally *t)
{
	const struct category **v = malloc((t->ncats + 1) * sizeof *v);
	size_t i;

	if (!v)
		return NULL;
	for (i = 0; i < t->ncats; i++)
		v[i] = &t->cats[i];
	qsort(v, t->ncats, sizeof *v, by_findings);
	return v;
}

static const struct tally **sorted_agents(const struct summary *s)
{
	const struct tally **v = malloc((s->nagents + 1) * sizeof *v);
	size_t i;

	if (!v)
		return NULL;
	for (i = 0; i < s->nagents; i++)
		v[i] = &s->agents[i];
	qsort(v, s->nagents, sizeof *v, by_agent);
	return v;
}

/* ---------------------------------------------------------------------- */
/* Text                                                                    */
/* ---------------------------------------------------------------------- */

#define INDENT "  "

static void text_counts(FILE *f, const struct tally *t)
{
	fprintf(f, INDENT "findings: %zu warning%s, %zu error%s, %zu hint%s\n",
	        t->counts[TACT_SEVERITY_WARNING],
	        t->counts[TACT_SEVERITY_WARNING] == 1 ? "" : "s",
	        t->counts[TACT_SEVERITY_ERROR],
	        t->counts[TACT_SEVERITY_ERROR] == 1 ? "" : "s",
	        t->counts[TACT_SEVERITY_HINT],
	        t->counts[TACT_SEVERITY_HINT] == 1 ? "" : "s");
}

static int text_categories(FILE *f, const struct tally *t)
{
	const struct category **v = sorted_categories(t);
	int width = (int)strlen("category");
	size_t i;

	if (!v)
		return -1;
	for (i = 0; i < t->ncats; i++)
		if ((int)strlen(v[i]->name) > width)
			width = (int)strlen(v[i]->name);
	if (t->ncats)
		fprintf(f, INDENT "%-*s  findings  messages\n", width, "category");
	for (i = 0; i < t->ncats; i++)
		fprintf(f, INDENT "%-*s  %8zu  %8zu\n", width, v[i]->name,
		        v[i]->findings, v[i]->messages);
	free(v);
	return 0;
}

/* The mean and median, then the histogram as two rows. */
static void text_scores(FILE *f, const struct tally *t)
{
	char mean[32], median[32], name[16];
	int k;

	if (t->messages == 0)
		return;
	format_mean(t, mean, sizeof mean);
	format_median(t, median, sizeof median);
	fprintf(f, INDENT "score: mean %s, median %s\n", mean, median);
	fprintf(f, INDENT "%-8s", "score");
	for (k = 0; k < BUCKETS; k++) {
		bucket_name(k, name, sizeof name);
		fprintf(f, " %6s", name);
	}
	fprintf(f, "\n" INDENT "%-8s", "messages");
	for (k = 0; k < BUCKETS; k++)
		fprintf(f, " %6zu", bucket_count(t, k));
	fputc('\n', f);
}

static int text_tally(FILE *f, const struct tally *t)
{
	text_counts(f, t);
	if (text_categories(f, t) != 0)
		return -1;
	text_scores(f, t);
	return 0;
}

static int text_agents(FILE *f, const struct summary *s)
{
	const struct tally **v = sorted_agents(s);
	size_t i;
	int rc = 0;

	if (!v)
		return -1;
	for (i = 0; i < s->nagents && rc == 0; i++) {
		if (v[i]->agent)
			fprintf(f, "agent %s: ", v[i]->agent);
		else
			fputs("no agent: ", f);
		fprintf(f, "%zu message%s\n", v[i]->messages,
		        v[i]->messages == 1 ? "" : "s");
		rc = text_tally(f, v[i]);
	}
	free(v);
	return rc;
}

static int text_summary(const struct summary *s, FILE *f)
{
	fprintf(f, "all messages: %zu checked", s->all.messages);
	if (s->failed)
		fprintf(f, ", %zu not checked", s->failed);
	fputc('\n', f);
	if (text_tally(f, &s->all) != 0)
		return -1;
	return s->named ? text_agents(f, s) : 0;
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                    */
/* ---------------------------------------------------------------------- */

static void json_counts(struct json_buf *b, const struct tally *t)
{
	json_put_lit(b, JSON_MEMBER("findings") JSON_FIRST("error"));
	json_put_size(b, t->counts[TACT_SEVERITY_ERROR]);
	json_put_size_member(b, "warning", t->counts[TACT_SEVERITY_WARNING]);
	json_put_size_member(b, "hint", t->counts[TACT_SEVERITY_HINT]);
	json_put_lit(b, "}");
}

static int json_categories(struct json_buf *b, const struct tally *t)
{
	const struct category **v = sorted_categories(t);
	size_t i;

	if (!v)
		return -1;
	json_put_lit(b, JSON_MEMBER("categories") "{");
	for (i = 0; i < t->ncats; i++) {
		if (i)
			json_put_lit(b, ",");
		json_put_key(b, v[i]->name);
		json_put_lit(b, JSON_FIRST("findings"));
		json_put_size(b, v[i]->findings);
		json_put_size_member(b, "messages", v[i]->messages);
		json_put_lit(b, "}");
	}
	json_put_lit(b, "}");
	free(v);
	return 0;
}

static void json_scores(struct json_buf *b, const struct tally *t)
{
	char mean[32] = "null", median[32] = "null", name[16];
	int k;

	if (t->messages) {
		format_mean(t, mean, sizeof mean);
		format_median(t, median, sizeof median);
	}
	json_put_lit(b, JSON_MEMBER("scores") JSON_FIRST("mean"));
	json_put_text(b, mean);
	json_put_lit(b, JSON_MEMBER("median"));
	json_put_text(b, median);
	json_put_lit(b, JSON_MEMBER("buckets") "{");
	for (k = 0; k < BUCKETS; k++) {
		if (k)
			json_put_lit(b, ",");
		bucket_name(k, name, sizeof name);
		json_put_key(b, name);
		json_put_size(b, bucket_count(t, k));
	}
	json_put_lit(b, "}}");
}

/* The members of a group after "messages". */
static int json_tally(struct json_buf *b, const struct tally *t)
{
	json_counts(b, t);
	if (json_categories(b, t) != 0)
		return -1;
	json_scores(b, t);
	return 0;
}

static int json_agents(struct json_buf *b, const struct summary *s)
{
	const struct tally **v = sorted_agents(s);
	size_t i;
	int rc = 0;

	if (!v)
		return -1;
	json_put_lit(b, JSON_MEMBER("agents") "[");
	for (i = 0; i < s->nagents && rc == 0; i++) {
		if (i)
			json_put_lit(b, ",");
		json_put_lit(b, JSON_FIRST("agent"));
		json_put_cstring(b, v[i]->agent);
		json_put_size_member(b, "messages", v[i]->messages);
		rc = json_tally(b, v[i]);
		json_put_lit(b, "}");
	}
	json_put_lit(b, "]");
	free(v);
	return rc;
}

static int json_summary(const struct summary *s, FILE *f)
{
	struct json_buf b = { NULL, 0, 0, 0 };
	int rc;

	json_put_lit(&b, JSON_FIRST("messages"));
	json_put_size(&b, s->all.messages);
	json_put_size_member(&b, "not_checked", s->failed);
	rc = json_tally(&b, &s->all);
	if (rc == 0 && s->named)
		rc = json_agents(&b, s);
	json_put_lit(&b, "}\n");
	if (json_flush(&b, f) != 0)
		rc = -1;
	json_buf_free(&b);
	return rc;
}

int summary_print(const struct summary *s, enum cli_format format, FILE *f)
{
	return format == FORMAT_TEXT ? text_summary(s, f) : json_summary(s, f);
}
