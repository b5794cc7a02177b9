// The built-in lexicons. Their text is lexicons/*.lexicon, embedded at build time
// (cmake/EmbedLexicons.cmake) so that nothing is read from disk at run time.
#include <cstdio>
#include <cstdlib>

#include "polytag/lexicon.h"

namespace polytag {
namespace internal {
extern const char kDefaultThemesLexicon[];
extern const size_t kDefaultThemesLexiconSize;
extern const char kDefaultStanceLexicon[];
extern const size_t kDefaultStanceLexiconSize;
}  // namespace internal

namespace {

const std::vector<Lexicon>& ParsedDefaults() {
  static const std::vector<Lexicon>* const defaults = [] {
    auto* out = new std::vector<Lexicon>;
    const struct { const char* data; size_t size; const char* name; } files[] = {
        {internal::kDefaultThemesLexicon, internal::kDefaultThemesLexiconSize, "<built-in>/default-themes.lexicon"},
        {internal::kDefaultStanceLexicon, internal::kDefaultStanceLexiconSize, "<built-in>/default-stance.lexicon"},
    };
    for (const auto& f : files) {
      absl::StatusOr<Lexicon> lex = Lexicon::Parse(std::string_view(f.data, f.size), f.name);
      if (!lex.ok()) {
        // The test suite parses these files on every build; reaching this line means
        // the library was built from lexicons that never passed it.
        std::fprintf(stderr, "polytag: corrupt built-in lexicon: %s\n", lex.status().ToString().c_str());
        std::abort();
      }
      lex->set_source(f.name);
      out->push_back(std::move(*lex));
    }
    return out;
  }();
  return *defaults;
}

}  // namespace

std::vector<Lexicon> DefaultLexicons() { return ParsedDefaults(); }

}  // namespace polytag
