#version 300 es
// The cluster canvas background: one quad over the canvas rectangle (grid.frag.glsl).
precision highp float;

layout(location = 0) in vec2 aCorner;   // quad corner in [0, 1]
uniform vec4 uRect;                     // canvas x, y, width, height in pixels
uniform vec2 uViewport;                 // display size in pixels
out vec2 vPixel;                        // pixel position relative to the canvas origin

void main() {
  vPixel = aCorner * uRect.zw;
  vec2 p = uRect.xy + vPixel;
  gl_Position = vec4(p.x / uViewport.x * 2.0 - 1.0, 1.0 - p.y / uViewport.y * 2.0, 0.0, 1.0);
}
