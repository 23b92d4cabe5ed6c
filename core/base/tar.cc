// See tar.h. Header fields are octal text, as ustar defines them; the checksum is the sum of
// the header's bytes with the checksum field read as spaces.
#include "core/base/tar.h"

#include <cstdio>
#include <cstring>

namespace kp {

namespace {

void putOctal(char* field, size_t width, long long value) {
  // width-1 octal digits, zero-padded, then NUL
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), value);
}

long long getOctal(const char* field, size_t width, bool* ok) {
  long long v = 0;
  size_t i = 0;
  while (i < width && (field[i] == ' ' || field[i] == '\0')) i++;
  for (; i < width && field[i] != '\0' && field[i] != ' '; i++) {
    if (field[i] < '0' || field[i] > '7') {
      *ok = false;
      return 0;
    }
    v = v * 8 + (field[i] - '0');
  }
  return v;
}

unsigned checksum(const char* h) {
  unsigned sum = 0;
  for (int i = 0; i < 512; i++) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
  return sum;
}

}  // namespace

std::string tarWrite(const std::vector<TarEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    char h[512];
    std::memset(h, 0, sizeof h);
    std::string name = e.name, prefix;
    if (e.dir && (name.empty() || name.back() != '/')) name += '/';
    if (name.size() > 100) {
      // ustar splits a long name at a '/' into prefix (at most 155) and name (at most 100)
      size_t cut = name.find('/', name.size() > 101 ? name.size() - 101 : 0);
      if (cut != std::string::npos && cut <= 155 && cut + 1 < name.size()) {
        prefix = name.substr(0, cut);
        name = name.substr(cut + 1);
      }
      if (name.size() > 100) name = name.substr(0, 100);
    }
    std::memcpy(h, name.data(), name.size());
    putOctal(h + 100, 8, e.mode & 07777);
    putOctal(h + 108, 8, 0);
    putOctal(h + 116, 8, 0);
    putOctal(h + 124, 12, e.dir ? 0 : static_cast<long long>(e.data.size()));
    putOctal(h + 136, 12, e.mtime);
    h[156] = e.dir ? '5' : '0';
    std::memcpy(h + 257, "ustar\0" "00", 8);
    std::memcpy(h + 265, "root", 4);
    std::memcpy(h + 297, "root", 4);
    std::memcpy(h + 345, prefix.data(), prefix.size());
    std::snprintf(h + 148, 8, "%06o", checksum(h));
    h[155] = ' ';
    out.append(h, 512);
    if (!e.dir) {
      out += e.data;
      out.append((512 - e.data.size() % 512) % 512, '\0');
    }
  }
  out.append(1024, '\0');
  return out;
}

std::optional<std::vector<TarEntry>> tarRead(const std::string& archive, std::string* error) {
  std::vector<TarEntry> out;
  size_t pos = 0;
  while (pos + 512 <= archive.size()) {
    const char* h = archive.data() + pos;
    bool zero = true;
    for (int i = 0; i < 512 && zero; i++) zero = h[i] == 0;
    if (zero) break;
    bool ok = true;
    long long sum = getOctal(h + 148, 8, &ok);
    long long size = getOctal(h + 124, 12, &ok);
    long long mode = getOctal(h + 100, 8, &ok);
    long long mtime = getOctal(h + 136, 12, &ok);
    if (!ok || static_cast<unsigned>(sum) != checksum(h) || size < 0) {
      *error = "archive/tar: invalid tar header";
      return std::nullopt;
    }
    TarEntry e;
    std::string name(h, strnlen(h, 100));
    std::string prefix(h + 345, strnlen(h + 345, 155));
    if (std::memcmp(h + 257, "ustar", 5) == 0 && !prefix.empty()) name = prefix + "/" + name;
    e.name = name;
    e.mode = static_cast<int>(mode);
    e.mtime = mtime;
    char type = h[156];
    e.dir = type == '5' || (!name.empty() && name.back() == '/');
    pos += 512;
    if (static_cast<unsigned long long>(size) > archive.size() - pos) {
      *error = "unexpected EOF";
      return std::nullopt;
    }
    if (type == '0' || type == '\0' || type == '5') {
      if (!e.dir) e.data = archive.substr(pos, static_cast<size_t>(size));
      out.push_back(std::move(e));
    }
    pos += static_cast<size_t>((size + 511) / 512 * 512);
  }
  return out;
}

}  // namespace kp
