// What the canvas asks the GPU to draw in bulk: signed-distance circles (pods, request
// particles) and the background grid. Panels emit them through an SdfRenderer, which the
// browser build implements with instanced WebGL2 draws inside ImGui draw callbacks
// (web/gl_renderer.cc, shaders/*.glsl). Without one (headless tests, or a GPU that refused the
// shaders) the same calls fall back to ImGui draw-list primitives, so panels never touch GL.
#pragma once
#include <vector>

#include "imgui.h"

namespace kp {

// One circle instance; the layout matches the vertex attributes of sdf_circle.vert.glsl.
struct SdfCircle {
  float x = 0, y = 0;         // centre, screen pixels
  float radius = 0;
  float ringWidth = 0;        // 0 = no ring
  ImU32 fill = 0;
  ImU32 ring = 0;             // also the glow colour
  float glow = 0;             // glow radius in pixels, 0 = none
  float glowStrength = 0;     // 0..1
  float arc = 1;              // fraction of the ring drawn (a spinner below 1)
  float arcAngle = 0;         // where the partial ring starts, radians
};

// One anti-aliased line segment; the layout matches the attributes of line.vert.glsl.
struct SdfLine {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // ends, screen pixels
  ImU32 color = 0;
  float width = 1;                        // pixels
};

struct GridStyle {
  ImVec2 min, max;            // canvas rectangle
  float spacing = 24;         // pixels between dots
  float scale = 1;            // device pixel ratio
  ImU32 background = 0, edge = 0, dot = 0;
};

class SdfRenderer {
 public:
  virtual ~SdfRenderer() = default;
  // Adds a draw callback to `dl` that draws the circles at this point of its command list.
  virtual void circles(ImDrawList* dl, std::vector<SdfCircle> circles) = 0;
  virtual void grid(ImDrawList* dl, const GridStyle& style) = 0;
  // Adds a draw callback that draws the segments (instanced), like circles().
  virtual void lines(ImDrawList* dl, std::vector<SdfLine> lines) = 0;
};

// Draws through `gpu` when there is one, else with draw-list primitives.
void drawCircles(ImDrawList* dl, SdfRenderer* gpu, std::vector<SdfCircle> circles);
void drawGrid(ImDrawList* dl, SdfRenderer* gpu, const GridStyle& style);
void drawLines(ImDrawList* dl, SdfRenderer* gpu, std::vector<SdfLine> lines);

}  // namespace kp
