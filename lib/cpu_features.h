// What the processor offers the few kernels that have an AVX-512 form beside their
// portable one: the matcher's first pass (matcher_avx512.cc) and the tokenizer's
// window classification (tokenize.cc). Each kernel is compiled for AVX-512 alone, by
// a target attribute on its function, so the library needs no build flags and runs
// on any x86-64 processor; these functions decide at run time which form runs.
#ifndef POLYTAG_LIB_CPU_FEATURES_H_
#define POLYTAG_LIB_CPU_FEATURES_H_

// Set where the AVX-512 kernels are compiled at all: x86-64 with GCC or Clang.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define POLYTAG_AVX512_KERNELS 1
#endif

namespace polytag::internal {

// The AVX-512 extensions the kernels ask for, found once. The processor must have
// them and the operating system must save their registers; __builtin_cpu_supports
// checks both.
struct Avx512Support {
  bool dq = false;  // AVX-512F and AVX-512DQ: the matcher's first pass
  bool bw = false;  // AVX-512F and AVX-512BW: the tokenizer's windows
};
inline const Avx512Support& Avx512() {
#ifdef POLYTAG_AVX512_KERNELS
  static const Avx512Support support = [] {
    const bool f = __builtin_cpu_supports("avx512f");
    return Avx512Support{f && __builtin_cpu_supports("avx512dq"), f && __builtin_cpu_supports("avx512bw")};
  }();
#else
  static const Avx512Support support;
#endif
  return support;
}
inline bool HasAvx512Dq() { return Avx512().dq; }
inline bool HasAvx512Bw() { return Avx512().bw; }

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_CPU_FEATURES_H_
