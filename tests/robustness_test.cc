// Bad input and concurrency: a shared Tagger under many threads, batch output that is
// byte-identical whatever the thread count, one output line per input line under every
// failure, streaming with bounded read-ahead, and the regressions the fuzzers found.
// .ci/robustness.sh runs these under ASan+UBSan and the concurrency ones under TSan.
#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <thread>
#include <utility>

#include <random>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "polytag/report.h"
#include "test_util.h"
#include "utf8.h"

namespace polytag {
namespace {

using Json = nlohmann::json;

// An input stream of `count` copies of `record`, made as it is read, so that a test can
// feed gigabytes, or count how far ahead the reader has read, without holding the input.
class RepeatBuf : public std::streambuf {
 public:
  RepeatBuf(std::string head, std::string record, size_t count, std::string tail = "")
      : head_(std::move(head)), record_(std::move(record)), count_(count), tail_(std::move(tail)) {}

  // Read by a test's output while a reading thread adds to it.
  size_t produced() const { return produced_.load(); }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    buffer_.clear();
    if (!head_.empty()) {
      buffer_.swap(head_);
    } else {
      while (buffer_.size() < 4096 && emitted_ < count_) {
        buffer_ += record_;
        ++emitted_;
      }
      if (buffer_.empty()) buffer_.swap(tail_);
    }
    if (buffer_.empty()) return traits_type::eof();
    produced_ += buffer_.size();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_, record_;
  size_t count_;
  std::string tail_;
  std::string buffer_;
  size_t emitted_ = 0;
  std::atomic<size_t> produced_{0};
};

// An output stream that fails after `limit` bytes, as a pipe whose reader went away.
class FailingBuf : public std::streambuf {
 public:
  explicit FailingBuf(size_t limit) : limit_(limit) {}
  std::string written;

 protected:
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    if (written.size() >= limit_) return traits_type::eof();
    written.push_back(traits_type::to_char_type(c));
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const size_t room = limit_ - std::min(limit_, written.size());
    const size_t take = std::min(room, static_cast<size_t>(n));
    written.append(s, take);
    return static_cast<std::streamsize>(take);
  }

 private:
  size_t limit_;
};

std::string Record(std::string_view id, std::string_view text) {
  return Json{{"id", id}, {"text", text}}.dump() + "\n";
}

struct BatchRun {
  absl::StatusOr<BatchStats> stats;
  std::string output;
  std::vector<Json> lines;
};

BatchRun RunOn(const Tagger& tagger, std::istream& in, BatchOptions options) {
  BatchRun run;
  std::ostringstream out;
  run.stats = RunBatch(tagger, in, out, options);
  run.output = out.str();
  std::istringstream lines(run.output);
  for (std::string line; std::getline(lines, line);) run.lines.push_back(Json::parse(line));
  return run;
}

BatchRun RunOn(const Tagger& tagger, const std::string& input, BatchOptions options = BatchOptions()) {
  std::istringstream in(input);
  return RunOn(tagger, in, options);
}

std::string ErrorOf(const Json& line) { return line.value("error", std::string()); }

class RobustnessTest : public testing::DefaultTaggerTest {
 protected:
  static std::vector<std::string> Articles() {
    return {testing::ReadTestFile("articles/eu-energy-migration.txt"),
            testing::ReadTestFile("articles/domestic-uk.txt"),
            testing::ReadTestFile("articles/unicode-dispatch.txt"),
            testing::ReadTestFile("articles/asia-tech-security.txt")};
  }
};

TEST_F(RobustnessTest, OneTaggerSharedByManyThreadsGivesTheSingleThreadedResults) {
  const std::vector<std::string> articles = Articles();
  std::vector<std::string> expected;
  for (const std::string& a : articles) expected.push_back(ToJson(*tagger_, testing::MustTag(*tagger_, a), a, "x"));
  constexpr int kThreads = 8;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 6; ++round) {
        const size_t i = static_cast<size_t>(t + round) % articles.size();
        absl::StatusOr<DocumentTags> tags = tagger_->Tag(articles[i]);
        if (!tags.ok() || ToJson(*tagger_, *tags, articles[i], "x") != expected[i]) ++mismatches;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(RobustnessTest, BatchOutputIsByteIdenticalForEveryThreadCountAndChunkSize) {
  const std::vector<std::string> articles = Articles();
  std::string input;
  for (int i = 0; i < 24; ++i) {
    if (i % 7 == 3) input += "{\"id\": \"broken-" + std::to_string(i) + "\", \"text\": \n";
    else if (i % 11 == 5) input += "\n";
    else input += Record("doc-" + std::to_string(i), articles[static_cast<size_t>(i) % articles.size()]);
  }
  input += "{\"id\": \"unterminated\", \"text\": \"A ceasefire was agreed.\"}";  // no final newline
  BatchOptions options;
  options.chunk_records = 64;
  options.threads = 1;
  const BatchRun reference = RunOn(*tagger_, input, options);
  ASSERT_TRUE(reference.stats.ok()) << reference.stats.status();
  EXPECT_EQ(reference.lines.size(), 25u);
  EXPECT_EQ(reference.lines.back()["id"], "unterminated");
  for (int threads : {2, 3, 8}) {
    for (size_t chunk : {1, 2, 5, 64}) {
      options.threads = threads;
      options.chunk_records = chunk;
      const BatchRun run = RunOn(*tagger_, input, options);
      ASSERT_TRUE(run.stats.ok());
      EXPECT_EQ(run.output, reference.output) << threads << " threads, chunks of " << chunk;
    }
  }
}

TEST_F(RobustnessTest, EveryKindOfBadLineGivesExactlyOneLine) {
  TaggerOptions small;
  small.max_document_bytes = 100;
  auto tagger = testing::MustCreate(DefaultLexicons(), small);
  const std::string input =
      "\n"                                                      // empty
      "   \t\r\n"                                               // blank with CR
      "\r\n"                                                    // a CRLF empty line
      "{\"id\": \"big\", \"text\": \"" + std::string(101, 'a') + "\"}\n"  // over the document limit
      "{\"id\": \"ok\", \"text\": \"The summit ended.\"}\n"
      "{\"text\": \"x\", \"id\": true}\n"                          // a bool id
      "{\"id\": \"arr\", \"text\": [\"a\"]}\n"                     // text not a string
      "{\"id\": \"late\", \"text\": \"a\"} trailing\n"             // garbage after the object
      "\"just a string\"\n"
      "{\"id\": \"last\"";                                      // truncated, no newline
  const BatchRun run = RunOn(*tagger, input);
  ASSERT_TRUE(run.stats.ok());
  ASSERT_EQ(run.lines.size(), 10u);
  EXPECT_EQ(run.stats->records, 10u);
  EXPECT_EQ(run.stats->tagged, 1u);
  EXPECT_EQ(run.stats->failed, 9u);
  for (int i : {0, 1, 2}) EXPECT_NE(ErrorOf(run.lines[i]).find("empty line"), std::string::npos) << i;
  EXPECT_EQ(run.lines[3]["id"], "big");
  EXPECT_NE(ErrorOf(run.lines[3]).find("over the limit of 100 bytes"), std::string::npos);
  EXPECT_EQ(ErrorOf(run.lines[4]), "");
  EXPECT_NE(ErrorOf(run.lines[5]).find("\"id\" must be"), std::string::npos);
  EXPECT_EQ(run.lines[6]["id"], "arr");
  EXPECT_NE(ErrorOf(run.lines[6]).find("no string \"text\""), std::string::npos);
  EXPECT_EQ(run.lines[7]["id"], "late");  // not JSON as a whole, but its id was read
  EXPECT_NE(ErrorOf(run.lines[7]).find("not valid JSON"), std::string::npos);
  EXPECT_NE(ErrorOf(run.lines[8]).find("not a JSON object"), std::string::npos);
  EXPECT_NE(ErrorOf(run.lines[9]).find("not valid JSON"), std::string::npos);
}

// The reader takes lines in blocks of 64 KiB: lines that end just before, at and just
// after a block boundary must come through whole.
TEST_F(RobustnessTest, LinesAtTheReadBlockBoundariesArriveWhole) {
  const std::string shell = Record("b", "");
  std::string input;
  std::vector<size_t> lengths;
  for (size_t line_length : {65534, 65535, 65536, 65537, 131071, 131072, 131073, 200000}) {
    const size_t text = line_length - (shell.size() - 1);
    std::string record = Record("b", std::string(text - 1, 'w') + ".");
    EXPECT_EQ(record.size() - 1, line_length);
    input += record;
    lengths.push_back(text);
  }
  const BatchRun run = RunOn(*tagger_, input);
  ASSERT_TRUE(run.stats.ok());
  ASSERT_EQ(run.lines.size(), lengths.size());
  for (size_t i = 0; i < lengths.size(); ++i) {
    EXPECT_EQ(ErrorOf(run.lines[i]), "") << i;
    EXPECT_EQ(run.lines[i]["paragraphs"][0]["end"], lengths[i]) << i;
  }
}

TEST_F(RobustnessTest, ALineOverTheLineLimitFailsFastAndKeepsItsId) {
  BatchOptions options;
  options.max_line_bytes = 1000;
  const std::string input = "{\"id\": \"first\", \"text\": \"" + std::string(5000, 'x') + "\"}\n" +
                            "{\"text\": \"" + std::string(5000, 'x') + "\", \"id\": \"after\"}\n" +
                            Record("fine", "Talks resumed.");
  const BatchRun run = RunOn(*tagger_, input, options);
  ASSERT_TRUE(run.stats.ok());
  ASSERT_EQ(run.lines.size(), 3u);
  EXPECT_EQ(run.lines[0]["id"], "first");
  EXPECT_NE(ErrorOf(run.lines[0]).find("the line is 5027 bytes, over the limit of 1000 bytes"), std::string::npos)
      << run.lines[0];
  EXPECT_TRUE(run.lines[1]["id"].is_null());  // written after the text: beyond the kept prefix
  EXPECT_EQ(ErrorOf(run.lines[2]), "");
}

TEST_F(RobustnessTest, AHundredMegabyteLineIsOneErrorLineAndTheRunGoesOn) {
  constexpr size_t kTextBytes = 100'000'000;
  for (size_t max_document_bytes : {size_t{1} << 20, size_t{16} << 20}) {
    TaggerOptions options;
    options.max_document_bytes = max_document_bytes;
    auto tagger = testing::MustCreate(DefaultLexicons(), options);
    RepeatBuf buf("{\"id\": \"huge\", \"text\": \"", std::string(1000, 'z'), kTextBytes / 1000,
                  "\"}\n" + Record("next", "Sanctions were lifted."));
    std::istream in(&buf);
    const BatchRun run = RunOn(*tagger, in, BatchOptions());
    ASSERT_TRUE(run.stats.ok());
    ASSERT_EQ(run.lines.size(), 2u);
    EXPECT_EQ(run.lines[0]["id"], "huge");
    EXPECT_NE(ErrorOf(run.lines[0]).find("over the limit"), std::string::npos) << run.lines[0];
    EXPECT_EQ(run.lines[1]["id"], "next");
    EXPECT_EQ(ErrorOf(run.lines[1]), "");
  }
}

// Runs 5000 copies of `record` and returns, over every time output is written, the most
// records the input had been read past the output by, or SIZE_MAX if the run failed.
size_t WorstReadAhead(const Tagger& tagger, const std::string& record, const BatchOptions& options) {
  RepeatBuf buf("", record, 5000);
  std::istream in(&buf);
  struct Sink : std::streambuf {
    const RepeatBuf* source;
    size_t record_size;
    size_t written = 0, worst_lead = 0;
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      written += static_cast<size_t>(std::count(s, s + n, '\n'));
      worst_lead = std::max(worst_lead, source->produced() / record_size - std::min(source->produced() / record_size, written));
      return n;
    }
    int_type overflow(int_type c) override {
      if (c == '\n') ++written;
      return traits_type::not_eof(c);
    }
  } sink;
  sink.source = &buf;
  sink.record_size = record.size();
  std::ostream out(&sink);
  absl::StatusOr<BatchStats> stats = RunBatch(tagger, in, out, options);
  if (!stats.ok() || stats->records != 5000 || sink.written != 5000) return SIZE_MAX;
  return sink.worst_lead;
}

TEST_F(RobustnessTest, BatchReadsAheadOnlyOneChunk) {
  const std::string record = Record("r", "The minister resigned over the scandal.");
  // The input read may exceed the output by the records in flight (threads x
  // chunk_records) and one buffer of the stream, never by the whole input.
  BatchOptions options;
  options.threads = 2;
  options.chunk_records = 8;
  EXPECT_LE(WorstReadAhead(*tagger_, record, options), 2 * 8 + 4096 / record.size() + 2);
}

TEST_F(RobustnessTest, BatchKeepsToItsByteBudgetWhateverTheThreads) {
  const std::string record = Record("r", "The minister resigned over the scandal.");
  // A budget of three lines lets four be in flight (the last one takes it over), however
  // many threads and slots there are.
  for (int threads : {1, 3}) {
    BatchOptions options;
    options.threads = threads;
    options.chunk_records = 64;
    options.max_buffered_bytes = 3 * record.size();
    EXPECT_LE(WorstReadAhead(*tagger_, record, options), 4 + 4096 / record.size() + 2) << threads;
  }
}

// An input stream that breaks after `limit` bytes, as a file on a failing disk: the
// stream's reads throw, which std::istream turns into badbit.
class BreakingBuf : public std::streambuf {
 public:
  BreakingBuf(std::string data, size_t limit) : data_(std::move(data)), limit_(limit) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (served_ >= limit_) throw std::runtime_error("the disk went away");
    // Small pieces, so that the failure comes in the middle of a line.
    const size_t n = std::min<size_t>({100, limit_ - served_, data_.size() - served_});
    if (n == 0) return traits_type::eof();
    char* p = &data_[served_];
    served_ += n;
    setg(p, p, p + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string data_;
  size_t limit_;
  size_t served_ = 0;
};

TEST_F(RobustnessTest, BatchWritesWhatWasReadBeforeTheInputFailedThenStops) {
  std::string input;
  std::vector<size_t> line_ends;
  for (int i = 0; i < 40; ++i) {
    input += Record(std::to_string(i), "Troops crossed the border.");
    line_ends.push_back(input.size());
  }
  // In the middle of record 23 (counting from 0), and just before it.
  for (const auto& [limit, threads] : {std::pair<size_t, int>{line_ends[22] + 10, 1}, {line_ends[22] + 10, 2},
                                       {line_ends[22], 1}, {line_ends[22], 2}}) {
    BreakingBuf buf(input, limit);
    std::istream in(&buf);
    BatchOptions options;
    options.threads = threads;
    options.chunk_records = 4;
    const BatchRun run = RunOn(*tagger_, in, options);
    ASSERT_FALSE(run.stats.ok()) << threads << " threads, failing at byte " << limit;
    EXPECT_EQ(run.stats.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_NE(run.stats.status().message().find("after 23 records; the output holds the first 23"), std::string::npos)
        << run.stats.status();
    ASSERT_EQ(run.lines.size(), 23u) << threads << " threads, failing at byte " << limit;
    for (size_t i = 0; i < run.lines.size(); ++i) {
      EXPECT_EQ(run.lines[i]["id"], std::to_string(i));
      EXPECT_EQ(ErrorOf(run.lines[i]), "");
    }
  }
}

TEST_F(RobustnessTest, AnOutputThatFailsMidwayStopsTheRunWithACount) {
  std::string input;
  for (int i = 0; i < 50; ++i) input += Record(std::to_string(i), "Troops crossed the border.");
  std::istringstream in(input);
  FailingBuf sink(1500);
  std::ostream out(&sink);
  BatchOptions options;
  options.chunk_records = 4;
  absl::StatusOr<BatchStats> stats = RunBatch(*tagger_, in, out, options);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), absl::StatusCode::kUnavailable);
  // Of the records it took, the sink holds two whole lines and part of the third.
  const size_t lines = static_cast<size_t>(std::count(sink.written.begin(), sink.written.end(), '\n'));
  EXPECT_EQ(lines, 2u);
  EXPECT_NE(stats.status().message().find(absl::StrCat("after ", lines, " records: the output holds ", lines,
                                                       " whole lines and may end in part of the next one")),
            std::string::npos)
      << stats.status();
}

// Regression, batch fuzzer: a deeply nested record must not exhaust the stack or build
// a tree many times the size of its line.
TEST_F(RobustnessTest, DeeplyNestedRecordsAreErrorsNotCrashes) {
  const std::string deep = "{\"id\": \"deep\", \"x\": " + std::string(200000, '[') + "}\n";
  std::string wide = "{\"id\": \"wide\", \"x\": [0";
  for (int i = 0; i < 500000; ++i) wide += ",0";
  wide += "]}\n";
  const BatchRun run = RunOn(*tagger_, deep + wide);
  ASSERT_TRUE(run.stats.ok());
  ASSERT_EQ(run.lines.size(), 2u);
  EXPECT_NE(ErrorOf(run.lines[0]).find("not valid JSON"), std::string::npos);
  EXPECT_EQ(run.lines[1]["id"], "wide");
}

TEST_F(RobustnessTest, DocumentLimitAndUtf8PolicyAreExplicit) {
  TaggerOptions options;
  options.max_document_bytes = 10;
  auto tagger = testing::MustCreate(DefaultLexicons(), options);
  absl::StatusOr<DocumentTags> big = tagger->Tag("eleven byte");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(big.status().message().find("11 bytes is over the limit of 10 bytes"), std::string::npos);
  EXPECT_TRUE(tagger->Tag("ten bytes.").ok());

  absl::StatusOr<DocumentTags> bad = tagger_->Tag("ok \xE2\x82 broken");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("byte offset 3"), std::string::npos);
  options.max_document_bytes = 1 << 20;
  options.repair_invalid_utf8 = true;
  auto repairing = testing::MustCreate(DefaultLexicons(), options);
  absl::StatusOr<DocumentTags> repaired = repairing->Tag("ok \xE2\x82 broken");
  ASSERT_TRUE(repaired.ok());
  EXPECT_EQ(repaired->repaired_text, "ok \xEF\xBF\xBD broken");
}

// The tagger finds ill-formed UTF-8 while tokenizing, not in a pass of its own: in
// documents of paragraphs, headings, no-break-space lines and every kind of ill-formed
// sequence, it must refuse exactly those that FindInvalidUtf8 refuses, at its offset,
// and when repairing must tag them exactly as it tags their repaired text.
TEST_F(RobustnessTest, IllFormedUtf8IsFoundWhereverItStands) {
  TaggerOptions options;
  options.repair_invalid_utf8 = true;
  auto repairing = testing::MustCreate(DefaultLexicons(), options);
  constexpr std::string_view kValid[] = {
      "Sanctions", " on ", "the regime", " were tightened", ". ", "\n\n", "\n", "# Talks in Geneva\n\n",
      "\u00A0\n", "  \n\n", "Russia\u2019s", " \u2013 ", "\u201Cwar\u201D", "Z\u00FCrich", "\u4E2D\u56FD"};
  constexpr std::string_view kIllFormed[] = {"\x80", "\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF5\x80\x80\x80",
                                             "\xFF", "\xE2\x80", "\xC2"};
  std::mt19937 rng(20261128);
  size_t refused = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    for (size_t n = rng() % 40; n > 0; --n)
      text += rng() % 12 == 0 ? kIllFormed[rng() % std::size(kIllFormed)] : kValid[rng() % std::size(kValid)];
    const size_t bad = internal::FindInvalidUtf8(text);
    absl::StatusOr<DocumentTags> strict = tagger_->Tag(text);
    ASSERT_EQ(strict.ok(), bad == std::string_view::npos) << "[" << text << "]";
    if (!strict.ok()) {
      ++refused;
      EXPECT_NE(strict.status().message().find(absl::StrCat("byte offset ", bad, ";")), std::string::npos)
          << strict.status() << " [" << text << "]";
    }
    absl::StatusOr<DocumentTags> repaired = repairing->Tag(text);
    ASSERT_TRUE(repaired.ok()) << repaired.status();
    EXPECT_EQ(repaired->repaired_text.empty(), bad == std::string_view::npos);
    const std::string fixed = internal::RepairUtf8(text);
    EXPECT_EQ(ToJson(*repairing, *repaired, text, std::nullopt),
              ToJson(*repairing, testing::MustTag(*repairing, fixed), fixed, std::nullopt))
        << "[" << text << "]";
  }
  EXPECT_GT(refused, 500u);
}

}  // namespace
}  // namespace polytag
