#version 300 es
// Shades one line segment (line.vert.glsl): full colour within half the width of the segment,
// fading over one pixel beyond it, with round caps so consecutive segments join smoothly.
precision highp float;

in vec2 vLocal;
flat in float vLength;
flat in float vWidth;
flat in vec4 vColor;

out vec4 fragColor;

void main() {
  float t = clamp(vLocal.x, 0.0, vLength);
  float d = length(vec2(vLocal.x - t, vLocal.y));   // distance from the segment
  float halfW = max(vWidth * 0.5, 0.5);
  float coverage = clamp(halfW + 0.5 - d, 0.0, 1.0);
  // Hairlines thinner than a pixel: fade instead of thinning further.
  coverage *= min(vWidth, 1.0);
  float a = vColor.a * coverage;
  if (a <= 0.002) discard;
  fragColor = vec4(vColor.rgb, a);
}
