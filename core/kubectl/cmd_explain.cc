// kubectl explain: the fields of a resource from the OpenAPI v3 document the API server serves.
// As kubectl 1.32 does it: the resource from the REST mapping, GET /openapi/v3 for the group
// versions, GET of the group version's document (its serverRelativeURL, with the hash), then the
// plaintext template (k8s.io/kubectl pkg/explain/v2/templates/plaintext.tmpl) over that document.
// The template's steps are rebuilt here one for one (output, fieldList, fieldDetail, description,
// typeGuess, extractEnum), with go-wordwrap's wrapping, so the text is kubectl's byte for byte.
#include <set>
#include <string>
#include <vector>

#include "core/api/resources.h"
#include "core/base/strings.h"
#include "core/kubectl/cmd_common.h"

namespace kp {
namespace {

// github.com/mitchellh/go-wordwrap WrapString: breaks at whitespace so that lines stay within
// `limit` where the words allow; a word longer than the limit stays whole; newlines are kept.
std::string wrapString(const std::string& s, size_t limit) {
  std::string buf, word, space;
  size_t current = 0;
  auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; };
  for (char c : s) {
    if (c == '\n') {
      if (word.empty()) {
        if (current + space.size() > limit) {
          current = 0;
        } else {
          current += space.size();
          buf += space;
        }
        space.clear();
      } else {
        current += space.size() + word.size();
        buf += space;
        space.clear();
        buf += word;
        word.clear();
      }
      buf += c;
      current = 0;
    } else if (isSpace(c)) {
      if (space.empty() || !word.empty()) {
        current += space.size() + word.size();
        buf += space;
        space.clear();
        buf += word;
        word.clear();
      }
      space += c;
    } else {
      word += c;
      if (current + space.size() + word.size() > limit && word.size() < limit) {
        buf += '\n';
        current = 0;
        space.clear();
      }
    }
  }
  if (word.empty()) {
    if (current + space.size() <= limit) buf += space;
  } else {
    buf += space;
    buf += word;
  }
  return buf;
}

// The template's indent: the pad in front and after every newline.
std::string indent(size_t amount, const std::string& s) {
  std::string pad(amount, ' ');
  std::string out = pad;
  for (char c : s) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

// Go template truth of a JSON value: false, 0, "", null, empty arrays and objects are false.
bool truthy(const Json* j) {
  if (!j || j->is_null()) return false;
  if (j->is_boolean()) return j->get<bool>();
  if (j->is_number()) return j->get<double>() != 0;
  if (j->is_string() || j->is_array() || j->is_object()) return !j->empty();
  return true;
}

const Json* member(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string refOf(const Json& schema) {
  const Json* r = member(schema, "$ref");
  return r && r->is_string() ? r->get<std::string>() : std::string();
}

// A non-boolean additionalProperties (a map's values), or nullptr.
const Json* mapValues(const Json& schema) {
  const Json* ap = member(schema, "additionalProperties");
  return truthy(ap) && !ap->is_boolean() ? ap : nullptr;
}

class Explainer {
 public:
  Explainer(const Json& doc, bool recursive) : doc_(doc), recursive_(recursive) {}

  // resolveRef: "#/components/schemas/X" within the document; nullptr when it does not resolve.
  const Json* resolveRef(const std::string& ref) const {
    if (ref.rfind('#', 0) != 0) return nullptr;
    const Json* cur = &doc_;
    for (const auto& k : split(ref.substr(1), '/')) {
      if (k.empty()) continue;
      const Json* next = member(*cur, k.c_str());
      if (!next || !next->is_object()) return nullptr;
      cur = next;
    }
    return cur;
  }
  // `or (resolveRef $ref) $schema`
  const Json& resolved(const Json& schema) const {
    const Json* r = resolveRef(refOf(schema));
    return truthy(r) ? *r : schema;
  }

  std::string typeGuess(const Json& s) const {
    if (const Json* items = member(s, "items"); truthy(items)) return "[]" + typeGuess(*items);
    if (const Json* ap = mapValues(s)) return "map[string]" + typeGuess(*ap);
    const Json* allOf = member(s, "allOf");
    if (truthy(allOf) && !truthy(member(s, "properties")) && allOf->size() == 1) return typeGuess((*allOf)[0]);
    std::string ref = refOf(s);
    if (!ref.empty()) {
      const Json* target = resolveRef(ref);
      const Json* type = target ? member(*target, "type") : nullptr;
      if (!truthy(target) || !truthy(type) || *type == "object") {
        std::string name = split(ref, '/').back();
        std::string last = split(name, '.').back();
        return last.empty() ? "Object" : last;
      }
      return type->get<std::string>();
    }
    const Json* type = member(s, "type");
    if (type && *type == "object") return "Object";
    return truthy(type) && type->is_string() ? type->get<std::string>() : "Object";
  }

  std::string extractEnum(const Json& s, bool longView, int limit, size_t indentAmount) const {
    const Json* e = member(s, "enum");
    if (!truthy(e) || !e->is_array()) return "";
    std::string out = longView ? "ENUM:" : "\n" + std::string(indentAmount, ' ') + "enum: ";
    for (size_t i = 0; i < e->size(); i++) {
      if (limit > -1 && static_cast<int>(i) >= limit) {
        out += ", ....";
        break;
      }
      if (i > 0 && !longView) out += ", ";
      else if (longView) out += "\n    ";
      const Json& v = (*e)[i];
      if (v.is_string()) out += v.get<std::string>().empty() ? "\"\"" : v.get<std::string>();
      else out += jsonScalarText(v);
    }
    return out;
  }

  std::string description(const Json& schema) const {
    const Json& s = resolved(schema);
    std::string out;
    if (const Json* d = member(s, "description"); truthy(d) && d->is_string()) out += d->get<std::string>() + "\n";
    if (const Json* allOf = member(s, "allOf"); allOf && allOf->is_array())
      for (const auto& sub : *allOf) out += description(sub);
    if (const Json* items = member(s, "items"); truthy(items)) out += description(*items);
    if (const Json* ap = mapValues(s)) out += description(*ap);
    return out;
  }

  std::string fieldDetail(const std::string& name, const Json& schema, bool shortForm, int level) const {
    size_t indentAmount = static_cast<size_t>(level) * 2;
    const Json& field = schema["properties"][name];
    std::string out = indent(indentAmount, name) + "\t<" + typeGuess(field) + ">";
    if (const Json* req = member(schema, "required"); req && req->is_array())
      for (const auto& r : *req)
        if (r == name) {
          out += " -required-";
          break;
        }
    out += extractEnum(field, false, 4, indentAmount);
    out += "\n";
    if (!shortForm) {
      const Json* d = member(field, "description");
      std::string text = truthy(d) && d->is_string() ? d->get<std::string>() : "<no description>";
      out += indent(indentAmount + 2, wrapString(text, 78 - indentAmount)) + "\n\n";
    }
    return out;
  }

  std::string fieldList(const Json& schema, int level, std::set<std::string> history) const {
    std::string ref = refOf(schema);
    if (!ref.empty() && history.count(ref)) return "";
    history.insert(ref);
    const Json& r = resolved(schema);
    std::string out;
    if (const Json* props = member(r, "properties"); props && props->is_object())
      for (const auto& [k, v] : props->items()) {
        out += fieldDetail(k, r, recursive_, level);
        if (recursive_) out += fieldList(v, level + 1, history);
      }
    if (const Json* allOf = member(r, "allOf"); allOf && allOf->is_array())
      for (const auto& sub : *allOf) out += fieldList(sub, level, history);
    if (const Json* items = member(r, "items"); truthy(items)) out += fieldList(*items, level, history);
    if (const Json* ap = mapValues(r)) out += fieldList(*ap, level, history);
    return out;
  }

  // The template's "output": follows path; empty when a field on it does not exist.
  std::string output(const Json& schema, std::set<std::string> history, const std::vector<std::string>& path) const {
    std::string ref = refOf(schema);
    bool seen = history.count(ref) > 0;
    history.insert(ref);
    const Json& r = resolved(schema);
    if (path.empty()) {
      std::string d = description(r);
      std::string out = "DESCRIPTION:\n" + indent(4, wrapString(d.empty() ? "<empty>" : d, 76)) + "\n";
      std::string fields = fieldList(r, 1, {});
      if (!fields.empty()) out += "FIELDS:\n" + fields;
      return out;
    }
    if (!ref.empty() && seen) return "";
    const Json* props = member(r, "properties");
    const Json* sub = truthy(props) ? member(*props, path[0].c_str()) : nullptr;
    if (truthy(sub)) {
      std::string out;
      if (path.size() == 1)
        out += "FIELD: " + path[0] + " <" + typeGuess(*sub) + ">\n" + extractEnum(*sub, true, -1, 0) + "\n\n";
      return out + output(*sub, {}, std::vector<std::string>(path.begin() + 1, path.end()));
    }
    if (const Json* items = member(r, "items"); truthy(items)) return output(*items, history, path);
    if (const Json* ap = mapValues(r)) return output(*ap, history, path);
    if (const Json* allOf = member(r, "allOf"); allOf && allOf->is_array())
      for (const auto& s : *allOf) {
        std::string out = output(s, history, path);
        if (!out.empty()) return out;
      }
    return "";
  }

 private:
  const Json& doc_;
  bool recursive_;
};

// Go's %v of the GVK map the template prints in its errors: map[group:apps kind:X version:v1].
std::string goMapText(const Json& m) {
  std::string out = "map[";
  bool first = true;
  for (const auto& [k, v] : m.items()) {
    out += (first ? "" : " ") + k + ":" + (v.is_string() ? v.get<std::string>() : v.dump());
    first = false;
  }
  return out + "]";
}

// kubectl's jsonPathParse of "{.<in>}" reduced to what explain takes: dotted field names.
std::optional<std::vector<std::string>> fieldNodes(std::string in) {
  if (!in.empty() && in.back() == '.') in.pop_back();
  std::vector<std::string> out;
  for (const auto& part : split(in, '.')) {
    if (part.empty()) continue;
    for (char c : part)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '/')) return std::nullopt;
    out.push_back(part);
  }
  return out;
}

// The help text before its options, as kubectl 1.32 prints it.
const char* kHelp =
    "Describe fields and structure of various resources.\n"
    "\n"
    " This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n"
    "\n"
    "        <type>.<fieldName>[.<fieldName>]\n"
    "        \n"
    " Information about each field is retrieved from the server in OpenAPI format.\n"
    "\n"
    "Use \"kubectl api-resources\" for a complete list of supported resources.\n"
    "\n"
    "Examples:\n"
    "  # Get the documentation of the resource and its fields\n"
    "  kubectl explain pods\n"
    "  \n"
    "  # Get all the fields in the resource\n"
    "  kubectl explain pods --recursive\n"
    "  \n"
    "  # Get the explanation for deployment in supported api versions\n"
    "  kubectl explain deployments --api-version=apps/v1\n"
    "  \n"
    "  # Get the documentation of a specific field of a resource\n"
    "  kubectl explain pods.spec.containers\n"
    "  \n"
    "  # Get the documentation of resources in different format\n"
    "  kubectl explain deployment --output=plaintext-openapiv2\n";

// GET of a path that may carry a query ("/openapi/v3/api/v1?hash=...").
Response getPath(Client& c, const std::string& url) {
  Request req;
  req.method = "GET";
  req.accept = "application/json";
  auto q = url.find('?');
  req.path = url.substr(0, q);
  if (q != std::string::npos)
    for (const auto& kv : split(url.substr(q + 1), '&')) {
      auto eq = kv.find('=');
      req.add(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
    }
  return c.request(std::move(req));
}

}  // namespace

void cmdExplain(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("recursive", 0, false,
             "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.")
      .string("api-version", 0, "", "Use given api-version (group/version) of the resource.")
      .string("output", 'o', "plaintext", "Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).");
  if (!parseFlags(env, fs, args, kHelp)) return;
  const auto& pos = fs.args();
  if (pos.empty()) {
    env.failText("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
    return;
  }
  if (pos.size() > 1) {
    env.failText("We accept only this format: explain RESOURCE\n");
    return;
  }
  const std::string& in = pos[0];
  std::string apiVersion = fs.getString("api-version");
  std::string output = fs.getString("output");

  // The REST mapping: the first node names the resource; with a group (deployments.apps...)
  // the rest follows the group's qualified name.
  auto nodes = fieldNodes(in);
  if (!nodes || nodes->empty() || in[0] == '.') {  // "{..x}" starts with a recursive descent
    env.failText("invalid jsonpath syntax, first node must be field node");
    return;
  }
  const ResourceInfo* r = findResource((*nodes)[0]);
  if (!r || (*nodes)[0].find('/') != std::string::npos) {
    // The RESTMapper's NoResourceMatchError, which CheckErr prints without "error: ".
    env.err("the server doesn't have a resource type " + goQuote((*nodes)[0]) + "\n");
    env.done(1);
    return;
  }
  std::vector<std::string> fieldPath;
  std::string qualified = r->qualified();
  if (apiVersion.empty() && in.rfind(qualified, 0) == 0) {
    auto rest = fieldNodes(in.substr(qualified.size()));
    if (rest) fieldPath = *rest;
  } else {
    fieldPath.assign(nodes->begin() + 1, nodes->end());
  }
  std::string group = r->group, version = r->version;

  if (output == "plaintext-openapiv2") {
    // kubectl renders this format from /openapi/v2, which a 1.32 API server may leave out
    // (kubeplay's does): the Status of that GET is the answer.
    Response v2 = getPath(env.client(), "/openapi/v2");
    env.fail(v2.ok() ? KError::plain("the server does not serve /openapi/v2 in a form kubectl explain reads here")
                     : KError::fromStatus(statusOf(v2)));
    return;
  }
  Response root = getPath(env.client(), "/openapi/v3");
  if (!root.ok()) {
    env.fail(KError::fromStatus(statusOf(root)));
    return;
  }
  if (!apiVersion.empty()) {
    auto parts = split(apiVersion, '/');
    if (parts.size() > 2) {
      env.failText("unexpected GroupVersion string: " + apiVersion);
      return;
    }
    group = parts.size() == 2 ? parts[0] : "";
    version = parts.back();
  }
  std::string gvr = group + "/" + version + ", Resource=" + r->resource;
  std::string key = group.empty() ? "api/" + version : "apis/" + group + "/" + version;
  const Json* entry = root.body.contains("paths") ? member(root.body["paths"], key.c_str()) : nullptr;
  if (!entry) {
    env.failText("couldn't find resource for " + goQuote(gvr));
    return;
  }
  Response docResp = getPath(env.client(), entry->value("serverRelativeURL", "/openapi/v3/" + key));
  if (!docResp.ok()) {
    env.failText("failed to fetch openapi schema for " + key + ": " + statusOf(docResp).message);
    return;
  }
  if (output != "plaintext") {
    env.failText("unrecognized format: " + output);
    return;
  }
  const Json& doc = docResp.body;

  // The GVK from the resource's paths, as the template finds it.
  std::string prefix = group.empty() ? "/api" : "/apis/" + group;
  Json gvk;
  const Json* paths = member(doc, "paths");
  for (const std::string& p : {prefix + "/" + version + "/" + r->resource, prefix + "/" + version + "/" + r->resource + "/{name}",
                               prefix + "/" + version + "/namespaces/{namespace}/" + r->resource,
                               prefix + "/" + version + "/namespaces/{namespace}/" + r->resource + "/{name}"}) {
    const Json* pe = paths ? member(*paths, p.c_str()) : nullptr;
    if (!truthy(pe)) continue;
    for (const char* m : {"get", "post", "put", "patch", "delete"}) {
      const Json* op = member(*pe, m);
      const Json* g = op ? member(*op, "x-kubernetes-group-version-kind") : nullptr;
      if (truthy(g)) {
        gvk = *g;
        break;
      }
    }
  }
  if (!truthy(&gvk)) {
    env.failText("GVR (" + gvr + ") not found in OpenAPI schema");
    return;
  }
  auto str = [&](const char* k) { return gvk.contains(k) && gvk[k].is_string() ? gvk[k].get<std::string>() : std::string(); };
  std::string header;
  if (!str("group").empty()) header += "GROUP:      " + str("group") + "\n";
  header += "KIND:       " + str("kind") + "\n";
  header += "VERSION:    " + str("version") + "\n\n";
  env.out(header);

  Explainer ex(doc, fs.getBool("recursive"));
  const Json* schemas = member(doc, "components");
  schemas = schemas ? member(*schemas, "schemas") : nullptr;
  if (schemas && schemas->is_object())
    for (const auto& [name, schema] : schemas->items()) {
      const Json* gvks = member(schema, "x-kubernetes-group-version-kind");
      bool match = false;
      if (gvks && gvks->is_array())
        for (const auto& g : *gvks) match = match || g == gvk;
      if (!match) continue;
      std::string text = ex.output(schema, {}, fieldPath);
      if (text.empty()) {
        env.failText("field \"" + (fieldPath.empty() ? std::string() : fieldPath.back()) + "\" does not exist");
        return;
      }
      env.out(text + "\n");
      env.done(0);
      return;
    }
  env.failText("GVK " + goMapText(gvk) + " not found in OpenAPI schema");
}

}  // namespace kp
