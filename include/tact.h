/*
 * tact.h: the public API of libtact.
 *
 * tact coaches people who write to customers. Given a support agent's
 * message it finds discouraged phrasing («но», «Вы должны», «Sunteţi
 * sigur…?», "you must"), explains why it hurts, proposes polite
 * alternatives and can apply them.
 *
 * This header is the whole stable API. Everything it declares keeps its
 * meaning and binary layout for the life of SONAME libtact.so.1: functions
 * are only added, never changed or removed; options structs only grow at
 * the end and carry a version.
 *
 * Conventions
 *   - Functions that can fail return int: 0 (TACT_OK) on success or a
 *     negative TACT_E* code. tact_strerror() names a code; tact_error_last()
 *     gives the detail of the last failure on the calling thread.
 *   - Handles are opaque. What tact allocates, tact frees: every *_new or
 *     producing call names the function that releases its result, and every
 *     free function accepts NULL.
 *   - Strings are UTF-8. Texts are passed as (pointer, length) and need not
 *     be NUL-terminated; strings returned by tact are NUL-terminated.
 *   - Offsets are 0-based and end-exclusive, in bytes of the caller's text
 *     ("byte span") and in Unicode code points ("code-point span", what
 *     Python and JavaScript index strings by).
 *
 * Threads
 *   A tact_checker is built once (tact_checker_new, tact_checker_add_pack_*)
 *   and then only read: any number of threads may call tact_check() and
 *   tact_rewrite() on one checker at the same time. Adding a pack is a
 *   write: it must not run concurrently with any other use of that checker.
 *   A tact_report belongs to the thread that uses it; reports of one checker
 *   may be read on different threads at once. The library has no mutable
 *   global state. See docs/threading.md.
 */
#ifndef TACT_H
#define TACT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * TACT_API marks every exported symbol. The library is built with hidden
 * visibility; define TACT_STATIC when linking the static library on a
 * platform where that matters (Windows DLLs).
 */
#if defined(TACT_STATIC)
#  define TACT_API
#elif defined(_WIN32)
#  if defined(TACT_BUILDING)
#    define TACT_API __declspec(dllexport)
#  else
#    define TACT_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define TACT_API __attribute__((visibility("default")))
#else
#  define TACT_API
#endif

/* ---------------------------------------------------------------------- */
/* Versions                                                                */
/* ---------------------------------------------------------------------- */

#define TACT_VERSION_MAJOR 1
#define TACT_VERSION_MINOR 2
#define TACT_VERSION_PATCH 0
/** The version this header describes, as MAJOR*10000 + MINOR*100 + PATCH. */
#define TACT_VERSION_NUMBER \
	(TACT_VERSION_MAJOR * 10000 + TACT_VERSION_MINOR * 100 + TACT_VERSION_PATCH)
#define TACT_VERSION_STRING "1.2.0"

/**
 * The version string of the library actually linked ("1.2.0"): compare with
 * TACT_VERSION_STRING to detect a header/library mismatch. Static storage;
 * thread-safe; never NULL.
 */
TACT_API const char *tact_version(void);

/** The run-time counterpart of TACT_VERSION_NUMBER. Thread-safe. */
TACT_API int tact_version_number(void);

/* ---------------------------------------------------------------------- */
/* Errors                                                                  */
/* ---------------------------------------------------------------------- */

/** Status codes. 0 is success; every error is negative. */
enum tact_status {
	TACT_OK = 0,
	TACT_ERROR = -1,    /* an internal error (a bug in tact: please report) */
	TACT_ENOMEM = -2,   /* an allocation failed; nothing was changed */
	TACT_EINVAL = -3,   /* an argument is NULL, out of range or malformed */
	TACT_EUTF8 = -4,    /* the text is not valid UTF-8 (see the offset) */
	TACT_EPACK = -5,    /* a rule pack was refused (see file, line, reason) */
	TACT_EIO = -6,      /* a file could not be read */
	TACT_ETOOBIG = -7,  /* the input is larger than tact accepts */
	TACT_ELIMIT = -8,   /* a pattern hit its match limit; results partial */
	TACT_EVERSION = -9, /* an options struct has a version tact does not know */
	TACT_ENOTFOUND = -10 /* a named language, rule or item does not exist */
};

/**
 * A short English description of a status code ("invalid UTF-8"). Static
 * storage, never NULL (unknown codes give "unknown error"). Thread-safe.
 */
TACT_API const char *tact_strerror(int code);

/**
 * The detail of the last error raised on the calling thread, for example
 * "acme.yaml:12: rule 'acme.x': pattern 1: missing closing parenthesis at
 * offset 7". Never NULL: an empty string when there was none. The string
 * lives in thread-local storage and is valid until the next tact call on
 * the same thread.
 */
TACT_API const char *tact_error_last(void);

/**
 * Where the last error on this thread points, when it has a position:
 * the byte offset in a text (TACT_EUTF8) or the line of a pack file
 * (TACT_EPACK). Any out-parameter may be NULL. Fields that do not apply are
 * set to (size_t)-1 and *file to NULL. The returned file name is valid until
 * the next tact call on the same thread. Returns the code of that error, or
 * TACT_OK when there was none.
 */
TACT_API int tact_error_position(const char **file, size_t *line,
                                 size_t *byte_offset);

/* ---------------------------------------------------------------------- */
/* Checkers                                                                */
/* ---------------------------------------------------------------------- */

/** A set of compiled rule packs. Opaque. */
typedef struct tact_checker tact_checker;

/** Flags for tact_checker_new(). */
#define TACT_CHECKER_DEFAULT 0u
/** Start empty: do not load the built-in packs. */
#define TACT_CHECKER_NO_BUILTIN 1u

/**
 * Create a checker. Unless flags has TACT_CHECKER_NO_BUILTIN it holds the
 * built-in packs for ru, ro, kk and en, which are compiled into the library
 * (no file needs to be installed).
 *
 * On success *out owns a checker to release with tact_checker_free().
 * Errors: TACT_EINVAL (out is NULL or flags unknown), TACT_ENOMEM.
 * On error *out is set to NULL (when out is not NULL).
 */
TACT_API int tact_checker_new(tact_checker **out, unsigned int flags);

/**
 * Release a checker and everything it holds. Reports made by the checker
 * stay valid: they own their strings. NULL is accepted and ignored.
 */
TACT_API void tact_checker_free(tact_checker *checker);

/**
 * Compile the YAML pack in the file at path and add its rules.
 *
 * The pack is loaded whole or not at all: on any error the checker is left
 * exactly as it was. Errors: TACT_EINVAL (NULL argument), TACT_EIO (the file
 * cannot be read), TACT_ETOOBIG (larger than 16 MiB), TACT_EPACK (bad YAML,
 * a missing or unknown field, a pattern PCRE2 rejects, a duplicate rule
 * id...: tact_error_last() says which, tact_error_position() gives the file
 * and line), TACT_ENOMEM. Not thread-safe for this checker (see above).
 */
TACT_API int tact_checker_add_pack_file(tact_checker *checker,
                                        const char *path);

/**
 * Like tact_checker_add_pack_file(), from a pack held in memory. name (may
 * be NULL: "<string>") is used in error messages in place of a file name.
 * tact copies what it keeps; yaml may be freed on return.
 */
TACT_API int tact_checker_add_pack_string(tact_checker *checker,
                                          const char *yaml, size_t len,
                                          const char *name);

/* ---------------------------------------------------------------------- */
/* Rules                                                                   */
/* ---------------------------------------------------------------------- */

/** A compiled rule. Opaque; owned by its checker. */
typedef struct tact_rule tact_rule;

/** Severities, from least to most serious. */
enum tact_severity {
	TACT_SEVERITY_HINT = 0,
	TACT_SEVERITY_WARNING = 1,
	TACT_SEVERITY_ERROR = 2
};

/** The name of a severity ("hint", "warning", "error"); NULL if unknown. */
TACT_API const char *tact_severity_name(int severity);

/** The number of rules a checker holds. Thread-safe; 0 for NULL. */
TACT_API size_t tact_checker_rule_count(const tact_checker *checker);

/**
 * The rule at index (0 <= index < tact_checker_rule_count()), in load
 * order, or NULL when out of range. The rule lives as long as its checker.
 */
TACT_API const tact_rule *tact_checker_rule(const tact_checker *checker,
                                            size_t index);

/**
 * Rule accessors. Strings live as long as the checker; NULL rule gives
 * NULL (or 0). Thread-safe.
 *   id          "ru.contrast.no"
 *   category    "contrast"
 *   language    "ru"
 *   pack        the pack's name
 *   message     in the rule's language (english != 0: in English when the
 *               pack has it, else in the rule's language)
 *   explanation the same for the explanation
 *   source      where in the guidance the rule comes from ("" if unknown)
 *   severity    a TACT_SEVERITY_* value
 *   trigger_count  the number of trigger words; 0 means the rule's patterns
 *               run on every sentence (slower: `tact rules --stats`)
 */
TACT_API const char *tact_rule_id(const tact_rule *rule);
TACT_API const char *tact_rule_category(const tact_rule *rule);
TACT_API const char *tact_rule_language(const tact_rule *rule);
TACT_API const char *tact_rule_pack(const tact_rule *rule);
TACT_API const char *tact_rule_message(const tact_rule *rule, int english);
TACT_API const char *tact_rule_explanation(const tact_rule *rule,
                                           int english);
TACT_API const char *tact_rule_source(const tact_rule *rule);
TACT_API int tact_rule_severity(const tact_rule *rule);
TACT_API size_t tact_rule_trigger_count(const tact_rule *rule);

/*
 * How the engine finds where a rule's patterns may match
 * (docs/performance.md). Each pattern is found one way:
 *   TACT_FOUND_ANCHORED  it runs only where a literal its matches start
 *                        with occurs (most patterns);
 *   TACT_FOUND_LITERAL   it runs on a sentence that holds a literal every
 *                        match contains;
 *   TACT_FOUND_TRIGGER   it runs on a sentence that holds one of the
 *                        rule's triggers;
 *   TACT_FOUND_ALWAYS    it runs on every sentence of the rule's language
 *                        (no literal found, no triggers): slowest.
 * tact_rule_pattern_count() returns how many of the rule's patterns are
 * found the way `how` names, or all of them for TACT_FOUND_ANY; 0 for a
 * NULL rule or an unknown `how`. Since 1.2. Thread-safe.
 */
#define TACT_FOUND_ANY 0
#define TACT_FOUND_ANCHORED 1
#define TACT_FOUND_LITERAL 2
#define TACT_FOUND_TRIGGER 3
#define TACT_FOUND_ALWAYS 4
TACT_API size_t tact_rule_pattern_count(const tact_rule *rule, int how);

/** Kinds of rule example. */
enum tact_example_kind {
	TACT_EXAMPLE_BAD = 0,  /* must fire the rule; may carry the expected fix */
	TACT_EXAMPLE_GOOD = 1  /* must not fire the rule */
};

/** The number of examples of a kind the rule's pack gives. */
TACT_API size_t tact_rule_example_count(const tact_rule *rule, int kind);

/**
 * Example index of a kind: its text, and (for bad examples) the expected
 * rewrite in *fix, or NULL when the pack gives none. fix may be NULL.
 * Returns NULL when out of range. Strings live as long as the checker.
 */
TACT_API const char *tact_rule_example(const tact_rule *rule, int kind,
                                       size_t index, const char **fix);

/* ---------------------------------------------------------------------- */
/* Checking                                                                */
/* ---------------------------------------------------------------------- */

/** Flags for tact_check_options.flags. */
/** Messages and explanations in English instead of the rule's language. */
#define TACT_CHECK_ENGLISH 1u
/** Also check quoted text, '>' lines, URLs, e-mail addresses and code. */
#define TACT_CHECK_INCLUDE_QUOTES 2u
/** The reply aims to discover the client's needs (version 2): a reply
 *  that asks only closed questions gets a `questions` hint. */
#define TACT_CHECK_DISCOVERY 4u

/**
 * Options of a check or rewrite. Initialise with TACT_CHECK_OPTIONS_INIT or
 * tact_check_options_init(), then set what you need. The struct only grows
 * at the end; version tells tact which fields the caller knows (a program
 * compiled against version 1 keeps working: the later fields take their
 * defaults).
 */
typedef struct tact_check_options {
	unsigned int version;  /* TACT_CHECK_OPTIONS_VERSION */
	/** "ru", "ro", "kk", "en" (or a pack's language), or "auto"/NULL to
	 *  detect it per message from its script and letters. */
	const char *language;
	/** Findings below this TACT_SEVERITY_* are not reported. */
	int min_severity;
	/** Comma-separated rule ids and categories to use; NULL or "" for all.
	 *  An entry ending in '*' is a prefix: "ru.contrast.*". */
	const char *enable;
	/** Comma-separated rule ids and categories to skip (applied after
	 *  enable); NULL for none. Same syntax. */
	const char *disable;
	/** TACT_CHECK_* flags. */
	unsigned int flags;

	/* ---- version 2: the coaching layer (docs/coaching.md) ---- */

	/** The client's age in years, or -1 when unknown. With an age, the
	 *  report carries the vocabulary profile and `vocabulary` hints. */
	int age;
	/** The client's name as the agent knows it ("Анна Петровна"), or
	 *  NULL: the report then says whether the reply addresses the client
	 *  by name (declined and vocative forms count). */
	const char *client_name;
	/** The customer's message this reply answers (UTF-8, length
	 *  customer_message_len), or NULL. When it is upset, a reply without
	 *  acknowledgement gets an `empathy` finding. */
	const char *customer_message;
	size_t customer_message_len;
	/** How long the client has waited for this reply, in seconds, or -1
	 *  when unknown. A long wait without an apology gets a `wait` hint. */
	long wait_seconds;
} tact_check_options;

#define TACT_CHECK_OPTIONS_VERSION 2
#define TACT_CHECK_OPTIONS_INIT \
	{ TACT_CHECK_OPTIONS_VERSION, NULL, TACT_SEVERITY_HINT, NULL, NULL, 0u, \
	  -1, NULL, NULL, 0, -1L }

/**
 * Initialise opts with the defaults of the given struct version (pass
 * TACT_CHECK_OPTIONS_VERSION; versions 1 and 2 are known). Only the fields
 * of that version are written. Errors: TACT_EINVAL (NULL), TACT_EVERSION.
 */
TACT_API int tact_check_options_init(tact_check_options *opts,
                                     unsigned int version);

/** The findings of one check. Opaque; owned by the caller. */
typedef struct tact_report tact_report;
/** One finding. Opaque; owned by its report. */
typedef struct tact_finding tact_finding;

/** Limits on input. Longer texts are refused with TACT_ETOOBIG. */
#define TACT_MAX_TEXT ((size_t)1 << 30)

/**
 * Check text (len bytes of UTF-8; need not be NUL-terminated) against the
 * checker's rules. opts may be NULL for the defaults.
 *
 * Findings come in text order (by start offset, then by rule load order);
 * several findings of different categories may overlap, findings of one
 * category never do (the earliest, then the longest, wins).
 *
 * On success *out owns a report to release with tact_report_free(); the
 * report does not refer to text or checker after the call. Errors:
 * TACT_EINVAL (NULL checker/out, text NULL with len > 0, bad option),
 * TACT_EVERSION (opts->version unknown), TACT_ENOTFOUND (opts->language is
 * not a language of any loaded pack), TACT_EUTF8 (tact_error_position()
 * gives the byte offset of the first bad sequence), TACT_ETOOBIG, TACT_ENOMEM.
 * On error *out is NULL. Thread-safe: see "Threads" above.
 */
TACT_API int tact_check(tact_report **out, const tact_checker *checker,
                        const char *text, size_t len,
                        const tact_check_options *opts);

/** Release a report. NULL is accepted. */
TACT_API void tact_report_free(tact_report *report);

/**
 * TACT_OK when the check ran to the end, or TACT_ELIMIT when some pattern
 * hit its match limit on some sentence (a hostile pattern or text): the
 * findings are then those found within the limits. TACT_EINVAL for NULL.
 */
TACT_API int tact_report_status(const tact_report *report);

/** The number of findings; 0 for NULL. */
TACT_API size_t tact_report_count(const tact_report *report);

/**
 * The language the message was checked as ("ru", "ro", "kk", "en"...):
 * the one asked for, or the one detected. Lives as long as the report.
 */
TACT_API const char *tact_report_language(const tact_report *report);

/**
 * The finding at index (0 <= index < tact_report_count()), or NULL when out
 * of range. It lives as long as the report.
 */
TACT_API const tact_finding *tact_report_finding(const tact_report *report,
                                                 size_t index);

/**
 * Finding accessors. Strings live as long as the report; a NULL finding
 * gives NULL or 0.
 *   rule, category   the rule's id and category
 *   severity         a TACT_SEVERITY_* value
 *   message          the rule's message (in English with TACT_CHECK_ENGLISH)
 *   explanation      the rule's explanation (likewise)
 *   match            the matched original text, NUL-terminated; *len (may be
 *                    NULL) receives its length in bytes
 */
TACT_API const char *tact_finding_rule(const tact_finding *finding);
TACT_API const char *tact_finding_category(const tact_finding *finding);
TACT_API int tact_finding_severity(const tact_finding *finding);
TACT_API const char *tact_finding_message(const tact_finding *finding);
TACT_API const char *tact_finding_explanation(const tact_finding *finding);
TACT_API const char *tact_finding_match(const tact_finding *finding,
                                        size_t *len);

/**
 * The span of the finding in the checked text: bytes (byte_start, byte_end)
 * and code points (cp_start, cp_end), end-exclusive; line (1-based) and
 * column (1-based, in code points) of its start. Any out-parameter may be
 * NULL. Returns TACT_EINVAL for a NULL finding.
 */
TACT_API int tact_finding_span(const tact_finding *finding,
                               size_t *byte_start, size_t *byte_end,
                               size_t *cp_start, size_t *cp_end,
                               size_t *line, size_t *column);

/** The number of suggestions (0 when the rule only reports). */
TACT_API size_t tact_finding_suggestion_count(const tact_finding *finding);

/**
 * Suggestion index, best first: the text that would replace the match, with
 * captures filled in and case adapted. NULL when out of range. Lives as long
 * as the report.
 */
TACT_API const char *tact_finding_suggestion(const tact_finding *finding,
                                             size_t index);

/* ---------------------------------------------------------------------- */
/* Rewriting                                                               */
/* ---------------------------------------------------------------------- */

/**
 * Rewrite text: apply the first suggestion of every finding, keeping all
 * text outside findings byte for byte. Overlapping findings are applied one
 * at a time and the text re-checked, so the result has no finding left that
 * a suggestion could fix; rewriting the result again changes nothing.
 *
 * On success *out owns a NUL-terminated string to release with tact_free(),
 * and *out_len (may be NULL) receives its length. Errors are those of
 * tact_check(); on error *out is NULL. Thread-safe like tact_check().
 */
TACT_API int tact_rewrite(char **out, size_t *out_len,
                          const tact_checker *checker, const char *text,
                          size_t len, const tact_check_options *opts);

/** Release memory tact returned (tact_rewrite()'s text). NULL is accepted. */
TACT_API void tact_free(void *ptr);

/* ---------------------------------------------------------------------- */
/* Coaching: vocabulary by age, the client's name, questions, the score    */
/* (since 1.1; docs/coaching.md)                                          */
/* ---------------------------------------------------------------------- */

/**
 * An age band of a language's vocabulary pack ("60+", "40-60", "25-40",
 * "<25"): the words that speak to clients of that age. Opaque; owned by its
 * checker.
 */
typedef struct tact_band tact_band;

/** The number of age bands the checker knows for lang (0 if none). */
TACT_API size_t tact_band_count(const tact_checker *checker, const char *lang);

/** Band index of lang, in pack order; NULL when out of range. */
TACT_API const tact_band *tact_band_at(const tact_checker *checker,
                                       const char *lang, size_t index);

/**
 * The band of lang that holds age (min_age <= age <= max_age), or NULL
 * when lang has no vocabulary or no band covers age (tact_error_last()
 * says which). Thread-safe; lives as long as the checker.
 */
TACT_API const tact_band *tact_vocabulary(const tact_checker *checker,
                                          const char *lang, int age);

/**
 * Band accessors. Strings live as long as the checker; a NULL band gives
 * NULL or 0.
 *   name       "60+"
 *   theme      what its words evoke ("стоимость"; english != 0: "value")
 *   min_age, max_age  the ages the band covers, inclusive
 *   word_count, word  its words, in their dictionary form, pack order
 * Read-only: thread-safe like the rule accessors.
 */
TACT_API const char *tact_band_name(const tact_band *band);
TACT_API const char *tact_band_theme(const tact_band *band, int english);
TACT_API int tact_band_min_age(const tact_band *band);
TACT_API int tact_band_max_age(const tact_band *band);
TACT_API size_t tact_band_word_count(const tact_band *band);
TACT_API const char *tact_band_word(const tact_band *band, size_t index);

/**
 * The vocabulary profile of a checked text: for every band of the report's
 * language, how many words of that band the text used and which (their
 * dictionary forms, each once, in text order). Filled on every check of a
 * language that has a vocabulary pack. tact_report_band() is the client's
 * band when the check carried an age, else NULL. Strings live as long as
 * the report; out-of-range indexes give NULL or 0. Read-only: a report may
 * be read from several threads at once.
 */
TACT_API size_t tact_report_profile_count(const tact_report *report);
TACT_API const char *tact_report_profile_band(const tact_report *report,
                                              size_t index);
TACT_API size_t tact_report_profile_hits(const tact_report *report,
                                         size_t index);
TACT_API size_t tact_report_profile_word_count(const tact_report *report,
                                               size_t index);
TACT_API const char *tact_report_profile_word(const tact_report *report,
                                              size_t index, size_t word);
TACT_API const char *tact_report_band(const tact_report *report);

/** Whether a reply addresses the client by name. */
enum tact_name_status {
	TACT_NAME_UNKNOWN = 0,   /* the check carried no client_name */
	TACT_NAME_ADDRESSED = 1, /* the reply uses the name (any form) */
	TACT_NAME_MISSING = 2    /* it does not (a `name` hint is reported when
	                            the language has coaching data) */
};

/** The report's tact_name_status. 0 for NULL. */
TACT_API int tact_report_name_status(const tact_report *report);

/** Kinds of question (seed 002: open questions gather information, closed
 *  ones expect "yes" or "no"). */
enum tact_question_kind {
	TACT_QUESTION_OPEN = 0,
	TACT_QUESTION_CLOSED = 1
};

/** The number of questions the reply asks (sentences ending in '?',
 *  outside quotes). Questions are counted and classified where the
 *  report's language has coaching data (its open-question words); else 0. */
TACT_API size_t tact_report_question_count(const tact_report *report);

/**
 * Question index: its kind (TACT_QUESTION_*), and its byte span in the
 * text (any out-parameter may be NULL). Returns TACT_EINVAL when out of
 * range.
 */
TACT_API int tact_report_question(const tact_report *report, size_t index,
                                  int *kind, size_t *byte_start,
                                  size_t *byte_end);

/**
 * The coaching score of the reply, 0 (worst) to 100 (nothing to improve):
 * 100 minus the points each reported finding costs by severity (error 15,
 * warning 8, hint 3), each category losing at most 40 (docs/coaching.md).
 * Stable for a given text, options and pack set. -1 for NULL.
 */
TACT_API int tact_report_score(const tact_report *report);

/** The points category lost in the score (0 when it has no finding). */
TACT_API int tact_report_score_lost(const tact_report *report,
                                    const char *category);

/**
 * The context a rule's example is checked in (coaching examples carry the
 * client's name, age, the customer's message, the wait, the discovery
 * flag): sets those fields of opts (a version 2 struct, initialised by the
 * caller) and leaves the others alone. Strings point into the checker.
 * Returns TACT_EINVAL when the example does not exist or opts is NULL or
 * older than version 2. Since 1.1.
 */
TACT_API int tact_rule_example_options(const tact_rule *rule, int kind,
                                       size_t index, tact_check_options *opts);

/* ---------------------------------------------------------------------- */
/* Languages                                                               */
/* ---------------------------------------------------------------------- */

/**
 * The language tact would check text as under "auto": "kk" when letters
 * only Kazakh uses (ә ғ қ ң ө ұ ү һ і) are frequent, "ru" for other
 * Cyrillic, "ro" for Romanian letters or words, else "en". Static storage.
 * Returns NULL (with TACT_EUTF8 or TACT_EINVAL in tact_error_last()) for
 * invalid input. Thread-safe.
 */
TACT_API const char *tact_detect_language(const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* TACT_H */
