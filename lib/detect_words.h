/*
 * detect_words.h: the frequent words of each language that language
 * detection counts (detect.c), and the key and hash that find them. The
 * build-time tool wordindex.c reads the same list and writes
 * detect_index.h, the perfect hash index of it.
 */
#ifndef TACT_DETECT_WORDS_H
#define TACT_DETECT_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bytes.h"

enum { W_KK = 1, W_RU = 2, W_RO = 4, W_EN = 8 };

/* The longest word, in bytes: a key is three 64-bit chunks. */
#define WORD_KEY_BYTES 24

struct common_word {
	char word[WORD_KEY_BYTES + 1];  /* lower case, zero padded */
	unsigned char langs;
};

/* Frequent words of each language, in lower case and byte order. A word
 * with a Kazakh letter may not count for Romanian or English, nor one with
 * a Romanian letter or only ASCII letters for Kazakh or Russian: detect.c
 * relies on it, tact_detect_table_check() checks it. Entry 0 is empty: the
 * index sends the slots no word hashes to there. */
static const struct common_word common_words[] = {
	{ "", 0 },
	{ "aceasta", W_RO },
	{ "acest", W_RO },
	{ "and", W_EN },
	{ "are", W_EN },
	{ "at", W_EN },
	{ "ati", W_RO },
	{ "avem", W_RO },
	{ "aveti", W_RO },
	{ "aveți", W_RO },
	{ "ați", W_RO },
	{ "be", W_EN },
	{ "buna", W_RO },
	{ "bună", W_RO },
	{ "but", W_EN },
	{ "ca", W_RO },
	{ "can", W_EN },
	{ "can't", W_EN },
	{ "cand", W_RO },
	{ "care", W_RO },
	{ "comanda", W_RO },
	{ "cu", W_RO },
	{ "cum", W_RO },
	{ "când", W_RO },
	{ "că", W_RO },
	{ "daca", W_RO },
	{ "dacă", W_RO },
	{ "dar", W_RO },
	{ "din", W_RO },
	{ "don't", W_EN },
	{ "dumneavoastra", W_RO },
	{ "dumneavoastră", W_RO },
	{ "dvs", W_RO },
	{ "este", W_RO },
	{ "foarte", W_RO },
	{ "for", W_EN },
	{ "fost", W_RO },
	{ "have", W_EN },
	{ "hello", W_EN },
	{ "help", W_EN },
	{ "here", W_EN },
	{ "i", W_EN },
	{ "if", W_EN },
	{ "imi", W_RO },
	{ "is", W_EN },
	{ "it", W_EN },
	{ "la", W_RO },
	{ "mai", W_RO },
	{ "multumesc", W_RO },
	{ "multumim", W_RO },
	{ "mulţumim", W_RO },
	{ "mulțumesc", W_RO },
	{ "must", W_EN },
	{ "my", W_EN },
	{ "ne", W_RO },
	{ "noi", W_RO },
	{ "not", W_EN },
	{ "nu", W_RO },
	{ "of", W_EN },
	{ "on", W_EN },
	{ "or", W_EN },
	{ "order", W_EN },
	{ "our", W_EN },
	{ "pe", W_RO },
	{ "pentru", W_RO },
	{ "please", W_EN },
	{ "problema", W_RO },
	{ "puteti", W_RO },
	{ "puteți", W_RO },
	{ "sa", W_RO },
	{ "sau", W_RO },
	{ "should", W_EN },
	{ "si", W_RO },
	{ "sorry", W_EN },
	{ "stiu", W_RO },
	{ "sunt", W_RO },
	{ "sunteti", W_RO },
	{ "sunteți", W_RO },
	{ "sure", W_EN },
	{ "să", W_RO },
	{ "thank", W_EN },
	{ "thanks", W_EN },
	{ "that", W_EN },
	{ "the", W_EN },
	{ "there", W_EN },
	{ "this", W_EN },
	{ "to", W_EN },
	{ "trebuie", W_RO },
	{ "un", W_RO },
	{ "va", W_RO },
	{ "vom", W_RO },
	{ "vă", W_RO },
	{ "was", W_EN },
	{ "we", W_EN },
	{ "what", W_EN },
	{ "will", W_EN },
	{ "with", W_EN },
	{ "you", W_EN },
	{ "your", W_EN },
	{ "ziua", W_RO },
	{ "îmi", W_RO },
	{ "şi", W_RO },
	{ "ştiu", W_RO },
	{ "și", W_RO },
	{ "știu", W_RO },
	{ "алайда", W_KK },
	{ "ба", W_KK },
	{ "бар", W_KK },
	{ "бе", W_KK },
	{ "бойынша", W_KK },
	{ "болады", W_KK },
	{ "будет", W_RU },
	{ "был", W_RU },
	{ "быть", W_RU },
	{ "біз", W_KK },
	{ "біздің", W_KK },
	{ "бірақ", W_KK },
	{ "бұл", W_KK },
	{ "в", W_RU },
	{ "вам", W_RU },
	{ "вас", W_RU },
	{ "ваш", W_RU },
	{ "ваше", W_RU },
	{ "вашу", W_RU },
	{ "все", W_RU },
	{ "всё", W_RU },
	{ "вы", W_RU },
	{ "для", W_RU },
	{ "до", W_RU },
	{ "должны", W_RU },
	{ "емес", W_KK },
	{ "енді", W_KK },
	{ "если", W_RU },
	{ "есть", W_RU },
	{ "же", W_RU },
	{ "жоқ", W_KK },
	{ "және", W_KK },
	{ "заказ", W_RU },
	{ "здравствуйте", W_RU },
	{ "и", W_RU },
	{ "или", W_RU },
	{ "к", W_RU },
	{ "как", W_RU },
	{ "керек", W_KK },
	{ "ма", W_KK },
	{ "ме", W_KK },
	{ "мен", W_KK },
	{ "можно", W_RU },
	{ "мы", W_RU },
	{ "мүмкін", W_KK },
	{ "на", W_RU },
	{ "нам", W_RU },
	{ "нас", W_RU },
	{ "не", W_RU },
	{ "неге", W_KK },
	{ "но", W_RU },
	{ "нужно", W_RU },
	{ "ол", W_KK },
	{ "олар", W_KK },
	{ "осы", W_KK },
	{ "от", W_RU },
	{ "па", W_KK },
	{ "пе", W_KK },
	{ "по", W_RU },
	{ "пожалуйста", W_RU },
	{ "рахмет", W_KK },
	{ "с", W_RU },
	{ "сейчас", W_RU },
	{ "сен", W_KK },
	{ "сол", W_KK },
	{ "спасибо", W_RU },
	{ "сіз", W_KK },
	{ "сізге", W_KK },
	{ "сіздің", W_KK },
	{ "сәлеметсіз", W_KK },
	{ "так", W_RU },
	{ "тиіс", W_KK },
	{ "туралы", W_KK },
	{ "у", W_RU },
	{ "уже", W_RU },
	{ "что", W_RU },
	{ "это", W_RU },
	{ "я", W_RU },
	{ "қазір", W_KK },
	{ "қандай", W_KK },
	{ "үшін", W_KK },
	{ "өтінемін", W_KK },
};

/* The length of a listed word; more than WORD_KEY_BYTES when too long. */
static inline size_t word_len(const struct common_word *cw)
{
	const char *end = memchr(cw->word, 0, sizeof cw->word);

	return end ? (size_t)(end - cw->word) : sizeof cw->word;
}

/* The slot of a key (a lower-cased word, zero padded to 24 bytes, as three
 * chunks) in an index of 2^bits slots. */
static inline unsigned word_hash(const uint64_t k[3], uint64_t mul,
                                 unsigned bits)
{
	uint64_t h = k[0] ^ (k[1] * UINT64_C(0x9E3779B97F4A7C15)) ^
	             (k[2] * UINT64_C(0xC2B2AE3D27D4EB4F));

	return (unsigned)((h * mul) >> (64 - bits));
}

#endif
