/* Placeholder until the CSV reader lands. */
#include "common/csv_reader.h"
