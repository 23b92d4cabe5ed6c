#version 300 es
// Anti-aliased line segments, drawn instanced: each instance is a quad around one segment
// (service -> endpoint curves, request trails), in ImGui's screen pixels; line.frag.glsl
// shades it by the distance from the segment.
precision highp float;

layout(location = 0) in vec2 aCorner;   // quad corner: x in [0, 1] along, y in [-1, 1] across
layout(location = 1) in vec4 aEnds;     // x0, y0, x1, y1 (pixels)
layout(location = 2) in vec4 aColor;    // straight alpha
layout(location = 3) in float aWidth;   // pixels

uniform vec2 uViewport;                 // display size in pixels

out vec2 vLocal;                        // pixels: along the segment from its start, across it
flat out float vLength;
flat out float vWidth;
flat out vec4 vColor;

void main() {
  vec2 a = aEnds.xy, b = aEnds.zw;
  vec2 d = b - a;
  float len = length(d);
  vec2 dir = len > 0.0001 ? d / len : vec2(1.0, 0.0);
  vec2 nrm = vec2(-dir.y, dir.x);
  float ext = aWidth * 0.5 + 1.0;       // one pixel of feather on each side
  float along = mix(-ext, len + ext, aCorner.x);
  float across = aCorner.y * ext;
  vec2 p = a + dir * along + nrm * across;
  vLocal = vec2(along, across);
  vLength = len;
  vWidth = aWidth;
  vColor = aColor;
  gl_Position = vec4(p.x / uViewport.x * 2.0 - 1.0, 1.0 - p.y / uViewport.y * 2.0, 0.0, 1.0);
}
