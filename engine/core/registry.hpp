// Name -> factory registry (a Catalogue of factories). One instance per plug-in family
// (materials, linear solvers, interventions), filled by an explicit register_*() function and
// passed in: no static self-registration.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/catalogue.hpp"
#include "core/parameters.hpp"

namespace sinew {

template <class Base, class... Args>
struct RegistryEntry {
  std::function<std::unique_ptr<Base>(Args...)> factory;
  std::string description;
  std::vector<ParameterSpec> parameters;  ///< what the factory's ParameterSet must hold
  /// A representative valid parameter set (values away from the defaults): every parameterised
  /// test of the family runs the entry with it, so a new entry brings its own test case.
  std::map<std::string, Real> example;
};

/// A catalogue whose entries share one factory signature: name -> (factory, description,
/// parameter specs). Lookups, names and the unknown-name message are the catalogue's.
template <class Base, class... Args>
class Registry : public Catalogue<RegistryEntry<Base, Args...>> {
 public:
  using Entry = RegistryEntry<Base, Args...>;
  using Factory = std::function<std::unique_ptr<Base>(Args...)>;

  void add(const std::string& name, Factory factory, std::string description = {},
           std::vector<ParameterSpec> parameters = {}, std::map<std::string, Real> example = {}) {
    Catalogue<Entry>::add(name, Entry{std::move(factory), std::move(description),
                                      std::move(parameters), std::move(example)});
  }

  /// Throws std::out_of_range naming the allowed names when `name` is unknown.
  std::unique_ptr<Base> create(const std::string& name, Args... args) const {
    return this->entry(name).factory(std::forward<Args>(args)...);
  }
};

}  // namespace sinew
