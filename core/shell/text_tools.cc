// The text tools a console line may pipe kubectl into: grep (-i -v -c -E -F -w -x -n -q),
// head/tail (-n N, -N), wc (-l -w -c), sort, uniq, cat and sed (sed.h), with GNU coreutils'
// messages and exit codes (grep: 1 when nothing matched, 2 on a bad pattern).
#include <algorithm>
#include <cctype>
#include <regex>

#include "core/shell/sed.h"
#include "core/shell/shell_internal.h"
#include "core/base/strings.h"

namespace kp {

namespace {

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

bool parseCount(const std::string& s, long long* n) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s)
    if (!isdigit(static_cast<unsigned char>(c))) return false;
  *n = std::stoll(s);
  return true;
}

// A basic regular expression (grep's default) as an ECMAScript one.
std::string breToEcma(const std::string& p) {
  std::string out;
  for (size_t i = 0; i < p.size(); i++) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      char n = p[++i];
      if (n == '(' || n == ')' || n == '|' || n == '+' || n == '?' || n == '{' || n == '}') out += n;
      else {
        out += '\\';
        out += n;
      }
    } else if (c == '(' || c == ')' || c == '|' || c == '+' || c == '?' || c == '{' || c == '}') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

bool hasRegexChars(const std::string& p) { return p.find_first_of("\\^$.[]*+?(){}|") != std::string::npos; }

// Longest line a std::regex is run on: libstdc++'s matcher recurses per character.
constexpr size_t kMaxRegexLine = 4096;

}  // namespace

bool isTextTool(const std::string& name) {
  return name == "grep" || name == "egrep" || name == "head" || name == "tail" || name == "wc" || name == "sort" ||
         name == "uniq" || name == "cat" || name == "sed";
}

std::optional<TextFilter> makeTextFilter(const std::string& name, const std::vector<std::string>& args,
                                         std::string* error, int* code) {
  if (name == "grep" || name == "egrep") {
    bool icase = false, invert = false, count = false, ere = name == "egrep", fixed = false, word = false,
         whole = false, number = false, quiet = false;
    std::vector<std::string> patterns;
    std::vector<std::string> rest;
    bool endOpts = false;
    for (size_t i = 0; i < args.size(); i++) {
      const std::string& a = args[i];
      if (!endOpts && a == "--") {
        endOpts = true;
      } else if (!endOpts && a == "-e" && i + 1 < args.size()) {
        patterns.push_back(args[++i]);
      } else if (!endOpts && a.size() > 1 && a[0] == '-' && a[1] != '-') {
        for (size_t k = 1; k < a.size(); k++) {
          switch (a[k]) {
            case 'i': icase = true; break;
            case 'v': invert = true; break;
            case 'c': count = true; break;
            case 'E': ere = true; break;
            case 'F': fixed = true; break;
            case 'G': ere = false; break;
            case 'w': word = true; break;
            case 'x': whole = true; break;
            case 'n': number = true; break;
            case 'q': quiet = true; break;
            case 's': break;
            case 'e':
              if (k + 1 < a.size()) patterns.push_back(a.substr(k + 1));
              else if (i + 1 < args.size()) patterns.push_back(args[++i]);
              k = a.size();
              break;
            default:
              *error = std::string("grep: invalid option -- '") + a[k] + "'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";
              *code = 2;
              return std::nullopt;
          }
        }
      } else if (!endOpts && a.rfind("--", 0) == 0) {
        if (a == "--ignore-case") icase = true;
        else if (a == "--invert-match") invert = true;
        else if (a == "--count") count = true;
        else if (a == "--extended-regexp") ere = true;
        else if (a == "--fixed-strings") fixed = true;
        else if (a == "--color" || a.rfind("--color=", 0) == 0 || a.rfind("--colour", 0) == 0) {
        } else {
          *error = "grep: unrecognized option '" + a + "'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";
          *code = 2;
          return std::nullopt;
        }
      } else {
        rest.push_back(a);
      }
    }
    if (patterns.empty()) {
      if (rest.empty()) {
        *error = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";
        *code = 2;
        return std::nullopt;
      }
      patterns.push_back(rest[0]);
      rest.erase(rest.begin());
    }
    if (!rest.empty()) {
      *error = "grep: " + rest[0] + ": No such file or directory";
      *code = 2;
      return std::nullopt;
    }
    // Build one matcher per pattern (a pattern with newlines is several patterns, as grep).
    struct Matcher {
      bool literal;
      std::string text;
      std::shared_ptr<std::regex> re;
    };
    std::vector<Matcher> matchers;
    for (const auto& p : patterns) {
      if (p.size() > 8192) {
        *error = "grep: regular expression is too big";
        *code = 2;
        return std::nullopt;
      }
      Matcher m;
      m.literal = fixed || (!hasRegexChars(p) && !word && !whole);
      m.text = icase ? toLower(p) : p;
      if (!m.literal) {
        std::string src = fixed ? std::regex_replace(p, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)")
                                : (ere ? p : breToEcma(p));
        if (word) src = "(^|[^[:alnum:]_])(" + src + ")([^[:alnum:]_]|$)";
        if (whole) src = "^(" + src + ")$";
        try {
          auto flags = std::regex::ECMAScript | std::regex::optimize;
          if (icase) flags |= std::regex::icase;
          m.re = std::make_shared<std::regex>(src, flags);
        } catch (const std::regex_error&) {
          *error = "grep: Unmatched ( or \\(";
          *code = 2;
          return std::nullopt;
        } catch (...) {
          *error = "grep: invalid regular expression";
          *code = 2;
          return std::nullopt;
        }
      }
      matchers.push_back(m);
    }
    return TextFilter([=](const std::string& in, int& exitCode) {
      std::string out;
      long long matched = 0, lineNo = 0;
      for (const auto& line : splitLines(in)) {
        lineNo++;
        bool hit = false;
        for (const auto& m : matchers) {
          if (m.literal) {
            hit = (icase ? toLower(line) : line).find(m.text) != std::string::npos;
          } else if (line.size() <= kMaxRegexLine) {
            try {
              hit = std::regex_search(line, *m.re);
            } catch (...) {
              hit = false;
            }
          }
          if (hit) break;
        }
        if (hit == invert) continue;
        matched++;
        if (!count && !quiet) out += (number ? std::to_string(lineNo) + ":" : "") + line + "\n";
      }
      if (count) out = std::to_string(matched) + "\n";
      if (quiet) out.clear();
      exitCode = matched > 0 ? 0 : 1;
      return out;
    });
  }
  if (name == "head" || name == "tail") {
    long long n = 10;
    bool fromStart = false;
    for (size_t i = 0; i < args.size(); i++) {
      std::string a = args[i], v;
      if (a == "-n" || a == "--lines") {
        if (i + 1 >= args.size()) {
          *error = name + ": option requires an argument -- 'n'\nTry '" + name + " --help' for more information.";
          *code = 1;
          return std::nullopt;
        }
        v = args[++i];
      } else if (a.rfind("-n", 0) == 0) {
        v = a.substr(2);
      } else if (a.rfind("--lines=", 0) == 0) {
        v = a.substr(8);
      } else if (a.size() > 1 && a[0] == '-' && isdigit(static_cast<unsigned char>(a[1]))) {
        v = a.substr(1);
      } else if (a == "-f" && name == "tail") {
        continue;
      } else if (!a.empty() && a[0] == '-') {
        *error = name + ": invalid option -- '" + a.substr(1, 1) + "'\nTry '" + name + " --help' for more information.";
        *code = 1;
        return std::nullopt;
      } else {
        *error = name + ": cannot open '" + a + "' for reading: No such file or directory";
        *code = 1;
        return std::nullopt;
      }
      std::string digits = v;
      if (name == "tail" && !digits.empty() && digits[0] == '+') {
        fromStart = true;
        digits = digits.substr(1);
      } else if (!digits.empty() && digits[0] == '-' && name == "head") {
        digits = digits.substr(1);  // head -n -N: all but the last N (approximated below)
        fromStart = true;
      }
      if (!parseCount(digits, &n)) {
        *error = name + ": invalid number of lines: \xE2\x80\x98" + v + "\xE2\x80\x99";
        *code = 1;
        return std::nullopt;
      }
    }
    bool head = name == "head";
    return TextFilter([=](const std::string& in, int& exitCode) {
      auto lines = splitLines(in);
      std::vector<std::string> out;
      long long size = static_cast<long long>(lines.size());
      if (head) {
        long long k = fromStart ? std::max(0LL, size - n) : std::min(n, size);
        out.assign(lines.begin(), lines.begin() + k);
      } else if (fromStart) {
        long long from = std::max(0LL, n - 1);
        if (from < size) out.assign(lines.begin() + from, lines.end());
      } else {
        long long from = std::max(0LL, size - n);
        out.assign(lines.begin() + from, lines.end());
      }
      exitCode = 0;
      return joinLines(out);
    });
  }
  if (name == "wc") {
    bool l = false, w = false, c = false;
    for (const auto& a : args) {
      if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
        for (size_t k = 1; k < a.size(); k++) {
          if (a[k] == 'l') l = true;
          else if (a[k] == 'w') w = true;
          else if (a[k] == 'c' || a[k] == 'm') c = true;
          else {
            *error = std::string("wc: invalid option -- '") + a[k] + "'\nTry 'wc --help' for more information.";
            *code = 1;
            return std::nullopt;
          }
        }
      } else if (a == "--lines") l = true;
      else if (a == "--words") w = true;
      else if (a == "--bytes" || a == "--chars") c = true;
      else {
        *error = "wc: " + a + ": No such file or directory";
        *code = 1;
        return std::nullopt;
      }
    }
    if (!l && !w && !c) l = w = c = true;
    return TextFilter([=](const std::string& in, int& exitCode) {
      long long lines = std::count(in.begin(), in.end(), '\n'), words = 0, bytes = static_cast<long long>(in.size());
      bool inWord = false;
      for (unsigned char ch : in) {
        bool space = std::isspace(ch);
        if (!space && !inWord) words++;
        inWord = !space;
      }
      std::vector<long long> vals;
      if (l) vals.push_back(lines);
      if (w) vals.push_back(words);
      if (c) vals.push_back(bytes);
      std::string out;
      if (vals.size() == 1) {
        out = std::to_string(vals[0]);
      } else {
        for (size_t i = 0; i < vals.size(); i++) {
          std::string s = std::to_string(vals[i]);
          out += (i ? " " : "") + std::string(s.size() < 7 ? 7 - s.size() : 0, ' ') + s;
        }
      }
      exitCode = 0;
      return out + "\n";
    });
  }
  if (name == "sort") {
    bool reverse = false, numeric = false, unique = false;
    for (const auto& a : args) {
      if (a.size() > 1 && a[0] == '-')
        for (size_t k = 1; k < a.size(); k++) {
          if (a[k] == 'r') reverse = true;
          else if (a[k] == 'n') numeric = true;
          else if (a[k] == 'u') unique = true;
        }
    }
    return TextFilter([=](const std::string& in, int& exitCode) {
      auto lines = splitLines(in);
      std::stable_sort(lines.begin(), lines.end(), [&](const std::string& a, const std::string& b) {
        if (numeric) {
          double x = std::atof(a.c_str()), y = std::atof(b.c_str());
          if (x != y) return reverse ? x > y : x < y;
        }
        return reverse ? a > b : a < b;
      });
      if (unique) lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
      exitCode = 0;
      return joinLines(lines);
    });
  }
  if (name == "uniq") {
    bool countDup = std::find(args.begin(), args.end(), "-c") != args.end();
    return TextFilter([=](const std::string& in, int& exitCode) {
      auto lines = splitLines(in);
      std::string out;
      for (size_t i = 0; i < lines.size();) {
        size_t j = i;
        while (j < lines.size() && lines[j] == lines[i]) j++;
        if (countDup) {
          std::string n = std::to_string(j - i);
          out += std::string(n.size() < 7 ? 7 - n.size() : 0, ' ') + n + " ";
        }
        out += lines[i] + "\n";
        i = j;
      }
      exitCode = 0;
      return out;
    });
  }
  if (name == "cat") {
    return TextFilter([](const std::string& in, int& exitCode) {
      exitCode = 0;
      return in;
    });
  }
  if (name == "sed") {
    auto cmd = parseSedArgs(args, error, code);
    if (cmd && (!cmd->files.empty() || cmd->inPlace)) {
      *error = cmd->inPlace ? "sed: no input files\n" : "sed: reading files after a pipe is not supported in this console\n";
      *code = cmd->inPlace ? 4 : 1;
      cmd.reset();
    }
    if (!cmd) {
      if (!error->empty() && error->back() == '\n') error->pop_back();
      return std::nullopt;
    }
    return TextFilter([cmd = *cmd](const std::string& in, int& exitCode) {
      SedResult r = runSed(cmd, in, {});
      exitCode = r.code;
      return r.out;
    });
  }
  *error = "bash: " + name + ": command not found";
  *code = 127;
  return std::nullopt;
}

}  // namespace kp
