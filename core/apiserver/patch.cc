#include "core/apiserver/patch.h"

#include <map>

namespace kp {

Json mergePatch(const Json& target, const Json& patch) {
  if (!patch.is_object()) return patch;
  Json out = target.is_object() ? target : Json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) out.erase(it.key());
    else out[it.key()] = mergePatch(out.contains(it.key()) ? out[it.key()] : Json(), it.value());
  }
  return out;
}

namespace {

// patchMergeKey of the list fields kubectl patches (from the core/v1 and apps/v1 struct tags).
const char* mergeKeyFor(const std::string& field) {
  static const std::map<std::string, const char*> keys = {
      {"containers", "name"}, {"initContainers", "name"}, {"ephemeralContainers", "name"},
      {"env", "name"}, {"volumes", "name"}, {"volumeMounts", "mountPath"},
      {"ports", "containerPort"}, {"imagePullSecrets", "name"}, {"conditions", "type"},
      {"ownerReferences", "uid"}, {"hostAliases", "ip"}, {"topologySpreadConstraints", "topologyKey"},
      {"volumeDevices", "devicePath"}, {"addresses", "type"}, {"taints", "key"}};
  auto it = keys.find(field);
  return it == keys.end() ? nullptr : it->second;
}

Json smp(const Json& target, const Json& patch);

Json mergeList(const Json& target, const Json& patch, const char* key, const Json* order) {
  Json out = target.is_array() ? target : Json::array();
  for (const auto& item : patch) {
    if (!item.is_object() || !item.contains(key)) {
      out.push_back(item);
      continue;
    }
    std::string directive = item.value("$patch", "");
    bool found = false;
    for (size_t i = 0; i < out.size(); i++) {
      if (out[i].is_object() && out[i].contains(key) && out[i][key] == item[key]) {
        if (directive == "delete") out.erase(out.begin() + static_cast<long>(i));
        else out[i] = smp(out[i], item);
        found = true;
        break;
      }
    }
    if (!found && directive != "delete") {
      Json clean = item;
      clean.erase("$patch");
      out.push_back(smp(Json::object(), clean));
    }
  }
  if (order && order->is_array()) {
    // $setElementOrder: reorder by the given keys, others keep their place after them.
    Json sorted = Json::array();
    std::vector<bool> used(out.size(), false);
    for (const auto& o : *order)
      for (size_t i = 0; i < out.size(); i++)
        if (!used[i] && out[i].is_object() && o.is_object() && o.contains(key) && out[i].contains(key) && out[i][key] == o[key]) {
          sorted.push_back(out[i]);
          used[i] = true;
        }
    for (size_t i = 0; i < out.size(); i++)
      if (!used[i]) sorted.push_back(out[i]);
    out = sorted;
  }
  return out;
}

Json smp(const Json& target, const Json& patch) {
  if (!patch.is_object()) return patch;
  if (patch.value("$patch", "") == "replace") {
    Json p = patch;
    p.erase("$patch");
    return p;
  }
  Json out = target.is_object() ? target : Json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& k = it.key();
    if (k.rfind("$setElementOrder/", 0) == 0 || k == "$retainKeys" || k == "$patch" ||
        k.rfind("$deleteFromPrimitiveList/", 0) == 0)
      continue;
    const Json& v = it.value();
    if (v.is_null()) {
      out.erase(k);
    } else if (v.is_array() && mergeKeyFor(k) && out.contains(k)) {
      std::string orderKey = "$setElementOrder/" + k;
      const Json* order = patch.contains(orderKey) ? &patch[orderKey] : nullptr;
      out[k] = mergeList(out[k], v, mergeKeyFor(k), order);
    } else if (v.is_object()) {
      out[k] = smp(out.contains(k) ? out[k] : Json(), v);
    } else {
      out[k] = v;
    }
  }
  if (patch.contains("$retainKeys") && patch["$retainKeys"].is_array()) {
    Json kept = Json::object();
    for (const auto& key : patch["$retainKeys"])
      if (key.is_string() && out.contains(key.get<std::string>())) kept[key.get<std::string>()] = out[key.get<std::string>()];
    out = kept;
  }
  return out;
}

}  // namespace

Json strategicMergePatch(const Json& target, const Json& patch) { return smp(target, patch); }

std::optional<Json> jsonPatch(const Json& target, const Json& ops, std::string* error) {
  if (!ops.is_array()) {
    if (error) *error = "json: cannot unmarshal object into Go value of type jsonpatch.Patch";
    return std::nullopt;
  }
  try {
    return target.patch(ops);
  } catch (const Json::exception& e) {
    if (error) *error = e.what();
    return std::nullopt;
  }
}

}  // namespace kp
