// The printer factory and the printers behind -o: genericclioptions' PrintFlags (JSON/YAML,
// name, JSONPath and Go templates) and get's PrintFlags (custom columns, human-readable).
#include "core/kubectl/output_printer.h"

#include <map>

#include "core/base/memfs.h"
#include "core/kubectl/custom_columns.h"
#include "core/kubectl/gotemplate.h"
#include "core/kubectl/jsonpath.h"
#include "core/kubectl/printers.h"

namespace kp {

struct ObjectPrinter::Impl {
  std::string rawTemplate;  // the template as given (files: their text)
  std::optional<JsonPathTemplate> jsonPath;
  bool jsonPathAsJson = false;
  std::optional<GoTemplate> goTemplate;
  std::optional<CustomColumnsPrinter> columns;
  bool allowMissingKeys = true;
};

namespace {

const char* kGenericFormatList =
    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";
const char* kGetFormatList =
    "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
    "jsonpath-file,name,template,templatefile,wide,yaml";

bool oneOf(const std::string& s, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (s == n) return true;
  return false;
}

// The template value and format of `-o FORMAT=VALUE` (or --template when given), as the
// template flags' ToPrinter split them: nullopt when the format is none of `formats`.
std::optional<std::pair<std::string, std::string>> splitTemplate(const std::string& output, const std::string& templateArg,
                                                                  std::initializer_list<const char*> formats) {
  std::string format = output, value;
  if (templateArg.empty()) {
    for (const char* f : formats) {
      std::string prefix = std::string(f) + "=";
      if (output.rfind(prefix, 0) == 0) {
        value = output.substr(prefix.size());
        format = f;
        break;
      }
    }
  } else {
    value = templateArg;
  }
  if (!oneOf(format, formats)) return std::nullopt;
  return std::make_pair(format, value);
}

std::optional<std::string> readTemplateFile(CmdEnv& env, const std::string& path) {
  if (!env.ctx.files) return std::nullopt;
  return env.ctx.files->read(path);
}

}  // namespace

std::shared_ptr<ObjectPrinter> toPrinter(CmdEnv& env, const FlagSet& fs, const PrinterScope& scope) {
  auto p = std::make_shared<ObjectPrinter>();
  p->impl = std::make_shared<ObjectPrinter::Impl>();
  auto& impl = *p->impl;
  std::string output = fs.has("output") ? fs.getString("output") : "";
  std::string templateArg = fs.has("template") ? fs.getString("template") : "";
  impl.allowMissingKeys = fs.has("allow-missing-template-keys") ? fs.getBool("allow-missing-template-keys") : true;
  bool noHeaders = fs.has("no-headers") && fs.getBool("no-headers");
  const char* allowed = scope.allowedFormats ? scope.allowedFormats : scope.get ? kGetFormatList : kGenericFormatList;
  auto fail = [&](const std::string& msg) -> std::shared_ptr<ObjectPrinter> {
    env.failText(msg);
    return nullptr;
  };

  // --template without -o means go-template (get: when -o is empty; the others: when -o was not given)
  if (!templateArg.empty() && (scope.get ? output.empty() : !fs.changed("output"))) output = "go-template";
  if (!scope.get && output.empty() && templateArg.empty()) return p;  // the command's own message

  // Go templates and JSONPath (the template flags)
  if (auto t = splitTemplate(output, templateArg, {"jsonpath", "jsonpath-file", "jsonpath-as-json"})) {
    auto [format, value] = *t;
    if (value.empty()) return fail("template format specified but no template given");
    if (format == "jsonpath-file") {
      auto text = readTemplateFile(env, value);
      if (!text) return fail("error reading --template " + value + ", open " + value + ": no such file or directory\n");
      value = *text;
    }
    std::string err;
    impl.jsonPath = JsonPathTemplate::parse(value, &err);
    if (!impl.jsonPath) return fail("error parsing jsonpath " + value + ", " + err + "\n");
    impl.rawTemplate = value;
    impl.jsonPathAsJson = format == "jsonpath-as-json";
    p->format_ = ObjectPrinter::Format::JsonPath;
    return p;
  }
  if (auto t = splitTemplate(output, templateArg, {"go-template", "go-template-file", "template", "templatefile"})) {
    auto [format, value] = *t;
    if (value.empty()) return fail("template format specified but no template given");
    if (format == "go-template-file" || format == "templatefile") {
      auto text = readTemplateFile(env, value);
      if (!text) return fail("error reading --template " + value + ", open " + value + ": no such file or directory\n");
      value = *text;
    }
    std::string err;
    impl.goTemplate = GoTemplate::parse(value, &err);
    if (!impl.goTemplate) return fail("error parsing template " + value + ", " + err + "\n");
    impl.rawTemplate = value;
    p->format_ = ObjectPrinter::Format::GoTemplate;
    return p;
  }
  if (output == "json") p->format_ = ObjectPrinter::Format::Json;
  else if (output == "yaml") p->format_ = ObjectPrinter::Format::Yaml;
  else if (scope.get && output.empty()) p->format_ = ObjectPrinter::Format::Default;
  else if (scope.get && output == "wide") p->format_ = ObjectPrinter::Format::Wide;
  else if (scope.get && splitTemplate(output, templateArg, {"custom-columns", "custom-columns-file"})) {
    auto [format, value] = *splitTemplate(output, templateArg, {"custom-columns", "custom-columns-file"});
    if (value.empty()) return fail("custom-columns format specified but no custom columns given");
    std::string err;
    if (format == "custom-columns-file") {
      auto text = readTemplateFile(env, value);
      if (!text) return fail("error reading template " + value + ", open " + value + ": no such file or directory\n");
      impl.columns = CustomColumnsPrinter::fromTemplate(*text, &err);
    } else {
      impl.columns = CustomColumnsPrinter::fromSpec(value, noHeaders, &err);
    }
    if (!impl.columns) return fail(err);
    p->format_ = ObjectPrinter::Format::CustomColumns;
  } else if (output == "name") {
    p->format_ = ObjectPrinter::Format::Name;
  } else {
    return fail("unable to match a printer suitable for the output format " + goQuote(output) +
                ", allowed formats are: " + allowed);
  }
  return p;
}

std::optional<std::string> ObjectPrinter::render(const ResourceInfo& r, const Json& obj, bool typed,
                                                 const std::string* rawJson, std::string& out,
                                                 std::string& debugOut) const {
  switch (format_) {
    case Format::Default:
    case Format::Wide:
    case Format::Name: {
      std::string name;
      if (obj.is_object() && obj.contains("metadata") && obj["metadata"].is_object())
        name = obj["metadata"].value("name", "");
      out += resourceName(r, name) + "\n";
      return std::nullopt;
    }
    case Format::Json: out += toJsonText(obj); return std::nullopt;
    case Format::Yaml: out += toYaml(obj); return std::nullopt;
    case Format::CustomColumns: {
      std::string err;
      out += impl->columns->print(obj, &err);
      if (!err.empty()) return err;
      return std::nullopt;
    }
    case Format::JsonPath: {
      Json data = typed ? numbersAsFloats(obj) : obj;
      std::string err;
      auto text = impl->jsonPath->execute(data, impl->allowMissingKeys, impl->jsonPathAsJson, &err);
      if (!text) {
        return "error executing jsonpath " + goQuote(impl->rawTemplate) + ": Error executing template: " + err +
               ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t" + impl->rawTemplate +
               "\n\tobject given to jsonpath engine was:\n\t\t" + goSyntax(data) + "\n\n\n";
      }
      out += *text;
      return std::nullopt;
    }
    case Format::GoTemplate: {
      std::string err;
      if (!impl->goTemplate->execute(obj, !impl->allowMissingKeys, &out, &err)) {
        debugOut += "Error executing template: " + err +
                    ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t" +
                    impl->rawTemplate + "\n\traw data was:\n\t\t" + (rawJson ? *rawJson : toCompactJson(obj)) +
                    "\n\tobject given to template engine was:\n\t\t" + goSprint(obj) + "\n\n";
        return "error executing template " + goQuote(impl->rawTemplate) + ": " + err;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

bool ObjectPrinter::print(CmdEnv& env, const ResourceInfo& r, const Json& obj, bool typed,
                          const std::string* rawJson) const {
  std::string out, debug;
  auto err = render(r, obj, typed, rawJson, out, debug);
  env.out(out + debug);
  if (err) {
    env.failText(*err);
    return false;
  }
  return true;
}

namespace {

// The printers of running commands, by execution (kubectl keeps its PrintObj in the
// command's options; here the command's execution stands for them).
std::map<const Execution*, std::shared_ptr<ObjectPrinter>>& printers() {
  static std::map<const Execution*, std::shared_ptr<ObjectPrinter>> m;
  return m;
}

}  // namespace

bool genericOutputFormat(CmdEnv& env, const FlagSet& fs) {
  auto p = toPrinter(env, fs);
  if (!p) return false;
  const Execution* ex = &env.ex;
  bool fresh = !printers().count(ex);
  printers()[ex] = p;
  if (fresh) env.ex.onFinish([ex] { printers().erase(ex); });
  return true;
}

std::shared_ptr<ObjectPrinter> commandPrinter(const CmdEnv& env) {
  auto it = printers().find(&env.ex);
  return it == printers().end() ? nullptr : it->second;
}

std::string printerOutput(const CmdEnv& env) {
  auto printer = commandPrinter(env);
  if (!printer) return "";
  switch (printer->format()) {
    case ObjectPrinter::Format::Default: return "";
    case ObjectPrinter::Format::Name: return "name";
    case ObjectPrinter::Format::Json: return "json";
    case ObjectPrinter::Format::Yaml: return "yaml";
    default: return "template";
  }
}

bool printObject(CmdEnv& env, const ResourceInfo& r, const Json& obj, bool typed, const std::string* rawJson) {
  auto printer = commandPrinter(env);
  if (!printer) printer = std::make_shared<ObjectPrinter>();
  return printer->print(env, r, obj, typed, rawJson);
}

}  // namespace kp
