#include "core/base/clock.h"

namespace kp {

std::string Rng::nameSuffix(int n) {
  static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::string s;
  for (int i = 0; i < n; i++) s += kAlphabet[below(sizeof kAlphabet - 1)];
  return s;
}

std::string Rng::hex(int n) {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < n; i++) s += kHex[below(16)];
  return s;
}

std::string Rng::uuid() {
  std::string s = hex(8) + "-" + hex(4) + "-4" + hex(3) + "-";
  s += "89ab"[below(4)];
  s += hex(3) + "-" + hex(12);
  return s;
}

}  // namespace kp
