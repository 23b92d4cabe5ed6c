// Reading manifests for -f: YAML/JSON text to objects as kubectl's decoder and builder do.
#include "core/kubectl/manifest.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/base/memfs.h"

namespace kp {

namespace {

std::string stripUnderscores(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != '_') out += c;
  return out;
}

// Go's strconv.ParseInt(s, 0, 64) after yaml.v2 removed underscores: sign, 0x/0o/0b, a leading
// 0 for octal. Returns false when s is not an integer or does not fit.
bool parseGoInt(const std::string& in, int64_t& out) {
  std::string s = stripUnderscores(in);
  if (s.empty() || s.size() > 80) return false;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') neg = s[0] == '-', i = 1;
  int base = 10;
  if (s.size() > i + 1 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) base = 16, i += 2;
  else if (s.size() > i + 1 && s[i] == '0' && (s[i + 1] == 'o' || s[i + 1] == 'O')) base = 8, i += 2;
  else if (s.size() > i + 1 && s[i] == '0' && (s[i + 1] == 'b' || s[i + 1] == 'B')) base = 2, i += 2;
  else if (s.size() > i + 1 && s[i] == '0') base = 8, i += 1;
  if (i >= s.size()) return false;
  unsigned long long v = 0;
  for (; i < s.size(); i++) {
    char c = s[i];
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : 99;
    if (d >= base) return false;
    if (v > (~0ULL - static_cast<unsigned>(d)) / static_cast<unsigned>(base)) return false;
    v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
  }
  if (!neg && v > 9223372036854775807ULL) return false;
  if (neg && v > 9223372036854775808ULL) return false;
  out = neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return true;
}

// yaml.v2's float pattern: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool parseYamlFloat(const std::string& in, double& out) {
  std::string s = stripUnderscores(in);
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  size_t digits = 0, fracDigits = 0;
  while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) i++, digits++;
  if (i < n && s[i] == '.') {
    i++;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) i++, fracDigits++;
    if (digits == 0 && fracDigits == 0) return false;
  } else if (digits == 0) {
    return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    size_t e = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) i++, e++;
    if (e == 0) return false;
  }
  if (i != n) return false;
  out = std::strtod(s.c_str(), nullptr);
  return true;
}

struct ConvertError {
  std::string message;
};

// A plain (unquoted, untagged) scalar resolved as yaml.v2 does.
Json resolvePlain(const std::string& v) {
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
  static const char* kTrue[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static const char* kFalse[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  for (const char* t : kTrue)
    if (v == t) return true;
  for (const char* f : kFalse)
    if (v == f) return false;
  char c = v[0];
  if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
    int64_t i = 0;
    if (parseGoInt(v, i)) return i;
    static const char* kPosInf[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"};
    static const char* kNegInf[] = {"-.inf", "-.Inf", "-.INF"};
    static const char* kNaN[] = {".nan", ".NaN", ".NAN"};
    for (const char* x : kPosInf)
      if (v == x) throw ConvertError{"json: unsupported value: +Inf"};
    for (const char* x : kNegInf)
      if (v == x) throw ConvertError{"json: unsupported value: -Inf"};
    for (const char* x : kNaN)
      if (v == x) throw ConvertError{"json: unsupported value: NaN"};
    double d = 0;
    if (parseYamlFloat(v, d)) {
      if (std::isinf(d)) throw ConvertError{std::string("json: unsupported value: ") + (d < 0 ? "-Inf" : "+Inf")};
      // JSON numbers that are whole stay integers in the converted text (1.0 -> 1)
      if (std::floor(d) == d && std::fabs(d) < 9.007199254740992e15) return static_cast<int64_t>(d);
      return d;
    }
  }
  return v;
}

std::string keyString(const Json& k) {
  if (k.is_string()) return k.get<std::string>();
  if (k.is_null()) return "null";
  if (k.is_boolean()) return k.get<bool>() ? "true" : "false";
  if (k.is_number_integer()) return std::to_string(k.get<int64_t>());
  if (k.is_number()) return k.dump();
  return k.dump();
}

Json convert(const YAML::Node& n, int depth) {
  if (depth > 200) throw ConvertError{"yaml: exceeded max depth of 10000"};
  switch (n.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar: {
      const std::string& tag = n.Tag();
      const std::string& v = n.Scalar();
      if (tag == "!" || tag == "tag:yaml.org,2002:str") return v;
      if (tag == "?" || tag.empty()) return resolvePlain(v);
      if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:bool" ||
          tag == "tag:yaml.org,2002:null")
        return resolvePlain(v);
      return v;
    }
    case YAML::NodeType::Sequence: {
      Json arr = Json::array();
      for (const auto& item : n) arr.push_back(convert(item, depth + 1));
      return arr;
    }
    case YAML::NodeType::Map: {
      Json obj = Json::object();
      for (const auto& kv : n) {
        Json key = convert(kv.first, depth + 1);
        if (key.is_object() || key.is_array()) throw ConvertError{"json: unsupported type: map[interface {}]interface {}"};
        obj[keyString(key)] = convert(kv.second, depth + 1);
      }
      return obj;
    }
  }
  return nullptr;
}

// go-yaml's wording for what yaml-cpp reports.
std::string goYamlMessage(const std::string& msg) {
  if (msg == YAML::ErrorMsg::MAP_VALUE) return "mapping values are not allowed in this context";
  if (msg == YAML::ErrorMsg::END_OF_MAP) return "did not find expected key";
  if (msg == YAML::ErrorMsg::END_OF_SEQ) return "did not find expected '-' indicator";
  if (msg == YAML::ErrorMsg::END_OF_MAP_FLOW) return "did not find expected ',' or '}'";
  if (msg == YAML::ErrorMsg::END_OF_SEQ_FLOW) return "did not find expected ',' or ']'";
  if (msg == YAML::ErrorMsg::TAB_IN_INDENTATION || msg == YAML::ErrorMsg::UNKNOWN_TOKEN)
    return "found character that cannot start any token";
  if (msg == YAML::ErrorMsg::BLOCK_ENTRY) return "block sequence entries are not allowed in this context";
  if (msg == YAML::ErrorMsg::EOF_IN_SCALAR) return "found unexpected end of stream";
  if (msg.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0) return "found unknown escape character";
  if (msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) return "unknown anchor referenced";
  return msg;
}

// Splits a stream at "---" lines as the YAML reader of apimachinery does.
std::vector<std::string> splitDocuments(const std::string& text) {
  std::vector<std::string> docs(1);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos + 1);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    std::string bare = line;
    while (!bare.empty() && (bare.back() == '\n' || bare.back() == '\r' || bare.back() == ' ' || bare.back() == '\t'))
      bare.pop_back();
    if (bare == "---" || bare.rfind("--- ", 0) == 0) {
      docs.emplace_back();
      continue;
    }
    docs.back() += line;
  }
  return docs;
}

}  // namespace

std::string goJson(const Json& j) {
  std::string s = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

std::optional<std::string> parseManifestText(const std::string& text, std::vector<ManifestDoc>& docs) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
    // a JSON stream: objects one after another
    size_t pos = first;
    while (pos < text.size()) {
      pos = text.find_first_not_of(" \t\r\n", pos);
      if (pos == std::string::npos) break;
      // find the end of one JSON value by bracket depth
      int depth = 0;
      bool inStr = false;
      size_t end = pos;
      for (; end < text.size(); end++) {
        char c = text[end];
        if (inStr) {
          if (c == '\\') end++;
          else if (c == '"') inStr = false;
        } else if (c == '"') inStr = true;
        else if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') {
          if (--depth == 0) break;
        }
      }
      std::string raw = text.substr(pos, end - pos + 1);
      try {
        Json j = Json::parse(raw);
        if (!j.is_null()) docs.push_back({j, raw});
      } catch (const std::exception&) {
        return std::string(end >= text.size() ? "unexpected EOF" : "invalid character in JSON input");
      }
      pos = end + 1;
    }
    return std::nullopt;
  }
  // each document is parsed on its own, so line numbers count from its first line
  for (const std::string& doc : splitDocuments(text)) {
    try {
      YAML::Node n = YAML::Load(doc);
      Json j = convert(n, 0);
      if (!j.is_null()) docs.push_back({j, goJson(j)});
    } catch (const YAML::Exception& e) {
      std::string text = goYamlMessage(e.msg);
      // go-yaml counts scanner errors from 1 but parser errors ("did not find expected ...")
      // from 0, and leaves the line out when it is 0
      bool parserError = text.rfind("did not find expected", 0) == 0;
      int line = e.mark.is_null() ? 0 : e.mark.line + (parserError ? 0 : 1);
      // a tab in the indentation stops go-yaml's scanner on its line
      int lineNo = 0;
      for (size_t pos = 0; pos < doc.size() && (e.mark.is_null() || lineNo <= e.mark.line); lineNo++) {
        size_t nl = doc.find('\n', pos);
        size_t end = nl == std::string::npos ? doc.size() : nl;
        size_t indentEnd = doc.find_first_not_of(" \t", pos);
        if (indentEnd != std::string::npos && indentEnd < end && doc.find('\t', pos) < indentEnd) {
          text = "found character that cannot start any token";
          line = lineNo + 1;
          break;
        }
        pos = end + 1;
      }
      std::string msg = "yaml: ";
      if (line > 0) msg += "line " + std::to_string(line) + ": ";
      return "error converting YAML to JSON: " + msg + text;
    } catch (const ConvertError& e) {
      return "error converting YAML to JSON: " + e.message;
    } catch (const std::exception& e) {
      return "error converting YAML to JSON: yaml: " + std::string(e.what());
    }
  }
  return std::nullopt;
}

}  // namespace kp

// ---------------------------------------------------------------- the builder for -f
namespace kp {

namespace {

// The builder's Info for one decoded object, or the error kubectl reports for it.
void addInfo(CmdEnv& env, const Json& obj, const std::string& raw, const std::string& source, bool enforceNamespace,
             std::vector<ManifestInfo>& infos, std::vector<KError>& errs, int depth) {
  if (!obj.is_object()) {
    std::string type = obj.is_array() ? "array" : obj.is_string() ? "string" : obj.is_boolean() ? "bool" : "number";
    errs.push_back(KError::plain("unable to decode " + goQuote(source) + ": json: cannot unmarshal " + type +
                                 " into Go value of type map[string]interface {}"));
    return;
  }
  std::string kind = obj.contains("kind") && obj["kind"].is_string() ? obj["kind"].get<std::string>() : "";
  std::string apiVersion =
      obj.contains("apiVersion") && obj["apiVersion"].is_string() ? obj["apiVersion"].get<std::string>() : "";
  if (kind.empty()) {
    errs.push_back(KError::plain("unable to decode " + goQuote(source) + ": Object 'Kind' is missing in '" + raw + "'"));
    return;
  }
  // a List (v1 List or any *List with items) is flattened into its items
  if ((kind == "List" || (kind.size() > 4 && kind.substr(kind.size() - 4) == "List")) && obj.contains("items") &&
      obj["items"].is_array() && depth < 8) {
    for (const auto& item : obj["items"]) addInfo(env, item, goJson(item), source, enforceNamespace, infos, errs, depth + 1);
    return;
  }
  Json meta = obj.contains("metadata") && obj["metadata"].is_object() ? obj["metadata"] : Json::object();
  std::string name = meta.contains("name") && meta["name"].is_string() ? meta["name"].get<std::string>() : "";
  std::string ns = meta.contains("namespace") && meta["namespace"].is_string() ? meta["namespace"].get<std::string>() : "";
  const ResourceInfo* r = resourceForKind(kind);
  if (r && !apiVersion.empty() && r->groupVersion() != apiVersion) r = nullptr;
  if (!r) {
    errs.push_back(KError::plain("resource mapping not found for name: " + goQuote(name) + " namespace: " + goQuote(ns) +
                                 " from " + goQuote(source) + ": no matches for kind " + goQuote(kind) + " in version " +
                                 goQuote(apiVersion) + "\nensure CRDs are installed first"));
    return;
  }
  ManifestInfo info;
  info.obj = obj;
  info.resource = r;
  info.name = name;
  info.source = source;
  if (r->namespaced) {
    if (enforceNamespace && !ns.empty() && ns != env.ns) {
      errs.push_back(KError::plain("the namespace from the provided object " + goQuote(ns) +
                                   " does not match the namespace " + goQuote(env.ns) + ". You must pass '--namespace=" +
                                   ns + "' to perform this operation."));
      return;
    }
    if (ns.empty()) ns = env.ns;
    info.ns = ns;
    if (!info.obj.contains("metadata") || !info.obj["metadata"].is_object()) info.obj["metadata"] = Json::object();
    info.obj["metadata"]["namespace"] = ns;
  }
  if (apiVersion.empty()) info.obj["apiVersion"] = r->groupVersion();
  infos.push_back(std::move(info));
}

}  // namespace

bool loadManifests(CmdEnv& env, const std::vector<std::string>& filenames, bool enforceNamespace, bool validate,
                   std::vector<ManifestInfo>& infos, std::vector<KError>& errs) {
  for (const auto& f : filenames) {
    if (f == "-") continue;
    if (f.rfind("http://", 0) == 0 || f.rfind("https://", 0) == 0) {
      env.failText("reading manifests from URLs is not available in this simulated cluster");
      return false;
    }
    if (!env.ctx.files || !env.ctx.files->exists(f)) {
      env.failText("the path " + goQuote(f) + " does not exist");
      return false;
    }
  }
  for (const auto& f : filenames) {
    std::string source = f == "-" ? "STDIN" : f;
    std::string text = f == "-" ? env.ex.input.value_or("") : env.ctx.files->read(f).value_or("");
    std::vector<ManifestDoc> docs;
    auto perr = parseManifestText(text, docs);
    bool stopped = false;
    for (const auto& d : docs) {
      if (validate && d.obj.is_object()) {
        // client-side schema validation runs before decoding and stops the file
        std::vector<std::string> missing;
        if (!d.obj.contains("apiVersion") || !d.obj["apiVersion"].is_string() || d.obj["apiVersion"].get<std::string>().empty())
          missing.push_back("apiVersion not set");
        if (!d.obj.contains("kind") || !d.obj["kind"].is_string() || d.obj["kind"].get<std::string>().empty())
          missing.push_back("kind not set");
        if (!missing.empty()) {
          errs.push_back(KError::plain("error validating " + goQuote(source) + ": error validating data: " +
                                       (missing.size() == 1 ? missing[0] : "[" + missing[0] + ", " + missing[1] + "]") +
                                       "; if you choose to ignore these errors, turn validation off with --validate=false"));
          stopped = true;
          break;
        }
      }
      addInfo(env, d.obj, d.raw, source, enforceNamespace, infos, errs, 0);
    }
    if (perr && !stopped) errs.push_back(KError::plain("error parsing " + source + ": " + *perr));
  }
  return true;
}

KError addSourceToErr(const std::string& verb, const std::string& source, const Status& s) {
  Status st = s;
  if (!source.empty()) st.message = "error when " + verb + " " + goQuote(source) + ": " + s.message;
  return KError::fromStatus(st);
}

}  // namespace kp

// ---------------------------------------------------------------- create -f
#include "core/kubectl/output_printer.h"
#include "core/kubectl/printers.h"

namespace kp {

void createFromFiles(CmdEnv& env, const FlagSet& fs) {
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  if (!genericOutputFormat(env, fs)) return;
  std::vector<ManifestInfo> infos;
  std::vector<KError> errs;
    std::string validate = fs.getString("validate");
  if (validate != "strict" && validate != "true" && validate != "warn" && validate != "ignore" && validate != "false") {
    env.failText("invalid - validate option " + goQuote(validate) + "; must be one of: strict (or true), warn, ignore (or false)");
    return;
  }
  if (!loadManifests(env, fs.getList("filename"), env.nsExplicit, validate != "ignore" && validate != "false", infos, errs))
    return;
  int count = 0;
  for (auto& info : infos) {
    Json obj = info.obj;
    if (fs.getBool("save-config")) {
      // the annotation holds the object as it was sent, without the annotation itself
      Json bare = obj;
      if (!bare["metadata"].contains("annotations") || !bare["metadata"]["annotations"].is_object())
        bare["metadata"]["annotations"] = Json::object();
      bare["metadata"]["annotations"].erase("kubectl.kubernetes.io/last-applied-configuration");
      obj = bare;
      obj["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = goJson(bare) + "\n";
    }
    Json created = obj;
    if (dryRun != "client") {
      Request req;
      req.method = "POST";
      req.path = Client::path(*info.resource, info.ns);
      req.query["fieldManager"] = fs.getString("field-manager");
      req.query["fieldValidation"] = "Strict";
      if (dryRun == "server") req.query["dryRun"] = "All";
      req.contentType = "application/json";
      req.body = obj;
      Response resp = env.client().request(req);
      if (!resp.ok()) {
        errs.push_back(addSourceToErr("creating", info.source, statusOf(resp)));
        continue;
      }
      created = resp.body;
    }
    count++;
    std::string name = info.name;
    if (created.contains("metadata") && created["metadata"].is_object())
      name = created["metadata"].value("name", name);
    if (!printerOutput(env).empty()) {
      if (!printObject(env, *info.resource, created)) return;
    } else {
      env.out(resourceName(*info.resource, name) + " created" +
              (dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : "") + "\n");
    }
  }
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  if (count == 0) {
    env.failText("no objects passed to create");
    return;
  }
  env.done(0);
}

}  // namespace kp
