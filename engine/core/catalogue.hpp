// Name -> entry table for plug-in families whose entries are descriptions plus their own build
// code rather than one factory signature (mesh generators, boundary-condition types, cohesive
// laws). Like Registry, one instance per family, filled by an explicit register_*() function.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sinew {

template <class Entry>
class Catalogue {
 public:
  void add(const std::string& name, Entry entry) {
    if (entries_.count(name)) throw std::logic_error("catalogue: duplicate name '" + name + "'");
    entries_.emplace(name, std::move(entry));
  }

  /// Throws std::out_of_range naming the allowed names when `name` is unknown.
  const Entry& entry(const std::string& name) const {
    auto it = entries_.find(name);
    if (it == entries_.end())
      throw std::out_of_range("unknown name '" + name + "' (allowed: " + joined_names() + ")");
    return it->second;
  }

  bool contains(const std::string& name) const { return entries_.count(name) > 0; }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, entry] : entries_) out.push_back(name);
    return out;
  }

  std::string joined_names() const {
    std::string s;
    for (const auto& [name, entry] : entries_) s += (s.empty() ? "" : ", ") + name;
    return s;
  }

 private:
  std::map<std::string, Entry> entries_;
};

}  // namespace sinew
