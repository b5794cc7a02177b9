// RunBatch: one output line per input line, in order, errors as records.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <streambuf>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "batch_record.h"

#include "gtest/gtest.h"
#include "test_util.h"

namespace polytag {
namespace {

using Json = nlohmann::json;

std::vector<Json> RunLines(const Tagger& tagger, const std::string& input, int threads, BatchStats* stats,
                           std::string* raw = nullptr) {
  std::istringstream in(input);
  std::ostringstream out;
  BatchOptions options;
  options.threads = threads;
  options.chunk_records = 3;  // small chunks exercise the chunk boundaries
  absl::StatusOr<BatchStats> s = RunBatch(tagger, in, out, options);
  EXPECT_TRUE(s.ok()) << s.status();
  if (s.ok()) *stats = *s;
  if (raw) *raw = out.str();
  std::vector<Json> lines;
  std::istringstream lines_in(out.str());
  for (std::string line; std::getline(lines_in, line);) lines.push_back(Json::parse(line));
  return lines;
}

class BatchTest : public testing::DefaultTaggerTest {};

TEST_F(BatchTest, EveryInputLineGetsOneOutputLineInOrder) {
  const std::string input =
      "{\"id\": \"a\", \"text\": \"New sanctions target the oil sector.\"}\n"
      "not json at all\n"
      "\n"
      "{\"id\": 7, \"text\": \"Ransomware hit a hospital.\"}\n"
      "{\"id\": \"no-text\"}\n"
      "{\"id\": \"num-text\", \"text\": 42}\n"
      "[1, 2]\n"
      "{\"id\": \"bad-utf8\", \"text\": \"caf\xC3\"}\r\n"
      "{\"id\": {\"nested\": true}, \"text\": \"x\"}\n"
      "{\"id\": \"last\", \"text\": \"Parliament voted on the budget.\"}";  // no final newline
  BatchStats stats;
  const std::vector<Json> out = RunLines(*tagger_, input, 1, &stats);
  ASSERT_EQ(out.size(), 10u);
  EXPECT_EQ(stats.records, 10u);
  EXPECT_EQ(stats.tagged, 3u);
  EXPECT_EQ(stats.failed, 7u);
  EXPECT_EQ(out[0]["id"], "a");
  EXPECT_FALSE(out[0].contains("error"));
  EXPECT_EQ(out[0].at("document").at("themes").at(0).at("id"), "trade_sanctions");
  EXPECT_TRUE(out[1]["id"].is_null());
  EXPECT_NE(out[1]["error"].get<std::string>().find("not valid JSON"), std::string::npos);
  EXPECT_NE(out[2]["error"].get<std::string>().find("empty line"), std::string::npos);
  EXPECT_EQ(out[3]["id"], "7");  // numeric ids come back as strings
  EXPECT_FALSE(out[3].contains("error"));
  EXPECT_EQ(out[4]["id"], "no-text");
  EXPECT_NE(out[4]["error"].get<std::string>().find("no string \"text\""), std::string::npos);
  EXPECT_EQ(out[5]["id"], "num-text");
  EXPECT_TRUE(out[5].contains("error"));
  EXPECT_NE(out[6]["error"].get<std::string>().find("not a JSON object"), std::string::npos);
  EXPECT_EQ(out[7]["id"], "bad-utf8");  // the id survives the bad bytes
  EXPECT_NE(out[7]["error"].get<std::string>().find("invalid UTF-8 at byte offset"), std::string::npos);
  EXPECT_NE(out[8]["error"].get<std::string>().find("\"id\" must be a string or a number"), std::string::npos);
  EXPECT_EQ(out[9]["id"], "last");
  EXPECT_FALSE(out[9].contains("error"));
}

TEST_F(BatchTest, AnIdReadBeforeAJsonErrorIsKeptAndTheErrorQuotesLittle) {
  const std::string huge_text(3 << 20, 'a');
  const std::string input = absl::StrCat(
      "{\"id\":\"r7\",\"text\":\"x\",}\n"                           // a trailing comma
      "{\"id\": 12, \"text\": \"Talks resumed.\"} trailing words\n"  // junk after the object
      "{\"text\": \"x\", \"id\": \"after-the-error\"\n"            // never closed: read all the same
      "{\"text\": \"x\", \"id\": [\"r9\"], }\n"                     // no valid id to keep
      "{\"id\":\"huge\",\"text\":\"",
      huge_text, "\\x\"}\n");  // a bad escape at the end of 3 MB of text
  BatchStats stats;
  const std::vector<Json> out = RunLines(*tagger_, input, 1, &stats);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(stats.failed, 5u);
  EXPECT_EQ(out[0]["id"], "r7");
  EXPECT_EQ(out[1]["id"], "12");
  EXPECT_EQ(out[2]["id"], "after-the-error");
  EXPECT_TRUE(out[3]["id"].is_null());
  EXPECT_EQ(out[4]["id"], "huge");
  for (const Json& line : out) EXPECT_NE(line["error"].get<std::string>().find("not valid JSON"), std::string::npos);
  const std::string error = out[4]["error"];
  EXPECT_LT(error.size(), 300u) << error.substr(0, 300);
  EXPECT_NE(error.find("last read: '...aaaaaaaa"), std::string::npos) << error.substr(0, 300);
  EXPECT_NE(error.find("aaa\\x'"), std::string::npos) << error.substr(0, 300);
}

TEST_F(BatchTest, ATaggerThatRepairsUtf8TagsRecordsThatHoldInvalidUtf8) {
  TaggerOptions repair;
  repair.repair_invalid_utf8 = true;
  const std::unique_ptr<Tagger> repairing = testing::MustCreate(DefaultLexicons(), repair);
  // Bad bytes in the text (before an escape, and a truncated sequence at its end) and
  // in the id.
  const std::string input =
      "{\"id\": \"d\", \"text\": \"Hackers leaked \xc3\\u00e9mails and \xff sanctions followed.\xe2\x82\"}\n"
      "{\"id\": \"e\xff\", \"text\": \"Refugees crossed the border.\"}\n";
  BatchStats stats;
  const std::vector<Json> out = RunLines(*repairing, input, 1, &stats);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(stats.tagged, 2u);
  EXPECT_FALSE(out[0].contains("error")) << out[0];
  // What Tag() makes of the decoded text, repaired by the tagger itself.
  const std::string text = "Hackers leaked \xc3\xc3\xa9mails and \xff sanctions followed.\xe2\x82";
  const DocumentTags tags = testing::MustTag(*repairing, text);
  ASSERT_FALSE(tags.repaired_text.empty());
  EXPECT_EQ(out[0], Json::parse(ToJson(*repairing, tags, text, "d", ReportOptions())));
  EXPECT_EQ(out[1]["id"], "e\xef\xbf\xbd");
  EXPECT_FALSE(out[1].contains("error"));
  // Without the repair, both are refused.
  const std::vector<Json> refused = RunLines(*tagger_, input, 1, &stats);
  EXPECT_EQ(stats.failed, 2u);
  EXPECT_NE(refused[0]["error"].get<std::string>().find("invalid UTF-8 at byte offset 36"), std::string::npos);
}

TEST_F(BatchTest, AFileWithCrLineEndsIsToldSo) {
  const std::string cr_file =
      "{\"id\": \"a\", \"text\": \"Talks resumed.\"}\r{\"id\": \"b\", \"text\": \"Sanctions.\"}\r";
  BatchStats stats;
  std::vector<Json> out = RunLines(*tagger_, cr_file, 1, &stats);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["id"], "a");
  const std::string hint = "the input seems to use CR line ends, which make it one line: convert them to LF";
  EXPECT_NE(out[0]["error"].get<std::string>().find(hint), std::string::npos) << out[0];
  // Over the line limit, as a long file of such records is, the hint comes from its prefix.
  std::istringstream in(cr_file + std::string(200, ' '));
  std::ostringstream sink;
  BatchOptions options;
  options.max_line_bytes = 100;
  ASSERT_TRUE(RunBatch(*tagger_, in, sink, options).ok());
  const Json line = Json::parse(sink.str());
  EXPECT_NE(line["error"].get<std::string>().find("over the limit of 100 bytes"), std::string::npos) << line;
  EXPECT_NE(line["error"].get<std::string>().find(hint), std::string::npos) << line;
  // CRLF line ends are read as they always were, and a CR elsewhere says nothing of it.
  out = RunLines(*tagger_, "{\"id\": \"a\", \"text\": \"Talks resumed.\"}\r\n{\"id\": \"b\",\r \"text\": 5}\r\n", 1,
                 &stats);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FALSE(out[0].contains("error"));
  EXPECT_EQ(out[1]["error"].get<std::string>().find("CR line ends"), std::string::npos) << out[1];
}

TEST_F(BatchTest, ANumberIdComesBackAsWritten) {
  // As doubles, the first three were one id.
  const std::vector<std::string> ids = {"1e20", "100000000000000000001", "100000000000000000002", "1.0",
                                        "1e2",  "-0.0",                  "1.5E+3",                "12",
                                        "-7",   "18446744073709551615",  "18446744073709551616"};
  std::string input;
  for (const std::string& id : ids) input += absl::StrCat("{\"id\": ", id, ", \"text\": \"Talks resumed.\"}\n");
  // Also when the record fails, and when the line is over the limit and read for its id.
  input += "{\"id\": 2.50, \"text\": 5}\n";
  input += absl::StrCat("{\"id\": 3e0, \"text\": \"", std::string(300, 'a'), "\"}\n");
  std::istringstream in(input);
  std::ostringstream out;
  BatchOptions options;
  options.max_line_bytes = 200;
  ASSERT_TRUE(RunBatch(*tagger_, in, out, options).ok());
  std::istringstream lines(out.str());
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(Json::parse(line)["id"]);
  std::vector<std::string> expected = ids;
  expected.push_back("2.50");
  expected.push_back("3e0");
  EXPECT_EQ(got, expected);
}

TEST_F(BatchTest, OutputIsByteIdenticalWhateverTheThreadCount) {
  std::string input;
  const std::vector<std::string> docs = {testing::ReadTestFile("articles/eu-energy-migration.txt"),
                                         testing::ReadTestFile("articles/domestic-uk.txt"),
                                         testing::ReadTestFile("articles/unicode-dispatch.txt")};
  for (int i = 0; i < 20; ++i) {
    Json record = {{"id", "doc-" + std::to_string(i)}, {"text", docs[i % docs.size()]}};
    input += (i == 7 ? std::string("{broken") : record.dump()) + "\n";
  }
  BatchStats s1, s2, s4;
  std::string out1, out2, out4;
  RunLines(*tagger_, input, 1, &s1, &out1);
  RunLines(*tagger_, input, 2, &s2, &out2);
  RunLines(*tagger_, input, 4, &s4, &out4);
  EXPECT_EQ(s1.records, 20u);
  EXPECT_EQ(s1.failed, 1u);
  EXPECT_EQ(out1, out2);
  EXPECT_EQ(out1, out4);
}

// Records whose tagging takes from microseconds (a short sentence, an error) to a
// thousand times that (an article) finish out of order under several threads; the
// output must still be the input's order, byte for byte the single-threaded one, at
// every ring size, and when the byte budget lets only one record be in flight.
TEST_F(BatchTest, RecordsOfMixedCostsComeOutInInputOrderWhateverTheThreadsChunksAndBudget) {
  const std::string article = testing::ReadTestFile("articles/eu-energy-migration.txt");
  constexpr int kRecords = 150;
  std::string input;
  std::vector<Json> expected_ids;
  for (int i = 0; i < kRecords; ++i) {
    std::string line;
    Json id = i;
    if (i % 11 == 3) {
      line = "";  // an empty line: an error with no id
      id = nullptr;
    } else if (i % 7 == 5) {
      line = Json{{"id", i}, {"text", i}}.dump();  // an error that keeps its id
    } else if (i % 10 == 0) {
      line = Json{{"id", i}, {"text", article}}.dump();
    } else {
      std::string text = "Sanctions were lifted";
      for (int w = 0; w < i % 13; ++w) text += " after talks";
      line = Json{{"id", i}, {"text", text + "."}}.dump();
    }
    input += line + "\n";
    expected_ids.push_back(id.is_null() ? id : Json(std::to_string(i)));
  }
  BatchStats reference_stats;
  std::string reference;
  RunLines(*tagger_, input, 1, &reference_stats, &reference);
  EXPECT_EQ(reference_stats.records, size_t{kRecords});
  EXPECT_GT(reference_stats.failed, 20u);
  for (int threads : {1, 2, 3, 8}) {
    for (size_t chunk : {size_t{1}, size_t{2}, size_t{5}, size_t{64}}) {
      for (size_t budget : {size_t{1}, BatchOptions().max_buffered_bytes}) {
        std::istringstream in(input);
        std::ostringstream out;
        BatchOptions options;
        options.threads = threads;
        options.chunk_records = chunk;
        options.max_buffered_bytes = budget;
        absl::StatusOr<BatchStats> stats = RunBatch(*tagger_, in, out, options);
        const std::string where = absl::StrCat(threads, " threads, chunks of ", chunk, ", budget ", budget);
        ASSERT_TRUE(stats.ok()) << stats.status() << " " << where;
        EXPECT_EQ(stats->records, reference_stats.records) << where;
        EXPECT_EQ(stats->failed, reference_stats.failed) << where;
        ASSERT_EQ(out.str(), reference) << where;
      }
    }
  }
  std::istringstream lines(reference);
  std::vector<Json> ids;
  for (std::string line; std::getline(lines, line);) ids.push_back(Json::parse(line)["id"]);
  EXPECT_EQ(ids, expected_ids);
}

TEST_F(BatchTest, MoreThreadsThanRecords) {
  const std::string two = "{\"id\": \"a\", \"text\": \"Talks resumed.\"}\n{\"id\": \"b\"}";
  const std::vector<std::pair<std::string, size_t>> cases = {{"", 0}, {"\n", 1}, {two, 2}};
  for (const auto& [input, records] : cases) {
    BatchStats one, many;
    std::string out_one, out_many;
    RunLines(*tagger_, input, 1, &one, &out_one);
    const std::vector<Json> lines = RunLines(*tagger_, input, 8, &many, &out_many);
    EXPECT_EQ(out_many, out_one);
    EXPECT_EQ(many.records, records);
    EXPECT_EQ(lines.size(), records);
    EXPECT_EQ(many.tagged + many.failed, records);
  }
  BatchStats stats;
  const std::vector<Json> lines = RunLines(*tagger_, two, 8, &stats);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["id"], "a");
  EXPECT_FALSE(lines[0].contains("error"));
  EXPECT_EQ(lines[1]["id"], "b");
  EXPECT_TRUE(lines[1].contains("error"));
}

// An output that is not safe to use from two threads at once, as a file's buffer is not;
// it counts the calls that overlapped another.
class OneThreadAtATimeBuf : public std::streambuf {
 public:
  std::string written;
  size_t flushed = 0;
  std::atomic<int> overlaps{0};

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    Enter();
    written.append(s, static_cast<size_t>(n));
    Leave();
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) xsputn(std::string(1, traits_type::to_char_type(c)).data(), 1);
    return traits_type::not_eof(c);
  }
  int sync() override {
    Enter();
    flushed = written.size();
    std::this_thread::yield();  // widens the window in which a write would overlap
    Leave();
    return 0;
  }

 private:
  void Enter() {
    if (active_.fetch_add(1) != 0) ++overlaps;
  }
  void Leave() { active_.fetch_sub(1); }
  std::atomic<int> active_{0};
};

// std::cin is tied to std::cout: reading flushes the output first. The reading worker
// must not flush the output that another worker is writing to at that moment.
TEST_F(BatchTest, AnInputTiedToTheOutputDoesNotFlushItFromAnotherThread) {
  std::string input;
  for (int i = 0; i < 200; ++i) input += Json{{"id", i}, {"text", "Talks resumed in Geneva."}}.dump() + "\n";
  BatchStats stats;
  std::string reference;
  RunLines(*tagger_, input, 1, &stats, &reference);
  OneThreadAtATimeBuf buf;
  std::ostream out(&buf);
  std::istringstream in(input);
  in.tie(&out);
  BatchOptions options;
  options.threads = 2;
  options.chunk_records = 1;  // many small reads, each of which would flush
  absl::StatusOr<BatchStats> s = RunBatch(*tagger_, in, out, options);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(buf.overlaps.load(), 0);
  EXPECT_EQ(buf.written, reference);
  EXPECT_EQ(in.tie(), &out);  // tied again afterwards
}

TEST_F(BatchTest, AClosedOutputIsAnErrorNotACrash) {
  std::istringstream in("{\"id\": \"a\", \"text\": \"Talks.\"}\n");
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  absl::StatusOr<BatchStats> s = RunBatch(*tagger_, in, out, BatchOptions());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kUnavailable);
}

// A disk that fills up: takes `capacity` bytes, then fails. Its buffer is small, so a
// flush writes part of what it holds before failing, as a write(2) cut short does.
class FullDiskBuf : public std::streambuf {
 public:
  explicit FullDiskBuf(size_t capacity) : capacity_(capacity) { setp(buffer_, buffer_ + sizeof buffer_); }
  std::string written;

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override {
    const size_t pending = static_cast<size_t>(pptr() - pbase());
    const size_t taken = std::min(pending, capacity_ - written.size());
    written.append(pbase(), taken);
    setp(buffer_, buffer_ + sizeof buffer_);
    return taken == pending ? 0 : -1;
  }

 private:
  size_t capacity_;
  char buffer_[100];
};

TEST_F(BatchTest, AfterAWriteFailureTheCountIsTheWholeLinesWritten) {
  std::string input;
  for (int i = 0; i < 300; ++i) input += Json{{"id", i}, {"text", "Talks resumed in Geneva."}}.dump() + "\n";
  for (int threads : {1, 2}) {
    for (size_t capacity : {size_t{0}, size_t{5000}, size_t{20011}}) {
      FullDiskBuf buf(capacity);
      std::ostream out(&buf);
      std::istringstream in(input);
      BatchOptions options;
      options.threads = threads;
      options.chunk_records = 16;
      const absl::StatusOr<BatchStats> s = RunBatch(*tagger_, in, out, options);
      ASSERT_EQ(s.status().code(), absl::StatusCode::kUnavailable) << capacity;
      const size_t lines = static_cast<size_t>(std::count(buf.written.begin(), buf.written.end(), '\n'));
      ASSERT_EQ(buf.written.size(), capacity);
      ASSERT_LT(lines, 300u);
      EXPECT_NE(s.status().message().find(absl::StrCat("after ", lines, " records: the output holds ", lines,
                                                       " whole lines and may end in part of the next one")),
                std::string::npos)
          << s.status() << " with " << lines << " lines written, threads " << threads;
    }
  }
  // A stream that failed before the run takes nothing.
  std::istringstream in(input);
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  const absl::StatusOr<BatchStats> s = RunBatch(*tagger_, in, out, BatchOptions());
  EXPECT_NE(s.status().message().find("after 0 records: the output holds 0 whole lines and nothing more"),
            std::string::npos)
      << s.status();
}

TEST_F(BatchTest, OptionsOutOfRangeAreRejectedBeforeAnythingIsReadOrWritten) {
  // Each of these once hung (a ring size that wraps to 0), threw std::length_error or
  // allocated gigabytes up front.
  struct Case {
    int threads;
    size_t chunk_records;
    const char* field;
  };
  const Case cases[] = {
      {0, 64, "BatchOptions::threads must be from 1 to 256, not 0"},
      {-3, 64, "BatchOptions::threads must be from 1 to 256, not -3"},
      {257, 64, "BatchOptions::threads must be from 1 to 256, not 257"},
      {1 << 20, 64, "BatchOptions::threads must be from 1 to 256"},
      {1, 0, "BatchOptions::chunk_records must be from 1 to 1024, not 0"},
      {1, 1025, "BatchOptions::chunk_records must be from 1 to 1024, not 1025"},
      {2, SIZE_MAX / 2 + 1, "BatchOptions::chunk_records must be from 1 to 1024"},
      {1, SIZE_MAX, "BatchOptions::chunk_records must be from 1 to 1024"},
  };
  for (const Case& c : cases) {
    std::istringstream in("{\"id\": \"a\", \"text\": \"Talks.\"}\n");
    std::ostringstream out;
    BatchOptions options;
    options.threads = c.threads;
    options.chunk_records = c.chunk_records;
    const absl::StatusOr<BatchStats> s = RunBatch(*tagger_, in, out, options);
    EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_NE(s.status().message().find(c.field), std::string::npos) << s.status();
    EXPECT_EQ(out.str(), "");
    EXPECT_EQ(in.tellg(), 0);
  }
  // The bounds themselves are taken.
  for (const auto& [threads, chunk] : {std::pair<int, size_t>{kMaxBatchThreads, 1}, {1, kMaxBatchChunkRecords}}) {
    std::istringstream in("{\"id\": \"a\", \"text\": \"Talks.\"}\n");
    std::ostringstream out;
    BatchOptions options;
    options.threads = threads;
    options.chunk_records = chunk;
    const absl::StatusOr<BatchStats> s = RunBatch(*tagger_, in, out, options);
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ(s->tagged, 1u);
  }
}

// ---- The two readers of a record line (lib/batch_record.h) -------------------------

using internal::RecordParser;

// RecordParser::Read over a copy of `line` with its padding.
bool ReadFast(RecordParser* parser, std::string_view line, RecordParser::Fields* fields) {
  static std::string buffer;
  buffer.assign(line);
  buffer.append(RecordParser::kPadding, ' ');
  return parser->Read(std::string_view(buffer.data(), line.size()), fields);
}

TEST(RecordParserTest, ReadsTheCommonRecordAndLeavesEveryOtherShapeToTheFallback) {
  RecordParser parser;
  RecordParser::Fields f;
  ASSERT_TRUE(ReadFast(&parser, R"({"id": "bbc-17", "text": "Talks resumed in Vienna."})", &f));
  EXPECT_EQ(f.id, "bbc-17");
  EXPECT_EQ(f.text, "Talks resumed in Vienna.");
  ASSERT_TRUE(ReadFast(&parser, R"({"text":"No id here."})", &f));
  EXPECT_FALSE(f.id.has_value());
  // Escapes are decoded, as the fallback decodes them.
  ASSERT_TRUE(ReadFast(&parser, R"({"text":"Line one.\nHe said \"no\" \u2014 caf\u00e9 \ud83d\ude00","id":"\u0061"})", &f));
  EXPECT_EQ(f.text, "Line one.\nHe said \"no\" \u2014 caf\u00e9 \U0001F600");
  EXPECT_EQ(f.id, "a");
  // Members of other names, of any shape, are skipped; nested "id" and "text" are not
  // the record's.
  ASSERT_TRUE(ReadFast(&parser, R"({"meta":{"text":1,"id":[2]},"text":"x","tags":[1,{"a":null}],"n":-0.5e3})", &f));
  EXPECT_EQ(f.text, "x");
  EXPECT_FALSE(f.id.has_value());
  // An integer id is written in decimal, as the fallback writes it.
  ASSERT_TRUE(ReadFast(&parser, R"({"id": 17, "text": "x"})", &f));
  EXPECT_EQ(f.id, "17");
  ASSERT_TRUE(ReadFast(&parser, R"({"id": 18446744073709551615, "text": "x"})", &f));
  EXPECT_EQ(f.id, "18446744073709551615");
  // Of a repeated key, the last value counts, as for the fallback.
  ASSERT_TRUE(ReadFast(&parser, R"({"id":"a","text":"first","id":"b","text":"second"})", &f));
  EXPECT_EQ(f.id, "b");
  EXPECT_EQ(f.text, "second");
  // Everything else is the fallback's, which writes its messages: ids that are fractions
  // or null, a text that is no string or missing, other JSON values, invalid JSON and
  // invalid UTF-8.
  for (std::string_view line :
       {R"({"id":7.5,"text":"x"})", R"({"id":null,"text":"x"})", R"({"text":"a","text":5})",
        R"({"text":5})", R"({"id":"a"})", R"(["text"])", R"("text")",
        R"({"text":"x",})", R"({"text":"x"} {})", R"({"text":"a\ud800b"})", "{\"text\":\"caf\xe9\"}",
        "{\"text\":\"tab\there\"}"}) {
    EXPECT_FALSE(ReadFast(&parser, line, &f)) << line;
  }
  // Over kMaxLineBytes, however plain.
  const std::string long_line = absl::StrCat(R"({"text":")", std::string(RecordParser::kMaxLineBytes, 'a'), R"("})");
  EXPECT_FALSE(ReadFast(&parser, long_line, &f));
}

class RecordReadersTest : public testing::DefaultTaggerTest {
 protected:
  // TagRecord's output line and verdict for `line`, with simdjson's reader or without.
  static std::pair<std::string, bool> TagLine(std::string_view line, bool fast) {
    static RecordParser parser;
    internal::BatchRecord record;
    record.line.assign(line);
    record.length = line.size();
    DocumentTags tags;
    internal::TagRecord(*tagger_, ReportOptions(), size_t{1} << 20, &record, fast ? &parser : nullptr, &tags);
    return {record.output, record.failed};
  }
};

// The fast reader may only take lines off the fallback, never change what a line gives:
// every line, well-formed or broken in the ways JSON lines break, comes out byte for
// byte as nlohmann's reader alone makes it.
TEST_F(RecordReadersTest, BothReadersWriteTheSameLineForEveryInput) {
  std::vector<std::string> lines = {
      R"({"id": "a", "text": "New sanctions target the oil sector, officials said."})",
      R"({"text": "The ceasefire held overnight.", "id": "b", "source": {"outlet": "wire", "id": 3}})",
      R"({"id": 12, "text": "A numeric id."})", R"({"id": -0, "text": "x"})", R"({"id": 1.5e3, "text": "x"})",
      R"({"id": 0, "text": "x"})", R"({"id": -1, "text": "x"})", R"({"id": 1.0, "text": "x"})",
      R"({"id": 1e2, "text": "x"})", R"({"id": -0.0, "text": "x"})", R"({"id": 00, "text": "x"})",
      R"({"id": 9223372036854775807, "text": "x"})", R"({"id": -9223372036854775808, "text": "x"})",
      R"({"id": 9223372036854775808, "text": "x"})", R"({"id": 18446744073709551615, "text": "x"})",
      R"({"id": 18446744073709551616, "text": "x"})", R"({"id": -9223372036854775809, "text": "x"})",
      R"({"id": 7, "id": "later", "text": "x"})", R"({"id": "earlier", "id": 7, "text": "x"})",
      R"({"id": 123456789012345678901234567890, "text": "x"})", R"({"id": null, "text": "x"})",
      R"({"id": true, "text": "x"})", R"({"id": ["a"], "text": "x"})", R"({"id": "a", "id": "b", "text": "x"})",
      R"({"text": "first", "text": "second"})", R"({"text": "first", "text": 5})", R"({"text": 5, "text": "s"})",
      R"({"text": null})", R"({"id": "only"})", R"({})", R"([])", R"("text")", R"(42)",
      "\xef\xbb\xbf{\"id\":\"bom\",\"text\":\"After a byte order mark.\"}",
      R"({"id":"c","text":"Trailing"} x)", R"({"id":"c","text":"Comma",})", R"({"id":"c","text":"Open")",
      "{\"id\":\"c\",\"text\":\"Control \x01 byte\"}", absl::StrCat(R"({"id":"c","text":"NUL after"})", std::string(1, '\0')),
      R"({"id":"s","text":"Lone \ud800 surrogate"})", R"({"id":"s","text":"Lone \udc00 low"})",
      R"({"id":"s","text":"Pair \ud83c\udf0d ok"})", "{\"id\":\"u\",\"text\":\"Bad \xc3\x28 UTF-8\"}",
      "{\"id\":\"u\xff\",\"text\":\"Bad id byte\"}", R"({"id":"e","text":"Escapes \/ \b \f \n \r \t \\ \""})",
      R"({"id":"k","te\u0078t":"An escaped key."})", "{\"id\":\"crlf\",\"text\":\"Windows line end.\"}\r",
      R"(   {"id":"w","text":"Spaces around."}   )", R"({"id":"n","text":"x","n":[1,2,{"deep":[[[[]]]]}]})",
      std::string(2000, '[') + std::string(2000, ']'),
      absl::StrCat(R"({"id":"deep","x":)", std::string(1500, '['), std::string(1500, ']'), R"(,"text":"Deep junk."})"),
      R"({"id":"big","text":"x","n":1e999})", R"({"id":"z","text":"\u0000 NUL inside"})",
  };
  // Random edits of three records, with the bytes JSON lines break on.
  const std::string bases[] = {
      R"({"id":"m1","text":"Ministers said the \"talks\" would resume.\nCritics warned of risks.","n":[1,-2.5e3,null,true]})",
      R"({"text":"Caf\u00e9 owners \ud83d\ude00 welcomed the deal","id":"m2","x":{"id":"inner"}})",
      R"({"id":-9007199254740993,"text":"Line 12 of a feed, numbered.","n":1.25})",
  };
  const std::string alphabet = "{}[]\":,\\ ut0189aefl.-+eE\x01\x7f\xc3\xa9\xed\xa0\x80\xff\xef\xbb\xbf";
  std::mt19937 rng(4);
  for (int i = 0; i < 3000; ++i) {
    std::string line = bases[i % 3];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits; ++k) {
      const size_t at = rng() % (line.size() + 1);
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0: line.insert(at, 1, c); break;
        case 1: if (at < line.size()) line.erase(at, 1); break;
        default: if (at < line.size()) line[at] = c; break;
      }
    }
    lines.push_back(line);
  }
  size_t taken = 0;
  RecordParser parser;
  for (const std::string& line : lines) {
    const auto fast = TagLine(line, true);
    const auto slow = TagLine(line, false);
    ASSERT_EQ(fast, slow) << line;
    RecordParser::Fields f;
    taken += ReadFast(&parser, line, &f);
  }
  // Both readers saw many lines of either kind.
  EXPECT_GT(taken, lines.size() / 10);
  EXPECT_LT(taken, lines.size() * 9 / 10);
}

}  // namespace
}  // namespace polytag
