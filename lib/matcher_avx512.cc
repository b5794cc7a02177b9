// The AVX-512 kernel of the matcher's first pass (Matcher::MarkActiveAvx512): eight
// words at a time, the same entries as MarkActive<false, false> word by word. Only
// this function is compiled for AVX-512 (a target attribute, so the build needs no
// flags of its own); HasAvx512Dq() decides at run time whether it runs.
#include "matcher.h"

#ifdef POLYTAG_AVX512_KERNELS

// GCC 12 warns that the intrinsics' undefined vectors (the "__Y = __Y" they start
// from) may be used uninitialized: GCC bug 105593, inside its own header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <immintrin.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cstddef>

namespace polytag::internal {

// The eight tokens of a step are four 64-byte loads, and a word's fields are taken
// from them as 64-bit lanes: fold_begin with fold_len, and the hash.
static_assert(sizeof(Token) == 32 && offsetof(Token, fold_begin) == 8 && offsetof(Token, fold_len) == 12 &&
                  offsetof(Token, hash) == 16,
              "the AVX-512 first pass reads tokens by this layout");

__attribute__((target("avx512f,avx512dq"))) void Matcher::MarkActiveAvx512(const Token* toks, uint32_t end,
                                                                            const char* folded, uint64_t* active,
                                                                            uint32_t* num_active, bool* led) const {
  const auto* const filter = reinterpret_cast<const long long*>(text_filter_.data());
  const __m128i shift = _mm_cvtsi32_si128(text_filter_.shift());
  const __m512i low6 = _mm512_set1_epi64(63), one = _mm512_set1_epi64(1);
  const __m512i low4_bytes = _mm512_set1_epi64(0xFFFFFFFFll), low6_bytes = _mm512_set1_epi64(0xFFFFFFFFFFFFll);
  const __m512i golden = _mm512_set1_epi64(static_cast<long long>(kKeyMultiplier));
  const __m512i top_bit = _mm512_set1_epi64(static_cast<long long>(uint64_t{1} << 63));
  const __m512i lane_tokens = _mm512_set_epi64(7ll << 32, 6ll << 32, 5ll << 32, 4ll << 32, 3ll << 32, 2ll << 32,
                                               1ll << 32, 0);
  // Lanes 1 and 2 of each token (fold_begin | fold_len << 32, and hash), then the
  // even and the odd lanes of those.
  const __m512i fields = _mm512_set_epi64(14, 13, 10, 9, 6, 5, 2, 1);
  const __m512i even = _mm512_set_epi64(14, 12, 10, 8, 6, 4, 2, 0);
  const __m512i odd = _mm512_set_epi64(15, 13, 11, 9, 7, 5, 3, 1);
  const __m512i may_word = _mm512_set1_epi64(kMayWord), may_glob4 = _mm512_set1_epi64(kMayGlob4),
                may_glob6 = _mm512_set1_epi64(kMayGlob6);
  const __m512i four = _mm512_set1_epi64(4), six = _mm512_set1_epi64(6);
  // BitFilter<1>: the filter word of a key (Block), and whether it holds bit h & 63
  // (BlockMayContain), for eight keys at once.
  auto block = [&](__m512i key) __attribute__((target("avx512f"))) {
    return _mm512_i64gather_epi64(_mm512_srl_epi64(key, shift), filter, 8);
  };
  auto holds = [&](__m512i word, __m512i h) __attribute__((target("avx512f"))) {
    return _mm512_test_epi64_mask(word, _mm512_sllv_epi64(one, _mm512_and_si512(h, low6)));
  };
  uint32_t count = *num_active;
  unsigned carry = *led ? 1 : 0;  // the previous word leads the first of the step
  // A step of eight words in two halves: `load` computes its keys and starts the
  // gathers of its filter words; `mark` tests them and appends the entries. Each step
  // is loaded before the one before it is marked, so that its gathers, the last of
  // a chain of a gather, a multiply and another gather, overlap the next step's work
  // instead of being waited for: the kernel alone took 10 to 20% less time than with
  // each step done whole.
  struct Step {
    __m512i pair, hash, key4, key6;        // the keys of the four filter tests
    __m512i pairs, words, block4, block6;  // their filter words, being gathered
    unsigned at_least4, at_least6;         // the words long enough for each glob group
  };
  auto load = [&](uint32_t i) __attribute__((target("avx512f,avx512dq"))) {
    Step s;
    const auto* const p = reinterpret_cast<const __m512i*>(toks + i);
    const __m512i lo = _mm512_permutex2var_epi64(_mm512_loadu_si512(p), fields, _mm512_loadu_si512(p + 1));
    const __m512i hi = _mm512_permutex2var_epi64(_mm512_loadu_si512(p + 2), fields, _mm512_loadu_si512(p + 3));
    const __m512i fold = _mm512_permutex2var_epi64(lo, even, hi);
    s.hash = _mm512_permutex2var_epi64(lo, odd, hi);
    // The next word's hash: lanes 1 to 7, and the word after the step.
    const __m512i next =
        _mm512_alignr_epi64(_mm512_set1_epi64(static_cast<long long>(toks[i + 8].hash)), s.hash, 1);
    // PairKey, looked up once for both of its bits, as in MarkActive.
    s.pair = _mm512_xor_si512(s.hash, _mm512_rol_epi64(next, 23));
    s.pairs = block(s.pair);
    s.words = block(s.hash);
    const __m512i head = _mm512_i64gather_epi64(_mm512_and_si512(fold, low4_bytes),
                                                reinterpret_cast<const long long*>(folded), 1);
    // GlobGroupsMayLead at the root, for groups of four and of six bytes.
    const __m512i length = _mm512_srli_epi64(fold, 32);
    s.at_least4 = _mm512_cmpge_epu64_mask(length, four);
    s.at_least6 = _mm512_cmpge_epu64_mask(length, six);
    s.key4 = _mm512_mullo_epi64(_mm512_and_si512(head, low4_bytes), golden);  // GlobFilterKey
    s.key4 = _mm512_xor_si512(s.key4, _mm512_srli_epi64(s.key4, 32));
    s.block4 = block(s.key4);
    s.key6 = _mm512_mullo_epi64(_mm512_and_si512(head, low6_bytes), golden);  // LongGlobGroupKey
    s.key6 = _mm512_or_si512(_mm512_xor_si512(s.key6, _mm512_srli_epi64(s.key6, 29)), top_bit);
    s.block6 = block(_mm512_slli_epi64(s.key6, 1));
    return s;
  };
  auto mark = [&](uint32_t i, const Step& s) __attribute__((target("avx512f,avx512dq"))) {
    const unsigned follows = holds(s.pairs, s.pair);
    const unsigned leads = holds(s.pairs, _mm512_srli_epi64(s.pair, 6));
    const unsigned led_before = ((leads << 1) | carry) & 0xFF;
    carry = leads >> 7;
    // RootMayLead: the word anywhere, or beside a word it pairs with.
    const unsigned beside = holds(s.words, _mm512_srli_epi64(s.hash, 6)) & (follows | led_before);
    const unsigned word = holds(s.words, s.hash) | beside;
    const unsigned glob4 = holds(s.block4, s.key4) & s.at_least4;
    const unsigned glob6 = holds(s.block6, s.key6) & s.at_least6;
    const __m512i may =
        _mm512_or_si512(_mm512_or_si512(_mm512_maskz_mov_epi64(static_cast<__mmask8>(word), may_word),
                                        _mm512_maskz_mov_epi64(static_cast<__mmask8>(glob4), may_glob4)),
                        _mm512_maskz_mov_epi64(static_cast<__mmask8>(glob6), may_glob6));
    const __m512i first_token = _mm512_set1_epi64(static_cast<long long>(uint64_t{i} << 32));
    const __m512i entries = _mm512_or_si512(_mm512_or_si512(first_token, lane_tokens), may);
    // The words that may lead anywhere, packed to the front of a full store: `active`
    // has room for the lanes past them (kFirstPassSlack).
    const __mmask8 any = static_cast<__mmask8>(word | glob4 | glob6);
    _mm512_storeu_si512(active + count, _mm512_maskz_compress_epi64(any, entries));
    count += static_cast<uint32_t>(__builtin_popcount(any));
  };
  if (end > 0) {
    Step current = load(0);
    for (uint32_t i = 8; i < end; i += 8) {
      const Step next = load(i);
      mark(i - 8, current);
      current = next;
    }
    mark(end - 8, current);
  }
  *num_active = count;
  *led = carry != 0;
}

}  // namespace polytag::internal

#endif  // POLYTAG_AVX512_KERNELS
