// What the newer `kubectl create` generators share (see create_generators.h): the dispatch from
// `kubectl create SUB`, metadata, --validate, the dry-run/POST/print tail, Go's JSON text and
// resource.Quantity's canonical form.
#include "core/kubectl/create_generators.h"

#include "core/kubectl/output_printer.h"

#include <regex>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/printers.h"

namespace kp {

bool runCreateGenerator(CmdEnv& env, const std::string& sub, const std::vector<std::string>& args) {
  struct Entry {
    const char* name;
    std::vector<std::string> aliases;
    void (*run)(CmdEnv&, const std::vector<std::string>&);
  };
  static const std::vector<Entry> entries = {
      {"service", {"svc"}, cmdCreateService},
      {"serviceaccount", {"sa"}, cmdCreateServiceAccount},
      {"token", {}, cmdCreateToken},
      {"cronjob", {"cj"}, cmdCreateCronJob},
      {"ingress", {"ing"}, cmdCreateIngress},
      {"quota", {"resourcequota"}, cmdCreateQuota},
      {"poddisruptionbudget", {"pdb"}, cmdCreatePodDisruptionBudget},
      {"priorityclass", {"pc"}, cmdCreatePriorityClass},
  };
  for (const auto& e : entries) {
    bool match = sub == e.name;
    for (const auto& a : e.aliases) match |= sub == a;
    if (!match) continue;
    env.path += std::string(" ") + e.name;  // "kubectl create" + " service"
    e.run(env, args);
    return true;
  }
  return false;
}

OJson generatedMeta(const CmdEnv& env, const std::string& name, bool namespaced) {
  OJson meta = OJson::object();
  meta["name"] = name;
  if (namespaced && env.nsExplicit) meta["namespace"] = env.ns;
  meta["creationTimestamp"] = nullptr;
  return meta;
}

namespace {

// cmdutil.GetValidationDirective: the fieldValidation query value.
std::string fieldValidationOf(const std::string& v) {
  if (v == "warn") return "Warn";
  if (v == "ignore" || v == "false") return "Ignore";
  return "Strict";
}

}  // namespace

bool validationDirective(CmdEnv& env, const FlagSet& fs) {
  std::string v = fs.getString("validate");
  if (v == "strict" || v == "true" || v == "warn" || v == "ignore" || v == "false") return true;
  env.failText("invalid - validate option " + goQuote(v) + "; must be one of: strict (or true), warn, ignore (or false)");
  return false;
}

std::string typedJsonText(const OJson& obj) {
  std::string text = obj.dump(4), out;
  out.reserve(text.size());
  // Go's encoder escapes these HTML characters; outside strings they cannot occur in JSON.
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out + "\n";
}

void submitGenerated(CmdEnv& env, const FlagSet& fs, const ResourceInfo& r, const std::string& name,
                     const OJson& obj, const std::string& dryRun, const std::string& output,
                     const std::string& errPrefix, const std::string& operation) {
  std::string op = operation + (dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : "");
  if (dryRun == "client") {
    if (output.empty()) env.out(resourceName(r, name) + " " + op + "\n");
    else if (output == "name") env.out(resourceName(r, name) + "\n");
    else if (output == "json") env.out(typedJsonText(obj));
    else if (output == "yaml") env.out(toYaml(Json::parse(obj.dump())));
    else if (!printObject(env, r, Json::parse(obj.dump()), true)) return;  // jsonpath, go-template
    env.done(0);
    return;
  }
  Request req;
  req.method = "POST";
  req.path = Client::path(r, r.namespaced ? env.ns : "");
  if (fs.has("field-manager")) req.query["fieldManager"] = fs.getString("field-manager");
  if (fs.has("validate")) req.query["fieldValidation"] = fieldValidationOf(fs.getString("validate"));
  if (dryRun == "server") req.query["dryRun"] = "All";
  req.contentType = "application/json";
  req.body = Json::parse(obj.dump());
  Response resp = env.client().request(req);
  if (!resp.ok()) {
    Status s = statusOf(resp);
    if (errPrefix.empty()) env.fail(KError::fromStatus(s));
    else env.fail(KError::plain(errPrefix + s.message));
    return;
  }
  std::string shownName = name;
  if (resp.body.is_object() && resp.body.contains("metadata") && resp.body["metadata"].is_object())
    shownName = resp.body["metadata"].value("name", name);
  if (output.empty()) env.out(resourceName(r, shownName) + " " + op + "\n");
  else if (output == "name") env.out(resourceName(r, shownName) + "\n");
  else if (output == "json") env.out(toJsonText(resp.body));
  else if (output == "yaml") env.out(toYaml(resp.body));
  else if (!printObject(env, r, resp.body)) return;  // jsonpath, go-template
  env.done(0);
}

std::optional<std::string> canonicalQuantity(const std::string& s, std::string* error) {
  static const std::regex re(R"(^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$)");
  std::smatch m;
  if (!std::regex_match(s, m, re)) {
    *error = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    return std::nullopt;
  }
  std::string number = m[1], suffix = m[2];
  bool negative = false;
  if (number[0] == '+' || number[0] == '-') {
    negative = number[0] == '-';
    number = number.substr(1);
  }
  size_t dot = number.find('.');
  if (number.find('.', dot == std::string::npos ? 0 : dot + 1) != std::string::npos && dot != std::string::npos) {
    *error = "unable to parse numeric part of quantity";
    return std::nullopt;
  }
  std::string intPart = number.substr(0, dot), frac = dot == std::string::npos ? "" : number.substr(dot + 1);
  if (intPart.empty() && frac.empty()) {
    *error = "unable to parse numeric part of quantity";
    return std::nullopt;
  }
  // The suffix: decimal SI, binary SI or a decimal exponent (e3, E-2).
  enum { DecimalSI, BinarySI, DecimalExponent } format = DecimalSI;
  int exp10 = 0, exp2 = 0;
  static const std::vector<std::pair<std::string, int>> decimal = {
      {"", 0}, {"n", -9}, {"u", -6}, {"m", -3}, {"k", 3}, {"M", 6}, {"G", 9}, {"T", 12}, {"P", 15}, {"E", 18}};
  static const std::vector<std::pair<std::string, int>> binary = {
      {"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}, {"Pi", 50}, {"Ei", 60}};
  bool known = false;
  for (const auto& [sfx, e] : decimal)
    if (suffix == sfx) known = true, exp10 = e;
  for (const auto& [sfx, e] : binary)
    if (suffix == sfx) known = true, exp2 = e, format = BinarySI;
  if (!known && suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    std::string digits = suffix.substr(1);
    size_t start = digits[0] == '+' || digits[0] == '-' ? 1 : 0;
    if (start < digits.size() && digits.find_first_not_of("0123456789", start) == std::string::npos && digits.size() < 6) {
      known = true;
      exp10 = std::stoi(digits);
      format = DecimalExponent;
    }
  }
  if (!known) {
    *error = "unable to parse quantity's suffix";
    return std::nullopt;
  }
  // The value in nano-units (Go keeps at most nano precision, rounding up).
  __int128 nano = 0;
  const __int128 limit = static_cast<__int128>(1) << 120;
  for (char c : intPart) {
    nano = nano * 10 + (c - '0');
    if (nano > limit) {
      *error = "quantity is too large";  // approximated: Go switches to inf.Dec here
      return std::nullopt;
    }
  }
  int fracDigits = 0;
  bool roundUp = false;
  int scale = exp10 + 9;  // decimal digits to shift left
  std::string digits = frac;
  for (char c : digits) {
    if (fracDigits < scale) {
      nano = nano * 10 + (c - '0');
      fracDigits++;
    } else if (c != '0') {
      roundUp = true;
    }
  }
  int remaining = scale - fracDigits;
  if (remaining < 0) {
    // more integer precision than nano (shift right): drop digits, rounding up
    for (int i = 0; i < -remaining; i++) {
      if (nano % 10 != 0) roundUp = true;
      nano /= 10;
    }
  } else {
    for (int i = 0; i < remaining; i++) {
      nano *= 10;
      if (nano > limit) {
        *error = "quantity is too large";
        return std::nullopt;
      }
    }
  }
  if (roundUp) nano += 1;
  for (int i = 0; i < exp2 / 10; i++) nano *= 1024;
  auto toText = [](__int128 v) {
    std::string t;
    if (v == 0) return std::string("0");
    while (v > 0) {
      t.insert(t.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
      v /= 10;
    }
    return t;
  };
  if (nano == 0) return std::string("0");
  std::string sign = negative ? "-" : "";
  const __int128 billion = 1000000000;
  if (format == BinarySI && (nano < 1024 * billion || nano % billion != 0)) format = DecimalSI;
  if (format == BinarySI) {
    __int128 units = nano / billion;
    int k = 0;
    while (k < 6 && units % 1024 == 0) units /= 1024, k++;
    static const char* names[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    return sign + toText(units) + names[k];
  }
  int e = -9;
  while (e < 18 && nano % 1000 == 0) nano /= 1000, e += 3;
  std::string sfx;
  if (format == DecimalExponent) {
    sfx = e == 0 ? "" : "e" + std::to_string(e);
  } else {
    for (const auto& [name, x] : decimal)
      if (x == e) sfx = name;
  }
  return sign + toText(nano) + sfx;
}

}  // namespace kp
