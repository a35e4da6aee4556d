/*
 * fuzz.h - what every fuzz target of hamdel includes (docs/fuzzing.md).
 *
 * Each fuzz/fuzz_*.c defines LLVMFuzzerTestOneInput. Built with clang and
 * -fsanitize=fuzzer it is a libFuzzer target (make fuzz, make fuzz-smoke);
 * tests/unit/test_fuzz_regress.c includes the same files, renaming the
 * entry point per target with a #define, so that `make test` replays the
 * regression corpus through exactly the code the fuzzer ran. Hence the
 * prototype is written in each target (the rename must reach it) and every
 * static name in a target carries the target's own prefix.
 */
#ifndef HAMDEL_FUZZ_H
#define HAMDEL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#endif
