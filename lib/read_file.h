// Reading a lexicon file whole, within kMaxLexiconFileBytes: the one place every
// lexicon loader (native and imported formats) gets its bytes from.
#ifndef POLYTAG_LIB_READ_FILE_H_
#define POLYTAG_LIB_READ_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace polytag::internal {

// The file's bytes. kNotFound when it cannot be opened, kInvalidArgument when it is a
// directory, kResourceExhausted when it is larger than kMaxLexiconFileBytes (checked
// before reading where the size is known; a pipe is read up to the limit), kDataLoss on
// a read error; every message starts with the path.
absl::StatusOr<std::string> ReadLexiconFile(const std::string& path);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_READ_FILE_H_
