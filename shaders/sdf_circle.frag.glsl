#version 300 es
// Shades one SDF circle: an anti-aliased disc, a ring on its edge (a partial, rotating arc
// for containers being created), and a soft glow outside it (a pod that just answered).
precision highp float;

in vec2 vLocal;
flat in vec4 vCircle;
flat in vec4 vFill;
flat in vec4 vRing;
flat in vec4 vStyle;

out vec4 fragColor;

// "a over b" with straight alpha.
vec4 over(vec4 a, vec4 b) {
  float alpha = a.a + b.a * (1.0 - a.a);
  if (alpha <= 0.0) return vec4(0.0);
  vec3 rgb = (a.rgb * a.a + b.rgb * b.a * (1.0 - a.a)) / alpha;
  return vec4(rgb, alpha);
}

void main() {
  const float PI = 3.14159265;
  float radius = vCircle.z;
  float ringWidth = vCircle.w;
  float dist = length(vLocal);
  float d = dist - radius;                    // signed distance: < 0 inside
  float aa = max(fwidth(d), 0.75);

  float inside = 1.0 - smoothstep(-aa, aa, d);
  vec4 color = vec4(vFill.rgb, vFill.a * inside);

  if (ringWidth > 0.0) {
    float ring = (1.0 - smoothstep(-aa, aa, d)) * smoothstep(-aa, aa, d + ringWidth);
    float arc = vStyle.z;
    if (arc < 0.999) {
      // A partial ring: keep the part whose angle (from the rotating start) is below arc * 2pi.
      float angle = atan(vLocal.y, vLocal.x) - vStyle.w;
      float t = fract(angle / (2.0 * PI));
      ring *= 1.0 - smoothstep(arc - 0.02, arc, t);
    }
    color = over(vec4(vRing.rgb, vRing.a * ring), color);
  }

  if (vStyle.x > 0.0 && vStyle.y > 0.0) {
    float g = exp(-max(d, 0.0) / max(vStyle.x * 0.35, 1.0)) * smoothstep(-aa, aa, d);
    color = over(color, vec4(vRing.rgb, vRing.a * vStyle.y * g * 0.8));
  }

  if (color.a <= 0.002) discard;
  fragColor = color;
}
