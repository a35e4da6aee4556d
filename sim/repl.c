/*
 * repl.c - the simulator's entry points, start-up, shutdown and home loop
 * (repl.h).
 *
 * Start-up picks the interface language (i18n_init), --bidi and --plain,
 * loads the library once (for list, completion and "try next"), and the
 * history from the state dir. Shutdown always runs, whether the trainee
 * typed quit, pressed Ctrl-D, or the terminal hung up: the history is
 * written and the terminal was already restored by repl-input.c. The best
 * grades of `list` are read from the saved transcripts here.
 */
#include "repl.h"
#include "scn-pick.h"
#include "bidi.h"
#include "cmd.h"
#include "i18n.h"
#include "outfile.h"
#include "paths.h"
#include "term.h"
#include "util.h"

#include <dirent.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#define REPL_HISTORY_MAX 1000
#define REPL_TRANSCRIPT_CAP (8u << 20)

int repl_wanted(void)
{
    return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

const score_rubric *repl_rubric(struct repl *r, score_lang lang)
{
    return rubrics_get(&r->rs, lang);
}

static int repl_by_id(const void *a, const void *b)
{
    return strcmp((*(scn_scenario *const *)a)->id,
                  (*(scn_scenario *const *)b)->id);
}

/* The library, quietly: broken files are `hamdel lint`'s business. */
static void repl_load_library(struct repl *r)
{
    const char *dir = scn_library_default_dir();
    scn_opts so = {scnp_kind_ok, &r->rs};
    scn_diags d = {0};
    scn_library_load(&dir, 1, &so, &r->lib, &d);
    scn_diags_free(&d);
    if (r->lib.n)
        qsort(r->lib.v, r->lib.n, sizeof *r->lib.v, repl_by_id);
}

static void repl_history_open(struct repl *r)
{
    char dir[3800], err[4200];
    r->history[0] = '\0';
    if (paths_state_dir(dir, sizeof dir, err, sizeof err) != 0 ||
        paths_mkdirs(dir, err, sizeof err) != 0)
        return; /* no history this time; practice goes on */
    snprintf(r->history, sizeof r->history, "%s/history", dir);
    stifle_history(REPL_HISTORY_MAX);
    read_history(r->history);
}

/* The history file, one entry a line as read_history reads it. Written
 * here rather than by write_history, which truncates the file in place: a
 * full disk or a crash would then lose the whole history. */
static int repl_history_write(FILE *f, void *ud)
{
    (void)ud;
    HIST_ENTRY **h = history_list();
    for (size_t i = 0; h && h[i]; i++)
        fprintf(f, "%s\n", h[i]->line);
    return 0;
}

void repl_begin(struct repl *r, const struct repl_opts *o)
{
    memset(r, 0, sizeof *r);
    r->o = *o;
    /* main() has applied the global options; a command's own ones add */
    r->o.plain = o->plain || bidi_plain_enabled();
    if (o->ui_lang)
        i18n_init(o->ui_lang);
    if (o->bidi)
        bidi_enable(1);
    view_init(&r->v, stdout, r->o.plain);
    rubrics_init(&r->rs, NULL, 0);
    repl_load_library(r);
    repl_history_open(r);
    repl_trainee_load(r);
    repl_input_init(r->o.plain);
    repl_complete_init(r);
}

/* Save the history and free everything; the exit status. */
int repl_end(struct repl *r)
{
    if (r->history[0])
        outf_atomic(r->history, repl_history_write, NULL);
    scn_library_free(&r->lib);
    rubrics_free(&r->rs);
    fflush(stdout);
    if (r->stop_sig) /* hung up or terminated: say so in the status */
        return 128 + r->stop_sig;
    return UTIL_EX_OK;
}

static void repl_home(struct repl *r)
{
    char prompt[128], *line;
    while (!r->quit && !r->stop_sig) {
        repl_prompt(r, _("hamdel>"), prompt, sizeof prompt);
        int rc = repl_read(r, prompt, &line);
        if (rc == REPL_IN_INT)
            continue;
        if (rc == REPL_IN_STOP) {
            r->stop_sig = repl_stop_signal();
            break;
        }
        if (rc == REPL_IN_EOF) {
            fputs("\n", stdout);
            break;
        }
        if (repl_home_command(r, line))
            r->quit = 1;
        free(line);
    }
    if (!r->stop_sig)
        view_line(&r->v, 0, NULL, _("Goodbye. Your transcripts are kept; see you next time."));
}

int repl_main(const struct repl_opts *o)
{
    if (!repl_wanted()) {
        cmd_print_general_help(stdout);
        return UTIL_EX_OK;
    }
    struct repl *r = util_xmalloc(sizeof *r);
    repl_begin(r, o);
    repl_welcome(r);
    repl_home(r);
    int rc = repl_end(r);
    free(r);
    return rc;
}

int repl_play(const struct repl_opts *o, const scn_scenario *s,
              score_lang lang, const char *transcript)
{
    struct repl *r = util_xmalloc(sizeof *r);
    repl_begin(r, o);
    repl_scene(r, s, lang, transcript);
    if (!r->stop_sig && !r->quit) {
        view_line(&r->v, 0, TERM_DIM, _("You are at home now: 'list' shows the scenarios, 'quit' leaves."));
        repl_home(r);
    }
    int rc = repl_end(r);
    free(r);
    return rc;
}

/* The overall grade of a finished transcript: its last line's summary. */
static double repl_file_grade(const char *path, const char *id)
{
    size_t len;
    int more, opened;
    double g = -1;
    char *text = util_read_file(path, REPL_TRANSCRIPT_CAP, &len, &more, &opened);
    if (!text)
        return -1;
    char *nl = strchr(text, '\n');
    json_t *head = nl ? json_loadb(text, (size_t)(nl - text), 0, NULL) : NULL;
    const char *sid = json_string_value(json_object_get(head, "scenario"));
    while (len > 0 && text[len - 1] == '\n')
        text[--len] = '\0';
    char *last = strrchr(text, '\n');
    if (sid && strcmp(sid, id) == 0 && last) {
        json_t *end = json_loads(last + 1, 0, NULL);
        json_t *ov = json_object_get(json_object_get(end, "summary"), "overall");
        if (json_is_number(ov))
            g = json_number_value(ov);
        json_decref(end);
    }
    json_decref(head);
    free(text);
    return g;
}

double repl_best_grade(const char *id)
{
    char dir[3800], err[4200], path[4096];
    double best = -1;
    if (paths_data_dir(dir, sizeof dir, err, sizeof err) != 0)
        return -1;
    strncat(dir, "/sessions", sizeof dir - strlen(dir) - 1);
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t idlen = strlen(id);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        /* the default names start with the id: skip the rest unread */
        if (strncmp(de->d_name, id, idlen) != 0 || de->d_name[idlen] != '-')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        double g = repl_file_grade(path, id);
        best = g > best ? g : best;
    }
    closedir(d);
    return best;
}
