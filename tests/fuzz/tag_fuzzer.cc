// Fuzzes tagging arbitrary bytes with the default lexicons, refusing invalid UTF-8 and
// repairing it, and checks what every result promises: spans inside the text, in order,
// and a report that is valid JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "polytag/polytag.h"

namespace {

const polytag::Tagger& MakeTagger(bool repair) {
  polytag::TaggerOptions options;
  options.repair_invalid_utf8 = repair;
  // Leaked on purpose: the fuzzer never returns from its loop, and a static unique_ptr
  // would be destroyed while other statics it uses are already gone.
  static const polytag::Tagger* strict = polytag::Tagger::CreateDefault().value().release();
  static const polytag::Tagger* repairing = polytag::Tagger::CreateDefault(options).value().release();
  return repair ? *repairing : *strict;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckSpan(polytag::Span s, size_t size) { Check(s.begin <= s.end && s.end <= size); }

void TagAndCheck(const polytag::Tagger& tagger, std::string_view text) {
  absl::StatusOr<polytag::DocumentTags> tags = tagger.Tag(text);
  if (!tags.ok()) {
    Check(!tagger.options().repair_invalid_utf8);
    Check(tags.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  const std::string_view tagged = tags->repaired_text.empty() ? text : std::string_view(tags->repaired_text);
  size_t previous_end = 0;
  for (const polytag::ParagraphTags& p : tags->paragraphs) {
    CheckSpan(p.span, tagged.size());
    Check(p.span.begin >= previous_end);
    previous_end = p.span.end;
    for (const polytag::Span& s : p.sentences) CheckSpan(s, tagged.size());
    for (const polytag::ThemeTag& t : p.themes)
      for (const polytag::ThemeHit& h : t.hits) CheckSpan(h.span, tagged.size());
  }
  const std::string json = polytag::ToJson(tagger, *tags, text, "fuzz");
  Check(nlohmann::json::accept(json));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  TagAndCheck(MakeTagger(false), text);
  TagAndCheck(MakeTagger(true), text);
  return 0;
}
