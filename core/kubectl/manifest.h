// Manifests: YAML and JSON files as kubectl reads them for -f (sigs.k8s.io/yaml's YAML-to-JSON
// conversion, multi-document streams, `kind: List`), the builder's per-object checks (kind
// mapping, namespace), and the commands built on them: create -f, apply, delete -f, get -f, edit.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/kubectl/cmd_common.h"

namespace kp {

// One document of a stream: the object as JSON and the JSON text kubectl's decoder saw
// (quoted by its "Object 'Kind' is missing in '...'" errors).
struct ManifestDoc {
  Json obj;
  std::string raw;
};

// Splits `text` into documents (empty and null documents skipped) and converts each to JSON as
// sigs.k8s.io/yaml does: YAML 1.1 scalars (yes/no/on/off booleans, 0x/0o/0b integers, ~/null),
// quoted scalars stay strings, map keys become strings. Returns the decoder's error text
// ("error converting YAML to JSON: yaml: line 3: ...") on bad input.
std::optional<std::string> parseManifestText(const std::string& text, std::vector<ManifestDoc>& docs);

// Compact JSON as Go's encoding/json writes it (sorted keys, <>& escaped as \u003c...).
std::string goJson(const Json& j);

// One object from -f (cli-runtime's resource.Info).
struct ManifestInfo {
  Json obj;
  const ResourceInfo* resource = nullptr;
  std::string ns, name, source;
};

// Reads the -f arguments ("-" is the command's standard input) as the builder does. Returns
// false when the builder itself fails (`the path "x" does not exist`; printed, execution
// finished). Objects that cannot be used add their error to `errs` and are skipped.
// `enforceNamespace` (-n given) turns a different namespace in a file into an error; `validate`
// (--validate other than ignore/false) checks apiVersion and kind before decoding.
bool loadManifests(CmdEnv& env, const std::vector<std::string>& filenames, bool enforceNamespace, bool validate,
                   std::vector<ManifestInfo>& infos, std::vector<KError>& errs);

// cmdutil.AddSourceToErr: `error when <verb> "<source>": <message>` for server errors.
KError addSourceToErr(const std::string& verb, const std::string& source, const Status& s);

// `kubectl create -f`: after create's flags were parsed and checked.
void createFromFiles(CmdEnv& env, const FlagSet& fs);
void cmdApply(CmdEnv& env, const std::vector<std::string>& args);
void cmdEdit(CmdEnv& env, const std::vector<std::string>& args);

}  // namespace kp
