#include "segment.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>

#include "absl/strings/ascii.h"
#include "normalize.h"
#include "utf8.h"

namespace polytag::internal {
namespace {

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The length of the white-space character that starts at text[i] (before `end`), or
// 0: ASCII white space and every other character Unicode calls White_Space (the
// no-break, em, ideographic and other spaces, which scraped and typeset text pads
// lines and paragraphs with), and the byte order mark, which a document saved by some
// editors opens with. Only these whole, well-formed sequences: a byte that is not
// one stays in its paragraph, where the tokenizer reports it if it is ill-formed.
size_t WhiteSpaceAt(std::string_view text, size_t i, size_t end) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return IsSpaceByte(static_cast<char>(c)) ? 1 : 0;
  const size_t left = end - i;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  if (c == 0xC2) return left >= 2 && (byte(1) == 0x85 || byte(1) == 0xA0) ? 2 : 0;  // U+0085 U+00A0
  if (left < 3) return 0;
  const uint32_t three = uint32_t{c} << 16 | uint32_t{byte(1)} << 8 | byte(2);
  const bool space = three == 0xE19A80                         // U+1680
                     || (three >= 0xE28080 && three <= 0xE2808A)  // U+2000 to U+200A
                     || three == 0xE280A8 || three == 0xE280A9    // U+2028 U+2029
                     || three == 0xE280AF || three == 0xE2819F    // U+202F U+205F
                     || three == 0xE38080                         // U+3000
                     || three == 0xEFBBBF;                        // U+FEFF
  return space ? 3 : 0;
}

// The length of the white-space character (as WhiteSpaceAt) that ends at text[end],
// after `begin`, or 0.
size_t WhiteSpaceBefore(std::string_view text, size_t begin, size_t end) {
  for (size_t n = 1; n <= 3 && n <= end - begin; ++n)
    if (WhiteSpaceAt(text, end - n, end) == n) return n;
  return 0;
}

bool IsBlank(std::string_view line) {
  for (size_t i = 0; i < line.size();) {
    const size_t n = WhiteSpaceAt(line, i, line.size());
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// Next line of text starting at `pos` (inside the text): returns its content (without
// the line end) and moves `pos` past the line end (LF, CRLF or CR). `has_cr` tells
// whether the text holds a CR at all.
std::string_view NextLine(std::string_view text, size_t* pos, bool has_cr) {
  const size_t b = *pos;
  size_t e = b;
  if (!has_cr) {
    // Most texts end lines with LF alone, and memchr finds one fastest; but not an
    // empty line's, which memchr would find only after branches of its own that
    // mispredict (paragraphs and empty lines alternate).
    if (text[b] != '\n') {
      const void* lf = std::memchr(text.data() + b, '\n', text.size() - b);
      e = lf != nullptr ? static_cast<size_t>(static_cast<const char*>(lf) - text.data()) : text.size();
    }
    *pos = e + (e < text.size() ? 1 : 0);
    return text.substr(b, e - b);
  }
#ifdef __SSE2__
  // Lines of news text run to hundreds of bytes: sixteen at a time.
  for (; e + 16 <= text.size(); e += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + e));
    const unsigned ends = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')))));
    if (ends != 0) {
      e += static_cast<size_t>(__builtin_ctz(ends));
      break;
    }
  }
#endif
  while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
  size_t next = e;
  if (next < text.size()) {
    next += (text[next] == '\r' && next + 1 < text.size() && text[next + 1] == '\n') ? 2 : 1;
  }
  *pos = next;
  return text.substr(b, e - b);
}

// The span without the white space (WhiteSpaceAt) at either end.
Span Trim(std::string_view text, Span s) {
  while (s.begin < s.end) {
    const size_t n = WhiteSpaceAt(text, s.begin, s.end);
    if (n == 0) break;
    s.begin += n;
  }
  while (s.end > s.begin) {
    const size_t n = WhiteSpaceBefore(text, s.begin, s.end);
    if (n == 0) break;
    s.end -= n;
  }
  return s;
}

// Whether a line's last visible character ends a sentence; closing quotes and
// brackets are looked through.
char LastSignificant(std::string_view line) {
  size_t e = line.size();
  while (e > 0) {
    const unsigned char c = static_cast<unsigned char>(line[e - 1]);
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') { --e; continue; }
    if (c < 0x80) return static_cast<char>(c);
    // ” ’ » (UTF-8 tails of closing quotes)
    if (e >= 3 && line[e - 3] == '\xE2' && line[e - 2] == '\x80' && (c == 0x9D || c == 0x99)) { e -= 3; continue; }
    if (e >= 2 && line[e - 2] == '\xC2' && c == 0xBB) { e -= 2; continue; }
    // Chinese and Japanese: the closing corner brackets and full-width parenthesis are
    // looked through. The full-width and Arabic question and exclamation marks are
    // told apart from full stops, as the ASCII ones are.
    if (e >= 3) {
      const std::string_view last = line.substr(e - 3, 3);
      if (last == "\u300D" || last == "\u300F" || last == "\uFF09") { e -= 3; continue; }  // 」 』 ）
      if (last == "\uFF01") return '!';
      if (last == "\uFF1F") return '?';
    }
    if (e >= 2 && line.substr(e - 2, 2) == "\u061F") return '?';
    // Every other script's sentence ends and commas (。 ． । ॥ ۔, Armenian, Ethiopic,
    // Myanmar, Mongolian, ...), as UAX #29 classes them.
    size_t b = e - 1;
    while (b > 0 && e - b < 4 && (static_cast<unsigned char>(line[b]) & 0xC0) == 0x80) --b;
    if (WellFormedUtf8Length(line, b) == e - b) {
      const uint8_t flags = SentenceBreakFlags(DecodeUtf8(line, b));
      if (flags & kGapTerminal) return '.';
      if (flags & kGapClause) return ',';
    }
    return static_cast<char>(c);
  }
  return 0;
}

// Whether `line` opens with a label in capitals and a colon ("QUESTION: ", "MR PRICE: ",
// "Q: "): a turn of a transcript, whose question is a speaker's, not a headline's.
bool OpensWithSpeakerLabel(std::string_view line) {
  constexpr size_t kMaxLabel = 48;
  size_t i = 0, capitals = 0;
  for (; i < line.size() && i < kMaxLabel; ++i) {
    const char c = line[i];
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      ++capitals;
    } else if (c != ' ' && c != '.' && c != '\'' && c != '-') {
      break;
    }
  }
  return capitals > 0 && i + 1 < line.size() && line[i] == ':' && line[i + 1] == ' ';
}

// Whether the last word of `line` is a web address: "Details are at www.example.org",
// "The report: https://...". The address stands where the sentence's stop would,
// and no headline ends in one.
bool EndsWithWebAddress(std::string_view line) {
  size_t e = line.size();
  while (e > 0 && IsSpaceByte(line[e - 1])) --e;
  size_t b = e;
  while (b > 0 && !IsSpaceByte(line[b - 1])) --b;
  const std::string_view word = line.substr(b, e - b);
  auto starts = [word](std::string_view prefix) { return word.substr(0, prefix.size()) == prefix; };
  return starts("http://") || starts("https://") || starts("www.");
}

// Bit k of each mask is about p[k], of which 64 bytes are read.
struct TitleMasks {
  uint64_t separator = 0;  // space or tab
  uint64_t space = 0;
  uint64_t upper = 0;  // A-Z
};
TitleMasks LoadTitleMasks(const char* p) {
  TitleMasks m;
#ifdef __SSE2__
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const auto bits = [k](__m128i x) { return static_cast<uint64_t>(_mm_movemask_epi8(x)) << (16 * k); };
    const __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
    m.space |= bits(space);
    m.separator |= bits(_mm_or_si128(space, _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
    // A range in one signed compare: shift its first byte to -128.
    m.upper |= bits(_mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - 'A'))),
                                   _mm_set1_epi8(static_cast<char>(0x80 + 26))));
  }
#else
  for (int k = 0; k < 64; ++k) {
    const uint64_t bit = uint64_t{1} << k;
    if (p[k] == ' ') m.space |= bit;
    if (p[k] == ' ' || p[k] == '\t') m.separator |= bit;
    if (absl::ascii_isupper(static_cast<unsigned char>(p[k]))) m.upper |= bit;
  }
#endif
  return m;
}

struct TitleWords {
  int words = 0;
  int long_words = 0;   // of four bytes or more, counted to the next space
  int capitalized = 0;  // long words starting with A-Z
};

// The words of `title`, separated by spaces and tabs, counted until more than
// `max_words`; a word's length, which tells a long word, runs to the next space. Bit
// masks of sixty bytes at a time (and four more to see how long the last words are),
// not a loop per word, whose length unseen text mispredicts. `readable`: the bytes from
// title.data() that may be read (at least the title).
TitleWords CountTitleWords(std::string_view title, size_t readable, int max_words) {
  constexpr size_t kStep = 60;
  TitleWords c;
  const size_t n = title.size();
  for (size_t base = 0; base < n && c.words <= max_words; base += kStep) {
    const char* p = title.data() + base;
    char padded[64] = {};
    if (readable - base < 64) {  // the end of the text: read nothing past it
      std::memcpy(padded, p, n - base);
      p = padded;
    }
    const TitleMasks m = LoadTitleMasks(p);
    // Bytes past the title count as spaces.
    const uint64_t in_title = BitsBelow(n - base);
    const uint64_t separator = m.separator | ~in_title;
    const uint64_t non_space = ~m.space & in_title;
    const bool after_separator = base == 0 || title[base - 1] == ' ' || title[base - 1] == '\t';
    const uint64_t starts = ~separator & ((separator << 1) | (after_separator ? 1 : 0)) & BitsBelow(kStep);
    const uint64_t long_starts = starts & non_space & (non_space >> 1) & (non_space >> 2) & (non_space >> 3);
    c.words += __builtin_popcountll(starts);
    c.long_words += __builtin_popcountll(long_starts);
    c.capitalized += __builtin_popcountll(long_starts & m.upper);
  }
  return c;
}

// `text_end`: the end of the text that holds `line`.
bool LooksLikeHeading(std::string_view line, const char* text_end, int max_words, Span* title_offset) {
  size_t b = 0;
  while (b < line.size() && line[b] == '#') ++b;
  const bool markdown = b > 0 && b < line.size() && line[b] == ' ';
  if (!markdown) b = 0;
  while (b < line.size() && line[b] == ' ') ++b;
  title_offset->begin = b;
  title_offset->end = line.size();
  const std::string_view title = line.substr(b);
  if (title.empty()) return false;
  // Cheap tests first: most paragraphs are long and end with a period.
  if (!markdown) {
    const char last = LastSignificant(title);
    if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  }
  const auto [words, long_words, capitalized] =
      CountTitleWords(title, static_cast<size_t>(text_end - title.data()), max_words);
  if (words > max_words) return false;
  if (markdown) return true;
  const unsigned char first = static_cast<unsigned char>(title[0]);
  // Non-ASCII first letters (É, Ö, Ж) may start headings too.
  if (!(absl::ascii_isupper(first) || absl::ascii_isdigit(first) || first >= 0x80 ||
        first == '"'))
    return false;
  const char last = LastSignificant(title);
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  if (EndsWithWebAddress(title)) return false;
  if (last == '?' || last == '!')
    return long_words > 0 && capitalized * 2 > long_words && !OpensWithSpeakerLabel(title);
  return true;
}

// A word of up to eight bytes as an integer, its bytes as LoadWord() reads them and the
// rest zero; a longer word as all ones, which no word of up to eight bytes is (folded
// words hold no 0xFF byte). `word` lies in `within`: when eight bytes from its start
// do too (for all words but the last few), one load serves, without a loop over the
// word's bytes, whose length unseen text mispredicts.
uint64_t WordKey(std::string_view word, std::string_view within) {
  uint64_t key;
  if (word.data() + 8 <= within.data() + within.size()) {
    key = FirstBytes(LoadWord(word.data()), static_cast<ptrdiff_t>(word.size()));
  } else {
    char padded[8] = {};
    std::memcpy(padded, word.data(), std::min<size_t>(word.size(), 8));
    key = LoadWord(padded);
  }
  return word.size() > 8 ? ~uint64_t{0} : key;
}

// A set of words of at most eight bytes each, keyed by WordKey(): a look-up is a
// binary search over a few dozen integers, without hashing the word.
class ShortWords {
 public:
  explicit ShortWords(std::initializer_list<std::string_view> words) {  // not empty
    for (std::string_view w : words) keys_.push_back(WordKey(w, w));
    std::sort(keys_.begin(), keys_.end());
  }
  // LastAtMost, not a branch per comparison: the words asked about are unseen text's.
  bool contains(uint64_t word_key) const { return *LastAtMost(keys_.data(), keys_.size(), word_key) == word_key; }

 private:
  std::vector<uint64_t> keys_;
};

const ShortWords& NoStopAfter() {
  // Titles and abbreviations after which a period rarely ends a sentence.
  static const auto* set = new ShortWords{
      "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "cmdr", "adm", "maj",
      "sgt", "sen", "rep", "gov", "pres", "amb", "hon", "rev", "st", "jr", "sr", "no",
      "nos", "vs", "v", "etc", "inc", "ltd", "co", "corp", "dept", "approx", "fig",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "e.g", "i.e", "cf", "al", "ft", "mt"};
  return *set;
}

const ShortWords& SentenceOpeners() {
  // After "U.S."-style abbreviations, which often end a sentence and as often sit
  // inside a name ("U.S. Congress"), only these words start a new one.
  static const auto* set = new ShortWords{
      "the", "this", "that", "these", "those", "it", "its", "he", "she", "we", "they",
      "i", "in", "but", "however", "and", "a", "an", "there", "our", "his", "her",
      "their", "as", "at", "on", "for", "if", "when", "while", "after", "before", "yet",
      "so", "both", "many", "some", "such", "to", "with", "what", "why", "how"};
  return *set;
}

// Whether the word at text[b] starts with a letter of a script without capitals
// (Chinese, Japanese, Korean, Arabic, Hebrew, Devanagari, Thai, ...), which may open a
// sentence as a capital does in a script that has them.
bool StartsUncased(std::string_view text, size_t b) {
  if (static_cast<unsigned char>(text[b]) < 0x80) return false;
  const char32_t c = DecodeUtf8(text, b);
  return u_isalpha(static_cast<UChar32>(c)) && !u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CASED);
}

}  // namespace

void SegmentParagraphs(std::string_view text, int max_heading_words,
                       std::vector<ParagraphSegment>* out) {
  size_t pos = 0;
  size_t para_begin = std::string_view::npos, para_end = 0;
  int lines = 0;
  const bool has_cr = text.find('\r') != std::string_view::npos;
  auto flush = [&] {
    if (para_begin == std::string_view::npos) return;
    ParagraphSegment seg;
    seg.span = Trim(text, {para_begin, para_end});
    if (seg.span.begin < seg.span.end) {
      Span t;
      if (lines == 1 && LooksLikeHeading(text.substr(seg.span.begin, seg.span.end - seg.span.begin),
                                         text.data() + text.size(), max_heading_words, &t)) {
        seg.heading = true;
        seg.title = {seg.span.begin + t.begin, seg.span.begin + t.end};
      }
      out->push_back(seg);
    }
    para_begin = std::string_view::npos;
    lines = 0;
  };
  while (pos < text.size()) {
    const size_t line_begin = pos;
    const std::string_view line = NextLine(text, &pos, has_cr);
    if (IsBlank(line)) {
      flush();
      continue;
    }
    if (para_begin == std::string_view::npos) {
      para_begin = line_begin;
    }
    para_end = line_begin + line.size();
    ++lines;
  }
  flush();
}

namespace {

// Whether token i, which follows a stop (kGapTerminal) inside its paragraph (i is not
// the paragraph's first word), opens a sentence.
bool OpensSentence(std::string_view text, const Token* tk, size_t i, std::string_view folded) {
  const Token& t = tk[i];
  const Token& prev = tk[i - 1];
  // What stands right after the previous word: a period directly after it may be an
  // abbreviation's; "?" or "!" always ends a sentence.
  const char after_prev = prev.end < text.size() ? text[prev.end] : 0;
  const bool starts_like_sentence = t.capitalized || absl::ascii_isdigit(static_cast<unsigned char>(text[t.begin])) ||
                                    StartsUncased(text, t.begin);
  if (!starts_like_sentence) return false;
  if (after_prev == '.') {
    const std::string_view prev_word = folded.substr(prev.fold_begin, prev.fold_len);
    if (NoStopAfter().contains(WordKey(prev_word, folded))) return false;
    const bool initial = prev.end - prev.begin == 1 && prev.capitalized;
    if (initial) return false;
    const std::string_view word = folded.substr(t.fold_begin, t.fold_len);
    if (prev_word.find('.') != std::string_view::npos && !SentenceOpeners().contains(WordKey(word, folded))) return false;
  }
  return true;
}

// From token i on, the first token that follows a stop (when `stops` is kGapTerminal;
// 0 finds none) or that begins at or past byte `end`, or n. Most words follow no stop
// and lie inside the paragraph: they are skipped four at a time, and the one found
// among four by a bit scan, since stepping to it word by word mispredicts on unseen
// text. Token begins ascend, so the last of four tells for all of them whether they
// lie before `end`.
inline size_t NextStopOrEnd(const Token* tk, size_t i, size_t n, uint8_t stops, size_t end) {
  const auto hit = [tk, stops, end](size_t k) {
    return static_cast<unsigned>(((tk[k].gap & stops) != 0) | (tk[k].begin >= end));
  };
  while (i + 4 <= n && tk[i + 3].begin < end && !((tk[i].gap | tk[i + 1].gap | tk[i + 2].gap | tk[i + 3].gap) & stops))
    i += 4;
  if (i + 4 <= n) return i + static_cast<size_t>(__builtin_ctz(hit(i) | hit(i + 1) << 1 | hit(i + 2) << 2 | hit(i + 3) << 3));
  while (i < n && !hit(i)) ++i;  // the last few words
  return i;
}

// Calls on_start(i) for each token i after `first` (the first word of a paragraph,
// which opens a sentence) that opens a sentence, up to the first token that begins at
// or past byte `end`, and returns that token's index (or n). `stops`: as for
// NextStopOrEnd; 0 for a heading, which is one sentence.
template <typename OnStart>
size_t SentenceStartsAfter(std::string_view text, const Token* tk, size_t first, size_t n, uint8_t stops,
                           size_t end, std::string_view folded, OnStart on_start) {
  size_t i = NextStopOrEnd(tk, first + 1, n, stops, end);
  for (; i < n && tk[i].begin < end; i = NextStopOrEnd(tk, i + 1, n, stops, end))
    if (OpensSentence(text, tk, i, folded)) on_start(i);
  return i;
}

}  // namespace

void SegmentSentences(std::string_view text, absl::Span<const Token> tokens,
                      std::string_view folded, std::vector<uint32_t>* sentence_starts) {
  if (tokens.empty()) return;
  sentence_starts->push_back(0);
  // Read through a pointer: the push_back below could alias `tokens` for all the
  // compiler knows, which would reload its bounds at every word.
  const Token* const tk = tokens.data();
  const size_t n = tokens.size();
  SentenceStartsAfter(text, tk, 0, n, kGapTerminal, SIZE_MAX, folded,
                      [sentence_starts](size_t i) { sentence_starts->push_back(static_cast<uint32_t>(i)); });
}

void SegmentDocumentSentences(std::string_view text, const std::vector<ParagraphSegment>& paragraphs,
                              absl::Span<const Token> tokens, std::string_view folded, DocumentSentences* out) {
  const size_t num_paragraphs = paragraphs.size();
  out->words.resize(num_paragraphs);
  out->sentence_begin.resize(num_paragraphs + 1);
  out->sentence_starts.clear();
  out->sentence_start.assign(tokens.size(), false);
  const Token* const tk = tokens.data();
  const size_t n = tokens.size();
  // One pass over the words finds where each paragraph's words end and where its
  // sentences start: every word lies inside a paragraph (only white space is outside
  // them), so a paragraph's words are those from the previous paragraph's end that
  // begin before its own end. (A search per paragraph for its end cost more than this
  // pass.)
  size_t i = 0;
  for (size_t p = 0; p < num_paragraphs; ++p) {
    const ParagraphSegment& seg = paragraphs[p];
    const size_t first = i;
    out->sentence_begin[p] = static_cast<uint32_t>(out->sentence_starts.size());
    if (i < n && tk[i].begin < seg.span.end) {
      out->sentence_starts.push_back(0);
      out->sentence_start[i] = true;
      // A heading is one sentence: only its end is looked for.
      i = SentenceStartsAfter(text, tk, first, n, seg.heading ? 0 : kGapTerminal, seg.span.end, folded,
                              [out, first](size_t k) {
                                out->sentence_starts.push_back(static_cast<uint32_t>(k - first));
                                out->sentence_start[k] = true;
                              });
    }
    out->words[p] = {static_cast<uint32_t>(first), static_cast<uint32_t>(i)};
  }
  out->sentence_begin[num_paragraphs] = static_cast<uint32_t>(out->sentence_starts.size());
}

}  // namespace polytag::internal
