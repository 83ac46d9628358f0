// Reading the tables of docs/*.md in tests that hold the docs to a registry: sections by heading,
// table rows by the name in their first cell.
#pragma once

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sinew::testing {

/// The text of docs/<name> (empty when missing).
inline std::string read_doc(const std::string& name) {
  std::ifstream in(std::string(SINEW_SOURCE_DIR) + "/docs/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// From the heading line that starts with `heading` (e.g. "### Linear solvers") to the next
/// heading of any level; empty when there is no such heading.
inline std::string doc_section(const std::string& doc, const std::string& heading) {
  const auto start = doc.find("\n" + heading);
  if (start == std::string::npos) return {};
  const auto end = doc.find("\n#", start + 1);
  return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// The section whose heading line (level `hashes`) contains `token`, e.g. "(`box`)".
inline std::string doc_section_containing(const std::string& doc, const std::string& hashes,
                                          const std::string& token) {
  for (auto at = doc.find("\n" + hashes + " "); at != std::string::npos;
       at = doc.find("\n" + hashes + " ", at + 1)) {
    const auto eol = doc.find('\n', at + 1);
    if (doc.substr(at, eol - at).find(token) != std::string::npos) {
      const auto end = doc.find("\n#", at + 1);
      return doc.substr(at, end == std::string::npos ? std::string::npos : end - at);
    }
  }
  return {};
}

/// The names in the first cell of every table row "| `name` | ..." of `text`, sorted.
inline std::vector<std::string> row_names(const std::string& text) {
  std::vector<std::string> names;
  for (auto at = text.find("\n| `"); at != std::string::npos; at = text.find("\n| `", at + 1)) {
    const auto close = text.find('`', at + 4);
    names.push_back(text.substr(at + 4, close - at - 4));
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The table row whose first cell is `name`; empty when there is none.
inline std::string row_of(const std::string& text, const std::string& name) {
  const auto at = text.find("\n| `" + name + "` |");
  if (at == std::string::npos) return {};
  return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

/// A GoogleTest-safe test name.
inline std::string safe_name(const std::string& s) {
  std::string out;
  for (char ch : s) out += (std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return out;
}

}  // namespace sinew::testing
