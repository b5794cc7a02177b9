// Bridges between std::string_view (polytag's API) and absl::string_view. Abseil
// packages differ: where Abseil is built as C++17 (vcpkg, Abseil's own CMake with
// C++17) the two are one type, but Debian 12's Abseil keeps its own class. Passing
// views through these works with both.
#ifndef POLYTAG_LIB_STRING_VIEWS_H_
#define POLYTAG_LIB_STRING_VIEWS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace polytag::internal {

inline absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view SV(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_STRING_VIEWS_H_
