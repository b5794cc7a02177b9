// UTF-8 validation and repair. The tagger finds ill-formed text while tokenizing
// (WellFormedUtf8Length), not in a pass of its own over every byte; once the tokenizer
// has accepted a document, every later stage can assume well-formed text.
#ifndef POLYTAG_LIB_UTF8_H_
#define POLYTAG_LIB_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace polytag::internal {

// Returns the byte offset of the first ill-formed sequence (overlong forms, surrogates
// and code points above U+10FFFF are ill-formed), or npos when `text` is valid.
size_t FindInvalidUtf8(std::string_view text);

// The byte length of the well-formed sequence that starts at text[i] (a non-ASCII
// byte), or 0 when it is ill-formed (by the rules of FindInvalidUtf8).
size_t WellFormedUtf8Length(std::string_view text, size_t i);

// Copies `text` with each maximal ill-formed subsequence replaced by U+FFFD, as the
// Unicode standard recommends ("substitution of maximal subparts").
std::string RepairUtf8(std::string_view text);

// Decodes the code point starting at `text[i]` of valid UTF-8 and advances `i`.
inline char32_t DecodeUtf8(std::string_view text, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> n);
  for (int k = 1; k <= n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += n + 1;
  return cp;
}

// The UTF-8 of code point `c` (at most U+10FFFF, no surrogate).
inline std::string EncodeUtf8(char32_t c) {
  if (c < 0x80) return std::string(1, static_cast<char>(c));
  const int n = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;  // continuation bytes
  std::string out(static_cast<size_t>(n) + 1, '\0');
  constexpr unsigned char kLead[] = {0, 0xC0, 0xE0, 0xF0};
  out[0] = static_cast<char>(kLead[n] | (c >> (6 * n)));
  for (int k = 1; k <= n; ++k) out[static_cast<size_t>(k)] = static_cast<char>(0x80 | ((c >> (6 * (n - k))) & 0x3F));
  return out;
}

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_UTF8_H_
