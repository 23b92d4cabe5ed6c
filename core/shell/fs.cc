// The console's file commands.
#include "core/shell/fs.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/shell/shell.h"

namespace kp {

namespace {

// Splits "-rf" style options; returns the first unknown option letter, or 0.
char parseShortOptions(const std::vector<std::string>& words, const std::string& known, std::string& seen,
                       std::vector<std::string>& operands) {
  bool endOfOptions = false;
  for (size_t i = 1; i < words.size(); i++) {
    const std::string& w = words[i];
    if (!endOfOptions && w == "--") {
      endOfOptions = true;
    } else if (!endOfOptions && w.size() > 1 && w[0] == '-' && w[1] != '-') {
      for (size_t k = 1; k < w.size(); k++) {
        if (known.find(w[k]) == std::string::npos) return w[k];
        seen += w[k];
      }
    } else {
      operands.push_back(w);
    }
  }
  return 0;
}

// "Jan  1 00:05" for a recent time, as ls -l prints it (UTC).
std::string lsTime(Time t, Time now) {
  int64_t secs = t / 1000;
  int64_t days = secs / 86400, rem = secs % 86400;
  if (rem < 0) rem += 86400, days--;
  // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
  int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) y++;
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  bool recent = now - t < int64_t(182) * 86400 * 1000 && t <= now + 3600 * 1000;
  if (recent)
    std::snprintf(buf, sizeof buf, "%s %2d %02d:%02d", kMonths[(m - 1) % 12], static_cast<int>(d),
                  static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60));
  else
    std::snprintf(buf, sizeof buf, "%s %2d  %lld", kMonths[(m - 1) % 12], static_cast<int>(d), static_cast<long long>(y));
  return buf;
}

// Names in columns as ls prints them to an 80-column terminal (column-major, two spaces).
std::string lsColumns(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  const size_t width = 80, n = names.size();
  for (size_t rows = 1; rows <= n; rows++) {
    size_t cols = (n + rows - 1) / rows, total = 0;
    std::vector<size_t> colWidth(cols, 0);
    for (size_t i = 0; i < n; i++) colWidth[i / rows] = std::max(colWidth[i / rows], names[i].size());
    for (size_t c = 0; c < cols; c++) total += colWidth[c] + (c + 1 < cols ? 2 : 0);
    if (total > width && rows < n) continue;
    std::string out;
    for (size_t r = 0; r < rows; r++) {
      std::string line;
      for (size_t c = 0; c < cols; c++) {
        size_t i = c * rows + r;
        if (i >= n) break;
        if (!line.empty()) line += std::string(colWidth[c - 1] + 2 - names[i - rows].size(), ' ');
        line += names[i];
      }
      out += line + "\n";
    }
    return out;
  }
  return "";
}

}  // namespace

bool isFileCommand(const std::string& name) { return name == "cat" || name == "ls" || name == "rm" || name == "touch"; }

void runFileCommand(MemFs& fs, Time now, const std::vector<std::string>& words, Execution& ex) {
  const std::string& cmd = words[0];
  std::string seen;
  std::vector<std::string> operands;
  const std::string known = cmd == "cat" ? "uAbeEnstTv" : cmd == "ls" ? "1alhAtrS" : cmd == "rm" ? "firRdv" : "acm";
  if (char bad = parseShortOptions(words, known, seen, operands)) {
    ex.err(cmd + ": invalid option -- '" + std::string(1, bad) + "'\nTry '" + cmd + " --help' for more information.\n");
    ex.finish(cmd == "ls" ? 2 : 1);
    return;
  }
  int code = 0;
  if (cmd == "cat") {
    if (operands.empty()) operands.push_back("-");
    std::string out;
    for (const auto& f : operands) {
      if (f == "-") {
        out += ex.input.value_or("");
        continue;
      }
      auto data = fs.read(f);
      if (data) {
        out += *data;
      } else {
        ex.out(out);
        out.clear();
        ex.err("cat: " + f + ": " + (f == "." || f == ".." || f == "~" || f == "/" ? "Is a directory" : "No such file or directory") + "\n");
        code = 1;
      }
    }
    ex.out(out);
  } else if (cmd == "ls") {
    bool longFormat = seen.find('l') != std::string::npos;
    std::vector<std::string> names;
    if (operands.empty()) {
      names = fs.names();
    } else {
      for (const auto& f : operands) {
        if (fs.exists(f)) names.push_back(f);
        else if (f == "." || f == "~" || f == "./") {
          for (const auto& n : fs.names()) names.push_back(n);
        } else {
          ex.err("ls: cannot access '" + f + "': No such file or directory\n");
          code = 2;
        }
      }
    }
    if (!longFormat) {
      ex.out(seen.find('1') != std::string::npos ? [&] {
        std::string s;
        for (const auto& n : names) s += n + "\n";
        return s;
      }() : lsColumns(names));
    } else {
      int64_t blocks = 0;
      size_t sizeWidth = 1;
      for (const auto& n : names) {
        const MemFs::File* f = fs.stat(n);
        blocks += static_cast<int64_t>((f->data.size() + 4095) / 4096) * 4;
        sizeWidth = std::max(sizeWidth, std::to_string(f->data.size()).size());
      }
      std::string out = operands.empty() ? "total " + std::to_string(blocks) + "\n" : "";
      for (const auto& n : names) {
        const MemFs::File* f = fs.stat(n);
        std::string size = std::to_string(f->data.size());
        out += "-rw-r--r-- 1 docker docker " + std::string(sizeWidth - size.size(), ' ') + size + " " +
               lsTime(f->modified, now) + " " + n + "\n";
      }
      ex.out(out);
    }
  } else if (cmd == "rm") {
    bool force = seen.find('f') != std::string::npos;
    if (operands.empty() && !force) {
      ex.err("rm: missing operand\nTry 'rm --help' for more information.\n");
      ex.finish(1);
      return;
    }
    for (const auto& f : operands) {
      if (fs.remove(f)) continue;
      if (f == "." || f == "..") {
        ex.err("rm: refusing to remove '.' or '..' directory: skipping '" + f + "'\n");
        code = 1;
      } else if (!force) {
        ex.err("rm: cannot remove '" + f + "': No such file or directory\n");
        code = 1;
      }
    }
  } else {  // touch
    if (operands.empty()) {
      ex.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
      ex.finish(1);
      return;
    }
    for (const auto& f : operands) {
      if (!fs.write(f, "", now, true)) {
        ex.err("touch: cannot touch '" + f + "': No such file or directory\n");
        code = 1;
      }
    }
  }
  ex.finish(code);
}

}  // namespace kp
