// RunBatch: one output line per input line, in order, errors as records.
#include <nlohmann/json.hpp>
#include <sstream>

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

TEST_F(BatchTest, AClosedOutputIsAnErrorNotACrash) {
  std::istringstream in("{\"id\": \"a\", \"text\": \"Talks.\"}\n");
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  absl::StatusOr<BatchStats> s = RunBatch(*tagger_, in, out, BatchOptions());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(BatchTest, BadOptionsAreRejected) {
  std::istringstream in;
  std::ostringstream out;
  BatchOptions options;
  options.threads = 0;
  EXPECT_EQ(RunBatch(*tagger_, in, out, options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace polytag
