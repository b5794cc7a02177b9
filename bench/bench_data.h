// What the benchmarks run on: the project's own sample articles, real articles from
// ../shared/corpus when that folder exists, and synthetic lexicons of any size.
#ifndef POLYTAG_BENCH_BENCH_DATA_H_
#define POLYTAG_BENCH_BENCH_DATA_H_

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "polytag/polytag.h"

namespace polytag_bench {

// The five articles of examples/data and tests/data/articles.
const std::vector<std::string>& OwnArticles();

// Up to 400 articles of the shared corpus, or none when it is absent: BBC political
// news (about 2.7 KB each), and US State Department statements and briefings (about
// 5 KB each, in the formal language of diplomacy, denser in lexicon terms).
const std::vector<std::string>& CorpusArticles();
const std::vector<std::string>& StateDeptArticles();

// 240 generated documents of about 3 KB, a twelfth each in Greek, Russian, Chinese,
// Japanese, Korean, Hindi, Thai, Vietnamese, Georgian, Amharic, Burmese and Khmer, made
// of common political words: text that the tokenizer's ASCII windows do not settle,
// every character of it going through the general path.
const std::vector<std::string>& NonLatinDocuments();

// The tagger with the default lexicons, built once.
const polytag::Tagger& DefaultTagger();

size_t TotalBytes(const std::vector<std::string>& docs);

// Sets bytes/s, and a per_doc time counter, for `docs_per_round` documents of
// `bytes_per_round` bytes per iteration.
void Report(benchmark::State& state, size_t bytes_per_round, size_t docs_per_round);

// A themes lexicon of exactly `entries` entries over 20 themes: about 60% single
// words, 30% phrases of two or three words, 10% prefix globs. All but 50 are made-up
// words (with a digit inside, so they never match English text); those 50 are words
// and word pairs of the own articles, the same at every size, so that tagging them
// finds the same hits whatever the size and the figures compare the cost of the
// lexicon's size, not of more results. The same
// `entries` gives the same lexicon on every run.
polytag::Lexicon SyntheticLexicon(size_t entries);

// Registers the stage benchmarks of stages_bench.cc over the corpus articles, as
// BM_Stage*CorpusBbc, when there are any.
void RegisterCorpusStageBenchmarks();

// The heap bytes in use now (glibc's mallinfo2, mapped blocks included), to measure
// what a structure keeps.
size_t HeapInUse();

// Clocks for InTurns: the calling thread's CPU time, and wall-clock time (for work
// spread over threads), in seconds.
double ThreadCpuSeconds();
double WallSeconds();

// What the paired benchmarks share (the ratios of the speed targets): each iteration
// runs `a` once and `b` once, in turns, the order swapped from one iteration to the
// next, and adds the time each took by `now` to its total. Benchmarks that each run
// alone run a minute or so apart, and the load that other work puts on a shared
// machine changes in that time; passes some milliseconds apart meet the same load.
// False as soon as either returns false.
template <typename Now, typename A, typename B>
bool InTurns(benchmark::State& state, Now now, A a, B b, double* a_seconds, double* b_seconds) {
  bool b_first = false;
  for (auto _ : state) {
    for (int k = 0; k < 2; ++k) {
      const bool run_b = b_first == (k == 0);
      const double start = now();
      if (!(run_b ? b() : a())) return false;
      (run_b ? *b_seconds : *a_seconds) += now() - start;
    }
    b_first = !b_first;
  }
  return true;
}

}  // namespace polytag_bench

#endif  // POLYTAG_BENCH_BENCH_DATA_H_
