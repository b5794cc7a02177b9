// Tagging speed on real-size articles, in bytes/s and ns per document, with ICU's word
// BreakIterator over the same text as a reference point measured in the same run.
//
//   build/bench/polytag_bench --benchmark_min_time=1
//
// When ../shared/corpus exists beside the source tree, real articles from it are
// benchmarked too; otherwise those benchmarks are simply not registered.
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "polytag/polytag.h"

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

const std::vector<std::string>& OwnArticles() {
  static const auto* docs = new std::vector<std::string>{
      ReadFile(POLYTAG_SOURCE_DIR "/examples/data/sample-article.txt"),
      ReadFile(POLYTAG_SOURCE_DIR "/tests/data/articles/eu-energy-migration.txt"),
      ReadFile(POLYTAG_SOURCE_DIR "/tests/data/articles/asia-tech-security.txt"),
      ReadFile(POLYTAG_SOURCE_DIR "/tests/data/articles/domestic-uk.txt"),
      ReadFile(POLYTAG_SOURCE_DIR "/tests/data/articles/unicode-dispatch.txt")};
  return *docs;
}

// Up to 400 articles of the shared corpus, or none when it is absent.
const std::vector<std::string>& CorpusArticles() {
  static const auto* docs = [] {
    auto* out = new std::vector<std::string>;
    std::ifstream in(POLYTAG_SOURCE_DIR "/../shared/corpus/bbc-politics-2004-2005.jsonl");
    for (std::string line; out->size() < 400 && std::getline(in, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("text") && j["text"].is_string()) out->push_back(j["text"].get<std::string>());
    }
    return out;
  }();
  return *docs;
}

const polytag::Tagger& DefaultTagger() {
  static const polytag::Tagger* tagger = polytag::Tagger::CreateDefault()->release();
  return *tagger;
}

void Report(benchmark::State& state, size_t bytes_per_round, size_t docs_per_round) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes_per_round));
  state.counters["per_doc"] = benchmark::Counter(static_cast<double>(docs_per_round) * state.iterations(),
                                                    benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void TagAll(benchmark::State& state, const std::vector<std::string>& docs) {
  const polytag::Tagger& tagger = DefaultTagger();
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  for (auto _ : state) {
    for (const auto& d : docs) {
      auto tags = tagger.Tag(d);
      benchmark::DoNotOptimize(tags);
    }
  }
  Report(state, bytes, docs.size());
}

void BM_TagOwnArticles(benchmark::State& state) { TagAll(state, OwnArticles()); }
BENCHMARK(BM_TagOwnArticles)->Unit(benchmark::kMicrosecond);

void BM_TagAndWriteJson(benchmark::State& state) {
  const polytag::Tagger& tagger = DefaultTagger();
  const auto& docs = OwnArticles();
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  for (auto _ : state) {
    for (const auto& d : docs) {
      std::string json = polytag::ToJson(tagger, *tagger.Tag(d), d, std::nullopt);
      benchmark::DoNotOptimize(json);
    }
  }
  Report(state, bytes, docs.size());
}
BENCHMARK(BM_TagAndWriteJson)->Unit(benchmark::kMicrosecond);

// Reference: ICU word segmentation alone over the same text (UTF-8 to UTF-16 included).
void BM_IcuWordBreakOwnArticles(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
  const auto& docs = OwnArticles();
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  for (auto _ : state) {
    for (const auto& d : docs) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(d);
      bi->setText(u);
      int32_t words = 0;
      for (int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next())
        if (bi->getRuleStatus() != UBRK_WORD_NONE) ++words;
      benchmark::DoNotOptimize(words);
    }
  }
  Report(state, bytes, docs.size());
}
BENCHMARK(BM_IcuWordBreakOwnArticles)->Unit(benchmark::kMicrosecond);

void BM_TagCorpus(benchmark::State& state) { TagAll(state, CorpusArticles()); }

}  // namespace

int main(int argc, char** argv) {
  if (!CorpusArticles().empty()) benchmark::RegisterBenchmark("BM_TagCorpusBbc", BM_TagCorpus)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
