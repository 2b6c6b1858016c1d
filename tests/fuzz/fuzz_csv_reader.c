/* libFuzzer program for the raw CSV reader: the body is
 * fuzz_csv_reader in targets.c, shared with the replay of kept inputs. */
#include "driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  return fuzz_driver_run(fuzz_csv_reader, data, size);
}
