// The `kubectl create` generators beyond deployment/namespace/configmap/secret generic/job
// (service *, serviceaccount, token, cronjob, ingress, quota, poddisruptionbudget,
// priorityclass, secret tls|docker-registry), `kubectl autoscale` and `kubectl cp`, and the
// helpers they share: each builds the object in Go's struct field order, so `-o json` prints
// it as kubectl's typed printer does, and submits it as kubectl's create does.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/resources.h"

namespace kp {

struct CmdEnv;
class FlagSet;
using OJson = nlohmann::ordered_json;

// `kubectl create service (clusterip|nodeport|loadbalancer|externalname)`.
void cmdCreateService(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateServiceAccount(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateToken(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateCronJob(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateIngress(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateQuota(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreatePodDisruptionBudget(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreatePriorityClass(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateSecretTls(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateSecretDockerRegistry(CmdEnv& env, const std::vector<std::string>& args);
void cmdAutoscale(CmdEnv& env, const std::vector<std::string>& args);
void cmdCp(CmdEnv& env, const std::vector<std::string>& args);
// `kubectl create job NAME --from=cronjob/CJ` after create job's own checks.
void createJobFromCronJob(CmdEnv& env, const FlagSet& fs, const std::string& name, const std::string& from,
                          const std::string& dryRun, const std::string& output);

// Runs `kubectl create SUB ...` for the subcommands above (SUB as typed, aliases included);
// false when SUB is not one of them.
bool runCreateGenerator(CmdEnv& env, const std::string& sub, const std::vector<std::string>& args);

// ---- shared by the generators

// The object's metadata as kubectl's generators set it: name, namespace only with -n, and
// creationTimestamp null (ObjectMeta's field order).
OJson generatedMeta(const CmdEnv& env, const std::string& name, bool namespaced = true);
// --validate's value checked as cmdutil.GetValidationDirective (false after the error).
bool validationDirective(CmdEnv& env, const FlagSet& fs);
// The common tail of every generator: with --dry-run=client prints `obj` (typed field order),
// else POSTs it (fieldManager, fieldValidation, dryRun=All) and prints the server's object.
// A failed POST prints "error: <errPrefix><message>" (errPrefix "failed to create quota: ").
void submitGenerated(CmdEnv& env, const FlagSet& fs, const ResourceInfo& r, const std::string& name,
                     const OJson& obj, const std::string& dryRun, const std::string& output,
                     const std::string& errPrefix, const std::string& operation = "created");
// Go's encoding/json text of a typed object (4-space indent, <, > and & escaped).
std::string typedJsonText(const OJson& obj);
// apimachinery's resource.ParseQuantity + String(): the canonical text ("2048Mi" -> "2Gi",
// "0.5" -> "500m"), or nullopt with Go's error text in *error.
std::optional<std::string> canonicalQuantity(const std::string& s, std::string* error);

}  // namespace kp
