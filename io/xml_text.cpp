#include "io/xml_text.hpp"

namespace movemap {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if invalid.
std::size_t utf8_len(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) { cp = c; return 1; }
  std::size_t n;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return n;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
    char32_t cp;
    const std::size_t n = utf8_len(s, i, cp);
    if (!n) return false;
    i += n;
  }
  return true;
}

void append_xml_escaped(std::string& out, std::string_view s) {
  static const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': case '\n': out.push_back(static_cast<char>(c)); break;
        case '\r': out += "&#13;"; break;  // keep CR through XML line-end normalisation
        default:
          if (c < 0x20 || c == 0x7F) out += kReplacement;  // 0x7F is legal but invisible; keep text clean
          else out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    char32_t cp;
    const std::size_t n = utf8_len(s, i, cp);
    if (!n) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0x80 && cp <= 0x9F)) out += kReplacement;
    else out.append(s.data() + i, n);
    i += n;
  }
}

std::string xml_escaped(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_xml_escaped(out, s);
  return out;
}

}  // namespace movemap
