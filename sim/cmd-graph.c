/*
 * cmd-graph.c - `hamdel graph FILE|ID`: a scenario as a Graphviz DOT graph.
 *
 * For authors: `hamdel graph broken-tv | dot -Tsvg > broken-tv.svg` shows
 * the whole conversation at once: every node with its id and the start of
 * the customer's English line, endings filled in the colour of their kind
 * (resolved green, escalated orange, churned red, ended grey), every branch
 * labelled with its condition and tension change, and the breaking point
 * reached by tension alone as a dashed edge. The scenario is loaded by the
 * same loader as lint, so a broken file gets the same messages (exit 65).
 */
#include "cmd.h"
#include "scn.h"
#include "i18n.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GRAPH_LINE_CHARS 40 /* characters of the customer line in a node */

/* `s` inside a DOT double-quoted string; at most `max` characters
 * (0 = all), then an ellipsis. Texts hold no control characters (the
 * loader refuses them), but newlines and tabs become spaces. */
static void graph_str(FILE *f, const char *s, size_t max)
{
    size_t chars = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c & 0xC0) != 0x80 && max && chars++ == max) {
            fputs("\xE2\x80\xA6", f); /* … */
            return;
        }
        if (c == '"' || c == '\\')
            fputc('\\', f);
        fputc(c == '\n' || c == '\t' ? ' ' : c, f);
    }
}

static const char *graph_fill(scn_ending e)
{
    switch (e) {
    case SCN_END_RESOLVED: return "fillcolor=palegreen, color=green";
    case SCN_END_ESCALATED: return "fillcolor=orange, color=darkorange";
    case SCN_END_CHURNED: return "fillcolor=lightcoral, color=red";
    case SCN_END_ENDED: return "fillcolor=lightgrey, color=grey";
    default: return "fillcolor=white";
    }
}

static void graph_node(FILE *f, const scn_scenario *s, size_t i)
{
    const scn_node *n = &s->nodes[i];
    const char *line = scn_text_get(&n->customer, SCORE_LANG_EN);
    if (!line)
        line = scn_text_get(&n->customer, SCORE_LANG_FA);
    fprintf(f, "  \"%s\" [label=\"%s", n->id, n->id);
    if (n->ending != SCN_END_NONE)
        fprintf(f, " (%s)", scn_ending_name(n->ending));
    if (line) {
        fputs("\\n", f);
        graph_str(f, line, GRAPH_LINE_CHARS);
    }
    fprintf(f, "\", %s%s];\n", graph_fill(n->ending),
            (int)i == s->start ? ", penwidth=2" : "");
}

static void graph_edges(FILE *f, const scn_node *n, const scn_scenario *s)
{
    for (size_t b = 0; b < n->n_branches; b++) {
        const scn_branch *br = &n->branches[b];
        fprintf(f, "  \"%s\" -> \"%s\" [label=\"", n->id, s->nodes[br->target].id);
        graph_str(f, br->when_src ? br->when_src : "otherwise", 0);
        if (br->tension != 0)
            fprintf(f, "\\ntension %+g", br->tension);
        fprintf(f, "\"%s];\n", br->when_src ? "" : ", style=bold");
    }
}

static void graph_dot(FILE *f, const scn_scenario *s)
{
    const char *title = scn_text_get(&s->title, SCORE_LANG_EN);
    fprintf(f, "digraph \"%s\" {\n  label=\"", s->id);
    graph_str(f, title ? title : s->id, 0);
    fputs("\";\n  labelloc=t;\n"
          "  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\"];\n"
          "  edge [fontname=\"sans-serif\", fontsize=10];\n"
          "  \"(start)\" [shape=point, width=0.15, style=filled, fillcolor=black];\n",
          f);
    for (size_t i = 0; i < s->n_nodes; i++)
        graph_node(f, s, i);
    fprintf(f, "  \"(start)\" -> \"%s\";\n", s->nodes[s->start].id);
    fprintf(f, "  \"(tension 10)\" [shape=plaintext, style=\"\"];\n"
               "  \"(tension 10)\" -> \"%s\" [style=dashed];\n",
            s->nodes[s->breaking_point].id);
    for (size_t i = 0; i < s->n_nodes; i++)
        graph_edges(f, &s->nodes[i], s);
    fputs("}\n", f);
}

/* A path when it names a file or looks like one; else a library id. */
static scn_scenario *graph_load(const char *arg, const scn_opts *o, scn_diags *d,
                                int *rc)
{
    struct stat st;
    size_t n = strlen(arg);
    int looks = strchr(arg, '/') || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
                (n > 4 && strcmp(arg + n - 4, ".yml") == 0);
    if (stat(arg, &st) == 0 || looks) {
        scn_scenario *s = scn_load_file(arg, o, d);
        *rc = s ? 0 : stat(arg, &st) != 0 ? UTIL_EX_NOINPUT : UTIL_EX_DATAERR;
        return s;
    }
    scn_library lib = {0};
    const char *dir = scn_library_default_dir();
    scn_diags ignored = {0}; /* other files' problems are lint's business */
    scn_library_load(&dir, 1, o, &lib, &ignored);
    scn_diags_free(&ignored);
    scn_scenario *s = NULL;
    for (size_t i = 0; i < lib.n; i++) {
        if (!s && strcmp(lib.v[i]->id, arg) == 0)
            s = lib.v[i];
        else
            scn_free(lib.v[i]);
    }
    free(lib.v);
    if (!s) {
        util_warn(_("no scenario '%s' in %s (see 'hamdel list')"), arg, dir);
        *rc = UTIL_EX_NOINPUT;
    }
    return s;
}

static int graph_main(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cmd_print_help(&cmd_graph, stdout);
        return UTIL_EX_OK;
    }
    if (argc < 2)
        return cmd_usage_error(&cmd_graph, _("graph: which scenario? (a file or an id)"));
    if (argc > 2)
        return cmd_usage_error(&cmd_graph, _("graph: one scenario at a time"));
    if (argv[1][0] == '-' && argv[1][1])
        return cmd_usage_error(&cmd_graph, _("graph: unknown option '%s'"), argv[1]);
    score_error err;
    score_rubric *r = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    if (!r)
        util_die(UTIL_EX_SOFTWARE, _("cannot load the built-in rubric: %s"), err.msg);
    scn_opts o = {scn_rubric_kind_ok, r};
    scn_diags d = {0};
    int rc = 0;
    scn_scenario *s = graph_load(argv[1], &o, &d, &rc);
    scn_diags_print(&d, stderr);
    if (s)
        graph_dot(stdout, s);
    scn_free(s);
    scn_diags_free(&d);
    score_rubric_free(r);
    return rc;
}

const struct cmd_entry cmd_graph = {
    .name = "graph",
    .fn = graph_main,
    .summary = N_("write a scenario as a Graphviz DOT graph"),
    .usage = "hamdel graph FILE|ID",
    .help =
        N_("Writes the scenario (a file, or the id of one in the library) as a\n"
        "Graphviz graph on stdout, e.g.\n"
        "  hamdel graph broken-tv | dot -Tsvg > broken-tv.svg\n"
        "Nodes show their id and the start of the customer's English line;\n"
        "endings are filled by kind: resolved green, escalated orange,\n"
        "churned red, ended grey. Edges carry the branch condition and the\n"
        "tension change; the dashed edge is the breaking point, reached when\n"
        "tension hits 10.\n"
        "\n"
        "Exit status: 0 ok, 64 usage, 65 the scenario has problems (printed\n"
        "as FILE:LINE:COL: message), 66 no such file or id.\n"),
};
