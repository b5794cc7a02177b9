// Fuzzes tagging arbitrary bytes with the default lexicons, refusing invalid UTF-8 and
// repairing it, and checks what every result promises: exactly the ill-formed texts
// refused or repaired, spans inside the text, in order, a report that is valid
// JSON, and the same report from a result reused from input to input.
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

// Whether `text` is well-formed UTF-8 (Unicode's table 3-7), written apart from the
// library, whose tokenizer finds ill-formed text as it decodes: it must refuse, or
// repair, exactly the texts this refuses.
bool WellFormed(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t tail;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) tail = 1;
    else if (c >= 0xE0 && c <= 0xEF) tail = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) tail = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return false;
    if (text.size() - i <= tail) return false;
    for (size_t k = 1; k <= tail; ++k) {
      const unsigned char b = static_cast<unsigned char>(text[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return false;
    }
    i += tail + 1;
  }
  return true;
}

// `reused` holds the result of the input before.
void TagAndCheck(const polytag::Tagger& tagger, std::string_view text, polytag::DocumentTags* reused) {
  absl::StatusOr<polytag::DocumentTags> tags = tagger.Tag(text);
  const absl::Status reused_status = tagger.Tag(text, reused);
  Check(reused_status == tags.status());
  const bool well_formed = WellFormed(text);
  if (!tags.ok()) {
    Check(reused->paragraphs.empty() && reused->themes.empty() && reused->repaired_text.empty());
    Check(!tagger.options().repair_invalid_utf8);
    Check(tags.status().code() == absl::StatusCode::kInvalidArgument);
    Check(!well_formed);
    return;
  }
  Check(well_formed == tags->repaired_text.empty());
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
  Check(polytag::ToJson(tagger, *reused, text, "fuzz") == json);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static polytag::DocumentTags* const strict_result = new polytag::DocumentTags;     // leaked, as the taggers
  static polytag::DocumentTags* const repairing_result = new polytag::DocumentTags;
  TagAndCheck(MakeTagger(false), text, strict_result);
  TagAndCheck(MakeTagger(true), text, repairing_result);
  return 0;
}
