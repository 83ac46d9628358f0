// Navigation of dotted key paths in YAML trees.
#include "scenario/yaml_paths.hpp"

#include <cctype>
#include <vector>

namespace sinew::scenario {

std::vector<std::string> split_key_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : path) {
    if (c == '.') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

namespace {

bool is_index(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::string set_at_path(YAML::Node root, const std::string& path, const std::string& value) {
  const auto parts = split_key_path(path);
  YAML::Node node = root;
  std::string walked;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& key = parts[i];
    if (key.empty()) return "empty segment in '" + path + "'";
    const bool last = i + 1 == parts.size();
    if (node.IsSequence()) {
      // (A default YAML::Node is a defined null node: `found` says whether an item matched.)
      YAML::Node next;
      bool found = false;
      if (is_index(key)) {
        const size_t k = std::stoul(key);
        if (k >= node.size())
          return "'" + walked + "' has " + std::to_string(node.size()) + " items, no item " + key;
        next = node[k];
        found = true;
      } else {
        for (size_t k = 0; k < node.size() && !found; ++k)
          if (node[k].IsMap() && node[k]["name"] && node[k]["name"].IsScalar() &&
              node[k]["name"].Scalar() == key) {
            next = node[k];
            found = true;
          }
      }
      if (!found) return "no item named '" + key + "' in '" + walked + "'";
      if (last) {
        next = value;  // replaces the item's scalar (a Node handle refers into the tree)
        return {};
      }
      node.reset(next);
    } else if (node.IsMap()) {
      if (last) {
        node[key] = value;
        return {};
      }
      if (!node[key]) return "'" + (walked.empty() ? key : walked + "." + key) + "' does not exist";
      YAML::Node next = node[key];
      node.reset(next);
    } else {
      return "'" + walked + "' is not a mapping or a list";
    }
    walked += (walked.empty() ? "" : ".") + key;
  }
  return {};
}

}  // namespace sinew::scenario
