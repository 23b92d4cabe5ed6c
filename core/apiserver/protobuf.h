// The Kubernetes protobuf wire format, the part real kubectl sends: client-go 1.32's typed
// clients encode every `kubectl create <generator>`, `create token`, `autoscale` and drain's pod
// deletions (`--disable-eviction`) as application/vnd.kubernetes.protobuf. The native endpoint
// decodes such a body to the object's JSON form before the request handler sees it; answers
// stay JSON, which kubectl accepts.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/api/types.h"

namespace kp {

inline constexpr std::string_view kProtobufContentType = "application/vnd.kubernetes.protobuf";

struct ProtobufLimits {
  // Messages nested deeper than this are refused (the tables nest about 14 deep).
  int maxDepth = 32;
  // At most this many JSON values per body, plus one per body byte: an empty element costs two
  // bytes on the wire but prints as a whole default object, so bodies could otherwise multiply.
  size_t baseValues = 4096;
};

// Decodes a body of the form "k8s\0" + runtime.Unknown{typeMeta, raw} into the object's JSON
// (with apiVersion and kind), printed as Go's encoding/json prints the typed object: the same
// fields omitted, null and {} where Go prints them. Unknown fields are skipped. nullopt with
// *error set when the body is malformed or its kind is not one this decoder knows; never
// throws, never reads past the input.
std::optional<Json> protobufToJson(std::string_view body, std::string* error, const ProtobufLimits& limits = {});

}  // namespace kp
