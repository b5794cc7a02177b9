// The native lexicon parser (lexicon_parser.cc) for readers that want every bad entry,
// not only the first: `polytag lexicon check` and imports that collect problems.
#ifndef POLYTAG_LIB_LEXICON_PARSER_H_
#define POLYTAG_LIB_LEXICON_PARSER_H_

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polytag/lexicon.h"

namespace polytag::internal {

// Lexicon::Parse, but a bad entry line is skipped and its error ("source:line:column:
// what") appended to `entry_errors`, in one pass over the text. Errors that what
// follows depends on still end the parse and are returned: a bad header or category,
// an entry before the headers or the first category, going over kMaxLexiconEntries, a
// lexicon left without entries.
absl::StatusOr<Lexicon> ParseLexiconSkippingBadEntries(std::string_view text, std::string_view source,
                                                       std::vector<absl::Status>* entry_errors);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_LEXICON_PARSER_H_
