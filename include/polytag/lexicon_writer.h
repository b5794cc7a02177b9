// Writing a Lexicon out in the native format (docs/lexicon-format.md), for instance
// one imported from another format, so that it can be reviewed and edited as text.
#ifndef POLYTAG_LEXICON_WRITER_H_
#define POLYTAG_LEXICON_WRITER_H_

#include <string>

#include "absl/status/statusor.h"
#include "polytag/export.h"
#include "polytag/lexicon.h"

namespace polytag {

// The native text of `lexicon`: headers, then its entries in order under their
// categories, with their attributes. Lexicon::Parse of the text gives a lexicon with
// the same Fingerprint(), and the same weights to the last bit (a weight is written
// with as many digits as that takes: "0.5", "0.1234567891"). Fails with kInvalidArgument, naming the entry, when a
// pattern cannot be written (one built in code that starts with '#', '@' or '[', or
// holds '|').
POLYTAG_EXPORT absl::StatusOr<std::string> ToNativeFormat(const Lexicon& lexicon);

}  // namespace polytag

#endif  // POLYTAG_LEXICON_WRITER_H_
