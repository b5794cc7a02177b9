#include "utf8.h"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace polytag::internal {
namespace {

// Length of the well-formed sequence at text[i], or 0 with `*bad_len` set to the
// length of the maximal ill-formed subpart to replace (Unicode 15, table 3-7).
size_t WellFormedLength(std::string_view text, size_t i, size_t* bad_len) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = at(i);
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *bad_len = 1;
    return 0;
  }
  for (size_t k = 1; k <= need; ++k) {
    if (i + k >= text.size()) {
      *bad_len = k;
      return 0;
    }
    const unsigned char b = at(i + k);
    const unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (b < l || b > h) {
      *bad_len = k;
      return 0;
    }
  }
  return need + 1;
}

// Skips ASCII sixty-four bytes at a time where it can (SSE2), then sixteen, then
// eight: news text is mostly ASCII, with runs of hundreds of bytes between non-ASCII
// characters, and this keeps validation far below the cost of tokenising.
size_t SkipAscii(std::string_view text, size_t i) {
#ifdef __SSE2__
  const auto block = [&](size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
  };
  while (i + 64 <= text.size()) {
    const __m128i any = _mm_or_si128(_mm_or_si128(block(i), block(i + 16)), _mm_or_si128(block(i + 32), block(i + 48)));
    if (_mm_movemask_epi8(any) != 0) break;
    i += 64;
  }
  while (i + 16 <= text.size()) {
    if (const int high = _mm_movemask_epi8(block(i)); high != 0) return i + static_cast<size_t>(__builtin_ctz(high));
    i += 16;
  }
#endif
  while (i + 8 <= text.size()) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ull) break;
    i += 8;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

}  // namespace

size_t WellFormedUtf8Length(std::string_view text, size_t i) {
  size_t bad;
  return WellFormedLength(text, i, &bad);
}

size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (true) {
    i = SkipAscii(text, i);
    if (i >= text.size()) return std::string_view::npos;
    size_t bad;
    const size_t n = WellFormedLength(text, i, &bad);
    if (n == 0) return i;
    i += n;
  }
}

std::string RepairUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    const size_t ascii_end = SkipAscii(text, i);
    out.append(text.data() + i, ascii_end - i);
    i = ascii_end;
    if (i >= text.size()) break;
    size_t bad;
    const size_t n = WellFormedLength(text, i, &bad);
    if (n > 0) {
      out.append(text.data() + i, n);
      i += n;
    } else {
      out.append("\xEF\xBF\xBD");
      i += bad;
    }
  }
  return out;
}

}  // namespace polytag::internal
