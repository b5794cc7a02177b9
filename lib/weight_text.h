// The one spelling of an entry's weight that Lexicon::Fingerprint() hashes and
// ToNativeFormat() writes: sharing it is what lets a written lexicon read back to the
// same weights and the same fingerprint.
#ifndef POLYTAG_LIB_WEIGHT_TEXT_H_
#define POLYTAG_LIB_WEIGHT_TEXT_H_

#include <charconv>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"

namespace polytag::internal {

// The "%.9g" text of `weight` where the parser reads it back as exactly `weight`, so
// that fingerprints made when weights were always spelled so (outputs record them) stay
// the same for every such weight; else the shortest text that reads back exactly. -0 is
// spelled "0": both mean the default weight.
inline std::string WeightText(double weight) {
  if (weight == 0) weight = 0;
  char buf[40];
  std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, weight, std::chars_format::general, 9);
  double back = 0;
  if (!absl::SimpleAtod(absl::string_view(buf, r.ptr - buf), &back) || back != weight)
    r = std::to_chars(buf, buf + sizeof buf, weight);
  return std::string(buf, r.ptr);
}

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_WEIGHT_TEXT_H_
