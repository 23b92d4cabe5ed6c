// kubectl's printer factory (genericclioptions.PrintFlags.ToPrinter and get's extension of it):
// -o json|yaml|name, jsonpath|jsonpath-file|jsonpath-as-json, go-template|go-template-file|
// template|templatefile (with --template and --allow-missing-template-keys) and, for `get`,
// custom-columns|custom-columns-file (with --no-headers). Every command that prints objects
// builds its printer here once, before it changes anything, and prints through it.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/api/resources.h"
#include "core/api/types.h"
#include "core/kubectl/cmd_common.h"

namespace kp {

class ObjectPrinter {
 public:
  enum class Format { Default, Wide, Name, Json, Yaml, JsonPath, GoTemplate, CustomColumns };
  Format format() const { return format_; }
  // No -o: the command prints its own message ("deployment.apps/x created").
  bool isDefault() const { return format_ == Format::Default; }
  bool isHuman() const { return format_ == Format::Default || format_ == Format::Wide; }

  // Prints obj (one object or a List). `typed`: the object is a typed Go struct in kubectl (a
  // generated or decoded object, not unstructured): its JSONPath numbers are float64 and
  // `rawJson` is its encoding in struct order (go-template's debug dump). false: the error
  // was printed with CheckErr's text and the execution finished with exit code 1.
  bool print(CmdEnv& env, const ResourceInfo& r, const Json& obj, bool typed = false,
             const std::string* rawJson = nullptr) const;
  // The same, returning what to print and the error (nullopt: none) without finishing.
  std::optional<std::string> render(const ResourceInfo& r, const Json& obj, bool typed, const std::string* rawJson,
                                    std::string& out, std::string& debugOut) const;

  struct Impl;
  std::shared_ptr<Impl> impl;
  Format format_ = Format::Default;
};

struct PrinterScope {
  bool get = false;  // get's printers: custom-columns too, wide, --no-headers
  const char* allowedFormats = nullptr;  // the list in "allowed formats are: ..." (default: the generic one)
};

// ToPrinter for a command's flags (output, template, allow-missing-template-keys, no-headers
// when it has them). nullptr: kubectl's error was printed and the execution finished.
std::shared_ptr<ObjectPrinter> toPrinter(CmdEnv& env, const FlagSet& fs, const PrinterScope& scope = {});

// The generic printers of the commands that change objects: builds the command's printer
// (false: the error was printed, the execution finished). The printer belongs to the
// command's execution until it finishes.
bool genericOutputFormat(CmdEnv& env, const FlagSet& fs);
// The printer genericOutputFormat built for this command (nullptr when it built none).
std::shared_ptr<ObjectPrinter> commandPrinter(const CmdEnv& env);
// The printer's format as the commands compare it: "" (their own message), "name", "json",
// "yaml", or "template" (jsonpath and go-template).
std::string printerOutput(const CmdEnv& env);
// Prints obj through the command's printer (built by genericOutputFormat); false: failed and finished.
bool printObject(CmdEnv& env, const ResourceInfo& r, const Json& obj, bool typed = false,
                 const std::string* rawJson = nullptr);

}  // namespace kp
