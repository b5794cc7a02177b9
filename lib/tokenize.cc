#include "tokenize.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "normalize.h"
#include "utf8.h"

namespace polytag::internal {
namespace {

// Word_Break classes, reduced to what the rules below distinguish.
enum Class : uint8_t {
  kOther,
  kLetter,     // ALetter, Hebrew_Letter, other alphabetic scripts
  kDigit,      // Numeric
  kMidNumLet,  // . ’ ' and friends: inside words between letters or digits
  kMidLetter,  // · and friends: inside words between letters
  kMidNum,     // , ; between digits
  kJoin,       // ExtendNumLet: '_'
  kExtend,     // Extend, Format, ZWJ: attach to the previous character
  kKatakana,
  kIdeograph,  // Han, Hiragana: one word each
};

constexpr std::array<Class, 128> MakeAsciiTable() {
  std::array<Class, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['.'] = kMidNumLet;
  t['\''] = kMidNumLet;
  t[','] = kMidNum;
  t[';'] = kMidNum;
  t['_'] = kJoin;
  return t;
}
constexpr std::array<Class, 128> kAsciiClass = MakeAsciiTable();

Class ClassifyNonAscii(char32_t c) {
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER:
    case U_WB_HEBREW_LETTER:
      return kLetter;
    case U_WB_NUMERIC:
      return kDigit;
    case U_WB_MIDNUMLET:
    case U_WB_SINGLE_QUOTE:
      return kMidNumLet;
    case U_WB_MIDLETTER:
      return kMidLetter;
    case U_WB_MIDNUM:
      return kMidNum;
    case U_WB_EXTENDNUMLET:
      return kJoin;
    case U_WB_EXTEND:
    case U_WB_FORMAT:
    case U_WB_ZWJ:
      return kExtend;
    case U_WB_KATAKANA:
      return kKatakana;
    default:
      break;
  }
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return kIdeograph;
  UErrorCode status = U_ZERO_ERROR;
  if (uscript_getScript(c, &status) == USCRIPT_HIRAGANA) return kIdeograph;
  // Thai, Lao, Khmer and the like have no UAX #29 word rules of their own (ICU uses
  // dictionaries); keeping their runs whole is the closest simple behaviour.
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return kLetter;
  return kOther;
}

struct Cursor {
  std::string_view text;
  size_t end;
  // Class and byte length of the code point at i (i < end).
  Class Peek(size_t i, size_t* len, char32_t* cp) const {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      *len = 1;
      *cp = b;
      return kAsciiClass[b];
    }
    size_t j = i;
    *cp = DecodeUtf8(text, j);
    *len = j - i;
    return ClassifyNonAscii(*cp);
  }
};

uint8_t GapFlagsOf(char32_t c) {
  switch (c) {
    case ',': case ';': case ':': case '(': case ')': case '[': case ']':
    case 0x2013: case 0x2014: case 0x2015:  // en dash, em dash, horizontal bar
      return kGapClause;
    case '.': case '!': case '?': case 0x2026:  // ellipsis
      return kGapTerminal;
    case '\n': case '\r':
      return kGapNewline;
    default:
      return 0;
  }
}

bool Joinable(Class prev, Class mid, Class next) {
  if (mid == kMidNumLet) return (prev == kLetter && next == kLetter) || (prev == kDigit && next == kDigit);
  if (mid == kMidLetter) return prev == kLetter && next == kLetter;
  if (mid == kMidNum) return prev == kDigit && next == kDigit;
  return false;
}

bool WordChar(Class c) { return c == kLetter || c == kDigit || c == kJoin || c == kKatakana; }

// Drops a trailing possessive 's or ’s from the word text[b, e).
inline size_t WithoutPossessive(std::string_view text, size_t b, size_t e) {
  if (e - b < 3 || (text[e - 1] != 's' && text[e - 1] != 'S')) return e;
  if (text[e - 2] == '\'') return e - 2;
  if (e - b >= 5 && text.compare(e - 4, 3, "\xE2\x80\x99") == 0) return e - 4;
  return e;
}

// Writes folded words into a string without a size check per byte: the string is
// grown ahead by the input still to read (plenty for ASCII, which never grows when
// folded) and trimmed to what was written when the tokenizer is done.
class FoldSink {
 public:
  explicit FoldSink(std::string* out) : out_(out), pos_(out->size()) {}
  ~FoldSink() { out_->resize(pos_); }
  FoldSink(const FoldSink&) = delete;
  FoldSink& operator=(const FoldSink&) = delete;

  // Room for n bytes at the write position; `ahead` is what else may follow.
  char* Reserve(size_t n, size_t ahead) {
    if (pos_ + n > out_->size()) out_->resize(pos_ + n + ahead + 64);
    return out_->data() + pos_;
  }
  void Advance(size_t n) { pos_ += n; }
  // Folds a word through ICU (non-ASCII words; they may grow when folded).
  void AppendFoldedWord(std::string_view word) {
    out_->resize(pos_);
    AppendFolded(word, out_);
    pos_ = out_->size();
  }
  size_t pos() const { return pos_; }
  const char* data() const { return out_->data(); }

 private:
  std::string* out_;
  size_t pos_;
};

// ASCII bytes between words: their gap flags, and whether a byte starts a word.
constexpr std::array<uint8_t, 128> MakeAsciiGapTable() {
  std::array<uint8_t, 128> t{};
  for (char c : {',', ';', ':', '(', ')', '[', ']'}) t[static_cast<unsigned char>(c)] = kGapClause;
  for (char c : {'.', '!', '?'}) t[static_cast<unsigned char>(c)] = kGapTerminal;
  t['\n'] = t['\r'] = kGapNewline;
  return t;
}
constexpr std::array<uint8_t, 128> kAsciiGap = MakeAsciiGapTable();

bool AsciiWordChar(unsigned char b) {
  const Class c = kAsciiClass[b];
  return c == kLetter || c == kDigit || c == kJoin;
}

// The end of the word that starts at text[i] when the word and the character after it
// are ASCII (almost every word of English news), or 0 to leave the word to the general
// rules. For ASCII the rules reduce to: letters, digits and '_' join; ' . between two
// letters or two digits and , ; between two digits stay inside.
size_t AsciiWordEnd(std::string_view text, size_t i, size_t end) {
  Class prev = kOther;
  size_t j = i;
  while (j < end) {
#ifdef __SSE2__
    // Sixteen bytes at a time while they are letters, digits or '_': one compare
    // per class instead of a branch per byte (most words end within the block).
    if (j + 16 <= text.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + j));
      const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
      const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                          _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      const __m128i word = _mm_or_si128(_mm_or_si128(alpha, digit), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
      const unsigned run = static_cast<unsigned>(__builtin_ctz(~static_cast<unsigned>(_mm_movemask_epi8(word))));
      if (run > 0) {
        const size_t stop = std::min(j + run, end);
        prev = kAsciiClass[static_cast<unsigned char>(text[stop - 1])];
        j = stop;
        if (j >= end) break;
      }
    }
#endif
    const unsigned char b = static_cast<unsigned char>(text[j]);
    if (b >= 0x80) return 0;
    const Class n = kAsciiClass[b];
    if (n == kLetter || n == kDigit || n == kJoin) {
      prev = n;
      ++j;
      continue;
    }
    if ((n == kMidNumLet || n == kMidNum) && j + 1 < end) {
      const unsigned char a = static_cast<unsigned char>(text[j + 1]);
      if (a >= 0x80) return 0;
      if (Joinable(prev, n, kAsciiClass[a])) {
        prev = kAsciiClass[a];
        j += 2;
        continue;
      }
    }
    break;
  }
  return j;
}

}  // namespace

void Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* tokens,
              std::string* folded) {
  Cursor cur{text, end};
  FoldSink sink(folded);
  size_t i = begin;
  uint8_t gap = 0;
  while (i < end) {
    const unsigned char b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      if (!AsciiWordChar(b0)) {
        gap |= kAsciiGap[b0];
        // A spaced hyphen (" - ") separates clauses like a dash does.
        if (b0 == '-' && i > begin && i + 1 < end && text[i - 1] == ' ' && text[i + 1] == ' ')
          gap |= kGapClause;
        ++i;
        continue;
      }
      if (const size_t j = AsciiWordEnd(text, i, end)) {
        const size_t word_end = WithoutPossessive(text, i, j);
        const size_t n = word_end - i;
        // Built in place: a Token assembled on the stack and copied stalls on
        // store forwarding, which cost more than the rest of this loop.
        Token& tok = tokens->emplace_back();
        tok.begin = static_cast<uint32_t>(i);
        tok.end = static_cast<uint32_t>(word_end);
        tok.gap = gap;
        tok.capitalized = b0 >= 'A' && b0 <= 'Z';
        tok.is_ascii = true;
        tok.fold_begin = static_cast<uint32_t>(sink.pos());
        tok.fold_len = static_cast<uint32_t>(n);
        // Sixteen bytes are folded a step and the hash reads eight at a time, both past
        // the word's end: the room reserved covers that, and a space separates words
        // (see tokenize.h).
        char* dst = sink.Reserve(n + 16, end - j);
        const char* src = text.data() + i;
        size_t k = 0;
#ifdef __SSE2__
        for (; k < n && i + k + 16 <= text.size(); k += 16) {
          const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + k));
          const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                              _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
          _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + k),
                           _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8(32))));
        }
#endif
        for (; k < n; ++k) {
          const char c = src[k];
          dst[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        }
        tok.hash = HashPadded(dst, n);
        dst[n] = ' ';
        sink.Advance(n + 1);
        gap = 0;
        i = j;
        continue;
      }
    }
    size_t len;
    char32_t cp;
    Class c = cur.Peek(i, &len, &cp);
    if (!WordChar(c) && c != kIdeograph) {
      if (c != kExtend) gap |= GapFlagsOf(cp);
      i += len;
      continue;
    }
    Token tok;
    tok.begin = static_cast<uint32_t>(i);
    tok.gap = gap;
    gap = 0;
    tok.capitalized = cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : u_isupper(cp);
    size_t j = i + len;
    if (c == kIdeograph) {
      // One ideograph, with any combining marks after it.
      while (j < end) {
        size_t l2; char32_t c2;
        if (cur.Peek(j, &l2, &c2) != kExtend) break;
        j += l2;
      }
    } else {
      Class prev = c;
      while (j < end) {
        // Fast path: ASCII letters and digits continue any word but a Katakana run.
        const unsigned char b = static_cast<unsigned char>(text[j]);
        if (b < 0x80 && (kAsciiClass[b] == kLetter || kAsciiClass[b] == kDigit) && prev != kKatakana) {
          prev = kAsciiClass[b];
          ++j;
          continue;
        }
        size_t l2; char32_t c2;
        Class n = cur.Peek(j, &l2, &c2);
        if (n == kExtend) { j += l2; continue; }
        if (WordChar(n)) {
          if (n == kKatakana && prev != kKatakana && prev != kJoin) break;
          if (prev == kKatakana && n != kKatakana && n != kJoin) break;
          prev = n;
          j += l2;
          continue;
        }
        if ((n == kMidNumLet || n == kMidLetter || n == kMidNum) && j + l2 < end) {
          size_t l3; char32_t c3;
          Class after = cur.Peek(j + l2, &l3, &c3);
          if (Joinable(prev, n, after)) {
            prev = after;
            j += l2 + l3;
            continue;
          }
        }
        break;
      }
    }
    const size_t word_end = WithoutPossessive(text, i, j);
    tok.end = static_cast<uint32_t>(word_end);
    tok.fold_begin = static_cast<uint32_t>(sink.pos());
    const std::string_view word = text.substr(i, word_end - i);
    tok.is_ascii = true;
    for (unsigned char b : word) {
      if (b >= 0x80) { tok.is_ascii = false; break; }
    }
    sink.AppendFoldedWord(word);
    tok.fold_len = static_cast<uint32_t>(sink.pos() - tok.fold_begin);
    tok.hash = HashBytes(sink.data() + tok.fold_begin, tok.fold_len);
    if (tok.fold_len > 0) {  // a word of ignorables folds to nothing
      *sink.Reserve(1, end - j) = ' ';
      sink.Advance(1);
      tokens->push_back(tok);
    }
    i = j;
  }
}

std::vector<std::string> FoldedWords(std::string_view pattern) {
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(pattern, 0, pattern.size(), &tokens, &folded);
  std::vector<std::string> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens) words.emplace_back(folded, t.fold_begin, t.fold_len);
  return words;
}

}  // namespace polytag::internal
