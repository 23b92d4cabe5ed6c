// kubecolor for the console: colours kubectl's output with ANSI SGR sequences in the spirit of
// kubecolor's default dark theme (tables coloured by column, status words by meaning, keys of
// describe/yaml output set apart). Used only when the console has colours on and no pipe.
#include <cctype>

#include "core/shell/shell_internal.h"

namespace kp {

namespace {

const char* kReset = "\x1b[0m";
const char* kColumnColors[] = {"\x1b[37m", "\x1b[36m", "\x1b[35m", "\x1b[33m", "\x1b[34m", "\x1b[32m"};

// The colour a status-like word gets, or nullptr.
const char* statusColor(const std::string& w) {
  static const char* green[] = {"Running", "Completed", "Succeeded", "Ready", "Active", "True", "Bound", "Normal",
                                "Available", "Healthy"};
  static const char* yellow[] = {"Pending", "ContainerCreating", "Terminating", "<pending>", "Unknown",
                                 "PodInitializing", "Waiting", "ContainerStatusUnknown"};
  static const char* red[] = {"Error", "Failed", "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "NotReady",
                              "False", "Evicted", "OOMKilled", "Warning", "InvalidImageName", "CreateContainerError"};
  for (const char* g : green)
    if (w == g) return "\x1b[32m";
  for (const char* y : yellow)
    if (w == y) return "\x1b[33m";
  for (const char* r : red)
    if (w == r) return "\x1b[31m";
  if (w.rfind("Init:", 0) == 0) return "\x1b[33m";
  return nullptr;
}

bool isHeaderLine(const std::string& line) {
  bool letter = false;
  for (char c : line) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) letter = true;
  }
  return letter && line.find("NAME") != std::string::npos;
}

// Colours one table row: cells are separated by runs of at least two spaces.
std::string colorRow(const std::string& line, bool header) {
  if (header) return std::string("\x1b[1;37m") + line + kReset;
  std::string out;
  size_t i = 0, col = 0;
  while (i < line.size()) {
    size_t start = i;
    while (i < line.size() && !(line[i] == ' ' && i + 1 < line.size() && line[i + 1] == ' ')) i++;
    std::string cell = line.substr(start, i - start);
    size_t spaceStart = i;
    while (i < line.size() && line[i] == ' ') i++;
    const char* c = statusColor(cell);
    if (!c) c = kColumnColors[col % (sizeof kColumnColors / sizeof *kColumnColors)];
    out += std::string(c) + cell + kReset + line.substr(spaceStart, i - spaceStart);
    col++;
  }
  return out;
}

// "Key:   value" lines of describe and yaml.
std::string colorKeyValue(const std::string& line) {
  size_t indent = 0;
  while (indent < line.size() && (line[indent] == ' ' || line[indent] == '-')) indent++;
  size_t colon = line.find(':', indent);
  if (colon == std::string::npos || colon == indent) return line;
  for (size_t k = indent; k < colon; k++)
    if (line[k] == ' ' && !(k + 1 < colon && std::isalpha(static_cast<unsigned char>(line[k + 1])))) return line;
  std::string key = line.substr(indent, colon - indent + 1);
  std::string rest = line.substr(colon + 1);
  size_t v = rest.find_first_not_of(' ');
  std::string value = v == std::string::npos ? "" : rest.substr(v);
  const char* sc = statusColor(value);
  std::string coloredValue = value.empty() ? "" : std::string(sc ? sc : "\x1b[37m") + value + kReset;
  return line.substr(0, indent) + "\x1b[33m" + key + kReset + rest.substr(0, v == std::string::npos ? rest.size() : v) +
         coloredValue;
}

}  // namespace

std::string kubecolorize(const std::string& text, const std::string& verb) {
  if (text.empty()) return text;
  std::string out;
  size_t start = 0;
  bool inTable = false;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    std::string colored;
    if (line.empty()) {
      inTable = false;
    } else if ((verb == "get" || verb == "api-resources" || verb == "top") && isHeaderLine(line)) {
      inTable = true;
      colored = colorRow(line, true);
    } else if (inTable) {
      colored = colorRow(line, false);
    } else if (verb == "describe" || verb == "get" || verb == "version" || verb == "cluster-info") {
      colored = colorKeyValue(line);
    } else if (verb == "logs") {
      colored = line;
    } else {
      colored = std::string("\x1b[32m") + line + kReset;
    }
    out += line.empty() ? "" : colored;
    if (nl == std::string::npos) break;
    out += "\n";
    start = nl + 1;
  }
  return out;
}

}  // namespace kp
