// What tagging a document returns: plain values that refer to the caller's text by
// UTF-8 byte offsets, and to the lexicons' strings (entry terms, lexicon names, theme
// ids) by views.
//
// Lifetimes. The viewed strings are the Tagger's, held in one block that every
// DocumentTags it fills shares (DocumentTags::lexicon_strings): a DocumentTags, and
// any copy of it, outlives the Tagger that filled it, views and all. A ThemeHit,
// StanceCue, ThemeTag or DocumentTheme copied out on its own views strings that live
// while the Tagger, or some DocumentTags it filled, does; to keep one longer, copy
// its strings (std::string(hit.term)). Views rather than copies because copying every
// hit's and cue's term into its result cost 8 to 12% of the time of tagging news
// articles (docs/performance.md).
#ifndef POLYTAG_TAGS_H_
#define POLYTAG_TAGS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "polytag/export.h"

namespace polytag {

// A half-open range [begin, end) of UTF-8 byte offsets into the tagged text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return begin >= end; }
  bool operator==(const Span& o) const { return begin == o.begin && end == o.end; }
};

enum class ParagraphKind { kHeading, kBody };
enum class StanceLabel { kRisk, kOpportunity, kMixed, kNeutral };
enum class Polarity { kRisk, kOpportunity };

// "heading"/"body", "risk"/"opportunity"/"mixed"/"neutral", "risk"/"opportunity".
POLYTAG_EXPORT std::string_view ParagraphKindName(ParagraphKind kind);
POLYTAG_EXPORT std::string_view StanceLabelName(StanceLabel label);
POLYTAG_EXPORT std::string_view PolarityName(Polarity polarity);

// One match of a theme entry: evidence for a theme.
struct ThemeHit {
  Span span;                 // the matched words in the text
  std::string_view term;     // the lexicon entry that matched, as written in the lexicon
  std::string_view lexicon;  // the name of the lexicon that holds the entry
  double weight = 0;         // what this hit added to the theme's score
};

// Why a stance cue's weight differs from its lexicon weight: a bit set of the rules
// that applied, in the order the scorer applies them.
enum CueModifier : uint32_t {
  kNegated = 1u << 0,        // inside a negator's scope: counted for the other side
  kHedged = 1u << 1,         // near a hedge: weakened
  kIntensified = 1u << 2,    // after an intensifier: strengthened
  kDiminished = 1u << 3,     // after a diminisher: weakened
  kAfterContrast = 1u << 4,  // in the clause after a contrast marker: strengthened
  kBeforeContrast = 1u << 5, // in the clause a contrast marker sets aside: weakened
  kConcession = 1u << 6,     // inside a concessive clause ("despite ..."): weakened
  kReportedCriticism = 1u << 7,  // an opportunity claim that critics dispute: counted for risk
  kHarmed = 1u << 8,         // a good thing being harmed ("undermine stability"): counted for risk
  kUnsupported = 1u << 9,    // an event word with no framing cue of its side beside it: counts 0
};

// One stance cue as it counted.
struct StanceCue {
  Span span;
  std::string_view term;    // the lexicon entry, as written
  // The side the cue counted for after negation: a negated risk cue counts for
  // opportunity. `lexicon_polarity` is the side the lexicon lists it under.
  Polarity polarity = Polarity::kRisk;
  Polarity lexicon_polarity = Polarity::kRisk;
  double lexicon_weight = 0;  // its weight in the lexicon
  double weight = 0;          // after negation, hedging, contrast and intensity
  uint32_t modifiers = 0;     // CueModifier bits
  // The entry that made the cue, indexed among the Tagger's entries: each lexicon's
  // entries (Lexicon::entries()) in order, after those of the lexicons before it
  // (Tagger::lexicons()). Entries of different roles with one pattern make cues that
  // differ only in this (and lexicon_polarity).
  uint32_t entry = 0;
  // Each rule that applied and the word that triggered it, in the order applied.
  struct AppliedRule {
    CueModifier rule;
    Span by;
  };
  // A vector that holds up to two rules in place: nearly every cue has none, one or
  // two (in news text more than 99%), and a heap block per cue with a rule was up to
  // a sixth of the allocations of a new result.
  using AppliedRules = absl::InlinedVector<AppliedRule, 2>;
  AppliedRules rules;

  bool negated() const { return modifiers & kNegated; }
  bool hedged() const { return modifiers & kHedged; }
};

// How a text frames what it describes.
struct Stance {
  StanceLabel label = StanceLabel::kNeutral;
  double score = 0;        // in [-1, 1]: negative leans risk, positive opportunity
  double risk = 0;         // summed weight of the cues that counted for risk
  double opportunity = 0;  // summed weight of the cues that counted for opportunity
  std::vector<StanceCue> cues;  // in text order (empty in aggregates)
};

// A theme present in a paragraph.
struct ThemeTag {
  std::string_view id;
  double score = 0;             // summed hit weights; at least the theme threshold
  std::vector<ThemeHit> hits;   // in text order
  // The stance of the sentences of the paragraph that carry this theme.
  StanceLabel stance = StanceLabel::kNeutral;
  double stance_score = 0;
};

struct ParagraphTags {
  size_t index = 0;        // 0-based position in the document
  Span span;               // the paragraph's text, without surrounding blank lines
  ParagraphKind kind = ParagraphKind::kBody;
  // The title of the nearest heading above (for a heading, its own), without
  // Markdown '#' marks: a span of the text like the others, so that a document of many
  // short paragraphs under one long heading does not copy the title into each of
  // them. Empty (begin == end) when there is none.
  Span section;
  std::vector<Span> sentences;    // in text order; a heading is one sentence
  std::vector<ThemeTag> themes;   // highest score first, then by id
  Stance stance;                  // headings are tagged too; aggregates skip them
};

// A theme over the whole document.
struct DocumentTheme {
  std::string_view id;
  double score = 0;     // summed paragraph scores
  int paragraphs = 0;   // how many paragraphs carry the theme
  double share = 0;     // paragraphs / all paragraphs of the document
  StanceLabel stance = StanceLabel::kNeutral;  // over the sentences that carry it
};

struct DocumentTags {
  std::vector<ParagraphTags> paragraphs;
  // Most paragraphs first, then highest score, then id.
  std::vector<DocumentTheme> themes;
  // Over all body paragraphs (headings too when the document has no body), without
  // cues.
  Stance stance;
  // When TaggerOptions::repair_invalid_utf8 replaced bad bytes, or when the text tagged
  // was (part of) this result's own repaired_text, the text the offsets refer to;
  // otherwise empty (offsets refer to the caller's text).
  std::string repaired_text;
  // Owns the strings that the terms, lexicon names and theme ids above view: the
  // filling Tagger's, shared by all its results (see the top of this file). Set by
  // Tagger::Tag; a DocumentTags built by hand may leave it null and view strings of
  // its own.
  std::shared_ptr<const void> lexicon_strings;
};

}  // namespace polytag

#endif  // POLYTAG_TAGS_H_
