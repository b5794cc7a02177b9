// Paragraphs, headings and sentences.
//
// Paragraphs are separated by blank lines (lines holding only spaces or tabs), with LF,
// CRLF or CR line ends. A paragraph that is a single line of at most
// `max_heading_words` words, starts with a capital letter, a digit or a Markdown '#',
// and does not end like a sentence (. , ; : or 。 । ۔) is a heading:
// "Challenges Ahead", "2. The Talks".
// A single line ending in '?' or '!' is a heading only when it is in title case
// ("When Will They Meet?"), since one-line questions also occur as body text.
#ifndef POLYTAG_LIB_SEGMENT_H_
#define POLYTAG_LIB_SEGMENT_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "polytag/tags.h"
#include "tokenize.h"

namespace polytag::internal {

struct ParagraphSegment {
  Span span;          // trimmed of surrounding white space
  bool heading = false;
  Span title;         // for a heading: its text without Markdown '#' marks
};

void SegmentParagraphs(std::string_view text, int max_heading_words,
                       std::vector<ParagraphSegment>* out);

// Splits a paragraph's words into sentences: appends to `sentence_starts` the index of
// the first token of each sentence (the first is always 0). A sentence ends at . ! ?
// when the next word starts with a capital letter or a digit, unless the word before
// the stop is a title or a common abbreviation ("Mr.", "Gen.", "Jan.") or a single
// initial ("J."); after "U.S."-style abbreviations a sentence ends only when a typical
// sentence opener follows ("U.S. The", not "U.S. Congress"). A letter of a script
// without capitals (Chinese, Korean, Arabic, ...) counts as a capital, and the
// ideographic stops (。 ！ ？) as . ! ?. Line breaks inside a paragraph do not end
// sentences: hard-wrapped text breaks lines anywhere.
void SegmentSentences(std::string_view text, absl::Span<const Token> tokens,
                      std::string_view folded, std::vector<uint32_t>* sentence_starts);

// A document's paragraphs, each with its words and sentences, for tokens found in one
// pass over all of them (Tokenize from the first paragraph's start to the last's end).
struct DocumentSentences {
  // Paragraph i's words are tokens [words[i].first, words[i].second), and its
  // sentences start at sentence_starts[sentence_begin[i], sentence_begin[i + 1]),
  // indices among its own words.
  std::vector<std::pair<uint32_t, uint32_t>> words;
  std::vector<uint32_t> sentence_begin;
  std::vector<uint32_t> sentence_starts;
  // Per token of the document: whether it opens a sentence (Matcher::Find). Each
  // paragraph's first word does, so no phrase runs from one paragraph into the next.
  std::vector<bool> sentence_start;
};

// Fills `out` for `paragraphs` (SegmentParagraphs) and `tokens`: each paragraph's
// sentences as SegmentSentences finds them; a heading is one sentence.
void SegmentDocumentSentences(std::string_view text, const std::vector<ParagraphSegment>& paragraphs,
                              absl::Span<const Token> tokens, std::string_view folded, DocumentSentences* out);

// The last of sorted[0, n) (n >= 1) that is at most `key`, or sorted[0] when none is.
// Its steps depend on n only (the comparison selects, it does not branch), so it
// never mispredicts on the keys of unseen text.
template <typename T>
inline const T* LastAtMost(const T* sorted, size_t n, T key) {
  const T* base = sorted;
  for (size_t len = n; len > 1;) {
    const size_t half = len / 2;
    base = base[half] <= key ? base + half : base;
    len -= half;
  }
  return base;
}

// The sentence that holds token `t`, given SegmentSentences' `sentence_starts` (not
// empty). A search, not a per-token table: paragraphs have few sentences, and scoring
// asks only about the tokens of its matches.
inline uint32_t SentenceOf(const uint32_t* sentence_starts, size_t num_sentences, uint32_t t) {
  return static_cast<uint32_t>(LastAtMost(sentence_starts, num_sentences, t) - sentence_starts);
}
inline uint32_t SentenceOf(const std::vector<uint32_t>& sentence_starts, uint32_t t) {
  return SentenceOf(sentence_starts.data(), sentence_starts.size(), t);
}

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_SEGMENT_H_
