// Server-side Table rows for the configuration, DaemonSet, Job and EndpointSlice kinds, with the
// cells computed as pkg/printers/internalversion/printers.go computes them in 1.32.
#include "core/apiserver/tables_kinds.h"

#include "core/apiserver/tables.h"

namespace kp {

namespace {

constexpr const char* kNameDoc =
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
constexpr const char* kCreationDoc =
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

Json column(const char* name, const char* type, const char* description, int priority = 0, const char* format = "") {
  return Json{{"name", name}, {"type", type}, {"format", format}, {"description", description}, {"priority", priority}};
}
Json nameColumn() { return column("Name", "string", kNameDoc, 0, "name"); }
Json ageColumn() { return column("Age", "string", kCreationDoc); }
Json templateColumns(Json cols, const char* selectorDoc) {
  cols.push_back(column("Containers", "string", "Names of each container in the template.", 1));
  cols.push_back(column("Images", "string", "Images referenced by each container in the template.", 1));
  cols.push_back(column("Selector", "string", selectorDoc, 1));
  return cols;
}

std::pair<std::string, std::string> containerCells(const std::vector<Container>& containers) {
  std::string names, images;
  for (size_t i = 0; i < containers.size(); i++) {
    names += (i ? "," : "") + containers[i].name;
    images += (i ? "," : "") + containers[i].image;
  }
  return {names, images};
}

// listWithMoreString: at most three items, then " + N more...", "<unset>" when empty.
std::string listWithMore(const std::vector<std::string>& all) {
  const size_t max = 3;
  std::string out;
  for (size_t i = 0; i < all.size() && i < max; i++) out += (i ? "," : "") + all[i];
  if (all.size() > max) return out + " + " + std::to_string(all.size() - max) + " more...";
  return out.empty() ? "<unset>" : out;
}

bool hasJobCondition(const Job& job, const std::string& type) {
  for (const auto& c : job.status.conditions)
    if (c.type == type) return c.status == "True";
  return false;
}

}  // namespace

Json kindsTableColumns(const std::string& kind) {
  if (kind == "Lease")
    return Json::array({nameColumn(),
                        column("Holder", "string", "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field."),
                        ageColumn()});
  if (kind == "ConfigMap")
    return Json::array({nameColumn(),
                        column("Data", "string", "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
                        ageColumn()});
  if (kind == "Secret")
    return Json::array({nameColumn(),
                        column("Type", "string", "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
                        column("Data", "string", "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
                        ageColumn()});
  if (kind == "DaemonSet")
    return templateColumns(
        Json::array({nameColumn(),
                     column("Desired", "integer", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
                     column("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
                     column("Ready", "integer", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
                     column("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
                     column("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
                     column("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
                     ageColumn()}),
        "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors");
  if (kind == "Job")
    return templateColumns(
        Json::array({nameColumn(), column("Status", "string", "Status of the job."),
                     column("Completions", "string", "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs."),
                     column("Duration", "string", "Time required to complete the job."), ageColumn()}),
        "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors");
  if (kind == "EndpointSlice")
    return Json::array({nameColumn(),
                        column("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name. (Deprecated) The EndpointSlice controller only generates, and kube-proxy only processes, slices of addressType \"IPv4\" and \"IPv6\". No semantics are defined for the \"FQDN\" type."),
                        column("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. Each slice may include a maximum of 100 ports. Services always have at least 1 port, so EndpointSlices generated by the EndpointSlice controller will likewise always have at least 1 port. EndpointSlices used for other purposes may have an empty ports list."),
                        column("Endpoints", "string", "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints."),
                        ageColumn()});
  return nullptr;
}

Json kindsTableRow(const Object& o, Time now) {
  std::string age = ageSince(o.metadata.creationTimestamp, now);
  if (auto* l = dynamic_cast<const Lease*>(&o)) return Json::array({l->metadata.name, l->holderIdentity, age});
  if (auto* cm = dynamic_cast<const ConfigMap*>(&o))
    return Json::array({cm->metadata.name, static_cast<int64_t>(cm->data.size() + cm->binaryData.size()), age});
  if (auto* s = dynamic_cast<const Secret*>(&o))
    return Json::array({s->metadata.name, s->type, static_cast<int64_t>(s->data.size()), age});
  if (auto* ds = dynamic_cast<const DaemonSet*>(&o)) {
    const auto& st = ds->status;
    auto [names, images] = containerCells(ds->spec.template_.spec.containers);
    return Json::array({ds->metadata.name, st.desiredNumberScheduled, st.currentNumberScheduled, st.numberReady,
                        st.updatedNumberScheduled, st.numberAvailable, formatLabels(ds->spec.template_.spec.nodeSelector),
                        age, names, images, formatLabelSelector(ds->spec.selector)});
  }
  if (auto* job = dynamic_cast<const Job*>(&o)) {
    std::string completions;
    if (job->spec.completions) {
      completions = std::to_string(job->status.succeeded) + "/" + std::to_string(*job->spec.completions);
    } else {
      int parallelism = job->spec.parallelism.value_or(0);
      completions = std::to_string(job->status.succeeded) + "/1";
      if (parallelism > 1) completions += " of " + std::to_string(parallelism);
    }
    std::string duration;
    if (job->status.startTime != kNoTime) {
      Time end = job->status.completionTime != kNoTime ? job->status.completionTime : now;
      duration = humanDuration(end - job->status.startTime);
    }
    std::string status = "Running";
    if (hasJobCondition(*job, "Complete")) status = "Complete";
    else if (hasJobCondition(*job, "Failed")) status = "Failed";
    else if (job->metadata.deletionTimestamp != kNoTime) status = "Terminating";
    else if (hasJobCondition(*job, "Suspended")) status = "Suspended";
    else if (hasJobCondition(*job, "FailureTarget")) status = "FailureTarget";
    auto [names, images] = containerCells(job->spec.template_.spec.containers);
    return Json::array({job->metadata.name, status, completions, duration, age, names, images,
                        job->spec.selector ? formatLabelSelector(*job->spec.selector) : std::string("<none>")});
  }
  if (auto* es = dynamic_cast<const EndpointSlice*>(&o)) {
    std::vector<std::string> ports, addrs;
    for (const auto& p : es->ports) ports.push_back(p.port ? std::to_string(*p.port) : p.name ? *p.name : "*");
    for (const auto& e : es->endpoints)
      for (const auto& a : e.addresses) addrs.push_back(a);
    return Json::array({es->metadata.name, es->addressType, listWithMore(ports), listWithMore(addrs), age});
  }
  return nullptr;
}

}  // namespace kp
