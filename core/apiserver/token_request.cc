// The serviceaccounts/token subresource (POST a TokenRequest, as `kubectl create token` does):
// validated as the registry does (expirationSeconds at least 10 minutes and at most 2^32 s, a
// bound object that exists), answered with a TokenRequest whose status carries a JWT. Its
// header and claims are the real ones (aud, exp, iat, iss, jti, kubernetes.io, nbf, sub); the
// signature is random bytes, since nothing here verifies tokens.
#include "core/api/base64.h"
#include "core/api/json.h"
#include "core/apiserver/apiserver.h"
#include "core/apiserver/route.h"

namespace kp {

namespace {

Response statusResponse(const Status& s) { return Response{s.code, s.toJson(), "", false, nullptr, ""}; }

std::string base64Url(const std::string& in) {
  std::string s = base64Encode(in);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (auto& c : s) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
  }
  return s;
}

std::string randomBytes(Rng& rng, size_t n) {
  std::string out;
  while (out.size() < n) {
    uint64_t v = rng.next();
    for (int i = 0; i < 8 && out.size() < n; i++) out += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  return out;
}

constexpr const char* kIssuer = "https://kubernetes.default.svc.cluster.local";
constexpr int64_t kDefaultExpirationSeconds = 3600;

}  // namespace

Response ApiServer::tokenRequest(const Route& rt, const Request& req, const ObjectPtr& sa) {
  if (req.method != "POST")
    return statusResponse(Status::methodNotAllowed("the server does not allow this method on the requested resource"));
  ResourceInfo tokenInfo = *rt.r;
  tokenInfo.kind = "TokenRequest";
  tokenInfo.group = "authentication.k8s.io";
  const Json empty = Json::object();
  const Json& body = req.body.is_object() ? req.body : empty;
  Json spec = body.contains("spec") && body["spec"].is_object() ? body["spec"] : Json::object();
  int64_t expiration = kDefaultExpirationSeconds;
  if (spec.contains("expirationSeconds") && spec["expirationSeconds"].is_number_integer())
    expiration = spec["expirationSeconds"].get<int64_t>();
  std::vector<StatusCause> causes;
  if (expiration < 600)
    causes.push_back({"FieldValueInvalid", "Invalid value: " + std::to_string(expiration) + ": may not specify a duration less than 10 minutes", "spec.expirationSeconds"});
  else if (expiration > (int64_t{1} << 32))
    causes.push_back({"FieldValueInvalid", "Invalid value: " + std::to_string(expiration) + ": may not specify a duration larger than 2^32 seconds", "spec.expirationSeconds"});
  if (!causes.empty()) return statusResponse(Status::invalid(tokenInfo, rt.name, std::move(causes)));

  std::vector<std::string> audiences;
  if (spec.contains("audiences") && spec["audiences"].is_array())
    for (const auto& a : spec["audiences"])
      if (a.is_string()) audiences.push_back(a.get<std::string>());
  if (audiences.empty()) audiences.push_back(kIssuer);

  Json claimsK8s = {{"namespace", rt.ns},
                    {"serviceaccount", {{"name", sa->metadata.name}, {"uid", sa->metadata.uid}}}};
  Json boundRef = nullptr;
  if (spec.contains("boundObjectRef") && spec["boundObjectRef"].is_object()) {
    const Json& ref = spec["boundObjectRef"];
    std::string kind = ref.value("kind", ""), name = ref.value("name", ""), uid = ref.value("uid", "");
    const ResourceInfo* r = kind == "Pod" || kind == "Secret" || kind == "Node" ? resourceForKind(kind) : nullptr;
    if (!r) {
      return statusResponse(Status::badRequest("cannot bind token for serviceaccount \"" + rt.name +
                                               "\" to object of kind \"" + kind + "\""));
    }
    ObjectPtr target = store_.get(*r, r->namespaced ? rt.ns : "", name);
    if (!target) return statusResponse(Status::notFound(*r, name));
    if (!uid.empty() && uid != target->metadata.uid)
      return statusResponse(Status::conflict(*r, name, "the UID in the bound object reference (" + uid +
                                                           ") does not match the UID in record. The object might have been deleted and then recreated"));
    std::string key = kind == "Pod" ? "pod" : kind == "Secret" ? "secret" : "node";
    claimsK8s[key] = {{"name", name}, {"uid", target->metadata.uid}};
    boundRef = {{"kind", kind}, {"apiVersion", "v1"}, {"name", name}, {"uid", target->metadata.uid}};
  }
  const int64_t iat = now() / 1000, exp = iat + expiration;
  Json claims = {{"aud", audiences},
                 {"exp", exp},
                 {"iat", iat},
                 {"iss", kIssuer},
                 {"jti", rng_.uuid()},
                 {"kubernetes.io", claimsK8s},
                 {"nbf", iat},
                 {"sub", "system:serviceaccount:" + rt.ns + ":" + sa->metadata.name}};
  Json header = {{"alg", "RS256"}, {"kid", base64Url(randomBytes(rng_, 32))}};
  std::string token = base64Url(header.dump()) + "." + base64Url(claims.dump()) + "." + base64Url(randomBytes(rng_, 256));

  Json outSpec = {{"audiences", audiences}, {"expirationSeconds", expiration}, {"boundObjectRef", boundRef}};
  Json out = {{"kind", "TokenRequest"},
              {"apiVersion", "authentication.k8s.io/v1"},
              {"metadata", {{"name", sa->metadata.name}, {"namespace", rt.ns}, {"creationTimestamp", formatTime(now())}}},
              {"spec", outSpec},
              {"status", {{"token", token}, {"expirationTimestamp", formatTime(exp * 1000)}}}};
  return Response{201, out, "", false, nullptr, ""};
}

}  // namespace kp
