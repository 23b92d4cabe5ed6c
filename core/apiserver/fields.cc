// The fields each kind can be selected by (the registries' GetAttrs / SelectableFields).
#include "core/apiserver/fields.h"

namespace kp {

std::optional<std::string> selectableField(const Object& o, const std::string& field) {
  if (field == "metadata.name") return o.metadata.name;
  if (field == "metadata.namespace") return o.metadata.namespace_;
  std::string kind = o.kind();
  if (kind == "Pod") {
    const auto& p = static_cast<const Pod&>(o);
    if (field == "spec.nodeName") return p.spec.nodeName;
    if (field == "spec.restartPolicy") return p.spec.restartPolicy;
    if (field == "spec.schedulerName") return p.spec.schedulerName;
    if (field == "spec.serviceAccountName") return p.spec.serviceAccountName;
    if (field == "status.phase") return p.status.phase;
    if (field == "status.podIP") return p.status.podIP;
    if (field == "status.nominatedNodeName") return p.status.nominatedNodeName;
  } else if (kind == "Event") {
    const auto& e = static_cast<const Event&>(o);
    const auto& io = e.involvedObject;
    if (field == "involvedObject.kind") return io.kind;
    if (field == "involvedObject.namespace") return io.namespace_;
    if (field == "involvedObject.name") return io.name;
    if (field == "involvedObject.uid") return io.uid;
    if (field == "involvedObject.apiVersion") return io.apiVersion;
    if (field == "involvedObject.resourceVersion") return io.resourceVersion;
    if (field == "involvedObject.fieldPath") return io.fieldPath;
    if (field == "reason") return e.reason;
    if (field == "reportingComponent") return e.reportingComponent;
    if (field == "source") return e.sourceComponent;
    if (field == "type") return e.type;
  } else if (kind == "Node") {
    if (field == "spec.unschedulable") return static_cast<const Node&>(o).spec.unschedulable ? "true" : "false";
  } else if (kind == "Namespace") {
    if (field == "status.phase") return static_cast<const Namespace&>(o).phase;
  }
  return std::nullopt;
}

}  // namespace kp
