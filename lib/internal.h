/*
 * internal.h: declarations shared by the library's files. Not installed.
 */
#ifndef TACT_INTERNAL_H
#define TACT_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "tact.h"

#define TACT_UNUSED(x) ((void)(x))
#define TACT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- error.c: thread-local error detail --------------------------------- */

/* Record an error and return its code. fmt is printf-like. */
int tact_err(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Record an error with a position (file may be NULL; line/offset may be
 * (size_t)-1 when unknown). */
int tact_err_at(int code, const char *file, size_t line, size_t offset,
                const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Forget the last error of this thread. */
void tact_err_clear(void);

/* ---- alloc.c: allocation ------------------------------------------------ */

void *tact_malloc(size_t n);
void *tact_calloc(size_t count, size_t size);
void *tact_realloc(void *p, size_t n);
char *tact_strndup(const char *s, size_t n);
char *tact_strdup(const char *s);
/* Grow *arr (of *cap elements of size elem) to hold at least need. */
int tact_grow(void **arr, size_t *cap, size_t need, size_t elem);

/* A growable byte buffer. */
struct tact_buf {
	char *data;
	size_t len;
	size_t cap;
};
int tact_buf_reserve(struct tact_buf *b, size_t extra);
int tact_buf_append(struct tact_buf *b, const char *s, size_t n);
int tact_buf_putc(struct tact_buf *b, char c);
void tact_buf_free(struct tact_buf *b);

/* ---- utf8.c --------------------------------------------------------------- */

/* Validate; returns len when valid, else the offset of the first bad byte. */
size_t tact_utf8_check(const char *s, size_t len);
/* Decode one code point of valid UTF-8 at s[*i], advancing *i. */
uint32_t tact_utf8_next(const char *s, size_t *i);
/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t tact_utf8_put(char *out, uint32_t cp);
/* The number of code points in s[0..n) (valid UTF-8). */
size_t tact_utf8_count(const char *s, size_t n);
/* The length of the UTF-8 sequence that starts with byte c (1 for junk). */
size_t tact_utf8_seqlen(unsigned char c);

/* ---- normalise.c ------------------------------------------------------------ */

/* Scratch of one normalisation; reused across segments of one check. */
struct tact_norm {
	uint32_t *cps;      /* folded code points */
	uint32_t *src;      /* source offset of each code point */
	size_t ncps, cpcap;
	char *text;         /* normalised UTF-8 */
	uint32_t *map;      /* source offset of each byte of text; map[len] = end */
	size_t len, cap;
	size_t srclen;      /* length of the source segment */
};

/* Normalise s[0..len) (valid UTF-8) into n. */
int tact_normalise(struct tact_norm *n, const char *s, size_t len);
/* Map a span of the normalised text back to source offsets. */
void tact_norm_span(const struct tact_norm *n, size_t ns, size_t ne,
                    size_t *start, size_t *end);
void tact_norm_free(struct tact_norm *n);
/* Fold one code point the way text is folded (lower case excluded). */
uint32_t tact_fold_letter(uint32_t cp);
/* Fold a pattern or trigger: letters only, no case change unless lower. */
char *tact_fold_string(const char *s, size_t len, int lower);

/* ---- detect.c -------------------------------------------------------------- */

const char *tact_detect(const char *text, size_t len);
/* 1 when detect.c's word table is in order (a unit test calls it). */
int tact_detect_table_check(void);

/* ---- segment.c: sentences and text that is not the agent's --------------- */

/* The next sentence at or after *pos: [*start, *end), trimmed. Returns 0 at
 * the end of the text. */
int tact_next_sentence(const char *text, size_t len, size_t *pos,
                       size_t *start, size_t *end);

struct tact_span {
	size_t start, end;
};
struct tact_spans {
	struct tact_span *v;
	size_t n, cap;
};
int tact_find_skips(struct tact_spans *out, const char *text, size_t len);
int tact_spans_overlap(const struct tact_spans *s, size_t start, size_t end);
void tact_spans_free(struct tact_spans *s);

/* ---- rules ------------------------------------------------------------------- */

struct tact_pattern {
	pcre2_code *code;
	char **suggestions;    /* NULL: the rule's */
	size_t nsuggestions;
	/* Text every match starts with, in normalised form, when the pattern
	 * shows one (see tact_pattern_literal()); NULL otherwise. */
	char *literal;
	size_t literal_len;
};

struct tact_example {
	char *text;
	char *fix;
	/* The context a coaching example is checked in (docs/coaching.md). */
	char *customer;
	char *name;
	int age;                /* -1: none */
	long wait_seconds;      /* -1: none */
	int discovery;
};

/* What a rule is for: a phrase rule, a vocabulary word, or one of the
 * coaching checks of what a reply lacks (those have no patterns). */
enum tact_rule_kind {
	TACT_RULE_PHRASE,
	TACT_RULE_WORD,
	TACT_RULE_NAME,
	TACT_RULE_EMPATHY,
	TACT_RULE_SOLUTION,
	TACT_RULE_WAIT,
	TACT_RULE_QUESTIONS
};

struct tact_band {
	char *language;
	char *name;
	char *theme, *theme_en;
	int min_age, max_age;
	char **words;
	size_t nwords, wordcap;
	char *hint, *hint_en;   /* the vocabulary hint template of its pack */
};

/* A set of patterns that tell whether a text has some quality. */
struct tact_cue {
	pcre2_code **v;
	size_t n;
};

/* The coaching data of one language (a pack's `coaching:` and
 * `vocabulary:` sections). */
struct tact_coach {
	char *language;
	char **name_strip;
	size_t nname_strip;
	long name_max_suffix;
	struct tact_cue upset, empathy, solution, wait_apology, open_q, discovery;
	double caps_ratio;
	long exclamations;
	long wait_min_seconds;
	struct tact_rule *rules[TACT_RULE_QUESTIONS + 1];
};

void tact_coach_free(struct tact_coach *c);
void tact_band_free(struct tact_band *b);

struct tact_rule {
	char *id;
	char *category;
	char *language;
	char *pack;
	char *message, *message_en;
	char *explanation, *explanation_en;
	char *source;
	int severity;
	size_t category_id;
	size_t index;           /* load order in the checker */
	struct tact_pattern *patterns;
	size_t npatterns;
	struct tact_pattern *exceptions;  /* their suggestions are unused */
	size_t nexceptions;
	char **suggestions;
	size_t nsuggestions;
	char **triggers;        /* folded */
	size_t ntriggers;
	struct tact_example *examples[2];
	size_t nexamples[2];
	enum tact_rule_kind kind;
	const struct tact_band *band; /* TACT_RULE_WORD: its band and word */
	size_t word;
};

void tact_rule_free(struct tact_rule *r);

/* ---- trigger.c: the trigger-word index -------------------------------------- */

struct tact_trie_node {
	uint32_t child;     /* first child, 0 = none */
	uint32_t sibling;   /* next sibling, 0 = none */
	uint32_t rules;     /* index into hits, or UINT32_MAX */
	uint32_t nrules;
	unsigned char byte;
};

struct tact_trie {
	struct tact_trie_node *nodes;
	size_t nnodes, cap;
	uint32_t *hits;     /* rule indices */
	size_t nhits, hitcap;
};

int tact_trie_build(struct tact_trie *t, struct tact_rule **rules,
                    size_t nrules);
void tact_trie_free(struct tact_trie *t);
/* Mark in bits every rule whose trigger starts a word of text. */
void tact_trie_scan(const struct tact_trie *t, const char *text, size_t len,
                    unsigned char *bits);

/* ---- checker.c ------------------------------------------------------------- */

struct tact_checker {
	struct tact_rule **rules;
	size_t nrules, rulecap;
	char **categories;      /* built-in ones first */
	size_t ncategories, catcap;
	struct tact_trie trie;
	uint32_t *always;       /* rules without triggers */
	size_t nalways;
	uint32_t max_captures;
	pcre2_match_context *mctx;
	struct tact_band **bands;
	size_t nbands, bandcap;
	struct tact_coach **coaches;
	size_t ncoaches, coachcap;
	int defer_index;        /* loading the built-in packs: index once */
};

const struct tact_coach *tact_coach_find(const tact_checker *c,
                                         const char *lang);

size_t tact_category_find(const tact_checker *c, const char *name);
/* Hand a loaded pack's contents to the checker (all or nothing). */
struct loader;
int tact_checker_adopt(tact_checker *c, struct loader *ld);
int tact_language_known(const tact_checker *c, const char *lang);

/* ---- pack.c ----------------------------------------------------------------- */

/* Parse and compile a pack; on success the rules are added to c. */
int tact_pack_load(tact_checker *c, const char *yaml, size_t len,
                   const char *name);

/* ---- compile.c ---------------------------------------------------------------- */

/* Compile a pattern; message receives the reason on failure, and *nomem
 * tells whether it was a lack of memory. */
pcre2_code *tact_pattern_compile(const char *pattern, char *message,
                                 size_t msgsize, int *nomem);
/* The literal text every match of pattern starts with, when the pattern
 * begins with zero-width assertions (\b, lookbehinds, ^) followed by plain
 * letters, folded like the text; NULL when it shows none of at least two
 * bytes (alternation at the top level, a group or class first...). */
char *tact_pattern_literal(const char *pattern);
/* Check that every group a template names exists in code. */
int tact_template_check(const char *tpl, const pcre2_code *code,
                        char *message, size_t msgsize);

/* ---- builtin (generated) -------------------------------------------------- */

struct tact_builtin_pack {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct tact_builtin_pack tact_builtin_packs[];
extern const size_t tact_builtin_pack_count;

/* ---- report.c --------------------------------------------------------------- */

struct tact_finding {
	const struct tact_report *report;
	size_t rule;            /* index into report->rules */
	size_t start, end;
	size_t cp_start, cp_end, line, column;
	size_t match;           /* string offset */
	size_t match_len;
	size_t sugg;            /* first index into report->suggs */
	size_t nsugg;
	size_t order;           /* checker rule index, for sorting */
	size_t category_id;
	size_t message;         /* string offset of its own message; 0: the rule's */
	int advisory;           /* suggestions are ideas, not replacements */
};

struct tact_profile {
	const struct tact_band *band;   /* only while building */
	size_t name;                    /* string offset */
	size_t hits;
	size_t *words;                  /* string offsets */
	size_t nwords, cap;
};

struct tact_question {
	size_t start, end;
	int kind;
};

struct tact_lost {
	size_t category;                /* string offset */
	int points;
};

struct tact_report_rule {
	const struct tact_rule *rule; /* only while building */
	size_t id, category, message, explanation;
	int severity;
};

struct tact_report {
	char language[16];
	int status;
	struct tact_finding *findings;
	size_t nfindings, fcap;
	struct tact_report_rule *rules;
	size_t nrules, rcap;
	size_t *suggs;          /* string offsets */
	size_t nsuggs, scap;
	struct tact_buf strings;
	struct tact_profile *profile;
	size_t nprofile;
	size_t band;            /* string offset of the client's band; 0: none */
	int name_status;
	struct tact_question *questions;
	size_t nquestions, qcap;
	int score;
	struct tact_lost *lost;
	size_t nlost, lcap;
};

struct tact_report *tact_report_create(const char *language);
/* Add a string to the report; *off receives its offset. */
int tact_report_string(struct tact_report *r, const char *s, size_t n,
                       size_t *off);
/* The report's copy of a rule, added on first use. */
int tact_report_rule_index(struct tact_report *r, const struct tact_rule *rule,
                           int english, size_t *index);
struct tact_finding *tact_report_add(struct tact_report *r);
/* Put findings in text order. */
void tact_report_sort(struct tact_report *r);
/* Sort, drop same-category overlaps, fill code-point positions, score. */
int tact_report_finish(struct tact_report *r, const char *text, size_t len);

/* ---- match.c ------------------------------------------------------------------ */

struct tact_check_ctx {
	const tact_checker *checker;
	const char *text;
	size_t len;
	const char *language;
	const tact_check_options *opts;  /* complete, of the current version */
	int min_severity;
	unsigned int flags;
	unsigned char *active;  /* one byte per rule: run it in this check */
};

/* Would a finding of rule be reported under the check's options? */
int tact_ctx_reportable(const struct tact_check_ctx *ctx,
                        const struct tact_rule *rule);

int tact_engine_run(struct tact_check_ctx *ctx, struct tact_report *r);

/* ---- coach.c: the coaching layer, run with the engine --------------------- */

struct tact_coach_state;
int tact_coach_begin(struct tact_coach_state **out,
                     const struct tact_check_ctx *ctx);
/* Called for every sentence [s, t) with its normalised form. */
int tact_coach_sentence(struct tact_coach_state *cs, struct tact_report *r,
                        const struct tact_norm *n, pcre2_match_data *md,
                        const struct tact_spans *skips, size_t s, size_t t);
/* After the last sentence: vocabulary profile and hints, coaching
 * findings. */
int tact_coach_finish(struct tact_coach_state *cs, struct tact_report *r,
                      pcre2_match_data *md);
void tact_coach_end(struct tact_coach_state *cs);
/* Does any pattern of the cue match the normalised sentence at base,
 * outside the skipped regions (skips may be NULL)? */
int tact_cue_match(const struct tact_cue *cue, const struct tact_norm *n,
                   pcre2_match_data *md, const pcre2_match_context *mctx,
                   const struct tact_spans *skips, size_t base);

/* ---- suggest.c ------------------------------------------------------------ */

/* Expand a template for a match: captures are taken from the original text
 * through the normalisation map; case follows the original match. */
int tact_suggest(struct tact_buf *out, const char *tpl, const char *orig,
                 const struct tact_norm *n, size_t seg_base,
                 const PCRE2_SIZE *ovector, uint32_t npairs,
                 const pcre2_code *code);

/* Adapt the case of literal text to the original match (see rule-packs.md). */
enum tact_case { TACT_CASE_KEEP, TACT_CASE_CAPITAL, TACT_CASE_UPPER };
enum tact_case tact_case_of(const char *s, size_t len);

#endif
