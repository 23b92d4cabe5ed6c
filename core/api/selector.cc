// Selector parsing follows k8s.io/apimachinery/pkg/labels (the lexer's tokens, the error texts
// kubectl shows for a bad -l value) closely enough for everything kubectl sends.
#include "core/api/selector.h"

#include <algorithm>
#include <cctype>

namespace kp {

bool Requirement::matches(const StringMap& labels) const {
  auto it = labels.find(key);
  bool has = it != labels.end();
  switch (op) {
    case Op::Equals: return has && it->second == values[0];
    case Op::NotEquals: return !has || it->second != values[0];
    case Op::In: return has && std::find(values.begin(), values.end(), it->second) != values.end();
    case Op::NotIn: return !has || std::find(values.begin(), values.end(), it->second) == values.end();
    case Op::Exists: return has;
    case Op::DoesNotExist: return !has;
  }
  return false;
}

Selector Selector::fromMap(const StringMap& m) {
  Selector s;
  for (const auto& [k, v] : m) s.requirements_.push_back({k, Requirement::Op::Equals, {v}});
  return s;
}

Selector Selector::nothing() {
  Selector s;
  s.nothing_ = true;
  return s;
}

bool Selector::matches(const StringMap& labels) const {
  if (nothing_) return false;
  for (const auto& r : requirements_)
    if (!r.matches(labels)) return false;
  return true;
}

std::string Selector::str() const {
  std::string out;
  for (const auto& r : requirements_) {
    if (!out.empty()) out += ",";
    switch (r.op) {
      case Requirement::Op::Equals: out += r.key + "=" + r.values[0]; break;
      case Requirement::Op::NotEquals: out += r.key + "!=" + r.values[0]; break;
      case Requirement::Op::Exists: out += r.key; break;
      case Requirement::Op::DoesNotExist: out += "!" + r.key; break;
      case Requirement::Op::In:
      case Requirement::Op::NotIn: {
        out += r.key + (r.op == Requirement::Op::In ? " in (" : " notin (");
        for (size_t i = 0; i < r.values.size(); i++) out += (i ? "," : "") + r.values[i];
        out += ")";
      }
    }
  }
  return out;
}

namespace {

bool validLabelValue(const std::string& v) {
  if (v.size() > 63) return false;
  if (v.empty()) return true;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (!alnum(v.front()) || !alnum(v.back())) return false;
  for (char c : v)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

bool validLabelKey(const std::string& k) {
  if (k.empty()) return false;
  auto slash = k.find('/');
  std::string name = slash == std::string::npos ? k : k.substr(slash + 1);
  if (slash != std::string::npos && (slash == 0 || slash > 253)) return false;
  return !name.empty() && validLabelValue(name);
}

// A tiny lexer over the selector text: identifiers, operators, commas and parentheses.
class Lexer {
 public:
  explicit Lexer(const std::string& s) : s_(s) {}
  enum Kind { End, Ident, Comma, Open, Close, Eq, DoubleEq, NotEq, Bang, In, NotIn, Error };
  struct Token {
    Kind kind;
    std::string text;
  };
  Token next() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) pos_++;
    if (pos_ >= s_.size()) return {End, ""};
    char c = s_[pos_];
    if (c == ',') return pos_++, Token{Comma, ","};
    if (c == '(') return pos_++, Token{Open, "("};
    if (c == ')') return pos_++, Token{Close, ")"};
    if (c == '=') {
      if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '=') return pos_ += 2, Token{DoubleEq, "=="};
      return pos_++, Token{Eq, "="};
    }
    if (c == '!') {
      if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '=') return pos_ += 2, Token{NotEq, "!="};
      return pos_++, Token{Bang, "!"};
    }
    size_t start = pos_;
    while (pos_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[pos_])) &&
           std::string_view(",()=!").find(s_[pos_]) == std::string_view::npos)
      pos_++;
    std::string word = s_.substr(start, pos_ - start);
    if (word == "in") return {In, word};
    if (word == "notin") return {NotIn, word};
    return {Ident, word};
  }
  Token peek() {
    size_t save = pos_;
    Token t = next();
    pos_ = save;
    return t;
  }

 private:
  const std::string& s_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<Selector> Selector::parse(const std::string& text, std::string* error) {
  Selector sel;
  Lexer lx(text);
  auto fail = [&](const std::string& msg) -> std::optional<Selector> {
    if (error) *error = msg;
    return std::nullopt;
  };
  if (lx.peek().kind == Lexer::End) return sel;
  for (;;) {
    Requirement r;
    auto t = lx.next();
    bool bang = false;
    if (t.kind == Lexer::Bang) {
      bang = true;
      t = lx.next();
    }
    if (t.kind != Lexer::Ident) return fail("found '" + t.text + "', expected: !, identifier, or 'end of string'");
    r.key = t.text;
    if (!validLabelKey(r.key))
      return fail("unable to parse requirement: <nil>: Invalid value: \"" + r.key +
                  "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must "
                  "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                  "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    auto op = lx.peek();
    if (bang) {
      r.op = Requirement::Op::DoesNotExist;
    } else if (op.kind == Lexer::Comma || op.kind == Lexer::End) {
      r.op = Requirement::Op::Exists;
    } else {
      lx.next();
      if (op.kind == Lexer::Eq || op.kind == Lexer::DoubleEq || op.kind == Lexer::NotEq) {
        r.op = op.kind == Lexer::NotEq ? Requirement::Op::NotEquals : Requirement::Op::Equals;
        auto v = lx.peek();
        std::string value;
        if (v.kind == Lexer::Ident) value = lx.next().text;
        else if (v.kind != Lexer::Comma && v.kind != Lexer::End)
          return fail("found '" + v.text + "', expected: identifier");
        if (!validLabelValue(value))
          return fail("unable to parse requirement: values[0][" + r.key + "]: Invalid value: \"" +
                      value + "\": a valid label must be an empty string or consist of alphanumeric "
                      "characters, '-', '_' or '.', and must start and end with an alphanumeric "
                      "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
                      "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        r.values = {value};
      } else if (op.kind == Lexer::In || op.kind == Lexer::NotIn) {
        r.op = op.kind == Lexer::In ? Requirement::Op::In : Requirement::Op::NotIn;
        if (lx.next().kind != Lexer::Open) return fail("found '" + op.text + "', expected: '('");
        for (;;) {
          auto v = lx.next();
          if (v.kind == Lexer::Ident) r.values.push_back(v.text);
          else if (v.kind == Lexer::Close && r.values.empty()) break;
          else return fail("found '" + v.text + "', expected: ',', ')' or identifier");
          auto sep = lx.next();
          if (sep.kind == Lexer::Close) break;
          if (sep.kind != Lexer::Comma) return fail("found '" + sep.text + "', expected: ',' or ')'");
        }
        std::sort(r.values.begin(), r.values.end());
      } else {
        return fail("found '" + op.text + "', expected: in, notin, =, ==, !=, gt, lt");
      }
    }
    sel.requirements_.push_back(std::move(r));
    auto sep = lx.next();
    if (sep.kind == Lexer::End) break;
    if (sep.kind != Lexer::Comma) return fail("found '" + sep.text + "', expected: ',' or 'end of string'");
  }
  std::stable_sort(sel.requirements_.begin(), sel.requirements_.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  return sel;
}

std::optional<Selector> Selector::fromLabelSelector(const LabelSelector& ls, std::string* error) {
  Selector sel = fromMap(ls.matchLabels);
  for (const auto& e : ls.matchExpressions) {
    Requirement r{e.key, Requirement::Op::In, e.values};
    if (e.op == "In") r.op = Requirement::Op::In;
    else if (e.op == "NotIn") r.op = Requirement::Op::NotIn;
    else if (e.op == "Exists") r.op = Requirement::Op::Exists;
    else if (e.op == "DoesNotExist") r.op = Requirement::Op::DoesNotExist;
    else {
      if (error) *error = "\"" + e.op + "\" is not a valid label selector operator";
      return std::nullopt;
    }
    sel.requirements_.push_back(std::move(r));
  }
  return sel;
}

std::optional<FieldSelector> FieldSelector::parse(const std::string& text, std::string* error) {
  FieldSelector fs;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string term = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!term.empty()) {
      Term t;
      size_t p;
      if ((p = term.find("!=")) != std::string::npos) {
        t.negate = true;
        t.field = term.substr(0, p);
        t.value = term.substr(p + 2);
      } else if ((p = term.find("==")) != std::string::npos) {
        t.field = term.substr(0, p);
        t.value = term.substr(p + 2);
      } else if ((p = term.find('=')) != std::string::npos) {
        t.field = term.substr(0, p);
        t.value = term.substr(p + 1);
      } else {
        if (error) *error = "invalid selector: '" + text + "'; can't understand '" + term + "'";
        return std::nullopt;
      }
      fs.terms.push_back(std::move(t));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return fs;
}

}  // namespace kp
