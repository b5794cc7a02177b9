// Batch tagging of JSONL records: the engine behind `polytag batch`.
//
// Input: one JSON object per line, {"id": ..., "text": "..."} ("id" may be a string,
// a number or absent). Output: exactly one JSON line per input line, in input order:
// the document's tags (ToJson) or {"id": ..., "error": "..."} when the record could
// not be tagged (not JSON, no string "text", invalid UTF-8, over the size limit). A
// failed record never stops the run.
//
// The input is streamed: memory grows with `threads` x `chunk_records`, not with the
// input's length.
#ifndef POLYTAG_BATCH_H_
#define POLYTAG_BATCH_H_

#include <cstddef>
#include <istream>
#include <ostream>

#include "absl/status/statusor.h"
#include "polytag/report.h"
#include "polytag/tagger.h"

namespace polytag {

struct BatchOptions {
  // Worker threads that tag in parallel; output order is input order whatever this is.
  int threads = 1;

  // Records read ahead per thread before tagging; bounds memory.
  size_t chunk_records = 64;

  // How each output line is written (pretty is ignored: JSONL is one line a record).
  ReportOptions report;
};

struct BatchStats {
  size_t records = 0;  // input lines, including failed ones
  size_t tagged = 0;
  size_t failed = 0;
};

// Reads records from `in` until end of input and writes one line per record to `out`.
// Returns an error only when the streams themselves fail (for example a closed output
// pipe); record errors are counted in BatchStats and written as error lines.
absl::StatusOr<BatchStats> RunBatch(const Tagger& tagger, std::istream& in,
                                    std::ostream& out, const BatchOptions& options);

}  // namespace polytag

#endif  // POLYTAG_BATCH_H_
