/* libFuzzer program for dates, numbers, ranks, counts and names: the body is
 * fuzz_dates in targets.c, shared with the replay of kept inputs. */
#include "driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  return fuzz_driver_run(fuzz_dates, data, size);
}
