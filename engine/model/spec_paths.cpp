// Setting spec values by key path, the canonical text and the path list: three SpecVisitors.
#include "model/spec_paths.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace sinew::model {

namespace {

// The shortest text that reads back as `v`.
std::string shortest(Real v) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

std::optional<Real> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const Real v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<bool> parse_flag(const std::string& t) {
  for (const char* s : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
    if (t == s) return true;
  for (const char* s : {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})
    if (t == s) return false;
  return std::nullopt;
}

// Sets the one value whose path matches; records the keys offered where the match stopped.
class PathSetter final : public SpecVisitor {
 public:
  PathSetter(std::vector<std::string> parts, std::string text, std::optional<Real> number,
             const std::vector<std::string>* items = nullptr)
      : parts_(std::move(parts)), text_(std::move(text)), number_(number), items_(items) {}

  bool enter(const std::string& key, const std::string& name, const std::string& segment) override {
    offer(name.empty() ? key : name);
    if (depth_ + 1 >= parts_.size() || (parts_[depth_] != key && parts_[depth_] != name))
      return false;
    shown_.push_back(segment);
    ++depth_;
    return true;
  }
  void leave() override {
    --depth_;
    shown_.pop_back();
  }
  void number(const std::string& key, Real& value, const Bounds& b) override {
    if (!is_scalar_leaf(key)) return;
    if (auto v = as_number()) {
      if (!b.accepts(*v))
        fail("value " + shortest(*v) + " is out of range; allowed " + b.describe());
      else
        value = *v;
    }
  }
  void whole(const std::string& key, int& value, const Bounds& b) override {
    if (!is_scalar_leaf(key)) return;
    if (auto v = as_number()) {
      if (*v != std::floor(*v) || std::abs(*v) > 2e9)
        fail("value " + shortest(*v) + " is not a whole number");
      else if (!b.accepts(*v))
        fail("value " + shortest(*v) + " is out of range; allowed " + b.describe());
      else
        value = static_cast<int>(*v);
    }
  }
  void flag(const std::string& key, bool& value) override {
    if (!is_scalar_leaf(key)) return;
    if (auto v = parse_flag(text_))
      value = *v;
    else
      fail("value '" + text_ + "' is not true or false");
  }
  void text(const std::string& key, std::string& value) override {
    if (is_scalar_leaf(key)) value = text_;
  }
  void texts(const std::string& key, std::vector<std::string>& value) override {
    if (is_leaf(key)) value = items_ ? *items_ : std::vector<std::string>{text_};
  }
  void parameter(std::map<std::string, Real>& given, const ParameterSpec& p) override {
    if (!is_scalar_leaf(p.name)) return;
    if (auto v = as_number()) {
      if (!p.accepts(*v))
        fail("value " + shortest(*v) + " is out of range; allowed " + p.allowed() +
             (p.unit.empty() || p.unit == "1" ? "" : " " + p.unit));
      else
        given[p.name] = *v;
    }
  }

  SetOutcome outcome(const std::string& path) const {
    if (found_) return out_;
    std::string where, keys;
    for (size_t i = 0; i < deepest_; ++i) where += (where.empty() ? "" : ".") + parts_[i];
    for (const auto& k : offered_) keys += (keys.empty() ? "" : ", ") + k;
    const std::string missing = deepest_ < parts_.size() ? parts_[deepest_] : path;
    return {"no key '" + missing + "'" + (where.empty() ? "" : " in '" + where + "'") +
                (keys.empty() ? "" : " (keys there: " + keys + ")"),
            ""};
  }

 private:
  void offer(const std::string& key) {
    if (depth_ > deepest_) {
      deepest_ = depth_;
      offered_.clear();
    }
    if (depth_ == deepest_) offered_.push_back(key);
  }
  bool is_leaf(const std::string& key) {
    offer(key);
    if (found_ || depth_ + 1 != parts_.size() || parts_[depth_] != key) return false;
    found_ = true;
    std::string p;
    for (const auto& s : shown_) p += s;
    out_.key_path = p.empty() ? key : p.substr(1) + "." + key;
    return true;
  }
  // A leaf that takes one value: a list given for it is an error.
  bool is_scalar_leaf(const std::string& key) {
    if (!is_leaf(key)) return false;
    if (items_) fail("expected a single value, got a list");
    return !items_;
  }
  std::optional<Real> as_number() {
    if (number_) return number_;
    auto v = parse_number(text_);
    if (!v) fail("value '" + text_ + "' is not a number");
    return v;
  }
  void fail(const std::string& message) { out_.error = message; }

  std::vector<std::string> parts_;
  std::string text_;
  std::optional<Real> number_;
  const std::vector<std::string>* items_ = nullptr;  ///< a list value (names, or a vector)
  size_t depth_ = 0, deepest_ = 0;
  std::vector<std::string> shown_, offered_;
  bool found_ = false;
  SetOutcome out_;
};

std::string in_quotes(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

// "path = value" lines in walk order.
class CanonicalWriter final : public SpecVisitor {
 public:
  bool enter(const std::string&, const std::string&, const std::string& segment) override {
    shown_.push_back(segment);
    return true;
  }
  void leave() override { shown_.pop_back(); }
  void number(const std::string& key, Real& v, const Bounds&) override { line(key, shortest(v)); }
  void whole(const std::string& key, int& v, const Bounds&) override {
    line(key, std::to_string(v));
  }
  void flag(const std::string& key, bool& v) override { line(key, v ? "true" : "false"); }
  void text(const std::string& key, std::string& v) override { line(key, in_quotes(v)); }
  void texts(const std::string& key, std::vector<std::string>& v) override {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + in_quotes(v[i]);
    line(key, s + "]");
  }
  void parameter(std::map<std::string, Real>& given, const ParameterSpec& p) override {
    const auto it = given.find(p.name);
    if (it != given.end())
      line(p.name, shortest(it->second));
    else if (p.default_value)
      line(p.name, shortest(*p.default_value));
  }
  const std::string& text() const { return text_; }

 private:
  void line(const std::string& key, const std::string& value) {
    std::string p;
    for (const auto& s : shown_) p += s;
    text_ += (p.empty() ? "" : p.substr(1) + ".") + key + " = " + value + "\n";
  }
  std::vector<std::string> shown_;
  std::string text_;
};

// Dotted paths of every value.
class PathLister final : public SpecVisitor {
 public:
  bool enter(const std::string& key, const std::string&, const std::string&) override {
    stack_.push_back(key);
    return true;
  }
  void leave() override { stack_.pop_back(); }
  void number(const std::string& key, Real&, const Bounds&) override { add(key); }
  void whole(const std::string& key, int&, const Bounds&) override { add(key); }
  void flag(const std::string& key, bool&) override { add(key); }
  void text(const std::string& key, std::string&) override { add(key); }
  void texts(const std::string& key, std::vector<std::string>&) override { add(key); }
  void parameter(std::map<std::string, Real>&, const ParameterSpec& p) override { add(p.name); }
  std::vector<std::string> paths;

 private:
  void add(const std::string& key) {
    std::string p;
    for (const auto& s : stack_) p += s + ".";
    paths.push_back(p + key);
  }
  std::vector<std::string> stack_;
};

SetOutcome set_value(ModelSpec& spec, const std::string& path, const std::string& text,
                     std::optional<Real> number, const LawParameters& laws) {
  PathSetter setter(split_key_path(path), text, number);
  visit_spec(spec, setter, laws);
  return setter.outcome(path);
}

bool names_no_value(const SetOutcome& r) { return r.key_path.empty() && !r.error.empty(); }

}  // namespace

SetOutcome set_spec_list(ModelSpec& spec, const std::string& path,
                         const std::vector<std::string>& items, const LawParameters& laws) {
  PathSetter setter(split_key_path(path), "", std::nullopt, &items);
  visit_spec(spec, setter, laws);
  const SetOutcome whole = setter.outcome(path);
  if (!names_no_value(whole)) return whole;  // a list of names, or a single value
  // A vector (scars.0.centre, mesh.size): element by element, as many as it has.
  size_t n = 0;
  for (ModelSpec scratch = spec;; ++n)
    if (names_no_value(set_spec_value(scratch, path + "." + std::to_string(n), "0", laws))) break;
  if (n == 0) return whole;
  ModelSpec changed = spec;
  SetOutcome out;
  for (size_t i = 0; i < n && i < items.size(); ++i) {
    out = set_spec_value(changed, path + "." + std::to_string(i), items[i], laws);
    if (!out.error.empty()) return {"item " + std::to_string(i) + ": " + out.error, out.key_path};
  }
  out.key_path = out.key_path.substr(0, out.key_path.rfind('.'));
  if (items.size() != n)
    return {
        "expected a list of " + std::to_string(n) + " values, got " + std::to_string(items.size()),
        out.key_path};
  spec = std::move(changed);
  return out;
}

std::vector<std::string> split_key_path(const std::string& path) {
  std::vector<std::string> parts(1);
  for (char c : path) {
    if (c == '.')
      parts.emplace_back();
    else
      parts.back() += c;
  }
  return parts;
}

SetOutcome set_spec_value(ModelSpec& spec, const std::string& path, const std::string& text,
                          const LawParameters& laws) {
  return set_value(spec, path, text, std::nullopt, laws);
}

SetOutcome set_spec_number(ModelSpec& spec, const std::string& path, Real value,
                           const LawParameters& laws) {
  return set_value(spec, path, shortest(value), value, laws);
}

std::string canonical_text(const ModelSpec& spec, const LawParameters& laws) {
  ModelSpec copy = spec;
  CanonicalWriter writer;
  visit_spec(copy, writer, laws);
  return writer.text();
}

std::vector<std::string> spec_paths(const ModelSpec& spec, const LawParameters& laws) {
  ModelSpec copy = spec;
  PathLister lister;
  visit_spec(copy, lister, laws);
  return lister.paths;
}

}  // namespace sinew::model
