// Reviewing a lexicon: what in it does not do what its author meant, beyond the errors
// that stop it from loading.
//
//   for (const polytag::LexiconFinding& f : polytag::CheckLexicon(lexicon))
//     std::cerr << f.message << "\n";   // desk.lexicon:12:1: warning: ...
#ifndef POLYTAG_LEXICON_CHECK_H_
#define POLYTAG_LEXICON_CHECK_H_

#include <string>
#include <vector>

#include "polytag/export.h"
#include "polytag/lexicon.h"

namespace polytag {

struct LexiconFinding {
  enum class Severity {
    kWarning,  // the entry is useless as written: a duplicate, or it can never count
    kNote,     // the entry works, but not everywhere one might expect
  };
  Severity severity = Severity::kWarning;
  size_t entry = 0;  // index into Lexicon::entries()
  // "source:line:column: warning: what", or "source: entry 'x': warning: what" for
  // entries built in code.
  std::string message;
};

// Finds, in entry order:
//  - duplicates: an entry that reads the same as an earlier one of its category after
//    normalisation ("Sanctions" and "sanctions");
//  - entries that can never count: a regex that needs white space other than the single
//    spaces between words, or white space where a word must start or end; a
//    needs-support entry that is the only entry of its theme;
//  - shadowed entries: words or phrases that lie inside a longer entry of another
//    category, which wins wherever it matches ("nuclear" inside "nuclear power").
POLYTAG_EXPORT std::vector<LexiconFinding> CheckLexicon(const Lexicon& lexicon);

}  // namespace polytag

#endif  // POLYTAG_LEXICON_CHECK_H_
