// Lexicon size: tagging the own articles with synthetic themes lexicons of 1k, 10k and
// 100k entries (generated here, not stored), the time and heap memory to compile each,
// and the reference a user might reach for instead: one RE2 alternation of all the
// terms of the same lexicon over the same text.
#include <re2/re2.h>

#include <chrono>
#include <map>
#include <memory>

#include "bench_data.h"
#include "pattern.h"

namespace polytag_bench {
namespace {

const polytag::Lexicon& Synthetic(size_t entries) {
  static auto* cache = new std::map<size_t, polytag::Lexicon>;
  auto it = cache->find(entries);
  if (it == cache->end()) it = cache->emplace(entries, SyntheticLexicon(entries)).first;
  return it->second;
}

const polytag::Tagger& SyntheticTagger(size_t entries) {
  static auto* cache = new std::map<size_t, std::unique_ptr<polytag::Tagger>>;
  auto& slot = (*cache)[entries];
  if (slot == nullptr) slot = std::move(*polytag::Tagger::Create({Synthetic(entries)}));
  return *slot;
}

void BM_TagSynthetic(benchmark::State& state) {
  const polytag::Tagger& tagger = SyntheticTagger(static_cast<size_t>(state.range(0)));
  const auto& docs = OwnArticles();
  size_t hits = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      auto tags = tagger.Tag(d);
      for (const auto& p : tags->paragraphs) hits += p.themes.size();
      benchmark::DoNotOptimize(tags);
    }
  }
  Report(state, TotalBytes(docs), docs.size());
  state.counters["themes_per_doc"] = static_cast<double>(hits) / static_cast<double>(state.iterations() * docs.size());
}
BENCHMARK(BM_TagSynthetic)->ArgName("entries")->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

// Tagger::Create on a lexicon already parsed; heap_MB is what the compiled tagger keeps
// (glibc's count of bytes in use, before and after).
void BM_CompileSynthetic(benchmark::State& state) {
  const polytag::Lexicon& lexicon = Synthetic(static_cast<size_t>(state.range(0)));
  double heap_mb = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<polytag::Lexicon> input{lexicon};
    const size_t before = HeapInUse();
    state.ResumeTiming();
    auto tagger = polytag::Tagger::Create(std::move(input));
    state.PauseTiming();
    if (!tagger.ok()) return state.SkipWithError("compiling the synthetic lexicon failed");
    heap_mb = static_cast<double>(HeapInUse() - before) / (1 << 20);
    tagger->reset();
    state.ResumeTiming();
  }
  state.counters["heap_MB"] = heap_mb;
}
BENCHMARK(BM_CompileSynthetic)->ArgName("entries")->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// One RE2 of every word, phrase and glob entry: \b(?:w1|w2 w3|pre\w*|...)\b, case-
// insensitive, with any non-word characters between a phrase's words.
std::unique_ptr<RE2> Alternation(const std::vector<polytag::Lexicon>& lexicons) {
  std::string pattern = "\\b(?:";
  bool first = true;
  for (const polytag::Lexicon& lex : lexicons) {
    for (const polytag::LexiconEntry& e : lex.entries()) {
      polytag::internal::AnalyzedPattern p;
      size_t offset;
      if (!polytag::internal::AnalyzePattern(e.pattern, false, &p, &offset).ok() || p.kind == polytag::PatternKind::kRegex)
        continue;
      if (!first) pattern += '|';
      first = false;
      for (size_t w = 0; w < p.words.size(); ++w) {
        if (w > 0) pattern += "\\W+";
        pattern += RE2::QuoteMeta(p.words[w].folded);
        if (p.words[w].glob) pattern += "\\w*";
      }
    }
  }
  pattern += ")\\b";
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_max_mem(int64_t{1} << 30);
  options.set_log_errors(false);
  return std::make_unique<RE2>(pattern, options);
}

void RunAlternation(benchmark::State& state, const RE2& re) {
  if (!re.ok()) return state.SkipWithError("RE2 rejected the alternation");
  const auto& docs = OwnArticles();
  size_t matches = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      re2::StringPiece input(d);
      while (RE2::FindAndConsume(&input, re)) ++matches;
    }
  }
  benchmark::DoNotOptimize(matches);
  Report(state, TotalBytes(docs), docs.size());
}

void BM_Re2AlternationDefault(benchmark::State& state) {
  static const RE2* re = Alternation(polytag::DefaultLexicons()).release();
  RunAlternation(state, *re);
}
BENCHMARK(BM_Re2AlternationDefault)->Unit(benchmark::kMicrosecond);

// 1k and 10k only: at 100k entries RE2 needs over a second and hundreds of megabytes
// just to compile the alternation.
void BM_Re2AlternationSynthetic(benchmark::State& state) {
  static auto* cache = new std::map<int64_t, std::unique_ptr<RE2>>;
  auto& re = (*cache)[state.range(0)];
  if (re == nullptr) re = Alternation({Synthetic(static_cast<size_t>(state.range(0)))});
  RunAlternation(state, *re);
}
BENCHMARK(BM_Re2AlternationSynthetic)->ArgName("entries")->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace polytag_bench
