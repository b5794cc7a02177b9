// Fuzzes the batch's two readers of a record line (lib/batch_record.h): simdjson's,
// which takes the common records, may never change what a line gives. Whatever the
// line, TagRecord must write the same output line and verdict with it as with
// nlohmann's reader alone.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "batch_record.h"
#include "polytag/polytag.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Leaked on purpose, like every fuzzer's long-lived state.
  static const polytag::Tagger* tagger = polytag::Tagger::CreateDefault().value().release();
  static auto* parser = new polytag::internal::RecordParser;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  line = line.substr(0, line.find('\n'));  // the reader hands over lines without their '\n'
  polytag::internal::BatchRecord with_simdjson, without;
  for (polytag::internal::BatchRecord* record : {&with_simdjson, &without}) {
    record->line.assign(line);
    record->length = line.size();
  }
  polytag::DocumentTags tags;
  polytag::internal::TagRecord(*tagger, polytag::ReportOptions(), size_t{1} << 20, &with_simdjson, parser, &tags);
  polytag::internal::TagRecord(*tagger, polytag::ReportOptions(), size_t{1} << 20, &without, nullptr, &tags);
  if (with_simdjson.output != without.output || with_simdjson.failed != without.failed) std::abort();
  return 0;
}
