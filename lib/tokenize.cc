#include "tokenize.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "cpu_features.h"
#include "normalize.h"
#include "utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
// Windows are classified with AVX-512BW where the processor has it (ClassifyAvx512,
// compiled for it alone); elsewhere with SSE2.
#ifdef POLYTAG_AVX512_KERNELS
#include <immintrin.h>
#endif

namespace polytag::internal {

uint8_t SentenceBreakFlags(char32_t c) {
  switch (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK)) {
    case U_SB_STERM:
    case U_SB_ATERM:
      return kGapTerminal;
    case U_SB_SCONTINUE:
      return kGapClause;
    default:
      return 0;
  }
}

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
  kInvalid,    // a byte that starts no well-formed sequence: the tokenizer stops there
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

// The classes of the characters of a range, and whether each is upper case, looked up
// once: asking ICU for every character cost a tenth of tagging Greek or Cyrillic text.
// The ranges: the characters of two UTF-8 bytes (U+0080 to U+07FF: Latin letters with
// diacritics, Greek, Cyrillic, Armenian, Hebrew, Arabic); the CJK Unified Ideographs
// (U+4E00 to U+9FFF), Hiragana and Katakana, and the punctuation between them (U+3000
// to U+30FF), which Chinese and Japanese text is mostly made of, with the full-width
// forms of its commas, colons and brackets (U+FF00 to U+FFEF); the Hangul syllables
// of Korean (U+AC00 to U+D7AF); and U+0900 to U+1FFF: the scripts of India and
// Southeast Asia (Devanagari, Bengali, Tamil, ..., Thai, Lao, Tibetan, Myanmar, Khmer),
// Georgian, the Hangul jamo, Ethiopic, Mongolian, and the Latin and Greek letters with
// diacritics of Vietnamese and polytonic Greek.
template <char32_t kFirst, char32_t kEnd>
struct ClassTable {
  static bool Holds(char32_t c) { return c >= kFirst && c < kEnd; }
  // For Holds(c) only.
  Class ClassOf(char32_t c) const { return cls[c - kFirst]; }
  bool IsUpper(char32_t c) const { return upper[c - kFirst]; }
  Class cls[kEnd - kFirst];
  bool upper[kEnd - kFirst];
  ClassTable() {
    for (char32_t c = kFirst; c < kEnd; ++c) {
      cls[c - kFirst] = ClassifyNonAscii(c);
      upper[c - kFirst] = u_isupper(c);
    }
  }
  // Made on first use, so that only text with such characters pays for it.
  static const ClassTable& Get() {
    static const ClassTable* const table = new ClassTable;
    return *table;
  }
};
using TwoByteClasses = ClassTable<0x80, 0x800>;
using IdeographClasses = ClassTable<0x4E00, 0xA000>;
using KanaClasses = ClassTable<0x3000, 0x3100>;
using HangulClasses = ClassTable<0xAC00, 0xD7B0>;
using FullWidthClasses = ClassTable<0xFF00, 0xFFF0>;
using IndicToGreekExtendedClasses = ClassTable<0x0900, 0x2000>;

// `lookup(table, c)` in the table that holds `c`, a character of three bytes or more,
// or `otherwise(c)` when none does: one list of the tables for every look-up.
template <typename Lookup, typename Otherwise>
inline auto InWideTable(char32_t c, Lookup lookup, Otherwise otherwise) {
  if (IdeographClasses::Holds(c)) return lookup(IdeographClasses::Get(), c);
  if (KanaClasses::Holds(c)) return lookup(KanaClasses::Get(), c);
  if (HangulClasses::Holds(c)) return lookup(HangulClasses::Get(), c);
  if (FullWidthClasses::Holds(c)) return lookup(FullWidthClasses::Get(), c);
  if (IndicToGreekExtendedClasses::Holds(c)) return lookup(IndicToGreekExtendedClasses::Get(), c);
  return otherwise(c);
}
// Characters of three bytes or more, out of line: the tokenizer's loop, which English
// text keeps to its windows, stays as small as it was.
__attribute__((noinline)) Class ClassOfWide(char32_t c) {
  return InWideTable(c, [](const auto& table, char32_t k) { return table.ClassOf(k); }, ClassifyNonAscii);
}
__attribute__((noinline)) bool IsUpperWide(char32_t c) {
  return InWideTable(c, [](const auto& table, char32_t k) { return table.IsUpper(k); },
                     [](char32_t k) { return static_cast<bool>(u_isupper(k)); });
}
Class ClassOf(char32_t c) { return TwoByteClasses::Holds(c) ? TwoByteClasses::Get().ClassOf(c) : ClassOfWide(c); }
bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return TwoByteClasses::Holds(c) ? TwoByteClasses::Get().IsUpper(c) : IsUpperWide(c);
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
    // Every non-ASCII byte that the windows do not settle comes here first, so this
    // is where ill-formed text is found.
    if (WellFormedUtf8Length(text, i) == 0) {
      *len = 1;
      *cp = 0xFFFD;
      return kInvalid;
    }
    size_t j = i;
    *cp = DecodeUtf8(text, j);
    *len = j - i;
    return ClassOf(*cp);
  }
};

// The non-ASCII marks listed here that SentenceBreakFlags would also give ("。", "，",
// the danda, ...) are listed because they are frequent: the switch costs less than
// ICU's property look-up, and without them Chinese, Japanese and Korean text tagged
// 1.5 to 3% slower.
uint8_t GapFlagsOf(char32_t c) {
  switch (c) {
    case ',': case ';': case ':': case '(': case ')': case '[': case ']':
    case 0x2013: case 0x2014: case 0x2015:  // en dash, em dash, horizontal bar
    // Chinese and Japanese text: the ideographic comma, the full-width forms of the
    // ASCII ones above, and the lenticular and tortoise-shell brackets.
    case 0x3001: case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF08: case 0xFF09: case 0xFF3B: case 0xFF3D:
    case 0x3010: case 0x3011: case 0x3014: case 0x3015:
    case 0x060C: case 0x061B:  // Arabic comma and semicolon
      return kGapClause;
    case '.': case '!': case '?': case 0x2026:  // ellipsis
    case 0x3002: case 0xFF0E: case 0xFF01: case 0xFF1F: case 0xFF61:  // 。 ． ！ ？ ｡
    case 0x0964: case 0x0965: case 0x061F: case 0x06D4:  // danda, double danda, Arabic ? and .
      return kGapTerminal;
    case '\n': case '\r':
      return kGapNewline;
    default:
      return c < 0x80 ? 0 : SentenceBreakFlags(c);
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

// WithoutPossessive() for an ASCII word, which cannot end in ’s.
inline size_t AsciiWithoutPossessive(std::string_view text, size_t b, size_t e) {
  const bool possessive = e - b >= 3 && (text[e - 1] | 0x20) == 's' && text[e - 2] == '\'';
  return e - (possessive ? 2 : 0);
}

// Writes folded words into a string without a size check per word: the string is grown
// ahead by the input still to read and trimmed to what was written when the tokenizer
// is done. That is room enough for ASCII words, which never grow when folded: a word
// and its space take no more bytes than the word and the gap byte after it, save the
// last word's space, which the slack covers with the stores that run past a word.
class FoldSink {
 public:
  static constexpr size_t kSlack = 32;
  explicit FoldSink(std::string* out) : out_(out), pos_(out->size()) {}
  ~FoldSink() { out_->resize(pos_); }
  FoldSink(const FoldSink&) = delete;
  FoldSink& operator=(const FoldSink&) = delete;

  // Room for the ASCII words of `input` more bytes of text.
  void Reserve(size_t input) {
    if (pos_ + input + kSlack > out_->size()) out_->resize(pos_ + input + kSlack);
  }
  char* cursor() { return out_->data() + pos_; }
  void Advance(size_t n) { pos_ += n; }
  // Folds a word of the general path (they may grow when folded, so the caller
  // reserves again): straight into the room a character at a time when it can be, else
  // through ICU apart and copied in. Folding at the end of the string meant cutting it
  // to pos() and growing it again, which zeroed the rest of the document's room after
  // every such word (for a page of Greek, 15% of the time).
  void AppendFoldedWord(std::string_view word) {
    Reserve(kMaxFoldGrowth * word.size() + kFoldSlack);
    if (const size_t n = FoldByCharacter(word, cursor()); n != std::string_view::npos) {
      pos_ += n;
      return;
    }
    thread_local std::string folded;  // a buffer per thread: no allocation per word
    folded.clear();
    AppendFoldedByIcu(word, &folded);
    Reserve(folded.size());
    std::memcpy(cursor(), folded.data(), folded.size());
    pos_ += folded.size();
  }
  size_t pos() const { return pos_; }
  char* data() { return out_->data(); }

 private:
  std::string* out_;
  size_t pos_;
};

// Writes tokens without a capacity check per word, as FoldSink writes folded words:
// the vector is grown ahead of the words a window settles (Token's constructor stores
// nothing, so growing costs no pass over the new tokens) and trimmed to the tokens
// written when the tokenizer is done.
class TokenSink {
 public:
  explicit TokenSink(std::vector<Token>* out) : out_(out), size_(out->size()) {}
  ~TokenSink() { out_->resize(size_); }
  TokenSink(const TokenSink&) = delete;
  TokenSink& operator=(const TokenSink&) = delete;

  // Room for n more tokens at cursor(). Grows by a few dozen tokens more than asked,
  // so that most windows find room without calling into the vector.
  void Reserve(size_t n) {
    if (size_ + n > out_->size()) out_->resize(size_ + n + 64);
  }
  Token* cursor() { return out_->data() + size_; }
  void Advance(size_t n) { size_ += n; }
  void Append(const Token& tok) {
    Reserve(1);
    *cursor() = tok;
    Advance(1);
  }

 private:
  std::vector<Token>* out_;
  size_t size_;
};

// Typographic punctuation, which edited text (press statements, agency copy) is full
// of: three bytes each, E2 80 and a third byte. Windows settle it like ASCII rather
// than sending every word beside it down the general path, which asks ICU about each
// character and folds the word through ICU; on the State Department statements that
// path took 9% of the time. The kinds follow the general rules: ’ and ‘ are MidNumLet
// (inside a word between two letters or two digits, folded to '), dashes end clauses,
// an ellipsis may end a sentence, double quotes are plain gap bytes.
enum TypographicKind : uint8_t {
  kNotTypographic,
  kTypographicApostrophe,
  kTypographicDash,
  kTypographicQuote,
  kTypographicEllipsis,
};
constexpr std::array<TypographicKind, 256> MakeTypographicTable() {
  std::array<TypographicKind, 256> t{};
  t[0x93] = t[0x94] = t[0x95] = kTypographicDash;   // U+2013 – U+2014 — U+2015 ―
  t[0x98] = t[0x99] = kTypographicApostrophe;       // U+2018 ‘ U+2019 ’
  t[0x9C] = t[0x9D] = kTypographicQuote;            // U+201C “ U+201D ”
  t[0xA6] = kTypographicEllipsis;                   // U+2026 …
  return t;
}
constexpr std::array<TypographicKind, 256> kTypographic = MakeTypographicTable();

// The gap flags of the bytes between words that windows take: ASCII bytes, and the
// last byte of settled typographic punctuation, which tells one from another.
constexpr std::array<uint8_t, 256> MakeGapTable() {
  std::array<uint8_t, 256> t{};
  for (char c : {',', ';', ':', '(', ')', '[', ']'}) t[static_cast<unsigned char>(c)] = kGapClause;
  for (char c : {'.', '!', '?'}) t[static_cast<unsigned char>(c)] = kGapTerminal;
  t['\n'] = t['\r'] = kGapNewline;
  for (int b = 0x80; b < 0x100; ++b) {
    if (kTypographic[b] == kTypographicDash) t[b] = kGapClause;
    if (kTypographic[b] == kTypographicEllipsis) t[b] = kGapTerminal;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kGap = MakeGapTable();

inline bool Bit(uint64_t mask, size_t k) { return (mask >> k) & 1; }
// The lowest set bit of `mask`, or 64 when it has none.
inline size_t FirstBit(uint64_t mask) { return mask != 0 ? static_cast<size_t>(__builtin_ctzll(mask)) : 64; }

// The classes a window tells apart, a bit per byte of its 64.
struct ByteClasses {
  uint64_t letter, digit, join, mid_num_let, mid_num, space;
  uint64_t high;  // non-ASCII
  uint64_t e2;    // 0xE2, the first byte of the typographic punctuation windows settle
};

#ifdef POLYTAG_AVX512_KERNELS
// Window::Load's classification with AVX-512BW: one 64-byte compare per class gives
// its mask, where SSE2 takes four compares, four mask moves and their shifts; about
// a hundred instructions a window fewer, and tagging 1 to 2.5% faster. Out of line,
// as AVX-512 code cannot be inlined into the portable tokenizer.
__attribute__((target("avx512f,avx512bw"), noinline)) void ClassifyAvx512(const char* p, ByteClasses* out) {
  const __m512i v = _mm512_loadu_si512(p);
  const auto eq = [v](char c) __attribute__((target("avx512f,avx512bw"))) {
    return _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(c));
  };
  // Ranges in one unsigned compare: shift the range's first byte to 0.
  const __m512i lower = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
  out->letter = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(lower, _mm512_set1_epi8('a')), _mm512_set1_epi8(26));
  out->digit = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('0')), _mm512_set1_epi8(10));
  out->join = eq('_');
  out->mid_num_let = eq('.') | eq('\'');
  out->mid_num = eq(',') | eq(';');
  out->space = eq(' ');
  out->high = _mm512_movepi8_mask(v);
  out->e2 = eq(static_cast<char>(0xE2));
}
#endif

// Sixty-four bytes of text classified at once, so that words and the gaps between
// them are found by bit scans rather than by a branch per byte. Bit k of each mask is
// about byte base + k; bytes at or past the tokenized range's end are in no mask.
struct Window {
  // The ASCII words settled inside the window start at the bits of `starts` below
  // `stop`, and each ends (one past its last byte) at the next bit of `ends`. Words
  // are runs of letters, digits, '_', ' . ’ ‘ between two letters or two digits, and
  // , ; between two digits. `word_ends` are the ends without a possessive 's or ’s.
  uint64_t starts = 0;
  uint64_t ends = 0;
  uint64_t word_ends = 0;
  // Where the window stops settling words: its first non-ASCII byte, or byte 63 when a
  // word starts there, or the window's end; or, before those, the start of the last
  // word when the window cannot tell where that word ends.
  size_t stop = 0;
  uint64_t non_ascii = 0;  // non-ASCII bytes but those of settled typographic punctuation
  // Bytes outside words but spaces, which may set gap flags (kGap): ASCII bytes, and
  // the last byte of settled typographic punctuation.
  uint64_t punct = 0;
  // The first bytes of the typographic apostrophes inside settled words (not those of a
  // possessive ’s): such a word is folded with each one made plain.
  uint64_t apostrophes = 0;
  bool underscores = false;  // whether a word of the window may hold a '_'
  size_t size = 0;         // bytes of the window inside the range (at most 64)
  // The window's bytes, from which sixteen bytes may be read at any of its 64: near the
  // document's end a zero-padded copy, so that every short word there takes the same
  // path as elsewhere (a byte loop for the last words mispredicts on unseen text).
  const char* bytes = nullptr;
  char padded[64 + 16];

  // `avx512`: classify with ClassifyAvx512 (the processor has AVX-512BW).
  void Load(std::string_view text, size_t pos, size_t end, bool avx512) {
    const char* p = text.data() + pos;
    if (text.size() - pos < sizeof(padded)) {  // the end of the document: read nothing past it
      std::fill(std::begin(padded), std::end(padded), '\0');
      std::copy(p, text.data() + text.size(), padded);
      p = padded;
    }
    bytes = p;
    uint64_t letter = 0, digit = 0, join = 0, mid_num_let = 0, mid_num = 0, space = 0, high = 0;
    uint64_t e2 = 0;  // with AVX-512 only; the SSE2 path finds them in windows with non-ASCII bytes alone
#ifdef POLYTAG_AVX512_KERNELS
    if (avx512) {
      ByteClasses c;
      ClassifyAvx512(p, &c);
      letter = c.letter, digit = c.digit, join = c.join, mid_num_let = c.mid_num_let, mid_num = c.mid_num;
      space = c.space, high = c.high, e2 = c.e2;
    } else  // the SSE2 loop below, or without SSE2 the portable one
#else
    (void)avx512;
#endif
#ifdef __SSE2__
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
      const auto eq = [](__m128i x, char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
      const auto bits = [k](__m128i m) { return static_cast<uint64_t>(_mm_movemask_epi8(m)) << (16 * k); };
      // Ranges in one signed compare: shift the range's first byte to -128.
      letter |= bits(_mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(0x80 - 'a'))),
                                    _mm_set1_epi8(static_cast<char>(0x80 + 26))));
      digit |= bits(_mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0'))),
                                   _mm_set1_epi8(static_cast<char>(0x80 + 10))));
      join |= bits(eq(v, '_'));
      mid_num_let |= bits(_mm_or_si128(eq(v, '.'), eq(v, '\'')));
      mid_num |= bits(_mm_or_si128(eq(v, ','), eq(v, ';')));
      space |= bits(eq(v, ' '));
      high |= bits(v);
    }
#else
    for (int k = 0; k < 64; ++k) {
      const unsigned char b = static_cast<unsigned char>(p[k]);
      const uint64_t bit = uint64_t{1} << k;
      if (b >= 0x80) { high |= bit; continue; }
      if (b == ' ') space |= bit;
      switch (kAsciiClass[b]) {
        case kLetter: letter |= bit; break;
        case kDigit: digit |= bit; break;
        case kJoin: join |= bit; break;
        case kMidNumLet: mid_num_let |= bit; break;
        case kMidNum: mid_num |= bit; break;
        default: break;
      }
    }
#endif
    size = std::min<size_t>(end - pos, 64);
    const uint64_t valid = BitsBelow(size);
    letter &= valid;
    digit &= valid;
    high &= valid;
    // The first bytes of settled typographic punctuation; `unknown` is every other
    // non-ASCII byte. ASCII text has none: one test per window.
    uint64_t unknown = high, typographic = 0, apostrophe = 0;
    if (high != 0) FindTypographic(p, size, avx512 ? e2 : E2Bytes(p), &unknown, &typographic, &apostrophe);
    // A joiner's neighbours: bit k of (m << 1) is byte k - 1, of (m >> 1) byte k + 1.
    const uint64_t between_letters = (letter << 1) & (letter >> 1);
    const uint64_t between_digits = (digit << 1) & (digit >> 1);
    // A typographic apostrophe at k has its neighbours at k - 1 and k + 3, and joins
    // them with all three of its bytes.
    const uint64_t apostrophe_joined =
        apostrophe & (((letter << 1) & (letter >> 3)) | ((digit << 1) & (digit >> 3)));
    const uint64_t joined = (mid_num_let & (between_letters | between_digits)) | (mid_num & between_digits) |
                            apostrophe_joined | apostrophe_joined << 1 | apostrophe_joined << 2;
    const uint64_t word_byte = (letter | digit | join) & valid;
    const uint64_t last = uint64_t{1} << 63;
    // Bit 63 is left out of the runs: whether a word goes on there depends on the
    // byte after the window.
    const uint64_t word = (word_byte | joined) & ~last;
    starts = word & ~(word << 1);
    ends = ~word & (word << 1);
    const uint64_t stops = unknown | (word_byte & last);
    stop = std::min(FirstBit(stops), size);
    non_ascii = unknown;
    // Where an ASCII word may not end for the window to know it: a non-ASCII byte, or
    // one of ' . , ; before a non-ASCII byte (which might join it), or byte 63 (whether
    // a word goes on there depends on the byte after the window). Only the last word
    // before `stop` can end there. (Typographic punctuation is settled only where the
    // byte after it is inside the window.)
    const uint64_t unsure_end = unknown | ((mid_num_let | mid_num) & (unknown >> 1)) | (size == 64 ? last : 0);
    if (const uint64_t settled = starts & BitsBelow(stop); settled != 0) {
      const size_t last_start = 63 - static_cast<size_t>(__builtin_clzll(settled));
      if (Bit(unsure_end, last_start + static_cast<size_t>(__builtin_ctzll(ends >> last_start)))) stop = last_start;
    }
    punct = valid & ~word_byte & ~joined & ~unknown & ~space & ~(typographic | typographic << 1);
    underscores = (join & valid) != 0;
    // Only a word with a ' or . two bytes before its end may end in a possessive 's
    // (the ' then has a letter before it in the word: the word is long enough), so
    // most windows look at no word's last bytes.
    word_ends = ends;
    for (uint64_t maybe = ends & ((word & mid_num_let) << 2); maybe != 0; maybe &= maybe - 1) {
      const size_t k = static_cast<size_t>(__builtin_ctzll(maybe));
      if (p[k - 2] == '\'' && (p[k - 1] | 0x20) == 's') word_ends ^= (uint64_t{1} << k) | (uint64_t{1} << (k - 2));
    }
    // And ’s (not ‘s, as WithoutPossessive): a joined typographic apostrophe four
    // bytes before the end.
    apostrophes = apostrophe_joined;
    for (uint64_t maybe = ends & (apostrophe_joined << 4); maybe != 0; maybe &= maybe - 1) {
      const size_t k = static_cast<size_t>(__builtin_ctzll(maybe));
      if ((p[k - 1] | 0x20) == 's' && static_cast<unsigned char>(p[k - 2]) == 0x99) {
        word_ends ^= (uint64_t{1} << k) | (uint64_t{1} << (k - 4));
        apostrophes ^= uint64_t{1} << (k - 4);
      }
    }
  }

  // The 0xE2 bytes of the 64 at `p`.
  static uint64_t E2Bytes(const char* p) {
    uint64_t e2 = 0;
#ifdef __SSE2__
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      e2 |= static_cast<uint64_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE2)))))
            << (16 * k);
    }
#else
    for (int k = 0; k < 64; ++k) e2 |= static_cast<uint64_t>(static_cast<unsigned char>(p[k]) == 0xE2) << k;
#endif
    return e2;
  }

  // Sorts the non-ASCII bytes of the window at `p` (`*unknown`, on entry all of them)
  // into settled typographic punctuation (its first bytes in `*typographic`, those of
  // apostrophes also in `*apostrophe`) and the rest, left in `*unknown`. Settled are
  // only sequences inside the range with a byte after them inside the window (so at
  // most at byte 60), so that whether an apostrophe joins is known here.
  // `e2`: the window's 0xE2 bytes (E2Bytes).
  static void FindTypographic(const char* p, size_t size, uint64_t e2, uint64_t* unknown, uint64_t* typographic,
                              uint64_t* apostrophe) {
    // Only the E2 bytes are looked at: in Greek, Cyrillic or Chinese text every byte
    // is non-ASCII, and a look at each cost a quarter of tagging it.
    // Leads at k <= size - 3 and k <= 60.
    for (uint64_t lead = e2 & *unknown & BitsBelow(std::min<size_t>(size < 2 ? 0 : size - 2, 61)); lead != 0;) {
      const size_t k = static_cast<size_t>(__builtin_ctzll(lead));
      const TypographicKind kind = kTypographic[static_cast<unsigned char>(p[k + 2])];
      if (static_cast<unsigned char>(p[k + 1]) != 0x80 || kind == kNotTypographic) {
        lead &= lead - 1;
        continue;
      }
      const uint64_t bytes = uint64_t{7} << k;
      *unknown &= ~bytes;
      lead &= ~bytes;
      const uint64_t bit = uint64_t{1} << k;
      *typographic |= bit;
      if (kind == kTypographicApostrophe) *apostrophe |= bit;
    }
  }
};

// The gap flags of the bytes of `*punct` (a Window's punct, of the window at
// text[base]) below byte `to` of the window, which it takes out of `*punct`.
inline uint8_t TakeGapFlags(std::string_view text, size_t base, size_t begin, size_t end, size_t to,
                            uint64_t* punct) {
  uint8_t flags = 0;
  uint64_t g = *punct & BitsBelow(to);
  *punct ^= g;
  for (; g != 0; g &= g - 1) {
    const size_t p = base + static_cast<size_t>(__builtin_ctzll(g));
    const unsigned char c = static_cast<unsigned char>(text[p]);
    flags |= kGap[c];
    // A spaced hyphen (" - ") separates clauses like a dash does.
    if (c == '-' && p > begin && p + 1 < end && text[p - 1] == ' ' && text[p + 1] == ' ') flags |= kGapClause;
  }
  return flags;
}

// The end of the ASCII word that starts at text[i] and runs past a window, or 0 to
// leave it to the general rules (a non-ASCII byte ends or joins it).
size_t LongAsciiWordEnd(std::string_view text, size_t i, size_t end) {
  Class prev = kOther;
  size_t j = i;
  while (j < end) {
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

#ifdef __SSE2__
inline __m128i FoldAscii16(__m128i v) {
  const __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - 'A'))),
                                       _mm_set1_epi8(static_cast<char>(0x80 + 26)));
  return _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
}
// kKeepFirst[n] keeps the first n bytes of a vector. Aligned, so that the AND takes
// it straight from memory.
struct alignas(16) ByteMasks {
  char bytes[17][16];
};
constexpr ByteMasks MakeKeepFirst() {
  ByteMasks m{};
  for (int n = 0; n <= 16; ++n)
    for (int k = 0; k < n; ++k) m.bytes[n][k] = -1;
  return m;
}
constexpr ByteMasks kKeepFirst = MakeKeepFirst();
#endif

// Folds the ASCII word text[s, s + n) to dst and returns its hash. Sixteen bytes a
// step, past the word's end: the sink's slack has room for that.
uint64_t FoldLongAsciiWord(std::string_view text, size_t s, size_t n, char* dst) {
  const char* src = text.data() + s;
  size_t k = 0;
#ifdef __SSE2__
  for (; k < n && s + k + 16 <= text.size(); k += 16)
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + k),
                     FoldAscii16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + k))));
#endif
  for (; k < n; ++k) {
    const char c = src[k];
    dst[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return HashPadded(dst, n);
}

// Writes the token of the ASCII word text[s, s + n) to *out and its folded form at
// folded[pos], and returns the position after it. Every word up to sixteen bytes,
// nearly all of them, takes the same branch-free path: one 16-byte fold, one hash on
// the folded register, reading the word from `word`. `max_short` is 16 when sixteen
// bytes from `word` may be read, else 0. Without kMayHoldUnderscore, the word must hold
// no '_'.
template <bool kMayHoldUnderscore>
inline size_t EmitAsciiWord(std::string_view text, const char* word, size_t s, size_t n, size_t max_short,
                            uint8_t gap, Token* out, char* folded, size_t pos) {
  // Written in place: a Token assembled on the stack and copied stalls on store
  // forwarding.
  Token& tok = *out;
  // end and fold_len are written apart from begin and fold_begin: four adjacent
  // stores tempt GCC into packing them into one vector store, at twice the
  // instructions.
  tok.begin = static_cast<uint32_t>(s);
  tok.fold_begin = static_cast<uint32_t>(pos);
  tok.gap = gap;
  // A word opens with a letter, a digit or '_'; of these only A-Z and '_' have bit 5
  // clear.
  const unsigned char head = static_cast<unsigned char>(word[0]);
  tok.capitalized = kMayHoldUnderscore ? static_cast<unsigned>(head - 'A') < 26u : (head & 0x20) == 0;
  char* dst = folded + pos;
#ifdef __SSE2__
  if (n <= max_short) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(word));
    // Setting bit 5 of every byte lower-cases A-Z and keeps the other bytes of an
    // ASCII word (0-9 ' . , ;) as they are, but for '_' (0x5F), which it would make
    // DEL: one instruction instead of a range test, for words without '_'.
    const __m128i f = kMayHoldUnderscore ? FoldAscii16(v) : _mm_or_si128(v, _mm_set1_epi8(0x20));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), f);
    // Hashed from the register: reading the folded bytes back would wait on the store.
    const __m128i w = _mm_and_si128(f, _mm_load_si128(reinterpret_cast<const __m128i*>(kKeepFirst.bytes[n])));
    tok.hash = HashShort(static_cast<uint64_t>(_mm_cvtsi128_si64(w)),
                         static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(w, w))), n);
  } else
#endif
  {
    tok.hash = FoldLongAsciiWord(text, s, n, dst);
  }
  tok.end = static_cast<uint32_t>(s + n);
  tok.fold_len = static_cast<uint32_t>(n);
  dst[n] = ' ';
  return pos + n + 1;
}

// EmitAsciiWord() for a word that holds typographic apostrophes (E2 80 98 or 99;
// the window settles no other non-ASCII byte inside a word): each folds to a plain
// ', as the general path's folding makes it.
inline size_t EmitApostropheWord(const char* word, size_t s, size_t n, uint8_t gap, Token* out, char* folded,
                                 size_t pos) {
  Token& tok = *out;
  tok.begin = static_cast<uint32_t>(s);
  tok.fold_begin = static_cast<uint32_t>(pos);
  tok.gap = gap;
  tok.capitalized = static_cast<unsigned>(static_cast<unsigned char>(word[0]) - 'A') < 26u;
  char* const dst = folded + pos;
  size_t m = 0;
  for (size_t k = 0; k < n; ++m) {
    const char c = word[k];
    const bool apostrophe = static_cast<unsigned char>(c) == 0xE2;
    dst[m] = apostrophe ? '\'' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    k += apostrophe ? 3 : 1;
  }
  tok.hash = HashBytes(dst, m);
  tok.end = static_cast<uint32_t>(s + n);
  tok.fold_len = static_cast<uint32_t>(m);
  dst[m] = ' ';
  return pos + m + 1;
}

// Appends the ASCII words that the window loaded at text[base] settles, each with the
// gap flags before it (`*gap` carries them across windows), and returns the window
// byte where what it could not settle starts. Tokens and folded words are written
// through locals, not through the sinks: a byte store may alias anything the compiler
// cannot see is private, which would make it reload the sinks after every word.
// kUnderscores: whether the window's words may hold '_' (see EmitAsciiWord);
// kApostrophes: whether they may hold typographic apostrophes (Window::apostrophes).
template <bool kUnderscores, bool kApostrophes = false>
inline size_t EmitWindowWords(std::string_view text, size_t begin, size_t end, size_t base, const Window& win,
                              uint8_t* gap, TokenSink* tokens, FoldSink* sink) {
  // A window settles at most 32 words: each but the last is followed by a byte outside
  // words. (A bound, not a count: popcount is a library call without -mpopcnt.)
  tokens->Reserve(32);
  Token* const first = tokens->cursor();
  Token* out = first;
  char* const folded = sink->data();
  size_t pos = sink->pos();
  uint8_t flags = *gap;
  uint64_t ends = win.word_ends;
  uint64_t punct = win.punct;
  // The first gap byte not taken yet, or 63 for none, where no settled word starts:
  // most words follow only spaces, which one compare tells. (Not FirstBit, whose test
  // for none is a branch that unseen text mispredicts.)
  const uint64_t none = uint64_t{1} << 63;
  size_t next_punct = static_cast<size_t>(__builtin_ctzll(punct | none));
  for (uint64_t starts = win.starts & BitsBelow(win.stop); starts != 0; starts &= starts - 1) {
    const size_t s = static_cast<size_t>(__builtin_ctzll(starts));
    const size_t e = static_cast<size_t>(__builtin_ctzll(ends));
    ends &= ends - 1;
    if (next_punct < s) {
      flags |= TakeGapFlags(text, base, begin, end, s, &punct);
      next_punct = static_cast<size_t>(__builtin_ctzll(punct | none));
    }
    if (kApostrophes && (win.apostrophes & BitsBelow(e) & ~BitsBelow(s)) != 0)
      pos = EmitApostropheWord(win.bytes + s, base + s, e - s, flags, out++, folded, pos);
    else
      pos = EmitAsciiWord<kUnderscores>(text, win.bytes + s, base + s, e - s, 16, flags, out++, folded, pos);
    flags = 0;
  }
  *gap = flags | TakeGapFlags(text, base, begin, end, win.stop, &punct);
  tokens->Advance(static_cast<size_t>(out - first));
  sink->Advance(pos - sink->pos());
  return win.stop;
}

}  // namespace

size_t Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* tokens, std::string* folded,
                bool avx512) {
  avx512 = avx512 && HasAvx512Bw();
  Cursor cur{text, end};
  TokenSink token_sink(tokens);
  FoldSink sink(folded);
  sink.Reserve(end - begin);
  // Room for a word per four bytes, more than news text has, so that the windows'
  // own test for room, which fires at no fixed window, seldom finds too little.
  token_sink.Reserve((end - begin) / 4);
  Window win;
  size_t i = begin;
  uint8_t gap = 0;
  while (i < end) {
    // The ASCII words of a window, each found with two bit scans.
    win.Load(text, i, end, avx512);
    const size_t base = i;
    const size_t at =
        win.apostrophes != 0 ? EmitWindowWords<true, true>(text, begin, end, base, win, &gap, &token_sink, &sink)
        : win.underscores    ? EmitWindowWords<true>(text, begin, end, base, win, &gap, &token_sink, &sink)
                             : EmitWindowWords<false>(text, begin, end, base, win, &gap, &token_sink, &sink);
    i = base + at;
    if (at == win.size) continue;
    // What the window could not settle: a word running past it, an ASCII word that a
    // non-ASCII character ends or may join, or a non-ASCII character.
    if (!Bit(win.non_ascii, at)) {
      if (at != 0) continue;  // a word may run past the window: look again from it
      if (const size_t e = LongAsciiWordEnd(text, i, end)) {
        const size_t n = AsciiWithoutPossessive(text, i, e) - i;
        token_sink.Reserve(1);
        sink.Advance(EmitAsciiWord<true>(text, text.data() + i, i, n, text.size() - i >= 16 ? 16 : 0, gap,
                                         token_sink.cursor(), sink.data(), sink.pos()) -
                     sink.pos());
        token_sink.Advance(1);
        gap = 0;
        i = e;
        continue;
      }
    }
    size_t len;
    char32_t cp;
    Class c = cur.Peek(i, &len, &cp);
    // Inside a word, the byte ends the word (it is no word character, mark or joiner),
    // and the next look lands here.
    if (c == kInvalid) return i;
    if (!WordChar(c) && c != kIdeograph) {
      if (c != kExtend) gap |= GapFlagsOf(cp);
      i += len;
      continue;
    }
    Token tok;
    tok.begin = static_cast<uint32_t>(i);
    tok.gap = gap;
    gap = 0;
    tok.capitalized = IsUpper(cp);
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
    sink.AppendFoldedWord(word);
    sink.Reserve(end - j);
    tok.fold_len = static_cast<uint32_t>(sink.pos() - tok.fold_begin);
    tok.hash = HashBytes(sink.data() + tok.fold_begin, tok.fold_len);
    if (tok.fold_len > 0) {  // a word of ignorables folds to nothing
      *sink.cursor() = ' ';
      sink.Advance(1);
      token_sink.Append(tok);
    }
    i = j;
  }
  return std::string_view::npos;
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
