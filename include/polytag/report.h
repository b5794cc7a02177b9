// Writing tags out: the JSON document of docs/polytag-output.schema.json, and a
// readable text table for terminals. Both are deterministic: the same tags give the
// same bytes.
#ifndef POLYTAG_REPORT_H_
#define POLYTAG_REPORT_H_

#include <optional>
#include <string>
#include <string_view>

#include "polytag/export.h"
#include "polytag/tagger.h"
#include "polytag/tags.h"

namespace polytag {

struct ReportOptions {
  // JSON: indent with two spaces instead of one object per line.
  bool pretty = false;

  // JSON: include each theme's evidence hits. The schema requires them; turn them off
  // only for compact downstream feeds.
  bool hits = true;

  // JSON: include every stance cue of each paragraph.
  bool cues = true;

  // Text: after each paragraph, list every hit and cue with the rules that changed its
  // weight, so a reader can see why a paragraph got its labels.
  bool explain = false;
};

// One JSON object for one document. `text` is the text that was tagged (used to quote
// the matched words); `id` is written as "id" when given, else null.
POLYTAG_EXPORT
std::string ToJson(const Tagger& tagger, const DocumentTags& tags, std::string_view text,
                   std::optional<std::string_view> id,
                   const ReportOptions& options = ReportOptions());

// The JSON line for a document that could not be tagged: {"id": ..., "error": ...}.
POLYTAG_EXPORT
std::string ErrorToJson(std::optional<std::string_view> id, std::string_view error);

// A per-paragraph table for a terminal.
POLYTAG_EXPORT
std::string ToText(const Tagger& tagger, const DocumentTags& tags, std::string_view text,
                   std::optional<std::string_view> id,
                   const ReportOptions& options = ReportOptions());

}  // namespace polytag

#endif  // POLYTAG_REPORT_H_
