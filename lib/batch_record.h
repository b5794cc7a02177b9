// One batch record: reading its input line, and turning it into its output line. The
// runner (batch.cc) decides which thread does which record and when; this is the part
// that does not care.
#ifndef POLYTAG_LIB_BATCH_RECORD_H_
#define POLYTAG_LIB_BATCH_RECORD_H_

#include <cstddef>
#include <istream>
#include <memory>
#include <string>

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

// Parses, tags and serialises one record's line into record->output: the tags, or an
// error line (record->failed) when the line is not a taggable record. The tags are
// built in `tags`, a worker's result reused from record to record.
void TagRecord(const Tagger& tagger, const ReportOptions& report, size_t max_line_bytes, BatchRecord* record,
               DocumentTags* tags);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_BATCH_RECORD_H_
