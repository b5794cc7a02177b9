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

// One pass over the own articles, `rounds` times; adds the themes and hits found to
// the counts. False when tagging fails.
bool SyntheticPass(const polytag::Tagger& tagger, int rounds, size_t* themes, size_t* hits) {
  for (int r = 0; r < rounds; ++r) {
    for (const auto& d : OwnArticles()) {
      auto tags = tagger.Tag(d);
      if (!tags.ok()) return false;
      for (const auto& p : tags->paragraphs) {
        *themes += p.themes.size();
        for (const auto& t : p.themes) *hits += t.hits.size();
      }
      benchmark::DoNotOptimize(tags);
    }
  }
  return true;
}

// themes_per_doc and hits_per_doc are the same at every size (SyntheticLexicon): the
// figures differ by the cost of the lexicon's size alone.
void BM_TagSynthetic(benchmark::State& state) {
  const polytag::Tagger& tagger = SyntheticTagger(static_cast<size_t>(state.range(0)));
  const auto& docs = OwnArticles();
  size_t themes = 0, hits = 0;
  for (auto _ : state)
    if (!SyntheticPass(tagger, 1, &themes, &hits)) return state.SkipWithError("tagging failed");
  Report(state, TotalBytes(docs), docs.size());
  const double tagged = static_cast<double>(state.iterations() * docs.size());
  state.counters["themes_per_doc"] = static_cast<double>(themes) / tagged;
  state.counters["hits_per_doc"] = static_cast<double>(hits) / tagged;
}
BENCHMARK(BM_TagSynthetic)->ArgName("entries")->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

// The 100k / 1k ratio that the targets set, measured in pairs (InTurns): each
// iteration tags the own articles with the 100k-entry lexicon and with the 1k-entry
// one, in turns, timed in the thread's CPU time. A pass goes over them sixteen times,
// so that it lasts some milliseconds and the caches, which the other lexicon's pass
// left holding its own structures, are warm again for most of it: the 1k lexicon in
// pairs with itself gave 0.99. (The lone benchmarks above run a minute apart, the 1k
// one before the larger lexicons are built; when these pairs gave 0.84 to 0.90, their
// ratio was 0.79 to 0.84.) Counter large_vs_small: the throughput with 100k entries
// over that with 1k; large_us and small_us: microseconds per document of each.
void BM_TagSynthetic100kVs1k(benchmark::State& state) {
  constexpr int kRounds = 16;
  const polytag::Tagger& large = SyntheticTagger(100000);
  const polytag::Tagger& small = SyntheticTagger(1000);
  size_t themes[2] = {0, 0}, hits[2] = {0, 0};
  double large_seconds = 0, small_seconds = 0;
  if (!InTurns(
          state, ThreadCpuSeconds, [&] { return SyntheticPass(large, kRounds, &themes[0], &hits[0]); },
          [&] { return SyntheticPass(small, kRounds, &themes[1], &hits[1]); }, &large_seconds, &small_seconds))
    return state.SkipWithError("tagging failed");
  if (themes[0] != themes[1] || hits[0] != hits[1])
    return state.SkipWithError("the 1k and 100k lexicons found different tags; the ratio would not compare sizes");
  state.counters["large_vs_small"] = small_seconds / large_seconds;
  const double passes = static_cast<double>(state.iterations()) * kRounds * static_cast<double>(OwnArticles().size());
  state.counters["large_us"] = large_seconds / passes * 1e6;
  state.counters["small_us"] = small_seconds / passes * 1e6;
}
BENCHMARK(BM_TagSynthetic100kVs1k)->Unit(benchmark::kMillisecond);

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
