// Client-side printing exactly as kubectl 1.32 does it: server Tables through tabwriter
// (minwidth 6, tabwidth 4, padding 3), `-o yaml` (sigs.k8s.io/yaml: sorted keys, go-yaml style),
// `-o json` (4-space indent, Go's HTML escaping) and `-o name`.
#pragma once
#include <string>
#include <vector>

#include "core/api/resources.h"
#include "core/api/types.h"

namespace kp {

struct TablePrintOptions {
  bool wide = false;           // -o wide: show priority-1 columns
  bool noHeaders = false;      // --no-headers
  bool showLabels = false;     // --show-labels: a LABELS column from row.object metadata
  bool withNamespace = false;  // -A: a leading NAMESPACE column
  bool withKind = false;       // several kinds in one output (get all): names as "pod/kubia-..."
  std::vector<std::string> labelColumns;  // -L key: one upper-cased column per key
};

// Renders a meta.k8s.io/v1 Table (as apiserver/tables.h builds it) to text, ending in "\n".
// `r` names the resource for withKind prefixes ("pod/", "deployment.apps/").
std::string printTable(const Json& table, const ResourceInfo& r, const TablePrintOptions& opts);
// The same rows before alignment: cells separated by tabs, one line per row.
std::string printTableCells(const Json& table, const ResourceInfo& r, const TablePrintOptions& opts);
// kubectl's watch writer: tabwriter with RememberWidths, columns never narrower than before.
std::string tabwriteRemembering(const std::string& text, std::vector<int>& widths);

// Go's text/tabwriter with kubectl's settings over rows of cells.
std::string tabwrite(const std::vector<std::vector<std::string>>& rows);
// Go's text/tabwriter (flags 0, padchar ' ') over tab-separated, newline-terminated text, as one
// Flush: `kubectl get` uses minwidth 6, tabwidth 4, padding 3; `describe` uses 0, 8, 2.
std::string tabwriteText(const std::string& text, int minwidth, int padding);

std::string toYaml(const Json& j);      // what `kubectl get -o yaml` prints
std::string toJsonText(const Json& j);  // what `kubectl get -o json` prints (with final "\n")
// `-o name`: "pod/kubia-5b4c7d8f9-x2x7k", "deployment.apps/kubia"
std::string resourceName(const ResourceInfo& r, const std::string& name);

}  // namespace kp
