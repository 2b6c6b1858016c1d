/* The libFuzzer side of a target: every fuzz_<name>.c hands its input to
 * its body in targets.c through fuzz_driver_run. */
#pragma once
#include "targets.h"
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry, defined by each fuzz_<name>.c. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs the body on one input; the fixture is made on the first call and
 * removed at exit. Always 0, as libFuzzer wants. */
int fuzz_driver_run(FuzzTargetFunc run, const uint8_t *data, size_t size);
