// Name -> factory registry. One instance per plug-in family (materials, linear solvers, ...),
// filled by an explicit register_*() function and passed in: no static self-registration.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/parameters.hpp"

namespace sinew {

template <class Base, class... Args>
class Registry {
 public:
  using Factory = std::function<std::unique_ptr<Base>(Args...)>;

  struct Entry {
    Factory factory;
    std::string description;
    std::vector<ParameterSpec> parameters;  ///< what the factory's ParameterSet must hold
  };

  void add(const std::string& name, Factory factory, std::string description = {},
           std::vector<ParameterSpec> parameters = {}) {
    if (entries_.count(name)) throw std::logic_error("registry: duplicate name '" + name + "'");
    entries_[name] = Entry{std::move(factory), std::move(description), std::move(parameters)};
  }

  const Entry& entry(const std::string& name) const {
    auto it = entries_.find(name);
    if (it == entries_.end())
      throw std::out_of_range("unknown name '" + name + "' (allowed: " + joined_names() + ")");
    return it->second;
  }

  bool contains(const std::string& name) const { return entries_.count(name) > 0; }

  /// Throws std::out_of_range naming the allowed names when `name` is unknown.
  std::unique_ptr<Base> create(const std::string& name, Args... args) const {
    return entry(name).factory(std::forward<Args>(args)...);
  }

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
