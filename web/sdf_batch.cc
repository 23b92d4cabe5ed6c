// The draw-list fallback of the SDF renderer (see sdf_batch.h): the same picture with ImGui
// primitives, used by headless tests and whenever WebGL shaders are unavailable.
#include "web/sdf_batch.h"

#include <cmath>

#include "web/theme.h"

namespace kp {

void drawCircles(ImDrawList* dl, SdfRenderer* gpu, std::vector<SdfCircle> circles) {
  if (circles.empty()) return;
  if (gpu) {
    gpu->circles(dl, std::move(circles));
    return;
  }
  for (const SdfCircle& c : circles) {
    ImVec2 p(c.x, c.y);
    if (c.glow > 0 && c.glowStrength > 0) {
      for (int i = 3; i >= 1; --i)
        dl->AddCircleFilled(p, c.radius + c.glow * i / 3.0f, withAlpha(c.ring, c.glowStrength * 0.12f), 32);
    }
    // Segment counts follow the radius (0 = ImGui's automatic count): thousands of small dots
    // stay cheap.
    dl->AddCircleFilled(p, c.radius, c.fill, c.radius >= 8 ? 32 : 0);
    if (c.ringWidth > 0) {
      float r = c.radius - c.ringWidth * 0.5f;
      if (c.arc >= 0.999f) {
        dl->AddCircle(p, r, c.ring, c.radius >= 8 ? 32 : 0, c.ringWidth);
      } else {
        dl->PathArcTo(p, r, c.arcAngle, c.arcAngle + c.arc * 2.0f * 3.14159265f, 24);
        dl->PathStroke(c.ring, 0, c.ringWidth);
      }
    }
  }
}

void drawLines(ImDrawList* dl, SdfRenderer* gpu, std::vector<SdfLine> lines) {
  if (lines.empty()) return;
  if (gpu) {
    gpu->lines(dl, std::move(lines));
    return;
  }
  for (const SdfLine& l : lines) dl->AddLine(ImVec2(l.x0, l.y0), ImVec2(l.x1, l.y1), l.color, l.width);
}

void drawGrid(ImDrawList* dl, SdfRenderer* gpu, const GridStyle& s) {
  if (gpu) {
    gpu->grid(dl, s);
    return;
  }
  dl->AddRectFilled(s.min, s.max, s.background);
  float step = s.spacing;
  if (step < 4) return;
  for (float y = s.min.y; y < s.max.y; y += step)
    for (float x = s.min.x; x < s.max.x; x += step)
      dl->AddRectFilled(ImVec2(x, y), ImVec2(x + s.scale, y + s.scale), withAlpha(s.dot, 0.6f));
}

}  // namespace kp
