/*
 * corpus.c: the benchmark corpus. Messages are assembled from sentence
 * pieces per language: greetings, clean body sentences with precision traps
 * («можно», «не только…, но и», URLs), sentences with discouraged phrasing,
 * and closings. A xorshift generator makes every run identical.
 */
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

struct lang_pieces {
	const char *const *greet;
	size_t ngreet;
	const char *const *body;
	size_t nbody;
	const char *const *bad;
	size_t nbad;
	const char *const *close;
	size_t nclose;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const ru_greet[] = { "Здравствуйте, Анна!", "Добрый день.",
	"Здравствуйте!", "Добрый вечер, Иван Петрович." };
static const char *const ru_body[] = {
	"Ваш заказ № 48213 передан в службу доставки и будет у Вас завтра.",
	"Можно оформить возврат прямо в личном кабинете на https://shop.example/returns.",
	"Мы не только вернём деньги, но и пришлём промокод на следующую покупку.",
	"Оно приходит в течение двух рабочих дней после подтверждения оплаты.",
	"Новый тариф уже подключён, списание будет первого числа.",
	"Документы должны быть подписаны обеими сторонами.",
	"Следует отметить, что акция действует до конца месяца.",
	"Мы должны проверить платёж, это займёт около часа.",
};
static const char *const ru_bad[] = {
	"Товар хороший, но дорогой.",
	"Вы должны заполнить форму.",
	"Вам следует обратиться в банк.",
	"Вы уверены, что оплатили заказ?",
	"Вы не правы, доставка была вовремя.",
	"Это не ко мне, пишите в бухгалтерию.",
	"Как я уже говорил, срок — три дня.",
	"Это невозможно.",
	"Успокойтесь, пожалуйста.",
	"Ты можешь проверить почту?",
};
static const char *const ru_close[] = { "Спасибо, что обратились к нам!",
	"Хорошего дня!", "Будем рады помочь снова." };

static const char *const ro_greet[] = { "Bună ziua, doamna Ionescu!",
	"Bună ziua!", "Salutare, Ioana." };
static const char *const ro_body[] = {
	"Comanda dumneavoastră a fost expediată și ajunge mâine.",
	"Puteți urmări coletul pe https://curier.example/awb/12345.",
	"Vă oferim nu doar o rambursare completă, dar și transport gratuit.",
	"Trebuie să verificăm plata, durează aproximativ o oră.",
	"Factura se trimite automat pe adresa de e-mail.",
};
static const char *const ro_bad[] = {
	"Sunteţi sigur că aţi plătit?",
	"Trebuie să completați formularul.",
	"Nu aveţi dreptate, livrarea a fost la timp.",
	"Produsul e bun, dar scump.",
	"Nu ştiu, nu e treaba mea.",
	"Nu putem face asta.",
	"Din vina dumneavoastră s-a întârziat comanda.",
};
static const char *const ro_close[] = { "Vă mulțumim!", "O zi bună!",
	"Suntem aici dacă aveți nevoie." };

static const char *const kk_greet[] = { "Сәлеметсіз бе, Айгүл!",
	"Қайырлы күн!", "Сәлеметсіз бе!" };
static const char *const kk_body[] = {
	"Тапсырысыңыз жеткізу қызметіне берілді, ертең жетеді.",
	"Төлем расталғаннан кейін екі жұмыс күні ішінде келеді.",
	"Біз ақшаны қайтарып қана қоймай, жаңа тауар да жібереміз.",
	"Қосымша ақпаратты https://shop.example/kk сайтынан көре аласыз.",
};
static const char *const kk_bad[] = {
	"Тауар жақсы, бірақ қымбат.",
	"Сіз форманы толтыруыңыз керек.",
	"Білмеймін.",
	"Бұл мүмкін емес.",
	"Сен қайтадан жаз.",
	"Сіз қателесесіз.",
};
static const char *const kk_close[] = { "Рахмет!", "Күніңіз сәтті өтсін!" };

static const char *const en_greet[] = { "Hi Sarah,", "Hello!",
	"Good morning, Mr. Brown." };
static const char *const en_body[] = {
	"Your order #48213 has shipped and should arrive tomorrow.",
	"You can track it at https://track.example/48213 at any time.",
	"We will not only refund you but also send a voucher.",
	"The update should arrive within two business days.",
	"We must verify the payment first, which takes about an hour.",
	"Nothing but the original receipt is needed.",
};
static const char *const en_bad[] = {
	"The product is great, but it is expensive.",
	"You must fill in the form.",
	"You should contact your bank.",
	"Are you sure you paid?",
	"You're wrong, the delivery was on time.",
	"It's your fault the order was delayed.",
	"That's not my job.",
	"Calm down, please.",
	"As I said, it takes three days.",
	"We can't do that.",
};
static const char *const en_close[] = { "Thanks for reaching out!",
	"Have a great day!", "Best regards, Tom" };

static const struct lang_pieces langs[] = {
	{ ru_greet, N(ru_greet), ru_body, N(ru_body), ru_bad, N(ru_bad),
	  ru_close, N(ru_close) },
	{ ro_greet, N(ro_greet), ro_body, N(ro_body), ro_bad, N(ro_bad),
	  ro_close, N(ro_close) },
	{ kk_greet, N(kk_greet), kk_body, N(kk_body), kk_bad, N(kk_bad),
	  kk_close, N(kk_close) },
	{ en_greet, N(en_greet), en_body, N(en_body), en_bad, N(en_bad),
	  en_close, N(en_close) },
};

static uint64_t next(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

static const char *pick(uint64_t *s, const char *const *v, size_t n)
{
	return v[next(s) % n];
}

static int put(struct corpus *c, size_t *cap, const char *s)
{
	size_t n = strlen(s);

	if (c->len + n + 2 > *cap) {
		size_t nc = (*cap ? *cap : 4096) * 2 + n;
		char *t = realloc(c->text, nc);

		if (!t)
			return -1;
		c->text = t;
		*cap = nc;
	}
	memcpy(c->text + c->len, s, n);
	c->len += n;
	return 0;
}

static int message(struct corpus *c, size_t *cap, uint64_t *s)
{
	const struct lang_pieces *l = &langs[next(s) % N(langs)];
	size_t k, nbody = 1 + next(s) % 3;

	if (put(c, cap, pick(s, l->greet, l->ngreet)))
		return -1;
	for (k = 0; k < nbody; k++) {
		int bad = next(s) % 3 == 0;

		if (put(c, cap, " ") ||
		    put(c, cap, bad ? pick(s, l->bad, l->nbad)
		                    : pick(s, l->body, l->nbody)))
			return -1;
	}
	return put(c, cap, " ") || put(c, cap, pick(s, l->close, l->nclose)) ||
	       put(c, cap, "\n");
}

int corpus_generate(struct corpus *c, size_t bytes, uint64_t seed)
{
	size_t cap = 0, scap = 0;
	uint64_t s = seed ? seed : 0x9E3779B97F4A7C15ull;

	memset(c, 0, sizeof c[0]);
	while (c->len < bytes) {
		if (c->count == scap) {
			size_t *t = realloc(c->starts, (scap = scap * 2 + 1024) *
			                                       sizeof *t);

			if (!t)
				return -1;
			c->starts = t;
		}
		c->starts[c->count++] = c->len;
		if (message(c, &cap, &s))
			return -1;
	}
	return 0;
}

void corpus_free(struct corpus *c)
{
	free(c->text);
	free(c->starts);
	memset(c, 0, sizeof c[0]);
}
