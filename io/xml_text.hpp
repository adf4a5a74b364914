// Text made safe for XML 1.0.
//
// append_xml_escaped escapes & < > " ' and replaces what XML 1.0 cannot hold
// at all (control characters other than tab, LF and CR; U+FFFE/U+FFFF;
// invalid UTF-8 bytes) with U+FFFD. The result is always well-formed UTF-8.
#pragma once
#include <string>
#include <string_view>

namespace movemap {

void append_xml_escaped(std::string& out, std::string_view text);
std::string xml_escaped(std::string_view text);

// True when `text` is valid UTF-8 (no overlongs, no surrogates).
bool valid_utf8(std::string_view text);

}  // namespace movemap
