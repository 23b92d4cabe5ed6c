// Files embedded into the binary at build time (web/embed_assets.cmake): the GLSL ES 3.0
// shaders from shaders/ and the UI font. Looked up by file name, e.g. "sdf_circle.vert.glsl".
#pragma once
#include <cstddef>

namespace kp {

struct Asset {
  const char* name;
  const unsigned char* data;  // followed by a NUL byte, so text assets are C strings
  size_t size;                // without that NUL
};

// The embedded file with this name, or nullptr when it was not embedded.
const Asset* findAsset(const char* name);
inline const char* assetText(const char* name) {
  const Asset* a = findAsset(name);
  return a ? reinterpret_cast<const char*>(a->data) : nullptr;
}

}  // namespace kp
