// Folding of words, so that text and lexicon entries compare equal when a reader would
// say they are the same word: Unicode NFKC_Casefold ("Zürich" and "ZÜRICH" agree,
// full-width "ＵＮ" is "un"), typographic apostrophes made plain (so "didn’t" matches a
// lexicon's "didn't"), and a dotted capital I folded to a plain "i" (English text
// writes "Istanbul" for "İstanbul"; case folding alone would leave "i̇stanbul").
#ifndef POLYTAG_LIB_NORMALIZE_H_
#define POLYTAG_LIB_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace polytag::internal {

// Appends the folded form of one word (valid UTF-8) to `out`. ASCII words take a fast
// path that lower-cases bytes; other words go through ICU.
void AppendFolded(std::string_view word, std::string* out);

// A 64-bit hash of a folded word, stable within a process. Matching hashes each word
// once and reuses the hash for every look-up. It takes eight bytes a step (the last
// step zero-padded), since a byte-at-a-time hash put a multiply's latency on every
// byte of every word of the text; the tokenizer, which folds into a buffer with slack,
// hashes through HashPadded without copying the tail. There is no finaliser: the
// matcher mixes every hash with the trie node it probes from (Matcher::EdgeKey).
inline uint64_t HashMix(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 31);
}
// Eight bytes from p in the machine's byte order (an unaligned load).
inline uint64_t LoadWord(const char* p) {
  uint64_t w;
  __builtin_memcpy(&w, p, 8);
  return w;
}
// HashBytes(data, n) when the bytes up to data + n rounded up to 8 may be read: they
// are masked off, so their values do not matter.
inline uint64_t HashPadded(const char* data, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = HashMix(h, LoadWord(data + i));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  if (i < n) h = HashMix(h, LoadWord(data + i) & (~uint64_t{0} << (64 - 8 * (n - i))));
#else
  if (i < n) h = HashMix(h, LoadWord(data + i) & (~uint64_t{0} >> (64 - 8 * (n - i))));
#endif
  return h;
}
inline uint64_t HashBytes(const char* data, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = HashMix(h, LoadWord(data + i));
  if (i < n) {
    uint64_t w = 0;
    __builtin_memcpy(&w, data + i, n - i);
    h = HashMix(h, w);
  }
  return h;
}
inline uint64_t HashBytes(std::string_view s) { return HashBytes(s.data(), s.size()); }

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_NORMALIZE_H_
