#include "normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

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

}  // namespace

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
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  // Apostrophes first: NFKC_Casefold keeps U+2019 as it is.
  for (int32_t i = 0; i < s.length(); ++i) {
    const char16_t c = s.charAt(i);
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07) s.setCharAt(i, u'\'');
  }
  const icu::Normalizer2* norm = NfkcCasefold();
  icu::UnicodeString folded;
  UErrorCode status = U_ZERO_ERROR;
  if (norm != nullptr) norm->normalize(s, folded, status);
  if (norm == nullptr || U_FAILURE(status)) folded = s.foldCase();
  // "İ" folds to "i" + U+0307 COMBINING DOT ABOVE; drop the dot after an "i".
  for (int32_t i = 1; i < folded.length(); ++i) {
    if (folded.charAt(i) == 0x0307 && folded.charAt(i - 1) == u'i') folded.remove(i--, 1);
  }
  folded.toUTF8String(*out);
}

}  // namespace polytag::internal
