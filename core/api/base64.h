// Standard base64 (RFC 4648, padded): Secret data values are stored and sent this way.
#pragma once
#include <string>

namespace kp {

std::string base64Encode(const std::string& in);
// Decodes padded standard base64; on malformed input returns "" and sets *ok = false.
std::string base64Decode(const std::string& in, bool* ok = nullptr);

}  // namespace kp
