/*
 * say-quote.h - the customer quoting the trainee's own words.
 *
 * A branch's `say:` line may hold placeholders that name finding kinds:
 *
 *     say: {en: "“{promise_forbidden,guarantee|That}”? Brilliant, I'll tell everyone."}
 *
 * When the branch is taken, each placeholder becomes the words of the first
 * finding of the first listed kind the reply has (the exact span the scorer
 * marked), or the text after '|' when the reply has none of them. So the
 * customer reacts to what this trainee said, not to what the model answer
 * would have said. The scenario loader checks the placeholders
 * (sayq_check); the engine fills them in (sayq_expand).
 */
#ifndef HAMDEL_SAY_QUOTE_H
#define HAMDEL_SAY_QUOTE_H

#include <stddef.h>

/* Longest quote, in characters: a longer span is cut at a word and
 * ends with "…" (a customer echoes a phrase, not a paragraph). */
#define SAYQ_MAX_QUOTE 60

/* Is `kind` (not NUL-terminated, `len` bytes) a finding kind? */
typedef int (*sayq_kind_fn)(const char *kind, size_t len, const void *ud);

/* The words of the reply's first finding of `kind` (`len` bytes), or NULL
 * when it has none. */
typedef const char *(*sayq_find_fn)(const char *kind, size_t len, void *ud);

/* 0 when every '{' in `text` opens a well-formed placeholder
 * {kind[,kind...]|fallback} with known kinds (`ok` may be NULL: any
 * name); else -1 with a message in err[n] and the byte offset of the
 * problem in *at. */
int sayq_check(const char *text, sayq_kind_fn ok, const void *ud, char *err,
               size_t n, size_t *at);

/* Does `text` hold a placeholder? */
int sayq_has(const char *text);

/* `text` with every placeholder filled in: a malloc'd string. The quoted
 * words are cleaned for a line of dialogue (control characters and line
 * breaks become spaces, runs of spaces one) and cut at SAYQ_MAX_QUOTE. */
char *sayq_expand(const char *text, sayq_find_fn find, void *ud);

#endif
