/* Tests of score/key_table.c: keys of any length and bytes, values
 * replaced and taken, and a full table's probe runs. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "score/key_table.h"

#include <string.h>

static guint put(ScoreKeyTable *table, const char *key, guint value)
{
  return score_key_table_put(table, key, strlen(key), value);
}

static guint take(ScoreKeyTable *table, const char *key)
{
  return score_key_table_take(table, key, strlen(key));
}

static void test_put_and_take(void **state)
{
  (void)state;
  g_autoptr(ScoreKeyTable) table = score_key_table_new(4);
  assert_int_equal(put(table, "linkedin.com/in/anna-berg", 1), 0);
  assert_int_equal(put(table, "", 2), 0);
  assert_int_equal(put(table, "linkedin.com/in/anna-berg", 3), 1);
  assert_int_equal(score_key_table_size(table), 2);
  /* A prefix, or the same bytes but one, is another key. */
  assert_int_equal(take(table, "linkedin.com/in/anna-ber"), 0);
  assert_int_equal(take(table, "linkedin.com/in/anna-bern"), 0);
  assert_int_equal(take(table, "linkedin.com/in/anna-berg"), 3);
  assert_int_equal(take(table, "linkedin.com/in/anna-berg"), 0);
  assert_int_equal(score_key_table_size(table), 1);
  assert_int_equal(take(table, ""), 2);
  assert_int_equal(score_key_table_size(table), 0);
  /* A key taken can be put again. */
  assert_int_equal(put(table, "linkedin.com/in/anna-berg", 5), 0);
  assert_int_equal(take(table, "linkedin.com/in/anna-berg"), 5);
}

/* Bytes after a NUL count: keys are lengths, not C strings. */
static void test_binary_keys(void **state)
{
  (void)state;
  g_autoptr(ScoreKeyTable) table = score_key_table_new(2);
  assert_int_equal(score_key_table_put(table, "a\0b", 3, 7), 0);
  assert_int_equal(score_key_table_take(table, "a\0c", 3), 0);
  assert_int_equal(score_key_table_take(table, "a", 1), 0);
  assert_int_equal(score_key_table_take(table, "a\0b", 3), 7);
}

/* As many keys as the table was made for, taken in another order than
 * put: every one is still found past the slots of those taken before. */
static void test_full_table(void **state)
{
  (void)state;
  enum { KEYS = 100 };
  g_autoptr(ScoreKeyTable) table = score_key_table_new(KEYS);
  for (guint i = 0; i < KEYS; i++) {
    g_autofree char *key = g_strdup_printf("name %u", i);
    assert_int_equal(put(table, key, i + 1), 0);
  }
  assert_int_equal(score_key_table_size(table), KEYS);
  for (guint i = 0; i < KEYS; i++) {
    guint k = (i * 37) % KEYS;
    g_autofree char *key = g_strdup_printf("name %u", k);
    assert_int_equal(take(table, key), k + 1);
  }
  assert_int_equal(score_key_table_size(table), 0);
  assert_int_equal(take(table, "name 1"), 0);
}

/* Far more keys than the table was made for: it grows, and keys taken
 * before it grew stay taken. */
static void test_growth(void **state)
{
  (void)state;
  enum { KEYS = 1000 };
  g_autoptr(ScoreKeyTable) table = score_key_table_new(1);
  for (guint i = 0; i < KEYS; i++) {
    g_autofree char *key = g_strdup_printf("title %u", i);
    assert_int_equal(put(table, key, i + 1), 0);
    if (i % 3 == 0)
      assert_int_equal(take(table, key), i + 1);
  }
  assert_int_equal(score_key_table_size(table), KEYS - (KEYS + 2) / 3);
  for (guint i = 0; i < KEYS; i++) {
    g_autofree char *key = g_strdup_printf("title %u", i);
    assert_int_equal(score_key_table_get(table, key, strlen(key)), i % 3 == 0 ? 0 : i + 1);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_put_and_take),
      cmocka_unit_test(test_binary_keys),
      cmocka_unit_test(test_full_table),
      cmocka_unit_test(test_growth),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
