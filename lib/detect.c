/*
 * detect.c: which language a message is written in.
 *
 * Cyrillic text is Kazakh when Kazakh evidence (words with letters only
 * Kazakh uses: ә ғ қ ң ө ұ ү һ і, frequent Kazakh words, Kazakh endings)
 * outweighs Russian evidence (frequent Russian words, Russian endings),
 * else Russian. Latin text is Romanian when it has Romanian letters (ă ș ț
 * ş ţ; â î count too) or more Romanian words (frequent ones, Romanian
 * endings) than English ones, else English. A word with a Kazakh letter
 * written as a name (Айгүл, Нұрлан) decides only a text with no other
 * evidence: «Добрый день, Айгүл!» stays Russian.
 *
 * A letter is an ASCII letter, an apostrophe or any code point from U+00C0
 * up; a word is a run of letters. One pass counts them. Words of ASCII
 * letters and words of two-byte Cyrillic letters are taken eight bytes at a
 * time; any other word goes one code point at a time. A word of up to 24
 * bytes is lower-cased and looked up in the frequent words (detect_words.h)
 * with one probe of a perfect hash index made at build time (wordindex.c).
 */
#include <string.h>

#include "internal.h"
#include "detect_words.h"
#include "detect_index.h"

struct lang_votes {
	size_t cyr, lat;        /* letters */
	size_t kk_words, ru_words, ro_words, en_words;
	size_t kk_names;        /* capitalised words with a Kazakh letter */
	size_t ro_letters;
	size_t found[16];       /* words looked up, by the languages found */
};

/* What the letters of a word are. */
enum {
	F_ASCII = 1,            /* ASCII letters and apostrophes */
	F_CYR = 2,              /* U+0400..U+047F: two bytes, D0 or D1 first */
	F_OTHER = 4,            /* any other letter */
	F_KK = 8,               /* one of them only Kazakh uses */
	F_RO = 16,              /* one of them is Romanian */
};

/* A word this long, in bytes, is no evidence either way. */
#define WORD_MAX 60

#define HIGHS TACT_BYTES(0x80)
/* In each 16-bit lane (a two-byte letter): bit 0, bits 0-6, bit 7. */
#define LANE_ONE UINT64_C(0x0001000100010001)
#define LANE_7F UINT64_C(0x007F007F007F007F)
#define LANE_HIGH UINT64_C(0x0080008000800080)

/* What a byte starts: a gap of one byte (G1) or of two (G2: U+0080..U+00BF),
 * an ASCII letter (AZ), a letter U+0400..U+04FF (CY: D0..D3 xx) or another
 * letter (LT). Bytes that start nothing in valid UTF-8 count as gaps. */
enum { G1 = 1, G2 = 2, AZ, CY, LT };

static const unsigned char byte_kind[256] = {
	G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1,	/* 00 */
	G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1,	/* 10 */
	G1, G1, G1, G1, G1, G1, G1, LT, G1, G1, G1, G1, G1, G1, G1, G1,	/* 20 */
	G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1,	/* 30 */
	G1, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ,	/* 40 */
	AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, G1, G1, G1, G1, G1,	/* 50 */
	G1, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ,	/* 60 */
	AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, AZ, G1, G1, G1, G1, G1,	/* 70 */
	G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1,	/* 80 */
	G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1,	/* 90 */
	G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1,	/* A0 */
	G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1,	/* B0 */
	G1, G1, G2, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT,	/* C0 */
	CY, CY, CY, CY, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT,	/* D0 */
	LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT, LT,	/* E0 */
	LT, LT, LT, LT, LT, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1, G1,	/* F0 */
};

/* For a byte that starts a gap, its length; else 0. */
static inline size_t gap_width(unsigned char c)
{
	return byte_kind[c] <= G2 ? byte_kind[c] : 0;
}

static int is_kk_letter(uint32_t cp)
{
	switch (cp) {
	case 0x04D9: case 0x04D8: case 0x0493: case 0x0492: case 0x049B:
	case 0x049A: case 0x04A3: case 0x04A2: case 0x04E9: case 0x04E8:
	case 0x04B1: case 0x04B0: case 0x04AF: case 0x04AE: case 0x04BB:
	case 0x04BA: case 0x0456: case 0x0406:
		return 1;
	default:
		return 0;
	}
}

static int is_ro_letter(uint32_t cp)
{
	switch (cp) {
	case 0x0103: case 0x0102: case 0x0219: case 0x0218: case 0x021B:
	case 0x021A: case 0x015F: case 0x015E: case 0x0163: case 0x0162:
	case 0x00E2: case 0x00C2: case 0x00EE: case 0x00CE:
		return 1;
	default:
		return 0;
	}
}

static inline int is_ascii_alpha(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26;
}

/* Top bits of the bytes of x that are not ASCII letters: exact up to the
 * first one (a byte from 0x80 up may carry into the next), 0 when none. */
static inline uint64_t non_alpha(uint64_t x)
{
	uint64_t y = x | TACT_BYTES(0x20);

	return (x | ~(y + TACT_BYTES(0x1F)) | (y + TACT_BYTES(0x05))) & HIGHS;
}

/* Bit 7 of the lanes of x (two bytes each) whose first byte is not D0..D3:
 * not a letter U+0400..U+04FF. */
static inline uint64_t non_cyr(uint64_t x)
{
	uint64_t lead = (x & UINT64_C(0x00FC00FC00FC00FC)) ^
	                UINT64_C(0x00D000D000D000D0);

	return (lead | (lead + LANE_7F)) & LANE_HIGH;
}

/* Bit 7 of the lanes of x that may be a Kazakh letter: D2 xx, D3 xx, and
 * second bytes 86 or 96 (І і, but also Ц ц). */
static inline uint64_t kk_lanes(uint64_t x)
{
	uint64_t cont = (x >> 8 & UINT64_C(0x00EF00EF00EF00EF)) ^
	                UINT64_C(0x0086008600860086);

	return (x << 6 | ~(cont | (cont + LANE_7F))) & LANE_HIGH;
}

/* 1 when the two-byte Cyrillic letters p[0..n) include a Kazakh one; else
 * -1 when one is not U+0400..U+047F, else 0. */
static int kk_in(const unsigned char *p, size_t n)
{
	int other = 0;
	size_t j;

	for (j = 0; j < n; j += 2) {
		uint32_t cp = (uint32_t)(p[j] & 0x1F) << 6 | (p[j + 1] & 0x3F);

		if (is_kk_letter(cp))
			return 1;
		other |= cp >= 0x480;
	}
	return other ? -1 : 0;
}

/* ---- looking a word up ---------------------------------------------- */

/* Lower-case the Russian capitals among the four letters of x, each two
 * bytes D0 or D1 xx: U+0410..U+042F and Ё. */
static inline uint64_t cyr_lower8(uint64_t x)
{
	uint64_t y = (x & LANE_ONE) << 6 | (x >> 8 & 0x3F * LANE_ONE);
	uint64_t caps = (y + 0x70 * LANE_ONE) & ~(y + 0x50 * LANE_ONE);
	uint64_t yo = ~((y ^ LANE_ONE) + LANE_7F);

	y += (caps & LANE_HIGH) >> 2;           /* +0x20 */
	y += ((yo & LANE_HIGH) >> 7) * 0x50;    /* U+0401 to U+0451 */
	return (y >> 6 & LANE_ONE) | (y & 0x3F * LANE_ONE) << 8 |
	       UINT64_C(0x80D080D080D080D0);
}

/* 1 when a lane of x among those in keep is D0 80..D0 AF, a capital. */
static inline int cyr_has_caps(uint64_t x, uint64_t keep)
{
	return (~x & ~(x >> 12 & x >> 13) & keep & LANE_ONE) != 0;
}

/* Eight bytes of a word of letters of one kind (F_ASCII, or F_CYR: two
 * bytes D0 or D1 xx), lower-cased; the first n (1..8) of them kept. */
static inline uint64_t key_chunk(const unsigned char *p, size_t n,
                                 unsigned kind)
{
	uint64_t x = tact_load64le(p);
	uint64_t keep = n >= 8 ? ~(uint64_t)0 : ~(uint64_t)0 >> (64 - 8 * n);

	if (kind == F_ASCII)
		x |= TACT_BYTES(0x20);
	else if (cyr_has_caps(x, keep))
		x = cyr_lower8(x);
	return x & keep;
}

/* The languages of the key k0 k1 k2: one probe of the index. */
static inline unsigned find(uint64_t k0, uint64_t k1, uint64_t k2)
{
	const uint64_t k[3] = { k0, k1, k2 };
	const struct common_word *e = &common_words[word_index[word_hash(k,
	                                  WORD_HASH_MUL, WORD_HASH_BITS)]];
	const unsigned char *w = (const unsigned char *)e->word;

	if (tact_load64le(w) != k0 || tact_load64le(w + 8) != k1 ||
	    tact_load64le(w + 16) != k2)
		return 0;
	return e->langs;
}

/* find(k0, 0, 0). */
static inline unsigned find8(uint64_t k0)
{
	unsigned slot = (unsigned)((k0 * WORD_HASH_MUL) >>
	                           (64 - WORD_HASH_BITS));
	const struct common_word *e = &common_words[word_index[slot]];

	if (tact_load64le((const unsigned char *)e->word) != k0 || e->word[8])
		return 0;
	return e->langs;
}

/* The languages of the word w[0..n) (0 < n <= WORD_KEY_BYTES, as many
 * bytes readable) of letters of one kind. */
static inline unsigned find_word(const unsigned char *w, size_t n,
                                 unsigned kind)
{
	uint64_t k0 = key_chunk(w, n, kind), k1 = 0, k2 = 0;

	if (n <= 8)
		return find8(k0);
	k1 = key_chunk(w + 8, n - 8, kind);
	if (n > 16)
		k2 = key_chunk(w + 16, n - 16, kind);
	return find(k0, k1, k2);
}

/* Lower-case ASCII and Russian capitals (A-Z, А-Я, Ё) of w[0..n) into out,
 * zero padded to WORD_KEY_BYTES. */
static void lower_bytes(unsigned char *out, const unsigned char *w, size_t n)
{
	size_t i;

	memset(out, 0, WORD_KEY_BYTES);
	for (i = 0; i < n; i++) {
		unsigned char c = w[i], d = i + 1 < n ? w[i + 1] : 0;

		out[i] = c >= 'A' && c <= 'Z' ? c + 32 : c;
		if (c != 0xD0 || !d)
			continue;
		if (d >= 0x90 && d <= 0x9F) {
			out[++i] = d + 0x20;
		} else if (d >= 0xA0 && d <= 0xAF) {
			out[i] = 0xD1;
			out[++i] = d - 0x20;
		} else if (d == 0x81) {
			out[i] = 0xD1;
			out[++i] = 0x91;
		}
	}
}

/* ---- names --------------------------------------------------------------- */

/* Is the letter at p (valid UTF-8) a capital: A-Z, U+0400..U+042F, or
 * one of the capitals of U+0460..U+04BF and U+04D0..U+04FF, which have
 * even code points (the Kazakh ones among them)? */
static inline int is_cap(const unsigned char *p)
{
	switch (p[0]) {
	case 0xD0:
		return p[1] < 0xB0;
	case 0xD1:
		return p[1] >= 0xA0 && !(p[1] & 1);
	case 0xD2:
		return !(p[1] & 1);
	case 0xD3:
		return p[1] >= 0x90 && !(p[1] & 1);
	default:
		return (unsigned)p[0] - 'A' < 26;
	}
}

/* Is the word w[0..n) (valid UTF-8) written as a name: a capital first,
 * and no other? */
static int is_name(const unsigned char *w, size_t n)
{
	size_t j;

	if (!is_cap(w))
		return 0;
	for (j = tact_utf8_seqlen(w[0]); j < n; j += tact_utf8_seqlen(w[j]))
		if (is_cap(w + j))
			return 0;
	return 1;
}

/* Count a word with a Kazakh letter: a name (Айгүл, Нұрлан) is no
 * evidence of the language around it, a word in lower case or capitals
 * is. */
static void count_kk(struct lang_votes *v, const unsigned char *w, size_t n)
{
	if (is_name(w, n))
		v->kk_names++;
	else
		v->kk_words++;
}

/* ---- endings ------------------------------------------------------------ */

/* A word that is not in the list still votes when it ends the way only
 * one language ends words: Romanian articles and verb endings («contul»,
 * «coletului», «clienţilor», «bugurile», «durează», «aşteptaţi», typed
 * without diacritics, and participles: «am verificat», «am primit»),
 * English suffixes and contractions («waiting», «quickly», «it's»,
 * «won't»), Russian adjective, verb and noun endings
 * («добрый», «нового», «проверьте», «получает», «обращение», «оплатить»)
 * and Kazakh person and verb endings that need none of the letters only
 * Kazakh has («аламыз», «жасайды», «жазамын», and «тапсырысынызды» typed
 * without them). Each was chosen so that no common word of the other
 * language of the same script ends so: «-ul» counts only after a
 * consonant other than f, so «careful» and «soul» stay English. A short
 * message of a few words is decided by such words more often than by
 * listed ones. */

/* The last four bytes of w[0..n) (n >= 4), the last one highest. */
static inline uint32_t tail4(const unsigned char *w, size_t n)
{
	return (uint32_t)w[n - 4] | (uint32_t)w[n - 3] << 8 |
	       (uint32_t)w[n - 2] << 16 | (uint32_t)w[n - 1] << 24;
}

#define TWO(a, b) ((uint32_t)(unsigned char)(a) | \
                   (uint32_t)(unsigned char)(b) << 8)
#define FOUR(a, b, c, d) (TWO(a, b) | TWO(c, d) << 16)

/* The consonants before which «-ul» is the Romanian article (not «-ful»,
 * «-oul»). */
#define UL_AFTER (1u << ('b' - 'a') | 1u << ('c' - 'a') | 1u << ('d' - 'a') | \
                  1u << ('g' - 'a') | 1u << ('l' - 'a') | 1u << ('m' - 'a') | \
                  1u << ('n' - 'a') | 1u << ('p' - 'a') | 1u << ('r' - 'a') | \
                  1u << ('s' - 'a') | 1u << ('t' - 'a') | 1u << ('v' - 'a') | \
                  1u << ('z' - 'a'))

/* The letters after which «-at» ends a Romanian participle («notat»,
 * «verificat», «anulat», «actualizat», «intarziat»): not h, e, o
 * («that», «great», «boat») nor m, b, r («format», «combat»,
 * «democrat»); «-stat» («thermostat») is left out too. */
#define AT_AFTER (1u << ('c' - 'a') | 1u << ('d' - 'a') | 1u << ('g' - 'a') | \
                  1u << ('i' - 'a') | 1u << ('l' - 'a') | 1u << ('n' - 'a') | \
                  1u << ('p' - 'a') | 1u << ('s' - 'a') | 1u << ('t' - 'a') | \
                  1u << ('v' - 'a') | 1u << ('z' - 'a'))

/* Is c a lower-case letter of the set (UL_AFTER, AT_AFTER)? */
static int in_letters(uint32_t set, uint32_t c)
{
	return c - 'a' < 26 && (set >> (c - 'a') & 1);
}

/* Is the word ending in «at», whose third byte from the end is b1 and
 * last four bytes t, a Romanian participle? */
static int ro_participle_at(uint32_t t, uint32_t b1, size_t n)
{
	return n >= 5 && in_letters(AT_AFTER, b1) &&
	       t != FOUR('s', 't', 'a', 't');
}

/* Is the word w[0..n) ending in «it», whose last four bytes are t, a
 * Romanian participle («revenit», «pregatit», «stabilit», «urmarit»,
 * «lamurit», «sfarsit», «potrivit», «nemultumit», «primit»)? English
 * words end so in «-mit», «-sit», «-rit», «-dit», «-uit» («submit»,
 * «limit», «visit», «merit», «credit», «circuit»), which these last
 * letters keep apart. */
static int ro_participle_it(const unsigned char *w, uint32_t t, size_t n)
{
	switch (t) {
	case FOUR('i', 'm', 'i', 't'):
		return n >= 6 && (w[n - 5] | 0x20) == 'r';
	case FOUR('e', 'n', 'i', 't'):
	case FOUR('a', 't', 'i', 't'):
	case FOUR('i', 'l', 'i', 't'):
	case FOUR('a', 'r', 'i', 't'):
	case FOUR('u', 'r', 'i', 't'):
	case FOUR('r', 's', 'i', 't'):
	case FOUR('i', 'v', 'i', 't'):
	case FOUR('u', 'm', 'i', 't'):
		return n >= 6;
	default:
		return 0;
	}
}

/* W_RO or W_EN for the word w[0..n) of ASCII letters and apostrophes
 * (any case) by its ending; 0 for none. */
static unsigned latin_ending(const unsigned char *w, size_t n)
{
	uint32_t t, b1;

	if (n < 4)
		return 0;
	t = tail4(w, n) | 0x20202020u;  /* lower case; ' stays */
	b1 = t >> 8 & 0xFF;             /* the third byte from the end */
	switch (t >> 16) {
	case TWO('u', 'i'):
		return t == FOUR('u', 'l', 'u', 'i') ? W_RO : 0;
	case TWO('o', 'r'):
		return t == FOUR('i', 'l', 'o', 'r') ? W_RO : 0;
	case TWO('z', 'a'):
		return t == FOUR('e', 'a', 'z', 'a') ? W_RO : 0;
	case TWO('s', 'c'):
		return n >= 5 && b1 == 'e' ? W_RO : 0;
	case TWO('t', 'i'):
		return n >= 5 && (b1 == 'a' || b1 == 'i') ? W_RO : 0;
	case TWO('i', 'i'):
		return n >= 5 ? W_RO : 0;
	case TWO('l', 'e'):
		return n >= 6 && t == FOUR('r', 'i', 'l', 'e') &&
		       (w[n - 5] | 0x20) == 'u' ? W_RO : 0;
	case TWO('u', 'l'):
		return in_letters(UL_AFTER, b1) ? W_RO : 0;
	case TWO('a', 't'):
		return ro_participle_at(t, b1, n) ? W_RO : 0;
	case TWO('i', 't'):
		return ro_participle_it(w, t, n) ? W_RO : 0;
	case TWO('n', 'g'):
		return n >= 5 && b1 == 'i' ? W_EN : 0;
	case TWO('o', 'n'):
		return n >= 6 && (t == FOUR('t', 'i', 'o', 'n') ||
		                  t == FOUR('s', 'i', 'o', 'n')) ? W_EN : 0;
	case TWO('l', 'y'):
	case TWO('\'', 's'):
		return W_EN;
	case TWO('\'', 't'):
		return b1 == 'n' ? W_EN : 0;
	case TWO('l', 'l'):
	case TWO('r', 'e'):
	case TWO('v', 'e'):
		return b1 == '\'' ? W_EN : 0;
	default:
		return 0;
	}
}

/* Cyrillic letters as two bytes read little-endian: the lead byte low. */
#define CY(c) ((c) < 0x40 ? TWO(0xD0, 0x80 + (c)) : TWO(0xD1, 0x40 + (c)))
/* а..п are D0 B0..BF, р..я D1 80..8F: by their offset from а. */
enum {
	C_A = CY(0x30), C_G = CY(0x33), C_D = CY(0x34), C_E = CY(0x35),
	C_Z = CY(0x37), C_I = CY(0x38), C_J = CY(0x39), C_M = CY(0x3C),
	C_L = CY(0x3B), C_N = CY(0x3D), C_O = CY(0x3E), C_S = CY(0x41),
	C_T = CY(0x42), C_U = CY(0x43), C_Y = CY(0x4B), C_SOFT = CY(0x4C),
	C_YA = CY(0x4F),
};

/* W_RU or W_KK for the word w[0..n) of two-byte Cyrillic letters
 * U+0400..U+047F (any case, none of them Kazakh; n >= 8) by its
 * ending; 0 for none. */
static unsigned cyr_ending(const unsigned char *w, size_t n)
{
	uint64_t x;
	uint32_t l0, l1, l2, l3;

	/* Most words end otherwise: their last byte tells (the second byte
	 * of the letters below, in either case). */
	switch (w[n - 1]) {
	case 0xB9: case 0x99:   /* й Й */
	case 0xBE: case 0x9E:   /* о О */
	case 0x8F: case 0xAF:   /* я Я */
	case 0xB5: case 0x95:   /* е Е */
	case 0x82: case 0xA2:   /* т Т */
	case 0x8C: case 0xAC:   /* ь Ь */
	case 0xB7: case 0x97:   /* з З */
	case 0x8B: case 0xAB:   /* ы Ы */
	case 0xBD: case 0x9D:   /* н Н */
		break;
	default:
		return 0;
	}
	x = key_chunk(w + n - 8, 8, F_CYR);     /* lower case */
	l0 = x & 0xFFFF;
	l1 = x >> 16 & 0xFFFF;
	l2 = x >> 32 & 0xFFFF;
	l3 = x >> 48;                           /* the last */
	switch (l3) {
	case C_J:       /* -ый, -ий */
		return l2 == C_Y || l2 == C_I ? W_RU : 0;
	case C_O:       /* -ого, -его */
		return l2 == C_G && (l1 == C_O || l1 == C_E) ? W_RU : 0;
	case C_YA:      /* -тся, -ться */
		return l2 == C_S && (l1 == C_T || (l1 == C_SOFT && l0 == C_T)) ?
		       W_RU : 0;
	case C_E:       /* -ьте, -ете, -ите, -ние */
		return (l2 == C_T && (l1 == C_SOFT || l1 == C_E || l1 == C_I)) ||
		       (l2 == C_I && l1 == C_N) ? W_RU : 0;
	case C_T:       /* -ает, -яет, -ует */
		return l2 == C_E && (l1 == C_A || l1 == C_YA || l1 == C_U) ?
		       W_RU : 0;
	case C_SOFT:    /* -ть */
		return l2 == C_T ? W_RU : 0;
	case C_Z:       /* -мыз, -сыз; without Kazakh letters (-міз,
	                 * -сіз, -ңыз, -ңіз): -миз, -сиз, -ыныз, -иниз */
		return ((l2 == C_Y || l2 == C_I) && (l1 == C_M || l1 == C_S)) ||
		       (l1 == C_N && l2 == l0 && (l2 == C_Y || l2 == C_I)) ?
		       W_KK : 0;
	case C_Y:       /* -йды, -ызды, -ылды */
		return l2 == C_D && (l1 == C_J ||
		                     ((l1 == C_Z || l1 == C_L) && l0 == C_Y)) ?
		       W_KK : 0;
	case C_N:       /* -мын; -емин (-емін) */
		return l1 == C_M && (l2 == C_Y || (l2 == C_I && l0 == C_E)) ?
		       W_KK : 0;
	default:
		return 0;
	}
}

/* The languages of a word w[0..n) of letters of one kind (F_ASCII or
 * F_CYR; n < WORD_MAX, WORD_KEY_BYTES bytes from w readable): those it
 * is listed for, else those its ending says. */
__attribute__((always_inline))
static inline unsigned word_langs(const unsigned char *w, size_t n,
                                  unsigned kind)
{
	unsigned langs = n <= WORD_KEY_BYTES ? find_word(w, n, kind) : 0;

	if (langs)
		return langs;
	if (kind == F_ASCII)
		return latin_ending(w, n);
	return n >= 8 ? cyr_ending(w, n) : 0;
}

/* ---- any word, one code point at a time ------------------------------- */

/* Decode the code point at p[0..n); returns its length in bytes. */
static size_t decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	uint32_t c = p[0];
	size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, k;

	if (len > n)
		len = n;
	if (len > 1)
		c &= 0x7F >> len;
	for (k = 1; k < len; k++)
		c = c << 6 | (p[k] & 0x3F);
	*cp = c;
	return len;
}

/* Count the letter at p[0..n) into v and *flags; returns its length. */
static size_t one_letter(struct lang_votes *v, const unsigned char *p,
                         size_t n, unsigned *flags)
{
	uint32_t cp;
	size_t len = decode(p, n, &cp);

	if (cp >= 'A' && cp <= 'Z')
		cp += 32;
	if (cp >= 0x400 && cp < 0x530)
		v->cyr++;
	else if (cp != '\'')
		v->lat++;
	if (is_kk_letter(cp))
		*flags |= F_KK;
	if (is_ro_letter(cp)) {
		v->ro_letters++;
		*flags |= F_RO;
	}
	if (cp < 0x80)
		*flags |= F_ASCII;
	else if (cp >= 0x400 && cp < 0x480)
		*flags |= F_CYR;
	else
		*flags |= F_OTHER;
	return len;
}

/* The length of the run of ASCII letters at p[0..n). */
static size_t ascii_run(const unsigned char *p, size_t n)
{
	size_t r = 0;

	for (; r + 8 <= n; r += 8) {
		uint64_t bad = non_alpha(tact_load64le(p + r));

		if (bad)
			return r + tact_bytes_before(bad);
	}
	while (r < n && is_ascii_alpha(p[r]))
		r++;
	return r;
}

/* Vote with the word w[0..n) (WORD_KEY_BYTES bytes from w readable) whose
 * letters are flags. A word with a Kazakh letter is a Kazakh vote. Votes
 * for Romanian and English decide nothing once the text has a Romanian
 * letter, so a word with one, or an ASCII word after one, is not looked up
 * (tact_detect_table_check() makes sure such words count for nothing
 * else). */
static void vote_word(struct lang_votes *v, const unsigned char *w,
                      size_t n, unsigned flags)
{
	unsigned char buf[WORD_KEY_BYTES];
	unsigned langs;

	if (n >= WORD_MAX)
		return;
	if (flags & F_KK) {
		count_kk(v, w, n);
		return;
	}
	if ((flags & F_RO) || (flags == F_ASCII && v->ro_letters))
		return;
	if (flags == F_ASCII || flags == F_CYR) {
		langs = word_langs(w, n, flags);
	} else if (n > WORD_KEY_BYTES) {
		return;
	} else {
		lower_bytes(buf, w, n);
		langs = find(tact_load64le(buf), tact_load64le(buf + 8),
		             tact_load64le(buf + 16));
	}
	v->found[langs]++;
}

/* Count and vote the word at p[0..n) (p[0] a letter; it ends by n, and
 * n >= WORD_KEY_BYTES); returns its length. The way of the words the fast
 * paths leave, out of their loop. */
__attribute__((noinline))
static size_t other_word(struct lang_votes *v, const unsigned char *p,
                         size_t n)
{
	unsigned flags = 0;
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t r;

		if (is_ascii_alpha(c)) {
			r = ascii_run(p + i, n - i);
			v->lat += r;
			flags |= F_ASCII;
		} else if (gap_width(c)) {
			break;
		} else {
			r = one_letter(v, p + i, n - i, &flags);
		}
		i += r;
	}
	vote_word(v, p, i, flags);
	return i;
}

/* ---- the fast paths ---------------------------------------------------- */

/* The word at p (WORD_KEY_BYTES bytes readable) when it is fewer than 16
 * ASCII letters ending at a gap: counted and voted, its length and that of
 * the gap returned; else 0. */
static inline size_t fast_ascii(struct lang_votes *v, const unsigned char *p)
{
	uint64_t bad = non_alpha(tact_load64le(p));
	size_t n;

	if (bad)
		n = tact_bytes_before(bad);
	else if ((bad = non_alpha(tact_load64le(p + 8))) != 0)
		n = 8 + tact_bytes_before(bad);
	else
		return 0;
	if (!gap_width(p[n]))
		return 0;
	v->lat += n;
	if (!v->ro_letters)
		v->found[word_langs(p, n, F_ASCII)]++;
	return n + gap_width(p[n]);
}

/* The word at p[0..avail) when it is ASCII letters and two-byte Latin ones
 * (C3..CF xx: U+00C0..U+03FF), a Romanian one among them, ending at a
 * gap: counted (it needs no look-up), its length and that of the gap
 * returned; else 0. */
static inline size_t fast_latin(struct lang_votes *v, const unsigned char *p,
                                size_t avail)
{
	size_t n = 0, letters = 0, ro = 0;

	while (n < avail) {
		unsigned char c = p[n];

		if (is_ascii_alpha(c)) {
			n++;
		} else if (c >= 0xC3 && c <= 0xCF && n + 1 < avail) {
			ro += (size_t)is_ro_letter((uint32_t)(c & 0x1F) << 6 |
			                           (p[n + 1] & 0x3F));
			n += 2;
		} else {
			break;
		}
		letters++;
	}
	if (!ro || n >= avail || !gap_width(p[n]))
		return 0;
	v->lat += letters;
	v->ro_letters += ro;
	return n + gap_width(p[n]);
}

/* The word at p[0..avail) (avail >= WORD_KEY_BYTES) when it is letters
 * U+0400..U+04FF ending at a gap, and either has a Kazakh letter or none
 * beyond U+047F: counted and voted, its length and that of the gap
 * returned; else 0. */
static inline size_t fast_cyr(struct lang_votes *v, const unsigned char *p,
                              size_t avail)
{
	uint64_t x, bad, kk = 0;
	size_t n = 0, m;
	int kind;

	for (;; n += 8) {
		if (n >= 16 && n + 8 > avail)
			return 0;
		x = tact_load64le(p + n);
		if ((bad = non_cyr(x)) != 0)
			break;
		kk |= kk_lanes(x);
	}
	m = tact_bytes_before(bad);
	kk |= kk_lanes(x) & ~(~(uint64_t)0 << 8 * m);
	n += m;
	if (!n || !gap_width(p[n]) || (kind = kk ? kk_in(p, n) : 0) < 0)
		return 0;
	v->cyr += n / 2;
	if (n < WORD_MAX && kind)
		count_kk(v, p, n);
	else if (n < WORD_MAX)
		v->found[word_langs(p, n, F_CYR)]++;
	return n + gap_width(p[n]);
}

/* Count and vote the words that start in s[0..end), where s has readable
 * bytes (readable >= end + WORD_KEY_BYTES; a word ends by readable);
 * returns where the last one ends. */
static size_t count_span(struct lang_votes *v, const unsigned char *s,
                         size_t end, size_t readable)
{
	size_t i = 0;

	while (i < end) {
		unsigned kind = byte_kind[s[i]];
		size_t r = 0;

		if (kind <= G2) {
			i += kind;      /* the length of the gap */
			continue;
		}
		if (kind == AZ)
			r = fast_ascii(v, s + i);
		else if (kind == CY)
			r = fast_cyr(v, s + i, readable - i);
		if (!r && kind != CY)
			r = fast_latin(v, s + i, readable - i);
		if (!r)
			r = other_word(v, s + i, readable - i);
		i += r;
	}
	return i;
}

/* Add the words found to the votes. */
static void count_found(struct lang_votes *v)
{
	unsigned langs;

	for (langs = 1; langs < 16; langs++) {
		size_t n = v->found[langs];

		if (langs & W_KK)
			v->kk_words += n;
		else if (langs & W_RU)
			v->ru_words += n;
		if (langs & W_RO)
			v->ro_words += n;
		if (langs & W_EN)
			v->en_words += n;
	}
}

/* The text but its last WORD_KEY_BYTES bytes in place; the rest from a
 * zero-padded copy, so that words may be read ahead (NUL is a gap). */
static void count_votes(struct lang_votes *v, const unsigned char *s,
                        size_t len)
{
	unsigned char tail[2 * WORD_KEY_BYTES];
	size_t i = 0;

	if (len > WORD_KEY_BYTES)
		i = count_span(v, s, len - WORD_KEY_BYTES, len);
	if (i > len)            /* only past a lone C2 ending invalid text */
		i = len;
	memset(tail, 0, sizeof tail);
	memcpy(tail, s + i, len - i);
	count_span(v, tail, len - i, sizeof tail);
	count_found(v);
}

/* ---- checking the word list ------------------------------------------ */

/* Capitalise what lower_bytes() lower-cases: a-z, а-я, ё. */
static void upper_bytes(unsigned char *out, const unsigned char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = w[i], d = i + 1 < n ? w[i + 1] : 0;

		out[i] = c >= 'a' && c <= 'z' ? c - 32 : c;
		if (c == 0xD0 && d >= 0xB0 && d <= 0xBF) {
			out[++i] = d - 0x20;
		} else if (c == 0xD1 && d >= 0x80 && d <= 0x8F) {
			out[i] = 0xD0;
			out[++i] = d + 0x20;
		} else if (c == 0xD1 && d == 0x91) {
			out[i] = 0xD0;
			out[++i] = 0x81;
		}
	}
}

/* The languages listed for w[0..n); 0 when it is not listed. */
static unsigned listed(const unsigned char *w, size_t n)
{
	size_t k;

	for (k = 1; k < TACT_ARRAY_LEN(common_words); k++)
		if (word_len(&common_words[k]) == n &&
		    memcmp(common_words[k].word, w, n) == 0)
			return common_words[k].langs;
	return 0;
}

/* 1 when w[0..n), alone and followed by spaces, is one word with the
 * votes it should have: for langs, for Kazakh when it has a Kazakh letter,
 * and none for Romanian or English when it has a Romanian letter. */
static int votes_as(const unsigned char *w, size_t n, unsigned langs)
{
	unsigned char text[WORD_KEY_BYTES + 32];
	struct lang_votes v;
	size_t i = 0, pass;
	int kk = (langs & W_KK) != 0, ro = 0;

	while (i < n) {
		uint32_t cp = tact_utf8_next((const char *)w, &i);

		kk |= is_kk_letter(cp);
		ro |= is_ro_letter(cp);
	}
	for (pass = 0; pass < 2; pass++) {
		memset(text, ' ', sizeof text);
		memcpy(text, w, n);
		memset(&v, 0, sizeof v);
		count_votes(&v, text, pass ? sizeof text : n);
		if (v.kk_words != (size_t)kk ||
		    v.ru_words != (size_t)(!kk && (langs & W_RU)) ||
		    v.ro_words != (size_t)(!ro && (langs & W_RO)) ||
		    v.en_words != (size_t)(!ro && (langs & W_EN)))
			return 0;
	}
	return 1;
}

/* 1 when the word list is fit for vote_word(): no word with a Kazakh letter
 * counts for Romanian or English, none with a Romanian letter or only ASCII
 * letters for Kazakh or Russian; and when every word is found, as written
 * and in capitals, but not once cut by a letter (unless listed so). */
int tact_detect_table_check(void)
{
	size_t k;

	for (k = 1; k < TACT_ARRAY_LEN(common_words); k++) {
		const struct common_word *cw = &common_words[k];
		const unsigned char *w = (const unsigned char *)cw->word;
		unsigned char caps[WORD_KEY_BYTES];
		size_t n = word_len(cw), i = 0, cut;
		int kk = 0, ro = 0, ascii = 1;

		if (n == 0 || n > WORD_KEY_BYTES)
			return 0;
		while (i < n) {
			uint32_t cp = tact_utf8_next(cw->word, &i);

			kk |= is_kk_letter(cp);
			ro |= is_ro_letter(cp);
			ascii &= cp < 0x80;
		}
		if ((kk && (cw->langs & (W_RO | W_EN))) ||
		    ((ro || ascii) && (cw->langs & (W_KK | W_RU))))
			return 0;
		upper_bytes(caps, w, n);
		for (cut = n - 1; cut && (w[cut] & 0xC0) == 0x80; cut--)
			;
		if (!votes_as(w, n, cw->langs) ||
		    !votes_as(caps, n, cw->langs) ||
		    (cut && !votes_as(w, cut, listed(w, cut))))
			return 0;
	}
	return 1;
}

const char *tact_detect(const char *text, size_t len)
{
	/* Copied rather than memset(), which is a slow "rep stos" here. */
	static const struct lang_votes cleared;
	struct lang_votes v = cleared;

	count_votes(&v, (const unsigned char *)text, len);
	if (v.cyr > v.lat) {
		/* Names decide only a text with no other evidence. */
		if (v.kk_words > 0 && v.kk_words >= v.ru_words)
			return "kk";
		return v.kk_names > 0 && !v.kk_words && !v.ru_words ? "kk" : "ru";
	}
	if (v.ro_letters > 0 || v.ro_words > v.en_words)
		return "ro";
	return "en";
}

const char *tact_detect_language(const char *text, size_t len)
{
	size_t bad;

	tact_err_clear();
	if (!text && len) {
		tact_err(TACT_EINVAL, "text is NULL");
		return NULL;
	}
	if (!text)
		return "en";
	bad = tact_utf8_check(text, len);
	if (bad != len) {
		tact_err_at(TACT_EUTF8, NULL, (size_t)-1, bad,
		            "invalid UTF-8 at byte %zu", bad);
		return NULL;
	}
	return tact_detect(text, len);
}
