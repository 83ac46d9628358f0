// `sinew fields`: the output-field table of the physics, printed for people (text), for the
// documentation (Markdown) and for scripts and the consistency test (JSON).
#include "fields_command.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "materials/register.hpp"
#include "model/model_definition.hpp"
#include "simulation/output_table.hpp"

namespace sinew::tools {

namespace {

using fem::OutputField;

const char* kind_name(const OutputField& f) {
  return f.kind == fem::FieldKind::State ? "state" : "output";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (static_cast<unsigned char>(ch) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(ch));
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

void print_json(const std::vector<OutputField>& fields) {
  std::cout << "{\"fields\": [";
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& f = fields[i];
    std::cout << (i ? ",\n  " : "\n  ") << "{\"name\": " << json_string(f.name)
              << ", \"path\": " << json_string(simulation::field_path(f))
              << ", \"association\": " << json_string(fem::association_name(f.association))
              << ", \"components\": " << f.components << ", \"units\": " << json_string(f.units)
              << ", \"kind\": " << json_string(kind_name(f))
              << ", \"description\": " << json_string(f.description) << "}";
  }
  std::cout << "\n]}\n";
}

void print_markdown(const std::vector<OutputField>& fields) {
  std::cout << "| dataset | association | components | units | kind | description |\n"
            << "| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& f : fields) {
    std::string d = f.description;
    for (size_t p = d.find('|'); p != std::string::npos; p = d.find('|', p + 2))
      d.replace(p, 1, "\\|");
    std::cout << "| `" << simulation::field_path(f) << "` | "
              << fem::association_name(f.association) << " | " << f.components << " | " << f.units
              << " | " << kind_name(f) << " | " << d << " |\n";
  }
}

void print_text(const std::vector<OutputField>& fields) {
  size_t width = 4;
  for (const auto& f : fields) width = std::max(width, simulation::field_path(f).size());
  std::cout << std::left;
  std::cout.width(static_cast<std::streamsize>(width + 2));
  std::cout << "path"
            << "association  components  units  kind\n";
  for (const auto& f : fields) {
    std::cout.width(static_cast<std::streamsize>(width + 2));
    std::cout << simulation::field_path(f);
    std::cout.width(13);
    std::cout << fem::association_name(f.association);
    std::cout.width(12);
    std::cout << f.components;
    std::cout.width(7);
    std::cout << f.units << kind_name(f) << "\n    " << f.description << "\n";
  }
}

}  // namespace

int run_fields(const FieldsOptions& options) {
  std::vector<OutputField> fields;
  std::unique_ptr<model::ModelDefinition> def;
  if (options.model_file.empty()) {
    fields = simulation::field_catalogue();
  } else {
    materials::MaterialRegistry materials;
    materials::register_materials(materials);
    try {
      def = std::make_unique<model::ModelDefinition>(model::load_model_file(options.model_file,
                                                                            materials));
    } catch (const std::exception& e) {
      std::cerr << "sinew fields: " << e.what() << "\n";
      return 2;
    }
    const simulation::OutputTable table(*def);
    fields = table.fields();
  }
  if (options.json)
    print_json(fields);
  else if (options.markdown)
    print_markdown(fields);
  else
    print_text(fields);
  return 0;
}

}  // namespace sinew::tools
