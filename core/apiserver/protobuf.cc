// A schema-driven protobuf decoder: walks a body field by field with the tables of
// protobuf_schema.cc and builds the JSON that Go's encoding/json would print for the typed
// object the body encodes. Every read is bounds-checked; errors are values.
#include "core/apiserver/protobuf.h"

#include <cstdint>
#include <cstdio>
#include <exception>

#include "core/api/base64.h"
#include "core/apiserver/protobuf_schema.h"

namespace kp {
namespace {

using pb::Card;
using pb::Emit;
using pb::Field;
using pb::Kind;

enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

// A cursor over one message's bytes. Every read checks the remaining length first.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool done() const { return pos_ >= data_.size(); }

  // A base-128 varint of at most 10 bytes, as Go's decoders accept.
  bool varint(uint64_t* out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos_ >= data_.size()) return false;
      auto b = static_cast<uint8_t>(data_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) {
        *out = v;
        return true;
      }
      if (shift == 63) return false;  // an 11th byte would be needed
    }
    return false;
  }

  // A length prefix and that many bytes; false when the length runs past the end.
  bool lengthDelimited(std::string_view* out) {
    uint64_t n = 0;
    if (!varint(&n) || n > data_.size() - pos_) return false;
    *out = data_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return true;
  }

  bool skip(size_t n) {
    if (n > data_.size() - pos_) return false;
    pos_ += n;
    return true;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// Go's encoding/json writes invalid UTF-8 as U+FFFD, one per bad byte; nlohmann::json would
// throw on it when the object is printed, so strings are cleaned the same way here.
std::string cleanUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; k++) ok = (static_cast<uint8_t>(s[i + k]) & 0xc0) == 0x80;
    if (ok && n >= 3) {
      auto c1 = static_cast<uint8_t>(s[i + 1]);
      if (c == 0xe0 && c1 < 0xa0) ok = false;  // overlong
      if (c == 0xed && c1 > 0x9f) ok = false;  // surrogate
      if (c == 0xf0 && c1 < 0x90) ok = false;  // overlong
      if (c == 0xf4 && c1 > 0x8f) ok = false;  // above U+10FFFF
    }
    if (ok) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.append("\xef\xbf\xbd");
      i++;
    }
  }
  return out;
}

// Days since 1970-01-01 to a proleptic Gregorian date (the era arithmetic of "civil from days").
void civilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

// metav1.Time prints as RFC 3339 in UTC at second precision; nanos are dropped on decode.
// Years outside 0000-9999 cannot be written in that form.
bool formatUnixSeconds(int64_t secs, std::string* out) {
  constexpr int64_t kMin = -62167219200;  // 0000-01-01T00:00:00Z
  constexpr int64_t kMax = 253402300799;  // 9999-12-31T23:59:59Z
  if (secs < kMin || secs > kMax) return false;
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  int64_t year;
  int month, day;
  civilFromDays(days, &year, &month, &day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(year), month, day,
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  *out = buf;
  return true;
}

// resource.Quantity's grammar: a signed decimal number, then nothing, a binary suffix (Ki..Ei),
// a decimal suffix (n u m k M G T P E) or an exponent (e3, E-2). Go refuses anything else.
bool validQuantity(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
  size_t digits = 0, dots = 0;
  for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); i++) (s[i] == '.' ? dots : digits)++;
  if (digits == 0 || dots > 1) return false;
  std::string_view suffix = s.substr(i);
  if (suffix.empty()) return true;
  for (std::string_view bin : {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"})
    if (suffix == bin) return true;
  if (suffix.size() == 1 && std::string_view("numkMGTPE").find(suffix[0]) != std::string_view::npos) return true;
  if (suffix[0] != 'e' && suffix[0] != 'E') return false;
  size_t j = 1;
  if (j < suffix.size() && (suffix[j] == '+' || suffix[j] == '-')) j++;
  if (j == suffix.size() || j > 20) return false;
  for (; j < suffix.size(); j++)
    if (suffix[j] < '0' || suffix[j] > '9') return false;
  return true;
}

bool isVarintKind(Kind k) { return k == Kind::Int32 || k == Kind::Int64 || k == Kind::Bool; }

class Decoder {
 public:
  Decoder(std::string* error, const ProtobufLimits& limits, size_t bodySize)
      : error_(error), maxDepth_(limits.maxDepth), budget_(limits.baseValues + bodySize) {}

  bool fail(std::string message) {
    if (error_ && error_->empty()) *error_ = "protobuf: " + std::move(message);
    return false;
  }

  // Decodes the fields of one message into `out` (an object), then fills in what Go prints for
  // the fields the body left out.
  bool message(std::string_view data, const pb::Message& m, Json& out, int depth) {
    if (depth > maxDepth_) return fail(std::string("messages nested deeper than ") + std::to_string(maxDepth_));
    if (!out.is_object()) out = Json::object();
    Reader r(data);
    while (!r.done()) {
      uint64_t key = 0;
      if (!r.varint(&key)) return fail(std::string(m.name) + ": truncated field key");
      uint64_t number = key >> 3;
      auto wire = static_cast<uint32_t>(key & 7);
      if (number == 0 || number > 0x1fffffff) return fail(std::string(m.name) + ": invalid field number");
      const Field* f = m.find(static_cast<uint32_t>(number));
      if (!f) {
        if (!skip(r, wire)) return fail(std::string(m.name) + " field " + std::to_string(number) + ": " + skipError_);
        continue;
      }
      if (!field(*f, wire, r, m, out, depth)) return false;
    }
    return defaults(m, out, depth);
  }

 private:
  std::string* error_;
  int maxDepth_;
  size_t budget_;
  std::string skipError_;

  bool spend() {
    if (budget_ == 0) return fail("the body expands to too many values");
    budget_--;
    return true;
  }

  bool skip(Reader& r, uint32_t wire) {
    uint64_t v = 0;
    std::string_view bytes;
    bool ok = true;
    switch (wire) {
      case kVarint: ok = r.varint(&v); skipError_ = "truncated varint"; break;
      case kFixed64: ok = r.skip(8); skipError_ = "truncated fixed64"; break;
      case kLengthDelimited: ok = r.lengthDelimited(&bytes); skipError_ = "length past the end of the message"; break;
      case kFixed32: ok = r.skip(4); skipError_ = "truncated fixed32"; break;
      default: ok = false; skipError_ = "unsupported wire type " + std::to_string(wire); break;
    }
    return ok;
  }

  std::string where(const pb::Message& m, const Field& f) const { return std::string(m.name) + "." + f.json; }

  // One occurrence of a known field on the wire.
  bool field(const Field& f, uint32_t wire, Reader& r, const pb::Message& m, Json& out, int depth) {
    bool packed = f.card == Card::Many && isVarintKind(f.kind) && wire == kLengthDelimited;
    uint32_t want = isVarintKind(f.kind) ? kVarint : kLengthDelimited;
    if (wire != want && !packed)
      return fail(where(m, f) + ": wrong wire type " + std::to_string(wire));
    if (f.emit == Emit::Inline) {
      std::string_view bytes;
      if (!r.lengthDelimited(&bytes)) return fail(where(m, f) + ": length past the end of the message");
      return message(bytes, pb::message(f.message), out, depth + 1);
    }
    if (packed) {
      std::string_view bytes;
      if (!r.lengthDelimited(&bytes)) return fail(where(m, f) + ": length past the end of the message");
      Reader inner(bytes);
      while (!inner.done())
        if (!element(f, inner, m, out, depth)) return false;
      return true;
    }
    if (f.card == Card::Map) return mapEntry(f, r, m, out, depth);
    return element(f, r, m, out, depth);
  }

  // A single value or one array element.
  bool element(const Field& f, Reader& r, const pb::Message& m, Json& out, int depth) {
    if (!spend()) return false;
    if (f.card == Card::Many) {
      Json& arr = out[f.json];
      if (!arr.is_array()) arr = Json::array();
      Json v;
      if (!value(f, r, m, v, depth)) return false;
      arr.push_back(std::move(v));
      return true;
    }
    Json& slot = out[f.json];
    if (f.kind != Kind::Message || !slot.is_object()) slot = Json();  // a repeated message merges
    if (!value(f, r, m, slot, depth)) return false;
    if (f.emit == Emit::Omit && isZero(slot)) out.erase(f.json);
    return true;
  }

  // Map fields are repeated entry messages {1: key, 2: value}; a later key replaces an earlier one.
  bool mapEntry(const Field& f, Reader& r, const pb::Message& m, Json& out, int depth) {
    std::string_view entry;
    if (!r.lengthDelimited(&entry)) return fail(where(m, f) + ": length past the end of the message");
    if (!spend()) return false;
    Reader er(entry);
    std::string key;
    Json v;
    bool haveValue = false;
    while (!er.done()) {
      uint64_t k = 0;
      if (!er.varint(&k)) return fail(where(m, f) + ": truncated map entry");
      auto wire = static_cast<uint32_t>(k & 7);
      if ((k >> 3) == 1 && wire == kLengthDelimited) {
        std::string_view bytes;
        if (!er.lengthDelimited(&bytes)) return fail(where(m, f) + ": map key past the end of the entry");
        key = cleanUtf8(bytes);
      } else if ((k >> 3) == 2) {
        if (wire != (isVarintKind(f.kind) ? kVarint : kLengthDelimited))
          return fail(where(m, f) + ": wrong wire type " + std::to_string(wire) + " in a map value");
        v = Json();
        if (!value(f, er, m, v, depth)) return false;
        haveValue = true;
      } else if (!skip(er, wire)) {
        return fail(where(m, f) + " entry: " + skipError_);
      }
    }
    if (!haveValue && !zeroValue(f, v, depth)) return false;
    Json& obj = out[f.json];
    if (!obj.is_object()) obj = Json::object();
    obj[key] = std::move(v);
    return true;
  }

  // Reads one value of the field's kind from r into v.
  bool value(const Field& f, Reader& r, const pb::Message& m, Json& v, int depth) {
    if (isVarintKind(f.kind)) {
      uint64_t x = 0;
      if (!r.varint(&x)) return fail(where(m, f) + ": truncated varint");
      if (f.kind == Kind::Bool) v = x != 0;
      else if (f.kind == Kind::Int32) v = static_cast<int32_t>(static_cast<uint32_t>(x));
      else v = static_cast<int64_t>(x);
      return true;
    }
    std::string_view bytes;
    if (!r.lengthDelimited(&bytes)) return fail(where(m, f) + ": length past the end of the message");
    switch (f.kind) {
      case Kind::String: v = cleanUtf8(bytes); return true;
      case Kind::Bytes: v = base64Encode(std::string(bytes)); return true;
      case Kind::Message: return message(bytes, pb::message(f.message), v, depth + 1);
      case Kind::Time: return time(bytes, f, m, v);
      case Kind::IntOrString: return intOrString(bytes, f, m, v);
      case Kind::Quantity: return quantity(bytes, f, m, v);
      default: return fail(where(m, f) + ": unexpected kind");
    }
  }

  // metav1.Time: empty is the zero time (null); else Timestamp{1: seconds, 2: nanos}.
  bool time(std::string_view bytes, const Field& f, const pb::Message& m, Json& v) {
    if (bytes.empty()) {
      v = nullptr;
      return true;
    }
    int64_t seconds = 0;
    Reader r(bytes);
    while (!r.done()) {
      uint64_t key = 0, x = 0;
      if (!r.varint(&key)) return fail(where(m, f) + ": truncated Timestamp");
      auto wire = static_cast<uint32_t>(key & 7);
      if ((key >> 3) == 1 || (key >> 3) == 2) {
        if (wire != kVarint) return fail(where(m, f) + ": wrong wire type in Timestamp");
        if (!r.varint(&x)) return fail(where(m, f) + ": truncated Timestamp");
        if ((key >> 3) == 1) seconds = static_cast<int64_t>(x);
      } else if (!skip(r, wire)) {
        return fail(where(m, f) + " Timestamp: " + skipError_);
      }
    }
    // Go's zero time.Time is 0001-01-01T00:00:00Z; it prints as null.
    if (seconds == -62135596800) {
      v = nullptr;
      return true;
    }
    std::string s;
    if (!formatUnixSeconds(seconds, &s)) return fail(where(m, f) + ": time out of range");
    v = s;
    return true;
  }

  // intstr.IntOrString{1: type (0 int, 1 string), 2: intVal, 3: strVal}.
  bool intOrString(std::string_view bytes, const Field& f, const pb::Message& m, Json& v) {
    uint64_t type = 0, intVal = 0;
    std::string strVal;
    Reader r(bytes);
    while (!r.done()) {
      uint64_t key = 0;
      if (!r.varint(&key)) return fail(where(m, f) + ": truncated IntOrString");
      auto wire = static_cast<uint32_t>(key & 7);
      uint64_t n = key >> 3;
      if (n == 1 || n == 2) {
        if (wire != kVarint) return fail(where(m, f) + ": wrong wire type in IntOrString");
        if (!r.varint(n == 1 ? &type : &intVal)) return fail(where(m, f) + ": truncated IntOrString");
      } else if (n == 3) {
        std::string_view s;
        if (wire != kLengthDelimited) return fail(where(m, f) + ": wrong wire type in IntOrString");
        if (!r.lengthDelimited(&s)) return fail(where(m, f) + ": length past the end of IntOrString");
        strVal = cleanUtf8(s);
      } else if (!skip(r, wire)) {
        return fail(where(m, f) + " IntOrString: " + skipError_);
      }
    }
    if (type == 0) v = static_cast<int32_t>(static_cast<uint32_t>(intVal));
    else if (type == 1) v = strVal;
    else return fail(where(m, f) + ": impossible IntOrString type " + std::to_string(type));
    return true;
  }

  // resource.Quantity{1: string}; empty is the zero quantity, "0".
  bool quantity(std::string_view bytes, const Field& f, const pb::Message& m, Json& v) {
    std::string s;
    bool set = false;
    Reader r(bytes);
    while (!r.done()) {
      uint64_t key = 0;
      if (!r.varint(&key)) return fail(where(m, f) + ": truncated Quantity");
      auto wire = static_cast<uint32_t>(key & 7);
      if ((key >> 3) == 1) {
        std::string_view q;
        if (wire != kLengthDelimited) return fail(where(m, f) + ": wrong wire type in Quantity");
        if (!r.lengthDelimited(&q)) return fail(where(m, f) + ": length past the end of Quantity");
        s = std::string(q);
        set = true;
      } else if (!skip(r, wire)) {
        return fail(where(m, f) + " Quantity: " + skipError_);
      }
    }
    if (!set) s = "0";
    if (!validQuantity(s))
      return fail(where(m, f) + ": quantities must match the regular expression "
                                "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    v = s;
    return true;
  }

  static bool isZero(const Json& v) {
    if (v.is_string()) return v.get_ref<const std::string&>().empty();
    if (v.is_boolean()) return !v.get<bool>();
    if (v.is_number_integer()) return v.get<int64_t>() == 0;
    return v.is_null();
  }

  // What Go prints for a value the body does not carry.
  bool zeroValue(const Field& f, Json& v, int depth) {
    switch (f.kind) {
      case Kind::String: v = ""; return true;
      case Kind::Bytes: v = ""; return true;  // a map's missing bytes value is empty, not nil
      case Kind::Int32:
      case Kind::Int64: v = 0; return true;
      case Kind::Bool: v = false; return true;
      case Kind::Time: v = nullptr; return true;
      case Kind::IntOrString: v = 0; return true;
      case Kind::Quantity: v = "0"; return true;
      case Kind::Message: v = Json::object(); return message({}, pb::message(f.message), v, depth + 1);
    }
    return true;
  }

  // Fills in the fields Go prints although the body left them out (Emit::Always and OrNull), and
  // those of inlined structs.
  bool defaults(const pb::Message& m, Json& out, int depth) {
    for (size_t i = 0; i < m.count; i++) {
      const Field& f = m.fields[i];
      if (f.emit == Emit::Inline) {
        if (!defaults(pb::message(f.message), out, depth + 1)) return false;
        continue;
      }
      if ((f.emit != Emit::Always && f.emit != Emit::OrNull) || out.contains(f.json)) continue;
      if (!spend()) return false;
      Json v;
      if (f.emit == Emit::OrNull) {  // a nil pointer
        out[f.json] = nullptr;
        continue;
      }
      if (f.card == Card::One && !zeroValue(f, v, depth)) return false;
      if (f.card == Card::One && f.kind == Kind::Bytes) v = nullptr;  // a nil []byte
      out[f.json] = std::move(v);  // a nil slice or map prints as null
    }
    return true;
  }
};

// runtime.TypeMeta{1: apiVersion, 2: kind}.
bool decodeTypeMeta(std::string_view data, std::string* apiVersion, std::string* kind, Decoder& d) {
  Reader r(data);
  while (!r.done()) {
    uint64_t key = 0;
    if (!r.varint(&key)) return d.fail("Unknown.typeMeta: truncated field key");
    auto wire = static_cast<uint32_t>(key & 7);
    uint64_t n = key >> 3;
    std::string_view s;
    if ((n == 1 || n == 2) && wire == kLengthDelimited) {
      if (!r.lengthDelimited(&s)) return d.fail("Unknown.typeMeta: length past the end of the message");
      (n == 1 ? *apiVersion : *kind) = std::string(s);
    } else if (n == 1 || n == 2) {
      return d.fail("Unknown.typeMeta: wrong wire type " + std::to_string(wire));
    } else {
      uint64_t x;
      bool ok = wire == kVarint ? r.varint(&x)
                : wire == kLengthDelimited ? r.lengthDelimited(&s)
                : wire == kFixed64 ? r.skip(8)
                : wire == kFixed32 ? r.skip(4) : false;
      if (!ok) return d.fail("Unknown.typeMeta: malformed field " + std::to_string(n));
    }
  }
  return true;
}

struct Envelope {
  std::string apiVersion, kind, contentEncoding, contentType;
  std::string_view raw;
};

// "k8s\0" + runtime.Unknown{1: typeMeta, 2: raw, 3: contentEncoding, 4: contentType}.
bool decodeEnvelope(std::string_view body, Envelope* env, Decoder& d) {
  static constexpr std::string_view kMagic("k8s\0", 4);
  if (body.substr(0, 4) != kMagic) return d.fail("the body does not start with the k8s\\0 prefix");
  Reader r(body.substr(4));
  while (!r.done()) {
    uint64_t key = 0;
    if (!r.varint(&key)) return d.fail("Unknown: truncated field key");
    auto wire = static_cast<uint32_t>(key & 7);
    uint64_t n = key >> 3;
    std::string_view bytes;
    if (n >= 1 && n <= 4) {
      if (wire != kLengthDelimited) return d.fail("Unknown field " + std::to_string(n) + ": wrong wire type " + std::to_string(wire));
      if (!r.lengthDelimited(&bytes)) return d.fail("Unknown field " + std::to_string(n) + ": length past the end of the body");
      if (n == 1 && !decodeTypeMeta(bytes, &env->apiVersion, &env->kind, d)) return false;
      if (n == 2) env->raw = bytes;
      if (n == 3) env->contentEncoding = std::string(bytes);
      if (n == 4) env->contentType = std::string(bytes);
      continue;
    }
    uint64_t x;
    bool ok = wire == kVarint ? r.varint(&x)
              : wire == kLengthDelimited ? r.lengthDelimited(&bytes)
              : wire == kFixed64 ? r.skip(8)
              : wire == kFixed32 ? r.skip(4) : false;
    if (!ok) return d.fail("Unknown: malformed field " + std::to_string(n));
  }
  return true;
}

}  // namespace

std::optional<Json> protobufToJson(std::string_view body, std::string* error, const ProtobufLimits& limits) {
  std::string scratch;
  if (!error) error = &scratch;
  error->clear();
  try {
    Decoder d(error, limits, body.size());
    Envelope env;
    if (!decodeEnvelope(body, &env, d)) return std::nullopt;
    if (!env.contentEncoding.empty()) {
      d.fail("unsupported content encoding \"" + env.contentEncoding + "\"");
      return std::nullopt;
    }
    if (!env.contentType.empty() && env.contentType != kProtobufContentType) {
      d.fail("unsupported content type \"" + env.contentType + "\"");
      return std::nullopt;
    }
    pb::M m = pb::topLevelMessage(env.apiVersion, env.kind);
    if (m == pb::M::None) {
      d.fail("no kind \"" + env.kind + "\" is registered for version \"" + env.apiVersion + "\"");
      return std::nullopt;
    }
    Json out = Json::object();
    if (!d.message(env.raw, pb::message(m), out, 1)) return std::nullopt;
    out["apiVersion"] = cleanUtf8(env.apiVersion);
    out["kind"] = cleanUtf8(env.kind);
    return out;
  } catch (const std::exception& e) {
    *error = std::string("protobuf: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace kp
