// Fuzzes RunBatch over arbitrary input and checks its promise: exactly one JSON object
// out per line in, each with an "id" and either an "error" or the tags, and counts that
// add up. A small line limit and chunk bring the over-long and chunk-boundary paths
// within the fuzzer's input sizes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "polytag/polytag.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Leaked on purpose, like every fuzzer's long-lived state.
  static const polytag::Tagger* tagger = [] {
    polytag::TaggerOptions options;
    options.max_document_bytes = 200;
    return polytag::Tagger::CreateDefault(options).value().release();
  }();
  const std::string input(reinterpret_cast<const char*>(data), size);
  polytag::BatchOptions options;
  options.chunk_records = 3;
  options.max_buffered_bytes = 256;
  options.max_line_bytes = 512;
  std::istringstream in(input);
  std::ostringstream out;
  absl::StatusOr<polytag::BatchStats> stats = polytag::RunBatch(*tagger, in, out, options);
  Check(stats.ok());

  size_t lines = 0;
  for (size_t i = 0; i < input.size(); ++i) lines += input[i] == '\n';
  if (!input.empty() && input.back() != '\n') ++lines;
  Check(stats->records == lines);
  Check(stats->tagged + stats->failed == lines);

  std::istringstream written(out.str());
  size_t out_lines = 0, failed = 0;
  for (std::string line; std::getline(written, line); ++out_lines) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    Check(j.is_object() && j.contains("id"));
    failed += j.contains("error");
    Check(j.contains("error") != j.contains("document"));
  }
  Check(out_lines == lines);
  Check(failed == stats->failed);
  return 0;
}
