/*
 * scn-check.c - the graph checks of a scenario, and its shortest win.
 *
 * The loader (scn-load.c) reads the nodes and resolves every target, then
 * calls scn_check_graph: every node must be reachable from `start` (the
 * breaking point counts too: tension alone leads there), and every node
 * must be able to reach an ending, or a trainee could be stuck in a loop
 * that never ends. It also computes min_turns_to_resolve for `hamdel list`
 * (breadth-first search over branches to the nearest `resolved` ending).
 * Scenarios are at most SCN_MAX_NODES nodes, so plain arrays are enough.
 */
#include "scn.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int scn_node_index(const scn_scenario *s, const char *id)
{
    for (size_t i = 0; i < s->n_nodes; i++)
        if (s->nodes[i].id && strcmp(s->nodes[i].id, id) == 0)
            return (int)i;
    return -1;
}

int *scn_distances(const scn_scenario *s, int from)
{
    int *dist = util_xmalloc(s->n_nodes * sizeof *dist);
    int *queue = util_xmalloc(s->n_nodes * sizeof *queue);
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < s->n_nodes; i++)
        dist[i] = -1;
    dist[from] = 0;
    queue[tail++] = from;
    while (head < tail) {
        const scn_node *n = &s->nodes[queue[head]];
        int d = dist[queue[head++]];
        for (size_t b = 0; b < n->n_branches; b++) {
            int t = n->branches[b].target;
            if (t >= 0 && dist[t] < 0) {
                dist[t] = d + 1;
                queue[tail++] = t;
            }
        }
    }
    free(queue);
    return dist;
}

/* can[i]: some path of branches from node i reaches an ending. */
static char *ck_can_end(const scn_scenario *s)
{
    char *can = util_xmalloc(s->n_nodes);
    for (size_t i = 0; i < s->n_nodes; i++)
        can[i] = s->nodes[i].ending != SCN_END_NONE;
    /* At most n rounds; each round adds a node or ends the loop. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < s->n_nodes; i++) {
            const scn_node *n = &s->nodes[i];
            for (size_t b = 0; !can[i] && b < n->n_branches; b++) {
                int t = n->branches[b].target;
                if (t >= 0 && can[t])
                    can[i] = 1, changed = 1;
            }
        }
    }
    return can;
}

static void ck_min_turns(scn_scenario *s, const int *dist)
{
    s->min_turns_to_resolve = -1;
    for (size_t i = 0; i < s->n_nodes; i++)
        if (s->nodes[i].ending == SCN_END_RESOLVED && dist[i] >= 0 &&
            (s->min_turns_to_resolve < 0 || dist[i] < s->min_turns_to_resolve))
            s->min_turns_to_resolve = dist[i];
}

size_t scn_check_graph(scn_scenario *s, const char *file, scn_diags *d)
{
    size_t before = d->n;
    if (s->n_nodes == 0 || s->start < 0)
        return 0;
    int *dist = scn_distances(s, s->start);
    /* Tension alone leads to the breaking point: what follows it counts. */
    int *bp = scn_distances(s, s->breaking_point >= 0 ? s->breaking_point : s->start);
    char *can = ck_can_end(s);
    for (size_t i = 0; i < s->n_nodes; i++) {
        const scn_node *n = &s->nodes[i];
        if (dist[i] < 0 && bp[i] < 0)
            scn_diags_add(d, file, n->line, n->col, "node '%s' is unreachable: "
                          "no branch leads to it from start '%s'", n->id,
                          s->nodes[s->start].id);
        if (!can[i])
            scn_diags_add(d, file, n->line, n->col, "node '%s' can never reach "
                          "an ending: every path from it loops without end", n->id);
    }
    ck_min_turns(s, dist);
    free(dist);
    free(bp);
    free(can);
    return d->n - before;
}
