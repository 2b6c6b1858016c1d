/* Open addressing with linear probing over a power-of-two array at least
 * twice the number of slots in use, doubled when it would be less; a taken
 * key leaves its slot marked so that later keys of the same probe run stay
 * reachable. The keys are URLs, names and titles of a few dozen bytes:
 * hashed eight bytes at a time. */
#include "score/key_table.h"

#include <string.h>

typedef struct {
  guint64 hash;
  guint32 offset; /* into ScoreKeyTable.keys */
  guint32 length;
  guint value; /* 0: free slot, or a key taken */
  gboolean used;
} Slot;

struct ScoreKeyTable {
  Slot *slots;
  guint mask;
  guint size;       /* keys with a value */
  guint slots_used; /* with the keys taken since */
  GByteArray *keys;
};

static guint64 hash_bytes(const char *key, gsize length)
{
  const guint64 multiplier = G_GUINT64_CONSTANT(0x9E3779B97F4A7C15);
  guint64 hash = length * multiplier;
  gsize i = 0;
  for (; i + 8 <= length; i += 8) {
    guint64 word;
    memcpy(&word, key + i, sizeof word);
    hash = (hash ^ word) * multiplier;
    hash ^= hash >> 29;
  }
  guint64 tail = 0;
  if (length > i)
    memcpy(&tail, key + i, length - i);
  hash = (hash ^ tail) * multiplier;
  return hash ^ (hash >> 32);
}

ScoreKeyTable *score_key_table_new(guint expected_keys)
{
  guint capacity = 8;
  while (capacity < 2 * expected_keys)
    capacity *= 2;
  ScoreKeyTable *table = g_new0(ScoreKeyTable, 1);
  table->slots = g_new0(Slot, capacity);
  table->mask = capacity - 1;
  table->keys = g_byte_array_new();
  return table;
}

void score_key_table_free(ScoreKeyTable *table)
{
  if (table == NULL)
    return;
  g_byte_array_unref(table->keys);
  g_free(table->slots);
  g_free(table);
}

/* The slot holding key, or the first never used slot of its probe run. */
static Slot *slot_find(const ScoreKeyTable *table, const char *key, gsize length, guint64 hash)
{
  for (guint i = (guint)hash & table->mask;; i = (i + 1) & table->mask) {
    Slot *slot = &table->slots[i];
    if (!slot->used)
      return slot;
    /* An empty key may come as NULL, which memcmp must not see. */
    if (slot->hash == hash && slot->length == length &&
        (length == 0 || memcmp(table->keys->data + slot->offset, key, length) == 0))
      return slot;
  }
}

/* Moves the slots holding a key into an array twice as large; taken keys'
 * slots are dropped. */
static void table_grow(ScoreKeyTable *table)
{
  Slot *old = table->slots;
  guint old_capacity = table->mask + 1;
  table->mask = 2 * old_capacity - 1;
  table->slots = g_new0(Slot, table->mask + 1);
  table->slots_used = 0;
  for (guint i = 0; i < old_capacity; i++) {
    if (old[i].value == 0)
      continue;
    guint j = (guint)old[i].hash & table->mask;
    while (table->slots[j].used)
      j = (j + 1) & table->mask;
    table->slots[j] = old[i];
    table->slots_used++;
  }
  g_free(old);
}

guint score_key_table_put(ScoreKeyTable *table, const char *key, gsize length, guint value)
{
  g_return_val_if_fail(value != 0 && length < G_MAXUINT32, 0);
  guint64 hash = hash_bytes(key, length);
  Slot *slot = slot_find(table, key, length, hash);
  if (!slot->used) {
    if (2 * (table->slots_used + 1) > table->mask + 1) {
      table_grow(table);
      slot = slot_find(table, key, length, hash);
    }
    table->slots_used++;
    *slot = (Slot){hash, table->keys->len, (guint32)length, 0, TRUE};
    g_byte_array_append(table->keys, (const guint8 *)key, (guint)length);
  }
  guint old = slot->value;
  table->size += old == 0 ? 1 : 0;
  slot->value = value;
  return old;
}

guint score_key_table_get(const ScoreKeyTable *table, const char *key, gsize length)
{
  if (table->size == 0)
    return 0;
  return slot_find(table, key, length, hash_bytes(key, length))->value;
}

guint score_key_table_take(ScoreKeyTable *table, const char *key, gsize length)
{
  if (table->size == 0)
    return 0;
  Slot *slot = slot_find(table, key, length, hash_bytes(key, length));
  guint value = slot->value;
  slot->value = 0;
  table->size -= value != 0 ? 1 : 0;
  return value;
}

guint score_key_table_size(const ScoreKeyTable *table)
{
  return table->size;
}
