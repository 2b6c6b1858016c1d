/* libFuzzer program for SSI page captures (.json): the body is
 * fuzz_ssi_json in targets.c, shared with the replay of kept inputs. */
#include "driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  return fuzz_driver_run(fuzz_ssi_json, data, size);
}
