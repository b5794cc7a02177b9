#include "bench_data.h"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

namespace polytag_bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// splitmix64: a fixed generator, so every platform builds the same lexicons (the
// standard distributions are not specified bit for bit).
struct Rng {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
};

std::string MadeUpWord(Rng& rng) {
  static const char* const kOnsets[] = {"b", "br", "d", "dr", "f", "g", "gl", "k", "kr", "l", "m",
                                        "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "z", "sh"};
  static const char* const kVowels[] = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};
  std::string w;
  const size_t syllables = 2 + rng.Below(3);
  for (size_t s = 0; s < syllables; ++s) {
    w += kOnsets[rng.Below(std::size(kOnsets))];
    w += kVowels[rng.Below(std::size(kVowels))];
    // A digit after the first syllable: no word or glob prefix of English text can
    // match, so the hits stay the same at every lexicon size.
    if (s == 0) w += static_cast<char>('0' + rng.Below(10));
  }
  if (rng.Below(2)) w += "nx"[rng.Below(2)];
  return w;
}

// Lower-case ASCII words of the own articles, in order of appearance.
std::vector<std::string> ArticleWords() {
  std::vector<std::string> words;
  for (const std::string& doc : OwnArticles()) {
    std::string w;
    for (char c : doc) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        w += static_cast<char>(c | 0x20);
      } else if (!w.empty()) {
        if (w.size() > 3) words.push_back(w);
        w.clear();
      }
    }
  }
  return words;
}

}  // namespace

const std::vector<std::string>& OwnArticles() {
  static const auto* docs = new std::vector<std::string>{
      ReadFile(POLYTAG_SOURCE_DIR "/examples/data/sample-article.txt"),
      ReadFile(POLYTAG_SOURCE_DIR "/tests/data/articles/eu-energy-migration.txt"),
      ReadFile(POLYTAG_SOURCE_DIR "/tests/data/articles/asia-tech-security.txt"),
      ReadFile(POLYTAG_SOURCE_DIR "/tests/data/articles/domestic-uk.txt"),
      ReadFile(POLYTAG_SOURCE_DIR "/tests/data/articles/unicode-dispatch.txt")};
  return *docs;
}

namespace {

// Up to 400 records of a JSONL file of the shared corpus (none when it is absent).
std::vector<std::string>* ReadCorpus(const char* path) {
  auto* out = new std::vector<std::string>;
  std::ifstream in(path);
  for (std::string line; out->size() < 400 && std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("text") && j["text"].is_string()) out->push_back(j["text"].get<std::string>());
  }
  return out;
}

}  // namespace

const std::vector<std::string>& CorpusArticles() {
  static const auto* docs = ReadCorpus(POLYTAG_SOURCE_DIR "/../shared/corpus/bbc-politics-2004-2005.jsonl");
  return *docs;
}

const std::vector<std::string>& StateDeptArticles() {
  static const auto* docs = ReadCorpus(POLYTAG_SOURCE_DIR "/../shared/corpus/statedept-2021-2022.jsonl");
  return *docs;
}

const polytag::Tagger& DefaultTagger() {
  static const polytag::Tagger* tagger = polytag::Tagger::CreateDefault()->release();
  return *tagger;
}

const std::vector<std::string>& NonLatinDocuments() {
  static const auto* docs = [] {
    // Everyday political vocabulary of each language, in the proportions news has
    // (function words often), written for this benchmark.
    const std::vector<std::string> greek = {
        "κυβέρνηση", "υπουργός", "εκλογές", "συνομιλίες", "κυρώσεις", "συμφωνία", "πρόεδρος", "Βουλή",
        "ασφάλεια", "οικονομία", "χώρα", "διάλογος", "απόφαση", "πολίτες", "εξωτερικών", "δυνάμεις",
        "σύνορα", "ειρήνη", "κρίση", "μέτρα", "νέα", "την", "και", "του", "στη", "για", "με", "από", "οι", "τα"};
    const std::vector<std::string> russian = {
        "правительство", "министр", "выборы", "переговоры", "санкции", "соглашение", "президент", "парламент",
        "безопасность", "экономика", "страна", "диалог", "решение", "граждане", "иностранных", "дел",
        "вооружённые", "силы", "граница", "мир", "кризис", "меры", "новые", "и", "в", "на", "по", "с", "для", "о"};
    const std::vector<std::string> chinese = {
        "政府", "部长", "选举", "谈判", "制裁", "协议", "总统", "议会", "安全", "经济", "国家", "对话", "决定",
        "公民", "外交", "军队", "边境", "和平", "危机", "措施", "新", "的", "在", "和", "对", "与", "表示", "继续"};
    // Japanese: ideographs, kana and katakana loan words, unspaced.
    const std::vector<std::string> japanese = {
        "政府", "首相", "選挙", "交渉", "制裁", "合意", "大統領", "国会", "安全保障", "経済", "協議", "決定",
        "国民", "外交", "国境", "平和", "危機", "措置", "新たな", "ロシア", "ミサイル", "エネルギー", "サイバー",
        "の", "に", "は", "を", "が", "と", "で", "した", "する", "について", "されている"};
    // Korean: Hangul syllables, spaced, with their particles.
    const std::vector<std::string> korean = {
        "정부는", "장관이", "선거를", "협상", "제재", "합의", "대통령은", "국회", "안보", "경제", "국가", "대화를",
        "결정", "국민", "외교", "국경", "평화", "위기", "조치를", "새로운", "북한", "미국", "러시아", "에서",
        "했다", "밝혔다", "것으로", "대한", "있다"};
    // Hindi, spaced, ending its sentences with a danda; Thai, whose runs of letters stay
    // whole between the spaces that part its phrases.
    const std::vector<std::string> hindi = {
        "सरकार", "मंत्री", "चुनाव", "वार्ता", "प्रतिबंध", "समझौता", "राष्ट्रपति", "संसद", "सुरक्षा", "अर्थव्यवस्था",
        "देश", "निर्णय", "नागरिक", "विदेश", "सेना", "सीमा", "शांति", "संकट", "कदम", "नए", "ने", "की", "का", "में",
        "और", "से", "को", "है", "किया", "कहा"};
    const std::vector<std::string> thai = {
        "รัฐบาล", "รัฐมนตรี", "การเลือกตั้ง", "การเจรจา", "มาตรการคว่ำบาตร", "ข้อตกลง", "ประธานาธิบดี", "รัฐสภา",
        "ความมั่นคง", "เศรษฐกิจ", "ประเทศ", "การตัดสินใจ", "ประชาชน", "ต่างประเทศ", "กองทัพ", "ชายแดน", "สันติภาพ",
        "วิกฤต", "ใหม่", "และ", "ของ", "ใน", "ได้", "ว่า"};
    // Vietnamese, a syllable a word, with the letters of Latin Extended Additional;
    // Georgian; Amharic, Burmese and Khmer, ending their sentences with their own
    // stops.
    const std::vector<std::string> vietnamese = {
        "chính", "phủ", "bộ", "trưởng", "bầu", "cử", "đàm", "phán", "trừng", "phạt", "thỏa", "thuận", "tổng",
        "thống", "quốc", "hội", "an", "ninh", "kinh", "tế", "ngoại", "giao", "hòa", "bình", "khủng", "hoảng",
        "biên", "giới", "và", "của", "trong", "với", "đã", "cho", "Việt", "Nam", "Hà", "Nội"};
    const std::vector<std::string> georgian = {
        "მთავრობა", "მინისტრი", "არჩევნები", "მოლაპარაკებები", "სანქციები", "შეთანხმება", "პრეზიდენტი",
        "პარლამენტი", "უსაფრთხოება", "ეკონომიკა", "ქვეყანა", "დიალოგი", "გადაწყვეტილება", "მოქალაქეები",
        "საზღვარი", "მშვიდობა", "კრიზისი", "ზომები", "ახალი", "და", "რომ", "არის", "ამ", "მისი"};
    const std::vector<std::string> amharic = {
        "መንግሥት", "ሚኒስትር", "ምርጫ", "ድርድር", "ማዕቀብ", "ስምምነት", "ፕሬዚዳንት", "ፓርላማ", "ደህንነት", "ኢኮኖሚ",
        "አገር", "ውይይት", "ውሳኔ", "ዜጎች", "ድንበር", "ሰላም", "ቀውስ", "እርምጃ", "አዲስ", "እና", "ላይ", "ነው", "ወደ"};
    const std::vector<std::string> burmese = {
        "အစိုးရ", "ဝန်ကြီး", "ရွေးကောက်ပွဲ", "ဆွေးနွေးပွဲ", "ပိတ်ဆို့မှု", "သဘောတူညီချက်", "သမ္မတ", "လွှတ်တော်",
        "လုံခြုံရေး", "စီးပွားရေး", "နိုင်ငံ", "ဆုံးဖြတ်ချက်", "ပြည်သူ", "နယ်စပ်", "ငြိမ်းချမ်းရေး", "အသစ်",
        "နှင့်", "တွင်", "သည်"};
    const std::vector<std::string> khmer = {
        "រដ្ឋាភិបាល", "រដ្ឋមន្ត្រី", "ការបោះឆ្នោត", "ការចរចា", "ទណ្ឌកម្ម", "កិច្ចព្រមព្រៀង", "ប្រធានាធិបតី", "សភា",
        "សន្តិសុខ", "សេដ្ឋកិច្ច", "ប្រទេស", "ការសម្រេចចិត្ត", "ប្រជាពលរដ្ឋ", "ព្រំដែន", "សន្តិភាព", "វិបត្តិ", "ថ្មី",
        "និង", "នៅ", "របស់"};
    const std::vector<const std::vector<std::string>*> languages = {
        &greek, &russian, &chinese, &japanese, &korean, &hindi, &thai, &vietnamese, &georgian, &amharic,
        &burmese, &khmer};
    auto* out = new std::vector<std::string>;
    std::mt19937 rng(2026);
    for (int d = 0; d < 240; ++d) {
      const std::vector<std::string>& words = *languages[d % languages.size()];
      const bool spaced = &words != &chinese && &words != &japanese;
      std::string doc;
      for (int w = 0; w < 4; ++w) doc += (spaced && w > 0 ? " " : "") + words[rng() % words.size()];
      doc += "\n\n";
      while (doc.size() < 3000) {
        for (int s = 0, sentences = 1 + static_cast<int>(rng() % 4); s < sentences; ++s) {
          for (int w = 0, n = 6 + static_cast<int>(rng() % 14); w < n; ++w) {
            if (spaced && w > 0) doc += rng() % 8 == 0 ? ", " : " ";
            if (!spaced && w > 0 && rng() % 8 == 0) doc += "，";
            doc += words[rng() % words.size()];
          }
          doc += &words == &hindi     ? "। "
                 : &words == &thai    ? " "
                 : &words == &amharic ? "። "
                 : &words == &burmese ? "။ "
                 : &words == &khmer   ? "។ "
                 : spaced             ? ". "
                                      : "。";
        }
        doc += "\n\n";
      }
      out->push_back(doc);
    }
    return out;
  }();
  return *docs;
}

size_t TotalBytes(const std::vector<std::string>& docs) {
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  return bytes;
}

void Report(benchmark::State& state, size_t bytes_per_round, size_t docs_per_round) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes_per_round));
  state.counters["per_doc"] = benchmark::Counter(static_cast<double>(docs_per_round) * state.iterations(),
                                                 benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

polytag::Lexicon SyntheticLexicon(size_t entries) {
  static const std::vector<std::string> article_words = ArticleWords();
  constexpr size_t kRealEntries = 50;
  Rng real_rng{42}, rng{entries};
  polytag::Lexicon lex("synthetic", std::to_string(entries), polytag::LexiconKind::kThemes);
  std::set<std::string> seen;  // a lexicon may repeat a pattern, but a real one rarely does
  while (lex.entries().size() < entries) {
    polytag::LexiconEntry e;
    const size_t kind = rng.Below(20);
    const bool real = lex.entries().size() < std::min(kRealEntries, entries / 2) && !article_words.empty();
    if (real) {
      const size_t at = real_rng.Below(article_words.size());
      e.pattern = article_words[at];
      if (real_rng.Below(2) && at + 1 < article_words.size()) e.pattern += " " + article_words[at + 1];
    } else if (kind < 12) {
      e.pattern = MadeUpWord(rng);
    } else if (kind < 18) {
      e.pattern = MadeUpWord(rng) + " " + MadeUpWord(rng);
      if (rng.Below(3) == 0) e.pattern += " " + MadeUpWord(rng);
    } else {
      // The prefix runs at least to the digit: "trea*", cut before it, matched
      // "treaty", and lexicons of more entries found more hits.
      const std::string word = MadeUpWord(rng);
      const size_t digit = word.find_first_of("0123456789");
      e.pattern = word.substr(0, std::max<size_t>(digit + 1, 4 + rng.Below(3))) + "*";
    }
    if (!seen.insert(e.pattern).second) continue;
    // The real entries' themes come from their own generator too: drawn from `rng`,
    // they differed from size to size, and so did the tags (31.6 themes a document
    // with 1k entries, 36.2 with 100k), which made the larger lexicons build more
    // results, not only search a larger trie.
    e.category = "t" + std::to_string((real ? real_rng : rng).Below(20));
    if (!lex.AddEntry(e).ok()) continue;
  }
  return lex;
}

size_t HeapInUse() {
  // Blocks glibc mapped on their own (hblkhd: large ones, while its threshold for
  // them is low, as early in a process) are not in uordblks.
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}
double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace polytag_bench
