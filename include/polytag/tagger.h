// The Tagger: lexicons compiled once into an immutable matcher and scorer.
//
// Build it once, then tag from any number of threads:
//
//   auto tagger = polytag::Tagger::Create(polytag::DefaultLexicons());
//   if (!tagger.ok()) { ... tagger.status() ... }
//   absl::StatusOr<polytag::DocumentTags> tags = (*tagger)->Tag(article_text);
//
// Tagging runs in one direction: paragraphs and headings are segmented, sentences
// found, words tokenised and case-folded (offsets always point into the caller's
// text), all lexicon entries matched in one pass, themes scored per paragraph, stance
// cues weighed with negation, hedges, intensity and contrast, and the results
// aggregated per theme and per document.
//
// Thread safety: a Tagger is immutable after Create(); every const method may be called
// concurrently from many threads without locking. Per-call scratch memory is kept per
// thread and reused, so tagging allocates per document (for the result), not per word;
// tagging into a result reused from document to document (Tag(text, &tags)) saves most
// of those allocations too.
#ifndef POLYTAG_TAGGER_H_
#define POLYTAG_TAGGER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polytag/export.h"
#include "polytag/lexicon.h"
#include "polytag/options.h"
#include "polytag/tags.h"

namespace polytag {

// What a Tagger says about each lexicon it compiled, for reproducible outputs.
struct LexiconInfo {
  std::string name;
  std::string version;
  LexiconKind kind = LexiconKind::kThemes;
  std::string fingerprint;  // Lexicon::Fingerprint()
  size_t entries = 0;
};

class POLYTAG_EXPORT Tagger {
 public:
  // Compiles `lexicons` (at least one; any mix of theme and stance lexicons). A theme
  // id that several theme lexicons define is reported as "lexicon-name:id" for each of
  // them, so their themes stay apart. Fails with kInvalidArgument for bad options (a
  // number out of its range in options.h, NaN or infinite) or two lexicons with the
  // same name; with kResourceExhausted when the regex entries together exceed RE2's
  // memory budget, or the lexicons hold more words than the matcher can index (about
  // 33 million).
  static absl::StatusOr<std::unique_ptr<Tagger>> Create(
      std::vector<Lexicon> lexicons, const TaggerOptions& options = TaggerOptions());

  // Convenience: the built-in lexicons (DefaultLexicons()) with `options`.
  static absl::StatusOr<std::unique_ptr<Tagger>> CreateDefault(
      const TaggerOptions& options = TaggerOptions());

  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // Tags one document. An empty or blank document gives no paragraphs. Errors:
  // kInvalidArgument for invalid UTF-8 (the message gives the byte offset of the first
  // bad sequence) unless options().repair_invalid_utf8; kResourceExhausted for a
  // document over options().max_document_bytes.
  absl::StatusOr<DocumentTags> Tag(std::string_view text) const;

  // Tags one document into `*tags`, which afterwards holds exactly what Tag(text)
  // would return, whatever it held before (but for repaired_text: see the end). Its
  // vectors are reused: in a loop over documents, passing the same DocumentTags each
  // time saves most of the allocations (and frees) that building a new result costs:
  // about sixty for a statement of twenty paragraphs (a vector per paragraph's
  // sentences, themes and cues, and per theme's hits), and up to 7% of the time of
  // tagging news articles (see docs/performance.md). Tagging a document again into
  // its own result allocates nothing but the repaired text of a document that needs a
  // repair. The elements a shorter document leaves over (paragraphs, themes, hits,
  // cues) are kept in the calling thread's scratch, up to 1024 of each kind, for the
  // next result that needs more. `tags` must not be null, and no other thread may use
  // it during the call; between calls it may move to any thread. Errors are
  // Tag(text)'s; `*tags` is then empty (no paragraphs, no themes, a neutral stance).
  // `text` may be (part of) tags->repaired_text of an earlier call: the result then
  // keeps the text it tagged in repaired_text, which its offsets refer to (a view of
  // all of the old repaired_text stays valid; an error empties it with the rest).
  absl::Status Tag(std::string_view text, DocumentTags* tags) const;

  // The lexicons compiled in, in the order given.
  const std::vector<LexiconInfo>& lexicons() const;

  // Every theme id any lexicon defines, sorted.
  const std::vector<std::string>& theme_ids() const;

  const TaggerOptions& options() const;

  class POLYTAG_NO_EXPORT Impl;  // private to the library

 private:
  // Hidden: the class is exported whole, and this constructor is not API.
  POLYTAG_NO_EXPORT explicit Tagger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace polytag

#endif  // POLYTAG_TAGGER_H_
