// Steady-state tagging allocates for its result only, never per word: every heap
// allocation through operator new in this binary is counted, and documents that differ
// only in how many words they hold (not in paragraphs, sentences or hits) must
// allocate exactly the same number of times once the per-thread scratch has grown.
// Tagging into a reused result allocates nothing for a document tagged again, and
// little once the result has served a few documents.
//
// This is its own test binary because it replaces the global operator new.
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "polytag/polytag.h"
#include "test_util.h"

namespace {
std::atomic<size_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace polytag {
namespace {

template <typename F>
size_t AllocationsOf(F&& f) {
  const size_t before = g_allocations.load(std::memory_order_relaxed);
  f();
  return g_allocations.load(std::memory_order_relaxed) - before;
}

// Words in no lexicon, ASCII and not, to pad a sentence without changing its tags.
std::string Filler(int words) {
  static const char* const kWords[] = {"zorblat", "quimdex", "frangolo", "Vexmir", "plindar", "Zürichgrün",
                                       "ostravek", "Ðolmarq", "trevisk", "gaunderly", "mirrowin", "φλοξαρ"};
  std::string out;
  for (int i = 0; i < words; ++i) {
    out += ' ';
    out += kWords[i % 12];
  }
  return out;
}

// Three paragraphs of one sentence each, with the same hits whatever `filler`.
std::string Document(int filler) {
  std::string doc;
  doc += "Talks on the arms control treaty stalled" + Filler(filler) + " as new sanctions loomed.\n\n";
  doc += "Officials warned of a serious threat" + Filler(filler) + " but hoped for progress.\n\n";
  doc += "Voters" + Filler(filler) + " waited.\n";
  return doc;
}

TEST(AllocTest, TheCounterSeesAllocations) {
  EXPECT_GE(AllocationsOf([] { delete new std::string(100, 'x'); }), 1u);
}

TEST(AllocTest, TaggingTheSameDocumentAgainAllocatesTheSameCount) {
  auto tagger = Tagger::CreateDefault();
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  const std::string doc = testing::ReadTestFile("articles/eu-energy-migration.txt");
  ASSERT_FALSE(doc.empty());
  (void)(*tagger)->Tag(doc);  // grows this thread's scratch
  const size_t first = AllocationsOf([&] { EXPECT_TRUE((*tagger)->Tag(doc).ok()); });
  const size_t second = AllocationsOf([&] { EXPECT_TRUE((*tagger)->Tag(doc).ok()); });
  EXPECT_GT(first, 0u);  // the result itself is allocated
  EXPECT_EQ(first, second);
}

// The heap blocks a result holds: one per vector with elements, the repaired text when
// it is longer than std::string keeps in place, and a cue's rule list when it outgrows
// the rules it keeps in place. Terms, lexicon names and theme ids are views of the
// tagger's strings: no blocks of the result's own.
size_t HeapBlocksOf(const DocumentTags& tags) {
  const size_t string_in_place = std::string().capacity();
  const size_t rules_in_place = StanceCue::AppliedRules().capacity();
  auto vector = [](const auto& v) -> size_t { return !v.empty(); };
  size_t blocks = vector(tags.paragraphs) + vector(tags.themes) + (tags.repaired_text.size() > string_in_place);
  for (const ParagraphTags& p : tags.paragraphs) {
    blocks += vector(p.sentences) + vector(p.themes) + vector(p.stance.cues);
    for (const ThemeTag& theme : p.themes) blocks += vector(theme.hits);
    for (const StanceCue& cue : p.stance.cues) blocks += cue.rules.size() > rules_in_place;
  }
  return blocks;
}

// A new result allocates each of its blocks once, and nothing else: no vector grows
// twice, no string is built in a temporary and copied.
TEST(AllocTest, ANewResultAllocatesExactlyTheBlocksItHolds) {
  auto tagger = Tagger::CreateDefault();
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  size_t cues = 0, cues_with_rules = 0;
  for (const char* name : {"articles/eu-energy-migration.txt", "articles/asia-tech-security.txt",
                           "articles/domestic-uk.txt", "articles/unicode-dispatch.txt"}) {
    const std::string doc = testing::ReadTestFile(name);
    (void)(*tagger)->Tag(doc);  // grows this thread's scratch
    absl::StatusOr<DocumentTags> tags;
    const size_t count = AllocationsOf([&] { tags = (*tagger)->Tag(doc); });
    ASSERT_TRUE(tags.ok()) << tags.status();
    ASSERT_GT(tags->paragraphs.size(), 5u) << name;
    EXPECT_EQ(count, HeapBlocksOf(*tags)) << name;
    for (const ParagraphTags& p : tags->paragraphs) {
      cues += p.stance.cues.size();
      for (const StanceCue& cue : p.stance.cues) cues_with_rules += !cue.rules.empty();
    }
  }
  // The articles hold cues with rules, so the count covers the rule lists too.
  EXPECT_GT(cues_with_rules, 20u) << cues;
}

TEST(AllocTest, TenTimesTheWordsAllocateNoMore) {
  auto tagger = Tagger::CreateDefault();
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  const std::string small = Document(20), large = Document(200);
  // Same structure and hits, so the same result; the large one has ten times the words.
  const DocumentTags small_tags = testing::MustTag(**tagger, small);
  const DocumentTags large_tags = testing::MustTag(**tagger, large);
  ASSERT_EQ(small_tags.paragraphs.size(), 3u);
  ASSERT_EQ(large_tags.paragraphs.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(small_tags.paragraphs[i].sentences.size(), large_tags.paragraphs[i].sentences.size());
    EXPECT_EQ(testing::ThemeList(small_tags.paragraphs[i]), testing::ThemeList(large_tags.paragraphs[i]));
    EXPECT_EQ(small_tags.paragraphs[i].stance.cues.size(), large_tags.paragraphs[i].stance.cues.size());
  }
  ASSERT_FALSE(small_tags.themes.empty());  // the documents do have hits to allocate for
  // The large document has grown the scratch; from now on only results allocate.
  const size_t small_count = AllocationsOf([&] { EXPECT_TRUE((*tagger)->Tag(small).ok()); });
  const size_t large_count = AllocationsOf([&] { EXPECT_TRUE((*tagger)->Tag(large).ok()); });
  EXPECT_GT(small_count, 0u);
  EXPECT_EQ(large_count, small_count) << "tagging allocates per word: " << small_count << " allocations for "
                                      << small.size() << " bytes, " << large_count << " for " << large.size();
}

TEST(AllocTest, TaggingADocumentAgainIntoItsOwnResultAllocatesNothing) {
  auto tagger = Tagger::CreateDefault();
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  for (const char* name : {"articles/eu-energy-migration.txt", "articles/unicode-dispatch.txt"}) {
    const std::string doc = testing::ReadTestFile(name);
    DocumentTags tags;
    ASSERT_TRUE((*tagger)->Tag(doc, &tags).ok());
    ASSERT_GT(tags.paragraphs.size(), 5u);
    ASSERT_FALSE(tags.themes.empty());
    EXPECT_EQ(AllocationsOf([&] { EXPECT_TRUE((*tagger)->Tag(doc, &tags).ok()); }), 0u) << name;
  }
}

TEST(AllocTest, AResultReusedOverDocumentsAllocatesLittle) {
  auto tagger = Tagger::CreateDefault();
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  std::vector<std::string> docs;
  for (const char* name : {"articles/eu-energy-migration.txt", "articles/asia-tech-security.txt",
                           "articles/domestic-uk.txt", "articles/unicode-dispatch.txt"})
    docs.push_back(testing::ReadTestFile(name));
  docs.push_back(Document(5));
  size_t fresh = 0;
  for (const std::string& doc : docs) fresh += AllocationsOf([&] { EXPECT_TRUE((*tagger)->Tag(doc).ok()); });
  // Documents of different shapes: an element reused in another place may need more
  // memory than it has, so the rounds allocate less and less, not nothing at once.
  // (On 400 State Department statements, the third round allocated 0.9 times a
  // document, against 72 times for new results.)
  DocumentTags tags;
  std::vector<size_t> per_round;
  for (int round = 0; round < 6; ++round) {
    per_round.push_back(AllocationsOf([&] {
      for (const std::string& doc : docs) EXPECT_TRUE((*tagger)->Tag(doc, &tags).ok());
    }));
  }
  const std::string rounds = ::testing::PrintToString(per_round) + " against " + std::to_string(fresh);
  EXPECT_GT(fresh, 100u);
  EXPECT_LT(per_round[0], fresh) << rounds;  // the first document only builds a result
  EXPECT_LT(per_round[2] * 10, fresh) << rounds;
  EXPECT_LE(per_round[5], per_round[2]) << rounds;
}

}  // namespace
}  // namespace polytag
