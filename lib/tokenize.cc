#include "tokenize.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>

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
size_t WithoutPossessive(std::string_view text, size_t b, size_t e) {
  if (e - b < 3 || (text[e - 1] != 's' && text[e - 1] != 'S')) return e;
  if (text[e - 2] == '\'') return e - 2;
  if (e - b >= 5 && text.compare(e - 4, 3, "\xE2\x80\x99") == 0) return e - 4;
  return e;
}

}  // namespace

void Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* tokens,
              std::string* folded) {
  Cursor cur{text, end};
  size_t i = begin;
  uint8_t gap = 0;
  while (i < end) {
    size_t len;
    char32_t cp;
    Class c = cur.Peek(i, &len, &cp);
    if (!WordChar(c) && c != kIdeograph) {
      if (c != kExtend) gap |= GapFlagsOf(cp);
      // A spaced hyphen (" - ") separates clauses like a dash does.
      if (cp == '-' && i > begin && i + 1 < end && text[i - 1] == ' ' && text[i + 1] == ' ')
        gap |= kGapClause;
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
    tok.fold_begin = static_cast<uint32_t>(folded->size());
    const std::string_view word = text.substr(i, word_end - i);
    tok.is_ascii = true;
    for (unsigned char b : word) {
      if (b >= 0x80) { tok.is_ascii = false; break; }
    }
    AppendFolded(word, folded);
    tok.fold_len = static_cast<uint32_t>(folded->size() - tok.fold_begin);
    tok.hash = HashBytes(folded->data() + tok.fold_begin, tok.fold_len);
    if (tok.fold_len > 0) tokens->push_back(tok);  // a word of ignorables folds to nothing
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
