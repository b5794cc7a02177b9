#include "json_format.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "utf8.h"

namespace polytag::internal {

namespace {

constexpr uint64_t kOnes = 0x0101010101010101;
constexpr uint64_t kHighBits = 0x8080808080808080;

// Whether any byte of `w` is below `n` (1 <= n <= 128), as a yes or no: a borrow runs
// only from a byte below n, into bytes above it, so it can add no yes to a no. A byte of
// 0x80 or more is never reported: its high bit is clear in ~w.
constexpr uint64_t AnyBelow(uint64_t w, uint8_t n) { return (w - kOnes * n) & ~w & kHighBits; }
constexpr uint64_t AnyZero(uint64_t w) { return AnyBelow(w, 1); }

// Whether a byte of `w` is a control character, a quote or a backslash.
constexpr uint64_t NeedsEscape(uint64_t w) {
  return AnyBelow(w, 0x20) | AnyZero(w ^ (kOnes * '"')) | AnyZero(w ^ (kOnes * '\\'));
}

}  // namespace

char* WritePlainJsonString(std::string_view s, char* out) {
  // Eight bytes at a time, and a string's last eight as one more word that overlaps the
  // one before, or a shorter string's bytes gathered into one: a report is thousands of
  // strings, most shorter than sixteen bytes, and testing them byte by byte was a
  // quarter of writing it.
  const char* const p = s.data();
  const size_t n = s.size();
  uint64_t escape = 0, high = 0;
  auto test = [&](uint64_t w) {
    escape |= NeedsEscape(w);
    high |= w & kHighBits;
  };
  if (n >= 8) {
    uint64_t w;
    for (size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&w, p + i, 8);
      test(w);
    }
    std::memcpy(&w, p + n - 8, 8);
    test(w);
  } else if (n >= 4) {
    uint32_t first, last;  // overlapping when n < 8
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    test(first | uint64_t{last} << 32);
  } else if (n > 0) {
    // Every byte of one to three, the rest of the word a plain 'a'.
    const auto byte = [p](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
    test((kOnes * 'a' & ~uint64_t{0xFFFFFF}) | byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16);
  }
  if (escape != 0) return nullptr;
  const bool ascii = high == 0;
  // Bytes above 0x7F are written as they are only when they are valid UTF-8; the
  // serializer replaces invalid ones.
  if (!ascii && FindInvalidUtf8(s) != std::string_view::npos) return nullptr;
  *out++ = '"';
  std::memcpy(out, s.data(), s.size());
  out += s.size();
  *out++ = '"';
  return out;
}

char* WriteFourDecimals(double x, char* out) {
  // Up to 10,000 the decimal form below and the serializer's agree for every value
  // (checked exhaustively when this was written; report_test.cc samples them). Beyond,
  // its Grisu2 digits are sometimes longer than the shortest ("-80980.86780000001").
  constexpr int64_t kLimit = int64_t{10000} * 10000;
  const double scaled = x * 1e4;
  if (!(std::fabs(scaled) <= static_cast<double>(kLimit))) return nullptr;  // also NaN
  const int64_t k = std::llround(scaled);
  // Only the double nearest to k / 10^4 (k and the quotient are exact and correctly
  // rounded): then that decimal is the shortest that reads back as x, since any other
  // with as few digits differs from it by 10^-4 or more.
  if (static_cast<double>(k) / 1e4 != x) return nullptr;
  const uint64_t a = static_cast<uint64_t>(k < 0 ? -k : k);
  if (std::signbit(x)) *out++ = '-';
  out = WriteJsonInteger(a / 10000, out);
  *out++ = '.';
  uint64_t frac = a % 10000;
  if (frac == 0) {
    *out++ = '0';
    return out;
  }
  char digits[4];
  for (int i = 3; i >= 0; --i, frac /= 10) digits[i] = static_cast<char>('0' + frac % 10);
  int n = 4;
  while (digits[n - 1] == '0') --n;
  std::memcpy(out, digits, static_cast<size_t>(n));
  return out + n;
}

}  // namespace polytag::internal
