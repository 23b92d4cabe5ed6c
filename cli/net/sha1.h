// SHA-1 (FIPS 180-4), only for the WebSocket handshake: Sec-WebSocket-Accept is the base64 of
// SHA-1(key + GUID) (RFC 6455 section 4.2.2). Not for anything that needs a secure hash.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kp::net {

// The 20-byte digest of `data`.
std::array<uint8_t, 20> sha1(std::string_view data);
// The digest as 40 lower-case hex digits (tests compare against published vectors).
std::string sha1Hex(std::string_view data);

}  // namespace kp::net
