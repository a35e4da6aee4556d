/*
 * i18n.c - locale and message catalogue set-up (i18n.h).
 *
 * The program reads and writes UTF-8 whatever the environment says, so a
 * missing or non-UTF-8 locale falls back to C.UTF-8 for the character type.
 * The interface language is gettext's: --ui-lang (passed in) is put in
 * LANGUAGE, which gettext honours only when LC_MESSAGES is not plain "C",
 * so LC_MESSAGES is moved to C.UTF-8 then. A LANG such as fa_IR.UTF-8 whose
 * locale is not installed still picks the Persian catalogue the same way.
 * Catalogues come from the build tree (<dir of the executable>/locale) when
 * the program runs from there, else from HAMDEL_LOCALEDIR.
 */
#include "i18n.h"
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define I18N_DOMAIN "hamdel"

static char i18n_cur[8] = "en";

int i18n_known(const char *lang)
{
    return lang && (strcmp(lang, "en") == 0 || strcmp(lang, "fa") == 0);
}

/* The locale the environment asks for messages (LC_ALL, LC_MESSAGES,
 * LANG, as setlocale reads them), or NULL. */
static const char *i18n_env_locale(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

static int i18n_is_c(const char *loc)
{
    return !loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0;
}

/* "fa_IR.UTF-8@x" -> "fa_IR" in buf (gettext then tries fa_IR and fa). */
static void i18n_lang_part(const char *loc, char *buf, size_t size)
{
    size_t n = strcspn(loc, ".@");
    if (n >= size)
        n = size - 1;
    memcpy(buf, loc, n);
    buf[n] = '\0';
}

/* Set the locale; returns 1 when the environment's locale was available. */
static int i18n_setlocale(void)
{
    int ok = setlocale(LC_ALL, "") != NULL;
    if (!ok && !setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C");
    const char *cs = nl_langinfo(CODESET);
    if (!cs || strcmp(cs, "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    return ok;
}

/* Make LANGUAGE count: gettext ignores it while LC_MESSAGES is "C". */
static void i18n_messages_not_c(void)
{
    const char *cur = setlocale(LC_MESSAGES, NULL);
    if (i18n_is_c(cur))
        setlocale(LC_MESSAGES, "C.UTF-8");
}

/* Choose the language: --ui-lang, else an unavailable LANG's language. */
static void i18n_choose(const char *ui_lang, int locale_ok)
{
    if (ui_lang) {
        setenv("LANGUAGE", ui_lang, 1);
        i18n_messages_not_c();
        return;
    }
    const char *lang = getenv("LANGUAGE");
    const char *loc = i18n_env_locale();
    if (locale_ok || (lang && *lang) || i18n_is_c(loc))
        return;
    char buf[32];
    i18n_lang_part(loc, buf, sizeof buf);
    if (buf[0] && strcmp(buf, "C") != 0) {
        setenv("LANGUAGE", buf, 1);
        i18n_messages_not_c();
    }
}

/* Where the catalogues are: <exe dir>/locale in the build tree, else the
 * installed HAMDEL_LOCALEDIR. Writes into buf, returns it. */
static const char *i18n_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n > 0) {
        buf[n] = '\0';
        char *slash = strrchr(buf, '/');
        struct stat st;
        if (slash && (size_t)(slash - buf) + sizeof "/locale" <= size) {
            strcpy(slash, "/locale");
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
                return buf;
        }
    }
    return HAMDEL_LOCALEDIR;
}

/* The catalogue's own header says which language it is ("Language: fa"). */
static void i18n_detect(void)
{
    static const char header_key[] = ""; /* a variable: xgettext skips it */
    const char *hdr = gettext(header_key);
    const char *l = hdr ? strstr(hdr, "Language: ") : NULL;
    strcpy(i18n_cur, "en");
    if (l && strncmp(l + 10, "fa", 2) == 0)
        strcpy(i18n_cur, "fa");
}

void i18n_init(const char *ui_lang)
{
    int ok = i18n_setlocale();
    i18n_choose(ui_lang, ok);
    char buf[PATH_MAX];
    bindtextdomain(I18N_DOMAIN, i18n_dir(buf, sizeof buf));
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    textdomain(I18N_DOMAIN);
    i18n_detect();
}

const char *i18n_lang(void)
{
    return i18n_cur;
}

score_lang i18n_score_lang(void)
{
    return strcmp(i18n_cur, "fa") == 0 ? SCORE_LANG_FA : SCORE_LANG_EN;
}
