// Reading JSON Lines input (corpora, labels, paragraphs) record by record.
#ifndef POLYTAG_LIB_JSONL_H_
#define POLYTAG_LIB_JSONL_H_

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "utf8.h"
#include "string_views.h"

namespace polytag::internal {

// Where and why nlohmann's reader stopped: its own message quotes the whole token it
// stopped in, which for a long text is the whole text.
struct JsonErrorPlace : nlohmann::json_sax<nlohmann::json> {
  size_t byte = 0;
  std::string what;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    byte = position;
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error
    // while parsing object - unexpected '}'; expected string literal": the part after
    // the place.
    what = e.what();
    if (const size_t colon = what.find(": "); colon != std::string::npos) what.erase(0, colon + 2);
    if (const size_t token = what.find("; last read: "); token != std::string::npos) what.erase(token);
    return false;
  }
};

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
    // What is wrong with a line, said apart: "not a JSON object" for a line that is not
    // JSON at all sent people looking for the wrong mistake.
    // Invalid UTF-8 never parses, so only a line that does not is searched for it.
    auto bad = [&](auto... what) { return absl::InvalidArgumentError(absl::StrCat(AV(source), ":", n, ": ", what...)); };
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded()) {
      if (const size_t at = FindInvalidUtf8(line); at != std::string_view::npos)
        return bad("invalid UTF-8 at byte ", at + 1, " of the line; convert the file to UTF-8");
      JsonErrorPlace error;
      nlohmann::json::sax_parse(line, &error);
      return bad("not valid JSON (", error.what, " at byte ", error.byte, " of the line)");
    }
    if (!record.is_object()) return bad("not a JSON object");
    if (absl::Status s = fn(n, record); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_JSONL_H_
