// The status bar (see status_bar.h).
#include "web/status_bar.h"

#include <cfloat>
#include <cmath>
#include <cstdio>

namespace kp {

std::string formatClock(Time ms) {
  int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t rem = secs - days * 86400;
  // Howard Hinnant's civil_from_days.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rem / 3600),
                static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
  return buf;
}

std::string speedLabel(float speed) {
  char buf[16];
  if (speed < 1) std::snprintf(buf, sizeof buf, "%gx", static_cast<double>(speed));
  else std::snprintf(buf, sizeof buf, "%dx", static_cast<int>(speed));
  return buf;
}

TimeRequest drawStatusBar(const ViewModel& vm, const Theme& theme, const StatusInfo& info, ImVec2 size) {
  TimeRequest req;
  const float S = theme.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + size.x, a.y + size.y);
  ImFont* bold = theme.bold ? theme.bold : ImGui::GetFont();
  ImFont* mono = theme.mono ? theme.mono : ImGui::GetFont();
  ImFont* small = theme.small ? theme.small : ImGui::GetFont();
  auto width = [](ImFont* f, const std::string& s) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s.c_str()).x; };
  float cy = (a.y + b.y) * 0.5f;
  auto put = [&](ImFont* f, float x, ImU32 c, const std::string& s) {
    dl->AddText(f, f->FontSize, ImVec2(x, cy - f->FontSize * 0.5f), c, s.c_str());
    return x + width(f, s);
  };

  // Left: the name, a hexagon for Kubernetes, the kubectl context.
  float x = a.x + 4 * S;
  ImVec2 hc(x + 8 * S, cy);
  ImVec2 hex[6];
  for (int i = 0; i < 6; ++i) {
    float ang = 3.14159265f / 3 * i + 3.14159265f / 6;
    hex[i] = ImVec2(hc.x + 8 * S * std::cos(ang), hc.y + 8 * S * std::sin(ang));
  }
  dl->AddConvexPolyFilled(hex, 6, color::kKube);
  dl->AddCircle(hc, 3.2f * S, IM_COL32(255, 255, 255, 230), 12, 1.5f * S);  // on the blue hexagon in both themes
  x += 22 * S;
  x = put(bold, x, color::kText, "kubeplay");
  bool roomy = size.x > 620 * S;
  if (roomy) x = put(small, x + 12 * S, color::kTextFaint, "context " + info.context);

  // Right: counts, then the clock at the far right.
  std::string clock = formatClock(vm.now);
  float clockW = width(mono, clock);
  float right = b.x - 6 * S;
  float cx = right - clockW;
  put(mono, cx, color::kText, clock);
  // A dot that beats once a simulated second: time is moving.
  float phase = static_cast<float>(vm.now % 1000) / 1000.0f;
  dl->AddCircleFilled(ImVec2(cx - 10 * S, cy), 3.5f * S, withAlpha(color::kAccent, 1.0f - 0.7f * phase), 12);
  float rx = cx - 22 * S;

  // The clock's controls, left of it: pause/play, speed, one step, run until settled.
  {
    ImVec2 keep = ImGui::GetCursorScreenPos();
    ImGui::PushFont(small);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(6 * S, 2 * S));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4 * S, 0));
    const char* labels[] = {info.paused ? "Play" : "Pause", "Step", "Settle", lightPalette() ? "Dark" : "Light"};
    std::string speed = speedLabel(info.speed);
    const ImGuiStyle& st = ImGui::GetStyle();
    auto buttonW = [&](const std::string& t) { return width(small, t) + st.FramePadding.x * 2; };
    float total = buttonW(labels[0]) + buttonW("16x") + buttonW(labels[1]) + buttonW(labels[2]) + 3 * 4 * S +
                  buttonW(labels[3]) + 12 * S;
    float bx = rx - total, by = cy - (small->FontSize + st.FramePadding.y * 2) * 0.5f;
    if (bx > x + 16 * S) {
      ImGui::SetCursorScreenPos(ImVec2(bx, by));
      if (ImGui::SmallButton(labels[0])) req.togglePause = true;
      ImGui::SameLine();
      ImGui::SetNextItemWidth(buttonW("16x"));
      if (ImGui::Button((speed + "##speed").c_str())) ImGui::OpenPopup("##speeds");
      if (ImGui::BeginPopup("##speeds")) {
        for (float v : kSpeeds)
          if (ImGui::Selectable(speedLabel(v).c_str(), v == info.speed)) req.speed = v;
        ImGui::EndPopup();
      }
      ImGui::SameLine();
      if (ImGui::SmallButton(labels[1])) req.step = true;
      ImGui::SameLine();
      if (ImGui::SmallButton(labels[2])) req.settle = true;
      ImGui::SameLine(0, 12 * S);
      if (ImGui::SmallButton((std::string(labels[3]) + "##theme").c_str())) req.toggleTheme = true;
      req.themeMin = ImGui::GetItemRectMin();
      req.themeMax = ImGui::GetItemRectMax();
      rx = bx - 8 * S;
    }
    ImGui::PopStyleVar(2);
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(keep);
  }

  std::string pods = std::to_string(vm.podsRunning) + "/" + std::to_string(vm.podsTotal) + " pods running";
  std::string nodes = std::to_string(vm.nodes.size()) + " nodes";
  int svc = 0;
  for (auto& s : vm.services)
    if (!s.system) ++svc;
  std::string services = std::to_string(svc) + (svc == 1 ? " service" : " services");
  std::string summary = nodes + "  " + pods + "  " + services;
  if (!roomy) summary = pods;
  // A large change being worked off shows its progress instead.
  if (!vm.progress.empty()) summary = vm.progress + (info.behind ? " (catching up)" : "");
  float sw = width(small, summary);
  if (rx - sw > x + 16 * S) put(small, rx - sw, color::kTextDim, summary);
  ImGui::Dummy(size);
  return req;
}

}  // namespace kp
