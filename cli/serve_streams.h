// The long-lived answers of `kubeplay serve`: a core Stream carried over the wire protocol the
// real kubectl 1.32 speaks for it. Watches are chunked JSON lines, followed logs chunked text,
// exec and attach a WebSocket with the channel.k8s.io framing (v5 or v4), and port-forward SPDY
// (alone after an HTTP upgrade, or tunneled inside WebSocket binary messages).
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "cli/net/server.h"
#include "core/apiserver/rest.h"

namespace kp {

// Watch: one `{"type":...,"object":...}\n` line per event, the body ends with the stream.
std::unique_ptr<net::Session> makeWatchSession(std::shared_ptr<Stream> stream);
// Followed logs: `sofar` (the log up to the request, the Response's text), then the stream's
// text as it comes.
std::unique_ptr<net::Session> makeLogSession(std::shared_ptr<Stream> stream, std::string sofar);

// Exec and attach over an accepted WebSocket: every binary message starts with its channel
// (0 stdin, 1 stdout, 2 stderr, 3 the final Status, 4 resize); with v5 the client's
// {255, channel} closes that input. `v5` is the negotiated subprotocol v5.channel.k8s.io.
std::unique_ptr<net::Session> makeChannelSession(std::shared_ptr<Stream> stream, bool v5);

// Port-forward: kubectl opens an error stream and a data stream per local connection (headers
// streamtype, port, requestid); `open(port)` returns that connection's Response (a Stream, or
// the Status whose message goes to the error stream). `tunneled`: the SPDY bytes travel inside
// binary WebSocket messages (subprotocol SPDY/3.1+portforward.k8s.io).
using PortOpener = std::function<Response(const std::string& port)>;
std::unique_ptr<net::Session> makePortForwardSession(PortOpener open, bool tunneled);

}  // namespace kp
