// The values of a JSON report that can be written without nlohmann's serializer, in
// exactly the bytes it writes (json::dump() with the default, non-ASCII-escaping
// settings). Each writer writes at `out`, which has room for the size it states, and
// returns the end of what it wrote, or nullptr, having written nothing, for a value
// it does not cover; the caller then uses the serializer.
#ifndef POLYTAG_LIB_JSON_FORMAT_H_
#define POLYTAG_LIB_JSON_FORMAT_H_

#include <charconv>
#include <cstddef>
#include <string_view>

namespace polytag::internal {

// A string of valid UTF-8 with no control character, quote or backslash, which JSON
// writes as it is, between quotes. Needs s.size() + 2 bytes.
char* WritePlainJsonString(std::string_view s, char* out);

// A double that is a whole number of ten-thousandths (as scores rounded to four
// decimals are) and at most 10,000 in magnitude: written as its shortest decimal
// form with at least one digit after the point ("1.0", "-0.25", "0.0001", "-0.0"),
// which is what the serializer's shortest-round-trip formatting gives for them.
// Needs kMaxFourDecimalsBytes.
constexpr size_t kMaxFourDecimalsBytes = 16;
char* WriteFourDecimals(double x, char* out);

// An integer, in decimal (always covered). Needs kMaxIntegerBytes.
constexpr size_t kMaxIntegerBytes = 24;
template <typename Int>
char* WriteJsonInteger(Int x, char* out) {
  return std::to_chars(out, out + kMaxIntegerBytes, x).ptr;
}

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_JSON_FORMAT_H_
