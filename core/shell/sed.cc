// GNU sed in small (see sed.h): the command line as GNU getopt reads it, the script compiled
// as sed's compile.c does (with its error texts and positions), basic/extended regular
// expressions translated to std::regex, and the line loop with its auto-print.
#include "core/shell/sed.h"

#include <cctype>
#include <regex>

namespace kp {

namespace {

// Longest line a std::regex is run on: libstdc++'s matcher recurses per character.
constexpr size_t kMaxRegexLine = 4096;

struct Regex {
  std::shared_ptr<std::regex> re;
  std::string literal;  // the text itself when the pattern has no special characters
  bool isLiteral = false;
  int groups = 0;
};

// A piece of an s command's replacement: text, a group (0 for &), or a case change (\U \L
// \u \l \E).
struct ReplPart {
  enum Kind { Text, Group, Case } kind = Text;
  std::string text;
  int group = 0;
  char op = 0;
};

struct Address {
  enum Kind { None, Line, Last, Match } kind = None;
  long line = 0;
  std::shared_ptr<const Regex> re;
};

}  // namespace

struct SedProgram {
  struct Command {
    Address addr;
    bool negate = false;
    char name = 0;  // 's', 'p' or 'd'
    std::shared_ptr<const Regex> re;
    std::vector<ReplPart> repl;
    bool global = false, print = false;
    long nth = 1;
  };
  std::vector<Command> commands;
};

namespace {

std::string escapeEcma(char c) {
  if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos) return std::string("\\") + c;
  return std::string(1, c);
}

bool validClass(const std::string& name) {
  for (const char* n : {"alpha", "digit", "alnum", "upper", "lower", "space", "blank", "punct", "print", "graph",
                        "cntrl", "xdigit"})
    if (name == n) return true;
  return false;
}

// Turns a GNU basic (or extended) regular expression into an ECMAScript one; the error is
// glibc's regcomp message.
class RegexTranslator {
 public:
  RegexTranslator(const std::string& re, bool ere) : re_(re), ere_(ere) {}

  bool run(Regex& out, std::string* error) {
    for (i_ = 0; i_ < re_.size(); i_++)
      if (!step()) {
        *error = error_;
        return false;
      }
    if (!open_.empty()) {
      *error = "Unmatched ( or \\(";
      return false;
    }
    out.groups = groups_;
    out.isLiteral = literalOnly_;
    out.literal = literal_;
    return true;
  }
  const std::string& ecma() const { return out_; }

 private:
  bool fail(const char* msg) {
    error_ = msg;
    return false;
  }
  void special() { literalOnly_ = false; }
  void atom(const std::string& text) {
    atomStart_ = out_.size();
    out_ += text;
    atStart_ = false;
    lastRepeat_ = false;
  }
  void literal(char c) {
    atom(escapeEcma(c));
    literal_ += c;
  }
  void repeat(const std::string& q) {
    special();
    if (lastRepeat_ && q == "*" && !out_.empty() && out_.back() == '*') return;  // a** is a*
    if (lastRepeat_) {  // `a**` is `(a*)*`, which ECMAScript spells with a group
      out_.insert(atomStart_, "(?:");
      out_ += ")";
    }
    out_ += q;
    lastRepeat_ = true;
  }
  bool step();
  bool escape(char n);
  bool interval(const std::string& close);
  bool bracket();

  const std::string& re_;
  bool ere_;
  size_t i_ = 0;
  std::string out_, literal_, error_;
  std::vector<size_t> open_;
  size_t atomStart_ = std::string::npos;
  bool atStart_ = true, lastRepeat_ = false, literalOnly_ = true;
  int groups_ = 0;
};

bool RegexTranslator::step() {
  char c = re_[i_];
  bool nothingBefore = atomStart_ == std::string::npos || atStart_;
  if (c == '\\') {
    if (i_ + 1 >= re_.size()) return fail("Trailing backslash");
    return escape(re_[++i_]);
  }
  if (c == '[') return bracket();
  if (c == '.') {
    special();
    atom(".");
  } else if (c == '*') {
    if (nothingBefore) literal(c);
    else repeat("*");
  } else if (c == '^' && (ere_ || atStart_)) {
    special();
    out_ += '^';  // `^*` keeps `*` literal: atStart_ stays
  } else if (c == '$' && (ere_ || i_ + 1 == re_.size() || re_.compare(i_ + 1, 2, "\\)") == 0 ||
                          re_.compare(i_ + 1, 2, "\\|") == 0)) {
    special();
    out_ += '$';
  } else if (ere_ && (c == '+' || c == '?')) {
    if (nothingBefore) literal(c);
    else repeat(std::string(1, c));
  } else if (ere_ && c == '{') {
    if (nothingBefore) return fail("Invalid preceding regular expression");
    return interval("}");
  } else if (ere_ && c == '(') {
    special();
    open_.push_back(out_.size());
    groups_++;
    out_ += '(';
    atStart_ = true;
    atomStart_ = std::string::npos;
  } else if (ere_ && c == ')') {
    if (open_.empty()) return fail("Unmatched ) or \\)");
    out_ += ')';
    atomStart_ = open_.back();
    open_.pop_back();
    atStart_ = lastRepeat_ = false;
  } else if (ere_ && c == '|') {
    special();
    out_ += '|';
    atStart_ = true;
    atomStart_ = std::string::npos;
  } else {
    literal(c);
  }
  return true;
}

bool RegexTranslator::escape(char n) {
  bool nothingBefore = atomStart_ == std::string::npos || atStart_;
  if (!ere_ && n == '(') {
    special();
    open_.push_back(out_.size());
    groups_++;
    out_ += '(';
    atStart_ = true;
    atomStart_ = std::string::npos;
  } else if (!ere_ && n == ')') {
    if (open_.empty()) return fail("Unmatched ) or \\)");
    out_ += ')';
    atomStart_ = open_.back();
    open_.pop_back();
    atStart_ = lastRepeat_ = false;
  } else if (!ere_ && n == '|') {
    special();
    out_ += '|';
    atStart_ = true;
    atomStart_ = std::string::npos;
  } else if (!ere_ && n == '{') {
    if (nothingBefore || lastRepeat_) return fail("Invalid preceding regular expression");
    return interval("\\}");
  } else if (!ere_ && (n == '+' || n == '?')) {
    if (nothingBefore) literal(n);
    else repeat(std::string(1, n));
  } else if (n >= '1' && n <= '9') {
    if (n - '0' > groups_) return fail("Invalid back reference");
    special();
    atom(std::string("\\") + n);
  } else if (n == 'n' || n == 't') {
    atom(n == 'n' ? "\n" : "\t");
    literal_ += n == 'n' ? '\n' : '\t';
  } else if (n == 'w' || n == 'W' || n == 's' || n == 'S') {
    special();
    atom(std::string("\\") + n);
  } else if (n == 'b' || n == 'B') {
    special();
    out_ += std::string("\\") + n;
  } else if (n == '<' || n == '>') {
    special();
    out_ += n == '<' ? "\\b(?=\\w)" : "\\b(?!\\w)";
  } else if (n == '`' || n == '\'') {
    special();
    out_ += n == '`' ? "^" : "$";
  } else {
    literal(n);
  }
  return true;
}

// \{M\}, \{M,\}, \{M,N\} (ERE: {M,N}); i_ is on the opening brace.
bool RegexTranslator::interval(const std::string& close) {
  size_t end = re_.find(close, i_ + 1);
  if (end == std::string::npos) return fail("Unmatched \\{");
  std::string body = re_.substr(i_ + 1, end - i_ - 1);
  size_t comma = body.find(',');
  std::string lo = body.substr(0, comma), hi = comma == std::string::npos ? lo : body.substr(comma + 1);
  auto digits = [](const std::string& s) { return s.size() <= 5 && s.find_first_not_of("0123456789") == std::string::npos; };
  if (lo.empty() || !digits(lo) || !digits(hi) || (!hi.empty() && std::stol(hi) < std::stol(lo)))
    return fail("Invalid content of \\{\\}");
  if (std::stol(lo) > 32767 || (!hi.empty() && std::stol(hi) > 32767)) return fail("Regular expression too big");
  repeat("{" + body + "}");
  i_ = end + close.size() - 1;
  return true;
}

// A bracket expression: POSIX rules (a leading `]` is literal, backslash is literal except
// GNU's \n, \t and \\), classes [:name:], collating [.c.] and equivalence [=c=] elements.
bool RegexTranslator::bracket() {
  special();
  const char* unmatched = "Unmatched [, [^, [:, [., or [=";
  std::string b = "[";
  size_t j = i_ + 1;
  if (j < re_.size() && re_[j] == '^') b += '^', j++;
  if (j < re_.size() && re_[j] == ']') b += "\\]", j++;
  while (j < re_.size() && re_[j] != ']') {
    char c = re_[j];
    if (c == '[' && j + 1 < re_.size() && (re_[j + 1] == ':' || re_[j + 1] == '.' || re_[j + 1] == '=')) {
      char kind = re_[j + 1];
      size_t end = re_.find(std::string(1, kind) + "]", j + 2);
      if (end == std::string::npos) return fail(unmatched);
      std::string name = re_.substr(j + 2, end - j - 2);
      if (kind == ':' && !validClass(name)) return fail("Invalid character class name");
      if (kind == ':') b += "[:" + name + ":]";
      else
        for (char k : name) b += escapeEcma(k);
      j = end + 2;
    } else if (c == '\\' && j + 1 < re_.size() && (re_[j + 1] == 'n' || re_[j + 1] == 't' || re_[j + 1] == '\\')) {
      b += re_[j + 1] == 'n' ? "\\n" : re_[j + 1] == 't' ? "\\t" : "\\\\";
      j += 2;
    } else {
      b += (c == '\\' || c == '[' || c == '^' || c == ']') ? std::string("\\") + c : std::string(1, c);
      j++;
    }
  }
  if (j >= re_.size()) return fail(unmatched);
  atom(b + "]");
  i_ = j;
  return true;
}

std::string regexErrorText(std::regex_constants::error_type code) {
  using namespace std::regex_constants;
  if (code == error_paren) return "Unmatched ( or \\(";
  if (code == error_brack) return "Unmatched [, [^, [:, [., or [=";
  if (code == error_brace) return "Unmatched \\{";
  if (code == error_badbrace) return "Invalid content of \\{\\}";
  if (code == error_range) return "Invalid range end";
  if (code == error_ctype) return "Invalid character class name";
  if (code == error_escape) return "Trailing backslash";
  if (code == error_backref) return "Invalid back reference";
  if (code == error_badrepeat) return "Invalid preceding regular expression";
  return "Invalid regular expression";
}

std::shared_ptr<const Regex> compileRegex(const std::string& text, bool ere, bool icase, std::string* error) {
  if (text.size() > kMaxRegexLine) {  // std::regex compiles nested groups recursively
    *error = "Regular expression too big";
    return nullptr;
  }
  auto r = std::make_shared<Regex>();
  RegexTranslator tr(text, ere);
  if (!tr.run(*r, error)) return nullptr;
  if (icase) r->isLiteral = false;
  try {
    auto flags = std::regex::ECMAScript | std::regex::optimize;
    if (icase) flags |= std::regex::icase;
    r->re = std::make_shared<std::regex>(tr.ecma(), flags);
  } catch (const std::regex_error& e) {
    *error = regexErrorText(e.code());
    return nullptr;
  }
  return r;
}

// Compiles one -e expression, as GNU sed's compile.c reads it.
class ExprParser {
 public:
  ExprParser(const std::string& text, int number, bool ere, std::shared_ptr<const Regex>* last)
      : t_(text), number_(number), ere_(ere), last_(last) {}
  bool parse(std::vector<SedProgram::Command>& out, std::string* error);

 private:
  // GNU's "char N" is how many characters were read when the error was seen.
  bool fail(size_t charPos, const std::string& msg) {
    error_ = "sed: -e expression #" + std::to_string(number_) + ", char " + std::to_string(charPos) + ": " + msg + "\n";
    return false;
  }
  bool atEnd() const { return i_ >= t_.size(); }
  void skipBlanks() {
    while (!atEnd() && (t_[i_] == ' ' || t_[i_] == '\t')) i_++;
  }
  bool readDelimited(char delim, bool regex, std::string& out, const char* unterminated);
  bool parseAddress(Address& a);
  bool parseSubstitute(SedProgram::Command& c);
  bool parseReplacement(const std::string& text, int groups, std::vector<ReplPart>& parts, size_t endPos);
  bool regexFor(const std::string& text, bool icase, size_t endPos, std::shared_ptr<const Regex>& out);
  bool endOfCommand();

  const std::string& t_;
  int number_;
  bool ere_;
  std::shared_ptr<const Regex>* last_;
  size_t i_ = 0;
  std::string error_;
};

// Reads up to the next unescaped `delim` (a bracket expression may hold it); `\delim` stands
// for the delimiter itself. i_ is just after the opening delimiter and ends after the closing.
bool ExprParser::readDelimited(char delim, bool regex, std::string& out, const char* unterminated) {
  const std::string specials = ere_ ? ".*[]^$|+?(){}\\" : ".*[]^$\\";
  while (!atEnd()) {
    char c = t_[i_];
    if (c == delim) {
      i_++;
      return true;
    }
    if (c == '\n') break;
    if (c == '\\' && i_ + 1 < t_.size()) {
      char n = t_[i_ + 1];
      bool plain = regex ? specials.find(n) == std::string::npos : n != '&';
      if (n == delim && plain) out += n;
      else out += std::string(1, c) + n;
      i_ += 2;
      continue;
    }
    if (c == '[' && regex) {  // to the bracket's end: `s/[/]/x/` replaces slashes
      std::string b = "[";
      size_t j = i_ + 1;
      if (j < t_.size() && t_[j] == '^') b += t_[j++];
      if (j < t_.size() && t_[j] == ']') b += t_[j++];
      while (j < t_.size() && t_[j] != ']' && t_[j] != '\n') {
        if (t_[j] == '[' && j + 1 < t_.size() && (t_[j + 1] == ':' || t_[j + 1] == '.' || t_[j + 1] == '=')) {
          size_t end = t_.find(std::string(1, t_[j + 1]) + "]", j + 2);
          if (end != std::string::npos) {
            b += t_.substr(j, end + 2 - j);
            j = end + 2;
            continue;
          }
        }
        if (t_[j] == '\\' && j + 1 < t_.size() && t_[j + 1] == delim) j++;  // [^\/] is [^/]
        b += t_[j++];
      }
      if (j >= t_.size() || t_[j] == '\n') {
        i_ = j;
        break;
      }
      out += b + "]";
      i_ = j + 1;
      continue;
    }
    out += c;
    i_++;
  }
  return fail(atEnd() ? t_.size() : i_ + 1, unterminated);
}

bool ExprParser::regexFor(const std::string& text, bool icase, size_t endPos, std::shared_ptr<const Regex>& out) {
  if (text.empty()) {  // the empty regex is the last one used
    if (!*last_) return fail(0, "no previous regular expression");
    out = *last_;
    return true;
  }
  std::string err;
  out = compileRegex(text, ere_, icase, &err);
  if (!out) return fail(endPos, err);
  *last_ = out;
  return true;
}

bool ExprParser::parseAddress(Address& a) {
  char c = t_[i_];
  if (isdigit(static_cast<unsigned char>(c))) {
    size_t start = i_;
    while (!atEnd() && isdigit(static_cast<unsigned char>(t_[i_]))) i_++;
    std::string num = t_.substr(start, i_ - start);
    a.kind = Address::Line;
    a.line = num.size() > 9 ? 999999999 : std::stol(num);
    if (a.line == 0) return fail(i_, "invalid usage of line address 0");
  } else if (c == '$') {
    a.kind = Address::Last;
    i_++;
  } else if (c == '/' || (c == '\\' && i_ + 1 < t_.size())) {
    char delim = c == '/' ? '/' : t_[i_ + 1];
    i_ += c == '/' ? 1 : 2;
    std::string text;
    if (!readDelimited(delim, true, text, "unterminated address regex")) return false;
    bool icase = false;
    while (!atEnd() && (t_[i_] == 'I' || t_[i_] == 'M')) icase = icase || t_[i_++] == 'I';
    a.kind = Address::Match;
    if (!regexFor(text, icase, i_, a.re)) return false;
  }
  skipBlanks();
  if (a.kind != Address::None && !atEnd() && t_[i_] == ',') return fail(i_ + 1, "address ranges are not supported in this console");
  return true;
}

bool ExprParser::parseReplacement(const std::string& text, int groups, std::vector<ReplPart>& parts, size_t endPos) {
  auto addText = [&](const std::string& s) {
    if (parts.empty() || parts.back().kind != ReplPart::Text) parts.push_back({});
    parts.back().text += s;
  };
  for (size_t k = 0; k < text.size(); k++) {
    char c = text[k];
    if (c == '&') {
      parts.push_back({ReplPart::Group, "", 0, 0});
    } else if (c == '\\' && k + 1 < text.size()) {
      char n = text[++k];
      if (n >= '0' && n <= '9') {
        if (n - '0' > groups)
          return fail(endPos, std::string("invalid reference \\") + n + " on `s' command's RHS");
        parts.push_back({ReplPart::Group, "", n - '0', 0});
      } else if (n == 'L' || n == 'U' || n == 'l' || n == 'u' || n == 'E') {
        parts.push_back({ReplPart::Case, "", 0, n});
      } else {
        addText(n == 'n' ? "\n" : n == 't' ? "\t" : std::string(1, n));
      }
    } else {
      addText(std::string(1, c));
    }
  }
  return true;
}

bool ExprParser::parseSubstitute(SedProgram::Command& c) {
  if (atEnd() || t_[i_] == '\n' || t_[i_] == '\\') return fail(atEnd() ? t_.size() : i_ + 1, "unterminated `s' command");
  char delim = t_[i_++];
  std::string re, repl;
  if (!readDelimited(delim, true, re, "unterminated `s' command")) return false;
  if (!readDelimited(delim, false, repl, "unterminated `s' command")) return false;
  bool icase = false, numbered = false;
  while (!atEnd()) {
    char f = t_[i_];
    if (f == ';' || f == '\n' || f == '#' || f == '}') break;
    if (f == 'g') {
      if (c.global) return fail(i_ + 1, "multiple `g' options to `s' command");
      c.global = true;
    } else if (f == 'p') {
      if (c.print) return fail(i_ + 1, "multiple `p' options to `s' command");
      c.print = true;
    } else if (f == 'i' || f == 'I') {
      icase = true;
    } else if (f == 'm' || f == 'M' || f == ' ' || f == '\t') {
      // multi-line mode changes nothing on single lines; blanks may separate flags
    } else if (isdigit(static_cast<unsigned char>(f))) {
      if (numbered) return fail(i_ + 1, "multiple number options to `s' command");
      size_t start = i_;
      while (i_ + 1 < t_.size() && isdigit(static_cast<unsigned char>(t_[i_ + 1]))) i_++;
      std::string num = t_.substr(start, i_ + 1 - start);
      c.nth = num.size() > 9 ? 999999999 : std::stol(num);
      if (c.nth == 0) return fail(i_ + 1, "number option to `s' command may not be zero");
      numbered = true;
    } else if (f == 'w') {
      return fail(i_ + 1, "the `w' flag is not supported in this console");
    } else if (f == 'e') {
      return fail(i_ + 1, "the `e' flag is not supported in this console");
    } else {
      return fail(i_ + 1, "unknown option to `s'");
    }
    i_++;
  }
  if (!regexFor(re, icase, i_, c.re)) return false;
  return parseReplacement(repl, c.re->groups, c.repl, i_);
}

// After a command: blanks, then the end, `;`, a newline or a comment.
bool ExprParser::endOfCommand() {
  skipBlanks();
  if (atEnd() || t_[i_] == ';' || t_[i_] == '\n' || t_[i_] == '#') return true;
  if (t_[i_] == '}') return fail(i_ + 1, "unexpected `}'");
  return fail(i_ + 1, "extra characters after command");
}

bool ExprParser::parse(std::vector<SedProgram::Command>& out, std::string* error) {
  while (true) {
    while (!atEnd() && (isspace(static_cast<unsigned char>(t_[i_])) || t_[i_] == ';')) i_++;
    if (atEnd()) return true;
    if (t_[i_] == '#') {
      while (!atEnd() && t_[i_] != '\n') i_++;
      continue;
    }
    SedProgram::Command c;
    if (!parseAddress(c.addr)) break;
    while (!atEnd() && t_[i_] == '!') {
      c.negate = true;
      i_++;
      skipBlanks();
    }
    if (atEnd() || t_[i_] == '\n' || t_[i_] == ';') {
      fail(atEnd() ? t_.size() : i_ + 1, "missing command");
      break;
    }
    c.name = t_[i_++];
    bool ok = true;
    if (c.name == 's') ok = parseSubstitute(c);
    else if (c.name == '}') ok = fail(i_, "unexpected `}'");
    else if (std::string("{=aAbcDeFgGhHilnNPqQrRtTvwWxXyz:").find(c.name) != std::string::npos)
      ok = fail(i_, std::string("the `") + c.name + "' command is not supported in this console");
    else if (c.name != 'p' && c.name != 'd')
      ok = fail(i_, std::string("unknown command: `") + c.name + "'");
    if (!ok || !endOfCommand()) break;
    out.push_back(std::move(c));
  }
  *error = error_;
  return false;
}

// ---------------------------------------------------------------- running

struct Match {
  size_t start = 0, end = 0;
  std::vector<std::pair<size_t, size_t>> groups;  // [0] is the whole match
};

bool findMatch(const Regex& r, const std::string& s, size_t from, Match& m) {
  if (r.isLiteral) {
    size_t at = s.find(r.literal, from);
    if (at == std::string::npos) return false;
    m.start = at;
    m.end = at + r.literal.size();
    m.groups = {{m.start, m.end}};
    return true;
  }
  if (s.size() > kMaxRegexLine) return false;
  std::smatch sm;
  auto flags = from > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
  try {
    if (!std::regex_search(s.begin() + static_cast<long>(from), s.end(), sm, *r.re, flags)) return false;
  } catch (const std::regex_error&) {
    return false;
  }
  m.groups.clear();
  for (size_t g = 0; g < sm.size(); g++) {
    size_t a = static_cast<size_t>(sm[g].first - s.begin()), b = static_cast<size_t>(sm[g].second - s.begin());
    m.groups.push_back(sm[g].matched ? std::make_pair(a, b) : std::make_pair(a, a));
  }
  m.start = m.groups[0].first;
  m.end = m.groups[0].second;
  return true;
}

// The replacement for one match, with GNU's case conversions.
void appendReplacement(std::string& out, const std::vector<ReplPart>& parts, const std::string& s, const Match& m) {
  char mode = 0, once = 0;
  auto add = [&](const std::string& text) {
    for (char ch : text) {
      char conv = once ? once : mode;
      once = 0;
      unsigned char u = static_cast<unsigned char>(ch);
      out += conv == 'U' || conv == 'u' ? static_cast<char>(toupper(u)) : conv == 'L' || conv == 'l' ? static_cast<char>(tolower(u)) : ch;
    }
  };
  for (const auto& p : parts) {
    if (p.kind == ReplPart::Text) {
      add(p.text);
    } else if (p.kind == ReplPart::Group) {
      if (static_cast<size_t>(p.group) < m.groups.size())
        add(s.substr(m.groups[p.group].first, m.groups[p.group].second - m.groups[p.group].first));
    } else if (p.op == 'u' || p.op == 'l') {
      once = p.op;
    } else {
      mode = p.op == 'E' ? 0 : p.op;
      once = 0;
    }
  }
}

// s///: true when a replacement was made.
bool substitute(const SedProgram::Command& c, std::string& line) {
  std::string out;
  size_t pos = 0, prevEnd = std::string::npos;
  long count = 0;
  bool replaced = false;
  Match m;
  while (pos <= line.size() && findMatch(*c.re, line, pos, m)) {
    out += line.substr(pos, m.start - pos);
    if (m.start == m.end && m.start == prevEnd) {  // no empty match right after a match
      if (m.start < line.size()) out += line[m.start];
      pos = m.start + 1;
      continue;
    }
    count++;
    if (count == c.nth || (c.global && count > c.nth)) {
      appendReplacement(out, c.repl, line, m);
      replaced = true;
    } else {
      out += line.substr(m.start, m.end - m.start);
    }
    prevEnd = m.end;
    if (m.start == m.end) {
      if (m.start < line.size()) out += line[m.start];
      pos = m.start + 1;
    } else {
      pos = m.end;
    }
    if (!c.global && count >= c.nth) break;
  }
  if (!replaced) return false;
  if (pos < line.size()) out += line.substr(pos);
  line = std::move(out);
  return true;
}

// One stream of lines through the script; a last line without its newline stays without.
std::string runStream(const SedProgram& prog, bool quiet, const std::string& text) {
  std::string out;
  bool pendingNewline = false;
  size_t pos = 0;
  long number = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    bool hadNewline = nl != std::string::npos;
    std::string line = text.substr(pos, hadNewline ? nl - pos : std::string::npos);
    pos = hadNewline ? nl + 1 : text.size();
    bool last = pos >= text.size();
    number++;
    auto emit = [&](const std::string& l) {
      if (pendingNewline) out += '\n';
      out += l;
      if (hadNewline) out += '\n';
      pendingNewline = !hadNewline;
    };
    bool deleted = false;
    for (const auto& c : prog.commands) {
      bool hit = true;
      Match m;
      if (c.addr.kind == Address::Line) hit = number == c.addr.line;
      else if (c.addr.kind == Address::Last) hit = last;
      else if (c.addr.kind == Address::Match) hit = findMatch(*c.addr.re, line, 0, m);
      if (c.negate) hit = !hit;
      if (!hit) continue;
      if (c.name == 'd') {
        deleted = true;
        break;
      }
      if (c.name == 'p') emit(line);
      else if (substitute(c, line) && c.print) emit(line);
    }
    if (!deleted && !quiet) emit(line);
  }
  return out;
}

const char* kUsage =
    "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"
    "\n"
    "  -n, --quiet, --silent\n"
    "                 suppress automatic printing of pattern space\n"
    "      --debug\n"
    "                 annotate program execution\n"
    "  -e script, --expression=script\n"
    "                 add the script to the commands to be executed\n"
    "  -f script-file, --file=script-file\n"
    "                 add the contents of script-file to the commands to be executed\n"
    "  --follow-symlinks\n"
    "                 follow symlinks when processing in place\n"
    "  -i[SUFFIX], --in-place[=SUFFIX]\n"
    "                 edit files in place (makes backup if SUFFIX supplied)\n"
    "  -l N, --line-length=N\n"
    "                 specify the desired line-wrap length for the `l' command\n"
    "  --posix\n"
    "                 disable all GNU extensions.\n"
    "  -E, -r, --regexp-extended\n"
    "                 use extended regular expressions in the script\n"
    "                 (for portability use POSIX -E).\n"
    "  -s, --separate\n"
    "                 consider files as separate rather than as a single,\n"
    "                 continuous long stream.\n"
    "      --sandbox\n"
    "                 operate in sandbox mode (disable e/r/w commands).\n"
    "  -u, --unbuffered\n"
    "                 load minimal amounts of data from the input files and flush\n"
    "                 the output buffers more often\n"
    "  -z, --null-data\n"
    "                 separate lines by NUL characters\n"
    "      --help     display this help and exit\n"
    "      --version  output version information and exit\n"
    "\n"
    "If no -e, --expression, -f, or --file option is given, then the first\n"
    "non-option argument is taken as the sed script to interpret.  All\n"
    "remaining arguments are names of input files; if no input files are\n"
    "specified, then the standard input is read.\n"
    "\n"
    "GNU sed home page: <https://www.gnu.org/software/sed/>.\n"
    "General help using GNU software: <https://www.gnu.org/gethelp/>.\n";

// Reads one short option cluster (`-ni`, `-e EXPR`, `-i.bak`); false with *error on a bad one.
bool shortOptions(const std::vector<std::string>& args, size_t& k, SedCommandLine& cmd, bool& ere,
                  std::vector<std::string>& exprs, std::string* error) {
  const std::string& a = args[k];
  for (size_t j = 1; j < a.size(); j++) {
    char o = a[j];
    if (o == 'n') cmd.quiet = true;
    else if (o == 'E' || o == 'r') ere = true;
    else if (o == 's') cmd.separate = true;
    else if (o == 'u' || o == 'z') {
    } else if (o == 'i') {
      cmd.inPlace = cmd.separate = true;  // the rest of the cluster is the backup suffix
      return true;
    } else if (o == 'e' || o == 'f' || o == 'l') {
      std::string value = a.substr(j + 1);
      if (value.empty()) {
        if (k + 1 >= args.size()) {
          *error = std::string("sed: option requires an argument -- '") + o + "'\n" + kUsage;
          return false;
        }
        value = args[++k];
      }
      if (o == 'f') {
        *error = "sed: -f (script files) is not supported in this console\n";
        return false;
      }
      if (o == 'e') exprs.push_back(value);
      return true;
    } else {
      *error = std::string("sed: invalid option -- '") + o + "'\n" + kUsage;
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<SedCommandLine> parseSedArgs(const std::vector<std::string>& args, std::string* error, int* code) {
  SedCommandLine cmd;
  bool ere = false;
  std::vector<std::string> exprs, operands;
  *code = 1;
  for (size_t k = 0; k < args.size(); k++) {
    const std::string& a = args[k];
    if (a == "--") {
      operands.insert(operands.end(), args.begin() + static_cast<long>(k) + 1, args.end());
      break;
    }
    if (a.size() < 2 || a[0] != '-') {
      operands.push_back(a);  // GNU getopt lets options follow operands
    } else if (a[1] != '-') {
      if (!shortOptions(args, k, cmd, ere, exprs, error)) return std::nullopt;
    } else if (a == "--quiet" || a == "--silent") {
      cmd.quiet = true;
    } else if (a == "--regexp-extended") {
      ere = true;
    } else if (a == "--separate") {
      cmd.separate = true;
    } else if (a == "--in-place" || a.rfind("--in-place=", 0) == 0) {
      cmd.inPlace = cmd.separate = true;
    } else if (a.rfind("--expression=", 0) == 0) {
      exprs.push_back(a.substr(13));
    } else if (a == "--expression") {
      if (k + 1 >= args.size()) {
        *error = "sed: option '--expression' requires an argument\n" + std::string(kUsage);
        return std::nullopt;
      }
      exprs.push_back(args[++k]);
    } else if (a == "--posix" || a == "--debug" || a == "--unbuffered" || a == "--sandbox" || a == "--null-data") {
    } else if (a == "--help") {
      *error = kUsage;
      *code = 0;
      return std::nullopt;
    } else {
      *error = "sed: unrecognized option '" + a + "'\n" + kUsage;
      return std::nullopt;
    }
  }
  if (exprs.empty()) {
    if (operands.empty()) {
      *error = kUsage;
      return std::nullopt;
    }
    exprs.push_back(operands.front());
    operands.erase(operands.begin());
  }
  auto prog = std::make_shared<SedProgram>();
  std::shared_ptr<const Regex> last;
  for (size_t n = 0; n < exprs.size(); n++) {
    ExprParser p(exprs[n], static_cast<int>(n) + 1, ere, &last);
    if (!p.parse(prog->commands, error)) return std::nullopt;
  }
  cmd.program = prog;
  cmd.files = operands;
  *code = 0;
  return cmd;
}

SedResult runSed(const SedCommandLine& cmd, const std::string& input, const SedFiles& files) {
  SedResult r;
  if (cmd.inPlace && cmd.files.empty()) {
    r.err = "sed: no input files\n";
    r.code = 4;
    return r;
  }
  if (cmd.files.empty()) {
    r.out = runStream(*cmd.program, cmd.quiet, input);
    return r;
  }
  std::string stream;
  for (const auto& f : cmd.files) {
    std::optional<std::string> text = f == "-" && !cmd.inPlace ? std::optional<std::string>(input)
                                      : files.read ? files.read(f) : std::nullopt;
    if (!text) {
      r.err += "sed: can't read " + f + ": No such file or directory\n";
      r.code = 2;
      continue;
    }
    if (cmd.separate) {
      std::string result = runStream(*cmd.program, cmd.quiet, *text);
      if (!cmd.inPlace) r.out += result;
      else if (files.write) files.write(f, result);
    } else {
      if (!stream.empty() && stream.back() != '\n') stream += '\n';
      stream += *text;
    }
  }
  if (!cmd.separate) r.out = runStream(*cmd.program, cmd.quiet, stream);
  return r;
}

SedResult runSed(const std::vector<std::string>& args, const std::string& input, const SedFiles& files) {
  SedResult r;
  auto cmd = parseSedArgs(args, &r.err, &r.code);
  if (!cmd) {
    if (r.code == 0) std::swap(r.out, r.err);  // --help prints on stdout
    return r;
  }
  return runSed(*cmd, input, files);
}

}  // namespace kp
