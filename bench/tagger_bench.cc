// The whole pipeline on real-size articles, in bytes/s and time per document, with
// the reference points the targets are ratios of, measured in the same run, and the
// ratios themselves measured in pairs of passes (TagVsIcu):
//
//   build/bench/polytag_bench --benchmark_min_time=1
//   bench/run            (builds in Release, runs everything, prints the ratios)
//
// When ../shared/corpus exists beside the source tree, real articles from it are
// benchmarked too, BBC news and State Department statements apart; otherwise those
// benchmarks are simply not registered. The stages
// alone are in stages_bench.cc, lexicon size in scaling_bench.cc.
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <streambuf>

#include "bench_data.h"

namespace polytag_bench {
namespace {

// One pass over `docs` in each of the ways timed below.

// Each document's tags in a new result, as Tag(text) returns them, freed after it.
void TagPass(const polytag::Tagger& tagger, const std::vector<std::string>& docs) {
  for (const auto& d : docs) {
    auto tags = tagger.Tag(d);
    benchmark::DoNotOptimize(tags);
  }
}
// Every document's tags in one result, reused (Tag(text, &tags)), as `polytag batch`
// and a firehose loop tag: the result's memory serves document after document.
bool TagPassReused(const polytag::Tagger& tagger, const std::vector<std::string>& docs, polytag::DocumentTags* tags) {
  for (const auto& d : docs) {
    if (!tagger.Tag(d, tags).ok()) return false;
    benchmark::DoNotOptimize(tags->paragraphs.data());
  }
  return true;
}
// The words `bi` finds in the text it was given: its boundaries, and the rule status
// that tells a word from the spaces and punctuation between words.
int32_t CountWords(icu::BreakIterator* bi) {
  int32_t words = 0;
  for (int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next())
    if (bi->getRuleStatus() != UBRK_WORD_NONE) ++words;
  return words;
}
// Reference: ICU word segmentation alone over the same text (UTF-8 to UTF-16 included),
// what a tokenizer built on BreakIterator costs before it has folded a single word.
void IcuPass(icu::BreakIterator* bi, const std::vector<std::string>& docs) {
  for (const auto& d : docs) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(d);
    bi->setText(u);
    benchmark::DoNotOptimize(CountWords(bi));
  }
}
// The stricter reference: the same segmentation of text already in UTF-16, the
// conversion left out, as ICU's own speed is usually quoted. It is 5 to 14% faster on
// news text, and tagging's ratio against it that much lower.
void IcuPassUtf16(icu::BreakIterator* bi, const std::vector<icu::UnicodeString>& docs) {
  for (const icu::UnicodeString& u : docs) {
    bi->setText(u);
    benchmark::DoNotOptimize(CountWords(bi));
  }
}
std::unique_ptr<icu::BreakIterator> WordBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
  return U_SUCCESS(status) ? std::move(bi) : nullptr;
}

void TagAll(benchmark::State& state, const std::vector<std::string>& docs) {
  const polytag::Tagger& tagger = DefaultTagger();
  for (auto _ : state) TagPass(tagger, docs);
  Report(state, TotalBytes(docs), docs.size());
}

void TagAllReused(benchmark::State& state, const std::vector<std::string>& docs) {
  const polytag::Tagger& tagger = DefaultTagger();
  polytag::DocumentTags tags;
  for (auto _ : state)
    if (!TagPassReused(tagger, docs, &tags)) return state.SkipWithError("tagging failed");
  Report(state, TotalBytes(docs), docs.size());
}

void BM_TagOwnArticles(benchmark::State& state) { TagAll(state, OwnArticles()); }
BENCHMARK(BM_TagOwnArticles)->Unit(benchmark::kMicrosecond);
void BM_TagOwnArticlesReused(benchmark::State& state) { TagAllReused(state, OwnArticles()); }
BENCHMARK(BM_TagOwnArticlesReused)->Unit(benchmark::kMicrosecond);

// Not English news, which the targets are about, but what a multilingual feed holds.
void BM_TagNonLatin(benchmark::State& state) { TagAll(state, NonLatinDocuments()); }
BENCHMARK(BM_TagNonLatin)->Unit(benchmark::kMicrosecond);

void BM_TagCorpus(benchmark::State& state) { TagAll(state, CorpusArticles()); }
void BM_TagCorpusReused(benchmark::State& state) { TagAllReused(state, CorpusArticles()); }
void BM_TagStateDept(benchmark::State& state) { TagAll(state, StateDeptArticles()); }
void BM_TagStateDeptReused(benchmark::State& state) { TagAllReused(state, StateDeptArticles()); }

// The first twelve corpus articles, over and over: text the processor's branch
// predictors learn, as they learn the five own articles. Against BM_TagCorpusBbc, the
// cost of tagging text never seen before (see docs/performance.md, "Unseen text").
void BM_TagCorpusRepeated(benchmark::State& state) {
  static const std::vector<std::string> docs(CorpusArticles().begin(),
                                             CorpusArticles().begin() + std::min<size_t>(12, CorpusArticles().size()));
  TagAll(state, docs);
}

void BM_TagAndWriteJson(benchmark::State& state) {
  const polytag::Tagger& tagger = DefaultTagger();
  const auto& docs = OwnArticles();
  for (auto _ : state) {
    for (const auto& d : docs) {
      std::string json = polytag::ToJson(tagger, *tagger.Tag(d), d, std::nullopt);
      benchmark::DoNotOptimize(json);
    }
  }
  Report(state, TotalBytes(docs), docs.size());
}
BENCHMARK(BM_TagAndWriteJson)->Unit(benchmark::kMicrosecond);

void IcuWordBreak(benchmark::State& state, const std::vector<std::string>& docs) {
  std::unique_ptr<icu::BreakIterator> bi = WordBreaker();
  if (bi == nullptr) return state.SkipWithError("ICU has no word break iterator");
  for (auto _ : state) IcuPass(bi.get(), docs);
  Report(state, TotalBytes(docs), docs.size());
}
void BM_IcuWordBreakOwnArticles(benchmark::State& state) { IcuWordBreak(state, OwnArticles()); }
BENCHMARK(BM_IcuWordBreakOwnArticles)->Unit(benchmark::kMicrosecond);
void BM_IcuWordBreakNonLatin(benchmark::State& state) { IcuWordBreak(state, NonLatinDocuments()); }
BENCHMARK(BM_IcuWordBreakNonLatin)->Unit(benchmark::kMicrosecond);
void BM_IcuWordBreakCorpus(benchmark::State& state) { IcuWordBreak(state, CorpusArticles()); }
void BM_IcuWordBreakStateDept(benchmark::State& state) { IcuWordBreak(state, StateDeptArticles()); }

// The ratios that the speed targets set, measured in pairs (InTurns): each iteration
// makes one pass over `docs` tagging them (into a new result per document, or into
// one reused result) and one pass segmenting them with ICU, each pass timed in the
// thread's CPU time. Between two runs of bench/run, the ratios of the benchmarks above,
// which each run alone, moved by up to a fifth.
// Counters: vs_icu (how many times faster than ICU tagging is), and each pass's
// microseconds per document.
// What the tagging passes are paired with: IcuPass, or IcuPassUtf16 over the documents
// converted before the first pass.
enum class IcuInput { kUtf8, kUtf16 };
void TagVsIcu(benchmark::State& state, const std::vector<std::string>& docs, bool reused,
              IcuInput input = IcuInput::kUtf8) {
  const bool utf16 = input == IcuInput::kUtf16;
  const polytag::Tagger& tagger = DefaultTagger();
  std::unique_ptr<icu::BreakIterator> bi = WordBreaker();
  if (bi == nullptr) return state.SkipWithError("ICU has no word break iterator");
  std::vector<icu::UnicodeString> docs16;
  if (utf16)
    for (const std::string& d : docs) docs16.push_back(icu::UnicodeString::fromUTF8(d));
  polytag::DocumentTags tags;
  double tag_seconds = 0, icu_seconds = 0;
  auto tag = [&] {
    if (reused) return TagPassReused(tagger, docs, &tags);
    TagPass(tagger, docs);
    return true;
  };
  auto icu = [&] {
    if (utf16) {
      IcuPassUtf16(bi.get(), docs16);
    } else {
      IcuPass(bi.get(), docs);
    }
    return true;
  };
  if (!InTurns(state, ThreadCpuSeconds, tag, icu, &tag_seconds, &icu_seconds))
    return state.SkipWithError("tagging failed");
  const double passes = static_cast<double>(state.iterations()) * static_cast<double>(docs.size());
  state.counters["vs_icu"] = icu_seconds / tag_seconds;
  state.counters["tag_us"] = tag_seconds / passes * 1e6;
  state.counters["icu_us"] = icu_seconds / passes * 1e6;
}
void BM_TagVsIcuOwnArticles(benchmark::State& state) { TagVsIcu(state, OwnArticles(), false); }
BENCHMARK(BM_TagVsIcuOwnArticles)->Unit(benchmark::kMicrosecond);
void BM_TagReusedVsIcuOwnArticles(benchmark::State& state) { TagVsIcu(state, OwnArticles(), true); }
BENCHMARK(BM_TagReusedVsIcuOwnArticles)->Unit(benchmark::kMicrosecond);
void BM_TagVsIcuUtf16OwnArticles(benchmark::State& state) { TagVsIcu(state, OwnArticles(), false, IcuInput::kUtf16); }
BENCHMARK(BM_TagVsIcuUtf16OwnArticles)->Unit(benchmark::kMicrosecond);
void BM_TagReusedVsIcuUtf16OwnArticles(benchmark::State& state) {
  TagVsIcu(state, OwnArticles(), true, IcuInput::kUtf16);
}
BENCHMARK(BM_TagReusedVsIcuUtf16OwnArticles)->Unit(benchmark::kMicrosecond);
void BM_TagVsIcuCorpus(benchmark::State& state) { TagVsIcu(state, CorpusArticles(), false); }
void BM_TagReusedVsIcuCorpus(benchmark::State& state) { TagVsIcu(state, CorpusArticles(), true); }
void BM_TagVsIcuStateDept(benchmark::State& state) { TagVsIcu(state, StateDeptArticles(), false); }
void BM_TagReusedVsIcuStateDept(benchmark::State& state) { TagVsIcu(state, StateDeptArticles(), true); }
void BM_TagVsIcuUtf16Corpus(benchmark::State& state) { TagVsIcu(state, CorpusArticles(), false, IcuInput::kUtf16); }
void BM_TagReusedVsIcuUtf16Corpus(benchmark::State& state) {
  TagVsIcu(state, CorpusArticles(), true, IcuInput::kUtf16);
}
void BM_TagVsIcuUtf16StateDept(benchmark::State& state) {
  TagVsIcu(state, StateDeptArticles(), false, IcuInput::kUtf16);
}
void BM_TagReusedVsIcuUtf16StateDept(benchmark::State& state) {
  TagVsIcu(state, StateDeptArticles(), true, IcuInput::kUtf16);
}

// The corpus benchmarks, when there is a corpus, are registered here, during static
// initialisation like the BENCHMARK()s above: they then run right after the own
// articles, under the same conditions, rather than last, after scaling_bench.cc has
// built its 100k-entry lexicons (which left tagging the corpus about 8% slower).
const bool kCorpusRegistered = [] {
  if (!CorpusArticles().empty()) {
    benchmark::RegisterBenchmark("BM_TagCorpusBbc", BM_TagCorpus)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagCorpusBbcReused", BM_TagCorpusReused)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagCorpusBbcRepeated", BM_TagCorpusRepeated)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_IcuWordBreakCorpusBbc", BM_IcuWordBreakCorpus)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagVsIcuCorpusBbc", BM_TagVsIcuCorpus)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagReusedVsIcuCorpusBbc", BM_TagReusedVsIcuCorpus)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagVsIcuUtf16CorpusBbc", BM_TagVsIcuUtf16Corpus)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagReusedVsIcuUtf16CorpusBbc", BM_TagReusedVsIcuUtf16Corpus)
        ->Unit(benchmark::kMillisecond);
  }
  if (!StateDeptArticles().empty()) {
    benchmark::RegisterBenchmark("BM_TagCorpusStateDept", BM_TagStateDept)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagCorpusStateDeptReused", BM_TagStateDeptReused)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_IcuWordBreakCorpusStateDept", BM_IcuWordBreakStateDept)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagVsIcuCorpusStateDept", BM_TagVsIcuStateDept)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagReusedVsIcuCorpusStateDept", BM_TagReusedVsIcuStateDept)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagVsIcuUtf16CorpusStateDept", BM_TagVsIcuUtf16StateDept)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TagReusedVsIcuUtf16CorpusStateDept", BM_TagReusedVsIcuUtf16StateDept)
        ->Unit(benchmark::kMillisecond);
  }
  RegisterCorpusStageBenchmarks();
  return true;
}();

// `polytag batch` on JSONL records of the own articles, with 1 and 2 worker threads:
// records/s in wall-clock time, JSON parsing and writing included. Enough records that
// what a run pays once (starting the other thread, which then grows its scratch and
// result from nothing: about 0.5 ms) weighs little, as in a run over an archive: at
// 256 records it held two threads to 1.83 times one at best, where the records
// themselves ran 1.89 times as fast.
constexpr int kBatchRecords = 1024;
const std::string& BatchInput() {
  static const std::string input = [] {
    std::string in;
    for (int i = 0; i < kBatchRecords; ++i)
      in += nlohmann::json({{"id", i}, {"text", OwnArticles()[i % OwnArticles().size()]}}).dump() + "\n";
    return in;
  }();
  return input;
}
size_t BatchBytes() {
  size_t bytes = 0;
  for (int i = 0; i < kBatchRecords; ++i) bytes += OwnArticles()[i % OwnArticles().size()].size();
  return bytes;
}
// Where the batch writes: an output that keeps nothing and counts the lines, as
// `polytag batch > /dev/null` would. A std::ostringstream grew one buffer to the whole
// output, 26 KB a record, and its reallocations and page faults fell in the writer's
// role, which one thread at a time holds: over 256 records, a quarter of a one-thread
// run, and two threads held to 1.6 times one where writing to a file gave 1.75. A
// file costs what the kernel and the disk make it; this measures the batch.
class LineCountingSink : public std::streambuf {
 public:
  size_t lines() const { return lines_; }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) lines_ += traits_type::to_char_type(c) == '\n';
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    lines_ += static_cast<size_t>(std::count(s, s + n, '\n'));
    return n;
  }

 private:
  size_t lines_ = 0;
};

bool RunBatchOnce(int threads) {
  polytag::BatchOptions options;
  options.threads = threads;
  std::istringstream in(BatchInput());
  LineCountingSink sink;
  std::ostream out(&sink);
  auto stats = polytag::RunBatch(DefaultTagger(), in, out, options);
  return stats.ok() && stats->failed == 0 && sink.lines() == kBatchRecords;
}

void BM_Batch(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state)
    if (!RunBatchOnce(threads)) return state.SkipWithError("batch failed");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * BatchBytes()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatchRecords));
}
BENCHMARK(BM_Batch)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);

// The 2-thread / 1-thread ratio that the targets set, measured in pairs as TagVsIcu
// measures its ratios: each iteration runs the batch once with each, in turns, the
// order swapped from one iteration to the next. Counter two_vs_one: how many times
// the records/s of one thread two threads reach.
void BM_BatchTwoThreadsVsOne(benchmark::State& state) {
  double one_seconds = 0, two_seconds = 0;
  if (!InTurns(state, WallSeconds, [] { return RunBatchOnce(1); }, [] { return RunBatchOnce(2); }, &one_seconds,
               &two_seconds))
    return state.SkipWithError("batch failed");
  state.counters["two_vs_one"] = one_seconds / two_seconds;
}
BENCHMARK(BM_BatchTwoThreadsVsOne)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polytag_bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
