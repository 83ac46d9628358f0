// Building and writing the tidy table of a study.
#include "tidy_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace sinew::tools {

namespace {

std::string csv_number(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

// A value of the sweep object as CSV text: numbers re-printed in shortest form, text unquoted.
std::string sweep_cell(const std::string& raw) {
  if (raw.size() >= 2 && raw.front() == '"') return raw.substr(1, raw.size() - 2);
  char* end = nullptr;
  const double v = std::strtod(raw.c_str(), &end);
  return end && *end == '\0' && !raw.empty() ? fmt::format("{}", v) : raw;
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\n");
  const auto e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q(1, '"');
  for (char c : s) {
    if (c == '"') q.push_back('"');
    q.push_back(c);
  }
  q.push_back('"');
  return q;
}

struct ArmColumns {
  std::vector<std::string> lead;  ///< arm, base_arm, sweep values
  std::string status;
};

void add_probe_rows(const io::ArmSummary& a, const ArmColumns& c, TidyTable& t) {
  const bool usable = a.status == "completed";
  std::size_t probes = 0;
  for (const auto& v : a.values) probes = std::max(probes, v.size());
  for (std::size_t p = 0; p < probes; ++p)
    for (std::size_t m = 0; m < a.metric_names.size(); ++m) {
      auto row = c.lead;
      row.push_back(p < a.probe_session.size() ? fmt::format("{}", a.probe_session[p]) : "");
      row.push_back(p < a.probe_session_name.size() ? a.probe_session_name[p] : "");
      row.push_back(p < a.probe_stage.size() ? a.probe_stage[p] : "");
      row.push_back(p < a.probe_time.size() ? csv_number(a.probe_time[p]) : "");
      row.push_back(a.metric_names[m]);
      row.push_back(a.metric_units[m]);
      row.push_back(usable && p < a.values[m].size() ? csv_number(a.values[m][p]) : "");
      row.push_back(c.status);
      t.rows.push_back(std::move(row));
    }
  if (probes > 0) return;
  for (std::size_t m = 0; m < a.metric_names.size(); ++m) {
    auto row = c.lead;
    row.insert(row.end(), {"", "", "", "", a.metric_names[m], a.metric_units[m], "", c.status});
    t.rows.push_back(std::move(row));
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> sweep_values(const std::string& json) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = json.find('{');
  while (i != std::string::npos) {
    const auto key_start = json.find('"', i + 1);
    if (key_start == std::string::npos) break;
    const auto key_end = json.find('"', key_start + 1);
    const auto colon = key_end == std::string::npos ? key_end : json.find(':', key_end);
    if (colon == std::string::npos) break;
    // A text value may hold a comma: its end is the closing quote.
    std::size_t value_end = json.find_first_of(",}", colon + 1);
    const auto first = json.find_first_not_of(" \t\n", colon + 1);
    if (first != std::string::npos && json[first] == '"')
      value_end = json.find_first_of(",}", json.find('"', first + 1));
    if (value_end == std::string::npos) break;
    out.emplace_back(json.substr(key_start + 1, key_end - key_start - 1),
                     sweep_cell(trimmed(json.substr(colon + 1, value_end - colon - 1))));
    i = json[value_end] == ',' ? value_end : std::string::npos;
  }
  return out;
}

TidyTable tidy_table(const std::vector<io::ArmSummary>& arms) {
  std::vector<std::string> parameters;
  std::vector<std::vector<std::pair<std::string, std::string>>> sweeps;
  for (const auto& a : arms) {
    sweeps.push_back(sweep_values(a.sweep));
    for (const auto& [k, v] : sweeps.back())
      if (std::find(parameters.begin(), parameters.end(), k) == parameters.end())
        parameters.push_back(k);
  }
  TidyTable t;
  t.columns = {"arm", "base_arm"};
  t.columns.insert(t.columns.end(), parameters.begin(), parameters.end());
  t.columns.insert(t.columns.end(), {"session_index", "session", "stage", "time", "metric", "unit",
                                     "value", "status"});
  for (std::size_t i = 0; i < arms.size(); ++i) {
    ArmColumns c{{arms[i].name, arms[i].base_arm}, arms[i].status};
    for (const auto& p : parameters) {
      const auto it = std::find_if(sweeps[i].begin(), sweeps[i].end(),
                                   [&](const auto& kv) { return kv.first == p; });
      c.lead.push_back(it == sweeps[i].end() ? std::string() : it->second);
    }
    add_probe_rows(arms[i], c, t);
  }
  return t;
}

void write_csv(std::FILE* out, const TidyTable& table) {
  auto line = [out](const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) s.push_back(',');
      s.append(csv_cell(cells[i]));
    }
    fmt::print(out, "{}\n", s);
  };
  line(table.columns);
  for (const auto& row : table.rows) line(row);
}

}  // namespace sinew::tools
