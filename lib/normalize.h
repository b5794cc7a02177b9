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
// once and reuses the hash for every look-up. It is built from HashStep/HashFinish so
// that the tokenizer can hash while it folds, and the matcher can hash every prefix of
// a word (for globs) in one pass.
constexpr uint64_t kHashSeed = 0xcbf29ce484222325ull;
inline uint64_t HashStep(uint64_t h, unsigned char c) {
  return (h ^ c) * 0x100000001b3ull;  // FNV-1a: words are short, so a byte loop wins
}
inline uint64_t HashFinish(uint64_t h) {
  // Murmur's finaliser: the hash tables use the high and low bits separately.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}
inline uint64_t HashBytes(const char* data, size_t n) {
  uint64_t h = kHashSeed;
  for (size_t i = 0; i < n; ++i) h = HashStep(h, static_cast<unsigned char>(data[i]));
  return HashFinish(h);
}
inline uint64_t HashBytes(std::string_view s) { return HashBytes(s.data(), s.size()); }

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_NORMALIZE_H_
