#version 300 es
// A dark, slightly vignetted background with a dot grid every uSpacing pixels and a stronger
// dot every fifth line, like engineering paper: it gives the canvas depth without noise.
precision highp float;

in vec2 vPixel;
uniform vec4 uRect;
uniform float uSpacing;                 // grid spacing in pixels
uniform float uScale;                   // device pixel ratio: dot size follows it
uniform vec4 uBackground;               // centre colour
uniform vec4 uEdge;                     // corner colour
uniform vec4 uDot;                      // dot colour
out vec4 fragColor;

void main() {
  vec2 uv = vPixel / uRect.zw;
  float v = smoothstep(0.2, 1.1, length((uv - vec2(0.5, 0.45)) * vec2(1.0, 1.2)));
  vec4 color = mix(uBackground, uEdge, v);

  vec2 cell = vPixel / uSpacing;
  vec2 nearest = floor(cell + 0.5);
  float d = length((cell - nearest) * uSpacing);
  bool major = mod(nearest.x, 5.0) == 0.0 && mod(nearest.y, 5.0) == 0.0;
  float r = (major ? 1.35 : 0.8) * uScale;
  float dotAlpha = (1.0 - smoothstep(r - 0.6, r + 0.6, d)) * (major ? 1.0 : 0.6);
  color.rgb = mix(color.rgb, uDot.rgb, dotAlpha * uDot.a);
  fragColor = vec4(color.rgb, 1.0);
}
