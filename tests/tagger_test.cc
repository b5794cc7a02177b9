// The Tagger's contract: errors, limits, paragraphs and sections, thread safety.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include "gtest/gtest.h"
#include "polytag/report.h"
#include "test_util.h"

namespace polytag {
namespace {

using testing::MustCreate;
using testing::MustParse;
using testing::MustTag;
using testing::ReadTestFile;
using testing::Slice;
using testing::ThemeList;

class TaggerTest : public testing::DefaultTaggerTest {};

TEST_F(TaggerTest, EmptyAndBlankDocumentsHaveNoParagraphs) {
  for (const char* text : {"", "   ", "\n\n\r\n\t\n", "\xC2\xA0\t\xC2\xA0", "\xE3\x80\x80\n\xE2\x80\x83"}) {
    const DocumentTags tags = MustTag(*tagger_, text);
    EXPECT_TRUE(tags.paragraphs.empty());
    EXPECT_TRUE(tags.themes.empty());
    EXPECT_EQ(tags.stance.label, StanceLabel::kNeutral);
  }
}

TEST_F(TaggerTest, InvalidUtf8IsRefusedWithItsOffset) {
  const std::string text = "Sanctions were announced.\n\nThen \xC3\x28 broke.";
  absl::StatusOr<DocumentTags> tags = tagger_->Tag(text);
  ASSERT_FALSE(tags.ok());
  EXPECT_EQ(tags.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(tags.status().message()).find("byte offset 32"), std::string::npos) << tags.status();
}

TEST(TaggerOptionsTest, RepairReplacesBadBytesAndReportsTheRepairedText) {
  TaggerOptions options;
  options.repair_invalid_utf8 = true;
  auto tagger = Tagger::CreateDefault(options);
  ASSERT_TRUE(tagger.ok());
  const std::string text = "New sanctions \xFF hit exports.";
  const DocumentTags tags = MustTag(**tagger, text);
  EXPECT_EQ(tags.repaired_text, "New sanctions \xEF\xBF\xBD hit exports.");
  ASSERT_EQ(tags.paragraphs.size(), 1u);
  EXPECT_EQ(tags.paragraphs[0].span.end, tags.repaired_text.size());
}

TEST(TaggerOptionsTest, DocumentsOverTheLimitAreRefusedNotTruncated) {
  TaggerOptions options;
  options.max_document_bytes = 64;
  auto tagger = Tagger::CreateDefault(options);
  ASSERT_TRUE(tagger.ok());
  const std::string text(65, 'a');
  absl::StatusOr<DocumentTags> tags = (*tagger)->Tag(text);
  ASSERT_FALSE(tags.ok());
  EXPECT_EQ(tags.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE((*tagger)->Tag(text.substr(0, 64)).ok());
}

TEST(TaggerOptionsTest, BadOptionsAndLexiconSetsAreRejected) {
  TaggerOptions options;
  options.theme_threshold = 0;
  EXPECT_EQ(Tagger::CreateDefault(options).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(Tagger::Create({}).ok());
  std::vector<Lexicon> twice = DefaultLexicons();
  twice.push_back(DefaultLexicons()[0]);
  auto dup = Tagger::Create(twice);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(std::string(dup.status().message()).find("polytag-themes"), std::string::npos);
}

// Two lexicons that both define "conflict" report it as "a:conflict" and "b:conflict";
// a category that lexicon b spells "a:conflict" itself would have merged with the
// first, so Create refuses the set and names both.
TEST(TaggerOptionsTest, ThemeIdsMadeApartMustNotMeetAnother) {
  auto lexicon = [](const std::string& name, const std::string& body) {
    return MustParse("@name " + name + "\n@version 1\n@kind themes\n\n" + body);
  };
  auto apart = Tagger::Create({lexicon("a", "[conflict]\nwar\n"), lexicon("b", "[conflict]\nbattle\n")});
  ASSERT_TRUE(apart.ok()) << apart.status();
  EXPECT_EQ((*apart)->theme_ids(), (std::vector<std::string>{"a:conflict", "b:conflict"}));
  auto clash = Tagger::Create(
      {lexicon("a", "[conflict]\nwar\n"), lexicon("b", "[conflict]\nbattle\n\n[a:conflict]\nsiege\n")});
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(clash.status().message());
  EXPECT_NE(message.find("'a:conflict'"), std::string::npos) << message;
  EXPECT_NE(message.find("lexicon 'a'"), std::string::npos) << message;
  EXPECT_NE(message.find("lexicon 'b'"), std::string::npos) << message;
}

// NaN passes a range test written "x < 0 || x > 1", and an infinite factor makes
// inf - inf of a stance score: each would have given NaN scores and wrong labels.
TEST(TaggerOptionsTest, NanAndInfiniteNumbersAreRejected) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  using Field = double TaggerOptions::*;
  const std::pair<Field, std::vector<double>> cases[] = {
      {&TaggerOptions::theme_threshold, {nan, inf, -1}},
      {&TaggerOptions::repeat_hit_factor, {nan, inf, 1.5}},
      {&TaggerOptions::document_theme_min_share, {nan, -inf, 2}},
      {&TaggerOptions::negation_flip_factor, {nan, inf, 1001}},
      {&TaggerOptions::contrast_after_factor, {nan, inf, 1e308}},
      {&TaggerOptions::contrast_before_factor, {nan, inf, -0.5}},
      {&TaggerOptions::min_stance_mass, {nan, inf, 0}},
      {&TaggerOptions::mixed_ratio, {nan, inf, -0.1}},
      {&TaggerOptions::min_mixed_side, {nan, inf, -1}},
  };
  for (const auto& [field, values] : cases) {
    for (double v : values) {
      TaggerOptions options;
      options.*field = v;
      auto tagger = Tagger::CreateDefault(options);
      ASSERT_FALSE(tagger.ok()) << v;
      EXPECT_EQ(tagger.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_NE(std::string(tagger.status().message()).find("TaggerOptions: "), std::string::npos);
    }
  }
  // The ends of every range are fine.
  TaggerOptions edges;
  edges.repeat_hit_factor = 1;
  edges.document_theme_min_share = 0;
  edges.negation_flip_factor = 1000;
  edges.contrast_after_factor = 1000;
  edges.contrast_before_factor = 0;
  edges.mixed_ratio = 1;
  edges.min_mixed_side = 0;
  auto tagger = Tagger::CreateDefault(edges);
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  auto tags = (*tagger)->Tag("Sanctions raise the risk of war. But the talks bring hope of a lasting peace.");
  ASSERT_TRUE(tags.ok());
  EXPECT_TRUE(std::isfinite(tags->stance.score));
}

TEST_F(TaggerTest, ParagraphsHeadingsAndSections) {
  const std::string text =
      "Talks in Geneva\r\n\r\n"
      "Diplomats met for three hours on Tuesday. They agreed to meet again.\r\n\r\n"
      "The Economic Angle\r\n\r\n"
      "Inflation and unemployment dominate the campaign.\r\n";
  const DocumentTags tags = MustTag(*tagger_, text);
  ASSERT_EQ(tags.paragraphs.size(), 4u);
  EXPECT_EQ(tags.paragraphs[0].kind, ParagraphKind::kHeading);
  EXPECT_EQ(Slice(text, tags.paragraphs[0].section), "Talks in Geneva");
  EXPECT_EQ(tags.paragraphs[1].kind, ParagraphKind::kBody);
  EXPECT_EQ(Slice(text, tags.paragraphs[1].section), "Talks in Geneva");
  EXPECT_EQ(tags.paragraphs[1].sentences.size(), 2u);
  EXPECT_EQ(Slice(text, tags.paragraphs[1].sentences[1]), "They agreed to meet again.");
  EXPECT_EQ(Slice(text, tags.paragraphs[3].section), "The Economic Angle");
  EXPECT_EQ(Slice(text, tags.paragraphs[3].span), "Inflation and unemployment dominate the campaign.");
  for (size_t i = 0; i < tags.paragraphs.size(); ++i) EXPECT_EQ(tags.paragraphs[i].index, i);
}

// A section is a span of the text the offsets refer to: the heading's title without
// its Markdown marks, and after a repair, a span of the repaired text.
TEST(TaggerOptionsTest, SectionsAreTitleSpansOfTheTaggedText) {
  TaggerOptions options;
  options.repair_invalid_utf8 = true;
  auto tagger = Tagger::CreateDefault(options);
  ASSERT_TRUE(tagger.ok());
  const std::string text =
      "Ministers gathered in Brussels before dawn to settle the last open points.\n\n"
      "## Sanctions \xFF Return\n\n"
      "The bloc agreed to restore the asset freezes it lifted last spring.\n";
  const DocumentTags tags = MustTag(**tagger, text);
  ASSERT_EQ(tags.paragraphs.size(), 3u);
  EXPECT_TRUE(tags.paragraphs[0].section.empty());
  EXPECT_EQ(tags.paragraphs[1].kind, ParagraphKind::kHeading);
  EXPECT_EQ(Slice(tags.repaired_text, tags.paragraphs[1].section), "Sanctions \xEF\xBF\xBD Return");
  EXPECT_EQ(tags.paragraphs[2].section, tags.paragraphs[1].section);
  EXPECT_NE(ToJson(**tagger, tags, text, std::nullopt).find("\"section\":\"Sanctions \xEF\xBF\xBD Return\""),
            std::string::npos);
}

TEST_F(TaggerTest, EveryOffsetPointsIntoTheTextAndHitsReadLikeTheirTerms) {
  const std::string text = ReadTestFile("articles/unicode-dispatch.txt");
  const DocumentTags tags = MustTag(*tagger_, text);
  ASSERT_FALSE(tags.paragraphs.empty());
  size_t hits = 0;
  for (const ParagraphTags& p : tags.paragraphs) {
    EXPECT_LE(p.span.end, text.size());
    for (const ThemeTag& t : p.themes) {
      EXPECT_GE(t.score, tagger_->options().theme_threshold);
      for (const ThemeHit& h : t.hits) {
        ++hits;
        EXPECT_GE(h.span.begin, p.span.begin);
        EXPECT_LE(h.span.end, p.span.end);
        EXPECT_FALSE(Slice(text, h.span).empty());
      }
    }
    for (const StanceCue& c : p.stance.cues) {
      EXPECT_GE(c.span.begin, p.span.begin);
      EXPECT_LE(c.span.end, p.span.end);
    }
  }
  EXPECT_GT(hits, 5u);
}

TEST_F(TaggerTest, EachParagraphIsTaggedAsIfItStoodAlone) {
  // A document's paragraphs are tokenized and matched together; each paragraph must
  // still get exactly the themes, hits and cues it gets as a document of its own,
  // whatever white space separates and pads the paragraphs.
  constexpr std::string_view kParagraphs[] = {
      "New sanctions on Russian banks were announced, officials said.",
      "The arms control treaty talks stalled; both sides blamed each other.",
      "Voters in the election faced disinformation campaigns \xE2\x80\x93 and the risk of interference.",
      "Nuclear\nweapons\nwere not discussed.",
      "\xC2\xA0Troops crossed the border and a ceasefire collapsed.\xC2\xA0",
      "Prime Minister said the deal was a step forward.",
      "Trade",
      "The talks were about arms",
      "Control of the region is contested.",
      "..."};
  constexpr std::string_view kBreaks[] = {"\n\n", "\n \t\n", "\r\n\r\n", "\n\n\n", "\n\xC2\xA0\n"};
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string text = rng() % 2 ? " \n" : "";
    std::vector<std::string_view> chosen;
    for (size_t k = 0, n = 1 + rng() % 6; k < n; ++k) {
      if (k > 0) text += kBreaks[rng() % std::size(kBreaks)];
      chosen.push_back(kParagraphs[rng() % std::size(kParagraphs)]);
      text += chosen.back();
    }
    const DocumentTags tags = MustTag(*tagger_, text);
    for (const ParagraphTags& p : tags.paragraphs) {
      // Headings too: no hit or cue reaches out of its paragraph.
      for (const ThemeTag& t : p.themes)
        for (const ThemeHit& h : t.hits) {
          EXPECT_GE(h.span.begin, p.span.begin) << "[" << text << "]";
          EXPECT_LE(h.span.end, p.span.end) << "[" << text << "]";
        }
      for (const StanceCue& c : p.stance.cues) {
        EXPECT_GE(c.span.begin, p.span.begin) << "[" << text << "]";
        EXPECT_LE(c.span.end, p.span.end) << "[" << text << "]";
      }
      const std::string alone_text(Slice(text, p.span));
      const DocumentTags alone = MustTag(*tagger_, alone_text);
      ASSERT_EQ(alone.paragraphs.size(), 1u) << alone_text;
      const ParagraphTags& a = alone.paragraphs[0];
      ASSERT_EQ(p.kind, a.kind) << alone_text;
      ASSERT_EQ(ThemeList(p), ThemeList(a)) << "[" << text << "]";
      ASSERT_EQ(p.themes.size(), a.themes.size());
      for (size_t t = 0; t < p.themes.size(); ++t) {
        ASSERT_EQ(p.themes[t].hits.size(), a.themes[t].hits.size());
        for (size_t h = 0; h < p.themes[t].hits.size(); ++h) {
          EXPECT_EQ(p.themes[t].hits[h].span.begin - p.span.begin, a.themes[t].hits[h].span.begin);
          EXPECT_EQ(p.themes[t].hits[h].term, a.themes[t].hits[h].term);
        }
      }
      ASSERT_EQ(p.stance.cues.size(), a.stance.cues.size()) << "[" << text << "]";
      EXPECT_EQ(p.stance.label, a.stance.label);
      EXPECT_EQ(p.stance.score, a.stance.score);
      EXPECT_EQ(p.sentences.size(), a.sentences.size());
    }
  }
}

TEST_F(TaggerTest, DocumentThemesCountParagraphs) {
  const std::string text =
      "Sanctions on oil exports tightened this week.\n\n"
      "Officials said further sanctions and tariffs would follow.\n\n"
      "Separately, the health ministry opened new hospitals.\n";
  const DocumentTags tags = MustTag(*tagger_, text);
  ASSERT_FALSE(tags.themes.empty());
  EXPECT_EQ(tags.themes[0].id, "trade_sanctions");
  EXPECT_EQ(tags.themes[0].paragraphs, 2);
  double sum = 0;
  for (const ParagraphTags& p : tags.paragraphs)
    for (const ThemeTag& t : p.themes)
      if (t.id == "trade_sanctions") sum += t.score;
  EXPECT_DOUBLE_EQ(tags.themes[0].score, sum);
}

TEST_F(TaggerTest, ConcurrentTaggingGivesTheSameResultsAsSerial) {
  const std::vector<std::string> docs = {ReadTestFile("articles/eu-energy-migration.txt"),
                                         ReadTestFile("articles/asia-tech-security.txt"),
                                         ReadTestFile("articles/domestic-uk.txt"),
                                         ReadTestFile("articles/unicode-dispatch.txt")};
  std::vector<std::string> expected;
  for (const std::string& d : docs) expected.push_back(ToJson(*tagger_, MustTag(*tagger_, d), d, std::nullopt));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      DocumentTags reused;
      for (int round = 0; round < 10; ++round) {
        const size_t i = static_cast<size_t>(t + round) % docs.size();
        // Half the threads reuse one result (whose memory passes through their own
        // scratch), half get new ones.
        absl::StatusOr<DocumentTags> tags = DocumentTags();
        if (t % 2 == 0) {
          tags = tagger_->Tag(docs[i]);
        } else {
          const absl::Status status = tagger_->Tag(docs[i], &reused);
          tags = status.ok() ? absl::StatusOr<DocumentTags>(reused) : status;
        }
        if (!tags.ok() || ToJson(*tagger_, *tags, docs[i], std::nullopt) != expected[i]) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

// The documents of the test articles, and of their first paragraphs, for tagging into
// reused results: results of every size, from none to dozens of paragraphs.
std::vector<std::string> ArticlesAndTheirBeginnings() {
  std::vector<std::string> docs;
  for (const char* name : {"articles/eu-energy-migration.txt", "articles/asia-tech-security.txt",
                           "articles/domestic-uk.txt", "articles/unicode-dispatch.txt"}) {
    const std::string article = ReadTestFile(name);
    docs.push_back(article);
    for (size_t end = article.find("\n\n"); end != std::string::npos; end = article.find("\n\n", end + 2))
      docs.push_back(article.substr(0, end));
  }
  docs.push_back("");
  return docs;
}

TEST_F(TaggerTest, ReusedResultsGetExactlyWhatNewResultsGet) {
  std::vector<std::string> docs = ArticlesAndTheirBeginnings();
  ASSERT_GT(docs.size(), 40u);
  const size_t num_valid = docs.size();
  docs.push_back("Sanctions were announced.\n\nThen \xC3\x28 broke.");  // refused
  // Two results in turn, so that one gives up elements the other then needs, and a
  // third that only ever gets the whole articles and their first paragraphs.
  DocumentTags reused[3];
  std::mt19937 rng(11);
  for (int round = 0; round < 600; ++round) {
    const size_t pick = rng() % docs.size();
    const std::string& doc = docs[pick];
    DocumentTags& tags = reused[pick < 8 ? 2 : rng() % 2];
    const absl::StatusOr<DocumentTags> fresh = tagger_->Tag(doc);
    const absl::Status status = tagger_->Tag(doc, &tags);
    ASSERT_EQ(status, fresh.status()) << "document " << pick;
    if (pick < num_valid) {
      ASSERT_EQ(testing::FirstDifference(tags, *fresh), "") << "document " << pick << ", round " << round;
    } else {
      // Refused: nothing of the result before is left.
      EXPECT_TRUE(tags.paragraphs.empty());
      EXPECT_TRUE(tags.themes.empty());
      EXPECT_EQ(testing::FirstDifference(tags, DocumentTags()), "");
    }
  }
}

TEST(TaggerOptionsTest, ARepairedTextCanBeTaggedIntoItsOwnResult) {
  TaggerOptions options;
  options.repair_invalid_utf8 = true;
  auto tagger = Tagger::CreateDefault(options);
  ASSERT_TRUE(tagger.ok());
  // Long enough that the repaired text is on the heap, and a repair that grows it.
  std::string text = ReadTestFile("articles/asia-tech-security.txt");
  ASSERT_GT(text.size(), 1000u);
  text[200] = '\xFF';
  text[700] = '\xC3';
  DocumentTags tags;
  ASSERT_TRUE((*tagger)->Tag(text, &tags).ok());
  ASSERT_FALSE(tags.repaired_text.empty());
  const std::string repaired = tags.repaired_text;
  // The caller's view of the repaired text, which the call must leave whole: the
  // result's offsets refer to it, and a report quotes the words from it.
  const std::string_view view = tags.repaired_text;
  ASSERT_TRUE((*tagger)->Tag(view, &tags).ok());
  EXPECT_EQ(view, repaired);
  EXPECT_EQ(tags.repaired_text, repaired);  // kept: the offsets refer to it
  // The same tags as for a copy of the text, but for repaired_text.
  DocumentTags fresh = MustTag(**tagger, repaired);
  fresh.repaired_text = repaired;
  EXPECT_EQ(testing::FirstDifference(tags, fresh), "");
  EXPECT_EQ(ToJson(**tagger, tags, view, "a"), ToJson(**tagger, MustTag(**tagger, repaired), repaired, "a"));
  // A short one, which the string holds in place rather than on the heap, and a part
  // of it: the result keeps the part it tagged.
  ASSERT_TRUE((*tagger)->Tag("War \xFF.", &tags).ok());
  ASSERT_EQ(tags.repaired_text, "War \xEF\xBF\xBD.");
  ASSERT_TRUE((*tagger)->Tag(std::string_view(tags.repaired_text).substr(0, 3), &tags).ok());
  EXPECT_EQ(tags.repaired_text, "War");
  fresh = MustTag(**tagger, "War");
  fresh.repaired_text = "War";
  EXPECT_EQ(testing::FirstDifference(tags, fresh), "");
}

TEST_F(TaggerTest, LexiconInfoIsReported) {
  ASSERT_EQ(tagger_->lexicons().size(), 2u);
  EXPECT_EQ(tagger_->lexicons()[0].name, "polytag-themes");
  EXPECT_EQ(tagger_->lexicons()[0].fingerprint, DefaultLexicons()[0].Fingerprint());
  EXPECT_EQ(tagger_->theme_ids().size(), 22u);
}

// Every string a result views from the lexicons, as "where=value" lines.
std::vector<std::string> LexiconStringsOf(const DocumentTags& tags) {
  std::vector<std::string> out;
  for (const DocumentTheme& t : tags.themes) out.push_back("document theme=" + std::string(t.id));
  for (const ParagraphTags& p : tags.paragraphs) {
    for (const ThemeTag& t : p.themes) {
      out.push_back("theme=" + std::string(t.id));
      for (const ThemeHit& h : t.hits) out.push_back("hit=" + std::string(h.lexicon) + ":" + std::string(h.term));
    }
    for (const StanceCue& c : p.stance.cues) out.push_back("cue=" + std::string(c.term));
  }
  return out;
}

// The terms, lexicon names and theme ids are views of the tagger's strings, which the
// result keeps alive (under ASan, a view of freed memory fails these tests).
TEST_F(TaggerTest, TagsOutliveTheTagger) {
  const std::string text =
      "Ransomware hit the hospital network, officials warned.\n\n"
      "The talks on the nuclear treaty ended without a deal, a setback for arms control.";
  DocumentTags tags, copy;
  std::vector<std::string> expected;
  {
    auto tagger = Tagger::CreateDefault();
    ASSERT_TRUE(tagger.ok());
    tags = MustTag(**tagger, text);
    copy = tags;
    expected = LexiconStringsOf(tags);
  }
  ASSERT_EQ(tags.paragraphs.size(), 2u);
  EXPECT_NE(ThemeList(tags.paragraphs[0]).find("cybersecurity"), std::string::npos);
  EXPECT_NE(ThemeList(tags.paragraphs[1]).find("arms_control"), std::string::npos);
  ASSERT_GT(expected.size(), 8u);
  EXPECT_NE(std::find(expected.begin(), expected.end(), "hit=polytag-themes:ransomware"), expected.end());
  EXPECT_EQ(LexiconStringsOf(tags), expected);
  tags = DocumentTags();  // the copy shares the strings too
  EXPECT_EQ(LexiconStringsOf(copy), expected);
}

TEST_F(TaggerTest, AResultReusedByAnotherTaggerViewsThatTaggersStrings) {
  auto first = MustCreate({MustParse("@name first-lexicon\n@version 1\n@kind themes\n\n"
                                     "[pipelines]\ngas pipeline\npipeline*\n")});
  auto second = MustCreate({MustParse("@name second-lexicon\n@version 2\n@kind themes\n\n"
                                      "[energy_supply]\ngas pipeline\nliquefied natural gas\n")});
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  const std::string text = "The gas pipeline carries liquefied natural gas and pipelines cross the border.";
  DocumentTags tags;
  ASSERT_TRUE(first->Tag(text, &tags).ok());
  const std::shared_ptr<const void> first_strings = tags.lexicon_strings;
  ASSERT_NE(first_strings, nullptr);
  ASSERT_EQ(tags.paragraphs.size(), 1u);
  ASSERT_EQ(tags.paragraphs[0].themes.size(), 1u);
  EXPECT_EQ(tags.paragraphs[0].themes[0].hits[0].lexicon, "first-lexicon");
  // Tagged again by the same tagger, the result keeps the same strings.
  ASSERT_TRUE(first->Tag(text, &tags).ok());
  EXPECT_EQ(tags.lexicon_strings, first_strings);
  // Then by the other tagger, and the first one goes.
  ASSERT_TRUE(second->Tag(text, &tags).ok());
  EXPECT_NE(tags.lexicon_strings, first_strings);
  first.reset();
  EXPECT_EQ(LexiconStringsOf(tags),
            (std::vector<std::string>{"document theme=energy_supply", "theme=energy_supply",
                                      "hit=second-lexicon:gas pipeline", "hit=second-lexicon:liquefied natural gas"}));
  EXPECT_EQ(LexiconStringsOf(tags), LexiconStringsOf(MustTag(*second, text)));
}

}  // namespace
}  // namespace polytag
