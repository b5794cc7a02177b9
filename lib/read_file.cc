#include "read_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "polytag/lexicon.h"

namespace polytag::internal {

absl::StatusOr<std::string> ReadLexiconFile(const std::string& path) {
  // A directory opens as a stream on Linux and tells a size of INT64_MAX: say what it is
  // before that size reads as a file too large.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory, not a lexicon file"));
  // The size is asked of the file system, not found by opening at the end: a pipe
  // (a shell's <(...)) cannot seek, and such an open fails. A pipe or a device has no
  // size to tell, and is read in full, still bounded below.
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the lexicon file"));
  std::uintmax_t size = 0;
  if (std::filesystem::is_regular_file(path, ec)) {
    size = std::filesystem::file_size(path, ec);
    if (ec) size = 0;
  }
  if (size > kMaxLexiconFileBytes) {
    return absl::ResourceExhaustedError(absl::StrCat(path, ": the lexicon file is ", size,
                                                     " bytes, over the limit of ", kMaxLexiconFileBytes));
  }
  std::string text;
  if (size > 0) text.reserve(static_cast<size_t>(size));
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxLexiconFileBytes)
      return absl::ResourceExhaustedError(absl::StrCat(path, ": the lexicon file is over the limit of ",
                                                       kMaxLexiconFileBytes, " bytes"));
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return text;
}

}  // namespace polytag::internal
