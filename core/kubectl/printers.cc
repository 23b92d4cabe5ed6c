// kubectl's client-side printers, byte for byte: the table printer of cli-runtime
// (pkg/printers/tableprinter.go) over Go's text/tabwriter, `-o yaml` as sigs.k8s.io/yaml
// produces it (go-yaml v2's emitter: sorted keys, quoting, line folding at 80 columns), `-o json`
// as encoding/json's MarshalIndent with 4 spaces, and `-o name`.
#include "core/kubectl/printers.h"
#include "core/kubectl/jsonpath.h"
#include "core/base/strings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace kp {

namespace {

// ---------------------------------------------------------------------------------------------
// UTF-8 helpers

// Length of the UTF-8 sequence starting with byte b (go-yaml's width(); 0 for a stray byte).
int utf8Width(unsigned char b) {
  if ((b & 0x80) == 0x00) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 0;
}

// Decodes one rune at s[i]; sets *len to the bytes consumed (1 for invalid input, rune -1).
int32_t decodeRune(const std::string& s, size_t i, size_t* len) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  int w = utf8Width(b);
  if (w == 0 || i + w > s.size()) {
    *len = 1;
    return -1;
  }
  if (w == 1) {
    *len = 1;
    return b;
  }
  int32_t r = b & (w == 2 ? 0x1F : w == 3 ? 0x0F : 0x07);
  for (int k = 1; k < w; k++) {
    unsigned char c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      *len = 1;
      return -1;
    }
    r = (r << 6) | (c & 0x3F);
  }
  // Reject overlong forms and surrogates as Go's utf8 does.
  if ((w == 2 && r < 0x80) || (w == 3 && r < 0x800) || (w == 4 && (r < 0x10000 || r > 0x10FFFF)) ||
      (r >= 0xD800 && r <= 0xDFFF)) {
    *len = 1;
    return -1;
  }
  *len = static_cast<size_t>(w);
  return r;
}

// utf8.RuneCountInString: what tabwriter counts as a cell's width.
size_t runeCount(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    decodeRune(s, i, &len);
    i += len;
    n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// text/tabwriter

struct TabCell {
  std::string text;
  size_t width = 0;
};
using TabLine = std::vector<TabCell>;

class TabFormatter {
 public:
  TabFormatter(const std::vector<TabLine>& lines, int minwidth, int padding, std::vector<int>* remembered = nullptr)
      : lines_(lines), minwidth_(minwidth), padding_(padding), remembered_(remembered) {}

  std::string run() {
    format(0, lines_.size());
    return std::move(out_);
  }

 private:
  // text/tabwriter's format(): a column block is a run of consecutive lines that all have a
  // cell in this column (the last cell of a line is not part of any column).
  void format(size_t line0, size_t line1) {
    size_t column = widths_.size();
    for (size_t cur = line0; cur < line1; cur++) {
      if (column + 1 >= lines_[cur].size()) continue;
      writeLines(line0, cur);
      line0 = cur;
      int width = minwidth_;
      for (; cur < line1; cur++) {
        const auto& line = lines_[cur];
        if (column + 1 >= line.size()) break;
        int w = static_cast<int>(line[column].width) + padding_;
        if (w > width) width = w;
      }
      if (remembered_) {
        // liggitt/tabwriter's RememberWidths: a column never gets narrower across flushes.
        if (remembered_->size() <= column) remembered_->resize(column + 1, 0);
        if ((*remembered_)[column] > width) width = (*remembered_)[column];
        else (*remembered_)[column] = width;
      }
      widths_.push_back(width);
      format(line0, cur);
      widths_.pop_back();
      line0 = cur;
    }
    writeLines(line0, line1);
  }

  void writeLines(size_t line0, size_t line1) {
    for (size_t i = line0; i < line1; i++) {
      const auto& line = lines_[i];
      for (size_t j = 0; j < line.size(); j++) {
        const auto& c = line[j];
        out_ += c.text;
        if (j < widths_.size()) {
          int pad = widths_[j] - static_cast<int>(c.width);
          if (pad > 0) out_.append(static_cast<size_t>(pad), ' ');
        }
      }
      if (i + 1 == lines_.size()) break;  // the unterminated last line gets no newline
      out_ += '\n';
    }
  }

  const std::vector<TabLine>& lines_;
  int minwidth_, padding_;
  std::vector<int>* remembered_;
  std::vector<int> widths_;
  std::string out_;
};

std::vector<TabLine> splitTabText(const std::string& text) {
  std::vector<TabLine> lines(1);
  std::string cell;
  for (char ch : text) {
    if (ch == '\t') {
      lines.back().push_back({cell, runeCount(cell)});
      cell.clear();
    } else if (ch == '\n') {
      lines.back().push_back({cell, runeCount(cell)});
      cell.clear();
      lines.emplace_back();
    } else {
      cell += ch;
    }
  }
  lines.back().push_back({cell, runeCount(cell)});
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Go number formatting

// strconv.FormatFloat(f, fmt, -1, 64) for fmt 'e' or 'g' (shortest round-trip digits).
std::string goFormatFloat(double f, char fmt) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f == 0) return std::signbit(f) ? "-0" : "0";
  char buf[64];
  int prec = 1;
  for (; prec <= 17; prec++) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, f);
    if (std::strtod(buf, nullptr) == f) break;
  }
  // buf = [-]d.ddde[+-]XX: split digits and exponent.
  std::string s = buf;
  bool neg = s[0] == '-';
  if (neg) s = s.substr(1);
  size_t e = s.find('e');
  std::string mant = s.substr(0, e);
  int exp = std::atoi(s.c_str() + e + 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  auto expStr = [&](int x) {
    std::string r = x < 0 ? "-" : "+";
    int ax = x < 0 ? -x : x;
    if (ax < 10) r += "0";
    return r + std::to_string(ax);
  };
  auto eForm = [&]() {
    std::string r = digits.substr(0, 1);
    if (digits.size() > 1) r += "." + digits.substr(1);
    return r + "e" + expStr(exp);
  };
  std::string r;
  if (fmt == 'e') {
    r = eForm();
  } else {
    int eprec = static_cast<int>(digits.size());
    int dp = exp + 1;  // decimal point position
    if (eprec > static_cast<int>(digits.size()) && static_cast<int>(digits.size()) >= dp) eprec = static_cast<int>(digits.size());
    eprec = 6 > eprec ? 6 : eprec;  // shortest: %e is used if the exponent from the conversion is < -4 || >= eprec
    if (exp < -4 || exp >= eprec) {
      r = eForm();
    } else if (dp <= 0) {
      r = "0." + std::string(static_cast<size_t>(-dp), '0') + digits;
    } else if (dp >= static_cast<int>(digits.size())) {
      r = digits + std::string(static_cast<size_t>(dp - static_cast<int>(digits.size())), '0');
    } else {
      r = digits.substr(0, static_cast<size_t>(dp)) + "." + digits.substr(static_cast<size_t>(dp));
    }
  }
  return neg ? "-" + r : r;
}

// encoding/json's float encoding: 'f' format, or 'e' for very small/large magnitudes with the
// exponent's leading zero dropped ("1e-07" -> "1e-7").
std::string goJsonFloat(double f) {
  if (!std::isfinite(f)) return "null";  // Go would fail; never produced by the API
  double a = std::fabs(f);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    std::string s = goFormatFloat(f, 'e');
    size_t e = s.find('e');
    if (e != std::string::npos && e + 3 < s.size() + 1 && s[e + 2] == '0' && s.size() - e == 4)
      s.erase(e + 2, 1);
    return s;
  }
  // Shortest 'f' formatting.
  std::string g = goFormatFloat(f, 'g');
  if (g.find('e') == std::string::npos) return g;
  // Expand exponent forms of moderate numbers (1e+06 -> 1000000).
  char buf[512];
  for (int prec = 0; prec <= 20; prec++) {
    std::snprintf(buf, sizeof buf, "%.*f", prec, f);
    if (std::strtod(buf, nullptr) == f) return buf;
  }
  return g;
}

// fmt.Sprint of a JSON scalar as kubectl's table printer prints a non-string cell.
std::string sprintCell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  if (v.is_number_float()) return goFormatFloat(v.get<double>(), 'g');
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// printers.WriteEscaped: terminal escape characters are made visible.
std::string escapeTerminal(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\x1b') out += "^[";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::string formatLabelsOf(const Json& labels) {
  std::string out;
  if (labels.is_object())
    for (auto it = labels.begin(); it != labels.end(); ++it) {
      if (!out.empty()) out += ",";
      out += it.key() + "=" + (it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
    }
  return out.empty() ? "<none>" : out;
}

// ---------------------------------------------------------------------------------------------
// go-yaml v2 emitter

bool isBreakAt(const std::string& v, size_t i) {
  if (i >= v.size()) return false;
  unsigned char b = static_cast<unsigned char>(v[i]);
  if (b == '\r' || b == '\n') return true;
  auto at = [&](size_t k) { return k < v.size() ? static_cast<unsigned char>(v[k]) : 0; };
  if (b == 0xC2 && at(i + 1) == 0x85) return true;
  if (b == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9)) return true;
  return false;
}
bool isSpaceAt(const std::string& v, size_t i) { return i < v.size() && v[i] == ' '; }
bool isBlankAt(const std::string& v, size_t i) { return i < v.size() && (v[i] == ' ' || v[i] == '\t'); }
bool isBlankzAt(const std::string& v, size_t i) {
  return i >= v.size() || v[i] == ' ' || v[i] == '\t' || v[i] == '\0' || isBreakAt(v, i);
}
bool isPrintableAt(const std::string& v, size_t i) {
  auto at = [&](size_t k) { return k < v.size() ? static_cast<unsigned char>(v[k]) : 0; };
  unsigned char b = at(i);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && at(i + 1) >= 0xA0) || (b > 0xC2 && b < 0xED) ||
         (b == 0xED && at(i + 1) < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(at(i + 1) == 0xBB && at(i + 2) == 0xBF) &&
          !(at(i + 1) == 0xBF && (at(i + 2) == 0xBE || at(i + 2) == 0xBF)));
}
size_t widthAt(const std::string& v, size_t i) {
  int w = utf8Width(static_cast<unsigned char>(v[i]));
  return w == 0 ? 1 : static_cast<size_t>(w);
}

struct ScalarAnalysis {
  bool multiline = false, flowPlain = true, blockPlain = true, singleQuoted = true, block = true;
};

// yaml_emitter_analyze_scalar.
ScalarAnalysis analyzeScalar(const std::string& v) {
  ScalarAnalysis a;
  if (v.empty()) {
    a.flowPlain = false;
    a.block = false;
    return a;
  }
  bool blockInd = false, flowInd = false, lineBreaks = false, special = false;
  bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  bool breakSpace = false, spaceBreak = false, prevSpace = false, prevBreak = false;
  if (v.size() >= 3 && (v.compare(0, 3, "---") == 0 || v.compare(0, 3, "...") == 0)) blockInd = flowInd = true;
  bool precededByWs = true;
  for (size_t i = 0; i < v.size();) {
    size_t w = widthAt(v, i);
    bool followedByWs = i + w >= v.size() || isBlankAt(v, i + w);
    char c = v[i];
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          flowInd = blockInd = true;
          break;
        case '?': case ':':
          flowInd = true;
          if (followedByWs) blockInd = true;
          break;
        case '-':
          if (followedByWs) flowInd = blockInd = true;
          break;
        default: break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}': flowInd = true; break;
        case ':':
          flowInd = true;
          if (followedByWs) blockInd = true;
          break;
        case '#':
          if (precededByWs) flowInd = blockInd = true;
          break;
        default: break;
      }
    }
    if (!isPrintableAt(v, i)) special = true;  // the emitter runs in unicode mode
    if (isSpaceAt(v, i)) {
      if (i == 0) leadingSpace = true;
      if (i + w == v.size()) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreakAt(v, i)) {
      lineBreaks = true;
      if (i == 0) leadingBreak = true;
      if (i + w == v.size()) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = isBlankzAt(v, i);
    i += w;
  }
  a.multiline = lineBreaks;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

// Go's time.Parse accepting the layouts go-yaml tries for timestamps; only "could it parse"
// matters (it decides whether a string must be quoted).
bool looksLikeYamlTimestamp(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') i++;
  if (i != 4 || i == s.size() || s[i] != '-') return false;
  // layouts: "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
  //          "2006-1-2 15:4:5.999999999", "2006-1-2"
  size_t p = 5;
  auto num = [&](int minD, int maxD, int lo, int hi) -> bool {
    size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9' && static_cast<int>(p - start) < maxD) p++;
    int n = static_cast<int>(p - start);
    if (n < minD) return false;
    int v = std::atoi(s.substr(start, static_cast<size_t>(n)).c_str());
    return v >= lo && v <= hi;
  };
  if (!num(1, 2, 1, 12)) return false;
  if (p >= s.size() || s[p] != '-') return false;
  p++;
  if (!num(1, 2, 1, 31)) return false;
  if (p == s.size()) return true;  // date only
  char sep = s[p];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  p++;
  if (!num(1, 2, 0, 23)) return false;
  if (p >= s.size() || s[p] != ':') return false;
  p++;
  if (!num(1, 2, 0, 59)) return false;
  if (p >= s.size() || s[p] != ':') return false;
  p++;
  if (!num(1, 2, 0, 59)) return false;
  if (p < s.size() && s[p] == '.') {
    size_t start = ++p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') p++;
    if (p == start) return false;
  }
  if (sep == ' ') return p == s.size();
  if (p == s.size()) return false;  // the T layouts need a zone
  if (s[p] == 'Z') return p + 1 == s.size();
  if (s[p] != '+' && s[p] != '-') return false;
  p++;
  if (!num(2, 2, 0, 99)) return false;
  if (p >= s.size() || s[p] != ':') return false;
  p++;
  if (!num(2, 2, 0, 99)) return false;
  return p == s.size();
}

// strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) syntax (with "_" already removed).
bool parsesAsGoInt(const std::string& in) {
  std::string s = in;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s = s.substr(1);
  if (s.empty()) return false;
  int base = 10;
  if (s.size() >= 2 && s[0] == '0') {
    char b = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
    if (b == 'x') base = 16, s = s.substr(2);
    else if (b == 'b') base = 2, s = s.substr(2);
    else if (b == 'o') base = 8, s = s.substr(2);
    else base = 8, s = s.substr(1);
  }
  if (s.empty()) return false;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return false;
    if (d >= base) return false;
  }
  return true;  // overflow makes ParseInt fail but ParseUint/float then usually succeed
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool yamlStyleFloat(const std::string& s) {
  size_t p = 0;
  if (p < s.size() && (s[p] == '-' || s[p] == '+')) p++;
  auto digits = [&]() {
    size_t st = p;
    while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) p++;
    return p - st;
  };
  if (p < s.size() && s[p] == '.') {
    p++;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (p < s.size() && s[p] == '.') {
      p++;
      digits();
    }
  }
  if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
    p++;
    if (p < s.size() && (s[p] == '-' || s[p] == '+')) p++;
    if (digits() == 0) return false;
  }
  return p == s.size();
}

// strconv.ParseFloat acceptance for strings starting with '.' (".5", ".inf" is in the map).
bool parsesAsGoFloat(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return false;
  // strtod also takes hex floats, "inf", "nan"; Go accepts those too in ParseFloat.
  return true;
}

// resolve("", s) != !!str, or a base-60 float: go-yaml then quotes the string.
bool yamlNeedsQuotes(const std::string& s) {
  static const char* const kReserved[] = {
      "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No", "NO",
      "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null", "NULL", ".nan", ".NaN",
      ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<"};
  unsigned char c0 = s.empty() ? 'N' : static_cast<unsigned char>(s[0]);
  char hint = 0;
  if (s.empty()) hint = 'N';
  else if (c0 == '+' || c0 == '-') hint = 'S';
  else if (c0 >= '0' && c0 <= '9') hint = 'D';
  else if (std::strchr("yYnNtTfFoO~", c0) && c0 != 0) hint = 'M';
  else if (c0 == '.') hint = '.';
  if (hint != 0) {
    for (const char* r : kReserved)
      if (s == r) return true;
    if (hint == '.' && parsesAsGoFloat(s)) return true;
    if (hint == 'D' || hint == 'S') {
      if (looksLikeYamlTimestamp(s)) return true;
      std::string plain;
      for (char c : s)
        if (c != '_') plain += c;
      if (parsesAsGoInt(plain)) return true;
      if (yamlStyleFloat(plain) && parsesAsGoFloat(plain)) return true;
      if (plain.rfind("0b", 0) == 0 || plain.rfind("-0b", 0) == 0) {
        std::string b = plain.substr(plain[0] == '-' ? 3 : 2);
        bool ok = !b.empty() && b.find_first_not_of("01") == std::string::npos;
        if (ok) return true;
      }
    }
  }
  // isBase60Float: [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
  if (!s.empty() && (c0 == '+' || c0 == '-' || (c0 >= '0' && c0 <= '9')) && s.find(':') != std::string::npos) {
    size_t p = 0;
    if (s[p] == '+' || s[p] == '-') p++;
    if (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) {
      p++;
      while (p < s.size() && (std::isdigit(static_cast<unsigned char>(s[p])) || s[p] == '_')) p++;
      int groups = 0;
      while (p < s.size() && s[p] == ':') {
        size_t q = p + 1, st = q;
        while (q < s.size() && std::isdigit(static_cast<unsigned char>(s[q])) && q - st < 2) q++;
        if (q == st) break;
        if (q - st == 2 && s[st] > '5') break;
        p = q;
        groups++;
      }
      if (groups > 0) {
        if (p < s.size() && s[p] == '.') {
          p++;
          while (p < s.size() && (std::isdigit(static_cast<unsigned char>(s[p])) || s[p] == '_')) p++;
        }
        if (p == s.size()) return true;
      }
    }
  }
  return false;
}

bool isLetterRune(int32_t r) {
  if (r < 0x80) return std::isalpha(r) != 0;
  return true;  // non-ASCII runes in keys are treated as letters (unicode.IsLetter approximation)
}
bool isDigitRune(int32_t r) { return r >= '0' && r <= '9'; }

std::vector<int32_t> toRunes(const std::string& s) {
  std::vector<int32_t> out;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    int32_t r = decodeRune(s, i, &len);
    out.push_back(r < 0 ? 0xFFFD : r);
    i += len;
  }
  return out;
}

// go-yaml v2's keyList.Less for string keys: letters before digits, numbers compared by value.
bool yamlKeyLess(const std::string& as, const std::string& bs) {
  auto ar = toRunes(as), br = toRunes(bs);
  for (size_t i = 0; i < ar.size() && i < br.size(); i++) {
    if (ar[i] == br[i]) continue;
    bool al = isLetterRune(ar[i]), bl = isLetterRune(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    int64_t an = 0, bn = 0;
    if (ar[i] == '0' || br[i] == '0') {
      for (size_t j = i; j-- > 0 && isDigitRune(ar[j]);) {
        if (ar[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    size_t ai = i, bi = i;
    for (; ai < ar.size() && isDigitRune(ar[ai]); ai++) an = an * 10 + (ar[ai] - '0');
    for (; bi < br.size() && isDigitRune(br[bi]); bi++) bn = bn * 10 + (br[bi] - '0');
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.size() < br.size();
}

enum class Style { Plain, SingleQuoted, DoubleQuoted, Literal };

class YamlEmitter {
 public:
  std::string run(const Json& root) {
    node(root, /*root=*/true, false, false, false);
    writeIndent();  // document end
    if (openEnded_) {
      writeIndicator("...", true, false, false);
      writeIndent();
    }
    return std::move(out_);
  }

 private:
  static constexpr int kBestIndent = 2;
  static constexpr int kBestWidth = 80;

  void put(char c) {
    out_ += c;
    column_++;
  }
  void putBreak() {
    out_ += '\n';
    column_ = 0;
  }
  // write(): one character (rune) of value at *i.
  void writeChar(const std::string& v, size_t& i) {
    size_t w = widthAt(v, i);
    out_.append(v, i, w);
    column_++;
    i += w;
  }
  void writeBreak(const std::string& v, size_t& i) {
    if (v[i] == '\n') {
      putBreak();
      i++;
    } else {
      size_t w = widthAt(v, i);
      out_.append(v, i, w);
      column_ = 0;
      i += w;
    }
  }
  void writeIndent() {
    int indent = indent_ < 0 ? 0 : indent_;
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) putBreak();
    while (column_ < indent) put(' ');
    whitespace_ = true;
    indention_ = true;
  }
  void writeIndicator(const char* ind, bool needWs, bool isWs, bool isIndention) {
    if (needWs && !whitespace_) put(' ');
    for (const char* p = ind; *p; p++) put(*p);
    whitespace_ = isWs;
    indention_ = indention_ && isIndention;
    openEnded_ = false;
  }
  void increaseIndent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) indent_ = flow ? kBestIndent : 0;
    else if (!indentless) indent_ += kBestIndent;
  }
  void popIndent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  // The scalar text and style go-yaml's encoder asks for.
  static void scalarOf(const Json& v, std::string* text, Style* style, bool* isString) {
    *isString = false;
    *style = Style::Plain;
    if (v.is_null()) *text = "null";
    else if (v.is_boolean()) *text = v.get<bool>() ? "true" : "false";
    else if (v.is_number_integer()) *text = std::to_string(v.get<int64_t>());
    else if (v.is_number_unsigned()) *text = std::to_string(v.get<uint64_t>());
    else if (v.is_number_float()) {
      double f = v.get<double>();
      *text = goFormatFloat(f, 'g');
      if (*text == "+Inf") *text = ".inf";
      else if (*text == "-Inf") *text = "-.inf";
      else if (*text == "NaN") *text = ".nan";
    } else {
      *isString = true;
      *text = v.is_string() ? v.get<std::string>() : v.dump();
      // encoder.stringv: a newline asks for a literal block, a string that would resolve to
      // another type (or a base-60 float) is double-quoted, anything else is plain.
      if (text->find('\n') != std::string::npos) *style = Style::Literal;
      else if (yamlNeedsQuotes(*text)) *style = Style::DoubleQuoted;
      else *style = Style::Plain;
    }
  }

  bool isSimpleKey(const std::string& key) const {
    ScalarAnalysis a = analyzeScalar(key);
    return !a.multiline && key.size() <= 128;
  }

  void node(const Json& v, bool root, bool sequence, bool mapping, bool simpleKey) {
    rootContext_ = root;
    sequenceContext_ = sequence;
    mappingContext_ = mapping;
    simpleKeyContext_ = simpleKey;
    if (v.is_object()) {
      if (v.empty()) flowEmpty("{", "}");
      else blockMapping(v);
    } else if (v.is_array()) {
      if (v.empty()) flowEmpty("[", "]");
      else blockSequence(v);
    } else {
      std::string text;
      Style style;
      bool isString;
      scalarOf(v, &text, &style, &isString);
      scalar(text, style);
    }
  }

  void flowEmpty(const char* open, const char* close) {
    writeIndicator(open, true, true, false);
    increaseIndent(true, false);
    popIndent();
    writeIndicator(close, false, false, false);
  }

  void blockMapping(const Json& m) {
    std::vector<std::string> keys;
    for (auto it = m.begin(); it != m.end(); ++it) keys.push_back(it.key());
    std::sort(keys.begin(), keys.end(), yamlKeyLess);
    increaseIndent(false, false);
    for (const auto& k : keys) {
      writeIndent();
      if (isSimpleKey(k)) {
        node(Json(k), false, false, true, true);
        writeIndicator(":", false, false, false);
      } else {
        writeIndicator("?", true, false, true);
        node(Json(k), false, false, true, false);
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      node(m.at(k), false, false, true, false);
    }
    popIndent();
  }

  void blockSequence(const Json& a) {
    increaseIndent(false, mappingContext_ && !indention_);
    for (const auto& item : a) {
      writeIndent();
      writeIndicator("-", true, false, true);
      node(item, false, true, false, false);
    }
    popIndent();
  }

  // yaml_emitter_select_scalar_style + process_scalar.
  void scalar(const std::string& value, Style style) {
    ScalarAnalysis a = analyzeScalar(value);
    if (simpleKeyContext_ && a.multiline) style = Style::DoubleQuoted;
    if (style == Style::Plain) {
      if (!a.blockPlain) style = Style::SingleQuoted;  // flow_level is always 0 here
      if (value.empty() && simpleKeyContext_) style = Style::SingleQuoted;
    }
    if (style == Style::SingleQuoted && !a.singleQuoted) style = Style::DoubleQuoted;
    if (style == Style::Literal && (!a.block || simpleKeyContext_)) style = Style::DoubleQuoted;

    increaseIndent(true, false);
    bool allowBreaks = !simpleKeyContext_;
    switch (style) {
      case Style::Plain: writePlain(value, allowBreaks); break;
      case Style::SingleQuoted: writeSingleQuoted(value, allowBreaks); break;
      case Style::DoubleQuoted: writeDoubleQuoted(value, allowBreaks); break;
      case Style::Literal: writeLiteral(value); break;
    }
    popIndent();
  }

  void writePlain(const std::string& v, bool allowBreaks) {
    if (!whitespace_) put(' ');
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < v.size();) {
      if (isSpaceAt(v, i)) {
        if (allowBreaks && !spaces && column_ > kBestWidth && !isSpaceAt(v, i + 1)) {
          writeIndent();
          i += widthAt(v, i);
        } else {
          writeChar(v, i);
        }
        spaces = true;
      } else if (isBreakAt(v, i)) {
        if (!breaks && v[i] == '\n') putBreak();
        writeBreak(v, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        writeChar(v, i);
        indention_ = false;
        spaces = breaks = false;
      }
    }
    whitespace_ = false;
    indention_ = false;
    if (rootContext_) openEnded_ = true;
  }

  void writeSingleQuoted(const std::string& v, bool allowBreaks) {
    writeIndicator("'", true, false, false);
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < v.size();) {
      if (isSpaceAt(v, i)) {
        if (allowBreaks && !spaces && column_ > kBestWidth && i > 0 && i < v.size() - 1 && !isSpaceAt(v, i + 1)) {
          writeIndent();
          i += widthAt(v, i);
        } else {
          writeChar(v, i);
        }
        spaces = true;
      } else if (isBreakAt(v, i)) {
        if (!breaks && v[i] == '\n') putBreak();
        writeBreak(v, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        if (v[i] == '\'') put('\'');
        writeChar(v, i);
        indention_ = false;
        spaces = breaks = false;
      }
    }
    writeIndicator("'", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void writeDoubleQuoted(const std::string& v, bool allowBreaks) {
    static const char* hex = "0123456789ABCDEF";
    bool spaces = false;
    writeIndicator("\"", true, false, false);
    for (size_t i = 0; i < v.size();) {
      unsigned char b = static_cast<unsigned char>(v[i]);
      bool isBom = b == 0xEF && i + 2 < v.size() && static_cast<unsigned char>(v[i + 1]) == 0xBB &&
                   static_cast<unsigned char>(v[i + 2]) == 0xBF;
      if (!isPrintableAt(v, i) || isBom || isBreakAt(v, i) || b == '"' || b == '\\') {
        int w = utf8Width(b);
        if (w == 0) w = 1;
        int32_t r = w == 1 ? (b & 0x7F) : w == 2 ? (b & 0x1F) : w == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; k < w && i + static_cast<size_t>(k) < v.size(); k++)
          r = (r << 6) + (static_cast<unsigned char>(v[i + k]) & 0x3F);
        i += static_cast<size_t>(w);
        put('\\');
        switch (r) {
          case 0x00: put('0'); break;
          case 0x07: put('a'); break;
          case 0x08: put('b'); break;
          case 0x09: put('t'); break;
          case 0x0A: put('n'); break;
          case 0x0B: put('v'); break;
          case 0x0C: put('f'); break;
          case 0x0D: put('r'); break;
          case 0x1B: put('e'); break;
          case 0x22: put('"'); break;
          case 0x5C: put('\\'); break;
          case 0x85: put('N'); break;
          case 0xA0: put('_'); break;
          case 0x2028: put('L'); break;
          case 0x2029: put('P'); break;
          default: {
            int digits;
            if (r <= 0xFF) put('x'), digits = 2;
            else if (r <= 0xFFFF) put('u'), digits = 4;
            else put('U'), digits = 8;
            for (int k = (digits - 1) * 4; k >= 0; k -= 4) put(hex[(r >> k) & 0x0F]);
          }
        }
        spaces = false;
      } else if (isSpaceAt(v, i)) {
        if (allowBreaks && !spaces && column_ > kBestWidth && i > 0 && i < v.size() - 1) {
          writeIndent();
          if (isSpaceAt(v, i + 1)) put('\\');
          i += widthAt(v, i);
        } else {
          writeChar(v, i);
        }
        spaces = true;
      } else {
        writeChar(v, i);
        spaces = false;
      }
    }
    writeIndicator("\"", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void writeLiteral(const std::string& v) {
    writeIndicator("|", true, false, false);
    // yaml_emitter_write_block_scalar_hints
    if (isSpaceAt(v, 0) || isBreakAt(v, 0)) {
      char hint[2] = {static_cast<char>('0' + kBestIndent), 0};
      writeIndicator(hint, false, false, false);
    }
    openEnded_ = false;
    const char* chomp = nullptr;
    if (v.empty()) {
      chomp = "-";
    } else {
      size_t i = v.size() - 1;
      while (i > 0 && (static_cast<unsigned char>(v[i]) & 0xC0) == 0x80) i--;
      if (!isBreakAt(v, i)) {
        chomp = "-";
      } else if (i == 0) {
        chomp = "+";
        openEnded_ = true;
      } else {
        i--;
        while (i > 0 && (static_cast<unsigned char>(v[i]) & 0xC0) == 0x80) i--;
        if (isBreakAt(v, i)) {
          chomp = "+";
          openEnded_ = true;
        }
      }
    }
    // go-yaml sets open_ended for "+" and then clears it again when writing the indicator.
    if (chomp) writeIndicator(chomp, false, false, false);
    putBreak();
    indention_ = true;
    whitespace_ = true;
    bool breaks = true;
    for (size_t i = 0; i < v.size();) {
      if (isBreakAt(v, i)) {
        writeBreak(v, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        writeChar(v, i);
        indention_ = false;
        breaks = false;
      }
    }
  }

  std::string out_;
  int column_ = 0;
  int indent_ = -1;
  std::vector<int> indents_;
  bool whitespace_ = true, indention_ = true, openEnded_ = false;
  bool rootContext_ = false, sequenceContext_ = false, mappingContext_ = false, simpleKeyContext_ = false;
};

// ---------------------------------------------------------------------------------------------
// encoding/json

void jsonString(const std::string& s, std::string& out) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      switch (b) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '<': case '>': case '&':
          out += "\\u00";
          out += hex[b >> 4];
          out += hex[b & 0xF];
          break;
        default:
          if (b < 0x20) {
            out += "\\u00";
            out += hex[b >> 4];
            out += hex[b & 0xF];
          } else {
            out += static_cast<char>(b);
          }
      }
      i++;
      continue;
    }
    size_t len;
    int32_t r = decodeRune(s, i, &len);
    if (r < 0) out += "\\ufffd";
    else if (r == 0x2028) out += "\\u2028";
    else if (r == 0x2029) out += "\\u2029";
    else out.append(s, i, len);
    i += len;
  }
  out += '"';
}

void jsonValue(const Json& v, int depth, std::string& out) {
  // depth < 0: encoding/json's Marshal (no newlines, no spaces)
  auto newline = [&](int d) {
    if (depth < 0) return;
    out += '\n';
    out.append(static_cast<size_t>(d) * 4, ' ');
  };
  switch (v.type()) {
    case Json::value_t::object: {
      if (v.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {  // std::map order = Go's sorted map keys
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        jsonString(it.key(), out);
        out += depth < 0 ? ":" : ": ";
        jsonValue(it.value(), depth < 0 ? depth : depth + 1, out);
      }
      newline(depth);
      out += '}';
      return;
    }
    case Json::value_t::array: {
      if (v.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        jsonValue(e, depth < 0 ? depth : depth + 1, out);
      }
      newline(depth);
      out += ']';
      return;
    }
    case Json::value_t::string: jsonString(v.get<std::string>(), out); return;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer: out += std::to_string(v.get<int64_t>()); return;
    case Json::value_t::number_unsigned: out += std::to_string(v.get<uint64_t>()); return;
    case Json::value_t::number_float: out += goJsonFloat(v.get<double>()); return;
    default: out += "null"; return;
  }
}

}  // namespace

std::string tabwriteText(const std::string& text, int minwidth, int padding) {
  if (text.empty()) return "";
  auto lines = splitTabText(text);
  return TabFormatter(lines, minwidth, padding).run();
}

std::string tabwriteRemembering(const std::string& text, std::vector<int>& widths) {
  if (text.empty()) return "";
  auto lines = splitTabText(text);
  return TabFormatter(lines, 6, 3, &widths).run();
}

std::string tabwrite(const std::vector<std::vector<std::string>>& rows) {
  std::string text;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); i++) {
      if (i) text += '\t';
      text += row[i];
    }
    text += '\n';
  }
  return tabwriteText(text, 6, 3);
}

std::string printTable(const Json& table, const ResourceInfo& r, const TablePrintOptions& opts) {
  std::string text = printTableCells(table, r, opts);
  return text.empty() ? "" : tabwriteText(text, 6, 3);
}

std::string printTableCells(const Json& table, const ResourceInfo& r, const TablePrintOptions& opts) {
  try {
    if (!table.is_object()) return "";
    Json columns = table.value("columnDefinitions", Json::array());
    Json rows = table.value("rows", Json::array());
    if (!columns.is_array()) columns = Json::array();
    if (!rows.is_array()) rows = Json::array();

    // decorateTable: the name column gets a "kind/" prefix when several kinds are printed.
    int nameColumn = -1;
    if (opts.withKind) {
      for (size_t i = 0; i < columns.size(); i++) {
        if (columns[i].value("format", "") == "name" && columns[i].value("type", "") == "string") {
          nameColumn = static_cast<int>(i);
          break;
        }
      }
    }
    std::string kindPrefix = toLower(r.kind) + (r.group.empty() ? "" : "." + toLower(r.group));

    struct Col {
      std::string name;
      bool visible;
    };
    std::vector<Col> cols;
    if (opts.withNamespace) cols.push_back({"Namespace", true});
    for (const auto& c : columns) {
      int priority = c.contains("priority") && c["priority"].is_number() ? c["priority"].get<int>() : 0;
      cols.push_back({c.value("name", ""), opts.wide || priority == 0});
    }
    for (const auto& l : opts.labelColumns) {
      auto slash = l.rfind('/');
      cols.push_back({slash == std::string::npos ? l : l.substr(slash + 1), true});
    }
    if (opts.showLabels) cols.push_back({"Labels", true});

    std::string text;
    if (!opts.noHeaders) {
      if (rows.empty()) return "";  // no headers without rows
      bool first = true;
      for (const auto& c : cols) {
        if (!c.visible) continue;
        if (!first) text += '\t';
        first = false;
        text += toUpper(c.name);
      }
      text += '\n';
    }
    for (const auto& row : rows) {
      Json cells = row.is_object() ? row.value("cells", Json::array()) : Json::array();
      if (!cells.is_array()) cells = Json::array();
      Json meta;
      if (row.is_object() && row.contains("object") && row["object"].is_object() &&
          row["object"].contains("metadata") && row["object"]["metadata"].is_object())
        meta = row["object"]["metadata"];
      if (nameColumn >= 0 && static_cast<size_t>(nameColumn) < cells.size())
        cells[static_cast<size_t>(nameColumn)] = kindPrefix + "/" + sprintCell(cells[static_cast<size_t>(nameColumn)]);
      std::vector<Json> all;
      if (opts.withNamespace)
        all.push_back(meta.is_object() ? Json(meta.value("namespace", "")) : Json(nullptr));
      size_t dataCols = columns.size();
      for (size_t i = 0; i < cells.size() && i < dataCols; i++) all.push_back(cells[i]);
      // Cells beyond the server's columns are dropped; short rows are padded for the labels.
      if (!opts.labelColumns.empty() || opts.showLabels) {
        while (all.size() < (opts.withNamespace ? 1 : 0) + dataCols) all.push_back(Json(nullptr));
        Json labels = meta.is_object() && meta.contains("labels") ? meta["labels"] : Json::object();
        for (const auto& key : opts.labelColumns) {
          std::string v;
          if (labels.is_object() && labels.contains(key) && labels[key].is_string()) v = labels[key].get<std::string>();
          all.push_back(v);
        }
        if (opts.showLabels) all.push_back(formatLabelsOf(labels));
      }
      bool first = true;
      for (size_t i = 0; i < all.size() && i < cols.size(); i++) {
        if (!cols[i].visible) continue;
        if (!first) text += '\t';
        first = false;
        const Json& cell = all[i];
        if (cell.is_null()) continue;
        if (cell.is_string()) {
          std::string s = cell.get<std::string>();
          size_t brk = s.find_first_of("\f\n\r");
          if (brk != std::string::npos) {
            text += escapeTerminal(s.substr(0, brk)) + "...";
          } else {
            text += escapeTerminal(s);
          }
        } else {
          text += escapeTerminal(sprintCell(cell));
        }
      }
      text += '\n';
    }
    return text;
  } catch (...) {
    return "";
  }
}

std::string toYaml(const Json& j) {
  try {
    return YamlEmitter().run(j);
  } catch (...) {
    return "";
  }
}

std::string toJsonText(const Json& j) {
  std::string out;
  try {
    jsonValue(j, 0, out);
  } catch (...) {
    return "";
  }
  out += '\n';
  return out;
}

std::string toCompactJson(const Json& j) {
  std::string out;
  try {
    jsonValue(j, -1, out);
  } catch (...) {
    return "";
  }
  return out;
}

std::string goFloatText(double f) { return goFormatFloat(f, 'g'); }

std::string resourceName(const ResourceInfo& r, const std::string& name) {
  // GroupKind.String() lower-cased: "pod", "deployment.apps".
  return toLower(r.kind) + (r.group.empty() ? "" : "." + toLower(r.group)) + "/" + name;
}

}  // namespace kp
