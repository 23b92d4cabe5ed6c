// A command-line flag parser that behaves like spf13/pflag as kubectl (cobra) uses it: long and
// shorthand flags in every form pflag accepts, interspersed positionals, `--`, typed values
// parsed with Go's strconv/time rules, and pflag's own error wording for everything it rejects.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/strings.h"

namespace kp {

enum class FlagType { Bool, String, Int, Int32, Duration, StringArray, StringSlice };

struct FlagDef {
  std::string name;
  char shorthand = 0;
  FlagType type = FlagType::String;
  std::string defValue;  // as `kubectl <cmd> --help` shows it
  std::string usage;
  bool required = false;  // cobra's MarkFlagRequired
  std::string noOptDefVal;  // value of a bare `--flag` for non-bool flags (pflag NoOptDefVal)
};

class FlagSet {
 public:
  FlagSet& add(FlagDef def);
  FlagSet& boolean(const std::string& name, char shorthand, bool def, const std::string& usage);
  FlagSet& string(const std::string& name, char shorthand, const std::string& def, const std::string& usage);
  FlagSet& integer(const std::string& name, char shorthand, int64_t def, const std::string& usage);
  FlagSet& int32(const std::string& name, char shorthand, int64_t def, const std::string& usage);
  FlagSet& duration(const std::string& name, const std::string& def, const std::string& usage);
  FlagSet& stringArray(const std::string& name, char shorthand, const std::string& usage);
  FlagSet& stringSlice(const std::string& name, char shorthand, const std::string& usage);
  FlagSet& require(const std::string& name);
  FlagSet& noOptDefault(const std::string& name, const std::string& value);

  // Parses args as pflag's Parse with interspersed positionals. Returns pflag's error text
  // ("unknown flag: --generator") or nullopt. Positionals are in args(); argsLenAtDash() is the
  // number of positionals before `--` (-1 when there was none), as cobra's ArgsLenAtDash.
  std::optional<std::string> parse(const std::vector<std::string>& args);
  // cobra's check after parsing: `required flag(s) "image" not set`, or nullopt.
  std::optional<std::string> checkRequired() const;

  const std::vector<std::string>& args() const { return args_; }
  int argsLenAtDash() const { return argsLenAtDash_; }

  bool has(const std::string& name) const { return defs_.count(name) != 0; }
  bool changed(const std::string& name) const;
  bool getBool(const std::string& name) const;
  std::string getString(const std::string& name) const;
  int64_t getInt(const std::string& name) const;
  int64_t getDurationMs(const std::string& name) const;
  std::vector<std::string> getList(const std::string& name) const;

  // The flag list for a short `--help`: "  -n, --namespace='': ..." lines.
  std::string usageText() const;
  // The flags defined, in the order they were added (read-only; used by Tab completion).
  std::vector<FlagDef> definitions() const {
    std::vector<FlagDef> out;
    for (const auto& n : order_) out.push_back(defs_.at(n));
    return out;
  }

 private:
  struct Value {
    bool changed = false;
    std::string scalar;              // parsed text for scalars
    std::vector<std::string> list;   // arrays and slices
  };
  std::optional<std::string> set(const FlagDef& def, const std::string& text, const std::string& shownName);
  const FlagDef* byShort(char c) const;

  std::map<std::string, FlagDef> defs_;
  std::vector<std::string> order_;
  std::map<std::string, Value> values_;
  std::vector<std::string> args_;
  int argsLenAtDash_ = -1;
};

// Go's strconv.ParseInt(s, 0, bits): nullopt with *error set to Go's message.
std::optional<int64_t> parseGoInt(const std::string& s, int bits, std::string* error);
// Go's strconv.ParseBool.
std::optional<bool> parseGoBool(const std::string& s, std::string* error);
// Go's time.ParseDuration, in milliseconds (sub-millisecond parts are truncated).
std::optional<int64_t> parseGoDuration(const std::string& s, std::string* error);

}  // namespace kp
