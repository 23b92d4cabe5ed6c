#version 300 es
// Pods and request particles as signed-distance circles, drawn instanced: each instance is a
// quad around one circle, in ImGui's screen pixels; sdf_circle.frag.glsl shades it.
precision highp float;

layout(location = 0) in vec2 aCorner;   // quad corner in [-1, 1]
layout(location = 1) in vec4 aCircle;   // centre x, centre y, radius, ring width (pixels)
layout(location = 2) in vec4 aFill;     // fill colour, straight alpha
layout(location = 3) in vec4 aRing;     // ring and glow colour, straight alpha
layout(location = 4) in vec4 aStyle;    // glow radius (px), glow strength, arc fraction, arc angle

uniform vec2 uViewport;                 // display size in pixels

out vec2 vLocal;                        // pixels from the centre
flat out vec4 vCircle;
flat out vec4 vFill;
flat out vec4 vRing;
flat out vec4 vStyle;

void main() {
  float extent = aCircle.z + aStyle.x + 1.5;
  vLocal = aCorner * extent;
  vCircle = aCircle;
  vFill = aFill;
  vRing = aRing;
  vStyle = aStyle;
  vec2 p = aCircle.xy + vLocal;
  gl_Position = vec4(p.x / uViewport.x * 2.0 - 1.0, 1.0 - p.y / uViewport.y * 2.0, 0.0, 1.0);
}
