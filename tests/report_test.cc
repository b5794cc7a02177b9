// The JSON report's own value writers must write exactly what nlohmann's serializer
// writes (the report's bytes did not change when they replaced it), and whole reports
// must be canonical: parsing one and dumping it again gives the same bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "json_format.h"
#include "utf8.h"
#include "polytag/report.h"
#include "polytag/tagger.h"
#include "test_util.h"

namespace polytag {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string FourDecimals(double x) {
  char buf[internal::kMaxFourDecimalsBytes];
  const char* end = internal::WriteFourDecimals(x, buf);
  return end != nullptr ? std::string(buf, static_cast<size_t>(end - buf)) : "(not covered)";
}

TEST(JsonFormatTest, FourDecimalsMatchTheSerializerForEveryValueUpToThirty) {
  for (int64_t k = -300000; k <= 300000; ++k) {
    const double x = static_cast<double>(k) / 1e4;
    ASSERT_EQ(FourDecimals(x), Dump(Json(x))) << "k = " << k;
  }
}

TEST(JsonFormatTest, FourDecimalsMatchTheSerializerAcrossTheWholeRange) {
  std::mt19937_64 rng(20261125);
  std::uniform_int_distribution<int64_t> k_of(-int64_t{10000} * 10000, int64_t{10000} * 10000);
  for (int i = 0; i < 300000; ++i) {
    const double x = static_cast<double>(k_of(rng)) / 1e4;
    ASSERT_EQ(FourDecimals(x), Dump(Json(x))) << x;
  }
  // What the report writes: scores rounded to four decimals.
  std::uniform_real_distribution<double> score(-50, 50);
  for (int i = 0; i < 100000; ++i) {
    const double x = std::round(score(rng) * 1e4) / 1e4;
    ASSERT_EQ(FourDecimals(x), Dump(Json(x))) << x;
  }
  EXPECT_EQ(FourDecimals(-0.0), "-0.0");
  EXPECT_EQ(FourDecimals(0.0), "0.0");
  EXPECT_EQ(FourDecimals(1.0), "1.0");
  EXPECT_EQ(FourDecimals(0.0001), "0.0001");
  EXPECT_EQ(FourDecimals(-12.5), "-12.5");
  EXPECT_EQ(FourDecimals(10000.0), "10000.0");
  EXPECT_EQ(FourDecimals(-9999.9999), "-9999.9999");
}

TEST(JsonFormatTest, FourDecimalsLeaveOtherValuesToTheSerializer) {
  // -80980.8678 is one the serializer writes with more digits than the shortest.
  for (double x : {0.12345, 1e-5, 1.0 / 3, 10000.0001, -80980.8678, 1e12, -1e12, std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    char buf[internal::kMaxFourDecimalsBytes] = "x";
    EXPECT_EQ(internal::WriteFourDecimals(x, buf), nullptr) << x;
    EXPECT_STREQ(buf, "x") << "wrote something for " << x;
  }
}

template <typename Int>
std::string Integer(Int x) {
  char buf[internal::kMaxIntegerBytes];
  return std::string(buf, static_cast<size_t>(internal::WriteJsonInteger(x, buf) - buf));
}

TEST(JsonFormatTest, IntegersMatchTheSerializer) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 10000; ++i) {
    const uint64_t u = rng() >> (rng() % 64);
    ASSERT_EQ(Integer(static_cast<size_t>(u)), Dump(Json(static_cast<size_t>(u))));
    const int v = static_cast<int>(static_cast<uint32_t>(rng()));
    ASSERT_EQ(Integer(v), Dump(Json(v)));
  }
  EXPECT_EQ(Integer(std::numeric_limits<int>::min()), Dump(Json(std::numeric_limits<int>::min())));
  EXPECT_EQ(Integer(std::numeric_limits<size_t>::max()), Dump(Json(std::numeric_limits<size_t>::max())));
}

TEST(JsonFormatTest, PlainStringsMatchTheSerializerAndOthersAreLeftToIt) {
  struct Case {
    std::string text;
    bool plain;
  };
  const std::vector<Case> cases = {
      {"", true},
      {"arms control talks", true},
      {"U.S. sanctions (2024) ~ 50% [draft] {x} | a/b ; c: d! e? f, g' h` i^ j# k$ l& m* n+ o= p< q> r@ s_", true},
      {"\x7f after DEL", true},
      {"Caf\xC3\xA9 \xE2\x80\x99quoted\xE2\x80\x99 \xE2\x80\x94 \xF0\x9F\x8C\x8D \xE4\xB8\xAD\xE6\x96\x87", true},
      {"a \"quoted\" word", false},
      {"back\\slash", false},
      {"tab\there", false},
      {"line\nbreak", false},
      {std::string("nul\0byte", 8), false},
      {"\x1f unit separator", false},
      {"lone \x80 continuation", false},
      {"truncated \xE2\x80", false},
      {"overlong \xC0\xAF", false},
      {"surrogate \xED\xA0\x80", false},
  };
  for (const Case& c : cases) {
    std::string buf(c.text.size() + 2, 'x');
    const char* end = internal::WritePlainJsonString(c.text, buf.data());
    EXPECT_EQ(end != nullptr, c.plain) << c.text;
    if (end != nullptr) {
      EXPECT_EQ(buf.substr(0, static_cast<size_t>(end - buf.data())), Dump(Json(c.text))) << c.text;
    } else {
      EXPECT_EQ(buf, std::string(c.text.size() + 2, 'x')) << "wrote something for " << c.text;
    }
  }
}

// Eight bytes at a time and byte by byte, every position of every byte that needs an
// escape or that UTF-8 must check is found: random strings of 0 to 40 bytes, mostly
// plain, against the byte-by-byte rule.
TEST(JsonFormatTest, PlainStringsAreToldByteForByteWhereverTheBytesFall) {
  const std::string alphabet = "abcXYZ09 .,'!~\x7f\"\\\n\t\x01\x1f\xc3\xa9\xe2\x80\x94\x80\xff\xed\xa0";
  std::mt19937 rng(11);
  int plain_seen = 0, escaped_seen = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text(rng() % 41, 'a');
    for (char& c : text) c = rng() % 4 == 0 ? alphabet[rng() % alphabet.size()] : static_cast<char>('a' + rng() % 26);
    bool plain = internal::FindInvalidUtf8(text) == std::string_view::npos;
    for (const char c : text) plain &= static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\';
    std::string buf(text.size() + 2, 'x');
    const char* end = internal::WritePlainJsonString(text, buf.data());
    ASSERT_EQ(end != nullptr, plain) << ::testing::PrintToString(text);
    if (plain) {
      ASSERT_EQ(buf, "\"" + text + "\"");
    }
    (plain ? plain_seen : escaped_seen) += 1;
  }
  EXPECT_GT(plain_seen, 2000);
  EXPECT_GT(escaped_seen, 2000);
}

// A report written value by value is canonical JSON: nlohmann reads it and writes
// back the same bytes, compact and pretty, so no value was written differently from
// how the serializer writes it.
TEST(JsonReportTest, ReportsOfTheSampleArticlesAreWhatTheSerializerWrites) {
  auto tagger = Tagger::CreateDefault();
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  for (const char* name : {"articles/asia-tech-security.txt", "articles/domestic-uk.txt",
                           "articles/eu-energy-migration.txt", "articles/unicode-dispatch.txt"}) {
    const std::string text = testing::ReadTestFile(name);
    const DocumentTags tags = testing::MustTag(**tagger, text);
    for (const bool pretty : {false, true}) {
      ReportOptions options;
      options.pretty = pretty;
      const std::string out = ToJson(**tagger, tags, text, "doc \"1\"", options);
      const Json parsed = Json::parse(out);
      EXPECT_EQ(out, parsed.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace)) << name;
      ASSERT_FALSE(parsed["paragraphs"].empty()) << name;
    }
  }
}

}  // namespace
}  // namespace polytag
