// Words of a paragraph, found on Unicode word boundaries (a UAX #29 subset: the rules
// that matter for news text), each with its original byte offsets and its folded form.
//
// Why not ICU's BreakIterator: it costs about 4 µs per KB, several times the rest of
// the pipeline together. ASCII, most of every article, is classified 64 bytes at a
// time (SIMD compares into bit masks, words found by bit scans), and so is the
// typographic punctuation of edited text (’ ‘ “ ” – — ― …); only other non-ASCII code
// points ask ICU for their Word_Break property.
//
// Rules: letters and digits join into words; ' ’ . and other MidNumLet characters stay
// inside a word between two letters ("don't", "U.S") or two digits ("3.5"), and , ;
// between two digits ("2,000"); '_' joins; combining marks and format characters
// attach to the word before them; Katakana runs join; every other ideograph (Han,
// Hiragana) is a word of its own. A trailing possessive "'s" or "’s" is not part of
// the word; other typographic apostrophes fold to plain ones ("didn’t" is "didn't").
// Between words, the tokenizer notes whether a clause or a sentence may end there.
#ifndef POLYTAG_LIB_TOKENIZE_H_
#define POLYTAG_LIB_TOKENIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polytag::internal {

// What the text between the previous word and this one holds.
enum GapFlags : uint8_t {
  kGapClause = 1,      // , ; : ( ) [ ] or a dash (and 、 ， ： （ ، and the like): a clause may end here
  kGapTerminal = 2,    // . ! ? … (and 。 ！ ？ । ؟): a sentence may end here (segment.cc decides)
  kGapNewline = 4,     // a line break
};

// The gap flags of a non-ASCII character by the classes UAX #29 gives punctuation for
// sentences, in every script: kGapTerminal for what ends a sentence (STerm and ATerm:
// "。", the danda, the Armenian full stop, Ethiopic "።", Myanmar "။", Mongolian "᠃",
// ...), kGapClause for what a sentence goes on past (SContinue: "、", the commas of
// Armenian and Mongolian, ...), else 0. The tokenizer falls back on it for the
// characters it does not list; the heading test reads the end of a line by it.
uint8_t SentenceBreakFlags(char32_t c);

struct Token {
  // Leaves every field unset: Tokenize() writes them all, and grows its vector of
  // tokens ahead of the words it finds without a store per token it then overwrites.
  Token() {}

  uint32_t begin;       // byte offsets of the word in the document
  uint32_t end;
  uint32_t fold_begin;  // the folded word is folded_text[fold_begin, +fold_len)
  uint32_t fold_len;
  uint64_t hash;        // HashBytes() of the folded word
  uint8_t gap;          // GapFlags of the text before this word
  bool capitalized;     // starts with an upper-case letter (for sentence starts)
};

// Appends the words of text[begin, end) to `tokens` and their folded forms to
// `folded`. Offsets are relative to `text`, which is the whole document. Each folded
// word is followed by one space, so the folded words of a call, from the first's
// fold_begin to the last's end, are the paragraph's normalised form (what regex
// entries run on) without another copy. Allocates only when `tokens` or `folded` must
// grow: callers reuse them.
//
// Returns npos; or, when text[begin, end) holds ill-formed UTF-8, the offset of the
// first ill-formed sequence, where it stopped (the words before it appended). The
// check costs nothing on ASCII: the windows settle only ASCII and typographic
// punctuation, whose three bytes they compare exactly, and every other non-ASCII byte
// is decoded, and checked, on the general path.
//
// `avx512`: classify the 64-byte windows with AVX-512BW where the processor has it
// (HasAvx512Bw(), cpu_features.h); false forces the SSE2 code (or the portable one,
// without SSE2), for the tests that hold both to the same output.
size_t Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* tokens, std::string* folded,
                bool avx512 = true);

// The folded words of a lexicon pattern, in order (a convenience for compiling
// lexicons; the tagger itself uses Tokenize()).
std::vector<std::string> FoldedWords(std::string_view pattern);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_TOKENIZE_H_
