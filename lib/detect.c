/*
 * detect.c: which language a message is written in.
 *
 * Cyrillic text is Kazakh when Kazakh evidence (words with letters only
 * Kazakh uses: ә ғ қ ң ө ұ ү һ і, and frequent Kazakh words) outweighs
 * Russian evidence (frequent Russian words), else Russian. Latin text is
 * Romanian when it has Romanian letters (ă ș ț ş ţ; â î count too) or more
 * frequent Romanian words than English ones, else English. One Kazakh name
 * in a Russian sentence («Айгүл, здравствуйте!») stays Russian.
 */
#include <string.h>

#include "internal.h"

struct lang_votes {
	size_t cyr, lat;        /* letters */
	size_t kk_words, ru_words, ro_words, en_words;
	size_t ro_letters;
};

/* Frequent words of each language, sorted by their bytes (strcmp order)
 * for binary search; tact_detect_table_check() verifies the order. */
enum { W_KK = 1, W_RU = 2, W_RO = 4, W_EN = 8 };

static const struct common_word {
	const char *word;
	unsigned char langs;
} common_words[] = {
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

static unsigned lookup(const char *w, size_t len)
{
	size_t lo = 0, hi = TACT_ARRAY_LEN(common_words);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *c = common_words[mid].word;
		int cmp = strncmp(c, w, len);

		if (cmp == 0)
			cmp = c[len] != '\0';
		if (cmp == 0)
			return common_words[mid].langs;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int tact_detect_table_check(void)
{
	size_t k;

	for (k = 1; k < TACT_ARRAY_LEN(common_words); k++)
		if (strcmp(common_words[k - 1].word, common_words[k].word) >= 0)
			return 0;
	return 1;
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

static int is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || cp == '\'' || cp >= 0xC0;
}

/* Lower-case a word (ASCII and Cyrillic) into buf; returns its length. */
static size_t lower_word(const char *w, size_t len, char *buf, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < len && o + 4 < cap) {
		uint32_t cp = tact_utf8_next(w, &i);

		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		else if (cp >= 0x410 && cp <= 0x42F)
			cp += 32;
		else if (cp == 0x401)
			cp = 0x451;
		o += tact_utf8_put(buf + o, cp);
	}
	return o;
}

static void vote_word(struct lang_votes *v, const char *w, size_t len,
                      int kk_letter)
{
	char buf[64];
	size_t n;
	unsigned langs;

	if (len >= sizeof buf - 4)
		return;
	n = lower_word(w, len, buf, sizeof buf);
	langs = lookup(buf, n);
	if (kk_letter || (langs & W_KK))
		v->kk_words++;
	else if (langs & W_RU)
		v->ru_words++;
	v->ro_words += (langs & W_RO) != 0;
	v->en_words += (langs & W_EN) != 0;
}

static void count_votes(struct lang_votes *v, const char *t, size_t len)
{
	size_t i = 0, word = 0;
	int in_word = 0, kk = 0;

	while (i < len) {
		size_t at = i;
		uint32_t cp = tact_utf8_next(t, &i);

		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		if (!is_letter(cp)) {
			if (in_word)
				vote_word(v, t + word, at - word, kk);
			in_word = kk = 0;
			continue;
		}
		if (!in_word) {
			in_word = 1;
			word = at;
		}
		if (cp >= 0x400 && cp < 0x530)
			v->cyr++;
		else if (cp != '\'')
			v->lat++;
		kk |= is_kk_letter(cp);
		v->ro_letters += (size_t)is_ro_letter(cp);
	}
	if (in_word)
		vote_word(v, t + word, len - word, kk);
}

const char *tact_detect(const char *text, size_t len)
{
	struct lang_votes v;

	memset(&v, 0, sizeof v);
	count_votes(&v, text, len);
	if (v.cyr > v.lat)
		return v.kk_words > 0 && v.kk_words >= v.ru_words ? "kk" : "ru";
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
