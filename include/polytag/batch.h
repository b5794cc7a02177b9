// Batch tagging of JSONL records: the engine behind `polytag batch`.
//
// Input: one JSON object per line, {"id": ..., "text": "..."} ("id" may be a string,
// a number or absent; a number comes back as the string it is written as, but "-0" as
// "0"). Output: exactly one JSON line per input line, in input order:
// the document's tags (ToJson) or {"id": ..., "error": "..."} when the record could
// not be tagged (not JSON, no string "text", invalid UTF-8, over the size limit). A
// failed record never stops the run. When the tagger repairs invalid UTF-8
// (TaggerOptions::repair_invalid_utf8), a line holding some is repaired as a whole and
// tagged: offsets then refer to its repaired text.
//
// Exactly one output line per input line, in order, whatever fails: a line with no
// trailing newline is still a record, an empty line is an error record, a line over
// `max_line_bytes` is an error record that is never held in memory whole.
//
// The input is streamed: the records in flight (read, not yet written) are at most
// `threads` x `chunk_records` lines and about `max_buffered_bytes` of input, plus their
// outputs, whatever the input's length. The threads live for the whole run: while some
// tag, one reads ahead and one writes out what is finished, in order.
#ifndef POLYTAG_BATCH_H_
#define POLYTAG_BATCH_H_

#include <cstddef>
#include <istream>
#include <ostream>

#include "absl/status/statusor.h"
#include "polytag/export.h"
#include "polytag/report.h"
#include "polytag/tagger.h"

namespace polytag {

// The bounds of BatchOptions::threads and chunk_records. The ring of record slots,
// threads x chunk_records of them, is allocated when the run starts: these keep it
// within a few tens of megabytes, and the product far from overflowing.
inline constexpr int kMaxBatchThreads = 256;
inline constexpr size_t kMaxBatchChunkRecords = 1024;

struct BatchOptions {
  // Worker threads that tag in parallel, 1 to kMaxBatchThreads; output order is input
  // order whatever this is.
  int threads = 1;

  // Records in flight per thread (read, not yet written), 1 to kMaxBatchChunkRecords;
  // bounds memory.
  size_t chunk_records = 64;

  // Reading stops taking lines once the lines in flight reach this many bytes (it always
  // takes one when none is in flight), so a run of huge records cannot multiply memory
  // by the number of records in flight.
  size_t max_buffered_bytes = 64 << 20;

  // An input line longer than this gets an error record without being parsed, and only
  // its first few kilobytes are kept (to recover the "id"). 0 means 6 x the tagger's
  // max_document_bytes + 64 KiB: the longest a record whose text is within the
  // document limit can be, even with every character written as a \uXXXX escape.
  size_t max_line_bytes = 0;

  // How each output line is written (pretty is ignored: JSONL is one line a record).
  ReportOptions report;
};

struct BatchStats {
  size_t records = 0;  // input lines, including failed ones
  size_t tagged = 0;
  size_t failed = 0;
};

// Reads records from `in` until end of input and writes one line per record to `out`,
// flushing `out` after each line. Returns an error only when the streams themselves
// fail: kUnavailable when writing fails (a closed output pipe, a full disk; the message
// says how many whole lines were written, which are the first records' lines, and
// whether part of the next line may follow them), kDataLoss when reading fails (once
// the records read before the failure have been written); kInvalidArgument for options
// out of their range, before anything is read or written. Record errors are counted in
// BatchStats and written as error lines.
POLYTAG_EXPORT
absl::StatusOr<BatchStats> RunBatch(const Tagger& tagger, std::istream& in,
                                    std::ostream& out, const BatchOptions& options);

}  // namespace polytag

#endif  // POLYTAG_BATCH_H_
