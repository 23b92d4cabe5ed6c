// The WebGL2 side of the SDF renderer (sdf_batch.h): instanced signed-distance circles and the
// canvas grid, drawn from ImGui draw callbacks with the shaders embedded from shaders/.
// Browser build only; panels see it through the SdfRenderer interface.
#pragma once
#include <deque>
#include <vector>

#include "web/sdf_batch.h"

namespace kp {

class GlSdfRenderer : public SdfRenderer {
 public:
  // Compiles the shaders and creates the buffers; false (and a message on stderr) when the
  // GPU refused them, in which case the caller draws without this renderer.
  bool init();
  // Forgets last frame's batches; call before drawing the UI.
  void beginFrame();

  void circles(ImDrawList* dl, std::vector<SdfCircle> circles) override;
  void grid(ImDrawList* dl, const GridStyle& style) override;
  void lines(ImDrawList* dl, std::vector<SdfLine> lines) override;

 private:
  struct Batch {
    GlSdfRenderer* owner = nullptr;
    std::vector<SdfCircle> circles;
    std::vector<SdfLine> lines;
    GridStyle grid;
    bool isGrid = false, isLines = false;
  };
  static void drawBatch(const ImDrawList* list, const ImDrawCmd* cmd);
  void drawCircles(const Batch& b, const ImDrawCmd* cmd);
  void drawGrid(const Batch& b, const ImDrawCmd* cmd);
  void drawLines(const Batch& b, const ImDrawCmd* cmd);
  void upload(const void* data, size_t bytes);

  std::deque<Batch> batches_;  // stable addresses until the frame is rendered
  unsigned circleProgram_ = 0, gridProgram_ = 0;
  unsigned circleVao_ = 0, gridVao_ = 0, quadBuffer_ = 0, unitQuadBuffer_ = 0, instanceBuffer_ = 0;
  int circleViewport_ = -1, gridRect_ = -1, gridViewport_ = -1, gridSpacing_ = -1, gridScale_ = -1,
      gridBackground_ = -1, gridEdge_ = -1, gridDot_ = -1;
  size_t instanceCapacity_ = 0;
  unsigned lineProgram_ = 0, lineVao_ = 0, lineQuadBuffer_ = 0;
  int lineViewport_ = -1;
};

}  // namespace kp
