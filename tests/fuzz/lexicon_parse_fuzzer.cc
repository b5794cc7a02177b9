// Fuzzes the native lexicon parser, then compiles and runs what it accepts: a lexicon
// that parses must compile into a Tagger (the only exception: regexes that together
// exceed RE2's memory budget) and tag text without trouble.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "polytag/polytag.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<polytag::Lexicon> lexicon = polytag::Lexicon::Parse(text, "fuzz.lexicon");
  if (!lexicon.ok()) {
    // Every parse error must say where: "fuzz.lexicon:line:column: ...".
    if (lexicon.status().message().substr(0, 13) != "fuzz.lexicon:") std::abort();
    return 0;
  }
  auto tagger = polytag::Tagger::Create({*lexicon});
  if (!tagger.ok()) {
    if (tagger.status().code() != absl::StatusCode::kResourceExhausted) std::abort();
    return 0;
  }
  // Text that holds the lexicon's own patterns gives its matcher something to find.
  std::string sample = "Talks resumed in Geneva, but the risk of escalation is not low.\n\n";
  for (const polytag::LexiconEntry& e : lexicon->entries()) {
    if (sample.size() > 4096) break;
    sample += e.pattern;
    sample += e.line % 3 == 0 ? ".\n\n" : " ";
  }
  if (!(*tagger)->Tag(sample).ok()) std::abort();  // valid UTF-8 within the size limit
  return 0;
}
