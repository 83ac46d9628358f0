// Checked access to YAML nodes with key paths and file:line:column locations.
#include "model/yaml_node.hpp"

#include "core/parameters.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace sinew::model {

namespace {
std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}
std::string shown(const YAML::Node& n) {
  if (n.IsScalar()) return "'" + n.Scalar() + "'";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a mapping";
  return "nothing";
}
}  // namespace

bool Range::contains(Real v) const {
  return in_interval(v, min, max, min_exclusive, max_exclusive);
}

std::string Range::describe() const {
  return describe_interval(min, max, min_exclusive, max_exclusive);
}

YamlNode::YamlNode(YAML::Node node, std::string path, std::string file, Diagnostics* diag)
    : node_(std::move(node)), path_(std::move(path)), file_(std::move(file)), diag_(diag) {
  loc_.file = file_;
  if (node_.IsDefined()) {
    const auto m = node_.Mark();
    if (m.line >= 0) {
      loc_.line = m.line + 1;
      loc_.column = m.column + 1;
    }
    if (diag_ && !node_.IsNull()) diag_->note(path_, loc_);
  }
}

YamlNode YamlNode::operator[](const std::string& key) const {
  const std::string p = path_.empty() ? key : path_ + "." + key;
  // Copy-construct (not assign): assigning a YAML::Node writes into the node it refers to.
  const YAML::Node child = node_.IsMap() ? YAML::Node(node_[key])
                                         : YAML::Node(YAML::NodeType::Undefined);
  YamlNode out(child.IsDefined() ? child : YAML::Node(YAML::NodeType::Undefined), p, file_, diag_);
  if (!child.IsDefined() || child.IsNull()) {
    if (child.IsDefined() && child.IsNull() && child.Mark().line >= 0) {
      out.loc_.line = child.Mark().line + 1;
      out.loc_.column = child.Mark().column + 1;
    } else {
      out.loc_ = loc_;  // missing key: point at the parent
    }
  }
  return out;
}

YamlNode YamlNode::operator[](size_t i) const {
  return YamlNode(node_[i], path_ + "[" + std::to_string(i) + "]", file_, diag_);
}

std::vector<std::string> YamlNode::keys() const {
  std::vector<std::string> out;
  if (node_.IsMap())
    for (const auto& kv : node_) {
      // Keys that are lists or mappings are reported by expect_map; repeats once.
      if (!kv.first.IsScalar()) continue;
      if (std::find(out.begin(), out.end(), kv.first.Scalar()) == out.end())
        out.push_back(kv.first.Scalar());
    }
  return out;
}

void YamlNode::error(const std::string& message) const { diag_->add(loc_, path_, message); }

bool YamlNode::require() const {
  if (defined()) return true;
  error("missing required key");
  return false;
}

bool YamlNode::expect_map(const std::vector<std::string>& allowed) const {
  if (!node_.IsMap()) {
    error("expected a mapping, got " + shown(node_));
    return false;
  }
  bool ok = true;
  std::vector<std::string> seen;
  for (const auto& kv : node_) {
    SourceLocation where{file_, kv.first.Mark().line + 1, kv.first.Mark().column + 1};
    if (!kv.first.IsScalar()) {  // e.g. "[a, b]: 1"; yaml-cpp would throw on conversion
      diag_->add(where, path_, "a key must be a plain name, got " + shown(kv.first));
      ok = false;
      continue;
    }
    const std::string key = kv.first.Scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      // yaml-cpp keeps both entries and look-ups see only the first: never silently.
      diag_->add(where, path_.empty() ? key : path_ + "." + key, "duplicate key '" + key + "'");
      continue;
    }
    seen.push_back(key);
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    diag_->add(where, path_.empty() ? key : path_ + "." + key,
               "unknown key '" + key + "' (allowed: " + join(allowed) + ")");
    ok = false;
  }
  return ok;
}

bool YamlNode::expect_sequence() const {
  if (node_.IsSequence()) return true;
  error("expected a list, got " + shown(node_));
  return false;
}

std::optional<Real> YamlNode::real(Range range) const {
  if (!require()) return std::nullopt;
  Real v;
  if (!node_.IsScalar() || !YAML::convert<Real>::decode(node_, v)) {
    error("expected a number, got " + shown(node_));
    return std::nullopt;
  }
  if (!range.contains(v)) {
    error("value " + node_.Scalar() + " is out of range; allowed " + range.describe());
    return std::nullopt;
  }
  return v;
}

std::optional<long> YamlNode::integer(long min, long max) const {
  if (!require()) return std::nullopt;
  long v;
  if (!node_.IsScalar() || !YAML::convert<long>::decode(node_, v)) {
    error("expected an integer, got " + shown(node_));
    return std::nullopt;
  }
  if (v < min || v > max) {
    error("value " + std::to_string(v) + " is out of range; allowed [" + std::to_string(min) +
          ", " + (max == std::numeric_limits<long>::max() ? "inf" : std::to_string(max)) + "]");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> YamlNode::boolean() const {
  if (!require()) return std::nullopt;
  bool v;
  if (!node_.IsScalar() || !YAML::convert<bool>::decode(node_, v)) {
    error("expected true or false, got " + shown(node_));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> YamlNode::string(const std::vector<std::string>& allowed) const {
  if (!require()) return std::nullopt;
  if (!node_.IsScalar()) {
    error("expected a string, got " + shown(node_));
    return std::nullopt;
  }
  const std::string v = node_.Scalar();
  if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    error("'" + v + "' is not allowed (allowed: " + join(allowed) + ")");
    return std::nullopt;
  }
  return v;
}

std::optional<std::vector<Real>> YamlNode::reals(Range range) const {
  if (!require() || !expect_sequence()) return std::nullopt;
  std::vector<Real> out;
  bool ok = true;
  for (size_t i = 0; i < node_.size(); ++i) {
    auto v = (*this)[i].real(range);
    if (v)
      out.push_back(*v);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> YamlNode::strings(
    const std::vector<std::string>& allowed) const {
  if (!require()) return std::nullopt;
  if (node_.IsScalar()) {
    auto s = string(allowed);
    if (!s) return std::nullopt;
    return std::vector<std::string>{*s};
  }
  if (!expect_sequence()) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < node_.size(); ++i) {
    auto v = (*this)[i].string(allowed);
    if (v)
      out.push_back(*v);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Vec3> YamlNode::vec3(Range range) const {
  auto v = reals(range);
  if (!v) return std::nullopt;
  if (v->size() != 3) {
    error("expected a list of 3 numbers, got " + std::to_string(v->size()));
    return std::nullopt;
  }
  return Vec3((*v)[0], (*v)[1], (*v)[2]);
}

YAML::Node parse_yaml(const std::string& text, const std::string& file_name) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError({file_name, e.mark.line + 1, e.mark.column + 1}, "",
                     "YAML syntax error: " + e.msg);
  }
}

YAML::Node load_yaml_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0, 0}, "", "cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_yaml(ss.str(), path);
}

}  // namespace sinew::model
