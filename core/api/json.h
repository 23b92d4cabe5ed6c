// The JSON wire form of the typed objects: encoding field for field as the API server writes
// it (omitempty fields left out), and decoding with errors instead of exceptions.
#pragma once
#include <string>

#include "core/api/types.h"

namespace kp {

// RFC 3339 at second precision in UTC ("2026-11-27T03:47:19Z"), or null for kNoTime.
std::string formatTime(Time t);
Json timeJson(Time t);
// metav1.MicroTime: RFC 3339 with microseconds ("2026-11-27T03:47:19.250000Z").
std::string formatMicroTime(Time t);
// Parses RFC 3339 ("...Z" or with an offset); nullopt when malformed.
std::optional<Time> parseTime(const std::string& s);

Json toJson(const ObjectMeta& m);
Json toJson(const PodTemplateSpec& t);
Json toJson(const LabelSelector& s);
Json toJson(const PodSpec& s);
Json toJson(const IntOrString& v);

// Decoders return false and set *error (Go's encoding/json wording) on a type mismatch.
bool fromJson(const Json& j, ObjectMeta& m, std::string* error);
bool fromJson(const Json& j, PodTemplateSpec& t, std::string* error);

// Decodes any known kind named by j["kind"]; nullptr with *error set otherwise.
std::shared_ptr<Object> objectFromJson(const Json& j, std::string* error);

}  // namespace kp
