// Which instruction-set build of a kernel this CPU runs. The kernels with an
// AVX-512 build (betweenness.cpp's hop kernel, spectral.cpp's row sums) are
// compiled for it with [[gnu::target]] and chosen once per process here; each
// keeps its own test hook that forces its portable build.
#pragma once

namespace movemap::cpu {

// AVX-512 F, BW, DQ and VL, the set the AVX-512 builds are compiled for;
// false off x86-64 (or off GCC/Clang), where only the portable builds exist.
inline bool has_avx512() {
#if defined(__GNUC__) && defined(__x86_64__)
  static const bool yes = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  return yes;
#else
  return false;
#endif
}

}  // namespace movemap::cpu
