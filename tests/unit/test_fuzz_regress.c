/*
 * test_fuzz_regress.c - replays the fuzz regression corpus (fuzz/regress/)
 * through the fuzz targets, built without libFuzzer.
 *
 * Every input that ever crashed, hung or leaked in a fuzz target is kept in
 * fuzz/regress/<target>/ (with a few seeds), and this test feeds each file
 * to the same target source the fuzzer ran (the targets are included here,
 * each entry point renamed). A crash kills the test, a hang trips the
 * alarm, and `make asan` / `make valgrind` see leaks and bad accesses, so a
 * bug the fuzzer found cannot come back unnoticed.
 */
#include "testutil.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LLVMFuzzerTestOneInput fz_run_scenario
#include "../../fuzz/fuzz_scenario.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fz_run_rubric
#include "../../fuzz/fuzz_rubric.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fz_run_expr
#include "../../fuzz/fuzz_expr.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fz_run_score
#include "../../fuzz/fuzz_score.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fz_run_batch
#include "../../fuzz/fuzz_batch.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fz_run_import
#include "../../fuzz/fuzz_import.c"
#undef LLVMFuzzerTestOneInput

#define FZ_DIR "fuzz/regress/"
/* Seconds one input may take before it counts as a hang; the fuzzers'
 * -timeout is 10 s under ASan, a plain build is several times faster,
 * and valgrind (make valgrind) many times slower. */
#define FZ_TIMEOUT 60

typedef int (*fz_fn)(const uint8_t *, size_t);

static uint8_t *fz_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    uint8_t *buf = malloc((size_t)n + 1); /* +1: never malloc(0) */
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Feed every file of fuzz/regress/<target>/ to `fn`; the folder must hold
 * some (an empty or missing folder would make the test pass for nothing). */
static void fz_replay(const char *target, fz_fn fn)
{
    char dir[256], path[512];
    snprintf(dir, sizeof dir, FZ_DIR "%s", target);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    size_t files = 0;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        size_t len;
        uint8_t *data = fz_read(path, &len);
        fprintf(stderr, "replay %s\n", path); /* the culprit, if it dies */
        alarm(FZ_TIMEOUT);
        fn(data, len);
        alarm(0);
        free(data);
        files++;
    }
    closedir(d);
    assert_true(files > 0);
}

static void t_scenario(void **st) { (void)st; fz_replay("fuzz_scenario", fz_run_scenario); }
static void t_rubric(void **st) { (void)st; fz_replay("fuzz_rubric", fz_run_rubric); }
static void t_expr(void **st) { (void)st; fz_replay("fuzz_expr", fz_run_expr); }
static void t_score(void **st) { (void)st; fz_replay("fuzz_score", fz_run_score); }
static void t_batch(void **st) { (void)st; fz_replay("fuzz_batch", fz_run_batch); }
static void t_import(void **st) { (void)st; fz_replay("fuzz_import", fz_run_import); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_scenario), cmocka_unit_test(t_rubric),
        cmocka_unit_test(t_expr),     cmocka_unit_test(t_score),
        cmocka_unit_test(t_batch),    cmocka_unit_test(t_import),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
