/*
 * scn-pick.h - finding the scenario a command names (`play`, `workshop`):
 * an id from the library or a scenario file, and the language to play it
 * in.
 *
 * Commands share these so that a scenario is found, and a missing or
 * broken one is reported, the same way everywhere: lint errors as
 * FILE:LINE:COL (exit 65), an unknown id with "did you mean" (exit 66), a
 * language the scenario lacks (exit 64). The library is loaded once, on
 * the first id, however many scenarios a command asks for.
 */
#ifndef HAMDEL_SCN_PICK_H
#define HAMDEL_SCN_PICK_H

#include "scn.h"
#include "score.h"

/* What a command loaded: the library (when an id was asked for) and the
 * scenarios read from their own files. */
struct scnp_src {
    scn_library lib;
    int lib_loaded;
    scn_scenario **own;
    size_t n_own;
};

/* For scn_opts: has(kind) in conditions names a kind of either language's
 * rubric; `ud` is a struct rubrics *. */
int scnp_kind_ok(const char *kind, void *ud);

/* Print a loader's diagnostics as "hamdel: FILE:LINE:COL: message". */
void scnp_print_diags(const scn_diags *d);

/* Find `what` (a path, or an id of the default library) and point *out at
 * it; it lives until scnp_free. 0, or an exit status after the message
 * (65 invalid scenario, 66 no such scenario or file). */
int scnp_load(struct scnp_src *src, const char *what, const scn_opts *so,
              const scn_scenario **out);
void scnp_free(struct scnp_src *src);

/* "ID:fa" -> "ID" in id[n] and "fa" returned; NULL (id = what) when no
 * language code (two or three letters a-z) follows the last colon or `what`
 * names a file as it is. */
const char *scnp_split_lang(const char *what, char *id, size_t n);

/* `name` (--lang, or NULL), else English when the scenario has it, else
 * its first language. 0, or 64 after saying which languages it has. */
int scnp_lang(const char *name, const scn_scenario *s, score_lang *out);

#endif
