/* One fixture per fuzzing process (driver.h). libFuzzer's entry takes no
 * user data, so the fixture is the one static of this program. GLib's
 * warnings and criticals abort, as a broken promise does. */
#include "driver.h"
#include <stdlib.h>

static FuzzFixture *driver_fixture;

static void driver_cleanup(void)
{
  fuzz_fixture_free(driver_fixture);
  driver_fixture = NULL;
}

/* GLib's own fatal messages trap (SIGTRAP), which libFuzzer does not catch:
 * abort instead, so the input is kept. */
static GLogWriterOutput driver_log_writer(GLogLevelFlags level, const GLogField *fields,
                                          gsize n_fields, gpointer user_data)
{
  GLogWriterOutput written = g_log_writer_default(level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort();
  return written;
}

static void driver_start(void)
{
  g_autoptr(GError) error = NULL;
  g_log_set_writer_func(driver_log_writer, NULL, NULL);
  driver_fixture = fuzz_fixture_new(FUZZ_SOURCE_DIR, &error);
  if (driver_fixture == NULL) {
    g_printerr("cannot set up the fuzz fixture: %s\n", error->message);
    abort();
  }
  atexit(driver_cleanup);
}

int fuzz_driver_run(FuzzTargetFunc run, const uint8_t *data, size_t size)
{
  if (driver_fixture == NULL)
    driver_start();
  run(driver_fixture, data, size);
  return 0;
}
