#pragma once
// Seeded randomness that gives the same numbers with every standard library: std::mt19937_64
// is specified bit for bit, the std::*_distribution classes are not, so the draws below are
// built from its raw 64-bit output with plain arithmetic only.
#include <cstdint>
#include <random>

namespace erde::demo {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t bits() { return engine_(); }
  // [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // [0, n) without modulo bias.
  uint32_t below(uint32_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return static_cast<uint32_t>(x % n);
  }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint32_t>(hi - lo + 1))); }
  bool chance(double p) { return uniform() < p; }
  // Approximately standard normal (Irwin-Hall sum of 12 uniforms), bounded to ±6.
  double normal() {
    double s = 0;
    for (int i = 0; i < 12; ++i) s += uniform();
    return s - 6.0;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace erde::demo
