/*
 * inflate-rubric.c - writes a house rubric that makes a rubric ten times
 * larger, for the "10x rubric" run of `make bench`.
 *
 *   inflate-rubric -l en|fa (-f BUILTIN.yaml | -c COUNT) [-x FACTOR]
 *
 * Counts the cue phrases of the built-in rubric BUILTIN.yaml (or takes
 * COUNT), then prints a house rubric (docs/rubric-format.md) for that
 * language with (FACTOR - 1) x that many extra cues, so that built-in plus
 * house file hold FACTOR (default 10) times the built-in cue count. The
 * extra cues belong to one new kind, `bench_noise` (empathy, weight 0.01),
 * and are distinct multi-word phrases built from common support words
 * ("please check your delivery slot", "طبق روال کارت هدیه رو بررسی
 * می‌کنیم"), so replies walk deep into the larger phrase automaton the way
 * a real house rubric makes them, while full matches stay occasional.
 * Output is deterministic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define N_OF(a) (sizeof a / sizeof a[0])

/* English: prefix + verb + object. */
static const char *const en_a[] = {
    "please", "kindly", "we", "our team will", "i", "as per policy we",
    "the agent will", "you can", "feel free to", "let me", "i will",
    "we can", "i have to", "our system will", "the store can",
    "we usually", "i just need to", "we always", "our partner will",
    "the courier can", "i would like to", "we are happy to", "you may",
    "the team is going to", "i am able to", "we need to", "support can",
    "the technician will", "billing will", "we recommend you",
};
static const char *const en_b[] = {
    "check", "review", "escalate", "process", "confirm", "update", "refund",
    "ship", "reset", "verify", "reactivate", "replace", "credit", "waive",
    "transfer", "extend", "upgrade", "downgrade", "cancel", "reschedule",
    "activate", "re-send", "track", "collect", "approve", "adjust", "renew",
    "unlock", "close", "reopen", "validate", "register", "redeem", "link",
    "sync", "restore", "migrate", "archive", "submit", "prioritise",
};
static const char *const en_c[] = {
    "your premium account", "the loyalty points", "the gift card balance",
    "your delivery slot", "the warranty claim", "the router firmware",
    "your sim card", "the annual plan", "the family bundle",
    "the express voucher", "your billing profile", "the return label",
    "the spare charger", "your trade-in quote", "the installation visit",
    "the data add-on", "your roaming pass", "the student discount",
    "the price match", "your order history", "the store pickup",
    "the damaged parcel", "your contract end date", "the fibre upgrade",
    "the tv package", "your payment method", "the setup fee",
    "the member card", "the wrong size", "your backup phone",
    "the parental controls", "the cloud storage plan", "your invoice copy",
    "the replacement handset", "the mesh extender", "the activation code",
    "your direct debit", "the late fee", "the care plan",
    "the pickup point", "your mailbox quota", "the speed test result",
    "the second delivery attempt", "your business account", "the paper bill",
    "the smart plug", "your call recording", "the extra handset",
    "the holiday hold", "your security question",
};

/* Persian: prefix + object + verb. */
static const char *const fa_a[] = {
    "لطفا", "طبق روال", "همکاران ما", "من الان", "طبق قوانین", "برای شما",
    "حتما", "تیم فنی", "همین امروز", "در اولین فرصت", "واحد مالی",
    "پیک ما", "کارشناس ما", "طبق درخواست شما", "از طرف ما", "بلافاصله",
    "تا پایان روز", "سیستم ما", "تکنسین", "فروشگاه", "شعبه مرکزی",
    "پشتیبانی", "به زودی", "همکارم", "مدیر فروشگاه", "طبق هماهنگی",
    "بخش فروش", "تیم انبار", "تا یک ساعت دیگه", "با اجازه شما", "اپراتور",
    "واحد بازرگانی", "همکار شیفت شب", "سامانه", "مرکز تماس",
};
static const char *const fa_c[] = {
    "حساب ویژه", "امتیاز باشگاه", "کارت هدیه", "زمان تحویل", "گارانتی",
    "سیم‌کارت", "طرح سالانه", "بسته خانوادگی", "کد تخفیف", "پروفایل پرداخت",
    "برچسب مرجوعی", "شارژر یدک", "بازدید نصب", "بسته اینترنت", "رومینگ",
    "تخفیف دانشجویی", "سوابق سفارش", "تحویل حضوری", "بسته آسیب‌دیده",
    "تاریخ پایان قرارداد", "ارتقای فیبر", "روش پرداخت", "هزینه راه‌اندازی",
    "کارت عضویت", "سایز اشتباه", "فضای ابری", "کپی فاکتور", "گوشی جایگزین",
    "کد فعال‌سازی", "جریمه دیرکرد", "نقطه تحویل", "نتیجه تست سرعت",
    "قبض اینترنت", "اشتراک ماهانه", "کیف پول", "مودم جدید", "بسته هدیه",
    "آدرس دوم", "شماره پیگیری", "حساب سازمانی", "اقساط", "بیمه دستگاه",
    "تلفن ثابت", "پیامک تایید", "سفارش تکراری",
};
static const char *const fa_b[] = {
    "رو بررسی می‌کنیم", "رو پیگیری می‌کنه", "رو ارسال می‌کنیم",
    "رو تایید کرد", "رو به‌روز می‌کنیم", "رو برمی‌گردونیم", "رو تمدید می‌کنه",
    "رو فعال می‌کنیم", "رو جایگزین می‌کنه", "رو لغو می‌کنیم",
    "رو ثبت کردیم", "رو اصلاح می‌کنه", "رو ارتقا میده", "رو بازیابی می‌کنیم",
    "رو تحویل میده", "رو چک می‌کنه", "رو آماده می‌کنیم", "رو صادر کردیم",
    "رو منتقل می‌کنیم", "رو بررسی کرد", "رو رزرو می‌کنیم", "رو شارژ می‌کنه",
    "رو باز می‌کنیم", "رو بستیم", "رو تسویه می‌کنیم", "رو ادغام می‌کنیم",
};

typedef struct {
    const char *const *v;
    size_t n;
} word_list;

typedef struct {
    const char *lang;
    word_list slot[3]; /* phrase = slot[0] + slot[1] + slot[2] */
    const char *tip;
} lang_spec;

static const lang_spec specs[] = {
    {"en", {{en_a, N_OF(en_a)}, {en_b, N_OF(en_b)}, {en_c, N_OF(en_c)}},
     "House style: use the team's standard wording for this step."},
    {"fa", {{fa_a, N_OF(fa_a)}, {fa_c, N_OF(fa_c)}, {fa_b, N_OF(fa_b)}},
     "سبک تیم: برای این مرحله از عبارت استاندارد تیم استفاده کنید."},
};

/* ---- counting the built-in cues ------------------------------------------ */

static yaml_node_t *map_get(yaml_document_t *d, yaml_node_t *m, const char *k)
{
    if (!m || m->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *key = yaml_document_get_node(d, p->key);
        if (key && key->type == YAML_SCALAR_NODE &&
            strcmp((const char *)key->data.scalar.value, k) == 0)
            return yaml_document_get_node(d, p->value);
    }
    return NULL;
}

/* The cue phrases under `cues:`: one per sequence item (a phrase or a
 * {phrase, weight} map), one for a kind given as a single scalar. */
static long count_cue_nodes(yaml_document_t *d, yaml_node_t *cues)
{
    long n = 0;
    if (!cues || cues->type != YAML_MAPPING_NODE)
        return -1;
    for (yaml_node_pair_t *p = cues->data.mapping.pairs.start;
         p < cues->data.mapping.pairs.top; p++) {
        yaml_node_t *v = yaml_document_get_node(d, p->value);
        if (v && v->type == YAML_SEQUENCE_NODE)
            n += v->data.sequence.items.top - v->data.sequence.items.start;
        else if (v && v->type == YAML_SCALAR_NODE)
            n++;
    }
    return n;
}

static long count_cues(const char *path)
{
    FILE *f = fopen(path, "rb");
    yaml_parser_t parser;
    yaml_document_t doc;
    long n = -1;
    if (!f) {
        perror(path);
        return -1;
    }
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    if (yaml_parser_load(&parser, &doc)) {
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        n = count_cue_nodes(&doc, map_get(&doc, root, "cues"));
        yaml_document_delete(&doc);
    }
    if (n < 0)
        fprintf(stderr, "inflate-rubric: %s: no readable `cues:` map\n", path);
    yaml_parser_delete(&parser);
    fclose(f);
    return n;
}

/* ---- writing the house rubric -------------------------------------------- */

static size_t space_size(const lang_spec *s)
{
    return s->slot[0].n * s->slot[1].n * s->slot[2].n;
}

static size_t gcd(size_t a, size_t b)
{
    while (b) {
        size_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Phrase number i of a fixed permutation of all slot combinations, so the
 * first k phrases are distinct and spread over every word of every slot. */
static void print_phrase(FILE *out, const lang_spec *s, size_t i)
{
    size_t total = space_size(s), step = 7919;
    while (gcd(step, total) != 1)
        step += 2;
    size_t x = (i * step + 13) % total;
    fputs("    - \"", out);
    for (int k = 0; k < 3; k++) {
        const word_list *w = &s->slot[k];
        fprintf(out, "%s%s", k ? " " : "", w->v[x % w->n]);
        x /= w->n;
    }
    fputs("\"\n", out);
}

static void print_rubric(FILE *out, const lang_spec *s, long builtin,
                         long factor, long extra)
{
    fprintf(out, "# Generated by bench/inflate-rubric for `make bench`: %ld cues\n"
                 "# added to the %ld built-in ones, a rubric %ldx as large.\n",
            extra, builtin, factor);
    fprintf(out, "lang: %s\nkinds:\n  bench_noise: {dimension: empathy, "
                 "weight: 0.01, tip: \"%s\"}\ncues:\n  bench_noise:\n",
            s->lang, s->tip);
    for (long i = 0; i < extra; i++)
        print_phrase(out, s, (size_t)i);
}

static const lang_spec *find_spec(const char *lang)
{
    for (size_t i = 0; lang && i < N_OF(specs); i++)
        if (strcmp(specs[i].lang, lang) == 0)
            return &specs[i];
    return NULL;
}

static int usage(void)
{
    fprintf(stderr, "usage: inflate-rubric -l en|fa (-f BUILTIN.yaml | -c COUNT)"
                    " [-x FACTOR]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *lang = NULL, *file = NULL;
    long count = -1, factor = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "-l") == 0) lang = argv[i + 1];
        else if (strcmp(argv[i], "-f") == 0) file = argv[i + 1];
        else if (strcmp(argv[i], "-c") == 0) count = atol(argv[i + 1]);
        else if (strcmp(argv[i], "-x") == 0) factor = atol(argv[i + 1]);
        else return usage();
    }
    const lang_spec *s = find_spec(lang);
    if (!s || argc % 2 == 0 || factor < 2 || (!file && count <= 0))
        return usage();
    if (file && (count = count_cues(file)) <= 0)
        return 1;
    long extra = (factor - 1) * count;
    if ((size_t)extra > space_size(s)) {
        fprintf(stderr, "inflate-rubric: %ld phrases wanted, only %zu distinct\n",
                extra, space_size(s));
        return 1;
    }
    print_rubric(stdout, s, count, factor, extra);
    return fflush(stdout) == 0 ? 0 : 1;
}
