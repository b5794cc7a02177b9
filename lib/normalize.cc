#include "normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <string>

#include "utf8.h"

namespace polytag::internal {
namespace {

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// The typographic apostrophes that fold to a plain one (U+2019, U+2018, U+02BC,
// U+FF07), in UTF-8.
constexpr std::string_view kApostrophes[] = {"\xE2\x80\x99", "\xE2\x80\x98", "\xCA\xBC", "\xEF\xBC\x87"};

// `word` with every typographic apostrophe made plain, in `buffer` when it has one.
std::string_view PlainApostrophes(std::string_view word, std::string* buffer) {
  bool any = false;
  for (std::string_view a : kApostrophes) any |= word.find(a) != std::string_view::npos;
  if (!any) return word;
  buffer->clear();
  for (size_t i = 0; i < word.size();) {
    size_t len = 0;
    for (std::string_view a : kApostrophes)
      if (word.compare(i, a.size(), a) == 0) len = a.size();
    if (len > 0) {
      buffer->push_back('\'');
      i += len;
    } else {
      buffer->push_back(word[i++]);
    }
  }
  return *buffer;
}

// NFKC_Casefold through ICU's UTF-16 strings, for when its UTF-8 normaliser failed.
void AppendFoldedUtf16(std::string_view word, std::string* out) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  const icu::Normalizer2* norm = NfkcCasefold();
  icu::UnicodeString folded;
  UErrorCode status = U_ZERO_ERROR;
  if (norm != nullptr) norm->normalize(s, folded, status);
  if (norm == nullptr || U_FAILURE(status)) folded = s.foldCase();
  folded.toUTF8String(*out);
}

// The folded form of each character of a range by itself, for folding words a
// character at a time: ICU's normaliser cost a fifth of tagging Greek or Cyrillic text.
// The ranges: the characters of two UTF-8 bytes (U+0080 to U+07FF: Latin letters with
// diacritics, Greek, Cyrillic, Armenian, Hebrew, Arabic), and U+0900 to U+1FFF (the
// scripts of India and Southeast Asia, Georgian, Cherokee, Ethiopic, ..., and the Latin
// and Greek letters of Vietnamese and polytonic Greek), whose capitals fold to other
// letters of three bytes ("Ệ" to "ệ", Georgian Mtavruli to Mkhedruli). A word folds so
// only when each of its characters has a normalisation boundary before it (ICU's
// hasBoundaryBefore: NFKC_Casefold of the word is then that of each character in turn);
// combining marks and the like, which compose with the character before them, do not.
// ASCII characters all do.
struct Fold {
  static constexpr uint8_t kNotAlone = 0xFF;
  uint8_t len = kNotAlone;  // bytes of `bytes`, or kNotAlone: fold the word through ICU
  char bytes[7] = {};
};
template <char32_t kFirst, char32_t kEnd>
struct FoldTable {
  Fold fold[kEnd - kFirst];
  FoldTable() {
    const icu::Normalizer2* norm = NfkcCasefold();
    if (norm == nullptr) return;
    for (char32_t c = kFirst; c < kEnd; ++c) {
      if (!norm->hasBoundaryBefore(static_cast<UChar32>(c))) continue;
      std::string folded;
      AppendFoldedByIcu(EncodeUtf8(c), &folded);  // U+02BC becomes "'" as in a word
      if (folded.size() > sizeof(Fold::bytes)) continue;
      fold[c - kFirst].len = static_cast<uint8_t>(folded.size());
      std::copy(folded.begin(), folded.end(), fold[c - kFirst].bytes);
    }
  }
  static bool Holds(char32_t c) { return c >= kFirst && c < kEnd; }
  // For Holds(c) only.
  const Fold& Of(char32_t c) const { return fold[c - kFirst]; }
  // Made on first use, as ClassTable's are.
  static const FoldTable& Get() {
    static const FoldTable* const table = new FoldTable;
    return *table;
  }
};
using TwoByteFolds = FoldTable<0x80, 0x800>;
using IndicToGreekExtendedFolds = FoldTable<0x0900, 0x2000>;

// Which characters of a range of three-byte ones fold to themselves with a boundary
// before them, as nearly all CJK ideographs, kana and Hangul syllables do: Chinese and
// Japanese text is a word per ideograph or kana, and each went through ICU's
// normaliser. A bit a character, where these ranges have no capitals to fold to
// something else. Those that do not (the spacing voiced sound marks, digraphs such as
// U+309F) leave their words to ICU.
template <char32_t kFirst, char32_t kEnd>
struct SelfFolds {
  static_assert(kFirst % 64 == 0 && kEnd % 64 == 0);
  uint64_t alone[(kEnd - kFirst) / 64] = {};
  SelfFolds() {
    const icu::Normalizer2* norm = NfkcCasefold();
    if (norm == nullptr) return;
    for (char32_t c = kFirst; c < kEnd; ++c) {
      const std::string utf8 = EncodeUtf8(c);
      std::string folded;
      AppendFoldedByIcu(utf8, &folded);
      if (norm->hasBoundaryBefore(static_cast<UChar32>(c)) && folded == utf8)
        alone[(c - kFirst) / 64] |= uint64_t{1} << ((c - kFirst) % 64);
    }
  }
  static bool Holds(char32_t c) { return c >= kFirst && c < kEnd; }
  // For Holds(c) only. Each table is made on the first character of its range, not on
  // the first "€" or emoji.
  static bool FoldsAlone(char32_t c) {
    static const SelfFolds* const table = new SelfFolds;
    return (table->alone[(c - kFirst) / 64] >> ((c - kFirst) % 64)) & 1;
  }
};
using IdeographFolds = SelfFolds<0x4E00, 0xA000>;
using KanaFolds = SelfFolds<0x3040, 0x3100>;
using HangulFolds = SelfFolds<0xAC00, 0xD7C0>;

// Whether a character of three UTF-8 bytes folds to itself with a boundary before it;
// false for those no table holds.
bool WideFoldsAlone(char32_t c) {
  if (IdeographFolds::Holds(c)) return IdeographFolds::FoldsAlone(c);
  if (KanaFolds::Holds(c)) return KanaFolds::FoldsAlone(c);
  if (HangulFolds::Holds(c)) return HangulFolds::FoldsAlone(c);
  return false;
}

}  // namespace

size_t FoldByCharacter(std::string_view word, char* out) {
  // Fetched once a word, not at every character (a function-local static is a guarded
  // load at each use). The other table is made on the first character of its range.
  const TwoByteFolds& two_byte = TwoByteFolds::Get();
  size_t n = 0;
  for (size_t i = 0; i < word.size();) {
    const unsigned char b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {
      out[n++] = (b >= 'A' && b <= 'Z') ? static_cast<char>(b + 32) : static_cast<char>(b);
      ++i;
      continue;
    }
    const size_t at = i;
    const char32_t c = DecodeUtf8(word, i);
    if (c < 0x800 || IndicToGreekExtendedFolds::Holds(c)) {
      const Fold& f = c < 0x800 ? two_byte.Of(c) : IndicToGreekExtendedFolds::Get().Of(c);
      if (f.len == Fold::kNotAlone) return std::string_view::npos;
      std::copy(f.bytes, f.bytes + sizeof(f.bytes), out + n);
      n += f.len;
      continue;
    }
    if (!WideFoldsAlone(c)) return std::string_view::npos;  // those that do fold to themselves
    std::copy(word.data() + at, word.data() + i, out + n);
    n += i - at;
  }
  return n;
}

void AppendFolded(std::string_view word, std::string* out) {
  if (IsAscii(word)) {
    const size_t at = out->size();
    out->resize(at + word.size());
    char* dst = out->data() + at;
    for (size_t i = 0; i < word.size(); ++i) {
      const char c = word[i];
      dst[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return;
  }
  const size_t at = out->size();
  out->resize(at + kMaxFoldGrowth * word.size() + kFoldSlack);
  if (const size_t n = FoldByCharacter(word, out->data() + at); n != std::string_view::npos) {
    out->resize(at + n);
    return;
  }
  out->resize(at);
  AppendFoldedByIcu(word, out);
}

void AppendFoldedByIcu(std::string_view word, std::string* out) {
  // Apostrophes first: NFKC_Casefold keeps U+2019 as it is. (A buffer per thread:
  // tagging allocates nothing per word once warm.)
  thread_local std::string buffer;
  word = PlainApostrophes(word, &buffer);
  const size_t at = out->size();
  // Straight from UTF-8 to UTF-8: ICU's UTF-16 strings would cost two conversions
  // and, for longer words, heap allocations.
  if (const icu::Normalizer2* norm = NfkcCasefold(); norm != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    icu::StringByteSink<std::string> sink(out);
    norm->normalizeUTF8(0, icu::StringPiece(word.data(), static_cast<int32_t>(word.size())), sink, nullptr, status);
    if (U_FAILURE(status)) {
      out->resize(at);
      AppendFoldedUtf16(word, out);
    }
  } else {
    AppendFoldedUtf16(word, out);
  }
  // "İ" folds to "i" + U+0307 COMBINING DOT ABOVE; drop the dot after an "i".
  constexpr std::string_view kDottedI = "i\xCC\x87";
  for (size_t i = out->find(kDottedI, at); i != std::string::npos; i = out->find(kDottedI, i)) out->erase(i + 1, 2);
}

}  // namespace polytag::internal
