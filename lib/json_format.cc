#include "json_format.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "utf8.h"

namespace polytag::internal {

char* WritePlainJsonString(std::string_view s, char* out) {
  bool ascii = true;
  for (const char c : s) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == '"' || b == '\\') return nullptr;
    ascii &= b < 0x80;
  }
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
