// Matching through the public API: which entries fire where, and how overlaps resolve.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "gtest/gtest.h"
#include "test_util.h"

namespace polytag {
namespace {

using testing::MustCreate;
using testing::MustParse;
using testing::MustTag;
using testing::Slice;

constexpr char kThemes[] = R"(@name t
@version 1
@kind themes
[arms_control]
arms control
nuclear
nuclear weapon*
new start treaty
/(icbm|slbm)s?/
[energy]
nuclear power
nuclear power plant*
[trade_sanctions]
sanction*
export control*
[international_organizations]
WHO | case
security council
[armed_conflict]
counter-terrorism
strike | needs-support
troops
[domestic_politics]
party | weight=0.5
election*  | weight=0.5
)";

struct Hit {
  std::string theme, text, term;
  bool operator==(const Hit& o) const { return theme == o.theme && text == o.text && term == o.term; }
};
std::ostream& operator<<(std::ostream& os, const Hit& h) { return os << h.theme << ":" << h.text << "<-" << h.term; }

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override { tagger_ = MustCreate({MustParse(kThemes)}); }

  // All hits of the first paragraph, in text order.
  std::vector<Hit> Hits(const std::string& text) {
    const DocumentTags tags = MustTag(*tagger_, text);
    std::vector<std::pair<size_t, Hit>> all;
    if (tags.paragraphs.empty()) return {};
    for (const ThemeTag& t : tags.paragraphs[0].themes)
      for (const ThemeHit& h : t.hits)
        all.push_back({h.span.begin, {std::string(t.id), Slice(text, h.span), std::string(h.term)}});
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Hit> out;
    for (auto& [b, h] : all) out.push_back(h);
    return out;
  }

  std::unique_ptr<Tagger> tagger_;
};

TEST_F(MatcherTest, MatchesWordsAndPhrasesWhateverTheCaseAndSpacing) {
  EXPECT_EQ(Hits("Arms  Control talks and the New START\ntreaty."),
            (std::vector<Hit>{{"arms_control", "Arms  Control", "arms control"},
                              {"arms_control", "New START\ntreaty", "new start treaty"}}));
}

TEST_F(MatcherTest, PrefixGlobsMatchInflections) {
  EXPECT_EQ(Hits("They sanctioned banks; sanctions followed, and Export Controls tightened."),
            (std::vector<Hit>{{"trade_sanctions", "sanctioned", "sanction*"},
                              {"trade_sanctions", "sanctions", "sanction*"},
                              {"trade_sanctions", "Export Controls", "export control*"}}));
  // A glob never matches a shorter word or a different stem.
  EXPECT_TRUE(Hits("The sanctuary stayed open.").empty());
}

TEST_F(MatcherTest, RegexEntriesMatchWholeWordsOfTheFoldedText) {
  EXPECT_EQ(Hits("New ICBMs and an SLBM were tested."),
            (std::vector<Hit>{{"arms_control", "ICBMs", "/(icbm|slbm)s?/"}, {"arms_control", "SLBM", "/(icbm|slbm)s?/"}}));
  EXPECT_TRUE(Hits("The xicbm prototype is fictional.").empty());  // not at a word start
}

TEST_F(MatcherTest, MatchesStayInsideTheirParagraph) {
  // The paragraphs of a document are matched together: no phrase, gap or regex entry
  // may run from one paragraph into the next, and each paragraph's hits point into it.
  auto tagger = MustCreate({MustParse(R"(@name t
@version 1
@kind themes
[arms_control]
arms control
/(icbm|slbm)s? (silo|launcher)s?/
[energy]
pipeline * gas
)")});
  const std::string text = "Talks on arms\n\ncontrol resumed; new ICBM\n\nsilos and the pipeline\n\ngas deal.\n\n"
                           "Arms control, ICBM launchers and a pipeline for gas, all in one paragraph.";
  const DocumentTags tags = MustTag(*tagger, text);
  ASSERT_EQ(tags.paragraphs.size(), 5u);
  for (size_t i = 0; i < 4; ++i) EXPECT_TRUE(tags.paragraphs[i].themes.empty()) << i;
  std::vector<std::string> hits;
  for (const ThemeTag& t : tags.paragraphs[4].themes)
    for (const ThemeHit& h : t.hits) hits.push_back(Slice(text, h.span));
  std::sort(hits.begin(), hits.end());
  EXPECT_EQ(hits, (std::vector<std::string>{"Arms control", "ICBM launchers", "pipeline for gas"}));
}

TEST_F(MatcherTest, LongestMatchWinsWithinALexicon) {
  // "nuclear power plant" (energy) shadows "nuclear" (arms_control) and "nuclear power".
  EXPECT_EQ(Hits("A nuclear power plant and a nuclear weapon."),
            (std::vector<Hit>{{"energy", "nuclear power plant", "nuclear power plant*"},
                              {"arms_control", "nuclear weapon", "nuclear weapon*"}}));
}

TEST_F(MatcherTest, DifferentLexiconsNeverShadowEachOther) {
  auto tagger = MustCreate({MustParse(kThemes), MustParse("@name u\n@version 1\n@kind themes\n[energy]\nnuclear\n")});
  const std::string text = "A nuclear power plant.";
  const DocumentTags tags = MustTag(*tagger, text);
  ASSERT_EQ(tags.paragraphs.size(), 1u);
  // Both lexicons define "energy", so each one's is prefixed with its name.
  ASSERT_EQ(tags.paragraphs[0].themes.size(), 2u);
  std::map<std::string, std::string> by_theme;
  for (const ThemeTag& theme : tags.paragraphs[0].themes) {
    ASSERT_EQ(theme.hits.size(), 1u);
    by_theme[std::string(theme.id)] = Slice(text, theme.hits[0].span);
  }
  EXPECT_EQ(by_theme["t:energy"], "nuclear power plant");
  EXPECT_EQ(by_theme["u:energy"], "nuclear");
}

TEST_F(MatcherTest, CaseSensitiveEntriesNeedTheirCase) {
  EXPECT_EQ(Hits("The WHO warned."), (std::vector<Hit>{{"international_organizations", "WHO", "WHO"}}));
  EXPECT_TRUE(Hits("Officials who spoke declined.").empty());
}

// Every shape of case-sensitive entry (one short word, one long word, a phrase, a
// glob) asks for the exact bytes as written, possessive or not.
TEST(CaseSensitiveTest, EveryKindOfCaseSensitiveEntryNeedsItsCase) {
  auto tagger = MustCreate({MustParse(R"(@name cased
@version 1
@kind themes
[t]
WHO | case
Republicans | case
Labour Party | case
NATO* | case
IT | case weight=0.5
)")});
  auto terms = [&](const std::string& text) {
    std::vector<std::string> out;
    const DocumentTags tags = MustTag(*tagger, text);
    for (const ParagraphTags& p : tags.paragraphs)
      for (const ThemeTag& t : p.themes)
        for (const ThemeHit& h : t.hits) out.push_back(Slice(text, h.span) + "<-" + std::string(h.term));
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(terms("The WHO's experts, Republicans, the Labour Party, NATO's allies and IT staff."),
            (std::vector<std::string>{"IT<-IT", "Labour Party<-Labour Party", "NATO<-NATO*", "Republicans<-Republicans",
                                      "WHO<-WHO"}));
  EXPECT_TRUE(terms("Who knows who the republicans, the labour party or Nato's WHOM and It are.").empty());
  EXPECT_TRUE(terms("WHOs, WHOA, REPUBLICANS and Labour party it.").empty());
}

TEST_F(MatcherTest, HyphenatedEntriesMatchEitherSpelling) {
  EXPECT_EQ(Hits("counter terrorism troops").size(), 2u);
  EXPECT_EQ(Hits("counter-terrorism troops").size(), 2u);
}

TEST_F(MatcherTest, PhrasesDoNotCrossSentencesOrClauses) {
  EXPECT_TRUE(Hits("They backed arms. Control came later.").empty());
  EXPECT_TRUE(Hits("Nuclear, power and water.").size() == 1);  // only "nuclear"
}

TEST(CjkLexiconTest, PhrasesDoNotCrossIdeographicClausesOrSentences) {
  // A lexicon of one's own for Chinese and Japanese news: each ideograph is a word, so
  // "制裁" is a phrase of two, which must not run across 、 ， ； 。 or their like.
  const auto tagger = MustCreate({MustParse(R"(@name zh
@version 1
@kind themes
[trade_sanctions]
制裁
経済制裁
)")});
  auto hits = [&](const std::string& text) {
    size_t n = 0;
    for (const ParagraphTags& p : MustTag(*tagger, text).paragraphs)
      for (const ThemeTag& t : p.themes) n += t.hits.size();
    return n;
  };
  EXPECT_EQ(hits("美国宣布制裁。"), 1u);
  EXPECT_EQ(hits("日本は経済制裁を決めた。"), 1u);
  for (const std::string gap : {"、", "，", "；", "：", "。", "！", "？", "（", "】"})
    EXPECT_EQ(hits("美国宣布制" + gap + "裁决将出台。"), 0u) << gap;
}

TEST_F(MatcherTest, NeedsSupportEntriesCountOnlyWithAnotherEntryOfTheirTheme) {
  EXPECT_TRUE(Hits("Workers went on strike.").empty());
  EXPECT_EQ(Hits("Troops launched a strike.").size(), 2u);
}

TEST_F(MatcherTest, LowWeightEntriesNeedASecondHitToReachTheThreshold) {
  EXPECT_TRUE(Hits("The party was fun.").empty());
  EXPECT_EQ(Hits("The party won the elections.").size(), 2u);
}

TEST_F(MatcherTest, CostDoesNotDependOnEntryOrder) {
  // The same lexicon with its entries reversed gives the same hits.
  std::string reversed = "@name t\n@version 1\n@kind themes\n";
  std::vector<std::string> sections;
  std::string text = kThemes;
  size_t pos = text.find('[');
  while (pos != std::string::npos) {
    const size_t next = text.find("\n[", pos);
    sections.push_back(text.substr(pos, next == std::string::npos ? std::string::npos : next + 1 - pos));
    pos = next == std::string::npos ? next : next + 1;
  }
  for (auto it = sections.rbegin(); it != sections.rend(); ++it) reversed += *it + (it->back() == '\n' ? "" : "\n");
  auto tagger = MustCreate({MustParse(reversed)});
  const std::string doc = "Nuclear power plant sanctions and the WHO and ICBMs and arms control.";
  const DocumentTags a = MustTag(*tagger_, doc), b = MustTag(*tagger, doc);
  ASSERT_EQ(a.paragraphs[0].themes.size(), b.paragraphs[0].themes.size());
  for (size_t i = 0; i < a.paragraphs[0].themes.size(); ++i) {
    EXPECT_EQ(a.paragraphs[0].themes[i].id, b.paragraphs[0].themes[i].id);
    EXPECT_EQ(a.paragraphs[0].themes[i].hits.size(), b.paragraphs[0].themes[i].hits.size());
  }
}

// Gaps: "*" is any one word, "*{m,n}" any m to n words, always within the clause.
class GapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tagger_ = MustCreate({MustParse(R"(@name g
@version 1
@kind themes
[election_interference]
interfer* in *{0,3} election*  | weight=2
[trade_sanctions]
lift * sanctions
)")});
  }
  // The matched text of every hit of the first paragraph.
  std::vector<std::string> Matched(const std::string& text) {
    std::vector<std::string> out;
    const DocumentTags tags = MustTag(*tagger_, text);
    for (const ThemeTag& t : tags.paragraphs[0].themes)
      for (const ThemeHit& h : t.hits) out.push_back(Slice(text, h.span));
    return out;
  }
  std::unique_ptr<Tagger> tagger_;
};

TEST_F(GapTest, AGapTakesEveryLengthFromMinToMax) {
  EXPECT_EQ(Matched("They denied interfering in elections."),
            std::vector<std::string>{"interfering in elections"});
  EXPECT_EQ(Matched("Agents interfered in the election."), std::vector<std::string>{"interfered in the election"});
  EXPECT_EQ(Matched("Interference in the 2016 presidential election was proven."),
            std::vector<std::string>{"Interference in the 2016 presidential election"});
  // Four words between is one too many.
  EXPECT_TRUE(Matched("Interference in the 2016 US presidential election was proven.").empty());
}

TEST_F(GapTest, ABareStarIsExactlyOneWord) {
  EXPECT_EQ(Matched("The plan would lift some sanctions."), std::vector<std::string>{"lift some sanctions"});
  EXPECT_TRUE(Matched("The plan would lift sanctions.").empty());
  EXPECT_TRUE(Matched("The plan would lift all the sanctions.").empty());
}

TEST_F(GapTest, AGapNeverCrossesAClauseOrSentence) {
  EXPECT_TRUE(Matched("Talk of interference in, say, elections.").empty());
  EXPECT_TRUE(Matched("It was interference in the courts. Elections came later.").empty());
}

TEST_F(GapTest, EachMentionIsAHitOfItsOwn) {
  // The walk from the first "interference" stops at the first "elections": its gap
  // cannot reach over a word the phrase needs into the second mention.
  EXPECT_EQ(Matched("Interference in elections and interference in local elections."),
            (std::vector<std::string>{"Interference in elections", "interference in local elections"}));
}

// Property: on random lexicons of words, globs and gaps over a small vocabulary (so
// that entries overlap and share prefixes), and random texts of those words with clause
// breaks, the tagger reports exactly the hits a brute-force matcher finds: every entry
// tried at every word, then the longest match kept, then the leftmost, with matches of
// the same span all kept.
class MatcherPropertyTest : public ::testing::Test {
 protected:
  struct Element {
    enum Kind { kWord, kGlob, kGap } kind;
    std::string text;  // the word or glob prefix
    int min = 0, max = 0;
  };
  struct Entry {
    std::string pattern, theme;
    std::vector<Element> elements;
    size_t lexicon = 0;  // overlaps are resolved per lexicon
  };
  struct Found {
    std::string theme, text, term, lexicon;
    size_t begin;
    bool operator<(const Found& o) const {
      return std::tie(begin, theme, text, term, lexicon) < std::tie(o.begin, o.theme, o.text, o.term, o.lexicon);
    }
    bool operator==(const Found& o) const {
      return begin == o.begin && theme == o.theme && text == o.text && term == o.term && lexicon == o.lexicon;
    }
  };
  static inline const std::vector<std::string> kVocabulary = {
      "arms", "armed", "army", "control", "controls", "talks", "talk", "the",
      "in", "sanction", "sanctions", "sanctioned", "new", "treaty",
      // Long words that share their first nine bytes: labels and glob prefixes past
      // eight bytes, and past sixteen, are compared beyond the bytes hashed or packed.
      "counterinsurgency", "counterintelligence"};

  std::mt19937 rng_{20261125};
  size_t Below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  Entry RandomEntry() {
    Entry e;
    // Some phrases open with function words, which the matcher anchors at a later word.
    if (Below(3) == 0) {
      for (size_t k = 0, leads = 1 + Below(2); k < leads; ++k) {
        const std::string& lead = kVocabulary[Below(2) == 0 ? 7 : 8];  // "the" or "in"
        e.elements.push_back({Element::kWord, lead});
        e.pattern += lead + " ";
      }
    }
    const size_t words = 1 + Below(3);
    for (size_t w = 0; w < words; ++w) {
      if ((w > 0 || !e.elements.empty()) && Below(3) == 0) {
        Element gap{Element::kGap, "", 1, 1};
        if (Below(2) == 0) {
          gap.min = static_cast<int>(Below(2));
          gap.max = gap.min + 1 + static_cast<int>(Below(2));
          e.pattern += "*{" + std::to_string(gap.min) + "," + std::to_string(gap.max) + "} ";
        } else {
          e.pattern += "* ";
        }
        e.elements.push_back(gap);
      }
      const std::string& word = kVocabulary[Below(kVocabulary.size())];
      if (Below(3) == 0) {
        const std::string prefix = word.substr(0, 1 + Below(word.size()));
        e.elements.push_back({Element::kGlob, prefix});
        e.pattern += prefix + "* ";
      } else {
        e.elements.push_back({Element::kWord, word});
        e.pattern += word + " ";
      }
    }
    e.pattern.pop_back();
    e.theme = "t" + std::to_string(Below(3));
    return e;
  }

  // Matches of `e` from word `i`: the end (one past the last word) of every way it fits.
  static void Ends(const Entry& e, size_t k, size_t j, const std::vector<std::string>& words,
                   const std::vector<bool>& clause_start, size_t first, std::set<size_t>* ends) {
    if (k == e.elements.size()) {
      ends->insert(j);
      return;
    }
    const Element& el = e.elements[k];
    auto inside = [&](size_t t) { return t < words.size() && (t == first || !clause_start[t]); };
    if (el.kind == Element::kGap) {
      for (int n = el.min; n <= el.max; ++n) {
        bool ok = true;
        for (size_t t = j; t < j + static_cast<size_t>(n); ++t) ok = ok && inside(t);
        if (ok) Ends(e, k + 1, j + static_cast<size_t>(n), words, clause_start, first, ends);
      }
      return;
    }
    if (!inside(j)) return;
    const bool fits = el.kind == Element::kWord ? words[j] == el.text : words[j].rfind(el.text, 0) == 0;
    if (fits) Ends(e, k + 1, j + 1, words, clause_start, first, ends);
  }
};

TEST_F(MatcherPropertyTest, TaggerFindsWhatBruteForceFinds) {
  size_t hits = 0, gap_hits = 0, glob_hits = 0, lead_hits = 0, long_glob_hits = 0;
  for (int round = 0; round < 1200; ++round) {
    std::vector<Entry> entries;
    std::set<std::string> patterns;
    std::string lexicons[2] = {"@name p0\n@version 1\n@kind themes\n", "@name p1\n@version 1\n@kind themes\n"};
    for (int n = 0; n < 12; ++n) {
      Entry e = RandomEntry();
      if (!patterns.insert(e.pattern).second) continue;
      e.lexicon = n == 0 || Below(4) == 0 ? 1 : 0;  // neither lexicon empty
      if (e.lexicon == 1) e.theme[0] = 'u';  // theme ids of their own
      lexicons[e.lexicon] += "[" + e.theme + "]\n" + e.pattern + "\n";
      entries.push_back(std::move(e));
    }
    std::vector<std::string> words;
    std::vector<bool> clause_start;
    std::string text;
    std::vector<std::pair<size_t, size_t>> spans;
    const size_t n = 5 + Below(20);
    for (size_t w = 0; w < n; ++w) {
      const bool clause = w > 0 && Below(6) == 0;
      if (w > 0) text += clause ? ", " : " ";
      // Function words are as common in the text as in real prose.
      words.push_back(kVocabulary[Below(4) == 0 ? 7 + Below(2) : Below(kVocabulary.size())]);
      clause_start.push_back(clause);
      spans.emplace_back(text.size(), text.size() + words.back().size());
      text += words.back();
    }
    text += ".";

    // Brute force: all candidates, then per lexicon longest, then leftmost.
    struct Candidate {
      size_t entry, first, end;
    };
    std::vector<Candidate> candidates;
    for (size_t e = 0; e < entries.size(); ++e)
      for (size_t i = 0; i < words.size(); ++i) {
        std::set<size_t> ends;
        Ends(entries[e], 0, i, words, clause_start, i, &ends);
        for (size_t end : ends) candidates.push_back({e, i, end});
      }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      if (a.end - a.first != b.end - b.first) return a.end - a.first > b.end - b.first;
      return a.first < b.first;
    });
    std::vector<Found> expected;
    for (size_t lexicon = 0; lexicon < 2; ++lexicon) {
      std::vector<int> owner(words.size(), -1);
      for (size_t c = 0; c < candidates.size(); ++c) {
        const Candidate& m = candidates[c];
        if (entries[m.entry].lexicon != lexicon) continue;
        bool free = true, same_span = true;
        for (size_t t = m.first; t < m.end; ++t) {
          if (owner[t] < 0) continue;
          free = false;
          const Candidate& o = candidates[static_cast<size_t>(owner[t])];
          same_span = same_span && o.first == m.first && o.end == m.end;
        }
        if (!free && !same_span) continue;
        if (free)
          for (size_t t = m.first; t < m.end; ++t) owner[t] = static_cast<int>(c);
        const size_t b = spans[m.first].first, e = spans[m.end - 1].second;
        expected.push_back({entries[m.entry].theme, text.substr(b, e - b), entries[m.entry].pattern,
                            "p" + std::to_string(lexicon), b});
      }
    }

    const DocumentTags tags = MustTag(*MustCreate({MustParse(lexicons[0]), MustParse(lexicons[1])}), text);
    std::vector<Found> actual;
    for (const ThemeTag& t : tags.paragraphs[0].themes)
      for (const ThemeHit& h : t.hits)
        actual.push_back({std::string(t.id), Slice(text, h.span), std::string(h.term), std::string(h.lexicon),
                          h.span.begin});
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    ASSERT_EQ(actual, expected) << "lexicons:\n" << lexicons[0] << lexicons[1] << "text: " << text;
    for (const Found& f : expected) {
      ++hits;
      gap_hits += f.term.find(" *") != std::string::npos;
      glob_hits += f.term.find("* ") != std::string::npos || f.term.back() == '*';
      // Phrases that open with "the" or "in" and a word are anchored at a later word.
      lead_hits += (f.term.rfind("the ", 0) == 0 && f.term[4] != '*') || (f.term.rfind("in ", 0) == 0 && f.term[3] != '*');
      // A glob prefix of more than eight bytes ("counterinte*").
      for (size_t star = f.term.find('*'); star != std::string::npos; star = f.term.find('*', star + 1)) {
        const size_t word_begin = f.term.rfind(' ', star) == std::string::npos ? 0 : f.term.rfind(' ', star) + 1;
        if (star - word_begin > 8) {
          ++long_glob_hits;
          break;
        }
      }
    }
  }
  // The cases exercise what they are meant to: many hits, through globs and gaps.
  EXPECT_GT(hits, 3000u);
  EXPECT_GT(gap_hits, 150u);
  EXPECT_GT(glob_hits, 600u);
  EXPECT_GT(lead_hits, 100u);
  EXPECT_GT(long_glob_hits, 40u);
}

}  // namespace
}  // namespace polytag
