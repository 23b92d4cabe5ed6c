// The JSONPath template engine of k8s.io/client-go/util/jsonpath, rebuilt: its parser (text and
// {actions}, the same grammar, the same error texts) and its evaluator (lists of values, range
// blocks over results, missing keys allowed or "x is not found", Go's comparison rules in
// filters), plus Go's %v and %#v of decoded JSON for the printers' outputs and debug dumps.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <regex>

#include "core/base/strings.h"
#include "core/kubectl/jsonpath.h"
#include "core/kubectl/printers.h"

namespace kp {

// ---------------------------------------------------------------- Go formatting of JSON values

namespace {

std::string intText(const Json& v) {
  return v.is_number_unsigned() ? std::to_string(v.get<uint64_t>()) : std::to_string(v.get<int64_t>());
}

void sprintInto(const Json& v, std::string& out, int depth) {
  if (depth > 200) return;
  switch (v.type()) {
    case Json::value_t::object: {
      out += "map[";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ' ';
        first = false;
        out += it.key();
        out += ':';
        sprintInto(it.value(), out, depth + 1);
      }
      out += ']';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ' ';
        first = false;
        sprintInto(e, out, depth + 1);
      }
      out += ']';
      return;
    }
    case Json::value_t::string: out += v.get<std::string>(); return;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: out += intText(v); return;
    case Json::value_t::number_float: out += goFloatText(v.get<double>()); return;
    default: out += "<nil>"; return;
  }
}

void syntaxInto(const Json& v, std::string& out, int depth, bool inInterface) {
  if (depth > 200) return;
  switch (v.type()) {
    case Json::value_t::object: {
      out += "map[string]interface {}{";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        out += goQuote(it.key());
        out += ':';
        syntaxInto(it.value(), out, depth + 1, true);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += "[]interface {}{";
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ", ";
        first = false;
        syntaxInto(e, out, depth + 1, true);
      }
      out += '}';
      return;
    }
    case Json::value_t::string: out += goQuote(v.get<std::string>()); return;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: out += intText(v); return;
    case Json::value_t::number_float: out += goFloatText(v.get<double>()); return;
    default: out += inInterface ? "interface {}(nil)" : "<nil>"; return;
  }
}

}  // namespace

std::string goSprint(const Json& v) {
  std::string out;
  sprintInto(v, out, 0);
  return out;
}

std::string goSyntax(const Json& v) {
  std::string out;
  syntaxInto(v, out, 0, false);
  return out;
}

Json numbersAsFloats(const Json& j) {
  if (j.is_number_integer()) return Json(j.is_number_unsigned() ? static_cast<double>(j.get<uint64_t>())
                                                                : static_cast<double>(j.get<int64_t>()));
  if (j.is_object()) {
    Json o = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) o[it.key()] = numbersAsFloats(it.value());
    return o;
  }
  if (j.is_array()) {
    Json a = Json::array();
    for (const auto& e : j) a.push_back(numbersAsFloats(e));
    return a;
  }
  return j;
}

// ---------------------------------------------------------------- parse tree

struct JsonPathTemplate::Node {
  enum Kind { List, Text, Field, Recursive, Array, Filter, Int, Float, Bool, Wildcard, Union, Identifier } kind;
  std::vector<std::shared_ptr<Node>> nodes;  // List
  std::string text;                          // Text, Field, Identifier; Filter: the operator
  struct Param {
    long long value = 0;
    bool known = false, derived = false;
  } params[3];                                // Array
  std::shared_ptr<Node> left, right;          // Filter (lists)
  std::vector<std::shared_ptr<Node>> unions;  // Union (lists)
  long long i = 0;
  double f = 0;
  bool b = false;
};

namespace {

using NodeP = std::shared_ptr<JsonPathTemplate::Node>;
using N = JsonPathTemplate::Node;

NodeP mk(N::Kind k) {
  auto n = std::make_shared<N>();
  n->kind = k;
  return n;
}

// Go's strconv.Unquote for "..." and '...' (client-go's UnquoteExtend accepts both).
std::optional<std::string> unquote(const std::string& q) {
  if (q.size() < 2 || q.front() != q.back() || (q[0] != '"' && q[0] != '\'')) return std::nullopt;
  std::string in = q.substr(1, q.size() - 2), out;
  auto appendRune = [&](uint32_t r) {
    if (r < 0x80) out += static_cast<char>(r);
    else if (r < 0x800) out += static_cast<char>(0xC0 | (r >> 6)), out += static_cast<char>(0x80 | (r & 0x3F));
    else if (r < 0x10000)
      out += static_cast<char>(0xE0 | (r >> 12)), out += static_cast<char>(0x80 | ((r >> 6) & 0x3F)),
          out += static_cast<char>(0x80 | (r & 0x3F));
    else
      out += static_cast<char>(0xF0 | (r >> 18)), out += static_cast<char>(0x80 | ((r >> 12) & 0x3F)),
          out += static_cast<char>(0x80 | ((r >> 6) & 0x3F)), out += static_cast<char>(0x80 | (r & 0x3F));
  };
  for (size_t i = 0; i < in.size(); i++) {
    char c = in[i];
    if (c == q[0]) return std::nullopt;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= in.size()) return std::nullopt;
    char e = in[i];
    switch (e) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': case '\'': out += e; break;
      case 'x': case 'u': case 'U': {
        size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t r = 0;
        for (size_t k = 1; k <= n; k++) {
          if (i + k >= in.size()) return std::nullopt;
          char h = in[i + k];
          int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
          if (d < 0) return std::nullopt;
          r = r * 16 + static_cast<uint32_t>(d);
        }
        i += n;
        if (e == 'x') out += static_cast<char>(r);
        else if (r > 0x10FFFF) return std::nullopt;
        else appendRune(r);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          if (i + 2 >= in.size()) return std::nullopt;
          uint32_t r = 0;
          for (size_t k = 0; k < 3; k++) {
            char o = in[i + k];
            if (o < '0' || o > '7') return std::nullopt;
            r = r * 8 + static_cast<uint32_t>(o - '0');
          }
          if (r > 255) return std::nullopt;
          out += static_cast<char>(r);
          i += 2;
          break;
        }
        return std::nullopt;
    }
  }
  return out;
}

bool isTerminator(int r) {
  switch (r) {
    case -1: case ' ': case '.': case ',': case '[': case ']': case '$': case '@': case '{': case '}': return true;
  }
  return false;
}
bool isAlnum(int r) { return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r >= 0x80; }

class Parser {
 public:
  explicit Parser(std::string in) : in_(std::move(in)) {}
  std::vector<NodeP> root;
  std::string error;
  int depth = 0;

  bool run() { return parseText(); }

 private:
  std::string in_;
  size_t pos_ = 0, start_ = 0;

  int next() {
    if (pos_ >= in_.size()) {
      pos_ = in_.size() + 1;
      return -1;
    }
    return static_cast<unsigned char>(in_[pos_++]);
  }
  void backup() { pos_--; }
  int peek() { return pos_ < in_.size() ? static_cast<unsigned char>(in_[pos_]) : -1; }
  std::string consume() {
    size_t end = std::min(pos_, in_.size());
    std::string v = start_ < end ? in_.substr(start_, end - start_) : "";
    start_ = pos_;
    return v;
  }
  bool fail(const std::string& e) {
    error = e;
    return false;
  }
  bool hasPrefix(const char* p) const { return in_.compare(std::min(pos_, in_.size()), std::strlen(p), p) == 0; }

  bool parseText() {
    while (true) {
      if (hasPrefix("{")) {
        if (pos_ > start_) {
          auto t = mk(N::Text);
          t->text = consume();
          root.push_back(t);
        }
        pos_ += 1;
        consume();
        auto list = mk(N::List);
        root.push_back(list);
        return parseInside(*list);
      }
      if (next() == -1) break;
    }
    if (pos_ > in_.size()) pos_ = in_.size();
    if (pos_ > start_) {
      auto t = mk(N::Text);
      t->text = consume();
      root.push_back(t);
    }
    return true;
  }

  bool parseInside(N& cur) {
    for (int guard = 0; guard < 100000; guard++) {
      if (hasPrefix("}")) {
        pos_ += 1;
        consume();
        return parseText();
      }
      if (hasPrefix("[?(")) {
        if (!parseFilter(cur)) return false;
        continue;
      }
      if (hasPrefix("..")) {
        pos_ += 2;
        consume();
        cur.nodes.push_back(mk(N::Recursive));
        if (isAlnum(peek())) {
          if (!parseField(cur)) return false;
        }
        continue;
      }
      int r = next();
      if (r == -1 || r == '\n' || r == '\r') return fail("unclosed action");
      if (r == ' ' || r == '@' || r == '$') {
        consume();
      } else if (r == '[') {
        if (!parseArray(cur)) return false;
      } else if (r == '"' || r == '\'') {
        if (!parseQuote(cur, r)) return false;
      } else if (r == '.') {
        if (!parseField(cur)) return false;
      } else if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
        backup();
        if (!parseNumber(cur)) return false;
      } else if (isAlnum(r)) {
        backup();
        parseIdentifier(cur);
      } else {
        char buf[32];
        std::snprintf(buf, sizeof buf, "U+%04X '%c'", r, static_cast<char>(r));
        return fail(std::string("unrecognized character in action: ") + buf);
      }
    }
    return fail("unclosed action");
  }

  bool parseField(N& cur) {
    consume();
    while (true) {
      int r = next();
      if (r == '\\') {
        next();
      } else if (isTerminator(r)) {
        backup();
        break;
      }
    }
    if (pos_ > in_.size()) pos_ = in_.size();
    std::string v = consume();
    if (v == "*") {
      cur.nodes.push_back(mk(N::Wildcard));
    } else {
      auto f = mk(N::Field);
      for (char c : v)
        if (c != '\\') f->text += c;
      cur.nodes.push_back(f);
    }
    return true;
  }

  void parseIdentifier(N& cur) {
    while (true) {
      int r = next();
      if (isTerminator(r)) {
        backup();
        break;
      }
    }
    if (pos_ > in_.size()) pos_ = in_.size();
    std::string v = consume();
    if (v == "true" || v == "false" || v == "1" || v == "0" || v == "t" || v == "f" || v == "T" || v == "F" ||
        v == "TRUE" || v == "FALSE" || v == "True" || v == "False") {
      auto b = mk(N::Bool);
      b->b = v == "true" || v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "True";
      cur.nodes.push_back(b);
    } else {
      auto id = mk(N::Identifier);
      id->text = v;
      cur.nodes.push_back(id);
    }
  }

  bool parseNumber(N& cur) {
    int r = peek();
    if (r == '+' || r == '-') next();
    while (true) {
      r = next();
      if (r != '.' && !(r >= '0' && r <= '9')) {
        backup();
        break;
      }
    }
    if (pos_ > in_.size()) pos_ = in_.size();
    std::string v = consume();
    static const std::regex intRe("^[+-]?[0-9]+$"), floatRe("^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)$");
    if (std::regex_match(v, intRe) && v.size() < 19) {
      auto n = mk(N::Int);
      n->i = std::stoll(v);
      cur.nodes.push_back(n);
      return true;
    }
    if (std::regex_match(v, floatRe)) {
      auto n = mk(N::Float);
      n->f = std::strtod(v.c_str(), nullptr);
      cur.nodes.push_back(n);
      return true;
    }
    return fail("cannot parse number " + v);
  }

  bool parseQuote(N& cur, int end) {
    while (true) {
      int r = next();
      if (r == -1 || r == '\n') return fail("unterminated quoted string");
      if (r == '\\') {
        int n = next();
        if (n == -1 || n == '\n') return fail("unterminated quoted string");
        continue;
      }
      if (r == end) break;
    }
    std::string v = consume();
    auto s = unquote(v);
    if (!s) return fail("unquote string " + v + " error invalid syntax");
    auto t = mk(N::Text);
    t->text = *s;
    cur.nodes.push_back(t);
    return true;
  }

  // Parses `{text}` on its own, as client-go's parseAction does for filter sides and unions.
  std::optional<NodeP> sub(const std::string& text) {
    if (depth > 16) {
      error = "expression nested too deeply";
      return std::nullopt;
    }
    Parser p("{" + text + "}");
    p.depth = depth + 1;
    if (!p.run()) {
      error = p.error;
      return std::nullopt;
    }
    auto list = mk(N::List);
    for (auto& n : p.root) {
      if (n->kind == N::List) for (auto& c : n->nodes) list->nodes.push_back(c);
      else list->nodes.push_back(n);
    }
    return list;
  }

  bool parseArray(N& cur) {
    while (true) {
      int r = next();
      if (r == -1 || r == '\n') return fail("unterminated array");
      if (r == ']') break;
    }
    std::string text = consume();
    text = text.substr(1, text.size() - 2);
    if (text == "*") text = ":";
    if (text.find(',') != std::string::npos) {
      auto u = mk(N::Union);
      size_t a = 0;
      while (true) {
        size_t c = text.find(',', a);
        std::string part = text.substr(a, c == std::string::npos ? std::string::npos : c - a);
        while (!part.empty() && part.front() == ' ') part.erase(0, 1);
        while (!part.empty() && part.back() == ' ') part.pop_back();
        auto l = sub("[" + part + "]");
        if (!l) return false;
        u->unions.push_back(*l);
        if (c == std::string::npos) break;
        a = c + 1;
      }
      cur.nodes.push_back(u);
      return true;
    }
    static const std::regex dictRe("^'([^']*)'$");
    std::smatch m;
    if (std::regex_match(text, m, dictRe)) {
      auto l = sub("." + m[1].str());
      if (!l) return false;
      for (auto& n : (*l)->nodes) cur.nodes.push_back(n);
      return true;
    }
    static const std::regex sliceRe("^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$");
    if (!std::regex_match(text, m, sliceRe)) return fail("invalid array index " + text);
    auto a = mk(N::Array);
    for (int i = 0; i < 3; i++) {
      std::string v = m[i + 1].str();
      if (!v.empty()) {
        if (i > 0) v = v.substr(1);
        if (i > 0 && v.empty()) {
          a->params[i].known = false;
        } else {
          a->params[i].known = true;
          if (v.size() > 18 || v == "-") return fail("array index " + v + " is not a number");
          a->params[i].value = std::stoll(v);
        }
      } else if (i == 1) {
        a->params[i].known = true;
        a->params[i].value = a->params[0].value + 1;
        a->params[i].derived = true;
      }
    }
    cur.nodes.push_back(a);
    return true;
  }

  bool parseFilter(N& cur) {
    pos_ += 3;
    consume();
    bool begin = false, end = false;
    int pair = 0;
    while (true) {
      int r = next();
      if (r == -1 || r == '\n') return fail("unterminated filter");
      if (r == '"' || r == '\'') {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (pos_ >= 2 && in_[pos_ - 2] != '\\' && r == pair) end = true;
      } else if (r == ')') {
        if (begin == end) break;
      }
    }
    if (next() != ']') return fail("unclosed array expect ]");
    std::string text = consume();
    text = text.substr(0, text.size() - 2);
    static const std::regex opRe("^([^!<>=]+)([!<>=]+)(.+?)$");
    std::smatch m;
    auto f = mk(N::Filter);
    if (!std::regex_match(text, m, opRe)) {
      auto l = sub(text);
      if (!l) return false;
      f->left = *l;
      f->right = mk(N::List);
      f->text = "exists";
    } else {
      auto l = sub(m[1].str());
      if (!l) return false;
      auto r = sub(m[3].str());
      if (!r) return false;
      f->left = *l;
      f->right = *r;
      f->text = m[2].str();
    }
    cur.nodes.push_back(f);
    return true;
  }
};

// ---------------------------------------------------------------- evaluation

// A value during evaluation: nullptr is Go's invalid reflect.Value (no data at all).
using V = const Json*;

enum BasicKind { InvalidKind, BoolKind, IntKind, FloatKind, StringKind };
BasicKind basicKind(V v) {
  if (!v) return InvalidKind;
  if (v->is_boolean()) return BoolKind;
  if (v->is_number_integer()) return IntKind;
  if (v->is_number_float()) return FloatKind;
  if (v->is_string()) return StringKind;
  return InvalidKind;
}

// client-go's forked template comparison functions.
bool compare(V a, V b, const std::string& op, bool* pass, std::string* error) {
  BasicKind ka = basicKind(a), kb = basicKind(b);
  if (ka == InvalidKind || kb == InvalidKind) {
    *error = "invalid type for comparison";
    return false;
  }
  if (ka != kb) {
    *error = "incompatible types for comparison";
    return false;
  }
  int c = 0;
  switch (ka) {
    case BoolKind: {
      if (op != "==" && op != "!=") {
        *error = "invalid type for comparison";
        return false;
      }
      c = a->get<bool>() == b->get<bool>() ? 0 : 1;
      break;
    }
    case IntKind: {
      long double x = a->is_number_unsigned() ? static_cast<long double>(a->get<uint64_t>()) : a->get<int64_t>();
      long double y = b->is_number_unsigned() ? static_cast<long double>(b->get<uint64_t>()) : b->get<int64_t>();
      c = x < y ? -1 : x > y ? 1 : 0;
      break;
    }
    case FloatKind: {
      double x = a->get<double>(), y = b->get<double>();
      c = x < y ? -1 : x > y ? 1 : 0;
      break;
    }
    case StringKind: {
      const auto& x = a->get_ref<const std::string&>();
      const auto& y = b->get_ref<const std::string&>();
      c = x < y ? -1 : x > y ? 1 : 0;
      break;
    }
    default: break;
  }
  if (op == "==") *pass = c == 0;
  else if (op == "!=") *pass = c != 0;
  else if (op == "<") *pass = c < 0;
  else if (op == ">") *pass = c > 0;
  else if (op == "<=") *pass = c <= 0;
  else if (op == ">=") *pass = c >= 0;
  else {
    *error = "unrecognized filter operator " + op;
    return false;
  }
  return true;
}

std::string goTypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::object: return "map[string]interface {}";
    case Json::value_t::array: return "[]interface {}";
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "bool";
    case Json::value_t::number_float: return "float64";
    case Json::value_t::number_unsigned: return "int64";
    case Json::value_t::number_integer: return "int64";
    default: return "interface {}";
  }
}

struct Evaluator {
  bool allowMissing = true;
  std::deque<Json> arena;  // literals produced while evaluating
  int beginRange = 0, inRange = 0, endRange = 0;
  long lastEnd = -1;
  std::string error;
  size_t budget = 2000000;

  V keep(Json j) {
    arena.push_back(std::move(j));
    return &arena.back();
  }
  bool spend(size_t n = 1) {
    if (budget < n) {
      error = "template too expensive to evaluate";
      return false;
    }
    budget -= n;
    return true;
  }

  bool walk(const std::vector<V>& in, const N& node, std::vector<V>& out) {
    if (!spend(in.size() + 1)) return false;
    out.clear();
    switch (node.kind) {
      case N::List: return evalList(in, node, out);
      case N::Text: out.push_back(keep(node.text)); return true;
      case N::Field: return evalField(in, node, out);
      case N::Array: return evalArray(in, node, out);
      case N::Filter: return evalFilter(in, node, out);
      case N::Int: for (size_t i = 0; i < in.size(); i++) out.push_back(keep(static_cast<int64_t>(node.i))); return true;
      case N::Float: for (size_t i = 0; i < in.size(); i++) out.push_back(keep(node.f)); return true;
      case N::Bool: for (size_t i = 0; i < in.size(); i++) out.push_back(keep(node.b)); return true;
      case N::Wildcard:
        for (V v : in) {
          if (!v || v->is_null()) continue;
          if (v->is_object() || v->is_array())
            for (const auto& e : *v) out.push_back(&e);
        }
        return true;
      case N::Recursive: return evalRecursive(in, out, 0);
      case N::Union:
        for (const auto& u : node.unions) {
          std::vector<V> r;
          if (!evalList(in, *u, r)) return false;
          out.insert(out.end(), r.begin(), r.end());
        }
        return true;
      case N::Identifier:
        if (node.text == "range") {
          beginRange++;
          out = in;
          return true;
        }
        if (node.text == "end") {
          if (inRange > 0) {
            endRange++;
            return true;
          }
          error = "not in range, nothing to end";
          return false;
        }
        error = "unrecognized identifier " + node.text;
        out = in;
        return false;
    }
    return true;
  }

  bool evalList(const std::vector<V>& in, const N& list, std::vector<V>& out) {
    std::vector<V> cur = in, next;
    for (const auto& n : list.nodes) {
      if (!walk(cur, *n, next)) return false;
      cur.swap(next);
    }
    out = std::move(cur);
    return true;
  }

  bool evalField(const std::vector<V>& in, const N& node, std::vector<V>& out) {
    if (in.empty()) return true;
    for (V v : in) {
      if (!v || v->is_null()) continue;
      if (v->is_object()) {
        auto it = v->find(node.text);
        if (it != v->end()) out.push_back(&*it);
      }
    }
    if (out.empty() && !allowMissing) {
      error = node.text + " is not found";
      return false;
    }
    return true;
  }

  bool evalArray(const std::vector<V>& in, const N& node, std::vector<V>& out) {
    for (V v : in) {
      if (!v || v->is_null()) continue;
      if (!v->is_array()) {
        error = goTypeName(*v) + " is not array or slice";
        return false;
      }
      N::Param p[3] = {node.params[0], node.params[1], node.params[2]};
      long long len = static_cast<long long>(v->size());
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value == 0 && p[1].derived)) p[1].value += len;
      if (p[1].value != p[0].value) {
        if (p[0].value >= len || p[0].value < 0) {
          error = "array index out of bounds: index " + std::to_string(p[0].value) + ", length " + std::to_string(len);
          return false;
        }
        if (p[1].value > len || p[1].value < 0) {
          error = "array index out of bounds: index " + std::to_string(p[1].value - 1) + ", length " + std::to_string(len);
          return false;
        }
        if (p[0].value > p[1].value) {
          error = "starting index " + std::to_string(p[0].value) + " is greater than ending index " + std::to_string(p[1].value);
          return false;
        }
      } else {
        out.clear();
        return true;
      }
      long long step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) {
          error = "step must be > 0";
          return false;
        }
        step = p[2].value;
      }
      for (long long i = p[0].value; i < p[1].value; i += step) out.push_back(&(*v)[static_cast<size_t>(i)]);
    }
    return true;
  }

  bool evalFilter(const std::vector<V>& in, const N& node, std::vector<V>& out) {
    for (V v : in) {
      if (!v || !v->is_array()) {
        error = (v ? goSprint(*v) : std::string("<invalid reflect.Value>")) + " is not array or slice and cannot be filtered";
        out = in;
        return false;
      }
      for (const auto& e : *v) {
        std::vector<V> temp{&e}, lefts, rights;
        bool ok = evalList(temp, *node.left, lefts);
        if (node.text == "exists") {
          if (!lefts.empty() && ok) out.push_back(&e);
          error.clear();
          continue;
        }
        if (!ok) return false;
        if (lefts.empty()) continue;
        if (lefts.size() > 1) {
          error = "can only compare one element at a time";
          return false;
        }
        if (!evalList(temp, *node.right, rights)) return false;
        if (rights.empty()) continue;
        if (rights.size() > 1) {
          error = "can only compare one element at a time";
          return false;
        }
        bool pass = false;
        if (!compare(lefts[0], rights[0], node.text, &pass, &error)) return false;
        if (pass) out.push_back(&e);
      }
    }
    return true;
  }

  bool evalRecursive(const std::vector<V>& in, std::vector<V>& out, int depth) {
    if (depth > 100) return true;
    for (V v : in) {
      if (!v || v->is_null()) continue;
      std::vector<V> kids;
      if (v->is_object() || v->is_array())
        for (const auto& e : *v) kids.push_back(&e);
      if (!kids.empty()) {
        if (!spend(kids.size())) return false;
        out.push_back(v);
        if (!evalRecursive(kids, out, depth + 1)) return false;
      }
    }
    return true;
  }

  // client-go's FindResults, range blocks included.
  bool find(const std::vector<NodeP>& nodes, size_t from, V data, std::vector<std::vector<V>>& full, int depth) {
    if (depth > 50) {
      error = "range nested too deeply";
      return false;
    }
    std::vector<V> cur{data};
    for (size_t i = from; i < nodes.size(); i++) {
      std::vector<V> results;
      if (!walk(cur, *nodes[i], results)) return false;
      if (endRange > 0 && endRange <= inRange) {
        endRange--;
        lastEnd = static_cast<long>(i);
        break;
      }
      if (beginRange > 0) {
        beginRange--;
        inRange++;
        if (!results.empty()) {
          for (V r : results)
            if (!find(nodes, i + 1, r, full, depth + 1)) return false;
        } else {
          std::vector<std::vector<V>> discard;
          if (!find(nodes, i + 1, nullptr, discard, depth + 1)) return false;
        }
        inRange--;
        for (size_t k = i + 1; k < nodes.size(); k++)
          if (static_cast<long>(k) == lastEnd) {
            i = k;
            break;
          }
        continue;
      }
      full.push_back(std::move(results));
    }
    return true;
  }
};

}  // namespace

std::optional<JsonPathTemplate> JsonPathTemplate::parse(const std::string& text, std::string* error) {
  Parser p(text);
  if (!p.run()) {
    if (error) *error = p.error;
    return std::nullopt;
  }
  JsonPathTemplate t;
  t.nodes_ = std::move(p.root);
  return t;
}

bool JsonPathTemplate::findResults(const Json& data, bool allowMissingKeys, std::vector<std::vector<Json>>& out,
                                   std::string* error) const {
  Evaluator ev;
  ev.allowMissing = allowMissingKeys;
  std::vector<std::vector<V>> full;
  if (!ev.find(nodes_, 0, &data, full, 0)) {
    if (error) *error = ev.error;
    return false;
  }
  out.clear();
  for (auto& r : full) {
    out.emplace_back();
    for (V v : r) out.back().push_back(v ? *v : Json());
  }
  return true;
}

std::optional<std::string> JsonPathTemplate::execute(const Json& data, bool allowMissingKeys, bool outputJson,
                                                     std::string* error) const {
  Evaluator ev;
  ev.allowMissing = allowMissingKeys;
  std::vector<std::vector<V>> full;
  if (!ev.find(nodes_, 0, &data, full, 0)) {
    if (error) *error = ev.error;
    return std::nullopt;
  }
  std::string out;
  for (const auto& results : full) {
    if (outputJson) {
      Json arr = Json::array();
      for (V v : results) arr.push_back(v ? *v : Json());
      out += toJsonText(arr);
      continue;
    }
    for (size_t i = 0; i < results.size(); i++) {
      V v = results[i];
      if (!v || v->is_null()) out += "null";
      else if (v->is_structured()) out += toCompactJson(*v);
      else if (v->is_string()) out += v->get<std::string>();
      else out += goSprint(*v);
      if (i + 1 != results.size()) out += ' ';
      if (out.size() > (1u << 24)) break;
    }
  }
  return out;
}

}  // namespace kp
