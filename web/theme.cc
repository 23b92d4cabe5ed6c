// Fonts and ImGui style for the dark theme (see theme.h).
#include "web/theme.h"

#include <algorithm>

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

Theme setupTheme(float scale) {
  Theme t;
  t.scale = scale;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  t.mono = addFont("JetBrainsMono-Regular.ttf", 14.0f * scale);
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
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = v4(color::kText);
  c[ImGuiCol_TextDisabled] = v4(color::kTextFaint);
  c[ImGuiCol_WindowBg] = v4(color::kWindow);
  c[ImGuiCol_ChildBg] = v4(color::kPanel);
  c[ImGuiCol_PopupBg] = v4(IM_COL32(20, 26, 36, 250));
  c[ImGuiCol_Border] = v4(color::kBorder);
  c[ImGuiCol_FrameBg] = v4(IM_COL32(10, 14, 20, 255));
  c[ImGuiCol_FrameBgHovered] = v4(IM_COL32(14, 19, 27, 255));
  c[ImGuiCol_FrameBgActive] = v4(IM_COL32(14, 19, 27, 255));
  c[ImGuiCol_ScrollbarBg] = v4(IM_COL32(0, 0, 0, 0));
  c[ImGuiCol_ScrollbarGrab] = v4(IM_COL32(60, 72, 92, 255));
  c[ImGuiCol_ScrollbarGrabHovered] = v4(IM_COL32(80, 96, 120, 255));
  c[ImGuiCol_ScrollbarGrabActive] = v4(IM_COL32(100, 120, 150, 255));
  c[ImGuiCol_CheckMark] = v4(color::kAccent);
  c[ImGuiCol_Button] = v4(IM_COL32(33, 43, 58, 255));
  c[ImGuiCol_ButtonHovered] = v4(IM_COL32(45, 58, 78, 255));
  c[ImGuiCol_ButtonActive] = v4(IM_COL32(55, 70, 95, 255));
  c[ImGuiCol_Header] = v4(IM_COL32(33, 43, 58, 255));
  c[ImGuiCol_HeaderHovered] = v4(IM_COL32(45, 58, 78, 255));
  c[ImGuiCol_HeaderActive] = v4(IM_COL32(55, 70, 95, 255));
  c[ImGuiCol_Separator] = v4(color::kBorder);
  c[ImGuiCol_TextSelectedBg] = v4(IM_COL32(94, 234, 212, 70));
  c[ImGuiCol_NavHighlight] = v4(IM_COL32(0, 0, 0, 0));
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
  return t;
}

}  // namespace kp
