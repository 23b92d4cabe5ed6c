// The address pools components draw from, each its own narrow interface: the kubelet takes
// pod IPs from its node's pod CIDR, the service load-balancer controller takes external IPs
// from the load-balancer pool (minikube tunnel's, or MetalLB's role). Network implements both.
#pragma once
#include <string>

namespace kp {

class PodIpam {
 public:
  virtual ~PodIpam() = default;
  // The next free address of the CIDR ("10.244.1.0/24"), round-robin; "" when it is full.
  virtual std::string allocatePodIp(const std::string& podCidr) = 0;
  virtual void releasePodIp(const std::string& ip) = 0;
};

class LoadBalancerIpam {
 public:
  virtual ~LoadBalancerIpam() = default;
  virtual std::string allocateLoadBalancerIp() = 0;
  virtual void releaseLoadBalancerIp(const std::string& ip) = 0;
};

}  // namespace kp
