// Every stage of the pipeline alone, over the paragraphs of the own articles, so that a
// regression points at its stage: segmentation (paragraphs and sentences),
// normalisation and tokenisation, matching, scoring (themes and stance), JSON output.
// Each stage's input is prepared outside the timed loop by the stages before it.
// The same stages run over the corpus articles too (BM_Stage*CorpusBbc, registered by
// RegisterCorpusStageBenchmarks when the corpus exists): the own articles, repeated,
// are text the processor's branch predictors learn, and the corpus shows what each
// stage costs on text they have not seen.
#include <algorithm>
#include <memory>

#include "bench_data.h"
#include "matcher.h"
#include "pattern.h"
#include "score_stance.h"
#include "score_themes.h"
#include "segment.h"
#include "tokenize.h"

namespace polytag_bench {
namespace {

using polytag::internal::Match;
using polytag::internal::Token;

// The default lexicons compiled into a matcher the way the tagger does. Weights are
// the written ones or 1: the stages' speed does not depend on them.
struct Compiled {
  std::vector<polytag::Lexicon> lexicons;  // what the matcher's terms view
  std::unique_ptr<polytag::internal::Matcher> matcher;
  std::vector<std::string> theme_ids;
  std::vector<std::string_view> theme_id_views, lexicon_names;
  std::vector<polytag::internal::ScoringEntry> scoring;
  polytag::TaggerOptions options;
};

const Compiled& DefaultCompiled() {
  static const Compiled* compiled = [] {
    auto* c = new Compiled;
    c->theme_ids = DefaultTagger().theme_ids();
    c->theme_id_views.assign(c->theme_ids.begin(), c->theme_ids.end());
    std::vector<polytag::internal::CompiledEntry> entries;
    std::vector<polytag::internal::AnalyzedPattern> patterns;
    c->lexicons = polytag::DefaultLexicons();
    const std::vector<polytag::Lexicon>& lexicons = c->lexicons;
    for (uint32_t li = 0; li < lexicons.size(); ++li) {
      c->lexicon_names.push_back(lexicons[li].name());
      for (const polytag::LexiconEntry& e : lexicons[li].entries()) {
        polytag::internal::CompiledEntry ce;
        ce.lexicon = li;
        ce.stance = lexicons[li].kind() == polytag::LexiconKind::kStance;
        polytag::StanceRole role = polytag::StanceRole::kRisk;
        if (ce.stance) polytag::ParseStanceRole(e.category, &role);
        ce.category = ce.stance ? static_cast<uint32_t>(role)
                                : static_cast<uint32_t>(std::lower_bound(c->theme_ids.begin(), c->theme_ids.end(), e.category) -
                                                        c->theme_ids.begin());
        ce.needs_support = e.needs_support;
        ce.case_sensitive = e.case_sensitive;
        ce.weight = e.weight > 0 ? e.weight : 1;
        ce.term = e.pattern;
        polytag::internal::AnalyzedPattern p;
        size_t offset;
        if (!polytag::internal::AnalyzePattern(e.pattern, e.case_sensitive, &p, &offset).ok()) continue;
        entries.push_back(std::move(ce));
        patterns.push_back(std::move(p));
      }
    }
    c->matcher = *polytag::internal::Matcher::Build(std::move(entries), patterns);
    c->scoring = polytag::internal::ScoringEntries(*c->matcher);
    return c;
  }();
  return *compiled;
}

// A paragraph with the output of every stage, computed once.
struct Paragraph {
  const std::string* doc;
  polytag::internal::ParagraphSegment seg;
  std::vector<Token> tokens;
  std::string folded;
  std::vector<uint32_t> sentence_starts;
  std::vector<bool> sentence_start;
  std::vector<Match> matches;
};

std::vector<Paragraph>* ParagraphsOf(const std::vector<std::string>& docs) {
  auto* out = new std::vector<Paragraph>;
  const Compiled& c = DefaultCompiled();
  polytag::internal::MatchScratch scratch;
  for (const std::string& doc : docs) {
    std::vector<polytag::internal::ParagraphSegment> segs;
    polytag::internal::SegmentParagraphs(doc, c.options.max_heading_words, &segs);
    for (const auto& seg : segs) {
      Paragraph p;
      p.doc = &doc;
      p.seg = seg;
      polytag::internal::Tokenize(doc, seg.span.begin, seg.span.end, &p.tokens, &p.folded);
      polytag::internal::SegmentSentences(doc, p.tokens, p.folded, &p.sentence_starts);
      p.sentence_start.assign(p.tokens.size(), false);
      for (uint32_t start : p.sentence_starts) p.sentence_start[start] = true;
      c.matcher->Find(doc, p.tokens, p.folded, p.sentence_start, &scratch, &p.matches);
      out->push_back(std::move(p));
    }
  }
  return out;
}

// A document as the tagger tokenizes and matches it: all its paragraphs at once.
struct Document {
  const std::string* text;
  polytag::Span range;  // from the first paragraph's start to the last's end
  std::vector<Token> tokens;
  std::string folded;
  polytag::internal::DocumentSentences sentences;
};

std::vector<Document>* DocumentsOf(const std::vector<std::string>& docs) {
  auto* out = new std::vector<Document>;
  const Compiled& c = DefaultCompiled();
  for (const std::string& text : docs) {
    std::vector<polytag::internal::ParagraphSegment> segs;
    polytag::internal::SegmentParagraphs(text, c.options.max_heading_words, &segs);
    if (segs.empty()) continue;
    Document d;
    d.text = &text;
    d.range = {segs.front().span.begin, segs.back().span.end};
    polytag::internal::Tokenize(text, d.range.begin, d.range.end, &d.tokens, &d.folded);
    polytag::internal::SegmentDocumentSentences(text, segs, d.tokens, d.folded, &d.sentences);
    out->push_back(std::move(d));
  }
  return out;
}

// The documents a stage benchmark runs on, and their paragraphs and documents with
// every stage's output, prepared once.
struct DocSet {
  const std::vector<std::string>& docs;
  const std::vector<Paragraph>& paragraphs;
  const std::vector<Document>& documents;
};

DocSet Own() {
  static const std::vector<Paragraph>* paragraphs = ParagraphsOf(OwnArticles());
  static const std::vector<Document>* documents = DocumentsOf(OwnArticles());
  return {OwnArticles(), *paragraphs, *documents};
}

DocSet Corpus() {
  static const std::vector<Paragraph>* paragraphs = ParagraphsOf(CorpusArticles());
  static const std::vector<Document>* documents = DocumentsOf(CorpusArticles());
  return {CorpusArticles(), *paragraphs, *documents};
}

void StageSegment(benchmark::State& state, DocSet set) {
  std::vector<polytag::internal::ParagraphSegment> segs;
  std::vector<uint32_t> starts;
  const auto& paragraphs = set.paragraphs;
  for (auto _ : state) {
    for (const std::string& doc : set.docs) {
      segs.clear();
      polytag::internal::SegmentParagraphs(doc, 16, &segs);
      benchmark::DoNotOptimize(segs.data());
    }
    for (const Paragraph& p : paragraphs) {
      starts.clear();
      polytag::internal::SegmentSentences(*p.doc, p.tokens, p.folded, &starts);
      benchmark::DoNotOptimize(starts.data());
    }
  }
  Report(state, TotalBytes(set.docs), set.docs.size());
}
void BM_StageSegment(benchmark::State& state) { StageSegment(state, Own()); }
BENCHMARK(BM_StageSegment)->Unit(benchmark::kMicrosecond);

// Each document's paragraphs in one call, as the tagger tokenizes them.
void StageTokenize(benchmark::State& state, DocSet set) {
  std::vector<Token> tokens;
  std::string folded;
  for (auto _ : state) {
    for (const Document& d : set.documents) {
      tokens.clear();
      folded.clear();
      polytag::internal::Tokenize(*d.text, d.range.begin, d.range.end, &tokens, &folded);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  Report(state, TotalBytes(set.docs), set.docs.size());
}
void BM_StageTokenize(benchmark::State& state) { StageTokenize(state, Own()); }
BENCHMARK(BM_StageTokenize)->Unit(benchmark::kMicrosecond);

// Each document's paragraphs in one call, as the tagger matches them.
void StageMatch(benchmark::State& state, DocSet set) {
  const Compiled& c = DefaultCompiled();
  polytag::internal::MatchScratch scratch;
  std::vector<Match> matches;
  for (auto _ : state) {
    for (const Document& d : set.documents) {
      matches.clear();
      c.matcher->Find(*d.text, d.tokens, d.folded, d.sentences.sentence_start, &scratch, &matches,
                      d.sentences.words);
      benchmark::DoNotOptimize(matches.data());
    }
  }
  Report(state, TotalBytes(set.docs), set.docs.size());
}
void BM_StageMatch(benchmark::State& state) { StageMatch(state, Own()); }
BENCHMARK(BM_StageMatch)->Unit(benchmark::kMicrosecond);

void StageScore(benchmark::State& state, DocSet set) {
  const Compiled& c = DefaultCompiled();
  const polytag::internal::ThemeContext ctx{c.scoring.data(), &c.options, c.lexicon_names.data(),
                                            c.theme_id_views.data()};
  polytag::internal::ThemeScratch theme_scratch;
  polytag::internal::StanceScratch stance_scratch;
  const auto& paragraphs = set.paragraphs;
  for (auto _ : state) {
    for (const Paragraph& p : paragraphs) {
      std::vector<polytag::ThemeTag> themes;
      polytag::Stance stance;
      polytag::internal::ScoreThemes(ctx, p.matches, p.tokens, p.sentence_starts, &themes, &theme_scratch);
      polytag::internal::ScoreStance(c.scoring.data(), c.options, p.matches, p.tokens, p.sentence_starts,
                                     &stance_scratch, &stance);
      benchmark::DoNotOptimize(themes.data());
      benchmark::DoNotOptimize(stance.score);
    }
  }
  Report(state, TotalBytes(set.docs), set.docs.size());
}
void BM_StageScore(benchmark::State& state) { StageScore(state, Own()); }
BENCHMARK(BM_StageScore)->Unit(benchmark::kMicrosecond);

void StageJson(benchmark::State& state, DocSet set) {
  const polytag::Tagger& tagger = DefaultTagger();
  std::vector<polytag::DocumentTags> tags;
  for (const std::string& doc : set.docs) tags.push_back(*tagger.Tag(doc));
  for (auto _ : state) {
    for (size_t i = 0; i < tags.size(); ++i) {
      std::string json = polytag::ToJson(tagger, tags[i], set.docs[i], "id");
      benchmark::DoNotOptimize(json.data());
    }
  }
  Report(state, TotalBytes(set.docs), set.docs.size());
}
void BM_StageJson(benchmark::State& state) { StageJson(state, Own()); }
BENCHMARK(BM_StageJson)->Unit(benchmark::kMicrosecond);

// A stage with and without its AVX-512 kernel, in turns over the same documents,
// each pass timed apart: how much the kernel saves, measured where it runs.
// `pass(avx512)` makes one pass over `documents` documents. Counters: <portable>_us
// and avx512_us per document, and <portable>_vs_avx512.
template <typename Pass>
void WithAndWithoutAvx512(benchmark::State& state, size_t documents, const std::string& portable, Pass pass) {
  double portable_seconds = 0, avx512_seconds = 0;
  InTurns(state, ThreadCpuSeconds, [&] { return pass(false); }, [&] { return pass(true); }, &portable_seconds,
          &avx512_seconds);
  const double passes = static_cast<double>(state.iterations()) * static_cast<double>(documents);
  state.counters[portable + "_us"] = portable_seconds / passes * 1e6;
  state.counters["avx512_us"] = avx512_seconds / passes * 1e6;
  state.counters[portable + "_vs_avx512"] = portable_seconds / avx512_seconds;
}

// The first pass of matching (Matcher::FirstPass), portable and with AVX-512.
void FirstPassAvx512VsPortable(benchmark::State& state, DocSet set) {
  const Compiled& c = DefaultCompiled();
  std::vector<uint64_t> active;
  for (const Document& d : set.documents)
    active.resize(std::max(active.size(), d.tokens.size() + polytag::internal::Matcher::kFirstPassSlack));
  WithAndWithoutAvx512(state, set.documents.size(), "portable", [&](bool avx512) {
    for (const Document& d : set.documents)
      if (!d.tokens.empty()) benchmark::DoNotOptimize(c.matcher->FirstPass(d.tokens, d.folded, active.data(), avx512));
    return true;
  });
}

// Tokenizing with the windows classified by SSE2 and by AVX-512BW.
void TokenizeAvx512VsSse2(benchmark::State& state, DocSet set) {
  std::vector<Token> tokens;
  std::string folded;
  WithAndWithoutAvx512(state, set.documents.size(), "sse2", [&](bool avx512) {
    for (const Document& d : set.documents) {
      tokens.clear();
      folded.clear();
      polytag::internal::Tokenize(*d.text, d.range.begin, d.range.end, &tokens, &folded, avx512);
      benchmark::DoNotOptimize(tokens.data());
    }
    return true;
  });
}

// The kernels' benchmarks over `set()`, named with `suffix`, each registered only
// where the processor has what its kernel needs.
void RegisterAvx512Stages(const std::string& suffix, DocSet (*set)()) {
  const struct {
    const char* name;
    bool available;
    void (*stage)(benchmark::State&, DocSet);
  } kernels[] = {{"BM_StageFirstPassAvx512VsPortable", polytag::internal::HasAvx512Dq(), FirstPassAvx512VsPortable},
                 {"BM_StageTokenizeAvx512VsSse2", polytag::internal::HasAvx512Bw(), TokenizeAvx512VsSse2}};
  for (const auto& k : kernels)
    if (k.available)
      benchmark::RegisterBenchmark((k.name + suffix).c_str(),
                                   [stage = k.stage, set](benchmark::State& state) { stage(state, set()); })
          ->Unit(benchmark::kMicrosecond);
}
const bool kAvx512Registered = (RegisterAvx512Stages("", Own), true);

}  // namespace

void RegisterCorpusStageBenchmarks() {
  if (CorpusArticles().empty()) return;
  const std::pair<const char*, void (*)(benchmark::State&, DocSet)> stages[] = {
      {"BM_StageSegmentCorpusBbc", StageSegment}, {"BM_StageTokenizeCorpusBbc", StageTokenize},
      {"BM_StageMatchCorpusBbc", StageMatch},     {"BM_StageScoreCorpusBbc", StageScore},
      {"BM_StageJsonCorpusBbc", StageJson}};
  RegisterAvx512Stages("CorpusBbc", Corpus);
  for (const auto& [name, stage] : stages)
    benchmark::RegisterBenchmark(name, [stage = stage](benchmark::State& state) { stage(state, Corpus()); })
        ->Unit(benchmark::kMicrosecond);
}

}  // namespace polytag_bench
