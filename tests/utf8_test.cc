#include "utf8.h"

#include "gtest/gtest.h"

namespace polytag::internal {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_EQ(FindInvalidUtf8(""), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("plain ASCII, long enough to use the eight-byte path"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("Zürich — İstanbul “quoted” 中华 \xF0\x9F\x98\x80"), std::string_view::npos);
}

TEST(Utf8Test, FindsTheFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("abc\xFFxyz"), 3u);
  EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);               // truncated at the end
  EXPECT_EQ(FindInvalidUtf8("0123456789\xC0\xAF"), 10u);  // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80y"), 1u);       // a surrogate
  EXPECT_EQ(FindInvalidUtf8("x\xF4\x90\x80\x80"), 1u);    // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("ok \xE2\x80 no"), 3u);       // a cut-off sequence
}

TEST(Utf8Test, FindsABadByteAnywhereInLongAsciiRuns) {
  // Every offset of the 64-, 16- and 8-byte ASCII skips and the bytes after them.
  for (size_t length = 1; length <= 150; ++length) {
    for (size_t at = 0; at < length; ++at) {
      std::string text(length, 'a');
      text[at] = '\xFF';
      ASSERT_EQ(FindInvalidUtf8(text), at) << length;
      text.replace(at, 1, "\xC3\xA9");  // é: valid, and the scan goes on after it
      text.push_back('\x80');
      ASSERT_EQ(FindInvalidUtf8(text), length + 1) << length;
      ASSERT_EQ(RepairUtf8(text), text.substr(0, length + 1) + "\xEF\xBF\xBD") << length;
    }
  }
}

TEST(Utf8Test, RepairReplacesMaximalSubparts) {
  EXPECT_EQ(RepairUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  // A truncated three-byte sequence is one replacement, not two.
  EXPECT_EQ(RepairUtf8("a\xE2\x80" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(RepairUtf8("\xC3"), "\xEF\xBF\xBD");
  const std::string good = "Zürich — fine";
  EXPECT_EQ(RepairUtf8(good), good);
  EXPECT_EQ(FindInvalidUtf8(RepairUtf8("\xC0\xAF\xED\xA0\x80\xF8")), std::string_view::npos);
}

TEST(Utf8Test, DecodesCodePoints) {
  const std::string_view s = "aé中\xF0\x9F\x98\x80";
  size_t i = 0;
  EXPECT_EQ(DecodeUtf8(s, i), U'a');
  EXPECT_EQ(DecodeUtf8(s, i), U'é');
  EXPECT_EQ(DecodeUtf8(s, i), U'中');
  EXPECT_EQ(DecodeUtf8(s, i), U'\U0001F600');
  EXPECT_EQ(i, s.size());
}

TEST(Utf8Test, EncodesEveryCodePointAsDecodingReadsIt) {
  EXPECT_EQ(EncodeUtf8(0x41), "A");
  EXPECT_EQ(EncodeUtf8(0xE9), "\xC3\xA9");
  EXPECT_EQ(EncodeUtf8(0x4E2D), "\xE4\xB8\xAD");
  EXPECT_EQ(EncodeUtf8(0x1F600), "\xF0\x9F\x98\x80");
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // surrogates have no UTF-8
    const std::string utf8 = EncodeUtf8(c);
    ASSERT_EQ(utf8.size(), c < 0x80 ? 1u : c < 0x800 ? 2u : c < 0x10000 ? 3u : 4u) << std::hex << c;
    ASSERT_EQ(FindInvalidUtf8(utf8), std::string_view::npos) << std::hex << c;
    size_t i = 0;
    ASSERT_EQ(DecodeUtf8(utf8, i), c);
    ASSERT_EQ(i, utf8.size());
  }
}

}  // namespace
}  // namespace polytag::internal
