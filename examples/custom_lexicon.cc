// Plugging a lexicon in from code: a newsroom adds its own "space_security" theme
// beside the built-in lexicons and tags a short text.
#include <iostream>

#include "polytag/polytag.h"

int main() {
  polytag::Lexicon desk("desk-themes", "1.0", polytag::LexiconKind::kThemes);
  for (const char* pattern : {"anti-satellite", "orbital debris", "space force", "satellite*"}) {
    polytag::LexiconEntry entry;
    entry.pattern = pattern;
    entry.category = "space_security";
    if (absl::Status s = desk.AddEntry(entry); !s.ok()) {
      std::cerr << s << "\n";
      return 1;
    }
  }
  std::vector<polytag::Lexicon> lexicons = polytag::DefaultLexicons();
  lexicons.push_back(desk);
  auto tagger = polytag::Tagger::Create(std::move(lexicons));
  if (!tagger.ok()) {
    std::cerr << tagger.status() << "\n";
    return 1;
  }
  const std::string text =
      "Orbital Tensions\n\n"
      "An anti-satellite test last week scattered orbital debris across busy orbits, and "
      "officials warned it could escalate an arms race in space. However, talks on a "
      "voluntary moratorium offer a real opportunity to reduce the danger.\n";
  absl::StatusOr<polytag::DocumentTags> tags = (*tagger)->Tag(text);
  if (!tags.ok()) {
    std::cerr << tags.status() << "\n";
    return 1;
  }
  for (const polytag::ParagraphTags& p : tags->paragraphs) {
    std::cout << "paragraph " << p.index << " (" << polytag::ParagraphKindName(p.kind)
              << "): " << polytag::StanceLabelName(p.stance.label) << "\n";
    for (const polytag::ThemeTag& t : p.themes) {
      std::cout << "  " << t.id << " " << t.score << ":";
      for (const polytag::ThemeHit& h : t.hits)
        std::cout << " \"" << text.substr(h.span.begin, h.span.end - h.span.begin) << "\"";
      std::cout << "\n";
    }
  }
  return 0;
}
