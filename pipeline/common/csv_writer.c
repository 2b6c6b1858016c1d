/* Placeholder until the CSV writer lands. */
#include "common/csv_writer.h"
