// One batch record: reading its input line, and turning it into its output line. The
// runner (batch.cc) decides which thread does which record and when; this is the part
// that does not care.
#ifndef POLYTAG_LIB_BATCH_RECORD_H_
#define POLYTAG_LIB_BATCH_RECORD_H_

#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "polytag/report.h"
#include "polytag/tagger.h"

namespace polytag::internal {

struct BatchRecord {
  std::string line;    // the whole line, or its first kOverLongPrefixBytes when too long
  size_t length = 0;   // the line's length in bytes, without the '\n'
  bool too_long = false;
  std::string output;  // the output line, without the '\n'
  bool failed = false;

  // Empties the record for the next line. Keeps the buffers for reuse unless they are
  // big: a 100 MB line or output should not stay pinned for the rest of the run.
  void Clear();
};

// Reads `in` line by line. An enormous line costs time, not memory: of a line longer
// than `max_line_bytes` only a prefix is kept and the rest is read and dropped.
class LineReader {
 public:
  LineReader(std::istream& in, size_t max_line_bytes);

  // Reads the next line (up to '\n', which is consumed and not stored) into `record`'s
  // line, length and too_long. Returns false at the end of the input; the caller tells a
  // failed stream (in.bad()) from the end.
  bool Read(BatchRecord* record);

 private:
  std::istream& in_;
  size_t max_line_bytes_;
  // getline's target: a string resized to a block would zero the block for every line.
  std::unique_ptr<char[]> block_;
};

// Reads the common record with simdjson: an object whose "text" is a string, and whose
// "id", if it has one, is a string or an integer, whatever else it holds. nlohmann's
// reader, which TagRecord falls back on for every other line, took 28 µs a State
// Department statement (5.4 KB a line) where simdjson takes 1.7, against 38 µs to tag
// it: a fifth of a batch run's time. The fallback keeps the verdicts and messages of
// every other line exactly as they were (tests/batch_test.cc and the record fuzzer hold
// the two readers to the same output). Not thread-safe: one per worker, which keeps its
// buffers from line to line.
class RecordParser {
 public:
  // How many bytes past the end of a line Read() may read: they must be readable, and
  // their values do not matter.
  static constexpr size_t kPadding = 64;
  // Longer lines are left to the fallback: simdjson keeps buffers in proportion to the
  // largest line it has read, for as long as it lives.
  static constexpr size_t kMaxLineBytes = size_t{1} << 20;

  struct Fields {
    std::optional<std::string_view> id;
    std::string_view text;
  };

  RecordParser();
  ~RecordParser();
  RecordParser(const RecordParser&) = delete;
  RecordParser& operator=(const RecordParser&) = delete;

  // True when `line` (at most kMaxLineBytes, with kPadding readable bytes after it) is
  // a well-formed JSON object, in valid UTF-8, with a "text" member, every "text" member
  // a string and every "id" member a string or an integer (of a repeated key the last
  // counts, as for the fallback); `fields` then views them, the integer written in
  // decimal, in the parser's buffers until the next Read. False for anything else, and
  // `fields` means nothing.
  bool Read(std::string_view line, Fields* fields);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses, tags and serialises one record's line into record->output: the tags, or an
// error line (record->failed) when the line is not a taggable record. The tags are
// built in `tags`, a worker's result reused from record to record. `parser` reads the
// lines it can (see RecordParser); null leaves every line to nlohmann's reader.
void TagRecord(const Tagger& tagger, const ReportOptions& report, size_t max_line_bytes, BatchRecord* record,
               RecordParser* parser, DocumentTags* tags);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_BATCH_RECORD_H_
