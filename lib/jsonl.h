// Reading JSON Lines input (corpora, labels, paragraphs) record by record.
#ifndef POLYTAG_LIB_JSONL_H_
#define POLYTAG_LIB_JSONL_H_

#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "string_views.h"

namespace polytag::internal {

// Calls `fn(line_number, object)`, which returns absl::Status, for each non-blank line
// of `jsonl`. Stops at the first error of `fn`, or at a line that is not a JSON object,
// naming it "source:line".
template <typename Fn>
absl::Status ForEachJsonRecord(std::string_view jsonl, std::string_view source, Fn fn) {
  size_t pos = 0;
  for (int n = 1; pos < jsonl.size(); ++n) {
    size_t end = jsonl.find('\n', pos);
    if (end == std::string_view::npos) end = jsonl.size();
    const std::string_view line = jsonl.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!record.is_object()) return absl::InvalidArgumentError(absl::StrCat(AV(source), ":", n, ": not a JSON object"));
    if (absl::Status s = fn(n, record); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_JSONL_H_
