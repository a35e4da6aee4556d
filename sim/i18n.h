/*
 * i18n.h - the program's own messages in the user's language (gettext).
 *
 * Every message a person reads is written as _("English text") and looked
 * up in po/LANG.po (compiled to hamdel.mo). i18n_init() picks the language:
 * --ui-lang when given, else LANGUAGE/LC_ALL/LC_MESSAGES/LANG as gettext
 * does. Scenario and rubric texts are not translated here: they carry their
 * own languages. N_() marks a string for translation where it is defined
 * (tables) and _() translates it where it is printed.
 */
#ifndef HAMDEL_I18N_H
#define HAMDEL_I18N_H

#include <libintl.h>

#include "score.h"

#define _(s) gettext(s)
#define N_(s) (s)

/* Set the locale and the message catalogue. ui_lang: "en", "fa" or NULL
 * (follow the environment). Finds the catalogues in the build tree when run
 * from it, else in HAMDEL_LOCALEDIR. */
void i18n_init(const char *ui_lang);
/* The language the interface speaks now: "en" or "fa". */
const char *i18n_lang(void);
/* The same as the scorer's language (SCORE_LANG_EN or _FA). */
score_lang i18n_score_lang(void);
/* 1 when `lang` is a language --ui-lang accepts ("en" or "fa"). */
int i18n_known(const char *lang);

#endif
