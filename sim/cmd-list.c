/*
 * cmd-list.c - `hamdel list`: the scenarios of the library, one a line.
 *
 * For trainers choosing what to practise: id (what `play` takes), title in
 * the chosen language, languages, difficulty, tags, the kinds of ending the
 * scenario can reach and min_turns_to_resolve (the fewest replies that can
 * resolve it; "-" when none can). Scenarios come from the one loader
 * (scn-lib.c); files with problems are left out with a pointer to `hamdel
 * lint` and exit 65, the valid ones are still listed. --json gives the same
 * fields as one JSON array. Widths are counted in terminal cells (term.c),
 * so Persian titles line up too.
 */
#include "cmd.h"
#include "view.h"
#include "json-out.h"
#include "scn.h"
#include "term.h"
#include "i18n.h"
#include "util.h"

#include <jansson.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#define LIST_COLS 7
#define LIST_TITLE_CELLS 40

static const char *const list_head[LIST_COLS] = {
    N_("ID"), N_("TITLE"), N_("LANGS"), N_("DIFF"), N_("TAGS"),
    N_("ENDINGS"), N_("MIN TURNS")};

/* Append the names of the languages / ending kinds to `j` (an array). */
static void list_langs(const scn_scenario *s, json_t *j)
{
    if (s->langs & (1u << SCORE_LANG_EN))
        json_array_append_new(j, json_string("en"));
    if (s->langs & (1u << SCORE_LANG_FA))
        json_array_append_new(j, json_string("fa"));
}

static void list_endings(const scn_scenario *s, json_t *j)
{
    for (int e = SCN_END_RESOLVED; e <= SCN_END_ENDED; e++)
        for (size_t i = 0; i < s->n_nodes; i++)
            if ((int)s->nodes[i].ending == e) {
                json_array_append_new(j, json_string(scn_ending_name((scn_ending)e)));
                break;
            }
}

static json_t *list_object(const scn_scenario *s, score_lang lang)
{
    json_t *o = json_object(), *langs = json_array(), *tags = json_array(),
           *ends = json_array();
    list_langs(s, langs);
    list_endings(s, ends);
    for (size_t i = 0; i < s->tags.n; i++)
        json_array_append_new(tags, json_string(s->tags.v[i]));
    json_object_set_new(o, "id", json_string(s->id));
    json_object_set_new(o, "title", json_string(scn_text_any(&(s)->title, lang)));
    json_object_set_new(o, "languages", langs);
    json_object_set_new(o, "difficulty", json_integer(s->difficulty));
    json_object_set_new(o, "tags", tags);
    json_object_set_new(o, "endings", ends);
    json_object_set_new(o, "min_turns_to_resolve", s->min_turns_to_resolve < 0
                        ? json_null() : json_integer(s->min_turns_to_resolve));
    json_object_set_new(o, "file", json_string(s->path));
    return o;
}

/* A JSON array of strings joined by commas, or "-" when empty. */
static char *list_join(const json_t *arr)
{
    size_t n = 2, i;
    json_t *v;
    json_array_foreach(arr, i, v) n += strlen(json_string_value(v)) + 1;
    char *out = util_xmalloc(n);
    strcpy(out, json_array_size(arr) ? "" : "-");
    json_array_foreach(arr, i, v) {
        if (i)
            strcat(out, ",");
        strcat(out, json_string_value(v));
    }
    return out;
}

/* The cells of one row, from the row's JSON object (one source of truth). */
static void list_cells(const json_t *o, char **cell)
{
    const json_t *min = json_object_get(o, "min_turns_to_resolve");
    char num[32];
    cell[0] = util_xstrdup(json_string_value(json_object_get(o, "id")));
    cell[1] = util_xstrdup(json_string_value(json_object_get(o, "title")));
    cell[2] = list_join(json_object_get(o, "languages"));
    snprintf(num, sizeof num, "%d", (int)json_integer_value(json_object_get(o, "difficulty")));
    cell[3] = util_xstrdup(num);
    cell[4] = list_join(json_object_get(o, "tags"));
    cell[5] = list_join(json_object_get(o, "endings"));
    snprintf(num, sizeof num, "%d", (int)json_integer_value(min));
    cell[6] = util_xstrdup(json_is_null(min) ? "-" : num);
}

static size_t list_cell_width(const char *s, int col)
{
    size_t w = term_width(s, strlen(s));
    return col == 1 && w > LIST_TITLE_CELLS ? LIST_TITLE_CELLS : w;
}

static void list_row(char *const *cell, const size_t *width)
{
    for (int c = 0; c < LIST_COLS; c++) {
        if (width[c] == 0)
            continue; /* a column left out to fit the terminal */
        size_t max = c == 1 ? LIST_TITLE_CELLS : 0;
        size_t got = term_put_clean(stdout, cell[c], strlen(cell[c]), max, 0);
        for (size_t k = got; c + 1 < LIST_COLS && k < width[c] + 2; k++)
            fputc(' ', stdout);
    }
    fputc('\n', stdout);
}

/* On a terminal, a table wider than the window first loses its tags, then
 * its endings (`list --json` and a pipe keep every column). */
static void list_fit(size_t *width)
{
    struct view v;
    view_init(&v, stdout, 1);
    if (!isatty(fileno(stdout)))
        return;
    static const int drop[] = {4, 5};
    for (size_t i = 0; i < sizeof drop / sizeof *drop; i++) {
        size_t total = 0;
        for (int c = 0; c < LIST_COLS; c++)
            total += width[c] ? width[c] + 2 : 0;
        if (total <= view_cols(&v))
            return;
        width[drop[i]] = 0;
    }
}

static void list_table(const json_t *rows)
{
    size_t n = json_array_size(rows), width[LIST_COLS];
    char **cells = util_xmalloc((n + 1) * LIST_COLS * sizeof *cells);
    for (int c = 0; c < LIST_COLS; c++) {
        cells[c] = util_xstrdup(_(list_head[c]));
        width[c] = term_width(cells[c], strlen(cells[c]));
    }
    for (size_t r = 0; r < n; r++)
        list_cells(json_array_get(rows, r), cells + (r + 1) * LIST_COLS);
    for (size_t r = 1; r <= n; r++)
        for (int c = 0; c < LIST_COLS; c++) {
            size_t w = list_cell_width(cells[r * LIST_COLS + c], c);
            width[c] = w > width[c] ? w : width[c];
        }
    list_fit(width);
    for (size_t r = 0; r <= n; r++)
        list_row(cells + r * LIST_COLS, width);
    for (size_t i = 0; i < (n + 1) * LIST_COLS; i++)
        free(cells[i]);
    free(cells);
}

static int list_by_id(const void *a, const void *b)
{
    return strcmp((*(scn_scenario *const *)a)->id, (*(scn_scenario *const *)b)->id);
}

static int list_run(const char *const *paths, size_t n, score_lang lang, int json)
{
    score_error err;
    score_rubric *r = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    if (!r)
        util_die(UTIL_EX_SOFTWARE, _("cannot load the built-in rubric: %s"), err.msg);
    scn_opts o = {scn_rubric_kind_ok, r};
    scn_library lib = {0};
    scn_diags d = {0};
    size_t bad = scn_library_load(paths, n, &o, &lib, &d);
    if (lib.n)
        qsort(lib.v, lib.n, sizeof *lib.v, list_by_id);
    json_t *rows = json_array();
    for (size_t i = 0; i < lib.n; i++)
        json_array_append_new(rows, list_object(lib.v[i], lang));
    if (json) {
        jsonout_print(rows, stdout);
    } else {
        list_table(rows);
    }
    if (bad)
        util_warn(ngettext("%zu scenario file with problems left out; run "
                           "'hamdel lint' for details",
                           "%zu scenario files with problems left out; run "
                           "'hamdel lint' for details", bad), bad);
    json_decref(rows);
    scn_library_free(&lib);
    scn_diags_free(&d);
    score_rubric_free(r);
    return bad ? UTIL_EX_DATAERR : UTIL_EX_OK;
}

static int list_main(int argc, char **argv)
{
    int json = 0, i = 1, v;
    score_lang lang = SCORE_LANG_EN;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0 || strcmp(a, "-j") == 0) {
            json = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cmd_print_help(&cmd_list, stdout);
            return UTIL_EX_OK;
        } else if (strcmp(a, "--lang") == 0 || strcmp(a, "-l") == 0) {
            if (i + 1 == argc)
                return cmd_usage_error(&cmd_list, _("list: option '%s' needs a value"), a);
            if ((v = score_lang_parse(argv[++i])) < 0 || v == SCORE_LANG_AUTO)
                return cmd_usage_error(&cmd_list, _("list: unknown language '%s' "
                                       "(expected en or fa)"), argv[i]);
            lang = (score_lang)v;
        } else {
            return cmd_usage_error(&cmd_list, _("list: unknown option '%s'"), a);
        }
    }
    const char *def = scn_library_default_dir();
    if (i < argc)
        return list_run((const char *const *)argv + i, (size_t)(argc - i), lang, json);
    return list_run(&def, 1, lang, json);
}

const struct cmd_entry cmd_list = {
    .name = "list",
    .fn = list_main,
    .summary = N_("list the scenario library"),
    .usage = "hamdel list [--lang en|fa] [--json] [FILE|DIR ...]",
    .help =
        N_("Lists the scenarios of the library ($HAMDEL_SCENARIOS, else\n"
        "./scenarios, else the installed one), or of the files and folders\n"
        "given, sorted by id: id, title, languages, difficulty (1-5), tags,\n"
        "the kinds of ending it can reach, and the fewest replies that can\n"
        "resolve it (MIN TURNS; '-' when no path resolves it).\n"
        "\n"
        "Options:\n"
        "  -l, --lang LANG   titles in en (default) or fa\n"
        "  -j, --json        a JSON array of {id, title, languages, difficulty,\n"
        "                    tags, endings, min_turns_to_resolve, file}\n"
        "\n"
        "Files with problems are left out (exit 65); 'hamdel lint' shows why.\n"),
};
