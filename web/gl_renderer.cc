// Instanced SDF circles and the canvas grid on WebGL2 (see gl_renderer.h). Each batch is an
// ImGui draw callback followed by ImDrawCallback_ResetRenderState, so ImGui's backend restores
// its own program, buffers and blending for the draw commands after it.
#include "web/gl_renderer.h"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdio>

#include "web/assets.h"

namespace kp {

namespace {

GLuint compile(GLenum type, const char* name) {
  const char* src = assetText(name);
  if (!src) {
    std::fprintf(stderr, "kubeplay: shader %s is not embedded\n", name);
    return 0;
  }
  GLuint s = glCreateShader(type);
  glShaderSource(s, 1, &src, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = {};
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    std::fprintf(stderr, "kubeplay: %s: %s\n", name, log);
    glDeleteShader(s);
    return 0;
  }
  return s;
}

GLuint link(const char* vert, const char* frag) {
  GLuint vs = compile(GL_VERTEX_SHADER, vert), fs = compile(GL_FRAGMENT_SHADER, frag);
  if (!vs || !fs) return 0;
  GLuint p = glCreateProgram();
  glAttachShader(p, vs);
  glAttachShader(p, fs);
  glLinkProgram(p);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024] = {};
    glGetProgramInfoLog(p, sizeof log, nullptr, log);
    std::fprintf(stderr, "kubeplay: linking %s + %s: %s\n", vert, frag, log);
    glDeleteProgram(p);
    return 0;
  }
  return p;
}

void setColor(GLint loc, ImU32 c) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  glUniform4f(loc, v.x, v.y, v.z, v.w);
}

// ImGui's clip rectangle of a command as a GL scissor box.
void scissor(const ImDrawCmd* cmd) {
  ImDrawData* dd = ImGui::GetDrawData();
  if (!dd) return;
  ImVec2 off = dd->DisplayPos, sc = dd->FramebufferScale;
  float fbH = dd->DisplaySize.y * sc.y;
  float x0 = (cmd->ClipRect.x - off.x) * sc.x, y0 = (cmd->ClipRect.y - off.y) * sc.y;
  float x1 = (cmd->ClipRect.z - off.x) * sc.x, y1 = (cmd->ClipRect.w - off.y) * sc.y;
  if (x1 <= x0 || y1 <= y0) return;
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<GLint>(x0), static_cast<GLint>(fbH - y1), static_cast<GLsizei>(x1 - x0),
            static_cast<GLsizei>(y1 - y0));
}

}  // namespace

bool GlSdfRenderer::init() {
  circleProgram_ = link("sdf_circle.vert.glsl", "sdf_circle.frag.glsl");
  gridProgram_ = link("grid.vert.glsl", "grid.frag.glsl");
  lineProgram_ = link("line.vert.glsl", "line.frag.glsl");
  if (!circleProgram_ || !gridProgram_ || !lineProgram_) return false;
  lineViewport_ = glGetUniformLocation(lineProgram_, "uViewport");
  circleViewport_ = glGetUniformLocation(circleProgram_, "uViewport");
  gridRect_ = glGetUniformLocation(gridProgram_, "uRect");
  gridViewport_ = glGetUniformLocation(gridProgram_, "uViewport");
  gridSpacing_ = glGetUniformLocation(gridProgram_, "uSpacing");
  gridScale_ = glGetUniformLocation(gridProgram_, "uScale");
  gridBackground_ = glGetUniformLocation(gridProgram_, "uBackground");
  gridEdge_ = glGetUniformLocation(gridProgram_, "uEdge");
  gridDot_ = glGetUniformLocation(gridProgram_, "uDot");

  GLint lastVao = 0, lastBuffer = 0;
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &lastVao);
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &lastBuffer);

  const float quad[] = {-1, -1, 1, -1, -1, 1, 1, 1};
  const float unit[] = {0, 0, 1, 0, 0, 1, 1, 1};
  glGenBuffers(1, &quadBuffer_);
  glBindBuffer(GL_ARRAY_BUFFER, quadBuffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
  glGenBuffers(1, &unitQuadBuffer_);
  glBindBuffer(GL_ARRAY_BUFFER, unitQuadBuffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof unit, unit, GL_STATIC_DRAW);
  glGenBuffers(1, &instanceBuffer_);

  glGenVertexArrays(1, &circleVao_);
  glBindVertexArray(circleVao_);
  glBindBuffer(GL_ARRAY_BUFFER, quadBuffer_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glBindBuffer(GL_ARRAY_BUFFER, instanceBuffer_);
  const GLsizei stride = sizeof(SdfCircle);
  auto attr = [&](GLuint loc, GLint n, GLenum type, GLboolean norm, size_t offset) {
    glEnableVertexAttribArray(loc);
    glVertexAttribPointer(loc, n, type, norm, stride, reinterpret_cast<const void*>(offset));
    glVertexAttribDivisor(loc, 1);
  };
  attr(1, 4, GL_FLOAT, GL_FALSE, offsetof(SdfCircle, x));
  attr(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(SdfCircle, fill));  // IM_COL32 is RGBA in memory
  attr(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(SdfCircle, ring));
  attr(4, 4, GL_FLOAT, GL_FALSE, offsetof(SdfCircle, glow));

  glGenVertexArrays(1, &gridVao_);
  glBindVertexArray(gridVao_);
  glBindBuffer(GL_ARRAY_BUFFER, unitQuadBuffer_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);

  // Lines: a quad along each segment ([0, 1] along, [-1, 1] across) and the same instance buffer.
  const float lineQuad[] = {0, -1, 1, -1, 0, 1, 1, 1};
  glGenBuffers(1, &lineQuadBuffer_);
  glBindBuffer(GL_ARRAY_BUFFER, lineQuadBuffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof lineQuad, lineQuad, GL_STATIC_DRAW);
  glGenVertexArrays(1, &lineVao_);
  glBindVertexArray(lineVao_);
  glBindBuffer(GL_ARRAY_BUFFER, lineQuadBuffer_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glBindBuffer(GL_ARRAY_BUFFER, instanceBuffer_);
  {
    const GLsizei lstride = sizeof(SdfLine);
    auto lattr = [&](GLuint loc, GLint n, GLenum type, GLboolean norm, size_t offset) {
      glEnableVertexAttribArray(loc);
      glVertexAttribPointer(loc, n, type, norm, lstride, reinterpret_cast<const void*>(offset));
      glVertexAttribDivisor(loc, 1);
    };
    lattr(1, 4, GL_FLOAT, GL_FALSE, offsetof(SdfLine, x0));
    lattr(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(SdfLine, color));
    lattr(3, 1, GL_FLOAT, GL_FALSE, offsetof(SdfLine, width));
  }

  glBindVertexArray(static_cast<GLuint>(lastVao));
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(lastBuffer));
  return true;
}

void GlSdfRenderer::beginFrame() { batches_.clear(); }

void GlSdfRenderer::circles(ImDrawList* dl, std::vector<SdfCircle> circles) {
  if (circles.empty()) return;
  Batch& b = batches_.emplace_back();
  b.owner = this;
  b.circles = std::move(circles);
  dl->AddCallback(&GlSdfRenderer::drawBatch, &b);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void GlSdfRenderer::grid(ImDrawList* dl, const GridStyle& style) {
  Batch& b = batches_.emplace_back();
  b.owner = this;
  b.grid = style;
  b.isGrid = true;
  dl->AddCallback(&GlSdfRenderer::drawBatch, &b);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void GlSdfRenderer::lines(ImDrawList* dl, std::vector<SdfLine> lines) {
  if (lines.empty()) return;
  Batch& b = batches_.emplace_back();
  b.owner = this;
  b.lines = std::move(lines);
  b.isLines = true;
  dl->AddCallback(&GlSdfRenderer::drawBatch, &b);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void GlSdfRenderer::upload(const void* data, size_t bytes) {
  glBindBuffer(GL_ARRAY_BUFFER, instanceBuffer_);
  if (bytes > instanceCapacity_) {
    instanceCapacity_ = bytes * 2;
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(instanceCapacity_), nullptr, GL_STREAM_DRAW);
  }
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), data);
}

void GlSdfRenderer::drawLines(const Batch& b, const ImDrawCmd* cmd) {
  ImDrawData* dd = ImGui::GetDrawData();
  scissor(cmd);
  glUseProgram(lineProgram_);
  glUniform2f(lineViewport_, dd->DisplaySize.x, dd->DisplaySize.y);
  glBindVertexArray(lineVao_);
  upload(b.lines.data(), b.lines.size() * sizeof(SdfLine));
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(b.lines.size()));
}

void GlSdfRenderer::drawBatch(const ImDrawList*, const ImDrawCmd* cmd) {
  const Batch* b = static_cast<const Batch*>(cmd->UserCallbackData);
  if (b->isLines) b->owner->drawLines(*b, cmd);
  else if (b->isGrid) b->owner->drawGrid(*b, cmd);
  else b->owner->drawCircles(*b, cmd);
}

void GlSdfRenderer::drawCircles(const Batch& b, const ImDrawCmd* cmd) {
  ImDrawData* dd = ImGui::GetDrawData();
  scissor(cmd);
  glUseProgram(circleProgram_);
  glUniform2f(circleViewport_, dd->DisplaySize.x, dd->DisplaySize.y);
  glBindVertexArray(circleVao_);
  glBindBuffer(GL_ARRAY_BUFFER, instanceBuffer_);
  size_t bytes = b.circles.size() * sizeof(SdfCircle);
  if (bytes > instanceCapacity_) {
    instanceCapacity_ = bytes * 2;
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(instanceCapacity_), nullptr, GL_STREAM_DRAW);
  }
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), b.circles.data());
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(b.circles.size()));
}

void GlSdfRenderer::drawGrid(const Batch& b, const ImDrawCmd* cmd) {
  ImDrawData* dd = ImGui::GetDrawData();
  const GridStyle& s = b.grid;
  scissor(cmd);
  glUseProgram(gridProgram_);
  glUniform2f(gridViewport_, dd->DisplaySize.x, dd->DisplaySize.y);
  glUniform4f(gridRect_, s.min.x - dd->DisplayPos.x, s.min.y - dd->DisplayPos.y, s.max.x - s.min.x, s.max.y - s.min.y);
  glUniform1f(gridSpacing_, s.spacing);
  glUniform1f(gridScale_, s.scale);
  setColor(gridBackground_, s.background);
  setColor(gridEdge_, s.edge);
  setColor(gridDot_, s.dot);
  glBindVertexArray(gridVao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace kp
