/*
 * fuzz_scenario.c - libFuzzer target: a scenario file (scn_load_text).
 *
 * The input is the YAML text of one scenario, loaded and checked the way
 * `hamdel lint` does it (conditions checked against the English rubric's
 * kinds). Everything is freed: a load that leaks is a finding.
 */
#include "fuzz.h"
#include "scn.h"

#include <stdlib.h>

/* The rubric is only read: loaded once for the life of the process. */
static score_rubric *fz_scn_rubric(void)
{
    static score_rubric *r;
    if (!r) {
        score_error err;
        r = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
        if (!r)
            abort();
    }
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scn_opts o = {scn_rubric_kind_ok, fz_scn_rubric()};
    scn_diags d = {0};
    scn_scenario *s = scn_load_text("fuzz.yaml", (const char *)data, size, &o, &d);
    scn_free(s);
    scn_diags_free(&d);
    return 0;
}
