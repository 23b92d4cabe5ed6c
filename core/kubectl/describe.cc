// `kubectl describe` as kubectl 1.32's pkg/describe/describe.go prints it: a PrefixWriter over
// Go's text/tabwriter (minwidth 0, tabwidth 8, padding 2), flushed before the Events table, with
// times in RFC1123Z (UTC here) and ages from the simulated clock. Data comes only from the Client.
#include "core/kubectl/describe.h"

#include <cctype>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "core/api/base64.h"
#include "core/api/json.h"
#include "core/base/strings.h"
#include "core/api/format.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

// ---------------------------------------------------------------------------------------------
// Output: describe.go's PrefixWriter + tabbedString.

class Out {
 public:
  // PrefixWriter.Write: two spaces per level, then the text (terminal-escaped).
  void write(int level, const std::string& text) {
    for (int i = 0; i < level; i++) pending_ += "  ";
    escapeInto(text);
  }
  // PrefixWriter.WriteLine(a...): fmt.Sprintln.
  void writeLine(const std::string& text) { escapeInto(text + "\n"); }
  // tabwriter.Flush: the columns so far are laid out independently of what follows.
  void flush() {
    done_ += tabwriteText(pending_, 0, 2);
    pending_.clear();
  }
  std::string str() {
    flush();
    return done_;
  }
  // The text as written, without tabwriter alignment (a plain PrefixWriter over a buffer).
  std::string raw() const { return done_ + pending_; }

 private:
  void escapeInto(const std::string& s) {
    for (char c : s) {
      if (c == '\x1b') pending_ += "^[";
      else if (c == '\r') pending_ += "\\r";
      else pending_ += c;
    }
  }
  std::string pending_, done_;
};

constexpr int L0 = 0, L1 = 1, L2 = 2, L3 = 3;

// time.Time.Format(time.RFC1123Z) in UTC; the zero time for unset fields.
std::string rfc1123z(Time t) {
  if (t == kNoTime) return "Mon, 01 Jan 0001 00:00:00 +0000";
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t secs = t >= 0 ? t / 1000 : -((-t + 999) / 1000);
  time_t tt = static_cast<time_t>(secs);
  struct tm tm {};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Json access that never throws.

const Json& field(const Json& j, const char* key) {
  static const Json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}
std::string str(const Json& j, const char* key) {
  const Json& v = field(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}
int64_t num(const Json& j, const char* key) {
  const Json& v = field(j, key);
  if (v.is_number_integer() || v.is_number_unsigned()) return v.get<int64_t>();
  if (v.is_number_float()) return static_cast<int64_t>(v.get<double>());
  return 0;
}
bool flag(const Json& j, const char* key) {
  const Json& v = field(j, key);
  return v.is_boolean() && v.get<bool>();
}
// Go's %v of a *bool: "<nil>" when unset (printed as such by the projected volume describer).
std::string boolPtr(const Json& j, const char* key) {
  const Json& v = field(j, key);
  if (!v.is_boolean()) return "<nil>";
  return v.get<bool>() ? "true" : "false";
}
// intstr.IntOrString.String() of a JSON value.
std::string intOrString(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return std::to_string(v.get<int64_t>());
  return "";
}
std::vector<std::string> strings(const Json& v) {
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& e : v)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

// ---------------------------------------------------------------------------------------------
// resource.Quantity: parse, add, compare and print in canonical form.

struct Quantity {
  enum Format { None, DecimalSI, BinarySI, DecimalExponent };
  int64_t milli = 0;  // value in milli-units
  Format format = None;
  bool valid = false;
};

Quantity parseQuantity(const std::string& s) {
  Quantity q;
  if (s.empty()) return q;
  size_t i = 0;
  bool neg = false;
  if (s[i] == '+' || s[i] == '-') neg = s[i++] == '-';
  std::string intPart, fracPart;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) intPart += s[i++];
  if (i < s.size() && s[i] == '.') {
    i++;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) fracPart += s[i++];
  }
  if (intPart.empty() && fracPart.empty()) return q;
  std::string suffix = s.substr(i);
  int exp10 = 0, exp2 = 0;
  Quantity::Format format = Quantity::DecimalSI;
  static const std::map<std::string, int> dec = {{"n", -9}, {"u", -6}, {"m", -3}, {"", 0}, {"k", 3},
                                                 {"M", 6},   {"G", 9},  {"T", 12}, {"P", 15}, {"E", 18}};
  static const std::map<std::string, int> bin = {{"Ki", 10}, {"Mi", 20}, {"Gi", 30},
                                                 {"Ti", 40}, {"Pi", 50}, {"Ei", 60}};
  if (auto it = dec.find(suffix); it != dec.end()) {
    exp10 = it->second;
  } else if (auto b = bin.find(suffix); b != bin.end()) {
    exp2 = b->second;
    format = Quantity::BinarySI;
  } else if (suffix[0] == 'e' || suffix[0] == 'E') {
    try {
      size_t used = 0;
      exp10 = std::stoi(suffix.substr(1), &used);
      if (used != suffix.size() - 1) return q;
    } catch (...) {
      return q;
    }
    format = Quantity::DecimalExponent;
  } else {
    return q;
  }
  // value = (intPart.fracPart) * 10^exp10 * 2^exp2, in milli-units, rounded up as Value() does.
  long double v = std::stold((intPart.empty() ? "0" : intPart) + "." + (fracPart.empty() ? "0" : fracPart));
  v = v * std::pow(10.0L, exp10 + 3) * std::pow(2.0L, exp2);
  if (v > 9.2e18L) return q;
  q.milli = static_cast<int64_t>(std::ceil(v - 1e-9L));
  if (neg) q.milli = -q.milli;
  q.format = format;
  q.valid = true;
  return q;
}

// Quantity.String(): the canonical form ("100m", "1", "2k", "64Mi", "16009Mi").
std::string quantityString(const Quantity& q) {
  if (q.milli == 0) return "0";
  bool neg = q.milli < 0;
  int64_t m = neg ? -q.milli : q.milli;
  std::string sign = neg ? "-" : "";
  if (q.format == Quantity::BinarySI && m >= 1024 * 1000 && m % 1000 == 0) {
    int64_t v = m / 1000;
    static const char* suffixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    int k = 0;
    while (k < 6 && v % 1024 == 0) {
      v /= 1024;
      k++;
    }
    return sign + std::to_string(v) + suffixes[k];
  }
  // DecimalSI / DecimalExponent: integer mantissa with an exponent that is a multiple of 3.
  int64_t v = m;
  int e = -3;
  while (v % 10 == 0) {
    v /= 10;
    e++;
  }
  while (((e % 3) + 3) % 3 != 0) {
    v *= 10;
    e--;
  }
  if (q.format == Quantity::DecimalExponent) return sign + std::to_string(v) + (e == 0 ? "" : "e" + std::to_string(e));
  static const std::map<int, const char*> suffix = {{-3, "m"}, {0, ""},  {3, "k"},  {6, "M"},
                                                    {9, "G"},  {12, "T"}, {15, "P"}, {18, "E"}};
  auto it = suffix.find(e);
  if (it == suffix.end()) return sign + std::to_string(v) + "e" + std::to_string(e);
  return sign + std::to_string(v) + it->second;
}

std::string quantityString(const std::string& raw) {
  Quantity q = parseQuantity(raw);
  return q.valid ? quantityString(q) : raw;
}

using ResourceList = std::map<std::string, Quantity>;

void addResources(ResourceList& list, const StringMap& add) {
  for (const auto& [name, raw] : add) {
    Quantity q = parseQuantity(raw);
    if (!q.valid) continue;
    auto it = list.find(name);
    if (it == list.end()) list[name] = q;
    else it->second.milli += q.milli;  // Add keeps the receiver's format
  }
}
void maxResources(ResourceList& list, const ResourceList& other) {
  for (const auto& [name, q] : other) {
    auto it = list.find(name);
    if (it == list.end() || q.milli > it->second.milli) list[name] = q;
  }
}

// resourcehelper.PodRequestsAndLimits (no in-place resize, no overhead in the simulation).
std::pair<ResourceList, ResourceList> podRequestsAndLimits(const Pod& pod) {
  ResourceList reqs, limits;
  for (const auto& c : pod.spec.containers) {
    addResources(reqs, c.resources.requests);
    addResources(limits, c.resources.limits);
  }
  ResourceList initReqs, initLimits;
  for (const auto& c : pod.spec.initContainers) {
    ResourceList r, l;
    addResources(r, c.resources.requests);
    addResources(l, c.resources.limits);
    maxResources(initReqs, r);
    maxResources(initLimits, l);
  }
  maxResources(reqs, initReqs);
  maxResources(limits, initLimits);
  return {reqs, limits};
}

// qos.GetPodQOS.
std::string podQOS(const Pod& pod) {
  if (!pod.status.qosClass.empty()) return pod.status.qosClass;
  ResourceList requests, limits;
  bool guaranteed = true;
  auto process = [](ResourceList& list, const StringMap& m) {
    for (const auto& [name, raw] : m) {
      if (name != "cpu" && name != "memory") continue;
      Quantity q = parseQuantity(raw);
      if (!q.valid || q.milli <= 0) continue;
      auto it = list.find(name);
      if (it == list.end()) list[name] = q;
      else it->second.milli += q.milli;
    }
  };
  std::vector<const Container*> all;
  for (const auto& c : pod.spec.containers) all.push_back(&c);
  for (const auto& c : pod.spec.initContainers) all.push_back(&c);
  for (const auto* c : all) {
    process(requests, c->resources.requests);
    process(limits, c->resources.limits);
    std::set<std::string> limited;
    for (const auto& [name, raw] : c->resources.limits) {
      Quantity q = parseQuantity(raw);
      if ((name == "cpu" || name == "memory") && q.valid && q.milli > 0) limited.insert(name);
    }
    if (!limited.count("cpu") || !limited.count("memory")) guaranteed = false;
  }
  if (requests.empty() && limits.empty()) return "BestEffort";
  if (guaranteed) {
    for (const auto& [name, q] : requests) {
      auto it = limits.find(name);
      if (it == limits.end() || it->second.milli != q.milli) {
        guaranteed = false;
        break;
      }
    }
  }
  if (guaranteed && requests.size() == limits.size()) return "Guaranteed";
  return "Burstable";
}

// ---------------------------------------------------------------------------------------------
// Shared sections

// printLabelsMultilineWithIndent.
void printLabelsMultiline(Out& w, const std::string& title, const StringMap& labels,
                          const std::string& initialIndent = "", const std::string& innerIndent = "\t") {
  w.write(L0, initialIndent + title + ":" + innerIndent);
  if (labels.empty()) {
    w.writeLine("<none>");
    return;
  }
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) {
      w.write(L0, initialIndent);
      w.write(L0, innerIndent);
    }
    first = false;
    w.write(L0, k + "=" + v + "\n");
  }
}

// printAnnotationsMultiline: long or multi-line values go on their own lines, shortened to 140.
void printAnnotationsMultiline(Out& w, const std::string& title, const StringMap& annotations) {
  w.write(L0, title + ":\t");
  std::vector<std::string> keys;
  for (const auto& [k, v] : annotations)
    if (k != "kubectl.kubernetes.io/last-applied-configuration") keys.push_back(k);
  if (keys.empty()) {
    w.writeLine("<none>");
    return;
  }
  const size_t maxLen = 140;
  const std::string indent = "\t";
  for (size_t i = 0; i < keys.size(); i++) {
    if (i) w.write(L0, indent);
    std::string value = annotations.at(keys[i]);
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (value.size() + keys[i].size() + 2 > maxLen || value.find('\n') != std::string::npos) {
      w.write(L0, keys[i] + ":\n");
      for (const auto& s : split(value, '\n')) {
        std::string line = s.size() > maxLen - 2 ? s.substr(0, maxLen - 2) + "..." : s;
        w.write(L0, indent + "  " + line + "\n");
      }
    } else {
      w.write(L0, keys[i] + ": " + value + "\n");
    }
  }
}

void printTaintsMultiline(Out& w, const std::string& title, std::vector<Taint> taints) {
  w.write(L0, title + ":\t");
  if (taints.empty()) {
    w.writeLine("<none>");
    return;
  }
  std::stable_sort(taints.begin(), taints.end(), [](const Taint& a, const Taint& b) {
    return a.effect + "," + a.key < b.effect + "," + b.key;
  });
  for (size_t i = 0; i < taints.size(); i++) {
    const auto& t = taints[i];
    if (i) w.write(L0, "\t");
    std::string s;
    if (t.effect.empty()) s = t.value.empty() ? t.key : t.key + "=" + t.value + ":";
    else s = t.value.empty() ? t.key + ":" + t.effect : t.key + "=" + t.value + ":" + t.effect;
    w.write(L0, s + "\n");
  }
}

void printTolerationsMultiline(Out& w, const std::string& title, std::vector<Toleration> tolerations,
                               const std::string& initialIndent = "") {
  w.write(L0, initialIndent + title + ":\t");
  if (tolerations.empty()) {
    w.writeLine("<none>");
    return;
  }
  std::stable_sort(tolerations.begin(), tolerations.end(),
                   [](const Toleration& a, const Toleration& b) { return a.key < b.key; });
  for (size_t i = 0; i < tolerations.size(); i++) {
    const auto& t = tolerations[i];
    if (i) {
      w.write(L0, initialIndent);
      w.write(L0, "\t");
    }
    std::string s = t.key;
    if (!t.value.empty()) s += "=" + t.value;
    if (!t.effect.empty()) s += ":" + t.effect;
    if (t.op == "Exists" && t.value.empty()) s += (!t.key.empty() || !t.effect.empty()) ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds) s += " for " + std::to_string(*t.tolerationSeconds) + "s";
    w.write(L0, s + "\n");
  }
}

// DescribeEvents: flush the tabwriter, then a Type/Reason/Age/From/Message table.
void describeEvents(Out& w, Client& client, const Object& obj) {
  std::vector<Ptr<Event>> events;
  auto res = client.eventsFor(obj);
  if (res.ok()) events = res.value;
  events.erase(std::remove(events.begin(), events.end(), nullptr), events.end());
  if (events.empty()) {
    w.write(L0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  // event.SortableEvents by lastTimestamp (Go's sort.Sort is stable for short lists).
  std::stable_sort(events.begin(), events.end(), [](const Ptr<Event>& a, const Ptr<Event>& b) {
    Time at = a->lastTimestamp == kNoTime ? INT64_MIN : a->lastTimestamp;
    Time bt = b->lastTimestamp == kNoTime ? INT64_MIN : b->lastTimestamp;
    return at < bt;
  });
  Time now = client.now();
  w.write(L0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(L1, "----\t------\t----\t----\t-------\n");
  for (const auto& e : events) {
    std::string first = ageSince(e->firstTimestamp, now);
    std::string interval = e->count > 1 ? ageSince(e->lastTimestamp, now) + " (x" + std::to_string(e->count) +
                                              " over " + first + ")"
                                        : first;
    std::string source = !e->sourceComponent.empty() ? e->sourceComponent : e->reportingComponent;
    w.write(L1, e->type + "\t" + e->reason + "\t" + interval + "\t" + source + "\t" + trimSpace(e->message) + "\n");
  }
}

std::string controllerOf(const ObjectMeta& m) {
  if (const OwnerReference* r = m.controllerRef()) return r->kind + "/" + r->name;
  return "";
}

// DescribeProbe.
std::string describeProbe(const Json& p) {
  std::string attrs = "delay=" + std::to_string(num(p, "initialDelaySeconds")) + "s timeout=" +
                      std::to_string(num(p, "timeoutSeconds")) + "s period=" + std::to_string(num(p, "periodSeconds")) +
                      "s #success=" + std::to_string(num(p, "successThreshold")) +
                      " #failure=" + std::to_string(num(p, "failureThreshold"));
  if (field(p, "exec").is_object())
    return "exec [" + join(strings(field(field(p, "exec"), "command")), " ") + "] " + attrs;
  if (field(p, "httpGet").is_object()) {
    const Json& h = field(p, "httpGet");
    std::string scheme = str(h, "scheme");
    for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string port = intOrString(field(h, "port"));
    std::string host = str(h, "host");
    if (!port.empty()) host = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + port;
    std::string url = (scheme.empty() ? "" : scheme + ":") + "//" + host + str(h, "path");
    return "http-get " + url + " " + attrs;
  }
  if (field(p, "tcpSocket").is_object()) {
    const Json& t = field(p, "tcpSocket");
    return "tcp-socket " + str(t, "host") + ":" + intOrString(field(t, "port")) + " " + attrs;
  }
  if (field(p, "grpc").is_object()) {
    const Json& g = field(p, "grpc");
    return "grpc <pod>:" + std::to_string(num(g, "port")) + " " + str(g, "service") + " " + attrs;
  }
  return "unknown " + attrs;
}

// EnvValueRetriever: the value of a downward-API fieldRef for this pod.
std::string resolveFieldRef(const Pod* pod, const std::string& path) {
  if (!pod) return "";
  auto bracket = [&](const std::string& prefix, const StringMap& m) -> std::optional<std::string> {
    if (path.rfind(prefix + "['", 0) == 0 && path.size() > prefix.size() + 4 && path.substr(path.size() - 2) == "']") {
      std::string key = path.substr(prefix.size() + 2, path.size() - prefix.size() - 4);
      auto it = m.find(key);
      return it == m.end() ? "" : it->second;
    }
    return std::nullopt;
  };
  if (auto v = bracket("metadata.labels", pod->metadata.labels)) return *v;
  if (auto v = bracket("metadata.annotations", pod->metadata.annotations)) return *v;
  if (path == "metadata.name") return pod->metadata.name;
  if (path == "metadata.namespace") return pod->metadata.namespace_;
  if (path == "metadata.uid") return pod->metadata.uid;
  if (path == "spec.nodeName") return pod->spec.nodeName;
  if (path == "spec.serviceAccountName") return pod->spec.serviceAccountName;
  if (path == "status.hostIP") return pod->status.hostIP;
  if (path == "status.podIP") return pod->status.podIP;
  if (path == "status.podIPs") return join(pod->status.podIPs, ",");
  if (path == "status.hostIPs") return join(pod->status.hostIPs, ",");
  if (path == "metadata.labels") return "";
  return "";
}

void describeStatus(Out& w, const std::string& stateName, const ContainerState& s) {
  if (s.hasRunning) {
    w.write(L2, stateName + ":\tRunning\n");
    w.write(L3, "Started:\t" + rfc1123z(s.startedAt) + "\n");
  } else if (s.hasWaiting) {
    w.write(L2, stateName + ":\tWaiting\n");
    if (!s.reason.empty()) w.write(L3, "Reason:\t" + s.reason + "\n");
  } else if (s.hasTerminated) {
    w.write(L2, stateName + ":\tTerminated\n");
    if (!s.reason.empty()) w.write(L3, "Reason:\t" + s.reason + "\n");
    if (!s.message.empty()) w.write(L3, "Message:\t" + s.message + "\n");
    w.write(L3, "Exit Code:\t" + std::to_string(s.exitCode) + "\n");
    w.write(L3, "Started:\t" + rfc1123z(s.startedAt) + "\n");
    w.write(L3, "Finished:\t" + rfc1123z(s.finishedAt) + "\n");
  } else {
    w.write(L2, stateName + ":\tWaiting\n");
  }
}

void describeResources(Out& w, const ResourceRequirements& r, int level) {
  if (!r.limits.empty()) w.write(level, "Limits:\n");
  for (const auto& [name, q] : r.limits) w.write(level + 1, name + ":\t" + quantityString(q) + "\n");
  if (!r.requests.empty()) w.write(level, "Requests:\n");
  for (const auto& [name, q] : r.requests) w.write(level + 1, name + ":\t" + quantityString(q) + "\n");
}

// describeContainers; `pod` is null for pod templates (no statuses, no env resolution).
void describeContainers(Out& w, const std::string& label, const std::vector<Container>& containers,
                        const std::vector<ContainerStatus>& statuses, const Pod* pod, const std::string& space) {
  std::map<std::string, const ContainerStatus*> byName;
  for (const auto& s : statuses) byName[s.name] = &s;
  w.write(L0, space + label + ":" + (containers.empty() ? " <none>" : "") + "\n");
  const std::string nameIndent = space.empty() ? "" : " ";
  for (const auto& c : containers) {
    auto it = byName.find(c.name);
    const ContainerStatus* st = it == byName.end() ? nullptr : it->second;
    w.write(L1, nameIndent + c.name + ":\n");
    if (st) w.write(L2, "Container ID:\t" + st->containerID + "\n");
    w.write(L2, "Image:\t" + c.image + "\n");
    if (st) w.write(L2, "Image ID:\t" + st->imageID + "\n");
    std::vector<std::string> ports, hostPorts;
    for (const auto& p : c.ports) {
      ports.push_back(std::to_string(p.containerPort) + "/" + p.protocol);
      hostPorts.push_back(std::to_string(p.hostPort) + "/" + p.protocol);
    }
    std::string portStr = join(ports, ", "), hostStr = join(hostPorts, ", ");
    if (portStr.find(',') != std::string::npos) w.write(L2, "Ports:\t" + portStr + "\n");
    else w.write(L2, "Port:\t" + (portStr.empty() ? std::string("<none>") : portStr) + "\n");
    if (hostStr.find(',') != std::string::npos) w.write(L2, "Host Ports:\t" + hostStr + "\n");
    else w.write(L2, "Host Port:\t" + (hostStr.empty() ? std::string("<none>") : hostStr) + "\n");
    if (!c.command.empty()) {
      w.write(L2, "Command:\n");
      for (const auto& cmd : c.command)
        for (const auto& s : split(cmd, '\n')) w.write(L3, s + "\n");
    }
    if (!c.args.empty()) {
      w.write(L2, "Args:\n");
      for (const auto& a : c.args)
        for (const auto& s : split(a, '\n')) w.write(L3, s + "\n");
    }
    if (st) {
      describeStatus(w, "State", st->state);
      if (st->lastState.hasTerminated) describeStatus(w, "Last State", st->lastState);
      w.write(L2, std::string("Ready:\t") + (st->ready ? "True" : "False") + "\n");
      w.write(L2, "Restart Count:\t" + std::to_string(st->restartCount) + "\n");
    }
    describeResources(w, c.resources, L2);
    if (c.livenessProbe.is_object()) w.write(L2, "Liveness:\t" + describeProbe(c.livenessProbe) + "\n");
    if (c.readinessProbe.is_object()) w.write(L2, "Readiness:\t" + describeProbe(c.readinessProbe) + "\n");
    if (c.startupProbe.is_object()) w.write(L2, "Startup:\t" + describeProbe(c.startupProbe) + "\n");
    if (c.envFrom.is_array() && !c.envFrom.empty()) {
      w.write(L2, "Environment Variables from:\n");
      for (const auto& e : c.envFrom) {
        std::string from, name;
        bool optional = false;
        if (field(e, "configMapRef").is_object()) {
          from = "ConfigMap";
          name = str(field(e, "configMapRef"), "name");
          optional = flag(field(e, "configMapRef"), "optional");
        } else if (field(e, "secretRef").is_object()) {
          from = "Secret";
          name = str(field(e, "secretRef"), "name");
          optional = flag(field(e, "secretRef"), "optional");
        }
        std::string prefix = str(e, "prefix");
        std::string opt = std::string("Optional: ") + (optional ? "true" : "false");
        if (prefix.empty()) w.write(L3, name + "\t" + from + "\t" + opt + "\n");
        else w.write(L3, name + "\t" + from + " with prefix '" + prefix + "'\t" + opt + "\n");
      }
    }
    w.write(L2, std::string("Environment:") + (c.env.empty() ? "\t<none>" : "") + "\n");
    for (const auto& e : c.env) {
      if (!e.valueFrom.is_object()) {
        auto lines = split(e.value, '\n');
        for (size_t i = 0; i < lines.size(); i++) {
          if (i == 0) w.write(L3, e.name + ":\t" + lines[i] + "\n");
          else w.write(L3, "\t" + lines[i] + "\n");
        }
        continue;
      }
      const Json& vf = e.valueFrom;
      if (field(vf, "fieldRef").is_object()) {
        const Json& fr = field(vf, "fieldRef");
        std::string apiVersion = str(fr, "apiVersion");
        std::string path = str(fr, "fieldPath");
        std::string value = pod ? resolveFieldRef(pod, path) : "";
        w.write(L3, e.name + ":\t" + value + " (" + apiVersion + ":" + path + ")\n");
      } else if (field(vf, "resourceFieldRef").is_object()) {
        const Json& rf = field(vf, "resourceFieldRef");
        std::string resource = str(rf, "resource");
        std::string value;
        auto pick = [&](const StringMap& m, const std::string& key) {
          auto it = m.find(key);
          return it == m.end() ? std::string("0") : quantityString(it->second);
        };
        if (resource.rfind("limits.", 0) == 0) value = pick(c.resources.limits, resource.substr(7));
        else if (resource.rfind("requests.", 0) == 0) value = pick(c.resources.requests, resource.substr(9));
        if (value == "0" && (resource == "limits.cpu" || resource == "limits.memory")) value = "node allocatable";
        w.write(L3, e.name + ":\t" + value + " (" + resource + ")\n");
      } else if (field(vf, "secretKeyRef").is_object()) {
        const Json& s = field(vf, "secretKeyRef");
        w.write(L3, e.name + ":\t<set to the key '" + str(s, "key") + "' in secret '" + str(s, "name") +
                        "'>\tOptional: " + (flag(s, "optional") ? "true" : "false") + "\n");
      } else if (field(vf, "configMapKeyRef").is_object()) {
        const Json& s = field(vf, "configMapKeyRef");
        w.write(L3, e.name + ":\t<set to the key '" + str(s, "key") + "' of config map '" + str(s, "name") +
                        "'>\tOptional: " + (flag(s, "optional") ? "true" : "false") + "\n");
      }
    }
    // Mounts, sorted by mount path.
    std::vector<Json> mounts;
    if (c.volumeMounts.is_array())
      for (const auto& m : c.volumeMounts) mounts.push_back(m);
    w.write(L2, std::string("Mounts:") + (mounts.empty() ? "\t<none>" : "") + "\n");
    std::stable_sort(mounts.begin(), mounts.end(),
                     [](const Json& a, const Json& b) { return str(a, "mountPath") < str(b, "mountPath"); });
    for (const auto& m : mounts) {
      std::vector<std::string> flags = {flag(m, "readOnly") ? "ro" : "rw"};
      std::string sub = str(m, "subPath");
      if (!sub.empty()) flags.push_back("path=" + Json(sub).dump());
      w.write(L3, str(m, "mountPath") + " from " + str(m, "name") + " (" + join(flags, ",") + ")\n");
    }
  }
}

void describeVolumes(Out& w, const Json& volumes, const std::string& space) {
  if (!volumes.is_array() || volumes.empty()) {
    w.write(L0, space + "Volumes:\t<none>\n");
    return;
  }
  w.write(L0, space + "Volumes:\n");
  const std::string nameIndent = space.empty() ? "" : " ";
  for (const auto& v : volumes) {
    w.write(L1, nameIndent + str(v, "name") + ":\n");
    if (const Json& hp = field(v, "hostPath"); hp.is_object()) {
      std::string type = field(hp, "type").is_string() ? str(hp, "type") : "<none>";
      w.write(L2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + str(hp, "path") +
                      "\n    HostPathType:\t" + type + "\n");
    } else if (const Json& ed = field(v, "emptyDir"); ed.is_object()) {
      std::string size = "<unset>";
      if (field(ed, "sizeLimit").is_string()) {
        Quantity q = parseQuantity(str(ed, "sizeLimit"));
        if (q.valid && q.milli > 0) size = quantityString(q);
      }
      w.write(L2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" +
                      str(ed, "medium") + "\n    SizeLimit:\t" + size + "\n");
    } else if (const Json& sec = field(v, "secret"); sec.is_object()) {
      w.write(L2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" + str(sec, "secretName") +
                      "\n    Optional:\t" + (flag(sec, "optional") ? "true" : "false") + "\n");
    } else if (const Json& cm = field(v, "configMap"); cm.is_object()) {
      w.write(L2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" + str(cm, "name") +
                      "\n    Optional:\t" + (flag(cm, "optional") ? "true" : "false") + "\n");
    } else if (const Json& pvc = field(v, "persistentVolumeClaim"); pvc.is_object()) {
      w.write(L2,
              "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
              "    ClaimName:\t" + str(pvc, "claimName") + "\n    ReadOnly:\t" + (flag(pvc, "readOnly") ? "true" : "false") + "\n");
    } else if (const Json& da = field(v, "downwardAPI"); da.is_object()) {
      w.write(L2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
      if (field(da, "items").is_array())
        for (const auto& item : field(da, "items")) {
          if (field(item, "fieldRef").is_object())
            w.write(L3, str(field(item, "fieldRef"), "fieldPath") + " -> " + str(item, "path") + "\n");
          if (field(item, "resourceFieldRef").is_object())
            w.write(L3, str(field(item, "resourceFieldRef"), "resource") + " -> " + str(item, "path") + "\n");
        }
    } else if (const Json& pr = field(v, "projected"); pr.is_object()) {
      w.write(L2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      if (field(pr, "sources").is_array())
        for (const auto& s : field(pr, "sources")) {
          if (field(s, "secret").is_object()) {
            w.write(L2, "SecretName:\t" + str(field(s, "secret"), "name") + "\n    SecretOptionalName:\t" +
                            boolPtr(field(s, "secret"), "optional") + "\n");
          } else if (field(s, "downwardAPI").is_object()) {
            w.write(L2, "DownwardAPI:\ttrue\n");
          } else if (field(s, "configMap").is_object()) {
            w.write(L2, "ConfigMapName:\t" + str(field(s, "configMap"), "name") + "\n    ConfigMapOptional:\t" +
                            boolPtr(field(s, "configMap"), "optional") + "\n");
          } else if (field(s, "serviceAccountToken").is_object()) {
            w.write(L2, "TokenExpirationSeconds:\t" +
                            std::to_string(num(field(s, "serviceAccountToken"), "expirationSeconds")) + "\n");
          }
        }
    } else {
      w.write(L1, "<unknown>\n");
    }
  }
}

// DescribePodTemplate.
void describePodTemplate(Out& w, const PodTemplateSpec* t) {
  w.write(L0, "Pod Template:\n");
  if (!t) {
    w.write(L1, "<unset>");  // sic: kubectl writes no newline here
    return;
  }
  printLabelsMultiline(w, "  Labels", t->metadata.labels);
  if (!t->metadata.annotations.empty()) printAnnotationsMultiline(w, "  Annotations", t->metadata.annotations);
  if (!t->spec.serviceAccountName.empty()) w.write(L1, "Service Account:\t" + t->spec.serviceAccountName + "\n");
  if (!t->spec.initContainers.empty()) describeContainers(w, "Init Containers", t->spec.initContainers, {}, nullptr, "  ");
  describeContainers(w, "Containers", t->spec.containers, {}, nullptr, "  ");
  describeVolumes(w, t->spec.volumes, "  ");
  if (!t->spec.priorityClassName.empty()) w.write(L1, "Priority Class Name:\t" + t->spec.priorityClassName + "\n");
  printLabelsMultiline(w, "  Node-Selectors", t->spec.nodeSelector);
  printTolerationsMultiline(w, "  Tolerations", t->spec.tolerations);
}

// Workload conditions ("Type Status Reason") from a verbatim conditions array.
void describeConditionsJson(Out& w, const Json& conditions) {
  if (!conditions.is_array() || conditions.empty()) return;
  w.write(L0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(L1, "----\t------\t------\n");
  for (const auto& c : conditions) w.write(L1, str(c, "type") + " \t" + str(c, "status") + "\t" + str(c, "reason") + "\n");
}

// getPodStatusForController: pods matching the selector and controlled by `uid`, by phase.
std::string podsStatus(Client& client, const std::string& ns, const std::string& selector, const std::string& uid,
                       std::string* error) {
  int running = 0, waiting = 0, succeeded = 0, failed = 0;
  auto pods = client.list<Pod>(ns, selector);
  if (!pods.ok()) {
    if (error) *error = pods.status.message;
  } else {
    for (const auto& p : pods.value) {
      if (!p) continue;
      const OwnerReference* ref = p->metadata.controllerRef();
      if (!ref || ref->uid != uid) continue;
      if (p->status.phase == "Running") running++;
      else if (p->status.phase == "Pending") waiting++;
      else if (p->status.phase == "Succeeded") succeeded++;
      else if (p->status.phase == "Failed") failed++;
    }
  }
  return std::to_string(running) + " Running / " + std::to_string(waiting) + " Waiting / " +
         std::to_string(succeeded) + " Succeeded / " + std::to_string(failed) + " Failed";
}

// ---------------------------------------------------------------------------------------------
// Describers

std::string describePod(Client& client, const Pod& pod) {
  Out w;
  w.write(L0, "Name:\t" + pod.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + pod.metadata.namespace_ + "\n");
  if (pod.spec.priority) w.write(L0, "Priority:\t" + std::to_string(*pod.spec.priority) + "\n");
  if (!pod.spec.priorityClassName.empty()) w.write(L0, "Priority Class Name:\t" + pod.spec.priorityClassName + "\n");
  if (!pod.spec.serviceAccountName.empty()) w.write(L0, "Service Account:\t" + pod.spec.serviceAccountName + "\n");
  if (pod.spec.nodeName.empty()) w.write(L0, "Node:\t<none>\n");
  else w.write(L0, "Node:\t" + pod.spec.nodeName + "/" + pod.status.hostIP + "\n");
  if (pod.status.startTime != kNoTime) w.write(L0, "Start Time:\t" + rfc1123z(pod.status.startTime) + "\n");
  printLabelsMultiline(w, "Labels", pod.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp != kNoTime && pod.status.phase != "Failed" && pod.status.phase != "Succeeded") {
    w.write(L0, "Status:\tTerminating (lasts " + ageSince(pod.metadata.deletionTimestamp, client.now()) + ")\n");
    w.write(L0, "Termination Grace Period:\t" + std::to_string(pod.metadata.deletionGracePeriodSeconds.value_or(0)) +
                    "s\n");
  } else {
    w.write(L0, "Status:\t" + pod.status.phase + "\n");
  }
  if (!pod.status.reason.empty()) w.write(L0, "Reason:\t" + pod.status.reason + "\n");
  if (!pod.status.message.empty()) w.write(L0, "Message:\t" + pod.status.message + "\n");
  w.write(L0, "IP:\t" + pod.status.podIP + "\n");
  if (pod.status.podIPs.empty()) {
    w.write(L0, "IPs:\t<none>\n");
  } else {
    w.write(L0, "IPs:\n");
    for (const auto& ip : pod.status.podIPs) w.write(L1, "IP:\t" + ip + "\n");
  }
  if (auto by = controllerOf(pod.metadata); !by.empty()) w.write(L0, "Controlled By:\t" + by + "\n");
  if (!pod.status.nominatedNodeName.empty()) w.write(L0, "NominatedNodeName:\t" + pod.status.nominatedNodeName + "\n");
  if (!pod.spec.initContainers.empty())
    describeContainers(w, "Init Containers", pod.spec.initContainers, pod.status.initContainerStatuses, &pod, "");
  describeContainers(w, "Containers", pod.spec.containers, pod.status.containerStatuses, &pod, "");
  if (!pod.status.conditions.empty()) {
    w.write(L0, "Conditions:\n  Type\tStatus\n");
    for (const auto& c : pod.status.conditions) w.write(L1, c.type + " \t" + c.status + " \n");
  }
  describeVolumes(w, pod.spec.volumes, "");
  w.write(L0, "QoS Class:\t" + podQOS(pod) + "\n");
  printLabelsMultiline(w, "Node-Selectors", pod.spec.nodeSelector);
  printTolerationsMultiline(w, "Tolerations", pod.spec.tolerations);
  describeEvents(w, client, pod);
  return w.str();
}

std::string describeReplicaSet(Client& client, const ReplicaSet& rs) {
  Out w;
  w.write(L0, "Name:\t" + rs.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + rs.metadata.namespace_ + "\n");
  w.write(L0, "Selector:\t" + formatLabelSelector(rs.spec.selector) + "\n");
  printLabelsMultiline(w, "Labels", rs.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
  if (auto by = controllerOf(rs.metadata); !by.empty()) w.write(L0, "Controlled By:\t" + by + "\n");
  w.write(L0, "Replicas:\t" + std::to_string(rs.status.replicas) + " current / " +
                  std::to_string(rs.spec.replicas.value_or(0)) + " desired\n");
  w.write(L0, "Pods Status:\t");
  std::string err;
  std::string status = podsStatus(client, rs.metadata.namespace_, labelSelectorString(rs.spec.selector), rs.metadata.uid, &err);
  if (!err.empty()) w.write(L0, "error in fetching pods: " + err + "\n");
  else w.write(L0, status + "\n");
  describePodTemplate(w, &rs.spec.template_);
  describeConditionsJson(w, rs.status.conditions);
  describeEvents(w, client, rs);
  return w.str();
}

std::string describeReplicationController(Client& client, const ReplicationController& rc) {
  Out w;
  w.write(L0, "Name:\t" + rc.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + rc.metadata.namespace_ + "\n");
  w.write(L0, "Selector:\t" + formatLabels(rc.spec.selector) + "\n");
  printLabelsMultiline(w, "Labels", rc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", rc.metadata.annotations);
  w.write(L0, "Replicas:\t" + std::to_string(rc.status.replicas) + " current / " +
                  std::to_string(rc.spec.replicas.value_or(0)) + " desired\n");
  std::string sel;
  for (const auto& [k, v] : rc.spec.selector) sel += (sel.empty() ? "" : ",") + k + "=" + v;
  w.write(L0, "Pods Status:\t" + podsStatus(client, rc.metadata.namespace_, sel, rc.metadata.uid, nullptr) + "\n");
  describePodTemplate(w, rc.spec.template_ ? &*rc.spec.template_ : nullptr);
  describeConditionsJson(w, rc.status.conditions);
  describeEvents(w, client, rc);
  return w.str();
}

// deploymentutil.equalIgnoreHash: templates equal apart from the pod-template-hash label.
bool equalIgnoreHash(const PodTemplateSpec& a, const PodTemplateSpec& b) {
  PodTemplateSpec x = a, y = b;
  x.metadata.labels.erase("pod-template-hash");
  y.metadata.labels.erase("pod-template-hash");
  return toJson(x) == toJson(y);
}

std::string describeDeployment(Client& client, const Deployment& d) {
  Out w;
  w.write(L0, "Name:\t" + d.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + d.metadata.namespace_ + "\n");
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(d.metadata.creationTimestamp) + "\n");
  printLabelsMultiline(w, "Labels", d.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
  w.write(L0, "Selector:\t" + labelSelectorString(d.spec.selector) + "\n");
  w.write(L0, "Replicas:\t" + std::to_string(d.spec.replicas.value_or(0)) + " desired | " +
                  std::to_string(d.status.updatedReplicas) + " updated | " + std::to_string(d.status.replicas) +
                  " total | " + std::to_string(d.status.availableReplicas) + " available | " +
                  std::to_string(d.status.unavailableReplicas) + " unavailable\n");
  w.write(L0, "StrategyType:\t" + d.spec.strategy.type + "\n");
  w.write(L0, "MinReadySeconds:\t" + std::to_string(d.spec.minReadySeconds) + "\n");
  const auto& st = d.spec.strategy;
  if (st.type == "RollingUpdate" || st.maxUnavailable || st.maxSurge) {
    w.write(L0, "RollingUpdateStrategy:\t" + (st.maxUnavailable ? st.maxUnavailable->str() : "<nil>") +
                    " max unavailable, " + (st.maxSurge ? st.maxSurge->str() : "<nil>") + " max surge\n");
  }
  describePodTemplate(w, &d.spec.template_);
  if (!d.status.conditions.empty()) {
    w.write(L0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(L1, "----\t------\t------\n");
    for (const auto& c : d.status.conditions) w.write(L1, c.type + " \t" + c.status + "\t" + c.reason + "\n");
  }
  // deploymentutil.GetAllReplicaSetsInChunks: owned ReplicaSets by creation time; the oldest
  // whose template matches is the new one, every other one is old.
  std::vector<Ptr<ReplicaSet>> owned;
  auto list = client.list<ReplicaSet>(d.metadata.namespace_, labelSelectorString(d.spec.selector));
  if (list.ok()) {
    for (const auto& rs : list.value) {
      if (!rs) continue;
      const OwnerReference* ref = rs->metadata.controllerRef();
      if (ref && ref->uid == d.metadata.uid) owned.push_back(rs);
    }
    std::stable_sort(owned.begin(), owned.end(), [](const Ptr<ReplicaSet>& a, const Ptr<ReplicaSet>& b) {
      if (a->metadata.creationTimestamp / 1000 == b->metadata.creationTimestamp / 1000)
        return a->metadata.name < b->metadata.name;
      return a->metadata.creationTimestamp < b->metadata.creationTimestamp;
    });
    Ptr<ReplicaSet> newRS;
    for (const auto& rs : owned)
      if (equalIgnoreHash(rs->spec.template_, d.spec.template_)) {
        newRS = rs;
        break;
      }
    std::vector<std::string> oldNames, newNames;
    auto fmt = [](const ReplicaSet& rs) {
      return rs.metadata.name + " (" + std::to_string(rs.status.replicas) + "/" +
             std::to_string(rs.spec.replicas.value_or(0)) + " replicas created)";
    };
    for (const auto& rs : owned)
      if (rs != newRS) oldNames.push_back(fmt(*rs));
    if (newRS) newNames.push_back(fmt(*newRS));
    if (!oldNames.empty() || !newNames.empty()) {
      w.write(L0, "OldReplicaSets:\t" + (oldNames.empty() ? std::string("<none>") : join(oldNames, ", ")) + "\n");
      w.write(L0, "NewReplicaSet:\t" + (newNames.empty() ? std::string("<none>") : join(newNames, ", ")) + "\n");
    }
  }
  describeEvents(w, client, d);
  return w.str();
}

// formatEndpointSlices over the slices the EndpointSlice controller would mirror from the
// Endpoints object: ready addresses only, at most three, for the ports with this name.
std::string serviceEndpoints(const Endpoints* ep, const std::string& portName) {
  if (!ep) return "<none>";
  std::vector<std::string> list;
  const size_t max = 3;
  bool more = false;
  size_t count = 0;
  for (const auto& ss : ep->subsets) {
    if (ss.ports.empty()) {
      for (const auto& a : ss.addresses) {
        if (list.size() == max) more = true;
        if (!more) list.push_back(a.ip);
        count++;
      }
      continue;
    }
    for (const auto& p : ss.ports) {
      if (p.name != portName) continue;
      for (const auto& a : ss.addresses) {
        if (list.size() == max) more = true;
        if (!more)
          list.push_back((a.ip.find(':') != std::string::npos ? "[" + a.ip + "]" : a.ip) + ":" + std::to_string(p.port));
        count++;
      }
    }
  }
  std::string ret = join(list, ",");
  if (more) return ret + " + " + std::to_string(count - max) + " more...";
  return ret;
}

std::string describeService(Client& client, const Service& svc) {
  Ptr<Endpoints> ep;
  if (auto r = client.get<Endpoints>(svc.metadata.namespace_, svc.metadata.name); r.ok()) ep = r.value;
  Out w;
  w.write(L0, "Name:\t" + svc.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + svc.metadata.namespace_ + "\n");
  printLabelsMultiline(w, "Labels", svc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
  w.write(L0, "Selector:\t" + formatLabels(svc.spec.selector) + "\n");
  w.write(L0, "Type:\t" + svc.spec.type + "\n");
  if (!svc.spec.ipFamilyPolicy.empty()) w.write(L0, "IP Family Policy:\t" + svc.spec.ipFamilyPolicy + "\n");
  w.write(L0, "IP Families:\t" + (svc.spec.ipFamilies.empty() ? std::string("<none>") : join(svc.spec.ipFamilies, ",")) + "\n");
  w.write(L0, "IP:\t" + svc.spec.clusterIP + "\n");
  w.write(L0, "IPs:\t" + (svc.spec.clusterIPs.empty() ? std::string("<none>") : join(svc.spec.clusterIPs, ",")) + "\n");
  if (!svc.spec.externalIPs.empty()) w.write(L0, "External IPs:\t" + join(svc.spec.externalIPs, ",") + "\n");
  if (!svc.spec.loadBalancerIP.empty()) w.write(L0, "Desired LoadBalancer IP:\t" + svc.spec.loadBalancerIP + "\n");
  if (!svc.status.loadBalancerIngress.empty()) {
    std::vector<std::string> parts;
    for (const auto& in : svc.status.loadBalancerIngress) {
      if (!in.ip.empty()) parts.push_back(in.ip + (in.ipMode.empty() ? "" : " (" + in.ipMode + ")"));
      else parts.push_back(in.hostname);
    }
    w.write(L0, "LoadBalancer Ingress:\t" + join(parts, ", ") + "\n");
  }
  for (const auto& p : svc.spec.ports) {
    std::string name = p.name.empty() ? "<unset>" : p.name;
    w.write(L0, "Port:\t" + name + "\t" + std::to_string(p.port) + "/" + p.protocol + "\n");
    w.write(L0, "TargetPort:\t" + p.targetPort.str() + "/" + p.protocol + "\n");
    if (p.nodePort != 0) w.write(L0, "NodePort:\t" + name + "\t" + std::to_string(p.nodePort) + "/" + p.protocol + "\n");
    w.write(L0, "Endpoints:\t" + serviceEndpoints(ep.get(), p.name) + "\n");
  }
  w.write(L0, "Session Affinity:\t" + svc.spec.sessionAffinity + "\n");
  if (!svc.spec.externalTrafficPolicy.empty())
    w.write(L0, "External Traffic Policy:\t" + svc.spec.externalTrafficPolicy + "\n");
  if (!svc.spec.internalTrafficPolicy.empty())
    w.write(L0, "Internal Traffic Policy:\t" + svc.spec.internalTrafficPolicy + "\n");
  describeEvents(w, client, svc);
  return w.str();
}

std::string describeEndpoints(Client& client, const Endpoints& ep) {
  Out w;
  w.write(L0, "Name:\t" + ep.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + ep.metadata.namespace_ + "\n");
  printLabelsMultiline(w, "Labels", ep.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ep.metadata.annotations);
  w.write(L0, "Subsets:\n");
  for (const auto& ss : ep.subsets) {
    std::vector<std::string> ready, notReady;
    for (const auto& a : ss.addresses) ready.push_back(a.ip);
    for (const auto& a : ss.notReadyAddresses) notReady.push_back(a.ip);
    std::string r = join(ready, ","), n = join(notReady, ",");
    w.write(L1, "Addresses:\t" + (r.empty() ? std::string("<none>") : r) + "\n");
    w.write(L1, "NotReadyAddresses:\t" + (n.empty() ? std::string("<none>") : n) + "\n");
    if (!ss.ports.empty()) {
      w.write(L1, "Ports:\n");
      w.write(L2, "Name\tPort\tProtocol\n");
      w.write(L2, "----\t----\t--------\n");
      for (const auto& p : ss.ports)
        w.write(L2, (p.name.empty() ? std::string("<unset>") : p.name) + "\t" + std::to_string(p.port) + "\t" +
                        p.protocol + "\n");
    }
    w.write(L0, "\n");
  }
  describeEvents(w, client, ep);
  return w.str();
}

std::string describeNamespace(Client& client, const Namespace& ns) {
  (void)client;
  Out w;
  w.write(L0, "Name:\t" + ns.metadata.name + "\n");
  printLabelsMultiline(w, "Labels", ns.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
  w.write(L0, "Status:\t" + ns.phase + "\n");
  // ResourceQuotas and LimitRanges are not simulated: the lists are empty.
  w.write(L0, "\n");
  w.write(L0, "No resource quota.\n");
  w.write(L0, "\n");
  w.write(L0, "No LimitRange resource.\n");
  return w.str();
}

// The node's Lease (kube-node-lease/<node>), which its kubelet renews every 10 s.
void describeNodeLease(Out& w, Client& client, const std::string& node) {
  auto got = client.get<Lease>("kube-node-lease", node);
  if (!got.ok()) return w.write(L0, "Lease:\tFailed to get lease: " + got.status.message + "\n");
  const Lease* lease = got.value.get();
  auto when = [](Time t) { return t == kNoTime ? std::string("<unset>") : rfc1123z(t); };
  w.write(L0, "Lease:\n");
  w.write(L1, "HolderIdentity:\t" + (lease && !lease->holderIdentity.empty() ? lease->holderIdentity : "<unset>") + "\n");
  w.write(L1, "AcquireTime:\t" + when(lease ? lease->acquireTime : kNoTime) + "\n");
  w.write(L1, "RenewTime:\t" + when(lease ? lease->renewTime : kNoTime) + "\n");
}

std::string describeNode(Client& client, const Node& node) {
  Out w;
  w.write(L0, "Name:\t" + node.metadata.name + "\n");
  auto roles = nodeRoles(node.metadata.labels);
  w.write(L0, "Roles:\t" + (roles.empty() ? std::string("<none>") : join(roles, ",")) + "\n");
  printLabelsMultiline(w, "Labels", node.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(node.metadata.creationTimestamp) + "\n");
  printTaintsMultiline(w, "Taints", node.spec.taints);
  w.write(L0, std::string("Unschedulable:\t") + (node.spec.unschedulable ? "true" : "false") + "\n");
  describeNodeLease(w, client, node.metadata.name);
  if (!node.status.conditions.empty()) {
    w.write(L0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(L1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const auto& c : node.status.conditions)
      w.write(L1, c.type + " \t" + c.status + " \t" + rfc1123z(c.lastHeartbeatTime) + " \t" +
                      rfc1123z(c.lastTransitionTime) + " \t" + c.reason + " \t" + c.message + "\n");
  }
  w.write(L0, "Addresses:\n");
  for (const auto& a : node.status.addresses) w.write(L1, a.type + ":\t" + a.address + "\n");
  auto printResources = [&](const StringMap& list) {
    for (const auto& [name, q] : list) w.write(L0, "  " + name + ":\t" + quantityString(q) + "\n");
  };
  if (!node.status.capacity.empty()) {
    w.write(L0, "Capacity:\n");
    printResources(node.status.capacity);
  }
  if (!node.status.allocatable.empty()) {
    w.write(L0, "Allocatable:\n");
    printResources(node.status.allocatable);
  }
  const auto& info = node.status.nodeInfo;
  w.write(L0, "System Info:\n");
  w.write(L0, "  Machine ID:\t" + info.machineID + "\n");
  w.write(L0, "  System UUID:\t" + info.systemUUID + "\n");
  w.write(L0, "  Boot ID:\t" + info.bootID + "\n");
  w.write(L0, "  Kernel Version:\t" + info.kernelVersion + "\n");
  w.write(L0, "  OS Image:\t" + info.osImage + "\n");
  w.write(L0, "  Operating System:\t" + info.operatingSystem + "\n");
  w.write(L0, "  Architecture:\t" + info.architecture + "\n");
  w.write(L0, "  Container Runtime Version:\t" + info.containerRuntimeVersion + "\n");
  w.write(L0, "  Kubelet Version:\t" + info.kubeletVersion + "\n");
  w.write(L0, "  Kube-Proxy Version:\t" + info.kubeProxyVersion + "\n");
  if (!node.spec.podCIDR.empty()) w.write(L0, "PodCIDR:\t" + node.spec.podCIDR + "\n");
  if (!node.spec.podCIDRs.empty()) w.write(L0, "PodCIDRs:\t" + join(node.spec.podCIDRs, ",") + "\n");
  if (!node.spec.providerID.empty()) w.write(L0, "ProviderID:\t" + node.spec.providerID + "\n");

  auto podsRes = client.list<Pod>("", "", "spec.nodeName=" + node.metadata.name +
                                              ",status.phase!=Succeeded,status.phase!=Failed");
  if (!podsRes.ok() && podsRes.status.code == 403) {
    w.write(L0, "Pods:\tnot authorized\n");
  } else {
    std::vector<Ptr<Pod>> pods;
    if (podsRes.ok())
      for (const auto& p : podsRes.value)
        if (p) pods.push_back(p);
    const StringMap& alloc = node.status.allocatable.empty() ? node.status.capacity : node.status.allocatable;
    auto allocOf = [&](const char* name) {
      auto it = alloc.find(name);
      return it == alloc.end() ? Quantity{} : parseQuantity(it->second);
    };
    Quantity allocCpu = allocOf("cpu"), allocMem = allocOf("memory"), allocEph = allocOf("ephemeral-storage");
    auto valueOf = [](const Quantity& q) { return q.milli <= 0 ? q.milli / 1000 : (q.milli + 999) / 1000; };
    auto pct = [](double part, double whole) -> int64_t {
      if (whole == 0) return 0;
      return static_cast<int64_t>(part / whole * 100);
    };
    w.write(L0, "Non-terminated Pods:\t(" + std::to_string(pods.size()) + " in total)\n");
    w.write(L1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.write(L1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    ResourceList totalReqs, totalLimits;
    for (const auto& p : pods) {
      auto [req, lim] = podRequestsAndLimits(*p);
      auto get = [](const ResourceList& l, const char* n) {
        auto it = l.find(n);
        return it == l.end() ? Quantity{} : it->second;
      };
      Quantity cr = get(req, "cpu"), cl = get(lim, "cpu"), mr = get(req, "memory"), ml = get(lim, "memory");
      w.write(L1, p->metadata.namespace_ + "\t" + p->metadata.name + "\t\t" + quantityString(cr) + " (" +
                      std::to_string(pct(cr.milli, allocCpu.milli)) + "%)\t" + quantityString(cl) + " (" +
                      std::to_string(pct(cl.milli, allocCpu.milli)) + "%)\t" + quantityString(mr) + " (" +
                      std::to_string(pct(valueOf(mr), valueOf(allocMem))) + "%)\t" + quantityString(ml) + " (" +
                      std::to_string(pct(valueOf(ml), valueOf(allocMem))) + "%)\t" +
                      ageSince(p->metadata.creationTimestamp, client.now()) + "\n");
      for (const auto& [n, q] : req) {
        auto it = totalReqs.find(n);
        if (it == totalReqs.end()) totalReqs[n] = q;
        else it->second.milli += q.milli;
      }
      for (const auto& [n, q] : lim) {
        auto it = totalLimits.find(n);
        if (it == totalLimits.end()) totalLimits[n] = q;
        else it->second.milli += q.milli;
      }
    }
    auto total = [](const ResourceList& l, const std::string& n) {
      auto it = l.find(n);
      return it == l.end() ? Quantity{} : it->second;
    };
    w.write(L0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.write(L1, "Resource\tRequests\tLimits\n");
    w.write(L1, "--------\t--------\t------\n");
    auto line = [&](const std::string& name, const Quantity& r, const Quantity& l, int64_t rp, int64_t lp) {
      w.write(L1, name + "\t" + quantityString(r) + " (" + std::to_string(rp) + "%)\t" + quantityString(l) + " (" +
                      std::to_string(lp) + "%)\n");
    };
    Quantity cr = total(totalReqs, "cpu"), cl = total(totalLimits, "cpu");
    Quantity mr = total(totalReqs, "memory"), ml = total(totalLimits, "memory");
    Quantity er = total(totalReqs, "ephemeral-storage"), el = total(totalLimits, "ephemeral-storage");
    line("cpu", cr, cl, pct(cr.milli, allocCpu.milli), pct(cl.milli, allocCpu.milli));
    line("memory", mr, ml, pct(valueOf(mr), valueOf(allocMem)), pct(valueOf(ml), valueOf(allocMem)));
    line("ephemeral-storage", er, el, pct(valueOf(er), valueOf(allocEph)), pct(valueOf(el), valueOf(allocEph)));
    std::vector<std::string> huge, ext;
    for (const auto& [name, q] : alloc) {
      if (name.rfind("hugepages-", 0) == 0) huge.push_back(name);
      else if (name != "cpu" && name != "memory" && name != "ephemeral-storage" && name != "pods") ext.push_back(name);
    }
    for (const auto& name : huge) {
      Quantity r = total(totalReqs, name), l = total(totalLimits, name), a = allocOf(name.c_str());
      line(name, r, l, pct(valueOf(r), valueOf(a)), pct(valueOf(l), valueOf(a)));
    }
    for (const auto& name : ext)
      w.write(L1, name + "\t" + quantityString(total(totalReqs, name)) + "\t" + quantityString(total(totalLimits, name)) + "\n");
  }
  describeEvents(w, client, node);
  return w.str();
}

// ---------------------------------------------------------------------------------------------
// ConfigMap, Secret, DaemonSet, Job, EndpointSlice (describe.go's describers for them)

std::string describeConfigMap(Client& client, const ConfigMap& cm) {
  Out w;
  w.write(L0, "Name:\t" + cm.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + cm.metadata.namespace_ + "\n");
  printLabelsMultiline(w, "Labels", cm.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
  w.write(L0, "\nData\n====\n");
  for (const auto& [k, v] : cm.data) {
    w.write(L0, k + ":\n----\n");
    w.write(L0, v + "\n");
    w.write(L0, "\n");
  }
  w.write(L0, "\nBinaryData\n====\n");
  for (const auto& [k, v] : cm.binaryData) {
    bool ok = true;
    w.write(L0, k + ": " + std::to_string(base64Decode(v, &ok).size()) + " bytes\n");
  }
  w.write(L0, "\n");
  describeEvents(w, client, cm);
  return w.str();
}

std::string describeSecret(const Secret& sec) {
  Out w;
  w.write(L0, "Name:\t" + sec.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + sec.metadata.namespace_ + "\n");
  printLabelsMultiline(w, "Labels", sec.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", sec.metadata.annotations);
  w.write(L0, "\nType:\t" + sec.type + "\n");
  w.write(L0, "\nData\n====\n");
  for (const auto& [k, v] : sec.data) {
    std::string raw = base64Decode(v);
    if (k == "token" && sec.type == "kubernetes.io/service-account-token") w.write(L0, k + ":\t" + raw + "\n");
    else w.write(L0, k + ":\t" + std::to_string(raw.size()) + " bytes\n");
  }
  return w.str();
}

std::string describeDaemonSet(Client& client, const DaemonSet& ds) {
  Out w;
  const auto& st = ds.status;
  // describe.go's DaemonSet describer prints no Namespace line.
  w.write(L0, "Name:\t" + ds.metadata.name + "\n");
  w.write(L0, "Selector:\t" + labelSelectorString(ds.spec.selector) + "\n");
  w.write(L0, "Node-Selector:\t" + formatLabels(ds.spec.template_.spec.nodeSelector) + "\n");
  printLabelsMultiline(w, "Labels", ds.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
  w.write(L0, "Desired Number of Nodes Scheduled: " + std::to_string(st.desiredNumberScheduled) + "\n");
  w.write(L0, "Current Number of Nodes Scheduled: " + std::to_string(st.currentNumberScheduled) + "\n");
  w.write(L0, "Number of Nodes Scheduled with Up-to-date Pods: " + std::to_string(st.updatedNumberScheduled) + "\n");
  w.write(L0, "Number of Nodes Scheduled with Available Pods: " + std::to_string(st.numberAvailable) + "\n");
  w.write(L0, "Number of Nodes Misscheduled: " + std::to_string(st.numberMisscheduled) + "\n");
  std::string err;
  std::string status = podsStatus(client, ds.metadata.namespace_, labelSelectorString(ds.spec.selector), ds.metadata.uid, &err);
  w.write(L0, "Pods Status:\t" + (err.empty() ? status : "error in fetching pods: " + err) + "\n");
  describePodTemplate(w, &ds.spec.template_);
  describeEvents(w, client, ds);
  return w.str();
}

std::string describeJob(Client& client, const Job& job) {
  Out w;
  const auto& sp = job.spec;
  const auto& st = job.status;
  w.write(L0, "Name:\t" + job.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + job.metadata.namespace_ + "\n");
  w.write(L0, "Selector:\t" + (sp.selector ? labelSelectorString(*sp.selector) : std::string()) + "\n");
  printLabelsMultiline(w, "Labels", job.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", job.metadata.annotations);
  if (auto by = controllerOf(job.metadata); !by.empty()) w.write(L0, "Controlled By:\t" + by + "\n");
  if (sp.parallelism) w.write(L0, "Parallelism:\t" + std::to_string(*sp.parallelism) + "\n");
  w.write(L0, "Completions:\t" + (sp.completions ? std::to_string(*sp.completions) : std::string("<unset>")) + "\n");
  if (!sp.completionMode.empty()) w.write(L0, "Completion Mode:\t" + sp.completionMode + "\n");
  if (sp.suspend) w.write(L0, std::string("Suspend:\t") + (*sp.suspend ? "true" : "false") + "\n");
  if (sp.backoffLimit) w.write(L0, "Backoff Limit:\t" + std::to_string(*sp.backoffLimit) + "\n");
  if (sp.ttlSecondsAfterFinished) w.write(L0, "TTL Seconds After Finished:\t" + std::to_string(*sp.ttlSecondsAfterFinished) + "\n");
  if (st.startTime != kNoTime) w.write(L0, "Start Time:\t" + rfc1123z(st.startTime) + "\n");
  if (st.completionTime != kNoTime) w.write(L0, "Completed At:\t" + rfc1123z(st.completionTime) + "\n");
  if (st.startTime != kNoTime && st.completionTime != kNoTime)
    w.write(L0, "Duration:\t" + humanDuration(st.completionTime - st.startTime) + "\n");
  if (sp.activeDeadlineSeconds) w.write(L0, "Active Deadline Seconds:\t" + std::to_string(*sp.activeDeadlineSeconds) + "s\n");
  if (!st.ready)
    w.write(L0, "Pods Statuses:\t" + std::to_string(st.active) + " Active / " + std::to_string(st.succeeded) +
                    " Succeeded / " + std::to_string(st.failed) + " Failed\n");
  else
    w.write(L0, "Pods Statuses:\t" + std::to_string(st.active) + " Active (" + std::to_string(*st.ready) + " Ready) / " +
                    std::to_string(st.succeeded) + " Succeeded / " + std::to_string(st.failed) + " Failed\n");
  describePodTemplate(w, &sp.template_);
  describeEvents(w, client, job);
  return w.str();
}

std::string describeEndpointSlice(Client& client, const EndpointSlice& es) {
  Out w;
  w.write(L0, "Name:\t" + es.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + es.metadata.namespace_ + "\n");
  printLabelsMultiline(w, "Labels", es.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", es.metadata.annotations);
  w.write(L0, "AddressType:\t" + es.addressType + "\n");
  if (es.ports.empty()) {
    w.write(L0, "Ports: <unset>\n");
  } else {
    w.write(L0, "Ports:\n");
    w.write(L1, "Name\tPort\tProtocol\n");
    w.write(L1, "----\t----\t--------\n");
    for (const auto& p : es.ports)
      w.write(L1, (p.name && !p.name->empty() ? *p.name : std::string("<unset>")) + "\t" +
                      (p.port ? std::to_string(*p.port) : std::string("<unset>")) + "\t" + p.protocol.value_or("") + "\n");
  }
  if (es.endpoints.empty()) {
    w.write(L0, "Endpoints: <none>\n");
  } else {
    w.write(L0, "Endpoints:\n");
    for (const auto& e : es.endpoints) {
      std::string addrs = join(e.addresses, ", ");
      w.write(L1, "- Addresses:\t" + (addrs.empty() ? std::string("<none>") : addrs) + "\n");
      w.write(L2, "Conditions:\n");
      w.write(L3, "Ready:\t" + (e.conditions.ready ? std::string(*e.conditions.ready ? "true" : "false") : std::string("<unset>")) + "\n");
      w.write(L2, "Hostname:\t" + (e.hostname.empty() ? std::string("<unset>") : e.hostname) + "\n");
      if (e.targetRef) w.write(L2, "TargetRef:\t" + e.targetRef->kind + "/" + e.targetRef->name + "\n");
      w.write(L2, "NodeName:\t" + (e.nodeName.empty() ? std::string("<unset>") : e.nodeName) + "\n");
      w.write(L2, "Zone:\t" + (e.zone.empty() ? std::string("<unset>") : e.zone) + "\n");
    }
  }
  describeEvents(w, client, es);
  return w.str();
}

}  // namespace

// smartLabelFor: "creationTimestamp" -> "Creation Timestamp", "apiVersion" -> "API Version";
// a field with characters other than letters and '-' stays as it is.
std::string smartLabel(const std::string& field) {
  for (char c : field)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-') return field;
  // camelcase.Split: a new word at each lower->upper change and before the last capital of a run.
  std::vector<std::string> parts;
  std::string cur;
  for (size_t i = 0; i < field.size(); i++) {
    char c = field[i];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    bool prevLower = i > 0 && !std::isupper(static_cast<unsigned char>(field[i - 1]));
    bool nextLower = i + 1 < field.size() && std::islower(static_cast<unsigned char>(field[i + 1]));
    bool prevUpper = i > 0 && std::isupper(static_cast<unsigned char>(field[i - 1]));
    if (!cur.empty() && upper && (prevLower || (prevUpper && nextLower))) {
      parts.push_back(cur);
      cur.clear();
    }
    cur += c;
  }
  if (!cur.empty()) parts.push_back(cur);
  std::string out;
  for (auto part : parts) {
    std::string up = part;
    for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (up == "API" || up == "URL" || up == "UID" || up == "OSB" || up == "GUID") part = up;
    else part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
    out += (out.empty() ? "" : " ") + part;
  }
  return out;
}

// Go's %v of a decoded JSON scalar.
std::string goValue(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "<nil>";
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == static_cast<double>(static_cast<long long>(d)) && std::abs(d) < 1e21) return std::to_string(static_cast<long long>(d));
  }
  return v.dump();
}

// printUnstructuredContent: fields sorted, maps and lists one level deeper.
void printUnstructured(Out& w, int level, const Json& content, const std::string& prefix, const std::set<std::string>& skip) {
  if (!content.is_object()) return;
  for (auto it = content.begin(); it != content.end(); ++it) {
    std::string path = prefix + "." + it.key();
    if (skip.count(path)) continue;
    const Json& v = it.value();
    if (v.is_object()) {
      w.write(level, smartLabel(it.key()) + ":\n");
      printUnstructured(w, level + 1, v, path, skip);
    } else if (v.is_array()) {
      w.write(level, smartLabel(it.key()) + ":\n");
      for (const auto& child : v) {
        if (child.is_object()) printUnstructured(w, level + 1, child, path, skip);
        else w.write(level + 1, goValue(child) + "\n");
      }
    } else {
      w.write(level, smartLabel(it.key()) + ":\t" + goValue(v) + "\n");
    }
  }
}

// kubectl's generic describer, for the kinds kept as JSON: name, namespace, labels and
// annotations, then every other field of the object, then its events.
std::string describeGeneric(Client& client, const JsonObject& o) {
  Out w;
  w.write(L0, "Name:\t" + o.metadata.name + "\n");
  w.write(L0, "Namespace:\t" + o.metadata.namespace_ + "\n");
  printLabelsMultiline(w, "Labels", o.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", o.metadata.annotations);
  // Numbers as Go's unstructured decoding has them (float64), so 2 prints as 2.
  printUnstructured(w, L0, o.toJson(), "",
                    {".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
                     ".metadata.annotations"});
  describeEvents(w, client, o);
  return w.str();
}

Result<std::string> describe(Client& client, const ResourceInfo& r, const std::string& ns, const std::string& name) {
  try {
    auto got = client.get(r, ns, name);
    if (!got.ok()) return got.status;
    const Object* o = got.value.get();
    if (!o) return Status::notFound(r, name);
    if (auto* p = dynamic_cast<const Pod*>(o)) return describePod(client, *p);
    if (auto* d = dynamic_cast<const Deployment*>(o)) return describeDeployment(client, *d);
    if (auto* rs = dynamic_cast<const ReplicaSet*>(o)) return describeReplicaSet(client, *rs);
    if (auto* rc = dynamic_cast<const ReplicationController*>(o)) return describeReplicationController(client, *rc);
    if (auto* s = dynamic_cast<const Service*>(o)) return describeService(client, *s);
    if (auto* n = dynamic_cast<const Node*>(o)) return describeNode(client, *n);
    if (auto* e = dynamic_cast<const Endpoints*>(o)) return describeEndpoints(client, *e);
    if (auto* n = dynamic_cast<const Namespace*>(o)) return describeNamespace(client, *n);
    if (auto* cm = dynamic_cast<const ConfigMap*>(o)) return describeConfigMap(client, *cm);
    if (auto* sec = dynamic_cast<const Secret*>(o)) return describeSecret(*sec);
    if (auto* ds = dynamic_cast<const DaemonSet*>(o)) return describeDaemonSet(client, *ds);
    if (auto* job = dynamic_cast<const Job*>(o)) return describeJob(client, *job);
    if (auto* es = dynamic_cast<const EndpointSlice*>(o)) return describeEndpointSlice(client, *es);
    if (auto* jo = dynamic_cast<const JsonObject*>(o)) return describeGeneric(client, *jo);
    // kubectl's generic describer is not modelled; report it as kubectl does for unknown kinds.
    return Status::badRequest("no description has been implemented for " + std::string(o->apiVersion()) +
                              ", Kind=" + o->kind());
  } catch (const std::exception& e) {
    return Status::badRequest(e.what());
  } catch (...) {
    return Status::badRequest("describe failed");
  }
}

std::string describePodTemplateText(const PodTemplateSpec& t) {
  Out w;
  describePodTemplate(w, &t);
  return w.raw();
}

}  // namespace kp
