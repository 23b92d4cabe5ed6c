// What the API server answers before any object is touched: /version, legacy and aggregated
// discovery (/api, /apis, /api/v1, /apis/<group>[/<version>]) and the OpenAPI v3 stubs that let
// `kubectl apply` validate on the server. Every list is built from allResources(), so a kind
// added to the resource table shows up in discovery as it is.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/apiserver/rest.h"

namespace kp {

// The answer for a discovery, version or OpenAPI path; nullopt when req.path is none of those
// (the caller routes it to the resources). Aggregated discovery is chosen from req.accept and
// sets Response::contentType to the variant served, since clients pick the format from it.
std::optional<Response> serveDiscovery(const Request& req);

// The documents, for tests and other front ends.
inline constexpr std::string_view kAggregatedDiscoveryV2 =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
inline constexpr std::string_view kAggregatedDiscoveryV2Beta1 =
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

Json versionInfo();
Json apiVersionsDocument();   // GET /api: APIVersions
Json apiGroupListDocument();  // GET /apis: APIGroupList
// GET /api/v1 or /apis/<group>/<version>: APIResourceList; nullopt for a group version not served.
std::optional<Json> apiResourceListDocument(const std::string& group, const std::string& version);
// GET /api (core = true) or /apis with an aggregated Accept: APIGroupDiscoveryList, apiVersion
// apidiscovery.k8s.io/v2 or v2beta1 (the two have the same shape).
Json aggregatedDiscoveryDocument(bool core, std::string_view apiVersion);
Json openApiV3RootDocument();  // GET /openapi/v3
// GET /openapi/v3/api/v1 or /openapi/v3/apis/<group>/<version>; nullopt when not served.
std::optional<Json> openApiV3Document(const std::string& group, const std::string& version);

}  // namespace kp
