// Fonts and ImGui style for the dark theme (see theme.h).
#include "web/theme.h"

#include <algorithm>

#include "web/ansi.h"
#include "web/assets.h"

namespace kp {

namespace {

// Latin-1, general punctuation (… – “”), arrows, box drawing, geometric shapes (● ▸): what
// kubectl, curl and the UI print.
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190, 0x21FF,
                                0x2500, 0x259F, 0x25A0, 0x25FF, 0};

ImFont* addFont(const char* asset, float sizePx) {
  ImGuiIO& io = ImGui::GetIO();
  const Asset* a = findAsset(asset);
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  if (!a) {
    cfg.SizePixels = sizePx;
    return io.Fonts->AddFontDefault(&cfg);
  }
  cfg.FontDataOwnedByAtlas = false;  // the bytes live in the binary
  return io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(a->data), static_cast<int>(a->size),
                                        sizePx, &cfg, kGlyphRanges);
}

// Hangul, merged into the console font when the build embedded the subset (see
// web/CMakeLists.txt): compatibility jamo, CJK punctuation, syllables, full-width forms. The
// subset holds only KS X 1001's syllables; ImGui skips code points the font lacks.
const ImWchar kHangulRanges[] = {0x3000, 0x303F, 0x3131, 0x318E, 0xAC00, 0xD7A3, 0xFF01, 0xFF5E, 0};

// minikube's pictographs (its line prefixes) and check marks, merged the same way.
const ImWchar kSymbolRanges[] = {0x2300, 0x23FF, 0x2600, 0x27BF, 0x1F300, 0x1F9FF, 0};

// The width of one console cell at this size: JetBrains Mono's advance, measured in an atlas
// of one glyph (ImGui sizes a font by its ascent minus descent, so the ratio is the font's own).
float cellWidth(float sizePx) {
  const Asset* a = findAsset("JetBrainsMono-Regular.ttf");
  if (!a) return 0;
  static const ImWchar kOnlyK[] = {'k', 'k', 0};
  ImFontAtlas atlas;
  ImFontConfig cfg;
  cfg.OversampleH = 1;
  cfg.PixelSnapH = true;
  cfg.FontDataOwnedByAtlas = false;
  ImFont* f = atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(a->data), static_cast<int>(a->size), sizePx, &cfg, kOnlyK);
  if (!f || !atlas.Build()) return 0;
  const ImFontGlyph* g = f->FindGlyphNoFallback('k');
  return g ? g->AdvanceX : 0;
}

// Merges an embedded font (when the build embedded it) into the font added last; ImGui keeps
// the glyphs that font already has and skips code points this one lacks. `cells` > 0 gives
// every glyph that many console cells, centred, as a terminal gives a wide character two;
// `scale` draws the glyphs that much larger on the same baseline.
void mergeFont(const char* asset, float sizePx, const ImWchar* ranges, int cells = 0, float scale = 1) {
  const Asset* a = findAsset(asset);
  if (!a) return;
  ImFontConfig cfg;
  cfg.MergeMode = true;
  cfg.OversampleH = 1;  // thousands of glyphs: keep the atlas small
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  cfg.FontDataOwnedByAtlas = false;
  if (cells > 0) {
    const float cell = cellWidth(sizePx);
    if (cell > 0) cfg.GlyphMinAdvanceX = cfg.GlyphMaxAdvanceX = cell * static_cast<float>(cells);
  }
  ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(a->data), static_cast<int>(a->size),
                                             sizePx * scale, &cfg, ranges);
}

ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

}  // namespace

ImU32 withAlpha(ImU32 c, float a) {
  unsigned alpha = (c >> IM_COL32_A_SHIFT) & 0xFF;
  alpha = static_cast<unsigned>(std::clamp(alpha * a, 0.0f, 255.0f));
  return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
  ImVec4 x = v4(a), y = v4(b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t,
                                               x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

namespace {

bool gLight = false;

void setColors(ImGuiStyle& style) {
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = v4(color::kText);
  c[ImGuiCol_TextDisabled] = v4(color::kTextFaint);
  c[ImGuiCol_WindowBg] = v4(color::kWindow);
  c[ImGuiCol_ChildBg] = v4(color::kPanel);
  c[ImGuiCol_PopupBg] = v4(color::kPopup);
  c[ImGuiCol_Border] = v4(color::kBorder);
  c[ImGuiCol_FrameBg] = v4(color::kFrame);
  c[ImGuiCol_FrameBgHovered] = v4(mix(color::kFrame, color::kButtonHovered, 0.4f));
  c[ImGuiCol_FrameBgActive] = v4(mix(color::kFrame, color::kButtonHovered, 0.4f));
  c[ImGuiCol_SliderGrab] = v4(color::kAccent);
  c[ImGuiCol_SliderGrabActive] = v4(color::kAccent);
  c[ImGuiCol_ScrollbarBg] = v4(IM_COL32(0, 0, 0, 0));
  c[ImGuiCol_ScrollbarGrab] = v4(color::kBorderStrong);
  c[ImGuiCol_ScrollbarGrabHovered] = v4(mix(color::kBorderStrong, color::kText, 0.2f));
  c[ImGuiCol_ScrollbarGrabActive] = v4(mix(color::kBorderStrong, color::kText, 0.35f));
  c[ImGuiCol_CheckMark] = v4(color::kAccent);
  c[ImGuiCol_Button] = v4(color::kButton);
  c[ImGuiCol_ButtonHovered] = v4(color::kButtonHovered);
  c[ImGuiCol_ButtonActive] = v4(color::kButtonActive);
  c[ImGuiCol_Header] = v4(color::kButton);
  c[ImGuiCol_HeaderHovered] = v4(color::kButtonHovered);
  c[ImGuiCol_HeaderActive] = v4(color::kButtonActive);
  c[ImGuiCol_Separator] = v4(color::kBorder);
  c[ImGuiCol_TextSelectedBg] = v4(withAlpha(color::kAccent, 0.3f));
  c[ImGuiCol_NavHighlight] = v4(IM_COL32(0, 0, 0, 0));
}

struct PaletteInit {
  PaletteInit() { usePalette(false); }
} gPaletteInit;

}  // namespace

void usePalette(bool light) {
  using namespace color;
  gLight = light;
  if (!light) {
    kWindow = IM_COL32(11, 15, 21, 255);
    kPanel = IM_COL32(17, 22, 30, 255);
    kNode = IM_COL32(23, 30, 41, 235);
    kNodeHeader = IM_COL32(30, 39, 53, 255);
    kBorder = IM_COL32(48, 60, 78, 255);
    kBorderStrong = IM_COL32(74, 92, 118, 255);
    kCanvas = IM_COL32(16, 22, 31, 255);
    kCanvasEdge = IM_COL32(9, 12, 17, 255);
    kGridDot = IM_COL32(52, 64, 84, 255);
    kCard = IM_COL32(24, 31, 44, 240);
    kFrame = IM_COL32(10, 14, 20, 255);
    kButton = IM_COL32(33, 43, 58, 255);
    kButtonHovered = IM_COL32(45, 58, 78, 255);
    kButtonActive = IM_COL32(55, 70, 95, 255);
    kPopup = IM_COL32(20, 26, 36, 250);
    kText = IM_COL32(220, 226, 235, 255);
    kTextDim = IM_COL32(138, 150, 168, 255);
    kTextFaint = IM_COL32(92, 104, 122, 255);
    kStderr = IM_COL32(255, 150, 150, 255);
    kChipText = IM_COL32(150, 180, 235, 255);
    kLoadBalancerText = IM_COL32(215, 190, 255, 255);
    kAccent = IM_COL32(94, 234, 212, 255);
    kKube = IM_COL32(80, 140, 255, 255);
    kLoadBalancer = IM_COL32(189, 147, 249, 255);
    kTraffic = IM_COL32(255, 214, 102, 255);
    kError = IM_COL32(255, 107, 107, 255);
    kParticle = IM_COL32(255, 248, 225, 255);
    kPending = IM_COL32(140, 152, 170, 255);
    kCreating = IM_COL32(250, 190, 70, 255);
    kRunning = IM_COL32(62, 207, 142, 255);
    kNotReady = IM_COL32(160, 210, 110, 255);
    kTerminating = IM_COL32(150, 130, 220, 255);
    kFailed = IM_COL32(255, 107, 107, 255);
    kSucceeded = IM_COL32(100, 150, 200, 255);
  } else {
    // Light: slate surfaces, the same hues darkened enough to read on white.
    kWindow = IM_COL32(226, 232, 240, 255);
    kPanel = IM_COL32(248, 250, 252, 255);
    kNode = IM_COL32(255, 255, 255, 240);
    kNodeHeader = IM_COL32(241, 245, 249, 255);
    kBorder = IM_COL32(203, 213, 225, 255);
    kBorderStrong = IM_COL32(148, 163, 184, 255);
    kCanvas = IM_COL32(241, 245, 249, 255);
    kCanvasEdge = IM_COL32(226, 232, 240, 255);
    kGridDot = IM_COL32(203, 213, 225, 255);
    kCard = IM_COL32(255, 255, 255, 245);
    kFrame = IM_COL32(255, 255, 255, 255);
    kButton = IM_COL32(226, 232, 240, 255);
    kButtonHovered = IM_COL32(203, 213, 225, 255);
    kButtonActive = IM_COL32(180, 192, 208, 255);
    kPopup = IM_COL32(255, 255, 255, 250);
    kText = IM_COL32(15, 23, 42, 255);
    kTextDim = IM_COL32(71, 85, 105, 255);
    kTextFaint = IM_COL32(120, 132, 150, 255);
    kStderr = IM_COL32(200, 30, 30, 255);
    kChipText = IM_COL32(30, 64, 175, 255);
    kLoadBalancerText = IM_COL32(126, 34, 206, 255);
    kAccent = IM_COL32(13, 148, 136, 255);
    kKube = IM_COL32(37, 99, 235, 255);
    kLoadBalancer = IM_COL32(147, 51, 234, 255);
    kTraffic = IM_COL32(217, 119, 6, 255);
    kError = IM_COL32(220, 38, 38, 255);
    kParticle = IM_COL32(255, 251, 235, 255);
    kPending = IM_COL32(100, 116, 139, 255);
    kCreating = IM_COL32(217, 140, 10, 255);
    kRunning = IM_COL32(22, 163, 74, 255);
    kNotReady = IM_COL32(101, 163, 13, 255);
    kTerminating = IM_COL32(124, 58, 237, 255);
    kFailed = IM_COL32(220, 38, 38, 255);
    kSucceeded = IM_COL32(37, 99, 176, 255);
  }
  useLightAnsi(light);
  if (ImGui::GetCurrentContext()) setColors(ImGui::GetStyle());
}

bool lightPalette() { return gLight; }

Theme setupTheme(float scale) {
  Theme t;
  t.scale = scale;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  t.mono = addFont("JetBrainsMono-Regular.ttf", 14.0f * scale);
  mergeFont("NanumGothicCoding-KSX1001.ttf", 14.0f * scale, kHangulRanges, 2);
  mergeFont("Symbola-console.ttf", 14.0f * scale, kSymbolRanges, 2, 1.2f);
  t.bold = findAsset("JetBrainsMono-Bold.ttf") ? addFont("JetBrainsMono-Bold.ttf", 14.0f * scale) : t.mono;
  t.small = addFont("JetBrainsMono-Regular.ttf", 12.0f * scale);
  io.FontDefault = t.mono;
  io.IniFilename = nullptr;  // nothing to remember between visits: the layout is computed

  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowPadding = ImVec2(10, 10);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.ItemInnerSpacing = ImVec2(6, 4);
  style.ScrollbarSize = 10;
  style.WindowRounding = 0;
  style.ChildRounding = 8;
  style.FrameRounding = 5;
  style.PopupRounding = 6;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 4;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 0;
  style.PopupBorderSize = 1;
  style.AntiAliasedLinesUseTex = true;
  setColors(style);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
  return t;
}

}  // namespace kp
