/* A set of byte-string keys, each with a non-zero value, made for the
 * accepted-invitation matching: filled once with the invitations' keys, then
 * asked about every connection's key, so a lookup must cost little more than
 * one pass over the key. */
#pragma once
#include <glib.h>

typedef struct ScoreKeyTable ScoreKeyTable;

/* Room for about expected_keys keys before it grows. */
ScoreKeyTable *score_key_table_new(guint expected_keys);
void score_key_table_free(ScoreKeyTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreKeyTable, score_key_table_free)

/* Sets key's value (key is copied) and returns the one it replaces, 0 when
 * the key is new. value must not be 0. */
guint score_key_table_put(ScoreKeyTable *table, const char *key, gsize length, guint value);

/* key's value; 0 when it is absent. */
guint score_key_table_get(const ScoreKeyTable *table, const char *key, gsize length);

/* Removes key and returns its value; 0 when it is absent. */
guint score_key_table_take(ScoreKeyTable *table, const char *key, gsize length);

/* The keys in the table. */
guint score_key_table_size(const ScoreKeyTable *table);
