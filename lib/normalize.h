// Folding of words, so that text and lexicon entries compare equal when a reader would
// say they are the same word: Unicode NFKC_Casefold ("Zürich" and "ZÜRICH" agree,
// full-width "ＵＮ" is "un"), typographic apostrophes made plain (so "didn’t" matches a
// lexicon's "didn't"), and a dotted capital I folded to a plain "i" (English text
// writes "Istanbul" for "İstanbul"; case folding alone would leave "i̇stanbul").
#ifndef POLYTAG_LIB_NORMALIZE_H_
#define POLYTAG_LIB_NORMALIZE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace polytag::internal {

// Appends the folded form of one word (valid UTF-8) to `out`. ASCII words take a fast
// path that lower-cases bytes; words of ASCII, two-byte characters (Latin with
// diacritics, Greek, Cyrillic, ...), CJK ideographs, kana, Hangul syllables and the
// letters of U+0900 to U+1FFF (Indic scripts, Thai, ..., Georgian, Vietnamese, capitals
// too) that fold one by one are folded from tables made once with ICU
// (FoldByCharacter); other words go through ICU.
void AppendFolded(std::string_view word, std::string* out);

// AppendFolded's path for words of ASCII, two-byte characters, CJK ideographs, kana,
// Hangul syllables and letters of U+0900 to U+1FFF that fold one by one: writes the folded
// `word` to `out`, which has room for kMaxFoldGrowth * word.size() + kFoldSlack bytes,
// and returns its length; or, for a word that needs ICU, returns npos (what it wrote by
// then is of no use).
constexpr size_t kMaxFoldGrowth = 4;  // a character of two or three bytes folds to at most seven
constexpr size_t kFoldSlack = 8;      // a table's fold is copied seven bytes at once
size_t FoldByCharacter(std::string_view word, char* out);

// AppendFolded always through ICU, for any word (what the table is made with, and what
// tests compare it with).
void AppendFoldedByIcu(std::string_view word, std::string* out);

// A 64-bit hash of a folded word, stable within a process. Matching hashes each word
// once and reuses the hash for every look-up. Every word up to sixteen bytes (nearly
// every word) is hashed by one branch-free HashShort() of its two zero-padded
// eight-byte halves; longer words take eight bytes a step. The tokenizer, which folds
// into a buffer with slack, hashes through HashPadded or straight from its registers.
// There is no finaliser: the matcher mixes every hash with the trie node it probes
// from (Matcher::EdgeKey).
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
// The first k bytes of w (as LoadWord read them), the rest zeroed; k below 0 keeps
// none and above 8 all. The two half shifts make k == 8 need no branch.
inline uint64_t FirstBytes(uint64_t w, ptrdiff_t k) {
  const unsigned bits = 4 * static_cast<unsigned>(k < 0 ? 0 : k > 8 ? 8 : k);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return w & ~(~uint64_t{0} >> bits >> bits);
#else
  return w & ((uint64_t{1} << bits << bits) - 1);
#endif
}
// The bits below bit k (all 64 for k >= 64): the part of a 64-byte window's bit mask
// before byte k, as the tokenizer and segmentation scan text.
inline uint64_t BitsBelow(size_t k) { return k >= 64 ? ~uint64_t{0} : (uint64_t{1} << k) - 1; }
inline constexpr uint64_t kHashSeed = 0xcbf29ce484222325ull;
// HashBytes of a word of n <= 16 bytes, given as its two zero-padded eight-byte words:
// one 64 x 64 -> 128-bit multiply of the halves, whose two 64-bit halves folded
// together depend on every input bit at both ends (the matcher's filters take bits
// from both). One multiply instead of two chained HashMix steps: this runs for every
// word of the text. Neither factor can be zero, which would blind the product to the
// other: each key holds a zero byte with non-zero bytes after it, a pattern that no
// zero-padded run of non-NUL bytes (what folded words are) has, with or without the
// length's five bits in the lowest byte.
inline uint64_t HashShort(uint64_t first, uint64_t second, size_t n) {
  constexpr uint64_t kFirstKey = 0x9E3779B97F4A0015ull, kSecondKey = 0xBF58476D1CE400B9ull;
  const uint64_t a = first ^ kFirstKey, b = second ^ kSecondKey ^ n;
#ifdef __SIZEOF_INT128__
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
#else
  // The same product from 32-bit halves.
  const uint64_t a_lo = a & 0xFFFFFFFF, a_hi = a >> 32, b_lo = b & 0xFFFFFFFF, b_hi = b >> 32;
  const uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
  const uint64_t mid = (ll >> 32) + (lh & 0xFFFFFFFF) + (hl & 0xFFFFFFFF);
  const uint64_t low = (mid << 32) | (ll & 0xFFFFFFFF);
  const uint64_t high = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  return low ^ high;
#endif
}
// HashBytes(data, n) when sixteen bytes from data, and the bytes up to data + n
// rounded up to 8, may be read: those past n are masked off, so their values do not
// matter.
inline uint64_t HashPadded(const char* data, size_t n) {
  if (n <= 16) {
    const ptrdiff_t k = static_cast<ptrdiff_t>(n);
    return HashShort(FirstBytes(LoadWord(data), k), FirstBytes(LoadWord(data + 8), k - 8), n);
  }
  uint64_t h = kHashSeed ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = HashMix(h, LoadWord(data + i));
  if (i < n) h = HashMix(h, FirstBytes(LoadWord(data + i), static_cast<ptrdiff_t>(n - i)));
  return h;
}
inline uint64_t HashBytes(const char* data, size_t n) {
  char padded[16] = {};
  if (n <= 16) {
    __builtin_memcpy(padded, data, n);
    return HashShort(LoadWord(padded), LoadWord(padded + 8), n);
  }
  uint64_t h = kHashSeed ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = HashMix(h, LoadWord(data + i));
  if (i < n) {
    __builtin_memcpy(padded, data + i, n - i);
    h = HashMix(h, LoadWord(padded));
  }
  return h;
}
inline uint64_t HashBytes(std::string_view s) { return HashBytes(s.data(), s.size()); }

// Up to eight bytes as one word, the first byte lowest, whatever the machine's byte
// order. Folded words hold no NUL byte, so distinct words of up to eight bytes pack
// to distinct words: how the matcher names short labels and compares glob prefixes,
// and how small word sets are keyed.
inline uint64_t PackBytes(const char* p, size_t n) {
  uint64_t h = 0;
  for (size_t k = 0; k < n; ++k) h |= uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
  return h;
}

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_NORMALIZE_H_
