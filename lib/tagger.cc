// The pipeline, one direction: segment -> tokenize and fold -> sentences -> match ->
// score themes and stance -> aggregate. Each stage lives in its own file; this one
// only wires them together and keeps the per-thread scratch.
#include "polytag/tagger.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "aggregate.h"
#include "matcher.h"
#include "pattern.h"
#include "score_stance.h"
#include "score_themes.h"
#include "segment.h"
#include "spares.h"
#include "tokenize.h"
#include "utf8.h"
#include "string_views.h"

namespace polytag {

using internal::Match;
using internal::Token;

namespace {

// Buffers reused by every Tag() call on a thread, so that steady-state tagging
// allocates for its result only.
struct Scratch {
  std::vector<internal::ParagraphSegment> paragraphs;
  std::vector<Token> tokens;
  std::string folded;
  internal::DocumentSentences sentences;
  std::vector<Match> document_matches;
  // Paragraph i's matches, numbered from its first word, are
  // matches[match_begin[i], match_begin[i + 1]).
  std::vector<Match> matches;
  std::vector<uint32_t> match_begin;
  internal::MatchScratch match;
  internal::ThemeScratch themes;
  internal::StanceScratch stance;
  // Per theme of each paragraph, in document order (for AggregateDocument).
  std::vector<uint32_t> theme_index;
  std::vector<internal::ThemeMass> theme_masses;
  std::vector<internal::StanceMass> paragraph_masses;  // per paragraph
  internal::AggregateScratch aggregate;
  // Paragraphs left over from the results before (spares.h); the stages keep those
  // of their own elements.
  internal::Spares<ParagraphTags> paragraph_spares;
};

// s->document_matches numbered from their paragraph's first word, into s->matches
// (paragraph i's are s->matches[s->match_begin[i], s->match_begin[i + 1])). They come
// by first word, so each paragraph's are a stretch of them.
void NumberMatchesByParagraph(Scratch* s) {
  const size_t num_paragraphs = s->paragraphs.size();
  const Match* const found = s->document_matches.data();
  const size_t num_found = s->document_matches.size();
  s->matches.resize(num_found);
  s->match_begin.resize(num_paragraphs + 1);
  Match* const numbered = s->matches.data();
  size_t num_numbered = 0;
  for (size_t i = 0, m = 0; i < num_paragraphs; ++i) {
    s->match_begin[i] = static_cast<uint32_t>(num_numbered);
    const auto [first, end] = s->sentences.words[i];
    for (; m < num_found && found[m].first < end; ++m)
      numbered[num_numbered++] = Match{found[m].entry, found[m].first - first, found[m].end - first};
  }
  s->match_begin[num_paragraphs] = static_cast<uint32_t>(num_numbered);
}

// The paragraphs of `text` into s->paragraphs, and their words into s->tokens and
// s->folded. Returns npos, or where the tokenizer met ill-formed UTF-8.
size_t FindWords(std::string_view text, const TaggerOptions& options, Scratch* s) {
  s->paragraphs.clear();
  internal::SegmentParagraphs(text, options.max_heading_words, &s->paragraphs);
  // The words of all paragraphs in one pass: a call per paragraph cost the tokenizer's
  // setup and a last, partial window each. Paragraphs are apart by line breaks, which
  // no word runs across, so the words are the same. (A paragraph's first word does
  // carry the gap flags of what ends the paragraph before it, but every stage reads
  // gaps only inside a paragraph: those before its second word and on.)
  s->tokens.clear();
  s->folded.clear();
  if (s->paragraphs.empty()) return std::string_view::npos;
  return internal::Tokenize(text, s->paragraphs.front().span.begin, s->paragraphs.back().span.end, &s->tokens,
                            &s->folded);
}

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// The weight of a stance entry that left it unset (theme entries default to 1).
double DefaultStanceWeight(StanceRole role) {
  switch (role) {
    case StanceRole::kHedge:
    case StanceRole::kDiminisher:
      return 0.5;
    case StanceRole::kIntensifier:
      return 1.5;
    default:
      return 1.0;
  }
}

// The strings that results view (tags.h): every entry's term, every lexicon's name and
// every theme id, back to back in one block that the Tagger and every DocumentTags it
// fills share, so that a result outlives its Tagger without copying a term per hit.
struct LexiconStrings {
  std::string block;
  std::vector<std::string_view> lexicon_names;  // by lexicon index
  std::vector<std::string_view> theme_ids;      // by theme index
  // Appends `s` to the block and returns its view there. The block's capacity must
  // already hold it: appending never moves the strings viewed before.
  std::string_view Add(std::string_view s) {
    const size_t at = block.size();
    block.append(s);
    return std::string_view(block).substr(at, s.size());
  }
};

absl::Status ValidateOptions(const TaggerOptions& o) {
  auto bad = [](std::string_view what) { return absl::InvalidArgumentError(absl::StrCat("TaggerOptions: ", internal::AV(what))); };
  // Every test is written so that NaN fails it: a NaN factor or threshold would pass
  // "x < 0 || x > 1" and turn scores and labels into NaN. Factors stop at 1000, as
  // entry weights do, so that products of them stay finite.
  auto in = [](double x, double lo, double hi) { return x >= lo && x <= hi; };
  auto positive = [](double x) { return x > 0 && std::isfinite(x); };
  if (o.max_document_bytes == 0 || o.max_document_bytes > std::numeric_limits<uint32_t>::max())
    return bad("max_document_bytes must be between 1 and 4294967295");
  if (o.max_heading_words < 0) return bad("max_heading_words must be >= 0");
  if (!positive(o.theme_threshold)) return bad("theme_threshold must be a finite number > 0");
  if (!in(o.document_theme_min_share, 0, 1)) return bad("document_theme_min_share must be in [0, 1]");
  if (!in(o.repeat_hit_factor, 0, 1)) return bad("repeat_hit_factor must be in [0, 1]");
  if (o.negation_window < 0 || o.hedge_window < 0 || o.intensifier_window < 0)
    return bad("windows must be >= 0");
  if (!in(o.negation_flip_factor, 0, 1000) || !in(o.contrast_after_factor, 0, 1000) ||
      !in(o.contrast_before_factor, 0, 1000))
    return bad("negation_flip_factor, contrast_after_factor and contrast_before_factor must be in [0, 1000]");
  if (!positive(o.min_stance_mass)) return bad("min_stance_mass must be a finite number > 0");
  if (!in(o.mixed_ratio, 0, 1)) return bad("mixed_ratio must be in [0, 1]");
  if (!(o.min_mixed_side >= 0 && std::isfinite(o.min_mixed_side))) return bad("min_mixed_side must be a finite number >= 0");
  return absl::OkStatus();
}

}  // namespace

class Tagger::Impl {
 public:
  TaggerOptions options;
  std::vector<LexiconInfo> lexicons;
  std::vector<std::string> theme_ids;
  std::shared_ptr<const LexiconStrings> strings;
  std::unique_ptr<internal::Matcher> matcher;
  std::vector<internal::ScoringEntry> scoring;  // per matcher entry

  absl::Status Tag(std::string_view text, DocumentTags* doc) const;

 private:
  // Scores the paragraph: `tokens` are its words (a stretch of the document's),
  // `sentence_starts` its sentences and `matches` its matches, numbered from its
  // first word.
  void TagParagraph(std::string_view text, const internal::ParagraphSegment& seg, absl::Span<const Token> tokens,
                    absl::Span<const uint32_t> sentence_starts, absl::Span<const Match> matches, Scratch& s,
                    ParagraphTags* p) const;
};

Tagger::Tagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tagger::~Tagger() = default;

absl::StatusOr<std::unique_ptr<Tagger>> Tagger::Create(std::vector<Lexicon> lexicons,
                                                       const TaggerOptions& options) {
  if (absl::Status s = ValidateOptions(options); !s.ok()) return s;
  if (lexicons.empty()) return absl::InvalidArgumentError("Tagger::Create needs at least one lexicon");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::set<std::string> theme_set;
  absl::flat_hash_set<std::string> names;
  for (const Lexicon& lex : lexicons) {
    if (!names.insert(lex.name()).second)
      return absl::InvalidArgumentError(absl::StrCat("two lexicons are named '", lex.name(),
                                                     "'; lexicon names must be unique"));
  }
  // A theme id that several theme lexicons define is ambiguous: each lexicon's becomes
  // "lexicon-name:id", so that output says whose theme it is.
  absl::flat_hash_map<std::string, int> lexicons_defining;
  for (const Lexicon& lex : lexicons)
    if (lex.kind() == LexiconKind::kThemes)
      for (const std::string& id : lex.Categories()) ++lexicons_defining[id];
  auto theme_id = [&lexicons_defining](const Lexicon& lex, const std::string& category) {
    return lexicons_defining[category] > 1 ? absl::StrCat(lex.name(), ":", category) : category;
  };
  // A prefixed id could still meet a category another lexicon spells that way ("a:war"
  // of lexicon b beside "war" of lexicons a and b): the two themes would merge.
  absl::flat_hash_map<std::string, std::pair<const Lexicon*, std::string_view>> id_source;
  for (const Lexicon& lex : lexicons) {
    if (lex.kind() != LexiconKind::kThemes) continue;
    for (const LexiconEntry& e : lex.entries()) {
      std::string id = theme_id(lex, e.category);
      const auto [it, added] = id_source.try_emplace(id, &lex, e.category);
      if (!added && (it->second.first != &lex || it->second.second != e.category))
        return absl::InvalidArgumentError(absl::StrCat(
            "theme id '", id, "' would name two themes: category '", internal::AV(it->second.second), "' of lexicon '",
            it->second.first->name(), "' and category '", e.category, "' of lexicon '", lex.name(),
            "'; rename one of the categories"));
      theme_set.insert(std::move(id));
    }
  }
  impl->theme_ids.assign(theme_set.begin(), theme_set.end());
  absl::flat_hash_map<std::string, uint32_t> theme_index;
  for (uint32_t i = 0; i < impl->theme_ids.size(); ++i) theme_index[impl->theme_ids[i]] = i;
  auto strings = std::make_shared<LexiconStrings>();
  size_t block_size = 0;
  for (const std::string& id : impl->theme_ids) block_size += id.size();
  for (const Lexicon& lex : lexicons) {
    block_size += lex.name().size();
    for (const LexiconEntry& e : lex.entries()) block_size += e.pattern.size();
  }
  strings->block.reserve(block_size);
  for (const std::string& id : impl->theme_ids) strings->theme_ids.push_back(strings->Add(id));

  std::vector<internal::CompiledEntry> entries;
  std::vector<internal::AnalyzedPattern> patterns;
  for (uint32_t li = 0; li < lexicons.size(); ++li) {
    const Lexicon& lex = lexicons[li];
    impl->lexicons.push_back({lex.name(), lex.version(), lex.kind(), lex.Fingerprint(), lex.entries().size()});
    strings->lexicon_names.push_back(strings->Add(lex.name()));
    for (const LexiconEntry& e : lex.entries()) {
      internal::CompiledEntry c;
      c.lexicon = li;
      c.stance = lex.kind() == LexiconKind::kStance;
      double default_weight = 1.0;
      if (c.stance) {
        StanceRole role;
        ParseStanceRole(e.category, &role);
        c.category = static_cast<uint32_t>(role);
        default_weight = DefaultStanceWeight(role);
      } else {
        c.category = theme_index[theme_id(lex, e.category)];
      }
      c.needs_support = e.needs_support;
      c.case_sensitive = e.case_sensitive;
      c.weight = e.weight > 0 ? e.weight : default_weight;
      c.term = strings->Add(e.pattern);
      internal::AnalyzedPattern p;
      size_t offset;
      if (absl::Status s = internal::AnalyzePattern(e.pattern, e.case_sensitive, &p, &offset); !s.ok())
        return absl::InvalidArgumentError(absl::StrCat(lex.name(), ": entry '", e.pattern, "': ", s.message()));
      entries.push_back(std::move(c));
      patterns.push_back(std::move(p));
    }
  }
  auto matcher = internal::Matcher::Build(std::move(entries), patterns);
  if (!matcher.ok()) return matcher.status();
  impl->matcher = std::move(*matcher);
  impl->scoring = internal::ScoringEntries(*impl->matcher);
  impl->strings = std::move(strings);
  return std::unique_ptr<Tagger>(new Tagger(std::move(impl)));
}

absl::StatusOr<std::unique_ptr<Tagger>> Tagger::CreateDefault(const TaggerOptions& options) {
  return Create(DefaultLexicons(), options);
}

absl::StatusOr<DocumentTags> Tagger::Tag(std::string_view text) const {
  DocumentTags tags;
  if (absl::Status s = impl_->Tag(text, &tags); !s.ok()) return s;
  return tags;
}
absl::Status Tagger::Tag(std::string_view text, DocumentTags* tags) const { return impl_->Tag(text, tags); }
const std::vector<LexiconInfo>& Tagger::lexicons() const { return impl_->lexicons; }
const std::vector<std::string>& Tagger::theme_ids() const { return impl_->theme_ids; }
const TaggerOptions& Tagger::options() const { return impl_->options; }

absl::Status Tagger::Impl::Tag(std::string_view text, DocumentTags* out) const {
  Scratch& s = ThreadScratch();
  // The result is built in the elements `out` holds (spares.h). Its text may be (part
  // of) the repaired text of the result it is tagged into: that text is then kept
  // there, as what the offsets refer to. Clearing it would have destroyed the text
  // being tagged, and the caller's with it. assign() of a part of the string itself
  // keeps the buffer, so a view of all of it stays valid.
  DocumentTags& doc = *out;
  const std::string& old_repair = doc.repaired_text;
  if (!text.empty() && std::less_equal<const char*>()(old_repair.data(), text.data()) &&
      std::less<const char*>()(text.data(), old_repair.data() + old_repair.size())) {
    doc.repaired_text.assign(text.data(), text.size());
    text = doc.repaired_text;
  } else {
    doc.repaired_text.clear();
  }
  // Tested first: a result reused with the same Tagger already shares its strings,
  // and the copy would cost two atomic operations on a count all threads share.
  if (doc.lexicon_strings != strings) doc.lexicon_strings = strings;
  doc.stance.cues.clear();
  auto fail = [&](absl::Status status) {
    s.paragraph_spares.Resize(&doc.paragraphs, 0);
    s.aggregate.theme_spares.Resize(&doc.themes, 0);
    doc.stance = Stance();
    doc.repaired_text.clear();
    return status;
  };
  if (text.size() > options.max_document_bytes) {
    return fail(absl::ResourceExhaustedError(absl::StrCat(
        "document of ", text.size(), " bytes is over the limit of ", options.max_document_bytes,
        " bytes (TaggerOptions::max_document_bytes); split it or raise the limit")));
  }
  // Ill-formed UTF-8 is found by the tokenizer, which decodes every non-ASCII byte
  // anyway: a pass of its own over every byte cost 1 to 2% of tagging. Only bytes
  // inside paragraphs can be ill-formed (outside them there is only white space, in
  // whole well-formed characters: segment.cc), and the tokenizer reads them all in
  // order, so it accepts exactly the well-formed documents and stops at the first
  // ill-formed byte. (Paragraph segmentation reads bytes only, and is done again
  // after a repair.)
  if (const size_t stopped = FindWords(text, options, &s); stopped != std::string_view::npos) {
    // FindInvalidUtf8 says the same; for the message, it is the authority.
    const size_t bad = std::min(stopped, internal::FindInvalidUtf8(text));
    if (!options.repair_invalid_utf8) {
      return fail(absl::InvalidArgumentError(absl::StrCat(
          "invalid UTF-8 at byte offset ", bad, "; convert the text to UTF-8 or set repair_invalid_utf8")));
    }
    std::string repaired = internal::RepairUtf8(text);
    // The limit is on the text as given (options.h); a repair may make it up to three
    // times longer, and only offsets past 32 bits are beyond what the stages hold.
    if (repaired.size() > std::numeric_limits<uint32_t>::max())
      return fail(absl::ResourceExhaustedError(absl::StrCat(
          "the repaired document is ", repaired.size(), " bytes (each invalid byte became the 3 bytes of U+FFFD); "
          "at most 4294967295 can be tagged: split the document")));
    doc.repaired_text = std::move(repaired);
    text = doc.repaired_text;
    FindWords(text, options, &s);  // well-formed now
  }
  const size_t num_paragraphs = s.paragraphs.size();
  s.paragraph_spares.Resize(&doc.paragraphs, num_paragraphs);
  s.theme_index.clear();
  s.theme_masses.clear();
  s.paragraph_masses.clear();
  const absl::Span<const Token> tokens = s.tokens;
  internal::SegmentDocumentSentences(text, s.paragraphs, tokens, s.folded, &s.sentences);
  const internal::DocumentSentences& sentences = s.sentences;
  // Then every paragraph's matches at once: a call per paragraph cost the matcher's
  // setup each time. Each paragraph's first word opens a sentence, and no match
  // crosses a sentence's start.
  s.document_matches.clear();
  matcher->Find(text, tokens, s.folded, sentences.sentence_start, &s.match, &s.document_matches, sentences.words);
  NumberMatchesByParagraph(&s);
  const Match* const numbered = s.matches.data();
  Span section;
  for (size_t i = 0; i < num_paragraphs; ++i) {
    const internal::ParagraphSegment& seg = s.paragraphs[i];
    ParagraphTags& p = doc.paragraphs[i];
    p.index = i;
    p.span = seg.span;
    p.kind = seg.heading ? ParagraphKind::kHeading : ParagraphKind::kBody;
    if (seg.heading) section = seg.title;
    p.section = section;
    const auto [first, end] = sentences.words[i];
    TagParagraph(text, seg, tokens.subspan(first, end - first),
                 absl::MakeConstSpan(sentences.sentence_starts.data() + sentences.sentence_begin[i],
                                     sentences.sentence_begin[i + 1] - sentences.sentence_begin[i]),
                 absl::MakeConstSpan(numbered + s.match_begin[i], s.match_begin[i + 1] - s.match_begin[i]), s, &p);
  }
  internal::AggregateDocument(options, strings->theme_ids, s.theme_index, s.theme_masses, s.paragraph_masses,
                              &s.aggregate, &doc);
  return absl::OkStatus();
}

void Tagger::Impl::TagParagraph(std::string_view text, const internal::ParagraphSegment& seg,
                                absl::Span<const Token> tokens, absl::Span<const uint32_t> sentence_starts,
                                absl::Span<const Match> matches, Scratch& s, ParagraphTags* p) const {
  const size_t n = tokens.size();
  // The spans are stored field by field: a pushed Span went through the stack, and its
  // 16-byte reload waited for the two 8-byte stores.
  const size_t num_sentences = sentence_starts.size();
  p->sentences.clear();  // a reused paragraph's
  p->sentences.reserve(std::max<size_t>(num_sentences, 1));
  for (size_t k = 0; k < num_sentences; ++k) {
    const uint32_t b = sentence_starts[k];
    const uint32_t e = k + 1 < num_sentences ? sentence_starts[k + 1] : static_cast<uint32_t>(n);
    // A sentence runs from its first word (or the paragraph's start) to the next
    // sentence's first word, less the white space between.
    size_t sb = k == 0 ? seg.span.begin : tokens[b].begin;
    size_t se = e < n ? tokens[e].begin : seg.span.end;
    while (se > sb && (text[se - 1] == ' ' || text[se - 1] == '\n' || text[se - 1] == '\r' || text[se - 1] == '\t')) --se;
    Span& sentence = p->sentences.emplace_back();
    sentence.begin = sb;
    sentence.end = se;
  }
  if (n == 0) p->sentences.push_back(seg.span);
  const internal::ThemeContext ctx{scoring.data(), &options, strings->lexicon_names.data(),
                                   strings->theme_ids.data()};
  internal::ScoreThemes(ctx, matches, tokens, sentence_starts, &p->themes, &s.themes);
  internal::ScoreStance(scoring.data(), options, matches, tokens, sentence_starts, &s.stance, &p->stance);
  s.paragraph_masses.push_back(s.stance.mass);
  internal::ThemeStances(options, p->sentences.size(), s.stance.cue_sentences, s.themes.sentence_begin,
                         s.themes.sentences, s.themes.sentence_mask, p->stance, &s.aggregate, &p->themes, &s.theme_masses);
  s.theme_index.insert(s.theme_index.end(), s.themes.theme.begin(), s.themes.theme.end());
}

}  // namespace polytag
