// ANSI SGR parsing (see ansi.h). Mirrors what xterm does with the subset kubectl, kubecolor and
// curl produce: 0 reset, 1 bold, 2 dim, 4 underline, 22/24 off, 30-37/90-97 and 38;5/38;2
// foregrounds, 39 default, 40-47/100-107/48;5/48;2 backgrounds, 49 default.
#include "web/ansi.h"


namespace kp {

namespace {

std::vector<int> parseParams(std::string_view s) {
  std::vector<int> out;
  int cur = 0;
  bool any = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      cur = cur * 10 + (c - '0');
      if (cur > 100000) cur = 100000;
      any = true;
    } else if (c == ';' || c == ':') {
      out.push_back(any ? cur : 0);
      cur = 0;
      any = false;
    }
  }
  out.push_back(any ? cur : 0);
  return out;
}

// Length of a complete escape sequence at the start of s, 0 when incomplete, -1 when it is
// not one we know (then the ESC is dropped).
int escapeLength(std::string_view s) {
  if (s.size() < 2) return 0;
  if (s[1] == '[') {  // CSI: parameters, intermediates, one final byte 0x40-0x7E
    for (size_t i = 2; i < s.size() && i < 64; ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x40 && c <= 0x7E) return static_cast<int>(i + 1);
    }
    return s.size() >= 64 ? -1 : 0;
  }
  if (s[1] == ']') {  // OSC: up to BEL or ST
    for (size_t i = 2; i < s.size() && i < 512; ++i) {
      if (s[i] == '\a') return static_cast<int>(i + 1);
      if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '\\') return static_cast<int>(i + 2);
    }
    return s.size() >= 512 ? -1 : 0;
  }
  return 2;  // ESC + one character (charset selection and the like)
}

}  // namespace

std::string StyledLine::plain() const {
  std::string s;
  for (auto& sp : spans) s += sp.text;
  return s;
}

namespace {

const ImU32 kDarkAnsi[16] = {
    IM_COL32(72, 80, 96, 255),    IM_COL32(255, 107, 107, 255), IM_COL32(62, 207, 142, 255),
    IM_COL32(250, 200, 90, 255),  IM_COL32(97, 160, 255, 255),  IM_COL32(200, 140, 250, 255),
    IM_COL32(86, 214, 220, 255),  IM_COL32(205, 212, 224, 255), IM_COL32(120, 132, 150, 255),
    IM_COL32(255, 140, 140, 255), IM_COL32(120, 235, 170, 255), IM_COL32(255, 225, 130, 255),
    IM_COL32(140, 190, 255, 255), IM_COL32(222, 175, 255, 255), IM_COL32(130, 235, 240, 255),
    IM_COL32(250, 252, 255, 255)};
// On a light background "white" and "yellow" must darken to stay readable.
const ImU32 kLightAnsi[16] = {
    IM_COL32(40, 44, 52, 255),    IM_COL32(200, 30, 30, 255),   IM_COL32(22, 140, 60, 255),
    IM_COL32(161, 98, 7, 255),    IM_COL32(37, 99, 235, 255),   IM_COL32(147, 51, 234, 255),
    IM_COL32(8, 128, 140, 255),   IM_COL32(100, 110, 125, 255), IM_COL32(110, 118, 130, 255),
    IM_COL32(220, 38, 38, 255),   IM_COL32(21, 128, 61, 255),   IM_COL32(180, 83, 9, 255),
    IM_COL32(29, 78, 216, 255),   IM_COL32(126, 34, 206, 255),  IM_COL32(14, 116, 144, 255),
    IM_COL32(30, 41, 59, 255)};
bool gLightAnsi = false;

}  // namespace

ImU32 ansiColor(int i) { return (gLightAnsi ? kLightAnsi : kDarkAnsi)[i & 15]; }

void useLightAnsi(bool light) { gLightAnsi = light; }

ImU32 translateAnsi(ImU32 c, bool toLight) {
  const ImU32* from = toLight ? kDarkAnsi : kLightAnsi;
  const ImU32* to = toLight ? kLightAnsi : kDarkAnsi;
  for (int i = 0; i < 16; ++i)
    if (from[i] == c) return to[i];
  return c;
}

ImU32 ansi256(int i) {
  if (i < 0 || i > 255) return 0;
  if (i < 16) return ansiColor(i);
  if (i >= 232) {
    int v = 8 + (i - 232) * 10;
    return IM_COL32(v, v, v, 255);
  }
  i -= 16;
  auto level = [](int v) { return v == 0 ? 0 : 55 + v * 40; };
  return IM_COL32(level(i / 36), level((i / 6) % 6), level(i % 6), 255);
}

void AnsiParser::applySgr(std::string_view params) {
  std::vector<int> p = parseParams(params);
  for (size_t i = 0; i < p.size(); ++i) {
    int v = p[i];
    if (v == 0) style_ = {};
    else if (v == 1) style_.bold = true;
    else if (v == 2) style_.dim = true;
    else if (v == 4) style_.underline = true;
    else if (v == 22) style_.bold = style_.dim = false;
    else if (v == 24) style_.underline = false;
    else if (v >= 30 && v <= 37) style_.fg = ansiColor(v - 30);
    else if (v >= 90 && v <= 97) style_.fg = ansiColor(v - 90 + 8);
    else if (v == 39) style_.fg = 0;
    else if (v >= 40 && v <= 47) style_.bg = ansiColor(v - 40);
    else if (v >= 100 && v <= 107) style_.bg = ansiColor(v - 100 + 8);
    else if (v == 49) style_.bg = 0;
    else if (v == 38 || v == 48) {
      ImU32 c = 0;
      if (i + 2 < p.size() && p[i + 1] == 5) {
        c = ansi256(p[i + 2]);
        i += 2;
      } else if (i + 4 < p.size() && p[i + 1] == 2) {
        auto clamp = [](int x) { return x < 0 ? 0 : x > 255 ? 255 : x; };
        c = IM_COL32(clamp(p[i + 2]), clamp(p[i + 3]), clamp(p[i + 4]), 255);
        i += 4;
      } else {
        break;
      }
      (v == 38 ? style_.fg : style_.bg) = c;
    }
  }
}

void AnsiParser::feed(std::string_view input, std::vector<StyledLine>& lines, ImU32 base) {
  std::string joined;
  if (!pending_.empty()) {
    joined = pending_ + std::string(input);
    pending_.clear();
    input = joined;
  }
  auto current = [&]() -> StyledLine& {
    if (!lineOpen_ || lines.empty()) {
      lines.emplace_back();
      lines.back().base = base;
      lineOpen_ = true;
    }
    return lines.back();
  };
  auto put = [&](std::string_view text) {
    if (text.empty()) return;
    StyledLine& line = current();
    if (line.spans.empty() || !(line.spans.back().style == style_)) line.spans.push_back({style_, {}});
    std::string& out = line.spans.back().text;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '\t') {
        int n = 8 - (line.columns % 8);
        out.append(static_cast<size_t>(n), ' ');
        line.columns += n;
      } else {
        out.push_back(c);
        // Count characters, not UTF-8 continuation bytes.
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++line.columns;
      }
    }
  };

  size_t start = 0;
  for (size_t i = 0; i < input.size();) {
    char c = input[i];
    if (c == '\x1b') {
      put(input.substr(start, i - start));
      int len = escapeLength(input.substr(i));
      if (len == 0) {  // cut by the chunk boundary: keep for the next feed()
        pending_ = std::string(input.substr(i));
        return;
      }
      if (len < 0) {
        i += 1;
      } else {
        std::string_view seq = input.substr(i, static_cast<size_t>(len));
        if (seq.size() >= 3 && seq[1] == '[' && seq.back() == 'm') applySgr(seq.substr(2, seq.size() - 3));
        i += static_cast<size_t>(len);
      }
      start = i;
    } else if (c == '\n') {
      put(input.substr(start, i - start));
      current();  // an empty line is still a line
      lineOpen_ = false;
      ++i;
      start = i;
    } else if (c == '\r' || (static_cast<unsigned char>(c) < 0x20 && c != '\t')) {
      put(input.substr(start, i - start));
      ++i;  // carriage returns and other control characters are not drawn
      start = i;
    } else {
      ++i;
    }
  }
  put(input.substr(start));
}

std::string stripAnsi(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\x1b') {
      int len = escapeLength(text.substr(i));
      i += len <= 0 ? (len == 0 ? text.size() - i : 1) : static_cast<size_t>(len);
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

}  // namespace kp
