// Gmsh MSH 4.1 ASCII writer: sets become physical groups laid out the way read_gmsh reads them.
#include "mesh/gmsh_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <iterator>
#include <limits>
#include <map>
#include <ostream>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace sinew::mesh {

namespace {

// Gmsh element type codes.
constexpr int kPoint = 15, kTri3 = 2, kQuad4 = 3, kTet4 = 4, kHex8 = 5;

/// Text buffer with locale-independent numbers (to_chars: shortest exact form for doubles).
class Text {
 public:
  Text& operator<<(std::string_view s) {
    buf_ += s;
    return *this;
  }
  Text& operator<<(char c) {
    buf_ += c;
    return *this;
  }
  Text& operator<<(long long v) { return put(v); }
  Text& operator<<(int v) { return put(v); }
  Text& operator<<(long v) { return put(v); }
  Text& operator<<(size_t v) { return put(v); }
  Text& operator<<(double v) { return put(v); }
  const std::string& str() const { return buf_; }

 private:
  template <class T>
  Text& put(T v) {
    char tmp[32];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    buf_.append(tmp, r.ptr);
    return *this;
  }
  std::string buf_;
};

struct Entity {
  std::vector<int> physicals;
  Vec3 lo = Vec3::Constant(std::numeric_limits<Real>::max());
  Vec3 hi = Vec3::Constant(std::numeric_limits<Real>::lowest());
};

struct ElementBlock {
  int dim = 0;
  int entity = 0;  // 1-based tag within its dimension
  int type = 0;
  int nodes_per_element = 0;
  std::vector<Index> nodes;  // flattened, 0-based node ids
};

struct PhysicalGroup {
  int dim;
  int tag;
  std::string name;
};

void check_name(const std::string& name, const char* kind) {
  if (name.empty())
    throw std::invalid_argument(std::string("write_gmsh: a ") + kind + " set has an empty name");
  if (name.find_first_of("\"\r\n") != std::string::npos)
    throw std::invalid_argument(std::string("write_gmsh: ") + kind + " set name '" + name +
                                "' holds a quote or line break, which MSH names cannot");
}

std::vector<Index> sorted_unique(std::vector<Index> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

/// Assembles the file's groups, entities and element blocks from a mesh.
class Layout {
 public:
  explicit Layout(const Mesh& m) : m_(m) {
    check_cells();
    volumes();
    surfaces();
    points();
  }

  void write(Text& t) const {
    t << "$MeshFormat\n4.1 0 8\n$EndMeshFormat\n";
    t << "$PhysicalNames\n" << groups_.size() << '\n';
    for (const auto& g : groups_) t << g.dim << ' ' << g.tag << " \"" << g.name << "\"\n";
    t << "$EndPhysicalNames\n";

    t << "$Entities\n"
      << entities_[0].size() << " 0 " << entities_[2].size() << ' ' << entities_[3].size() << '\n';
    for (int dim : {0, 2, 3})
      for (size_t e = 0; e < entities_[dim].size(); ++e) {
        const Entity& en = entities_[dim][e];
        t << e + 1;
        const int n_coords = dim == 0 ? 3 : 6;
        for (int c = 0; c < n_coords; ++c) t << ' ' << (c < 3 ? en.lo[c] : en.hi[c - 3]);
        t << ' ' << en.physicals.size();
        for (int p : en.physicals) t << ' ' << p;
        if (dim > 0) t << " 0";  // no bounding entities
        t << '\n';
      }
    t << "$EndEntities\n";

    // All nodes in one block of the first volume entity, tags 1..n in id order.
    const Index n = m_.n_nodes();
    t << "$Nodes\n1 " << n << " 1 " << n << "\n3 1 0 " << n << '\n';
    for (Index i = 1; i <= n; ++i) t << i << '\n';
    for (const Vec3& x : m_.points) t << x.x() << ' ' << x.y() << ' ' << x.z() << '\n';
    t << "$EndNodes\n";

    size_t total = 0;
    for (const auto& b : blocks_) total += b.nodes.size() / size_t(b.nodes_per_element);
    t << "$Elements\n" << blocks_.size() << ' ' << total << " 1 " << total << '\n';
    size_t tag = 0;
    for (const auto& b : blocks_) {
      const size_t count = b.nodes.size() / size_t(b.nodes_per_element);
      t << b.dim << ' ' << b.entity << ' ' << b.type << ' ' << count << '\n';
      for (size_t e = 0; e < count; ++e) {
        t << ++tag;
        for (int k = 0; k < b.nodes_per_element; ++k)
          t << ' ' << b.nodes[e * size_t(b.nodes_per_element) + size_t(k)] + 1;
        t << '\n';
      }
    }
    t << "$EndElements\n";
  }

 private:
  void check_cells() const {
    if (m_.n_cells() == 0) throw std::invalid_argument("write_gmsh: the mesh has no cells");
    if (m_.cell_block.size() != size_t(m_.n_cells()))
      throw std::invalid_argument("write_gmsh: cell_block must have one entry per cell");
    std::vector<char> used(size_t(m_.n_nodes()), 0);
    for (Index c = 0; c < m_.n_cells(); ++c) {
      const int b = m_.cell_block[size_t(c)];
      if (b < 0 || size_t(b) >= m_.block_names.size())
        throw std::invalid_argument("write_gmsh: cell " + std::to_string(c) + " has block " +
                                    std::to_string(b) + ", which block_names does not name");
      for (Index n : m_.cell_nodes(c)) used[size_t(n)] = 1;
    }
    const auto orphan = std::find(used.begin(), used.end(), 0);
    if (orphan != used.end())
      throw std::invalid_argument(
          "write_gmsh: node " + std::to_string(orphan - used.begin()) +
          " belongs to no cell; read_gmsh drops such nodes and renumbers the rest, so remove "
          "unused nodes before writing");
  }

  /// Adds a physical group; returns its tag.
  int add_group(int dim, const std::string& name) {
    const int tag = ++group_count_[dim];
    groups_.push_back({dim, tag, name});
    return tag;
  }

  void grow(Entity& e, std::span<const Index> nodes) const {
    for (Index n : nodes) {
      e.lo = e.lo.cwiseMin(m_.points[size_t(n)]);
      e.hi = e.hi.cwiseMax(m_.points[size_t(n)]);
    }
  }

  void volumes() {
    // Blocks in use first, so their groups get the lowest tags and read_gmsh's block_names keep
    // their order; then the other element sets.
    std::vector<char> block_used(m_.block_names.size(), 0);
    for (int b : m_.cell_block) block_used[size_t(b)] = 1;
    for (size_t b = 0; b < m_.block_names.size(); ++b) {
      const std::string& name = m_.block_names[b];
      if (!block_used[b] || name == "all" || volume_tag_.contains(name)) continue;
      check_name(name, "block");
      volume_tag_[name] = add_group(3, name);
    }
    for (const auto& [name, cells] : m_.element_sets) {
      if (name == "all" || volume_tag_.contains(name)) continue;
      check_name(name, "element");
      volume_tag_[name] = add_group(3, name);
    }

    std::vector<std::vector<int>> member(size_t(m_.n_cells()));
    for (const auto& [name, cells] : m_.element_sets) {
      if (name == "all") continue;
      const int tag = volume_tag_.at(name);
      for (Index c : cells) {
        if (c < 0 || c >= m_.n_cells())
          throw std::invalid_argument("write_gmsh: element set '" + name + "' holds cell " +
                                      std::to_string(c) + ", which is not in the mesh");
        member[size_t(c)].push_back(tag);
      }
    }
    std::map<std::vector<int>, int> entity_of;
    int run_entity = -1, run_type = -1;
    for (Index c = 0; c < m_.n_cells(); ++c) {
      auto& groups = member[size_t(c)];
      std::sort(groups.begin(), groups.end());
      groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
      // read_gmsh puts a cell in the block of its entity's first physical volume.
      const std::string& block = m_.block_names[size_t(m_.cell_block[size_t(c)])];
      if (block != "all") {
        const int bt = volume_tag_.at(block);
        groups.erase(std::remove(groups.begin(), groups.end(), bt), groups.end());
        groups.insert(groups.begin(), bt);
      }
      const auto [it, fresh] = entity_of.try_emplace(groups, int(entities_[3].size()) + 1);
      if (fresh) entities_[3].push_back(Entity{groups});
      const auto nodes = m_.cell_nodes(c);
      grow(entities_[3][size_t(it->second - 1)], nodes);
      const int type = m_.cell_type(c) == CellType::Hex8 ? kHex8 : kTet4;
      if (it->second != run_entity || type != run_type) {
        blocks_.push_back({3, it->second, type, int(nodes.size()), {}});
        run_entity = it->second;
        run_type = type;
      }
      blocks_.back().nodes.insert(blocks_.back().nodes.end(), nodes.begin(), nodes.end());
    }
  }

  void surfaces() {
    // Each distinct facet once, with the surface groups it belongs to.
    std::map<std::pair<Index, int>, std::vector<int>> member;
    for (const auto& [name, facets] : m_.facet_sets) {
      check_name(name, "facet");
      if (name == "all")
        throw std::invalid_argument(
            "write_gmsh: the facet set name 'all' is reserved (read_gmsh "
            "makes sets 'all' of the whole mesh); rename it");
      const int tag = add_group(2, name);
      surface_groups_.insert(name);
      for (const Facet& f : facets) {
        if (f.cell < 0 || f.cell >= m_.n_cells() || f.face < 0 ||
            f.face >= faces_per_cell(m_.cell_type(f.cell)))
          throw std::invalid_argument("write_gmsh: facet set '" + name + "' holds cell " +
                                      std::to_string(f.cell) + " face " + std::to_string(f.face) +
                                      ", which is not a face of the mesh");
        member[{f.cell, f.face}].push_back(tag);
      }
    }
    std::map<std::vector<int>, int> entity_of;
    std::map<std::pair<int, int>, size_t> block_of;  // (entity, node count) -> block
    for (auto& [facet, groups] : member) {
      std::sort(groups.begin(), groups.end());
      groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
      const auto [it, fresh] = entity_of.try_emplace(groups, int(entities_[2].size()) + 1);
      if (fresh) entities_[2].push_back(Entity{groups});
      const auto nodes = m_.facet_nodes({facet.first, facet.second});
      grow(entities_[2][size_t(it->second - 1)], nodes);
      const int nn = int(nodes.size());
      const auto [b, new_block] = block_of.emplace(std::pair{it->second, nn}, blocks_.size());
      if (new_block) blocks_.push_back({2, it->second, nn == 4 ? kQuad4 : kTri3, nn, {}});
      auto& out = blocks_[b->second].nodes;
      out.insert(out.end(), nodes.begin(), nodes.end());
    }
  }

  /// Nodes read_gmsh derives for a name from its volume and surface groups (sorted; marked
  /// rather than sorted, as volume groups can hold most of the mesh).
  std::vector<Index> derived_nodes(const std::string& name) const {
    std::vector<char> mark(size_t(m_.n_nodes()), 0);
    auto add_cell = [&](Index c) {
      for (Index n : m_.cell_nodes(c)) mark[size_t(n)] = 1;
    };
    if (volume_tag_.contains(name)) {
      if (const auto it = m_.element_sets.find(name); it != m_.element_sets.end())
        for (Index c : it->second) add_cell(c);
      for (Index c = 0; c < m_.n_cells(); ++c)
        if (m_.block_names[size_t(m_.cell_block[size_t(c)])] == name) add_cell(c);
    }
    if (surface_groups_.contains(name))
      for (const Facet& f : m_.facet_sets.at(name))
        for (Index n : m_.facet_nodes(f)) mark[size_t(n)] = 1;
    std::vector<Index> out;
    for (size_t n = 0; n < mark.size(); ++n)
      if (mark[n]) out.push_back(Index(n));
    return out;
  }

  void points() {
    for (const auto& [name, nodes] : m_.node_sets) {
      if (name == "all") continue;
      check_name(name, "node");
      const std::vector<Index> set = sorted_unique(nodes);
      for (Index n : set)
        if (n < 0 || n >= m_.n_nodes())
          throw std::invalid_argument("write_gmsh: node set '" + name + "' holds node " +
                                      std::to_string(n) + ", which is not in the mesh");
      const std::vector<Index> derived = derived_nodes(name);
      if (!std::includes(set.begin(), set.end(), derived.begin(), derived.end()))
        throw std::invalid_argument(
            "write_gmsh: node set '" + name +
            "' lacks some nodes of the element or facet set "
            "of the same name; Gmsh physical groups of one name give one node set, which would "
            "read back with those nodes: rename the node set");
      std::vector<Index> extra;
      std::set_difference(set.begin(), set.end(), derived.begin(), derived.end(),
                          std::back_inserter(extra));
      const bool has_group = volume_tag_.contains(name) || surface_groups_.contains(name);
      if (has_group && extra.empty()) continue;
      const int tag = add_group(0, name);
      if (extra.empty()) continue;  // an empty node set: the name alone
      Entity e{{tag}, m_.points[size_t(extra[0])], m_.points[size_t(extra[0])]};
      entities_[0].push_back(e);
      blocks_.push_back({0, int(entities_[0].size()), kPoint, 1, std::move(extra)});
    }
  }

  const Mesh& m_;
  std::vector<PhysicalGroup> groups_;
  std::array<int, 4> group_count_{};
  std::map<std::string, int> volume_tag_;
  std::set<std::string> surface_groups_;
  std::array<std::vector<Entity>, 4> entities_;  // by dimension; tag = index + 1
  std::vector<ElementBlock> blocks_;
};

}  // namespace

void write_gmsh(const Mesh& mesh, std::ostream& out) {
  Text text;
  Layout(mesh).write(text);
  out << text.str();
  if (!out) throw std::runtime_error("write_gmsh: writing the mesh failed");
}

}  // namespace sinew::mesh
