/* libFuzzer program for LinkedIn export zip archives: the body is
 * fuzz_zip in targets.c, shared with the replay of kept inputs. */
#include "driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  return fuzz_driver_run(fuzz_zip, data, size);
}
