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

static const char *const kk_common[] = {
	"және", "бұл", "мен", "сен", "сіз", "емес", "керек", "жоқ", "бар",
	"үшін", "бойынша", "туралы", "қазір", "рахмет", "сәлеметсіз", "тиіс",
	"болады", "мүмкін", "бірақ", "алайда", "сізге", "сіздің", "біз",
	"біздің", "қандай", "неге", "осы", "ол", "олар", "өтінемін",
	"бе", "ба", "ма", "ме", "па", "пе", "сол", "енді",
};

static const char *const ru_common[] = {
	"и", "в", "не", "на", "что", "вы", "вас", "вам", "мы", "это", "по",
	"с", "для", "как", "но", "ваш", "ваше", "вашу", "пожалуйста",
	"здравствуйте", "спасибо", "заказ", "я", "у", "к", "от", "до", "же",
	"уже", "если", "или", "так", "все", "всё", "нас", "нам", "быть",
	"есть", "был", "будет", "можно", "нужно", "должны", "сейчас",
};

static const char *const ro_common[] = {
	"si", "și", "şi", "nu", "este", "sunt", "pentru", "va", "vă", "dvs",
	"dumneavoastra", "dumneavoastră", "multumesc", "mulțumesc",
	"mulţumim", "multumim", "buna", "bună", "ziua", "comanda", "comanda",
	"sa", "să", "ca", "că", "cu", "la", "un", "care", "acest",
	"aceasta", "sunteti", "sunteți", "puteti", "puteți", "trebuie",
	"daca", "dacă", "fost", "ati", "ați", "avem", "noi", "vom", "din",
	"mai", "sau", "problema", "dar", "foarte", "aveti", "aveți", "imi",
	"îmi", "pe", "ne", "cum", "cand", "când", "stiu", "știu", "ştiu",
};

static const char *const en_common[] = {
	"the", "and", "you", "to", "is", "are", "we", "your", "for", "of",
	"it", "that", "this", "please", "can", "will", "have", "not", "with",
	"i", "be", "my", "our", "was", "what", "order", "thank", "thanks",
	"hello", "sorry", "but", "if", "or", "on", "at", "should", "must",
	"don't", "can't", "sure", "there", "here", "help",
};

static int in_list(const char *const *list, size_t n, const char *w, size_t len)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (list[k][0] == w[0] && strncmp(list[k], w, len) == 0 &&
		    list[k][len] == '\0')
			return 1;
	return 0;
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

	if (len >= sizeof buf - 4)
		return;
	n = lower_word(w, len, buf, sizeof buf);
	if (kk_letter || in_list(kk_common, TACT_ARRAY_LEN(kk_common), buf, n))
		v->kk_words++;
	else if (in_list(ru_common, TACT_ARRAY_LEN(ru_common), buf, n))
		v->ru_words++;
	if (in_list(ro_common, TACT_ARRAY_LEN(ro_common), buf, n))
		v->ro_words++;
	if (in_list(en_common, TACT_ARRAY_LEN(en_common), buf, n))
		v->en_words++;
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
