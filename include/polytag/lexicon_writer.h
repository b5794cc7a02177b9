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
// with as many digits as that takes: "0.5", "0.1234567891"). The description, which
// the fingerprint leaves out, is made to fit its header line: line breaks become
// spaces, ill-formed UTF-8 becomes U+FFFD, surrounding white space goes, and a blank
// one is left out.
//
// The name, version and patterns are fingerprinted, so what a lexicon file cannot hold
// of them is not rewritten but fails with kInvalidArgument, naming the field or entry
// and what to change:
//   - a name that IsValidLexiconName() rejects ("my dict", ""): the constructor and
//     ImportOptions::name take any string;
//   - a version that is empty, holds a line break or ill-formed UTF-8, or starts or
//     ends with white space;
//   - a lexicon without entries: a lexicon file needs at least one;
//   - a pattern built in code that starts with '#', '@' or '[', or holds '|' outside
//     a regex ("#metoo"): these match as well as any (AddEntry takes them), but a
//     line reads them as a comment, header, category or attributes. AddEntry keeps
//     out every other pattern that a lexicon file cannot hold.
POLYTAG_EXPORT absl::StatusOr<std::string> ToNativeFormat(const Lexicon& lexicon);

}  // namespace polytag

#endif  // POLYTAG_LEXICON_WRITER_H_
