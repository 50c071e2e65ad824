/*
 * internal.h: declarations shared by the library's files. Not installed.
 */
#ifndef TACT_INTERNAL_H
#define TACT_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tact.h"
#include "bytes.h"

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
/* Is cp a word character for PCRE2's \w (UCP)? Exact for Latin and
 * Cyrillic letters and ASCII; 0 for everything else, so that a scan for
 * word starts visits every position where \b could hold. Inline: the
 * index scan asks it of every character. */
static inline int tact_is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) - 'a' < 26 || cp - '0' < 10 || cp == '_';
	/* Latin-1 and Latin Extended letters, Cyrillic letters: the letters
	 * of the packs' languages. Everything else counts as no word
	 * character, which only makes a scan visit more positions. */
	if (cp >= 0xC0 && cp < 0x250)
		return cp != 0xD7 && cp != 0xF7;
	return cp >= 0x400 && cp < 0x530 && !(cp >= 0x482 && cp <= 0x489);
}
/* The case of code point cp where it is known without a look-up into
 * utf8proc's tables, ASCII and the Cyrillic letters U+0400..U+045F (a
 * check asks it letter by letter): TACT_CASE_OF_UPPER or
 * TACT_CASE_OF_LOWER for a letter, 0 for no letter; TACT_CASE_OF_ASK for
 * any other code point. */
enum { TACT_CASE_OF_UPPER = 1, TACT_CASE_OF_LOWER = 2, TACT_CASE_OF_ASK = 4 };
static inline int tact_plain_case(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp | 0x20) - 'a' >= 26)
			return 0;
		return cp & 0x20 ? TACT_CASE_OF_LOWER : TACT_CASE_OF_UPPER;
	}
	if (cp >= 0x400 && cp < 0x460)
		return cp < 0x430 ? TACT_CASE_OF_UPPER : TACT_CASE_OF_LOWER;
	return TACT_CASE_OF_ASK;
}
/* Are language codes a and b the same? Codes are a few letters: compared
 * in line, without a call (a check asks it of every band and rule). */
static inline int tact_same_language(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}
/* Does s[0..len) start with such a word character? */
int tact_is_word_start(const unsigned char *s, size_t len);
/* The end of the run of white space at s[i] (i itself when there is
 * none). White space here is every character PCRE2's \s can match (and
 * a few more), so that a run always holds a match of \s+. */
size_t tact_space_run(const char *s, size_t len, size_t i);
/* The first occurrence of needle (n >= 1 bytes) in hay[0..len), or NULL. */
const char *tact_find(const char *hay, size_t len, const char *needle,
                      size_t n);

/* ---- normalise.c ------------------------------------------------------------ */

/* Scratch of one normalisation; reused across segments of one check. */
struct tact_norm {
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
/* Fold one code point the way text is folded, lower case included. */
uint32_t tact_fold_cp(uint32_t cp);
/* Fold a pattern or trigger: letters only, no case change unless lower. */
char *tact_fold_string(const char *s, size_t len, int lower);
/* 0 when the fast path's table of two-byte code points agrees with the
 * slow path, else the first code point it gets wrong (a unit test calls it). */
uint32_t tact_fold_table_check(void);

/* ---- detect.c -------------------------------------------------------------- */

/* The language of valid UTF-8 text: "ru", "ro", "kk" or "en". */
const char *tact_detect(const char *text, size_t len);
/* 1 when detect.c finds every word of its list, as written and in
 * capitals, and the list keeps the rules detect.c relies on (a unit test
 * calls it). */
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

/* ---- anchor.c: the literals a pattern's matches start with ------------- */

/* In an anchor, a byte that UTF-8 never holds stands for a whole run of
 * white space: `\s+`, `\s` and literal spaces all become this gap, and a
 * scan takes the longest run there (see index.c). */
#define TACT_GAP 0xFFu

struct tact_anchor {
	/* Folded like the normalised text; a built-in pattern's is the
	 * prepared pool's (tact_text_lasting()). */
	char *text;
	size_t len;
	int word;               /* only where a word starts */
	int end;                /* only where no word character follows */
};

struct tact_anchors {
	struct tact_anchor *v;
	size_t n;
};

/* Every match of pattern (folded source) starts with one of the anchors;
 * out->n is 0 when the pattern shows no such set. TACT_ENOMEM on failure. */
int tact_pattern_anchors(const char *pattern, struct tact_anchors *out);
/* Literals one of which every match contains somewhere (for a pattern
 * without anchors), marked when they start words as inner literals are;
 * out->n is 0 when none are found. */
int tact_pattern_required(const char *pattern, struct tact_anchors *out);
/* Literals one of which every match contains past its start, other than
 * its anchors (from tact_pattern_anchors()): a second filter for an
 * anchored pattern, which need not run over a sentence holding none of
 * them. Literals that start words are preferred; out->n is 0 when there
 * is no set of literals of 3 bytes or more (4 when they need not start
 * words, unless they end words). */
int tact_pattern_inner(const char *pattern, const struct tact_anchors *anchors,
                       struct tact_anchors *out);
/* For a pattern without anchors: literals one of which every match
 * contains, other than its required literals (tact_pattern_required()),
 * chosen as tact_pattern_inner() chooses; the pattern need not run over
 * a sentence that lacks either set. out->n is 0 when there is none. */
int tact_pattern_second(const char *pattern,
                        const struct tact_anchors *required,
                        struct tact_anchors *out);
/* Anchors shorter than this (bytes) are common enough that a pattern's
 * inner literals are worth looking for too. */
#define TACT_INNER_BELOW 8
/* So is a pattern with this many anchors or more, however long they are
 * (a list of word stems: «доставк», «услуг», «мест»…), when it has at most
 * TACT_INNER_FEW inner literals: more would cost the tries more than the
 * runs they save (docs/performance.md). */
#define TACT_INNER_WIDE 16
#define TACT_INNER_FEW 24
/* The length of the shortest literal of a (0 when there are none). */
size_t tact_anchors_shortest(const struct tact_anchors *a);
/* Do all the literals of a start words (1 when there are none)? */
int tact_anchors_at_words(const struct tact_anchors *a);
void tact_anchors_free(struct tact_anchors *a);

/* ---- rules ------------------------------------------------------------------- */

struct tact_pattern {
	pcre2_code *code;      /* interpreted (rule patterns) or JIT-compiled */
	_Atomic(pcre2_code *) jit;  /* rule patterns: see tact_pattern_code() */
	atomic_uint uses;
	/* Folded as compiled (rule patterns only). A built-in pattern's
	 * source and literal are the prepared pool's: free them with
	 * tact_text_free(). */
	char *source;
	char **suggestions;    /* NULL: the rule's */
	size_t nsuggestions;
	/* Text every match starts with, in normalised form, when the pattern
	 * shows one (see tact_pattern_literal()); NULL otherwise. */
	char *literal;
	size_t literal_len;
	/* The literals every match starts with; when a rule pattern has
	 * some, its code is compiled anchored and runs only where one of
	 * them occurs (an exception is compiled unanchored and runs over a
	 * sentence where the scan saw one: tact_exception_indexed()). */
	struct tact_anchors anchors;
	/* Without anchors: literals one of which every match contains; the
	 * pattern runs over a sentence only when one occurs there. */
	struct tact_anchors required;
	/* With anchors: literals one of which every match contains further
	 * on (tact_pattern_inner()); without, a second set of literals one
	 * of which every match contains (tact_pattern_second()). A sentence
	 * holding none is skipped. For an exception, a second set besides
	 * its anchors or required literals, all starting words. */
	struct tact_anchors inner;
	/* An unanchored pattern that opens with [^\n]* (as exceptions that
	 * look at the whole sentence do), compiled anchored: where it fails,
	 * it fails up to the next newline (tact_pattern_line_start(),
	 * tact_pattern_search()). */
	int line_start;
	/* Anchored rule patterns that must match where the text starts
	 * (tact_pattern_opening()): a match starts at an offset below this,
	 * as white space before it is at most three bytes a character;
	 * 0 when it may start anywhere. */
	size_t starts_below;
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
	struct tact_pattern *v;  /* code only: JIT-compiled on use */
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

/* The bands of one language, in the order they were added, and their
 * names one after another, each with its NUL: a check copies them into
 * its report's profile at once (coach.c). */
struct tact_band_group {
	const char *language;           /* its first band's */
	struct tact_band_entry {
		const struct tact_band *band;
		size_t name;            /* where its name starts in names */
	} *v;
	size_t n, cap;
	char *names;
	size_t names_len, names_cap;    /* names_len counts the last NUL */
};

struct tact_band_groups {
	struct tact_band_group *v;
	size_t n, cap;
};

/* Group the bands a[0..na) and then b[0..nb) by language into *out
 * (empty on entry). TACT_ENOMEM, *out freed, on failure. */
int tact_band_groups_build(struct tact_band_groups *out,
                           struct tact_band *const *a, size_t na,
                           struct tact_band *const *b, size_t nb);
void tact_band_groups_free(struct tact_band_groups *g);

/* A rule of a built-in pack does not copy its id, category, messages,
 * explanations and source: they point to the library's own text
 * (tact_text_lasting()), which reports point to as well. */
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
/* Is s a text of the built-in packs, in the library's read-only data
 * (their documents' scalars, or the prepared patterns' pool)? It lasts as
 * long as the library (past any checker) and is never freed. */
int tact_text_lasting(const char *s);
/* A rule's or pattern's copy of text s (s itself when it lasts); NULL
 * for NULL or when out of memory. */
char *tact_text_dup(const char *s);
/* Free a rule's or pattern's text, unless it is the library's own. */
void tact_text_free(char *s);

/* ---- index.c: where patterns can match ------------------------------------ */

/* A node of a byte trie: the bytes that have a child, and the children
 * together from `child` on, in byte order. 48 bytes. */
struct tact_bnode {
	/* The bytes that have a child; in a node with one child (not a
	 * gap), the bytes of its chain instead. */
	uint64_t bits[4];
	uint32_t child;         /* with a chain: the node it leads to */
	uint32_t hits, nhits;   /* into the trie's hits */
	/* Children before the second, third and fourth quarters of bits
	 * (at most 192). */
	uint8_t base[3];
	/* With one child (not a gap), the length of the chain: the byte of
	 * that child and those of its only children after it, up to a node
	 * with hits or with other than one child (at most sizeof bits); 0
	 * with other than one child. */
	uint8_t chain;
};

/* The node that the first four bytes of a literal lead to, by those
 * bytes (a key of 0 marks an empty slot: literals hold no NUL), and a
 * filter of the two bytes that follow them: one bit, by a hash of the
 * fifth and sixth bytes, for each literal under the node (every bit
 * when one is shorter than six bytes or has a gap among them). A text
 * whose bit is clear is not walked. */
struct tact_quad {
	uint32_t key;
	uint32_t node;
	uint64_t after;
};

struct tact_btrie {
	struct tact_bnode *nodes;
	size_t nnodes;
	uint32_t *hits;
	size_t nhits;
	/* Filters of the positions a literal can start at, 8 KB each
	 * (TACT_PAIRS_SETS of them): the first two bytes of text, one bit per
	 * pair; the pairs that start a literal shorter than four bytes or
	 * with a gap among them that the quads do not hold; of those, the
	 * ones that need no white space at their third or fourth byte of
	 * text; and the pairs that start a literal with one gap among its
	 * second to fourth bytes, which the quads hold as a single space.
	 * Most positions are ruled out by one bit test (tact_index_scan()). */
	uint64_t *pairs;
	/* The other literals, by their first four bytes (two letters of
	 * Cyrillic, where a pair is one letter), a gap among them as one
	 * ASCII space: where their walk goes on. Open addressing,
	 * quad_mask + 1 slots. */
	struct tact_quad *quads;
	uint32_t quad_mask;
};
#define TACT_PAIRS_WORDS (65536 / 64)
#define TACT_PAIRS_SETS 4

/* A hit is a pattern id, or with this bit a rule whose unanchored
 * patterns are to run in the sentence. */
#define TACT_HIT_RULE 0x80000000u
/* In a trie: the hit counts only where no word character follows. */
#define TACT_HIT_END 0x40000000u
/* A pattern's inner literal (tact_pattern_inner()) was seen. */
#define TACT_HIT_INNER 0x20000000u
/* A literal of an exception (by its id in the index) was seen. */
#define TACT_HIT_EXC 0x10000000u
/* Pattern, rule and exception ids stay below the flags. */
#define TACT_HIT_ID_MAX TACT_HIT_EXC

struct tact_lang_index {
	char *language;
	struct tact_btrie word;   /* literals where a word starts */
	struct tact_btrie any;    /* literals anywhere */
	uint32_t *always;         /* rules whose unanchored patterns always run */
	size_t nalways;
};

struct tact_pattern_ref {
	const struct tact_rule *rule;
	const struct tact_pattern *pat;
};

struct tact_index {
	struct tact_pattern_ref *pats;  /* by pattern id */
	size_t npats;
	uint32_t *loose;                /* unanchored pattern ids, by rule */
	uint32_t *loose_at;             /* per rule: its first in loose */
	/* Per rule: the id of its first exception. An exception with
	 * literals (anchors or required) is looked for by the scan, whose
	 * hits say which of them occur in a sentence. */
	uint32_t *exc_at;
	size_t nexcs;
	struct tact_lang_index *langs;
	size_t nlangs, langcap;
};

/* Candidates of a scan: (hit << 32 | offset). */
struct tact_cands {
	uint64_t *v;
	size_t n, cap;
};

int tact_index_build(struct tact_index *ix, struct tact_rule **rules,
                     size_t nrules);
void tact_index_free(struct tact_index *ix);
void tact_btrie_free(struct tact_btrie *t);
const struct tact_lang_index *tact_index_lang(const struct tact_index *ix,
                                              const char *lang);
/* Append a candidate: hit at offset pos. */
int tact_cands_push(struct tact_cands *c, uint32_t hit, size_t pos);
/* Does the scan look for exception x's literals? When it does, x can
 * only match in a sentence where one was seen (a TACT_HIT_EXC hit), and
 * one of its second set (x->inner) when it has one (a hit of
 * tact_exception_second()); an exception without them runs on every
 * sentence its rule matched in. */
static inline int tact_exception_indexed(const struct tact_pattern *x)
{
	return x->anchors.n || x->required.n;
}
/* The hit id of the second set of exception id: the id nexcs after its
 * own, so one array by id holds what the scan saw of both (struct
 * tact_scratch). */
static inline uint32_t tact_exception_second(const struct tact_index *ix,
                                             uint32_t id)
{
	return (uint32_t)ix->nexcs + id;
}
/* Append to out the candidates of a normalised sentence; text[len] must
 * be readable (the normaliser ends its text with a NUL). */
int tact_index_scan(const struct tact_lang_index *li, const char *text,
                    size_t len, struct tact_cands *out);

/* ---- checker.c ------------------------------------------------------------- */

/* Working memory kept for checks (scratch.c). */
#define TACT_SCRATCH_SLOTS 8
struct tact_scratch;
typedef _Atomic(struct tact_scratch *) tact_scratch_slot;

struct tact_checker {
	struct tact_rule **rules;
	size_t nrules, rulecap;
	char **categories;      /* built-in ones first */
	size_t ncategories, catcap;
	struct tact_index index;
	tact_scratch_slot scratch[TACT_SCRATCH_SLOTS];
	uint32_t max_captures;
	pcre2_match_context *mctx;
	struct tact_band **bands;
	size_t nbands, bandcap;
	struct tact_band_groups band_groups;  /* the bands by language */
	struct tact_coach **coaches;
	size_t ncoaches, coachcap;
	int defer_index;        /* loading the built-in packs: index once */
};

const struct tact_coach *tact_coach_find(const tact_checker *c,
                                         const char *lang);
/* The bands of language lang; NULL when it has none. */
const struct tact_band_group *tact_band_group_find(const tact_checker *c,
                                                   const char *lang);

size_t tact_category_find(const tact_checker *c, const char *name);
/* Hand a loaded pack's contents to the checker (all or nothing). */
struct loader;
int tact_checker_adopt(tact_checker *c, struct loader *ld);
int tact_language_known(const tact_checker *c, const char *lang);

/* ---- pack.c ----------------------------------------------------------------- */

/* Parse and compile a pack; on success the rules are added to c. */
struct tact_prep;
struct tact_builtin_pack;
/* tact_pack_load() taking what it can from prepared patterns (prep may be
 * NULL). */
int tact_pack_load_prepared(tact_checker *c, const char *yaml, size_t len,
                            const char *name, struct tact_prep *prep);
/* Load a built-in pack from its document (no YAML is parsed). */
int tact_pack_load_builtin(tact_checker *c, const struct tact_builtin_pack *bp,
                           struct tact_prep *prep);
int tact_pack_load(tact_checker *c, const char *yaml, size_t len,
                   const char *name);

/* ---- compile.c ---------------------------------------------------------------- */

/* Compile a pattern with extra PCRE2 options (PCRE2_ANCHORED or 0);
 * message receives the reason on failure, and *nomem tells whether it was
 * a lack of memory. */
pcre2_code *tact_pattern_compile(const char *pattern, uint32_t options,
                                 int jit, char *message, size_t msgsize,
                                 int *nomem);
/* Does the pattern (folded as tact_pattern_compile() folds it) need
 * PCRE2_CASELESS to match normalised text as it would with it? 0 when
 * every code point it holds outside escapes is one the normaliser leaves
 * as it is and that caseless matching takes as equal to no other such
 * code point, ranges included, and its escapes name none (no \x, \p,
 * POSIX class or back reference): such a pattern is compiled without,
 * and runs faster. */
int tact_pattern_caseless(const char *folded);
/* The code to run a rule pattern with: its JIT-compiled copy once the
 * pattern has been used TACT_JIT_AFTER times (compiling every pattern of
 * the built-in packs up front would be most of building a checker), the
 * interpreted code until then. Thread-safe. *jitted is 1 when the code
 * returned is the JIT-compiled copy (pcre2_jit_match() may run it). */
#define TACT_JIT_AFTER 3
const pcre2_code *tact_pattern_code(const struct tact_pattern *p,
                                    int *jitted);
/* Free what p holds (not p). */
void tact_pattern_free(struct tact_pattern *p);
/* pcre2_match() of p's code (tact_pattern_code()) over a valid UTF-8
 * subject from off: PCRE2's result. Thread-safe. */
int tact_pattern_match(const struct tact_pattern *p, const char *subject,
                       size_t len, size_t off, pcre2_match_data *md,
                       const pcre2_match_context *mctx);
/* The first match of unanchored pattern p in subject[off..len) (off <=
 * len), as an unanchored pcre2_match() finds it: one compiled anchored
 * because it opens with [^\n]* (p->line_start) is tried at off and after
 * each newline. PCRE2's result. Thread-safe. */
int tact_pattern_search(const struct tact_pattern *p, const char *subject,
                        size_t len, size_t off, pcre2_match_data *md,
                        const pcre2_match_context *mctx);
/* 1 when pattern opens with [^\n]* (lazy or possessive too) and has no
 * other alternative at its top level, nor backtracking verbs or \G: tried
 * anywhere in a line, it matches there only if it matches at the start
 * of the line, or of the search, so it may be compiled anchored and run
 * where lines start (tact_pattern_search()). */
int tact_pattern_line_start(const char *pattern);
/* When every match of pattern must start at the start of the text, or
 * after at most a few white-space characters there (the pattern opens
 * with ^ or with (?:^|(?<=^\s)|(?<=^\s\s)), unquantified, and has no
 * other alternative at its top level): the most such characters, 0..8.
 * Else -1. */
int tact_pattern_opening(const char *pattern);
/* The literal text every match of pattern starts with, when the pattern
 * begins with zero-width assertions (\b, lookbehinds, ^) followed by plain
 * letters, folded like the text; NULL when it shows none of at least two
 * bytes (alternation at the top level, a group or class first...). */
char *tact_pattern_literal(const char *pattern);
/* Check that every group a template names exists in code. */
int tact_template_check(const char *tpl, const pcre2_code *code,
                        char *message, size_t msgsize);

/* ---- builtin (generated) -------------------------------------------------- */

/* A node of a built-in pack's YAML document, as libyaml loaded it when
 * the library was built (lib/prepare.c): a scalar is [a, a + b) of
 * tact_builtin_scalars, a sequence b items of tact_builtin_items from a, a
 * mapping b pairs of tact_builtin_pairs from a (lib/pack.h). */
struct tact_yaml_node {
	uint32_t a, b;
	uint32_t line;          /* from 0, as in a yaml_mark_t */
	uint8_t type;           /* yaml_node_type_t */
};

struct tact_builtin_pack {
	const char *name;
	const struct tact_yaml_node *nodes;  /* the root first */
	size_t nnodes;
};
extern const struct tact_builtin_pack tact_builtin_packs[];
extern const size_t tact_builtin_pack_count;

/* ---- prepared.c: the built-in packs' patterns, prepared at build time ---- */

/* What the loader prepares a pattern for. */
enum tact_prep_kind {
	TACT_PREP_RULE,         /* a rule pattern: pk_rule_pattern() */
	TACT_PREP_EXCEPTION,    /* a rule's exception: unanchored, its literals */
	TACT_PREP_CUE,          /* a coaching cue: unanchored */
};

/* A literal of a prepared pattern; text is an offset into the pool. */
struct tact_prepared_literal {
	uint32_t text;
	uint16_t len;
	uint8_t word, end;
};

/* One pattern of the built-in packs as the loader read it, in load order
 * (lib/prepare.c). Strings are offsets into tact_prepared_pool, 0 for
 * none; literal lists are runs of tact_prepared_literals. */
struct tact_prepared {
	uint32_t src;           /* the pattern as written: what it answers for */
	uint32_t source;        /* rule patterns: folded */
	uint32_t literal;       /* unanchored: tact_pattern_literal() */
	uint32_t lists[3];      /* anchors, required, inner: first literal */
	uint16_t counts[3];
	uint8_t kind;           /* enum tact_prep_kind */
	uint8_t line_start;     /* see struct tact_pattern */
	uint8_t starts_below;   /* see struct tact_pattern */
};

extern const struct tact_prepared tact_prepared[];
extern const size_t tact_prepared_count;
extern const struct tact_prepared_literal tact_prepared_literals[];
extern const unsigned char tact_prepared_pool[];
/* Its bytes: the prepared patterns' folded sources and literals point
 * into it and last as long as the library (tact_text_lasting()). */
extern const size_t tact_prepared_pool_size;
/* pcre2_serialize_encode() of every prepared pattern's code, in order. */
extern const unsigned char tact_prepared_codes[];

/* A load's walk through the prepared patterns. */
struct tact_prep {
	pcre2_code **codes;     /* decoded; NULL when PCRE2 refused them */
	size_t n, next;
	int off;                /* a pattern differed: the rest are computed */
	/* Called with every pattern computed rather than taken (lib/prepare.c
	 * records them); may be NULL. Returns TACT_OK or TACT_ENOMEM. */
	int (*note)(void *arg, enum tact_prep_kind kind, const char *src,
	            const struct tact_pattern *p);
	void *arg;
};

/* Decode the prepared patterns for a load of the built-in packs. Without
 * them (a PCRE2 that reads other serialized code), nothing is taken and
 * every pattern is compiled. TACT_ENOMEM on failure. */
int tact_prep_open(struct tact_prep *pp);
/* Free what was not taken. */
void tact_prep_close(struct tact_prep *pp);
/* Fill p (zeroed, but for suggestions) from the next prepared pattern
 * when it was prepared from (kind, src): 1; 0 when it was not, and from
 * then on nothing is taken; TACT_ENOMEM. pp may be NULL. */
int tact_prep_take(struct tact_prep *pp, enum tact_prep_kind kind,
                   const char *src, struct tact_pattern *p);

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
	size_t rule;                    /* a rule of the category: its index */
	int points;
};

/* The texts of a rule a report shows. */
enum { TACT_TEXT_ID, TACT_TEXT_CATEGORY, TACT_TEXT_MESSAGE,
       TACT_TEXT_EXPLANATION, TACT_TEXT_COUNT };

struct tact_report_rule {
	const struct tact_rule *rule; /* only while building */
	/* Each text is the library's own (a built-in rule's, which lasts:
	 * tact_text_lasting()), or else NULL, and its copy is at offset
	 * `off` of the report's strings. */
	const char *text[TACT_TEXT_COUNT];
	size_t off[TACT_TEXT_COUNT];
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
};

/* Would a finding of rule be reported under the check's options? */
int tact_ctx_reportable(const struct tact_check_ctx *ctx,
                        const struct tact_rule *rule);
/* Is rule to run in this check? Phrase rules run when they could be
 * reported; vocabulary words always run in their language, for the
 * profile. */
int tact_ctx_runs(const struct tact_check_ctx *ctx,
                  const struct tact_rule *rule);

int tact_engine_run(struct tact_check_ctx *ctx, struct tact_report *r);

/* ---- scratch.c: a check's working memory, kept by the checker ---------- */

/* What a check knows of a rule; valid when `check` is the scratch's
 * (tact_rule_state_of()), so a check need not clear them all. */
struct tact_rule_state {
	uint32_t check;
	uint32_t queued;        /* the sentence its loose patterns ran in */
	unsigned char run;      /* 0: not decided yet, 1: run, 2: skip */
	unsigned char spent;    /* hit a match limit in this check */
};

/* A pattern's inner literals in the sentence `serial`: seen, the last
 * of them at offset `last`. */
struct tact_inner_seen {
	uint32_t serial;
	uint32_t last;
};

/* How far the search of one of a rule's exceptions went in a sentence
 * (the engine looks for their matches only as far as a finding needs). */
struct tact_exc_search {
	size_t next;            /* where it goes on */
	size_t last;            /* where its last match starts; SIZE_MAX: none */
	int state;              /* 0: not begun, 1: going on, 2: over */
};

struct tact_scratch {
	struct tact_norm norm;
	struct tact_cands cands;
	pcre2_match_data *md;
	pcre2_match_data *md_exc;   /* for exceptions, while md holds a match */
	uint32_t pairs;
	struct tact_rule_state *rules;
	size_t nrules;
	uint32_t check;         /* checks made with this scratch, from 1 */
	struct tact_inner_seen *inner_seen;     /* by pattern id */
	size_t npats;
	/* By exception id: the last sentence one of its literals was seen
	 * in; from nexcs / 2 on, one of its second set, by id plus that. */
	uint32_t *exc_seen;
	size_t nexcs;           /* twice the checker's exceptions */
	uint32_t serial;        /* sentences checked with this scratch */
	struct tact_spans skips, exc;
	struct tact_exc_search *exc_search;     /* by exception of the rule */
	size_t exc_cap;
	struct tact_buf sugg;
};

/* A scratch of c's, sized and cleared; NULL: out of memory. */
struct tact_scratch *tact_scratch_get(const tact_checker *c);
/* The state of rule index in the check of s, cleared on first use. */
static inline struct tact_rule_state *tact_rule_state_of(struct tact_scratch *s,
                                                         size_t index)
{
	struct tact_rule_state *st = &s->rules[index];

	if (st->check != s->check) {
		st->check = s->check;
		st->queued = 0;
		st->run = 0;
		st->spent = 0;
	}
	return st;
}
/* Give it back to c for the next check. */
void tact_scratch_put(const tact_checker *c, struct tact_scratch *s);
/* When c is freed. */
void tact_scratch_free_all(tact_checker *c);

/* ---- coach.c: the coaching layer, run with the engine --------------------- */

/* What coaching keeps during one check; the engine holds it. */
struct tact_coach_state {
	const struct tact_check_ctx *ctx;
	const struct tact_coach *coach;     /* NULL: no coaching data */
	char **stems;                       /* folded name stems */
	size_t nstems;
	int name_found, empathy_found, solution_found, apology_found;
	int have_sentence;
	size_t first_s, first_e, last_s, last_e;
	struct tact_norm norm;              /* for the customer message */
};

/* Start cs for a check; tact_coach_end() releases what it holds, also
 * when this fails. */
int tact_coach_begin(struct tact_coach_state *cs,
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
