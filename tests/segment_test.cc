#include "segment.h"

#include <cctype>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace polytag::internal {
namespace {

std::vector<ParagraphSegment> Paragraphs(std::string_view text) {
  std::vector<ParagraphSegment> out;
  SegmentParagraphs(text, 16, &out);
  return out;
}

std::string Text(std::string_view text, Span s) { return std::string(text.substr(s.begin, s.end - s.begin)); }

TEST(SegmentTest, EmptyAndBlankInputHaveNoParagraphs) {
  EXPECT_TRUE(Paragraphs("").empty());
  EXPECT_TRUE(Paragraphs(" \n\t\n\r\n  ").empty());
  // Blank is every kind of white space, mixed in any order: no-break (U+00A0), em
  // (U+2003), ideographic (U+3000) and narrow no-break (U+202F) spaces, a line
  // separator (U+2028), a byte order mark.
  for (const char* blank : {"\xC2\xA0\t\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x83", " \xE2\x80\xAF \xE2\x80\xA8",
                            "\xEF\xBB\xBF\n\xC2\xA0 \xC2\xA0\n"})
    EXPECT_TRUE(Paragraphs(blank).empty()) << blank;
}

// Scraped pages pad paragraphs with no-break spaces and put lines of them between
// paragraphs (an HTML "&nbsp;" line): such a line is blank, and the padding is not
// part of the paragraph.
TEST(SegmentTest, UnicodeWhiteSpacePadsAndSeparatesParagraphs) {
  const std::string text =
      "\xEF\xBB\xBF\xC2\xA0 Envoys met in Geneva on Monday.\xE3\x80\x80\n\xC2\xA0\xC2\xA0\n"
      "\xE2\x80\x83They spoke for hours, officials said.\xC2\xA0\n";
  const auto p = Paragraphs(text);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(Text(text, p[0].span), "Envoys met in Geneva on Monday.");
  EXPECT_EQ(Text(text, p[1].span), "They spoke for hours, officials said.");
  // Not white space: a no-break space's first byte alone, or an ill-formed sequence,
  // stays in the paragraph, where the tokenizer reports it.
  const std::string broken = "\xC2\n\nTalks.\xE3\x80";
  const auto q = Paragraphs(broken);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(Text(broken, q[0].span), "\xC2");
  EXPECT_EQ(Text(broken, q[1].span), "Talks.\xE3\x80");
}

TEST(SegmentTest, BlankLinesSeparateParagraphsWithAnyLineEnd) {
  for (const std::string nl : {"\n", "\r\n", "\r"}) {
    const std::string text = "Talks Resume in Geneva" + nl + nl + "Envoys met on Monday." + nl +
                             "They spoke for hours." + nl + "  " + nl + "A second paragraph follows." + nl;
    const auto p = Paragraphs(text);
    ASSERT_EQ(p.size(), 3u) << "line end " << (nl == "\n" ? "LF" : nl == "\r" ? "CR" : "CRLF");
    EXPECT_TRUE(p[0].heading);
    EXPECT_EQ(Text(text, p[0].span), "Talks Resume in Geneva");
    EXPECT_FALSE(p[1].heading);
    EXPECT_EQ(Text(text, p[1].span), "Envoys met on Monday." + nl + "They spoke for hours.");
    EXPECT_EQ(Text(text, p[2].span), "A second paragraph follows.");
  }
}

// Texts whose lines end in LF alone are split by a search for LF; a text with a CR
// anywhere goes the general way, sixteen bytes at a time. A CR put after the end of a
// text changes none of its paragraphs, so the two ways must agree on every text,
// wherever its line ends fall against the sixteen-byte steps and however it ends.
TEST(SegmentTest, LineEndsAreFoundAlikeWithAndWithoutCarriageReturns) {
  std::mt19937 rng(20261126);
  const char kLetters[] = "abcdefghij ";
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t target = std::uniform_int_distribution<size_t>(0, 400)(rng);
    while (text.size() < target) {
      // Blank lines, lines of spaces, and lines of every length around the blocks'.
      const int kind = std::uniform_int_distribution<int>(0, 5)(rng);
      const size_t length = kind == 0 ? 0 : kind == 1 ? 2 : std::uniform_int_distribution<size_t>(1, 140)(rng);
      for (size_t k = 0; k < length; ++k)
        text += kind == 1 ? ' ' : kLetters[std::uniform_int_distribution<int>(0, 10)(rng)];
      text += '\n';
    }
    if (!text.empty() && rng() % 2) text.pop_back();  // a last line without its LF
    const std::vector<ParagraphSegment> by_blocks = Paragraphs(text);
    const std::vector<ParagraphSegment> general = Paragraphs(text + "\r");
    ASSERT_EQ(by_blocks.size(), general.size()) << text;
    for (size_t i = 0; i < by_blocks.size(); ++i) {
      EXPECT_EQ(by_blocks[i].span, general[i].span) << i << " of:\n" << text;
      EXPECT_EQ(by_blocks[i].heading, general[i].heading) << i << " of:\n" << text;
    }
  }
}

TEST(SegmentTest, RecognisesHeadings) {
  const std::string text =
      "## Sanctions and Their Limits\n\n"
      "When Will the Leaders Meet?\n\n"
      "Why would anyone agree to that?\n\n"
      "The talks ended without a statement.\n\n"
      "by a staff reporter\n\n"
      "2. What Comes Next\n\n"
      "Officials said:\n\n"
      "QUESTION: Can I Ask About Hong Kong?\n\n"
      "MR LEE: Anything Else on Afghanistan?\n\n"
      "Q: Will the Talks Resume?\n\n"
      "ANALYSIS: What Sanctions Can Do\n\n"
      "The Full Report Is Available Here: https://example.org/report\n\n"
      "For More Details Visit www.example.org \n";
  const auto p = Paragraphs(text);
  ASSERT_EQ(p.size(), 13u);
  EXPECT_TRUE(p[0].heading);
  EXPECT_EQ(Text(text, p[0].title), "Sanctions and Their Limits");  // without the '#' marks
  EXPECT_TRUE(p[1].heading);    // title-case question
  EXPECT_FALSE(p[2].heading);   // a plain question is body text
  EXPECT_FALSE(p[3].heading);   // ends with a period
  EXPECT_FALSE(p[4].heading);   // starts lower-case: a byline
  EXPECT_TRUE(p[5].heading);
  EXPECT_FALSE(p[6].heading);   // ends with a colon
  // A question after a speaker's label is a turn of a transcript, however capitalised;
  // a label before a headline that is no question leaves it a headline.
  EXPECT_FALSE(p[7].heading);
  EXPECT_FALSE(p[8].heading);
  EXPECT_FALSE(p[9].heading);
  EXPECT_TRUE(p[10].heading);
  // A line that ends in a web address points to it, as a sentence would.
  EXPECT_FALSE(p[11].heading);
  EXPECT_FALSE(p[12].heading);
}

TEST(SegmentTest, LinesEndingInAStopOfTheirScriptAreNotHeadings) {
  // Unspaced text counts as one word, so only the end tells a heading from a paragraph.
  const std::pair<std::string, bool> kLines[] = {
      {"政府宣布新的制裁措施", true},
      {"美国政府周二宣布对三家公司实施新的出口管制措施。", false},
      {"部长表示：“谈判将继续。”", false},       // 。 inside closing quotes
      {"日本は経済制裁を決めた（共同）。", false},  // 。 after a full-width parenthesis
      {"交渉は続くのか？", false},                // ？ without title case
      {"「交渉は続く」", true},                   // a quoted title
      {"सरकार ने प्रतिबंध लगाए।", false},         // Devanagari's danda
      {"هل تتوقف المحادثات؟", false},             // Arabic's question mark
      // Other scripts' stops, by their sentence class in Unicode: Armenian's full
      // stop, Ethiopic's, Myanmar's and Mongolian's; and an Ethiopic title.
      {"Կառավարությունը նոր պատժամիջոցներ է սահմանել։", false},
      {"መንግሥቱ አዲስ ማዕቀብ ጣለ።", false},
      {"အစိုးရက ပိတ်ဆို့မှုအသစ် ချမှတ်ခဲ့သည်။", false},
      {"ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠰᠠᠨᠠᠯ ᠭᠠᠷᠭᠠᠪᠠ᠃", false},
      {"ሰላም እና ደህንነት", true},
      // A line broken off by a dash, as transcripts mark an interruption, ends like
      // one broken off by a comma (the dashes' sentence class is a comma's).
      {"QUESTION: And on the sanctions \u2014", false},
      {"MINISTER: Well \u2013", false},
  };
  for (const auto& [line, heading] : kLines) {
    const auto p = Paragraphs(line + "\n\nThe talks went on.\n");
    ASSERT_EQ(p.size(), 2u) << line;
    EXPECT_EQ(p[0].heading, heading) << line;
  }
}

TEST(SegmentTest, LongOrMultiLineParagraphsAreNotHeadings) {
  const std::string long_line =
      "The Foreign Ministers of Seven Countries Met in Tokyo to Discuss Trade Energy Security Climate and Migration Policy Today";
  EXPECT_FALSE(Paragraphs(long_line)[0].heading);
  EXPECT_FALSE(Paragraphs("Two Lines\nOf Title")[0].heading);
  // Tabs separate words too: sixteen words make a heading, seventeen do not.
  std::string tabbed = "Talks";
  for (int i = 1; i < 16; ++i) tabbed += i % 2 ? "\tResume" : " \tAgain";
  EXPECT_TRUE(Paragraphs(tabbed)[0].heading);
  EXPECT_FALSE(Paragraphs(tabbed + "\tToday")[0].heading);
}

// The heading rules for a one-line title that starts with a letter and ends with a
// letter or '?', one byte at a time: what the segmenter's word masks must agree with
// wherever words fall.
bool ReferenceHeading(const std::string& title, int max_words) {
  int words = 0, long_words = 0, capitalized = 0;
  for (size_t i = 0; i < title.size(); ++i) {
    if (title[i] == ' ' || title[i] == '\t') continue;
    if (i > 0 && title[i - 1] != ' ' && title[i - 1] != '\t') continue;
    ++words;
    const size_t space = title.find(' ', i);
    if ((space == std::string::npos ? title.size() : space) - i >= 4) {
      ++long_words;
      capitalized += std::isupper(static_cast<unsigned char>(title[i])) ? 1 : 0;
    }
  }
  if (words > max_words || !std::isupper(static_cast<unsigned char>(title[0]))) return false;
  return title.back() != '?' || (long_words > 0 && capitalized * 2 > long_words);
}

TEST(SegmentTest, HeadingWordsAgreeWithTheRulesWhereverTheyFall) {
  constexpr std::string_view kWords[] = {"A", "an", "Of", "War", "talk", "Talks", "Resume", "again", "UN",
                                         "Counterterrorism", "x-ray", "Rise?"};
  std::mt19937 rng(20250101);
  for (int round = 0; round < 3000; ++round) {
    std::string title = "Talks";
    const size_t words = rng() % 24;
    for (size_t k = 0; k < words; ++k) {
      title += rng() % 5 == 0 ? (rng() % 2 ? "\t" : " \t") : " ";
      title += kWords[rng() % std::size(kWords)];
    }
    if (rng() % 2) title += "?";
    // At the end of the text and inside it.
    for (const std::string& text : {title, title + "\n\n" + std::string(rng() % 80, 'z')}) {
      const auto p = Paragraphs(text);
      ASSERT_FALSE(p.empty());
      EXPECT_EQ(p[0].heading, ReferenceHeading(title, 16)) << "[" << title << "]";
    }
  }
}

std::vector<std::string> Sentences(std::string_view text) {
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(text, 0, text.size(), &tokens, &folded);
  std::vector<uint32_t> starts;
  SegmentSentences(text, tokens, folded, &starts);
  std::vector<std::string> out;
  for (size_t i = 0; i < starts.size(); ++i) {
    const size_t b = tokens[starts[i]].begin;
    const size_t e = i + 1 < starts.size() ? tokens[starts[i + 1]].begin : text.size();
    std::string s(text.substr(b, e - b));
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out.push_back(s);
  }
  return out;
}

TEST(SegmentTest, SplitsSentencesButNotAbbreviations) {
  EXPECT_EQ(Sentences("Mr. Lavrov met Antony J. Blinken in Geneva. The talks lasted two hours! Did they agree? No."),
            (std::vector<std::string>{"Mr. Lavrov met Antony J. Blinken in Geneva.", "The talks lasted two hours!",
                                      "Did they agree?", "No."}));
  EXPECT_EQ(Sentences("Sanctions hit the U.S. economy. The U.S. Congress voted. It passed in the U.S. The end."),
            (std::vector<std::string>{"Sanctions hit the U.S. economy.", "The U.S. Congress voted.",
                                      "It passed in the U.S.", "The end."}));
  EXPECT_EQ(Sentences("Growth was 3.5 percent. 2024 was worse."),
            (std::vector<std::string>{"Growth was 3.5 percent.", "2024 was worse."}));
}

TEST(SegmentTest, SplitsSentencesOfScriptsWithoutCapitalsAtTheirOwnStops) {
  // No capitals to tell a sentence's start: their full stops end one whatever follows.
  // (Sentences() keeps the text from each sentence's first word to the next one's.)
  EXPECT_EQ(Sentences("政府表示谈判继续。部长对制裁作出决定！和平吗？新的措施，在边境。"),
            (std::vector<std::string>{"政府表示谈判继续。", "部长对制裁作出决定！", "和平吗？", "新的措施，在边境。"}));
  EXPECT_EQ(Sentences("ロシアの外交。「交渉」は続く。"), (std::vector<std::string>{"ロシアの外交。「", "交渉」は続く。"}));
  EXPECT_EQ(Sentences("정부는 대화를 밝혔다. 북한은 제재를 거부했다？ 그렇다."),
            (std::vector<std::string>{"정부는 대화를 밝혔다.", "북한은 제재를 거부했다？", "그렇다."}));
  EXPECT_EQ(Sentences("\u05D4\u05DE\u05E9\u05D0. \u05D4\u05E1\u05DB\u05DD."), (std::vector<std::string>{
                "\u05D4\u05DE\u05E9\u05D0.", "\u05D4\u05E1\u05DB\u05DD."}));  // Hebrew
  // Devanagari's danda and Arabic's question mark end sentences too.
  EXPECT_EQ(Sentences("सरकार ने प्रतिबंध लगाए। वार्ता जारी है।"),
            (std::vector<std::string>{"सरकार ने प्रतिबंध लगाए।", "वार्ता जारी है।"}));
  EXPECT_EQ(Sentences("هل تتوقف المحادثات؟ لا، إنها مستمرة."),
            (std::vector<std::string>{"هل تتوقف المحادثات؟", "لا، إنها مستمرة."}));
  // So do the stops of scripts the tokenizer does not list, by their sentence class in
  // Unicode: Ethiopic's and Myanmar's (no capitals) and Armenian's (before a capital).
  EXPECT_EQ(Sentences("መንግሥቱ ማዕቀብ ጣለ። ድርድሩ ቀጥሏል።"),
            (std::vector<std::string>{"መንግሥቱ ማዕቀብ ጣለ።", "ድርድሩ ቀጥሏል።"}));
  EXPECT_EQ(Sentences("အစိုးရ ဆုံးဖြတ်ခဲ့သည်။ ဆွေးနွေးပွဲ ဆက်လက်သည်။"),
            (std::vector<std::string>{"အစိုးရ ဆုံးဖြတ်ခဲ့သည်။", "ဆွေးနွေးပွဲ ဆက်လက်သည်။"}));
  EXPECT_EQ(Sentences("Բանակցությունները շարունակվում են։ Նախարարը հեռացավ։"),
            (std::vector<std::string>{"Բանակցությունները շարունակվում են։", "Նախարարը հեռացավ։"}));
  // A period before a lower-case word of a script with capitals still ends nothing,
  // nor does one after an abbreviation with periods inside.
  EXPECT_EQ(Sentences("It fell 3 p.c. in May. then it rose.").size(), 1u);
  EXPECT_EQ(Sentences("\u0397 \u03B2\u03BF\u03C5\u03BB\u03AE. \u03BA\u03B1\u03B9 \u03BF \u03BB\u03B1\u03CC\u03C2.").size(), 1u);
  EXPECT_EQ(Sentences("It passed in the U.S. \uC815\uBD80\uB294 agreed.").size(), 1u);
}

TEST(SegmentTest, AbbreviationsCountWhereverTheyFallAndOnlyWhole) {
  // Words near the end of the folded text are looked up another way than the rest.
  for (const std::string tail : {"", " Then", " Then it went on"}) {
    EXPECT_EQ(Sentences("Talks ended. Mr. Lavrov left" + tail).size(), 2u) << tail;
    EXPECT_EQ(Sentences("Talks ended. Gen. X" + tail).size(), 2u) << tail;
    EXPECT_EQ(Sentences("It passed in the U.S. Congress" + tail).size(), 1u) << tail;
    EXPECT_EQ(Sentences("It passed in the U.S. The end" + tail).size(), 2u) << tail;
    // Neither a word longer than eight bytes nor one that merely starts like an
    // abbreviation is one.
    EXPECT_EQ(Sentences("It was in Septembers. Lavrov left" + tail).size(), 2u) << tail;
    EXPECT_EQ(Sentences("It was in Sepx. Lavrov left" + tail).size(), 2u) << tail;
    EXPECT_EQ(Sentences("He was a Generalist. Lavrov left" + tail).size(), 2u) << tail;
  }
}

// The document's pass (SegmentDocumentSentences) against the paragraphs one by one:
// each paragraph's words are those that begin inside its span, its sentences are what
// SegmentSentences finds in them, and a heading is one sentence. Generated documents
// mix headings that hold stops, paragraphs without words, several lines, CRLF, stops
// at paragraph ends and starts, abbreviations and non-ASCII words, in paragraphs of
// one word to over a hundred (the pass skips words four at a time).
TEST(SegmentTest, DocumentSentencesAgreeWithParagraphByParagraph) {
  const std::vector<std::string> pieces = {
      "The", "talks", "resumed", "in", "Vienna.", "Mr.", "Grossi", "said", "so.", "U.S.", "officials", "agreed!",
      "Was", "it", "enough?", "2024", "was", "worse.", "“Yes,”", "he", "said.", "Ελλάδα", "και", "Россия.",
      "东京。", "会談", "—", "***", "(", ")", "J.", "Blinken", "No.", "e.g.", "inflation", "rose"};
  const std::vector<std::string> breaks = {"\n\n", "\r\n\r\n", "\n \n", "\n\n\n", "\n", "\r\n"};
  std::mt19937 rng(20261126);
  for (int doc = 0; doc < 400; ++doc) {
    std::string text;
    const int paragraphs = 1 + static_cast<int>(rng() % 8);
    for (int p = 0; p < paragraphs; ++p) {
      if (p > 0) text += breaks[rng() % breaks.size()];
      // Short lines are often headings; some paragraphs are long.
      const int words = rng() % 4 == 0 ? 1 + static_cast<int>(rng() % 140) : 1 + static_cast<int>(rng() % 6);
      for (int w = 0; w < words; ++w) {
        if (w > 0) text += rng() % 9 == 0 ? "\n" : " ";
        text += pieces[rng() % pieces.size()];
      }
      if (rng() % 3 == 0) text += " Accord";  // no stop at the end
    }
    std::vector<Token> tokens;
    std::string folded;
    ASSERT_EQ(Tokenize(text, 0, text.size(), &tokens, &folded), std::string_view::npos);
    const auto paragraphs_found = Paragraphs(text);
    DocumentSentences got;
    SegmentDocumentSentences(text, paragraphs_found, tokens, folded, &got);
    ASSERT_EQ(got.words.size(), paragraphs_found.size());
    std::vector<uint32_t> want_starts;
    std::vector<bool> want_start(tokens.size(), false);
    size_t first = 0;
    for (size_t p = 0; p < paragraphs_found.size(); ++p) {
      size_t end = first;
      while (end < tokens.size() && tokens[end].begin < paragraphs_found[p].span.end) ++end;
      EXPECT_EQ(got.words[p], std::make_pair(static_cast<uint32_t>(first), static_cast<uint32_t>(end)))
          << "paragraph " << p << " of [" << text << "]";
      EXPECT_EQ(got.sentence_begin[p], want_starts.size()) << "paragraph " << p << " of [" << text << "]";
      const size_t before = want_starts.size();
      if (paragraphs_found[p].heading) {
        if (end > first) want_starts.push_back(0);
      } else {
        SegmentSentences(text, absl::MakeConstSpan(tokens).subspan(first, end - first), folded, &want_starts);
      }
      for (size_t k = before; k < want_starts.size(); ++k) want_start[first + want_starts[k]] = true;
      first = end;
    }
    EXPECT_EQ(first, tokens.size());
    EXPECT_EQ(got.sentence_starts, want_starts) << "[" << text << "]";
    EXPECT_EQ(got.sentence_begin.back(), want_starts.size());
    EXPECT_EQ(got.sentence_start, want_start) << "[" << text << "]";
    if (HasFailure()) break;
  }
}

TEST(SegmentTest, SentenceOfFindsTheSentenceHoldingEachToken) {
  const std::vector<uint32_t> starts = {0, 3, 7, 8};
  const uint32_t expected[] = {0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 3};
  for (uint32_t t = 0; t < 11; ++t) EXPECT_EQ(SentenceOf(starts, t), expected[t]) << "token " << t;
  EXPECT_EQ(SentenceOf({0}, 0), 0u);
  EXPECT_EQ(SentenceOf({0}, 42), 0u);
  EXPECT_EQ(SentenceOf({0, 1}, 0), 0u);
  EXPECT_EQ(SentenceOf({0, 1}, 1), 1u);
  // Any number of sentences: every sentence's first and last token.
  for (uint32_t n = 1; n <= 9; ++n) {
    std::vector<uint32_t> even;
    for (uint32_t k = 0; k < n; ++k) even.push_back(2 * k);
    for (uint32_t k = 0; k < n; ++k) {
      EXPECT_EQ(SentenceOf(even, 2 * k), k) << n << " sentences";
      EXPECT_EQ(SentenceOf(even, 2 * k + 1), k) << n << " sentences";
    }
  }
}

}  // namespace
}  // namespace polytag::internal
