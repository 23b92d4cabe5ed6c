// Go's text/template rebuilt for kubectl's -o go-template: the lexer and parser of
// text/template/parse (same tokens, same error texts, byte positions for "output:L:C") and
// the executor of text/template over JSON decoded as kubectl decodes it (maps, []interface{},
// int64 for integral numbers, float64, string, bool, nil). Evaluation is bounded: deep
// recursion and huge outputs stop with an error instead of exhausting the page.
#include "core/kubectl/gotemplate.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <deque>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <set>

#include "core/api/base64.h"
#include "core/base/strings.h"
#include "core/kubectl/jsonpath.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

// ---------------------------------------------------------------- lexer

enum class T {
  Error, Eof, Text, LeftDelim, RightDelim, Space, Field, Variable, Dot, Identifier, Bool, Number, CharConst,
  String, RawString, Pipe, LeftParen, RightParen, Declare, Assign, Char, Comment,
  // keywords (item.String() shows them as <name>)
  Keyword, Block, Break, Continue, Define, Else, End, If, Nil, Range, Template, With
};

struct Tok {
  T typ = T::Eof;
  size_t pos = 0;
  std::string val;
  int line = 1;
};

bool isSpaceC(int r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }
bool isAlnumC(int r) { return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r >= 0x80; }

std::string runeDesc(int r) {
  char buf[48];
  if (r >= 0x20 && r < 0x7f) std::snprintf(buf, sizeof buf, "U+%04X '%c'", r, static_cast<char>(r));
  else std::snprintf(buf, sizeof buf, "U+%04X", r);
  return buf;
}

class Lexer {
 public:
  explicit Lexer(const std::string& in) : in_(in) {}
  std::vector<Tok> toks;

  void run() {
    while (true) {
      if (!lexText()) return;
    }
  }

 private:
  const std::string& in_;
  size_t pos_ = 0, start_ = 0;
  int line_ = 1, startLine_ = 1;
  int parenDepth_ = 0;

  int next() {
    if (pos_ >= in_.size()) {
      pos_ = in_.size() + 1;
      return -1;
    }
    int r = static_cast<unsigned char>(in_[pos_++]);
    if (r == '\n') line_++;
    return r;
  }
  void backup() {
    if (pos_ > in_.size()) {
      pos_ = in_.size();
      return;
    }
    pos_--;
    if (in_[pos_] == '\n') line_--;
  }
  int peek() { return pos_ < in_.size() ? static_cast<unsigned char>(in_[pos_]) : -1; }
  bool has(size_t at, const char* p) const { return at <= in_.size() && in_.compare(at, std::strlen(p), p) == 0; }
  void emit(T t) {
    size_t end = std::min(pos_, in_.size());
    toks.push_back({t, start_, in_.substr(start_, end - start_), startLine_});
    start_ = end;
    startLine_ = line_;
  }
  void ignore() {
    for (size_t i = start_; i < std::min(pos_, in_.size()); i++)
      if (in_[i] == '\n') startLine_++;
    start_ = std::min(pos_, in_.size());
    startLine_ = line_;
  }
  bool error(const std::string& msg) {
    toks.push_back({T::Error, start_, msg, startLine_});
    return false;
  }
  bool hasLeftTrim(size_t at) const { return at + 1 < in_.size() && in_[at] == '-' && isSpaceC(in_[at + 1]); }
  bool hasRightTrim(size_t at) const { return at + 1 < in_.size() && isSpaceC(in_[at]) && in_[at + 1] == '-'; }

  bool lexText() {
    size_t x = in_.find("{{", pos_);
    if (x == std::string::npos) {
      pos_ = in_.size();
      for (size_t i = start_; i < pos_; i++)
        if (in_[i] == '\n') line_++;
      if (pos_ > start_) emit(T::Text);
      toks.push_back({T::Eof, pos_, "", line_});
      return false;
    }
    for (size_t i = pos_; i < x; i++)
      if (in_[i] == '\n') line_++;
    pos_ = x;
    size_t trimmed = pos_;
    if (hasLeftTrim(x + 2))
      while (trimmed > start_ && isSpaceC(in_[trimmed - 1])) trimmed--;
    if (trimmed > start_) {
      toks.push_back({T::Text, start_, in_.substr(start_, trimmed - start_), startLine_});
    }
    start_ = pos_;
    startLine_ = line_;
    return lexLeftDelim();
  }

  bool lexLeftDelim() {
    pos_ += 2;
    bool trim = hasLeftTrim(pos_);
    size_t after = trim ? 2 : 0;
    if (has(pos_ + after, "/*")) {
      pos_ += after;
      ignore();
      return lexComment();
    }
    emit(T::LeftDelim);
    pos_ += after;
    ignore();
    parenDepth_ = 0;
    return lexInside();
  }

  bool lexComment() {
    pos_ += 2;
    size_t x = in_.find("*/", pos_);
    if (x == std::string::npos) return error("unclosed comment");
    for (size_t i = pos_; i < x + 2; i++)
      if (in_[i] == '\n') line_++;
    pos_ = x + 2;
    bool trim = hasRightTrim(pos_) && has(pos_ + 2, "}}");
    if (!trim && !has(pos_, "}}")) return error("comment ends before closing delimiter");
    emit(T::Comment);
    if (trim) pos_ += 2;
    pos_ += 2;
    if (trim)
      while (pos_ < in_.size() && isSpaceC(in_[pos_])) {
        if (in_[pos_] == '\n') line_++;
        pos_++;
      }
    ignore();
    return true;
  }

  // After "}}" (or " -}}"): back to text.
  bool lexRightDelim(bool trim) {
    if (trim) {
      pos_ += 2;
      ignore();
    }
    pos_ += 2;
    emit(T::RightDelim);
    if (trim) {
      while (pos_ < in_.size() && isSpaceC(in_[pos_])) {
        if (in_[pos_] == '\n') line_++;
        pos_++;
      }
      ignore();
    }
    return true;
  }

  bool atTerminator() {
    int r = peek();
    if (isSpaceC(r)) return true;
    switch (r) {
      case -1: case '.': case ',': case '|': case ':': case ')': case '(': return true;
    }
    return has(pos_, "}}");
  }

  bool lexInside() {
    for (int guard = 0; guard < 1000000; guard++) {
      bool trim = hasRightTrim(pos_) && has(pos_ + 2, "}}");
      if (trim || has(pos_, "}}")) {
        if (parenDepth_ == 0) return lexRightDelim(trim);
        return error("unclosed left paren");
      }
      int r = next();
      if (r == -1) {
        pos_ = in_.size();
        return error("unclosed action");
      }
      if (isSpaceC(r)) {
        backup();
        if (!lexSpace()) return true;
        continue;
      }
      if (r == '=') {
        emit(T::Assign);
      } else if (r == ':') {
        if (next() != '=') return error("expected :=");
        emit(T::Declare);
      } else if (r == '|') {
        emit(T::Pipe);
      } else if (r == '"') {
        while (true) {
          int c = next();
          if (c == '\\') {
            int d = next();
            if (d != -1 && d != '\n') continue;
            return error("unterminated quoted string");
          }
          if (c == -1 || c == '\n') return error("unterminated quoted string");
          if (c == '"') break;
        }
        emit(T::String);
      } else if (r == '`') {
        while (true) {
          int c = next();
          if (c == -1) return error("unterminated raw quoted string");
          if (c == '`') break;
        }
        emit(T::RawString);
      } else if (r == '\'') {
        while (true) {
          int c = next();
          if (c == '\\') {
            int d = next();
            if (d != -1 && d != '\n') continue;
            return error("unterminated character constant");
          }
          if (c == -1 || c == '\n') return error("unterminated character constant");
          if (c == '\'') break;
        }
        emit(T::CharConst);
      } else if (r == '$') {
        if (atTerminator()) {
          emit(T::Variable);
        } else if (!lexFieldOrVariable(T::Variable)) {
          return false;
        }
      } else if (r == '.' && pos_ < in_.size() && !(in_[pos_] >= '0' && in_[pos_] <= '9')) {
        if (atTerminator()) {
          emit(T::Dot);
        } else if (!lexFieldOrVariable(T::Field)) {
          return false;
        }
      } else if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
        backup();
        if (!lexNumber()) return false;
      } else if (isAlnumC(r)) {
        backup();
        if (!lexIdentifier()) return false;
      } else if (r == '(') {
        emit(T::LeftParen);
        parenDepth_++;
      } else if (r == ')') {
        emit(T::RightParen);
        if (--parenDepth_ < 0) return error("unexpected right paren");
      } else if (r < 0x7f && r >= 0x20) {
        emit(T::Char);
      } else {
        return error("unrecognized character in action: " + runeDesc(r));
      }
    }
    return error("unclosed action");
  }

  // Returns false when it went straight to the right delimiter (" -}}" after one space).
  bool lexSpace() {
    int n = 0;
    while (isSpaceC(peek())) {
      next();
      n++;
    }
    if (hasRightTrim(pos_ - 1) && has(pos_ - 1 + 2, "}}")) {
      backup();
      if (n == 1) {
        lexRightDelim(true);
        return false;
      }
    }
    emit(T::Space);
    return true;
  }

  bool lexFieldOrVariable(T typ) {
    int r;
    while (true) {
      r = next();
      if (!isAlnumC(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) return error("bad character " + runeDesc(peek()));
    emit(typ);
    return true;
  }

  bool lexIdentifier() {
    while (true) {
      int r = next();
      if (!isAlnumC(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) return error("bad character " + runeDesc(peek()));
    std::string word = in_.substr(start_, std::min(pos_, in_.size()) - start_);
    static const std::map<std::string, T> keys = {
        {"block", T::Block}, {"break", T::Break}, {"continue", T::Continue}, {"define", T::Define},
        {"else", T::Else},   {"end", T::End},     {"if", T::If},             {"range", T::Range},
        {"nil", T::Nil},     {"template", T::Template}, {"with", T::With}};
    auto it = keys.find(word);
    if (it != keys.end()) emit(it->second);
    else if (word == "true" || word == "false") emit(T::Bool);
    else emit(T::Identifier);
    return true;
  }

  bool lexNumber() {
    auto accept = [&](const char* valid) {
      int c = peek();
      if (c != -1 && std::strchr(valid, c)) {
        next();
        return true;
      }
      return false;
    };
    auto acceptRun = [&](const char* valid) {
      while (accept(valid)) {
      }
    };
    accept("+-");
    const char* digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (accept("oO")) digits = "01234567_";
      else if (accept("bB")) digits = "01_";
    }
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (std::strlen(digits) == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (isAlnumC(peek())) {
      next();
      return error("bad number syntax: " + goQuote(in_.substr(start_, std::min(pos_, in_.size()) - start_)));
    }
    emit(T::Number);
    return true;
  }
};

std::string tokString(const Tok& t) {
  if (t.typ == T::Eof) return "EOF";
  if (t.typ == T::Error) return t.val;
  if (t.typ > T::Keyword) return "<" + t.val + ">";
  if (t.val.size() > 10) {
    std::string q = goQuote(t.val.substr(0, 10));
    return q + "...";
  }
  return goQuote(t.val);
}

}  // namespace

// ---------------------------------------------------------------- parse tree

struct GoTemplate::Node {
  enum K { List, Text, Action, If, Range, With, Pipe, Command, Field, Chain, Variable, Dot, Nil, Bool, Number, String,
           Identifier, Break, Continue, EndMark, ElseMark, Comment } k;
  size_t pos = 0;
  int line = 1;
  std::vector<std::shared_ptr<Node>> list;   // List; Pipe: commands; Command: args
  std::string text;                          // Text; String (unquoted); Identifier; Number (source)
  std::string quoted;                        // String: as written
  std::vector<std::string> idents;           // Field/Variable/Chain: names
  std::shared_ptr<Node> pipe, body, elseList, node;  // control nodes; Chain: the operand
  std::vector<std::shared_ptr<Node>> decl;   // Pipe: variables
  bool isAssign = false;
  bool b = false;
  bool isInt = false, isFloat = false;
  int64_t i = 0;
  double f = 0;
  std::string str() const;
};

using GNode = GoTemplate::Node;
using GP = std::shared_ptr<GNode>;

std::string GNode::str() const {
  switch (k) {
    case Text: return text;
    case Field: {
      std::string s;
      for (const auto& id : idents) s += "." + id;
      return s;
    }
    case Variable: {
      std::string s;
      for (size_t x = 0; x < idents.size(); x++) s += (x ? "." : "") + idents[x];
      return s;
    }
    case Chain: {
      std::string s = node->k == Pipe ? "(" + node->str() + ")" : node->str();
      for (const auto& id : idents) s += "." + id;
      return s;
    }
    case Dot: return ".";
    case Nil: return "nil";
    case Bool: return b ? "true" : "false";
    case Number: return text;
    case String: return quoted;
    case Identifier: return text;
    case Command: {
      std::string s;
      for (size_t x = 0; x < list.size(); x++) {
        if (x) s += " ";
        s += list[x]->k == Pipe ? "(" + list[x]->str() + ")" : list[x]->str();
      }
      return s;
    }
    case Pipe: {
      std::string s;
      if (!decl.empty()) {
        for (size_t x = 0; x < decl.size(); x++) s += (x ? ", " : "") + decl[x]->str();
        s += isAssign ? " = " : " := ";
      }
      for (size_t x = 0; x < list.size(); x++) s += (x ? " | " : "") + list[x]->str();
      return s;
    }
    case Action: return "{{" + pipe->str() + "}}";
    case If: case Range: case With: {
      std::string name = k == If ? "if" : k == Range ? "range" : "with";
      std::string s = "{{" + name + " " + pipe->str() + "}}";
      for (const auto& n : body->list) s += n->str();
      if (elseList) {
        s += "{{else}}";
        for (const auto& n : elseList->list) s += n->str();
      }
      return s + "{{end}}";
    }
    case List: {
      std::string s;
      for (const auto& n : list) s += n->str();
      return s;
    }
    case Break: return "{{break}}";
    case Continue: return "{{continue}}";
    case EndMark: return "{{end}}";
    case ElseMark: return "{{else}}";
    case Comment: return "{{/* */}}";
  }
  return "";
}

namespace {

const std::set<std::string>& funcNames() {
  static const std::set<std::string> names = {"and", "or", "not", "len", "index", "printf", "print", "println",
                                              "eq", "ne", "lt", "le", "gt", "ge", "base64decode", "exists",
                                              "html", "js", "urlquery", "slice", "call"};
  return names;
}

struct ParseError {
  std::string msg;
};

class TParser {
 public:
  explicit TParser(std::vector<Tok> toks) : toks_(std::move(toks)) {}
  GP root;
  std::string error;

  bool run() {
    try {
      root = mk(GNode::List, 0);
      while (peek().typ != T::Eof) {
        GP n = textOrAction();
        if (n->k == GNode::EndMark || n->k == GNode::ElseMark) fail("unexpected " + n->str());
        if (n->k != GNode::Comment) root->list.push_back(n);
      }
      return true;
    } catch (const ParseError& e) {
      error = e.msg;
      return false;
    }
  }

 private:
  std::vector<Tok> toks_;
  size_t at_ = 0;
  int lastLine_ = 1;
  std::vector<std::string> vars_ = {"$"};
  int rangeDepth_ = 0;
  int depth_ = 0;

  static GP mk(GNode::K k, size_t pos) {
    auto n = std::make_shared<GNode>();
    n->k = k;
    n->pos = pos;
    return n;
  }
  [[noreturn]] void fail(const std::string& msg) {
    throw ParseError{"template: output:" + std::to_string(lastLine_) + ": " + msg};
  }
  const Tok& peek() { return toks_[std::min(at_, toks_.size() - 1)]; }
  const Tok& next() {
    const Tok& t = toks_[std::min(at_, toks_.size() - 1)];
    if (at_ < toks_.size()) at_++;
    lastLine_ = t.line;
    if (t.typ == T::Error) fail(t.val);
    return t;
  }
  void backup() {
    if (at_ > 0) at_--;
  }
  const Tok& nextNonSpace() {
    while (peek().typ == T::Space) next();
    return next();
  }
  const Tok& peekNonSpace() {
    while (peek().typ == T::Space) next();
    if (peek().typ == T::Error) {
      lastLine_ = peek().line;
      fail(peek().val);
    }
    return peek();
  }
  [[noreturn]] void unexpected(const Tok& t, const std::string& context) {
    if (t.typ == T::Error) fail(t.val);
    fail("unexpected " + tokString(t) + " in " + context);
  }
  const Tok& expect(T typ, const std::string& context) {
    const Tok& t = nextNonSpace();
    if (t.typ != typ) unexpected(t, context);
    return t;
  }

  GP textOrAction() {
    if (++depth_ > 200) fail("template nested too deeply");
    struct D {
      int& d;
      ~D() { d--; }
    } dd{depth_};
    const Tok& t = nextNonSpace();
    if (t.typ == T::Text) {
      GP n = mk(GNode::Text, t.pos);
      n->text = t.val;
      return n;
    }
    if (t.typ == T::LeftDelim) return action();
    if (t.typ == T::Comment) return mk(GNode::Comment, t.pos);
    unexpected(t, "input");
  }

  std::pair<GP, GP> itemList() {
    GP list = mk(GNode::List, peekNonSpace().pos);
    while (peekNonSpace().typ != T::Eof) {
      GP n = textOrAction();
      if (n->k == GNode::EndMark || n->k == GNode::ElseMark) return {list, n};
      if (n->k != GNode::Comment) list->list.push_back(n);
    }
    fail("unexpected EOF");
  }

  GP action() {
    const Tok& t = nextNonSpace();
    switch (t.typ) {
      case T::Break:
      case T::Continue: {
        bool brk = t.typ == T::Break;
        size_t pos = t.pos;
        const Tok& r = nextNonSpace();
        if (r.typ != T::RightDelim) unexpected(r, brk ? "{{break}}" : "{{continue}}");
        if (rangeDepth_ == 0) fail(std::string("{{") + (brk ? "break" : "continue") + "}} outside {{range}}");
        return mk(brk ? GNode::Break : GNode::Continue, pos);
      }
      case T::Else: {
        const Tok& p = peekNonSpace();
        if (p.typ == T::If || p.typ == T::With) return mk(GNode::ElseMark, p.pos);
        const Tok& r = expect(T::RightDelim, "else");
        return mk(GNode::ElseMark, r.pos);
      }
      case T::End: {
        const Tok& r = expect(T::RightDelim, "end");
        return mk(GNode::EndMark, r.pos);
      }
      case T::If: return control(GNode::If, "if");
      case T::Range: return control(GNode::Range, "range");
      case T::With: return control(GNode::With, "with");
      case T::Block:
      case T::Define:
      case T::Template: fail("{{" + t.val + "}} is not available in this simulated kubectl");
      default: break;
    }
    backup();
    const Tok& p = peek();
    GP a = mk(GNode::Action, p.pos);
    a->pipe = pipeline("command", T::RightDelim);
    return a;
  }

  GP control(GNode::K k, const std::string& context) {
    size_t saved = vars_.size();
    GP n = mk(k, 0);
    n->pipe = pipeline(context, T::RightDelim);
    n->pos = n->pipe->pos;
    if (k == GNode::Range) rangeDepth_++;
    auto [list, nx] = itemList();
    if (k == GNode::Range) rangeDepth_--;
    n->body = list;
    if (nx->k == GNode::ElseMark) {
      if ((k == GNode::If && peek().typ == T::If) || (k == GNode::With && peek().typ == T::With)) {
        next();
        GP el = mk(GNode::List, nx->pos);
        el->list.push_back(control(k, context));
        n->elseList = el;
      } else {
        auto [el, nx2] = itemList();
        if (nx2->k != GNode::EndMark) fail("expected end; found " + nx2->str());
        n->elseList = el;
      }
    }
    vars_.resize(saved);
    return n;
  }

  GP pipeline(const std::string& context, T end) {
    const Tok& first = peekNonSpace();
    GP pipe = mk(GNode::Pipe, first.pos);
    pipe->line = first.line;
    while (true) {
      if (peekNonSpace().typ != T::Variable) break;
      size_t mark = at_;
      Tok v = next();
      const Tok& after = peek();
      bool spaceAfter = after.typ == T::Space;
      const Tok& nx = peekNonSpace();
      if (nx.typ == T::Assign || nx.typ == T::Declare) {
        pipe->isAssign = nx.typ == T::Assign;
        nextNonSpace();
        GP var = mk(GNode::Variable, v.pos);
        var->idents = splitVar(v.val);
        pipe->decl.push_back(var);
        vars_.push_back(v.val);
        break;
      }
      if (nx.typ == T::Char && nx.val == ",") {
        nextNonSpace();
        GP var = mk(GNode::Variable, v.pos);
        var->idents = splitVar(v.val);
        pipe->decl.push_back(var);
        vars_.push_back(v.val);
        if (context == "range" && pipe->decl.size() < 2) {
          T pt = peekNonSpace().typ;
          if (pt == T::Variable || pt == T::RightDelim || pt == T::RightParen) continue;
          fail("range can only initialize variables");
        }
        fail("too many declarations in " + context);
      }
      (void)spaceAfter;
      at_ = mark;
      break;
    }
    while (true) {
      const Tok& t = nextNonSpace();
      if (t.typ == end) {
        if (pipe->list.empty()) fail("missing value for " + context);
        for (size_t x = 1; x < pipe->list.size(); x++) {
          auto kk = pipe->list[x]->list[0]->k;
          if (kk == GNode::Bool || kk == GNode::Dot || kk == GNode::Nil || kk == GNode::Number || kk == GNode::String)
            fail("non executable command in pipeline stage " + std::to_string(x + 1));
        }
        return pipe;
      }
      switch (t.typ) {
        case T::Bool: case T::CharConst: case T::Dot: case T::Field: case T::Identifier: case T::Number: case T::Nil:
        case T::RawString: case T::String: case T::Variable: case T::LeftParen:
          backup();
          pipe->list.push_back(command());
          break;
        default: unexpected(t, context);
      }
    }
  }

  static std::vector<std::string> splitVar(const std::string& v) {
    std::vector<std::string> out;
    size_t a = 0;
    while (true) {
      size_t d = v.find('.', a);
      out.push_back(v.substr(a, d == std::string::npos ? std::string::npos : d - a));
      if (d == std::string::npos) break;
      a = d + 1;
    }
    return out;
  }

  GP command() {
    if (++depth_ > 200) fail("template nested too deeply");
    struct D {
      int& d;
      ~D() { d--; }
    } dd{depth_};
    GP cmd = mk(GNode::Command, peekNonSpace().pos);
    while (true) {
      peekNonSpace();
      GP op = operand();
      if (op) cmd->list.push_back(op);
      const Tok& t = next();
      if (t.typ == T::Space) continue;
      if (t.typ == T::RightDelim || t.typ == T::RightParen) {
        backup();
      } else if (t.typ != T::Pipe) {
        unexpected(t, "operand");
      }
      break;
    }
    if (cmd->list.empty()) fail("empty command");
    return cmd;
  }

  GP operand() {
    GP n = term();
    if (!n) return n;
    if (peek().typ == T::Field) {
      GP chain = mk(GNode::Chain, peek().pos);
      chain->node = n;
      while (peek().typ == T::Field) chain->idents.push_back(next().val.substr(1));
      if (n->k == GNode::Field || n->k == GNode::Variable) {
        GP merged = mk(n->k, chain->pos);
        merged->idents = n->idents;
        for (auto& id : chain->idents) merged->idents.push_back(id);
        return merged;
      }
      if (n->k == GNode::Bool || n->k == GNode::String || n->k == GNode::Number || n->k == GNode::Nil ||
          n->k == GNode::Dot)
        fail("unexpected . after term " + goQuote(n->str()));
      return chain;
    }
    return n;
  }

  GP term() {
    const Tok& t = nextNonSpace();
    switch (t.typ) {
      case T::Identifier: {
        if (!funcNames().count(t.val)) fail("function " + goQuote(t.val) + " not defined");
        GP n = mk(GNode::Identifier, t.pos);
        n->text = t.val;
        return n;
      }
      case T::Dot: return mk(GNode::Dot, t.pos);
      case T::Nil: return mk(GNode::Nil, t.pos);
      case T::Variable: {
        auto ids = splitVar(t.val);
        bool found = false;
        for (const auto& v : vars_)
          if (v == ids[0]) found = true;
        if (!found) fail("undefined variable " + goQuote(ids[0]));
        GP n = mk(GNode::Variable, t.pos);
        n->idents = ids;
        return n;
      }
      case T::Field: {
        GP n = mk(GNode::Field, t.pos);
        n->idents = {t.val.substr(1)};
        return n;
      }
      case T::Bool: {
        GP n = mk(GNode::Bool, t.pos);
        n->b = t.val == "true";
        return n;
      }
      case T::Number:
      case T::CharConst: return number(t);
      case T::LeftParen: {
        if (++depth_ > 200) fail("template nested too deeply");
        GP p = pipeline("parenthesized pipeline", T::RightParen);
        depth_--;
        return p;
      }
      case T::String:
      case T::RawString: {
        auto s = t.typ == T::RawString ? std::optional<std::string>(t.val.substr(1, t.val.size() - 2)) : goUnquote(t.val);
        if (!s) fail("invalid syntax");
        GP n = mk(GNode::String, t.pos);
        n->text = *s;
        n->quoted = t.val;
        return n;
      }
      default: break;
    }
    backup();
    return nullptr;
  }

  static std::optional<std::string> goUnquote(const std::string& q);

  GP number(const Tok& t) {
    GP n = mk(GNode::Number, t.pos);
    n->text = t.val;
    if (t.typ == T::CharConst) {
      std::string inner = t.val.substr(1, t.val.size() - 2);
      auto s = goUnquote("\"" + (inner == "\"" ? std::string("\\\"") : inner) + "\"");
      if (!s || s->empty()) fail("malformed character constant: " + t.val);
      // the first rune of s
      unsigned char c0 = static_cast<unsigned char>((*s)[0]);
      int64_t r = c0;
      if (c0 >= 0xC0 && s->size() >= 2) {
        int len = c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : 2;
        r = c0 & (0x3F >> (len - 1));
        for (int x = 1; x < len && x < static_cast<int>(s->size()); x++) r = (r << 6) | ((*s)[x] & 0x3F);
      }
      n->isInt = true;
      n->i = r;
      n->f = static_cast<double>(r);
      n->isFloat = true;
      return n;
    }
    std::string v;
    for (char c : t.val)
      if (c != '_') v += c;
    if (!v.empty() && v.back() == 'i') fail("complex numbers are not available in this simulated kubectl");
    errno = 0;
    char* end = nullptr;
    bool neg = !v.empty() && v[0] == '-';
    std::string body = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? v.substr(1) : v;
    int base = 10;
    std::string digits = body;
    if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) base = 16, digits = body.substr(2);
    else if (body.size() > 2 && body[0] == '0' && (body[1] == 'o' || body[1] == 'O')) base = 8, digits = body.substr(2);
    else if (body.size() > 2 && body[0] == '0' && (body[1] == 'b' || body[1] == 'B')) base = 2, digits = body.substr(2);
    else if (body.size() > 1 && body[0] == '0' && body.find_first_of(".eE") == std::string::npos) base = 8, digits = body.substr(1);
    bool intSyntax = !digits.empty() && digits.find_first_of(base == 16 ? ".pP" : ".eE") == std::string::npos;
    if (intSyntax) {
      unsigned long long u = std::strtoull(digits.c_str(), &end, base);
      if (end && *end == 0 && errno == 0 && u <= static_cast<unsigned long long>(INT64_MAX) + (neg ? 1 : 0)) {
        n->isInt = true;
        n->i = neg ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
        n->isFloat = true;
        n->f = static_cast<double>(n->i);
        return n;
      }
    }
    errno = 0;
    double d = std::strtod(v.c_str(), &end);
    if (!end || *end != 0 || v.empty()) fail("illegal number syntax: " + goQuote(t.val));
    n->isFloat = true;
    n->f = d;
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.2e18) {
      n->isInt = true;
      n->i = static_cast<int64_t>(d);
    }
    return n;
  }
};

std::optional<std::string> TParser::goUnquote(const std::string& q) {
  if (q.size() < 2 || q.front() != '"' || q.back() != '"') return std::nullopt;
  std::string out;
  std::string in = q.substr(1, q.size() - 2);
  for (size_t x = 0; x < in.size(); x++) {
    char c = in[x];
    if (c == '"') return std::nullopt;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++x >= in.size()) return std::nullopt;
    char e = in[x];
    auto rune = [&](uint32_t r) {
      if (r < 0x80) out += static_cast<char>(r);
      else if (r < 0x800) out += static_cast<char>(0xC0 | (r >> 6)), out += static_cast<char>(0x80 | (r & 0x3F));
      else if (r < 0x10000)
        out += static_cast<char>(0xE0 | (r >> 12)), out += static_cast<char>(0x80 | ((r >> 6) & 0x3F)),
            out += static_cast<char>(0x80 | (r & 0x3F));
      else
        out += static_cast<char>(0xF0 | (r >> 18)), out += static_cast<char>(0x80 | ((r >> 12) & 0x3F)),
            out += static_cast<char>(0x80 | ((r >> 6) & 0x3F)), out += static_cast<char>(0x80 | (r & 0x3F));
    };
    switch (e) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case '\'': out += '\''; break;
      case 'x': case 'u': case 'U': {
        size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t r = 0;
        for (size_t k = 1; k <= n; k++) {
          if (x + k >= in.size()) return std::nullopt;
          char h = in[x + k];
          int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
          if (d < 0) return std::nullopt;
          r = r * 16 + static_cast<uint32_t>(d);
        }
        x += n;
        if (e == 'x') out += static_cast<char>(r);
        else if (r > 0x10FFFF) return std::nullopt;
        else rune(r);
        break;
      }
      default:
        if (e >= '0' && e <= '7' && x + 2 < in.size()) {
          uint32_t r = 0;
          for (size_t k = 0; k < 3; k++) {
            char o = in[x + k];
            if (o < '0' || o > '7') return std::nullopt;
            r = r * 8 + static_cast<uint32_t>(o - '0');
          }
          if (r > 255) return std::nullopt;
          out += static_cast<char>(r);
          x += 2;
          break;
        }
        return std::nullopt;
    }
  }
  return out;
}

// ---------------------------------------------------------------- values

// A reflect.Value as the executor sees it: invalid (no value), or a JSON value (null is a nil
// interface). `literal` marks Go's int (an untyped constant) as opposed to int64 from data.
struct Val {
  const Json* p = nullptr;
  std::shared_ptr<const Json> own;
  bool literalInt = false;
  bool valid() const { return p != nullptr; }
  static Val of(Json j, bool lit = false) {
    Val v;
    auto sp = std::make_shared<const Json>(std::move(j));
    v.p = sp.get();
    v.own = sp;
    v.literalInt = lit;
    return v;
  }
  static Val ref(const Json* j, const std::shared_ptr<const Json>& owner) {
    Val v;
    v.p = j;
    v.own = owner;
    return v;
  }
};

std::string goType(const Val& v) {
  if (!v.valid()) return "<nil>";
  switch (v.p->type()) {
    case Json::value_t::object: return "map[string]interface {}";
    case Json::value_t::array: return "[]interface {}";
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "bool";
    case Json::value_t::number_float: return "float64";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return v.literalInt ? "int" : "int64";
    default: return "interface {}";
  }
}

// fmt.Sprint of one operand.
std::string sprintVal(const Val& v) {
  if (!v.valid() || v.p->is_null()) return "<nil>";
  return goSprint(*v.p);
}

bool truth(const Val& v) {
  if (!v.valid()) return false;
  const Json& j = *v.p;
  switch (j.type()) {
    case Json::value_t::object: case Json::value_t::array: return !j.empty();
    case Json::value_t::string: return !j.get_ref<const std::string&>().empty();
    case Json::value_t::boolean: return j.get<bool>();
    case Json::value_t::number_integer: return j.get<int64_t>() != 0;
    case Json::value_t::number_unsigned: return j.get<uint64_t>() != 0;
    case Json::value_t::number_float: return j.get<double>() != 0;
    default: return false;  // nil interface
  }
}

struct ExecError {
  std::string msg;
};

// ---------------------------------------------------------------- fmt.Sprintf

std::string padTo(const std::string& s, int width, bool minus, bool zero) {
  // width counts runes
  int runes = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) runes++;
  if (width <= runes) return s;
  std::string pad(static_cast<size_t>(width - runes), zero && !minus ? '0' : ' ');
  if (minus) return s + pad;
  if (zero && !s.empty() && (s[0] == '-' || s[0] == '+')) return s.substr(0, 1) + pad + s.substr(1);
  return pad + s;
}

std::string badVerb(char verb, const Val& v) {
  if (!v.valid() || v.p->is_null()) return std::string("%!") + verb + "(<nil>)";
  return std::string("%!") + verb + "(" + goType(v) + "=" + sprintVal(v) + ")";
}

std::string goSprintf(const std::string& format, const std::vector<Val>& args) {
  std::string out;
  size_t argi = 0;
  for (size_t i = 0; i < format.size(); i++) {
    char c = format[i];
    if (c != '%') {
      out += c;
      continue;
    }
    i++;
    if (i >= format.size()) {
      out += "%!(NOVERB)";
      break;
    }
    bool minus = false, plus = false, zero = false, sharp = false, space = false;
    for (; i < format.size(); i++) {
      char f = format[i];
      if (f == '-') minus = true;
      else if (f == '+') plus = true;
      else if (f == '0') zero = true;
      else if (f == '#') sharp = true;
      else if (f == ' ') space = true;
      else break;
    }
    int width = -1, prec = -1;
    auto readNum = [&](int& dst) {
      if (i < format.size() && format[i] == '*') {
        i++;
        if (argi < args.size() && args[argi].valid() && args[argi].p->is_number_integer()) {
          dst = static_cast<int>(args[argi].p->get<int64_t>());
          if (dst < 0) minus = true, dst = -dst;
        } else {
          out += "%!(BADWIDTH)";
        }
        argi++;
        return;
      }
      if (i < format.size() && format[i] >= '0' && format[i] <= '9') {
        dst = 0;
        while (i < format.size() && format[i] >= '0' && format[i] <= '9') dst = std::min(dst * 10 + (format[i++] - '0'), 100000);
      }
    };
    readNum(width);
    if (i < format.size() && format[i] == '.') {
      i++;
      prec = 0;
      readNum(prec);
    }
    if (i >= format.size()) {
      out += "%!(NOVERB)";
      break;
    }
    char verb = format[i];
    if (verb == '%') {
      out += '%';
      continue;
    }
    if (argi >= args.size()) {
      out += std::string("%!") + verb + "(MISSING)";
      continue;
    }
    const Val& a = args[argi++];
    const Json* j = a.valid() ? a.p : nullptr;
    std::string s;
    bool isNil = !j || j->is_null();
    auto fmtInt = [&](int64_t n, int base, bool upper) {
      bool neg = n < 0;
      uint64_t u = neg ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
      std::string d;
      const char* digs = upper ? "0123456789ABCDEF" : "0123456789abcdef";
      do {
        d.insert(d.begin(), digs[u % static_cast<unsigned>(base)]);
        u /= static_cast<unsigned>(base);
      } while (u);
      if (prec >= 0 && static_cast<int>(d.size()) < prec) d = std::string(static_cast<size_t>(prec - static_cast<int>(d.size())), '0') + d;
      if (sharp && base == 16) d = (upper ? "0X" : "0x") + d;
      if (sharp && base == 8) d = "0" + d;
      if (neg) d = "-" + d;
      else if (plus) d = "+" + d;
      else if (space) d = " " + d;
      return d;
    };
    auto fmtFloat = [&](double d, char v) {
      char buf[512];
      if (v == 'v' || (v == 'g' && prec < 0)) {
        std::string g = goFloatText(d);
        if (plus && d >= 0) g = "+" + g;
        return g;
      }
      char spec[16];
      std::snprintf(spec, sizeof spec, "%%%s.%d%c", plus ? "+" : "", prec < 0 ? 6 : prec, v);
      std::snprintf(buf, sizeof buf, spec, d);
      return std::string(buf);
    };
    switch (verb) {
      case 'v':
        if (isNil) s = "<nil>";
        else if (j->is_number_float()) s = fmtFloat(j->get<double>(), 'v');
        else if (j->is_number_integer() && plus) s = fmtInt(j->get<int64_t>(), 10, false);
        else if (sharp) s = goSyntax(*j);
        else s = goSprint(*j);
        break;
      case 's':
        if (j && j->is_string()) s = j->get<std::string>();
        else if (j && j->is_structured()) {
          // %s applies to the elements
          s = goSprint(*j);
        } else s = badVerb('s', a);
        if (j && j->is_string() && prec >= 0) {
          size_t runes = 0, k = 0;
          for (; k < s.size(); k++) {
            if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) {
              if (static_cast<int>(runes) == prec) break;
              runes++;
            }
          }
          s = s.substr(0, k);
        }
        break;
      case 'q':
        if (j && j->is_string()) s = goQuote(j->get<std::string>());
        else if (j && j->is_number_integer()) {
          int64_t r = j->get<int64_t>();
          std::string ch;
          if (r >= 0x20 && r < 0x7f && r != '\'' && r != '\\') ch = std::string(1, static_cast<char>(r));
          else if (r == '\'') ch = "\\'";
          else if (r == '\\') ch = "\\\\";
          else if (r == '\n') ch = "\\n";
          else if (r == '\t') ch = "\\t";
          else {
            char b[16];
            std::snprintf(b, sizeof b, r < 0x10000 ? "\\u%04llx" : "\\U%08llx", static_cast<long long>(r));
            ch = b;
          }
          s = "'" + ch + "'";
        } else s = badVerb('q', a);
        break;
      case 'd': case 'b': case 'o': case 'x': case 'X': case 'c': {
        int base = verb == 'd' ? 10 : verb == 'b' ? 2 : verb == 'o' ? 8 : 16;
        if (j && j->is_number_integer()) {
          if (verb == 'c') {
            int64_t r = j->get<int64_t>();
            if (r < 0 || r > 0x10FFFF) r = 0xFFFD;
            auto u = static_cast<uint32_t>(r);
            if (u < 0x80) s = std::string(1, static_cast<char>(u));
            else if (u < 0x800) s = {static_cast<char>(0xC0 | (u >> 6)), static_cast<char>(0x80 | (u & 0x3F))};
            else if (u < 0x10000)
              s = {static_cast<char>(0xE0 | (u >> 12)), static_cast<char>(0x80 | ((u >> 6) & 0x3F)), static_cast<char>(0x80 | (u & 0x3F))};
            else
              s = {static_cast<char>(0xF0 | (u >> 18)), static_cast<char>(0x80 | ((u >> 12) & 0x3F)),
                   static_cast<char>(0x80 | ((u >> 6) & 0x3F)), static_cast<char>(0x80 | (u & 0x3F))};
          } else {
            s = fmtInt(j->get<int64_t>(), base, verb == 'X');
          }
        } else if (j && j->is_string() && (verb == 'x' || verb == 'X')) {
          const char* digs = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
          for (unsigned char ch : j->get<std::string>()) s += digs[ch >> 4], s += digs[ch & 15];
        } else if (j && j->is_number_float() && (verb == 'x' || verb == 'X')) {
          char b[64];
          std::snprintf(b, sizeof b, verb == 'X' ? "%A" : "%a", j->get<double>());
          s = b;
        } else {
          s = badVerb(verb, a);
        }
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
        if (j && j->is_number_float()) s = fmtFloat(j->get<double>(), verb == 'F' ? 'f' : verb);
        else s = badVerb(verb, a);
        break;
      case 't':
        if (j && j->is_boolean()) s = j->get<bool>() ? "true" : "false";
        else s = badVerb('t', a);
        break;
      case 'T': s = isNil ? "<nil>" : goType(a); break;
      default: s = badVerb(verb, a);
    }
    out += width > 0 ? padTo(s, width, minus, zero && verb != 's' && verb != 'q' && verb != 'v') : s;
    if (out.size() > (1u << 22)) break;
  }
  if (argi < args.size()) {
    out += "%!(EXTRA ";
    for (size_t k = argi; k < args.size(); k++) {
      if (k > argi) out += ", ";
      const Val& a = args[k];
      if (!a.valid() || a.p->is_null()) out += "<nil>";
      else out += goType(a) + "=" + sprintVal(a);
    }
    out += ")";
  }
  return out;
}

// fmt.Sprint: spaces between operands when neither is a string.
std::string goSprintArgs(const std::vector<Val>& args, bool ln) {
  std::string out;
  for (size_t k = 0; k < args.size(); k++) {
    bool isStr = args[k].valid() && args[k].p->is_string();
    bool prevStr = k > 0 && args[k - 1].valid() && args[k - 1].p->is_string();
    if (k > 0 && (ln || (!isStr && !prevStr))) out += ' ';
    out += sprintVal(args[k]);
  }
  if (ln) out += '\n';
  return out;
}

// ---------------------------------------------------------------- executor

enum Kind { InvalidK, BoolK, IntK, FloatK, StringK, OtherK };
Kind kindOf(const Val& v) {
  if (!v.valid()) return InvalidK;
  const Json& j = *v.p;
  if (j.is_boolean()) return BoolK;
  if (j.is_number_integer()) return IntK;
  if (j.is_number_float()) return FloatK;
  if (j.is_string()) return StringK;
  return OtherK;
}

class Exec {
 public:
  Exec(const Json& data, bool missingError, std::string& out) : missingError_(missingError), out_(out) {
    root_ = Val::ref(&data, nullptr);
    vars_.push_back({"$", root_});
  }

  void run(const GNode& list) { walk(root_, list); }
  const GNode* at = nullptr;

 private:
  bool missingError_;
  std::string& out_;
  Val root_;
  std::vector<std::pair<std::string, Val>> vars_;
  int depth_ = 0;
  size_t steps_ = 0;
  enum Flow { Normal, BreakF, ContinueF };
  Flow flow_ = Normal;

  [[noreturn]] void errorf(const std::string& msg) {
    throw ExecError{msg};
  }
  void step() {
    if (++steps_ > 5000000) errorf("template too expensive to execute");
    if (out_.size() > (1u << 24)) errorf("template output too large");
  }

  void walk(const Val& dot, const GNode& n) {
    step();
    if (flow_ != Normal) return;
    switch (n.k) {
      case GNode::List:
        for (const auto& c : n.list) {
          walk(dot, *c);
          if (flow_ != Normal) return;
        }
        return;
      case GNode::Text: out_ += n.text; return;
      case GNode::Action: {
        Val v = evalPipeline(dot, *n.pipe);
        if (n.pipe->decl.empty()) printValue(*n.pipe, v);
        return;
      }
      case GNode::If:
      case GNode::With: {
        size_t mark = vars_.size();
        Val v = evalPipeline(dot, *n.pipe);
        bool t = truth(v);
        if (t) walk(n.k == GNode::With ? v : dot, *n.body);
        else if (n.elseList) walk(dot, *n.elseList);
        vars_.resize(mark);
        return;
      }
      case GNode::Range: walkRange(dot, n); return;
      case GNode::Break: flow_ = BreakF; return;
      case GNode::Continue: flow_ = ContinueF; return;
      default: return;
    }
  }

  void walkRange(const Val& dot, const GNode& r) {
    if (++depth_ > 100) errorf("exceeded maximum template depth (100000)");
    size_t mark = vars_.size();
    Val v = evalPipeline(dot, *r.pipe);
    // the declared variables were pushed by evalPipeline; range sets them per element
    auto oneIter = [&](const Val& index, const Val& elem) {
      if (!r.pipe->decl.empty()) {
        if (r.pipe->isAssign) {
          if (r.pipe->decl.size() > 1) {
            setVar(r.pipe->decl[0]->idents[0], index);
            setVar(r.pipe->decl[1]->idents[0], elem);
          } else {
            setVar(r.pipe->decl[0]->idents[0], elem);
          }
        } else if (r.pipe->decl.size() > 1) {
          vars_[vars_.size() - 2].second = index;
          vars_[vars_.size() - 1].second = elem;
        } else {
          vars_.back().second = elem;
        }
      }
      size_t inner = vars_.size();
      walk(elem, *r.body);
      vars_.resize(inner);
      if (flow_ == BreakF) {
        flow_ = Normal;
        return false;
      }
      flow_ = Normal;
      return true;
    };
    bool any = false;
    if (v.valid() && v.p->is_array()) {
      for (size_t k = 0; k < v.p->size(); k++) {
        any = true;
        if (!oneIter(Val::of(static_cast<int64_t>(k), true), Val::ref(&(*v.p)[k], v.own))) break;
      }
    } else if (v.valid() && v.p->is_object()) {
      for (auto it = v.p->begin(); it != v.p->end(); ++it) {
        any = true;
        if (!oneIter(Val::of(it.key()), Val::ref(&it.value(), v.own))) break;
      }
    } else if (v.valid() && v.p->is_number_integer()) {
      int64_t n = v.p->get<int64_t>();
      if (n > 1000000) errorf("range over a too large integer");
      for (int64_t k = 0; k < n; k++) {
        any = true;
        Val kv = Val::of(k, v.literalInt);
        if (!oneIter(kv, kv)) break;
      }
    } else if (v.valid() && !v.p->is_null()) {
      at = &r;
      errorf("range can't iterate over " + sprintVal(v));
    }
    if (!any && r.elseList) walk(dot, *r.elseList);
    vars_.resize(mark);
    depth_--;
  }

  void setVar(const std::string& name, const Val& v) {
    for (size_t k = vars_.size(); k-- > 0;)
      if (vars_[k].first == name) {
        vars_[k].second = v;
        return;
      }
    errorf("undefined variable: " + name);
  }

  Val varValue(const std::string& name) {
    for (size_t k = vars_.size(); k-- > 0;)
      if (vars_[k].first == name) return vars_[k].second;
    errorf("undefined variable: " + name);
  }

  void printValue(const GNode& n, const Val& v) {
    at = &n;
    if (!v.valid()) {
      out_ += "<no value>";
      return;
    }
    out_ += goSprint(*v.p);
  }

  Val evalPipeline(const Val& dot, const GNode& pipe) {
    if (++depth_ > 200) errorf("exceeded maximum template depth (100000)");
    at = &pipe;
    Val value;
    bool hasFinal = false;
    for (const auto& cmd : pipe.list) {
      value = evalCommand(dot, *cmd, hasFinal ? &value : nullptr);
      hasFinal = true;
      // an interface{} holding nil is no value at all
      if (value.valid() && value.p->is_null()) value = Val();
    }
    for (const auto& var : pipe.decl) {
      if (pipe.isAssign) setVar(var->idents[0], value);
      else vars_.push_back({var->idents[0], value});
    }
    depth_--;
    return value;
  }

  Val evalCommand(const Val& dot, const GNode& cmd, const Val* final) {
    const GNode& first = *cmd.list[0];
    switch (first.k) {
      case GNode::Field: return evalFieldNode(dot, first, cmd, final);
      case GNode::Chain: return evalChain(dot, first, cmd, final);
      case GNode::Identifier: return evalFunction(dot, first, cmd, final);
      case GNode::Pipe:
        notAFunction(cmd, final);
        return evalPipeline(dot, first);
      case GNode::Variable: return evalVariableNode(dot, first, cmd, final);
      default: break;
    }
    at = &first;
    notAFunction(cmd, final);
    switch (first.k) {
      case GNode::Bool: return Val::of(first.b);
      case GNode::Dot: return dot;
      case GNode::Nil: errorf("nil is not a command");
      case GNode::Number: return idealConstant(first);
      case GNode::String: return Val::of(first.text);
      default: break;
    }
    errorf("can't evaluate command " + goQuote(first.str()));
  }

  void notAFunction(const GNode& cmd, const Val* final) {
    if (cmd.list.size() > 1 || final) errorf("can't give argument to non-function " + cmd.list[0]->str());
  }

  Val idealConstant(const GNode& n) {
    at = &n;
    bool looksFloat = n.text.find_first_of(".eEpP") != std::string::npos && n.text.rfind("0x", 0) != 0 &&
                      n.text.rfind("0X", 0) != 0 && n.text[0] != '\'';
    if (n.isFloat && looksFloat) return Val::of(n.f);
    if (n.isInt) return Val::of(n.i, true);
    if (n.isFloat) return Val::of(n.f);
    errorf(n.text + " overflows int");
  }

  Val evalFieldNode(const Val& dot, const GNode& field, const GNode& cmd, const Val* final) {
    at = &field;
    return evalFieldChain(dot, dot, field, field.idents, cmd, final);
  }

  Val evalChain(const Val& dot, const GNode& chain, const GNode& cmd, const Val* final) {
    if (chain.idents.empty()) errorf("internal error: no fields in evalChainNode");
    if (chain.node->k == GNode::Nil) errorf("indirection through explicit nil in " + chain.str());
    Val pipe = evalArg(dot, *chain.node);
    at = &chain;
    return evalFieldChain(dot, pipe, chain, chain.idents, cmd, final);
  }

  Val evalVariableNode(const Val& dot, const GNode& var, const GNode& cmd, const Val* final) {
    at = &var;
    Val v = varValue(var.idents[0]);
    if (var.idents.size() == 1) {
      notAFunction(cmd, final);
      return v;
    }
    std::vector<std::string> rest(var.idents.begin() + 1, var.idents.end());
    return evalFieldChain(dot, v, var, rest, cmd, final);
  }

  Val evalFieldChain(const Val& dot, Val receiver, const GNode& node, const std::vector<std::string>& ident,
                     const GNode& cmd, const Val* final) {
    size_t n = ident.size();
    for (size_t k = 0; k + 1 < n; k++) receiver = evalField(ident[k], node, false, receiver);
    bool hasArgs = cmd.list.size() > 1 || final;
    return evalField(ident[n - 1], node, hasArgs, receiver);
  }

  Val evalField(const std::string& name, const GNode& node, bool hasArgs, const Val& receiver) {
    at = &node;
    if (!receiver.valid()) {
      if (missingError_) errorf("nil data; no entry for key " + goQuote(name));
      return Val();
    }
    const Json& j = *receiver.p;
    if (j.is_null()) errorf("nil pointer evaluating interface {}." + name);
    if (j.is_object()) {
      if (hasArgs) errorf(name + " is not a method but has arguments");
      auto it = j.find(name);
      if (it == j.end()) {
        if (missingError_) errorf("map has no entry for key " + goQuote(name));
        return Val();
      }
      return Val::ref(&*it, receiver.own);
    }
    std::string typ = receiver.own || receiver.p != root_.p ? "interface {}" : "map[string]interface {}";
    if (receiver.literalInt) typ = "int";
    errorf("can't evaluate field " + name + " in type " + typ);
  }

  Val evalArg(const Val& dot, const GNode& n) {
    at = &n;
    switch (n.k) {
      case GNode::Dot: return dot;
      case GNode::Nil: return Val::of(Json());
      case GNode::Field: return evalFieldChain(dot, dot, n, n.idents, dummyCmd(), nullptr);
      case GNode::Variable: {
        Val v = varValue(n.idents[0]);
        if (n.idents.size() == 1) return v;
        std::vector<std::string> rest(n.idents.begin() + 1, n.idents.end());
        return evalFieldChain(dot, v, n, rest, dummyCmd(), nullptr);
      }
      case GNode::Pipe: return evalPipeline(dot, n);
      case GNode::Identifier: return evalFunction(dot, n, dummyCmdWith(n), nullptr);
      case GNode::Chain: return evalChain(dot, n, dummyCmd(), nullptr);
      case GNode::Bool: return Val::of(n.b);
      case GNode::Number: return idealConstant(n);
      case GNode::String: return Val::of(n.text);
      default: break;
    }
    errorf("can't handle " + n.str() + " for arg of type interface {}");
  }

  const GNode& dummyCmd() {
    static GNode c = [] {
      GNode x;
      x.k = GNode::Command;
      x.list.push_back(std::make_shared<GNode>());
      return x;
    }();
    return c;
  }
  std::deque<GNode> tmpCmds_;
  const GNode& dummyCmdWith(const GNode& ident) {
    tmpCmds_.emplace_back();
    GNode& c = tmpCmds_.back();
    c.k = GNode::Command;
    c.pos = ident.pos;
    auto copy = std::make_shared<GNode>(ident);
    c.list.push_back(copy);
    return c;
  }

  [[noreturn]] void callError(const GNode& cmd, const std::string& name, const std::string& msg) {
    at = &cmd;
    errorf("error calling " + name + ": " + msg);
  }

  std::string needString(const Val& v, const GNode& argNode) {
    at = &argNode;
    if (!v.valid()) errorf("invalid value; expected string");
    if (!v.p->is_string()) errorf("wrong type for value; expected string; got " + goType(v));
    return v.p->get<std::string>();
  }

  Val evalFunction(const Val& dot, const GNode& ident, const GNode& cmd, const Val* final) {
    at = &ident;
    const std::string& name = ident.text;
    std::vector<const GNode*> argNodes;
    for (size_t k = 1; k < cmd.list.size(); k++) argNodes.push_back(cmd.list[k].get());
    // and/or: evaluate lazily
    if (name == "and" || name == "or") {
      size_t total = argNodes.size() + (final ? 1 : 0);
      if (total < 1) {
        at = &ident;
        errorf("wrong number of args for " + name + ": want at least 1 got 0");
      }
      Val v;
      for (size_t k = 0; k < total; k++) {
        v = k < argNodes.size() ? evalArg(dot, *argNodes[k]) : *final;
        bool t = truth(v);
        if (name == "and" ? !t : t) return v;
      }
      return v;
    }
    std::vector<Val> args;
    for (const GNode* a : argNodes) args.push_back(evalArg(dot, *a));
    if (final) args.push_back(*final);
    at = &cmd;
    auto want = [&](size_t n) {
      if (args.size() != n)
        errorf("wrong number of args for " + name + ": want " + std::to_string(n) + " got " + std::to_string(args.size()));
    };
    auto wantAtLeast = [&](size_t n) {
      if (args.size() < n)
        errorf("wrong number of args for " + name + ": want at least " + std::to_string(n) + " got " +
               std::to_string(args.size()));
    };
    if (name == "not") {
      want(1);
      return Val::of(!truth(args[0]));
    }
    if (name == "len") {
      want(1);
      const Val& v = args[0];
      if (!v.valid() || v.p->is_null()) callError(cmd, name, "len of nil pointer");
      if (v.p->is_string()) return Val::of(static_cast<int64_t>(v.p->get_ref<const std::string&>().size()), true);
      if (v.p->is_structured()) return Val::of(static_cast<int64_t>(v.p->size()), true);
      callError(cmd, name, "len of type " + goType(v));
    }
    if (name == "index") {
      wantAtLeast(1);
      Val item = args[0];
      if (!item.valid() || item.p->is_null()) callError(cmd, name, "index of untyped nil");
      for (size_t k = 1; k < args.size(); k++) {
        const Val& key = args[k];
        if (!item.valid() || item.p->is_null()) callError(cmd, name, "index of nil pointer");
        if (item.p->is_array() || item.p->is_string()) {
          if (!key.valid() || !key.p->is_number_integer())
            callError(cmd, name, "cannot index slice/array with type " + goType(key));
          int64_t x = key.p->get<int64_t>();
          size_t len = item.p->is_array() ? item.p->size() : item.p->get_ref<const std::string&>().size();
          if (x < 0 || static_cast<uint64_t>(x) >= len) callError(cmd, name, "index out of range: " + std::to_string(x));
          if (item.p->is_array()) item = Val::ref(&(*item.p)[static_cast<size_t>(x)], item.own);
          else item = Val::of(static_cast<int64_t>(static_cast<unsigned char>(item.p->get_ref<const std::string&>()[static_cast<size_t>(x)])));
        } else if (item.p->is_object()) {
          if (!key.valid()) callError(cmd, name, "value is nil; should be of type string");
          if (!key.p->is_string())
            callError(cmd, name, "value has type " + goType(key) + "; should be string");
          auto it = item.p->find(key.p->get<std::string>());
          if (it == item.p->end()) item = Val::of(Json());
          else item = Val::ref(&*it, item.own);
        } else {
          callError(cmd, name, "can't index item of type " + goType(item));
        }
      }
      return item;
    }
    if (name == "slice") {
      wantAtLeast(1);
      Val item = args[0];
      if (!item.valid() || item.p->is_null()) callError(cmd, name, "slice of untyped nil");
      if (args.size() > 4) callError(cmd, name, "too many slice indexes: " + std::to_string(args.size() - 1));
      bool isStr = item.p->is_string();
      if (!isStr && !item.p->is_array()) callError(cmd, name, "can't slice item of type " + goType(item));
      int64_t len = isStr ? static_cast<int64_t>(item.p->get_ref<const std::string&>().size()) : static_cast<int64_t>(item.p->size());
      int64_t idx[3] = {0, len, len};
      for (size_t k = 1; k < args.size(); k++) {
        if (!args[k].valid() || !args[k].p->is_number_integer())
          callError(cmd, name, "cannot index slice/array with type " + goType(args[k]));
        int64_t x = args[k].p->get<int64_t>();
        if (x < 0 || x > len) callError(cmd, name, "index out of range: " + std::to_string(x));
        idx[k - 1] = x;
      }
      if (idx[0] > idx[1]) callError(cmd, name, "invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]));
      if (isStr) return Val::of(item.p->get<std::string>().substr(static_cast<size_t>(idx[0]), static_cast<size_t>(idx[1] - idx[0])));
      Json a = Json::array();
      for (int64_t x = idx[0]; x < idx[1]; x++) a.push_back((*item.p)[static_cast<size_t>(x)]);
      return Val::of(a);
    }
    if (name == "printf") {
      wantAtLeast(1);
      std::string f = needString(args[0], argNodes.empty() ? cmd : *argNodes[0]);
      at = &cmd;
      return Val::of(goSprintf(f, std::vector<Val>(args.begin() + 1, args.end())));
    }
    if (name == "print" || name == "println") return Val::of(goSprintArgs(args, name == "println"));
    if (name == "eq") {
      wantAtLeast(1);
      if (args.size() < 2) callError(cmd, name, "missing argument for comparison");
      const Val& a = args[0];
      Kind ka = kindOf(a);
      for (size_t k = 1; k < args.size(); k++) {
        const Val& b = args[k];
        Kind kb = kindOf(b);
        bool t = false;
        if (ka != kb) {
          if (a.valid() && b.valid() && !a.p->is_null() && !b.p->is_null()) callError(cmd, name, "incompatible types for comparison");
          t = (!a.valid() || a.p->is_null()) && (!b.valid() || b.p->is_null());
        } else {
          switch (ka) {
            case InvalidK: t = true; break;
            case OtherK:
              if (a.p->is_null() || b.p->is_null()) t = a.p->is_null() == b.p->is_null();
              else callError(cmd, name, "non-comparable type " + sprintVal(b) + ": " + goType(b));
              break;
            default: t = *a.p == *b.p; break;
          }
        }
        if (t) return Val::of(true);
      }
      return Val::of(false);
    }
    if (name == "ne" || name == "lt" || name == "le" || name == "gt" || name == "ge") {
      want(2);
      const Val &a = args[0], &b = args[1];
      auto cmp = [&](bool allowEq) -> int {
        Kind ka = kindOf(a), kb = kindOf(b);
        if (ka == InvalidK || kb == InvalidK || ka == OtherK || kb == OtherK) {
          if (allowEq && ka == kb && (ka == InvalidK || (a.p->is_null() && b.p->is_null()))) return 0;
          if (allowEq && ka == OtherK && kb == OtherK) {
            if (a.p->is_null() != b.p->is_null()) return 1;
            callError(cmd, name, "non-comparable type " + sprintVal(b) + ": " + goType(b));
          }
          if (allowEq && ka != kb && !(a.valid() && b.valid() && !a.p->is_null() && !b.p->is_null())) return 1;
          callError(cmd, name, allowEq && ka != kb ? "incompatible types for comparison" : "invalid type for comparison");
        }
        if (ka != kb) callError(cmd, name, "incompatible types for comparison");
        if (ka == BoolK) {
          if (allowEq) return a.p->get<bool>() == b.p->get<bool>() ? 0 : 1;
          callError(cmd, name, "invalid type for comparison");
        }
        if (ka == IntK) {
          int64_t x = a.p->get<int64_t>(), y = b.p->get<int64_t>();
          return x < y ? -1 : x > y ? 1 : 0;
        }
        if (ka == FloatK) {
          double x = a.p->get<double>(), y = b.p->get<double>();
          return x < y ? -1 : x > y ? 1 : 0;
        }
        const auto &x = a.p->get_ref<const std::string&>(), &y = b.p->get_ref<const std::string&>();
        return x < y ? -1 : x > y ? 1 : 0;
      };
      if (name == "ne") return Val::of(cmp(true) != 0);
      int c = cmp(false);
      if (name == "lt") return Val::of(c < 0);
      if (name == "le") return Val::of(c <= 0);
      if (name == "gt") return Val::of(c > 0);
      return Val::of(c >= 0);
    }
    if (name == "base64decode") {
      want(1);
      std::string s = needString(args[0], argNodes.empty() ? cmd : *argNodes[0]);
      bool ok = true;
      std::string d = base64Decode(s, &ok);
      if (!ok) callError(cmd, name, "base64 decode failed: illegal base64 data at input byte " + std::to_string(badBase64Byte(s)));
      return Val::of(d);
    }
    if (name == "exists") {
      wantAtLeast(1);
      Val item = args[0];
      for (size_t k = 1; k < args.size(); k++) {
        if (!item.valid() || item.p->is_null()) return Val::of(false);
        const Val& key = args[k];
        if (item.p->is_object() && key.valid() && key.p->is_string()) {
          auto it = item.p->find(key.p->get<std::string>());
          if (it == item.p->end()) return Val::of(false);
          item = Val::ref(&*it, item.own);
        } else if (item.p->is_array() && key.valid() && key.p->is_number_integer()) {
          int64_t x = key.p->get<int64_t>();
          if (x < 0 || static_cast<uint64_t>(x) >= item.p->size()) return Val::of(false);
          item = Val::ref(&(*item.p)[static_cast<size_t>(x)], item.own);
        } else {
          return Val::of(false);
        }
      }
      return Val::of(item.valid() && !item.p->is_null());
    }
    if (name == "html" || name == "js" || name == "urlquery") {
      std::string s = goSprintArgs(args, false), o;
      for (unsigned char c : s) {
        if (name == "html") {
          if (c == '<') o += "&lt;";
          else if (c == '>') o += "&gt;";
          else if (c == '&') o += "&amp;";
          else if (c == '\'') o += "&#39;";
          else if (c == '"') o += "&#34;";
          else if (c == 0) o += "\xEF\xBF\xBD";
          else o += static_cast<char>(c);
        } else if (name == "js") {
          if (c == '\\') o += "\\\\";
          else if (c == '\'') o += "\\'";
          else if (c == '"') o += "\\\"";
          else if (c == '<') o += "\\u003C";
          else if (c == '>') o += "\\u003E";
          else if (c == '&') o += "\\u0026";
          else if (c == '=') o += "\\u003D";
          else if (c == '\n') o += "\\n";
          else if (c == '\r') o += "\\r";
          else if (c == '\t') o += "\\t";
          else if (c < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04X", c);
            o += b;
          } else o += static_cast<char>(c);
        } else {
          if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') o += static_cast<char>(c);
          else if (c == ' ') o += '+';
          else {
            char b[8];
            std::snprintf(b, sizeof b, "%%%02X", c);
            o += b;
          }
        }
      }
      return Val::of(o);
    }
    if (name == "call") callError(cmd, name, "non-function of type " + (args.empty() ? std::string("<nil>") : goType(args[0])));
    errorf(goQuote(name) + " is not a defined function");
  }

  static size_t badBase64Byte(const std::string& s) {
    size_t k = 0;
    for (; k < s.size(); k++) {
      char c = s[k];
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/')) break;
    }
    if (k < s.size() && s[k] == '=') return k + 1 < s.size() && s[k + 1] != '=' ? k + 1 : k;
    return k;
  }
};

std::string location(const std::string& text, const GNode* n) {
  size_t pos = std::min(n->pos, text.size());
  size_t line = 1, lineStart = 0;
  for (size_t i = 0; i < pos; i++)
    if (text[i] == '\n') line++, lineStart = i + 1;
  return "output:" + std::to_string(line) + ":" + std::to_string(pos - lineStart);
}

}  // namespace

std::optional<GoTemplate> GoTemplate::parse(const std::string& text, std::string* error) {
  Lexer lx(text);
  lx.run();
  TParser p(std::move(lx.toks));
  if (!p.run()) {
    if (error) *error = p.error;
    return std::nullopt;
  }
  GoTemplate t;
  t.root_ = p.root;
  t.keep_ = std::make_shared<std::string>(text);
  return t;
}

bool GoTemplate::execute(const Json& data, bool missingKeyError, std::string* out, std::string* error) const {
  Exec ex(data, missingKeyError, *out);
  try {
    ex.run(*root_);
  } catch (const ExecError& e) {
    const std::string& text = *std::static_pointer_cast<std::string>(keep_);
    if (error) {
      if (ex.at) *error = "template: " + location(text, ex.at) + ": executing \"output\" at <" + ex.at->str() + ">: " + e.msg;
      else *error = "template: output: " + e.msg;
    }
    return false;
  }
  return true;
}

}  // namespace kp
