#include "core/api/status.h"

namespace kp {

Json Status::toJson() const {
  Json j = {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", Json::object()},
            {"status", ok() ? "Success" : "Failure"}, {"message", message}, {"reason", reason},
            {"code", code}};
  Json d = Json::object();
  if (!name.empty()) d["name"] = name;
  if (!group.empty()) d["group"] = group;
  if (!kind.empty()) d["kind"] = kind;
  if (!causes.empty()) {
    Json cs = Json::array();
    for (const auto& c : causes) cs.push_back({{"reason", c.type}, {"message", c.message}, {"field", c.field}});
    d["causes"] = cs;
  }
  if (!d.empty()) j["details"] = d;
  if (reason.empty()) j.erase("reason");
  if (message.empty()) j.erase("message");
  return j;
}

Status Status::fromJson(const Json& j) {
  Status s;
  s.code = j.value("code", 500);
  s.reason = j.value("reason", "");
  s.message = j.value("message", "");
  if (j.contains("details") && j["details"].is_object()) {
    const Json& d = j["details"];
    s.name = d.value("name", "");
    s.group = d.value("group", "");
    s.kind = d.value("kind", "");
    if (d.contains("causes") && d["causes"].is_array())
      for (const auto& c : d["causes"])
        s.causes.push_back({c.value("reason", ""), c.value("message", ""), c.value("field", "")});
  }
  return s;
}

Status Status::notFound(const ResourceInfo& r, const std::string& name) {
  Status s{404, "NotFound", r.qualified() + " \"" + name + "\" not found"};
  s.name = name;
  s.group = r.group;
  s.kind = r.resource;
  return s;
}

Status Status::alreadyExists(const ResourceInfo& r, const std::string& name) {
  Status s{409, "AlreadyExists", r.qualified() + " \"" + name + "\" already exists"};
  s.name = name;
  s.group = r.group;
  s.kind = r.resource;
  return s;
}

Status Status::badRequest(const std::string& message) { return Status{400, "BadRequest", message}; }

Status Status::conflict(const ResourceInfo& r, const std::string& name, const std::string& why) {
  Status s{409, "Conflict",
           "Operation cannot be fulfilled on " + r.qualified() + " \"" + name + "\": " + why};
  s.name = name;
  s.group = r.group;
  s.kind = r.resource;
  return s;
}

Status Status::methodNotAllowed(const std::string& message) {
  return Status{405, "MethodNotAllowed", message};
}

Status Status::invalid(const ResourceInfo& r, const std::string& name, std::vector<StatusCause> causes) {
  // The message names the qualified kind ("Deployment.apps"); details.kind the bare kind.
  std::string msg = (r.group.empty() ? r.kind : r.kind + "." + r.group) + " \"" + name + "\" is invalid: ";
  if (causes.size() == 1) {
    msg += causes[0].field + ": " + causes[0].message;
  } else {
    msg += "[";
    for (size_t i = 0; i < causes.size(); i++)
      msg += (i ? ", " : "") + causes[i].field + ": " + causes[i].message;
    msg += "]";
  }
  Status s{422, "Invalid", msg};
  s.name = name;
  s.group = r.group;
  s.kind = r.kind;
  s.causes = std::move(causes);
  return s;
}

}  // namespace kp
