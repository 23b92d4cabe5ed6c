// pflag-compatible flag parsing for the kubectl commands (see flags.h). Error texts are pflag's
// and Go's strconv/time messages, which kubectl prints verbatim after "error: ".
#include "core/kubectl/flags.h"

#include <cctype>
#include <cstdio>
#include <limits>

namespace kp {

std::optional<int64_t> parseGoInt(const std::string& s, int bits, std::string* error) {
  auto fail = [&](const char* why) -> std::optional<int64_t> {
    if (error) *error = "strconv.ParseInt: parsing " + goQuote(s) + ": " + why;
    return std::nullopt;
  };
  size_t i = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    i = 1;
  }
  if (i >= s.size()) return fail("invalid syntax");
  // Base 0 as Go: 0x/0o/0b prefixes, a leading 0 means octal; underscores need a prefix.
  int base = 10;
  bool prefixed = false;
  if (s[i] == '0' && i + 1 < s.size()) {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + 1])));
    prefixed = true;
    if (p == 'x') base = 16, i += 2;
    else if (p == 'o') base = 8, i += 2;
    else if (p == 'b') base = 2, i += 2;
    else base = 8, i += 1;
  }
  uint64_t v = 0;
  bool overflow = false, sawDigit = base == 8 && prefixed && s[i - 1] == '0';
  char last = 0;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c == '_') {
      if (!prefixed || last == '_') return fail("invalid syntax");
      last = c;
      continue;
    }
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    else return fail("invalid syntax");
    if (d >= base) return fail("invalid syntax");
    sawDigit = true;
    last = c;
    if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) overflow = true;
    else v = v * base + d;
  }
  if (!sawDigit || last == '_') return fail("invalid syntax");
  uint64_t limit = uint64_t(1) << (bits - 1);
  if (overflow || (!neg && v >= limit) || (neg && v > limit)) return fail("value out of range");
  return neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
}

std::optional<bool> parseGoBool(const std::string& s, std::string* error) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") return false;
  if (error) *error = "strconv.ParseBool: parsing " + goQuote(s) + ": invalid syntax";
  return std::nullopt;
}

std::optional<int64_t> parseGoDuration(const std::string& orig, std::string* error) {
  auto invalid = [&]() -> std::optional<int64_t> {
    if (error) *error = "time: invalid duration " + goQuote(orig);
    return std::nullopt;
  };
  std::string s = orig;
  bool neg = false;
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    i = 1;
  }
  if (s.substr(i) == "0") return 0;
  if (i >= s.size()) return invalid();
  long double totalNs = 0;
  while (i < s.size()) {
    size_t start = i;
    long double v = 0;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) v = v * 10 + (s[i++] - '0');
    bool pre = i > start, post = false;
    if (i < s.size() && s[i] == '.') {
      i++;
      long double scale = 0.1L;
      size_t fs = i;
      while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) v += (s[i++] - '0') * scale, scale /= 10;
      post = i > fs;
    }
    if (!pre && !post) return invalid();
    size_t us = i;
    while (i < s.size() && s[i] != '.' && !isdigit(static_cast<unsigned char>(s[i]))) i++;
    std::string unit = s.substr(us, i - us);
    if (unit.empty()) {
      if (error) *error = "time: missing unit in duration " + goQuote(orig);
      return std::nullopt;
    }
    long double mult;
    if (unit == "ns") mult = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") mult = 1e3L;
    else if (unit == "ms") mult = 1e6L;
    else if (unit == "s") mult = 1e9L;
    else if (unit == "m") mult = 60e9L;
    else if (unit == "h") mult = 3600e9L;
    else {
      if (error) *error = "time: unknown unit " + goQuote(unit) + " in duration " + goQuote(orig);
      return std::nullopt;
    }
    totalNs += v * mult;
    if (totalNs > 9.2233720368547758e18L) return invalid();
  }
  int64_t ms = static_cast<int64_t>(totalNs / 1e6L);
  return neg ? -ms : ms;
}

// ---------------------------------------------------------------- FlagSet
FlagSet& FlagSet::add(FlagDef def) {
  std::string name = def.name;
  if (!defs_.count(name)) order_.push_back(name);
  defs_[name] = std::move(def);
  return *this;
}
FlagSet& FlagSet::boolean(const std::string& n, char sh, bool def, const std::string& u) {
  return add({n, sh, FlagType::Bool, def ? "true" : "false", u});
}
FlagSet& FlagSet::string(const std::string& n, char sh, const std::string& def, const std::string& u) {
  return add({n, sh, FlagType::String, def, u});
}
FlagSet& FlagSet::integer(const std::string& n, char sh, int64_t def, const std::string& u) {
  return add({n, sh, FlagType::Int, std::to_string(def), u});
}
FlagSet& FlagSet::int32(const std::string& n, char sh, int64_t def, const std::string& u) {
  return add({n, sh, FlagType::Int32, std::to_string(def), u});
}
FlagSet& FlagSet::duration(const std::string& n, const std::string& def, const std::string& u) {
  return add({n, 0, FlagType::Duration, def, u});
}
FlagSet& FlagSet::stringArray(const std::string& n, char sh, const std::string& u) {
  return add({n, sh, FlagType::StringArray, "", u});
}
FlagSet& FlagSet::stringSlice(const std::string& n, char sh, const std::string& u) {
  return add({n, sh, FlagType::StringSlice, "", u});
}
FlagSet& FlagSet::require(const std::string& name) {
  auto it = defs_.find(name);
  if (it != defs_.end()) it->second.required = true;
  return *this;
}

FlagSet& FlagSet::noOptDefault(const std::string& name, const std::string& value) {
  auto it = defs_.find(name);
  if (it != defs_.end()) it->second.noOptDefVal = value;
  return *this;
}

const FlagDef* FlagSet::byShort(char c) const {
  for (const auto& [n, d] : defs_)
    if (d.shorthand == c) return &d;
  return nullptr;
}

static std::string displayName(const FlagDef& d) {
  // pflag names a flag with a shorthand as "-r, --replicas" in invalid-argument errors.
  if (d.shorthand) return std::string("-") + d.shorthand + ", --" + d.name;
  return "--" + d.name;
}

std::optional<std::string> FlagSet::set(const FlagDef& def, const std::string& text, const std::string&) {
  std::string err;
  Value& v = values_[def.name];
  switch (def.type) {
    case FlagType::Bool: {
      auto b = parseGoBool(text, &err);
      if (!b) break;
      v.scalar = *b ? "true" : "false";
      break;
    }
    case FlagType::Int:
    case FlagType::Int32: {
      auto i = parseGoInt(text, def.type == FlagType::Int32 ? 32 : 64, &err);
      if (!i) break;
      v.scalar = std::to_string(*i);
      break;
    }
    case FlagType::Duration: {
      auto d = parseGoDuration(text, &err);
      if (!d) break;
      v.scalar = std::to_string(*d);
      break;
    }
    case FlagType::String:
      v.scalar = text;
      break;
    case FlagType::StringArray:
      v.list.push_back(text);
      break;
    case FlagType::StringSlice: {
      // pflag reads a slice value as one CSV record.
      std::string cur;
      bool quoted = false;
      for (size_t i = 0; i < text.size(); i++) {
        char c = text[i];
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          v.list.push_back(cur);
          cur.clear();
        } else {
          cur += c;
        }
      }
      if (!text.empty()) v.list.push_back(cur);
      break;
    }
  }
  if (!err.empty())
    return "invalid argument " + goQuote(text) + " for " + goQuote(displayName(def)) + " flag: " + err;
  v.changed = true;
  return std::nullopt;
}

std::optional<std::string> FlagSet::parse(const std::vector<std::string>& in) {
  args_.clear();
  argsLenAtDash_ = -1;
  for (size_t i = 0; i < in.size(); i++) {
    const std::string& a = in[i];
    if (a.size() < 2 || a[0] != '-') {  // "", "x", "-"
      args_.push_back(a);
      continue;
    }
    if (a == "--") {
      argsLenAtDash_ = static_cast<int>(args_.size());
      for (size_t j = i + 1; j < in.size(); j++) args_.push_back(in[j]);
      break;
    }
    if (a[1] == '-') {  // long flag
      std::string body = a.substr(2);
      if (body.empty() || body[0] == '-' || body[0] == '=') return "bad flag syntax: " + a;
      auto eq = body.find('=');
      std::string name = body.substr(0, eq);
      auto it = defs_.find(name);
      if (it == defs_.end()) return "unknown flag: --" + name;
      const FlagDef& d = it->second;
      std::optional<std::string> err;
      if (eq != std::string::npos) {
        err = set(d, body.substr(eq + 1), "--" + name);
      } else if (d.type == FlagType::Bool) {
        err = set(d, "true", "--" + name);
      } else if (!d.noOptDefVal.empty()) {
        err = set(d, d.noOptDefVal, "--" + name);
      } else if (i + 1 < in.size()) {
        err = set(d, in[++i], "--" + name);
      } else {
        return "flag needs an argument: --" + name;
      }
      if (err) return err;
      continue;
    }
    // shorthand flags: -n v, -nv, -n=v, -abc
    std::string shorts = a.substr(1);
    while (!shorts.empty()) {
      char c = shorts[0];
      const FlagDef* d = byShort(c);
      if (!d) {
        std::string q = "'";
        q += c;
        q += "'";
        return "unknown shorthand flag: " + q + " in -" + shorts;
      }
      std::optional<std::string> err;
      if (shorts.size() > 2 && shorts[1] == '=') {
        err = set(*d, shorts.substr(2), std::string("-") + c);
        shorts.clear();
      } else if (d->type == FlagType::Bool) {
        err = set(*d, "true", std::string("-") + c);
        shorts = shorts.substr(1);
      } else if (shorts.size() > 1) {
        err = set(*d, shorts.substr(1), std::string("-") + c);
        shorts.clear();
      } else if (i + 1 < in.size()) {
        err = set(*d, in[++i], std::string("-") + c);
        shorts.clear();
      } else {
        std::string q = "'";
        q += c;
        q += "'";
        return "flag needs an argument: " + q + " in -" + shorts;
      }
      if (err) return err;
    }
  }
  return std::nullopt;
}

std::optional<std::string> FlagSet::checkRequired() const {
  // cobra: `required flag(s) "a", "b" not set`
  std::string missing;
  for (const auto& [n, d] : defs_) {  // cobra visits flags sorted by name
    if (d.required && !changed(n)) missing += (missing.empty() ? "" : ", ") + goQuote(n);
  }
  if (missing.empty()) return std::nullopt;
  return "required flag(s) " + missing + " not set";
}

bool FlagSet::changed(const std::string& name) const {
  auto it = values_.find(name);
  return it != values_.end() && it->second.changed;
}

std::string FlagSet::getString(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end() && it->second.changed) return it->second.scalar;
  auto d = defs_.find(name);
  return d == defs_.end() ? "" : d->second.defValue;
}

bool FlagSet::getBool(const std::string& name) const { return getString(name) == "true"; }

int64_t FlagSet::getInt(const std::string& name) const {
  std::string s = getString(name);
  auto v = parseGoInt(s, 64, nullptr);
  return v ? *v : 0;
}

int64_t FlagSet::getDurationMs(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end() && it->second.changed) {
    auto v = parseGoInt(it->second.scalar, 64, nullptr);
    return v ? *v : 0;
  }
  auto d = defs_.find(name);
  if (d == defs_.end()) return 0;
  auto v = parseGoDuration(d->second.defValue, nullptr);
  return v ? *v : 0;
}

std::vector<std::string> FlagSet::getList(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  return it->second.list;
}

std::string FlagSet::usageText() const {
  std::string out;
  for (const auto& [n, d] : defs_) {
    std::string line = "    ";
    if (d.shorthand) line += std::string("-") + d.shorthand + ", ";
    line += "--" + n + "=";
    switch (d.type) {
      case FlagType::String: line += "'" + d.defValue + "'"; break;
      case FlagType::StringArray:
      case FlagType::StringSlice: line += "[]"; break;
      default: line += d.defValue;
    }
    line += ":\n\t" + d.usage + "\n\n";
    out += line;
  }
  return out;
}

}  // namespace kp
