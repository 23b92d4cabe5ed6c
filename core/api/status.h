// metav1.Status errors with the API server's reasons and messages, and a value-or-error result.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/api/resources.h"
#include "core/api/types.h"

namespace kp {

struct StatusCause {
  std::string type, message, field;
};

struct Status {
  int code = 200;
  std::string reason;  // NotFound, AlreadyExists, Invalid, BadRequest, Conflict, ...
  std::string message;
  // details
  std::string name, group, kind;
  std::vector<StatusCause> causes;

  bool ok() const { return code < 400; }
  Json toJson() const;
  static Status fromJson(const Json& j);

  static Status success() { return {}; }
  static Status notFound(const ResourceInfo& r, const std::string& name);
  static Status alreadyExists(const ResourceInfo& r, const std::string& name);
  static Status badRequest(const std::string& message);
  static Status conflict(const ResourceInfo& r, const std::string& name, const std::string& why);
  static Status methodNotAllowed(const std::string& message);
  // 422: `<Kind> "<name>" is invalid: <field>: <message>; ...`, with one cause per error.
  static Status invalid(const ResourceInfo& r, const std::string& name, std::vector<StatusCause> causes);
};

template <class T>
struct Result {
  Status status;
  T value{};
  Result(T v) : value(std::move(v)) {}  // NOLINT: implicit on purpose
  Result(Status s) : status(std::move(s)) {}  // NOLINT
  bool ok() const { return status.ok(); }
};

}  // namespace kp
