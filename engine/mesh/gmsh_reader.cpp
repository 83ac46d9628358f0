// Gmsh MSH 4.1 ASCII reader: a line-oriented parser that reports file:line:col for bad input.
#include "mesh/gmsh_reader.hpp"

#include <Eigen/LU>  // determinant()
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <istream>
#include <iterator>
#include <limits>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "core/file_checks.hpp"

namespace sinew::mesh {

namespace {

constexpr const char* kSupported =
    "Sinew reads Gmsh MSH 4.1 ASCII files (Gmsh: -format msh41, "
    "Mesh.Binary = 0)";
// Header counts are untrusted: reserve at most this many entries up front.
constexpr Index kMaxReserve = Index(1) << 22;

struct ElementKind {
  int code;
  int dim;
  int nodes;
  const char* name;
};
constexpr ElementKind kKinds[] = {{15, 0, 1, "point"}, {1, 1, 2, "line2"}, {2, 2, 3, "tri3"},
                                  {3, 2, 4, "quad4"},  {4, 3, 4, "tet4"},  {5, 3, 8, "hex8"}};

const ElementKind* find_kind(long long code) {
  for (const auto& k : kKinds)
    if (k.code == code) return &k;
  return nullptr;
}

// Names of Gmsh element types a user is likely to meet, so the error says what was found.
std::string gmsh_type_name(long long code) {
  static constexpr std::pair<int, const char*> kNames[] = {
      {6, "prism6"}, {7, "pyramid5"}, {8, "line3"},     {9, "tri6"},       {10, "quad9"},
      {11, "tet10"}, {12, "hex27"},   {13, "prism18"},  {14, "pyramid14"}, {16, "quad8"},
      {17, "hex20"}, {18, "prism15"}, {19, "pyramid13"}};
  for (const auto& [c, n] : kNames)
    if (c == code) return std::string(" (") + n + ")";
  return "";
}

const char* kind_of_dim(int dim) {
  static constexpr const char* kDim[] = {"point", "curve", "surface", "volume"};
  return kDim[dim];
}

struct Token {
  size_t begin = 0;
  size_t size = 0;
  int column = 0;  // 1-based
};

/// One line of the file, split at blanks.
struct Line {
  std::string text;
  int number = 0;
  std::vector<Token> tokens;

  std::string_view tok(size_t i) const { return {text.data() + tokens[i].begin, tokens[i].size}; }
  int column(size_t i) const {
    return i < tokens.size() ? tokens[i].column : static_cast<int>(text.size()) + 1;
  }
  /// The text with blanks at both ends removed.
  std::string_view trimmed() const {
    if (tokens.empty()) return {};
    const size_t b = tokens.front().begin, e = tokens.back().begin + tokens.back().size;
    return {text.data() + b, e - b};
  }
};

class LineReader {
 public:
  LineReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

  /// Next line, or false at end of file.
  bool next(Line& line) {
    if (!std::getline(in_, line.text)) {
      if (in_.bad()) fail(count_, 0, "", "read error");
      return false;
    }
    if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();  // CRLF files
    line.number = ++count_;
    last_length_ = static_cast<int>(line.text.size());
    line.tokens.clear();
    const std::string& t = line.text;
    for (size_t i = 0; i < t.size();) {
      if (t[i] == ' ' || t[i] == '\t') {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < t.size() && t[j] != ' ' && t[j] != '\t') ++j;
      line.tokens.push_back({i, j - i, static_cast<int>(i) + 1});
      i = j;
    }
    return true;
  }

  /// Next non-blank line, or an InputError "unexpected end of file" naming what was expected.
  /// The line is valid until the next call (one buffer: no allocation per line).
  const Line& expect(const std::string& section, std::string_view what) {
    if (const Line* l = next_data()) return *l;
    fail_eof(section, what);
  }
  /// Next non-blank line, or nullptr at end of file.
  const Line* next_data() {
    while (next(buf_))
      if (!buf_.tokens.empty()) return &buf_;
    return nullptr;
  }
  [[noreturn]] void fail_eof(const std::string& section, std::string_view what) const {
    fail(count_, last_length_ + 1, section,
         "unexpected end of file: expected " + std::string(what));
  }

  [[noreturn]] void fail(int line, int column, const std::string& section,
                         const std::string& message) const {
    throw InputError(SourceLocation{name_, line, line > 0 ? std::max(column, 1) : 0}, section,
                     message);
  }
  [[noreturn]] void fail(const Line& l, size_t token, const std::string& section,
                         const std::string& message) const {
    fail(l.number, l.column(token), section, message);
  }

  int lines_read() const { return count_; }

 private:
  std::istream& in_;
  std::string name_;
  int count_ = 0;
  int last_length_ = 0;
  Line buf_;
};

/// A tri3/quad4, point or line2 element kept until all cells are known.
struct LowerElement {
  int dim = 0;
  int entity = 0;
  int line = 0;
  long long tag = 0;
  int n = 0;
  std::array<Index, 4> nodes{};          // node indices (-1 once dropped: in no cell)
  std::array<long long, 4> node_tags{};  // for messages
};

using FaceKey = std::array<Index, 4>;  // sorted node ids; a triangle's last entry is -1
FaceKey face_key(std::span<const Index> nodes) {
  FaceKey k{-1, -1, -1, -1};
  // Insertion sort of at most 4 entries (std::sort here trips GCC 12's -Warray-bounds).
  for (size_t i = 0; i < nodes.size() && i < k.size(); ++i) {
    size_t j = i;
    for (; j > 0 && k[j - 1] > nodes[i]; --j) k[j] = k[j - 1];
    k[j] = nodes[i];
  }
  return k;
}

/// The cells around each node (CSR, cells in increasing order). Boundary elements are matched
/// through it rather than through a hash of all cell faces: 8 bytes per connectivity entry
/// instead of ~6 hash entries per cell, and faster on large meshes.
class NodeCells {
 public:
  explicit NodeCells(const Mesh& m) : offsets_(size_t(m.n_nodes()) + 1, 0) {
    for (Index n : m.connectivity) ++offsets_[size_t(n) + 1];
    for (size_t i = 1; i < offsets_.size(); ++i) offsets_[i] += offsets_[i - 1];
    cells_.resize(m.connectivity.size());
    std::vector<Index> fill(offsets_.begin(), offsets_.end() - 1);
    for (Index c = 0; c < m.n_cells(); ++c)
      for (Index n : m.cell_nodes(c)) cells_[size_t(fill[size_t(n)]++)] = c;
  }

  /// The cell face with exactly these nodes (any order), on the lowest-numbered cell that has
  /// it; false when there is none.
  bool find_face(const Mesh& m, std::span<const Index> nodes, Facet& out) const {
    const FaceKey key = face_key(nodes);
    const size_t n0 = size_t(nodes[0]);
    for (Index k = offsets_[n0]; k < offsets_[n0 + 1]; ++k) {
      const Index c = cells_[size_t(k)];
      const auto cn = m.cell_nodes(c);
      for (int f = 0; f < faces_per_cell(m.cell_type(c)); ++f) {
        const auto local = face_local_nodes(m.cell_type(c), f);
        if (local.size() != nodes.size()) continue;
        std::array<Index, 4> fn{};
        for (size_t i = 0; i < local.size(); ++i) fn[i] = cn[size_t(local[i])];
        if (face_key(std::span<const Index>(fn.data(), local.size())) == key) {
          out = {c, f};
          return true;
        }
      }
    }
    return false;
  }

 private:
  std::vector<Index> offsets_;
  std::vector<Index> cells_;
};

class GmshParser {
 public:
  GmshParser(std::istream& in, const std::string& name) : r_(in, name) {}

  Mesh parse() {
    Line l;
    // The first non-blank line must open $MeshFormat: anything else is not an MSH file.
    while (r_.next(l) && l.tokens.empty()) {
    }
    if (l.number == 0 || l.tokens.empty()) r_.fail(0, 0, "", "not a Gmsh mesh: the file is empty");
    if (l.trimmed() != "$MeshFormat")
      r_.fail(l, 0, "",
              "not a Gmsh mesh: expected '$MeshFormat' on the first line, found '" +
                  std::string(l.trimmed()) + "'");
    read_mesh_format();
    while (r_.next(l)) {
      if (l.tokens.empty()) continue;
      const std::string_view h = l.trimmed();
      if (h.front() != '$' || l.tokens.size() != 1)
        r_.fail(l, 0, "",
                "expected a section header such as '$Nodes', found '" + std::string(h) + "'");
      const std::string section(h);
      if (section.starts_with("$End"))
        r_.fail(l, 0, section, "'" + section + "' without a matching section start");
      if (section == "$MeshFormat" || !seen_.insert(section).second)
        r_.fail(l, 0, section, "section " + section + " appears twice");
      if (section == "$PhysicalNames") {
        read_physical_names();
      } else if (section == "$Entities") {
        read_entities();
      } else if (section == "$Nodes") {
        read_nodes();
      } else if (section == "$Elements") {
        if (!seen_.contains("$Nodes")) r_.fail(l, 0, section, "$Elements must come after $Nodes");
        read_elements();
      } else if (section == "$PartitionedEntities") {
        r_.fail(l, 0, section, "partitioned meshes are not supported: save the mesh unpartitioned");
      } else {
        skip_section(l);  // $Periodic, $NodeData, ...: nothing the engine uses
      }
    }
    return build();
  }

 private:
  // ---- sections -------------------------------------------------------------------------------

  void expect_end(const std::string& section) {
    const std::string end = "$End" + section.substr(1);
    const Line& l = r_.expect(section, "'" + end + "'");
    if (l.trimmed() != end)
      r_.fail(l, 0, section,
              "expected '" + end + "', found '" + std::string(l.trimmed()) +
                  "' (more entries than the section's count announces?)");
  }

  void skip_section(const Line& header) {
    const std::string section(header.trimmed());
    const std::string end = "$End" + section.substr(1);
    Line l;
    while (r_.next(l))
      if (l.trimmed() == end) return;
    r_.fail(header, 0, section, "section " + section + " has no '" + end + "' line");
  }

  void read_mesh_format() {
    const std::string s = "$MeshFormat";
    const Line& l = r_.expect(s, "'version file-type data-size'");
    if (l.tok(0) != "4.1") {
      r_.fail(l, 0, s, "MSH version " + std::string(l.tok(0)) + " is not supported; " + kSupported);
    }
    const long long file_type = integer(l, 1, s, "file-type (0 = ASCII)");
    if (file_type != 0)
      r_.fail(l, 1, s, "binary MSH files are not supported; " + std::string(kSupported));
    integer(l, 2, s, "data-size");
    no_more(l, 3, s, "'version file-type data-size'");
    expect_end(s);
  }

  void read_physical_names() {
    const std::string s = "$PhysicalNames";
    const Line h = r_.expect(s, "the number of physical names");
    const long long n = count(h, 0, s, "the number of physical names");
    no_more(h, 1, s, "the number of physical names");
    for (long long i = 0; i < n; ++i) {
      const Line& l = r_.expect(s, "'dimension tag \"name\"'");
      const int dim = dimension(l, 0, s);
      const int tag = tag32(l, 1, s, "a physical tag");
      const size_t q0 = l.text.find('"'), q1 = l.text.rfind('"');
      if (l.tokens.size() < 3 || q0 == std::string::npos || q1 == q0 || q0 != l.tokens[2].begin)
        r_.fail(l, 2, s, "expected a quoted physical name");
      if (l.text.find_first_not_of(" \t", q1 + 1) != std::string::npos)
        r_.fail(l.number, static_cast<int>(q1) + 2, s, "unexpected text after the name");
      std::string name = l.text.substr(q0 + 1, q1 - q0 - 1);
      if (name.empty()) r_.fail(l, 2, s, "empty physical name");
      if (name == "all")
        r_.fail(l, 2, s, "the name 'all' is reserved (sets 'all' hold the whole mesh)");
      if (!physical_names_.emplace(std::pair{dim, tag}, std::move(name)).second)
        r_.fail(l, 1, s,
                "physical group (dimension " + std::to_string(dim) + ", tag " +
                    std::to_string(tag) + ") is named twice");
    }
    expect_end(s);
  }

  void read_entities() {
    const std::string s = "$Entities";
    const std::string header = "'numPoints numCurves numSurfaces numVolumes'";
    const Line h = r_.expect(s, header);
    long long n[4];
    for (size_t d = 0; d < 4; ++d) n[d] = count(h, d, s, header);
    no_more(h, 4, s, header);
    for (int dim = 0; dim < 4; ++dim) {
      // Points carry X Y Z, higher entities a bounding box and bounding-entity tags.
      const size_t n_coords = dim == 0 ? 3 : 6;
      const std::string what =
          std::string("a ") + kind_of_dim(dim) + " entity '" + kind_of_dim(dim) +
          (dim == 0 ? "Tag X Y Z" : "Tag minX minY minZ maxX maxY maxZ") + " numPhysicalTags ...'";
      for (long long i = 0; i < n[dim]; ++i) {
        const Line& l = r_.expect(s, what);
        const int tag = tag32(l, 0, s, std::string(kind_of_dim(dim)) + " tag");
        for (size_t c = 1; c <= n_coords; ++c) real(l, c, s, "a coordinate");
        size_t at = n_coords + 1;
        const long long np = count(l, at, s, "numPhysicalTags");
        std::vector<int> phys;
        for (long long p = 0; p < np; ++p) phys.push_back(tag32(l, ++at, s, "a physical tag"));
        ++at;
        if (dim > 0) {
          const long long nb = count(l, at, s, "the number of bounding entities");
          for (long long b = 0; b < nb; ++b) integer(l, ++at, s, "a bounding entity tag");
          ++at;
        }
        no_more(l, at, s, what);
        if (!entity_physicals_.emplace(std::pair{dim, tag}, std::move(phys)).second)
          r_.fail(l, 0, s,
                  std::string(kind_of_dim(dim)) + " entity " + std::to_string(tag) +
                      " is declared twice");
      }
    }
    expect_end(s);
  }

  void read_nodes() {
    const std::string s = "$Nodes";
    const std::string header = "'numEntityBlocks numNodes minNodeTag maxNodeTag'";
    const Line h = r_.expect(s, header);
    const long long n_blocks = count(h, 0, s, header);
    const long long n_nodes = count(h, 1, s, header);
    count(h, 2, s, header);
    count(h, 3, s, header);
    no_more(h, 4, s, header);
    const auto reserve = static_cast<size_t>(std::min<Index>(n_nodes, kMaxReserve));
    mesh_.points.reserve(reserve);
    node_tags_.reserve(reserve);
    node_index_.reserve(reserve);
    const std::string block_header = "'entityDim entityTag parametric numNodesInBlock'";
    for (long long b = 0; b < n_blocks; ++b) {
      const Line bh = r_.expect(s, "a node block " + block_header);
      dimension(bh, 0, s);
      integer(bh, 1, s, "an entity tag");
      const long long parametric = integer(bh, 2, s, "parametric (0 or 1)");
      if (parametric != 0)
        r_.fail(bh, 2, s,
                "parametric node coordinates are not supported (save with "
                "Mesh.SaveParametric = 0)");
      const long long n = count(bh, 3, s, "numNodesInBlock");
      no_more(bh, 4, s, block_header);
      // A block lists its node tags first, then their coordinates in the same order.
      const size_t first = node_tags_.size();
      for (long long i = 0; i < n; ++i) {
        const Line& l = r_.expect(s, "a node tag");
        const long long tag = integer(l, 0, s, "a node tag");
        if (tag < 1) r_.fail(l, 0, s, "node tags must be positive, found " + std::to_string(tag));
        no_more(l, 1, s, "one node tag per line");
        if (!node_index_.emplace(tag, static_cast<Index>(node_tags_.size())).second)
          r_.fail(l, 0, s, "node tag " + std::to_string(tag) + " appears twice");
        node_tags_.push_back(tag);
      }
      for (long long i = 0; i < n; ++i) {
        const long long tag = node_tags_[first + size_t(i)];
        const Line* lp = r_.next_data();
        if (!lp) r_.fail_eof(s, "coordinates 'x y z' of node " + std::to_string(tag));
        const Line& l = *lp;
        Vec3 x;
        bool ok = l.tokens.size() == 3;
        for (size_t c = 0; c < 3 && ok; ++c) ok = parse_real(l.tok(c), x[Eigen::Index(c)]);
        if (!ok) {  // build the message only when it is needed: this loop is hot
          const std::string what = "coordinates 'x y z' of node " + std::to_string(tag);
          for (size_t c = 0; c < 3; ++c) real(l, c, s, what);
          no_more(l, 3, s, what);
        }
        mesh_.points.push_back(x);
      }
    }
    if (static_cast<long long>(node_tags_.size()) != n_nodes)
      r_.fail(h, 1, s,
              "the header announces " + std::to_string(n_nodes) + " nodes but the blocks hold " +
                  std::to_string(node_tags_.size()));
    expect_end(s);
  }

  void read_elements() {
    const std::string s = "$Elements";
    const std::string header = "'numEntityBlocks numElements minElementTag maxElementTag'";
    const Line h = r_.expect(s, header);
    const long long n_blocks = count(h, 0, s, header);
    const long long n_elements = count(h, 1, s, header);
    count(h, 2, s, header);
    count(h, 3, s, header);
    no_more(h, 4, s, header);
    const std::string block_header = "'entityDim entityTag elementType numElementsInBlock'";
    long long total = 0;
    for (long long b = 0; b < n_blocks; ++b) {
      const Line bh = r_.expect(s, "an element block " + block_header);
      const int dim = dimension(bh, 0, s);
      const int entity = tag32(bh, 1, s, "an entity tag");
      const long long type = integer(bh, 2, s, "an element type");
      const ElementKind* kind = find_kind(type);
      if (!kind)
        r_.fail(bh, 2, s,
                "unsupported element type " + std::to_string(type) + gmsh_type_name(type) +
                    "; supported: 4 (tet4), 5 (hex8) cells, 2 (tri3), 3 (quad4) boundary "
                    "facets, 15 (point), 1 (line2)");
      if (kind->dim != dim)
        r_.fail(bh, 2, s,
                std::string(kind->name) + " elements in an entity of dimension " +
                    std::to_string(dim));
      const long long n = count(bh, 3, s, "numElementsInBlock");
      no_more(bh, 4, s, block_header);
      entity_lines_.emplace(std::pair{dim, entity}, std::pair{bh.number, bh.column(1)});
      const std::string what = "an element line 'tag' + " + std::to_string(kind->nodes) +
                               " node tags (" + kind->name + ")";
      for (long long i = 0; i < n; ++i) read_element(r_.expect(s, what), *kind, entity);
      total += n;
    }
    if (total != n_elements)
      r_.fail(h, 1, s,
              "the header announces " + std::to_string(n_elements) +
                  " elements but the blocks hold " + std::to_string(total));
    expect_end(s);
  }

  void read_element(const Line& l, const ElementKind& kind, int entity) {
    const std::string s = "$Elements";
    const long long tag = integer(l, 0, s, "an element tag");
    const auto n = static_cast<size_t>(kind.nodes);
    if (l.tokens.size() != n + 1)
      r_.fail(l, std::min(l.tokens.size(), n + 1), s,
              "expected " + std::to_string(n) + " node tags for " + kind.name + " element " +
                  std::to_string(tag) + ", found " + std::to_string(l.tokens.size() - 1));
    std::array<Index, 8> nodes{};
    for (size_t i = 0; i < n; ++i) {
      const long long t = integer(l, i + 1, s, "a node tag");
      const auto it = node_index_.find(t);
      if (it == node_index_.end())
        r_.fail(l, i + 1, s,
                "element " + std::to_string(tag) + " refers to node tag " + std::to_string(t) +
                    ", which is not in $Nodes");
      nodes[i] = it->second;
      for (size_t j = 0; j < i; ++j)
        if (nodes[j] == nodes[i])
          r_.fail(l, i + 1, s,
                  "element " + std::to_string(tag) + " repeats node tag " + std::to_string(t));
    }
    if (kind.dim == 3) {
      add_cell(l, kind, tag, std::span<const Index>(nodes.data(), n));
      cell_entity_.push_back(entity);
    } else {
      LowerElement e{kind.dim, entity, l.number, tag, kind.nodes, {}, {}};
      std::copy_n(nodes.begin(), n, e.nodes.begin());
      for (size_t i = 0; i < n; ++i) e.node_tags[i] = node_tags_[size_t(nodes[i])];
      lower_.push_back(e);
    }
  }

  void add_cell(const Line& l, const ElementKind& kind, long long tag,
                std::span<const Index> nodes) {
    const CellType type = kind.code == 5 ? CellType::Hex8 : CellType::Tet4;
    const Index c = mesh_.add_cell(type, nodes);
    Real vol = cell_volume(mesh_, c);
    if (vol < 0) {
      // A mirrored cell (e.g. from a reflected geometry): swapping these nodes mirrors the
      // reference element (xi<->eta for the hex), which negates the volume exactly.
      Index* n = mesh_.connectivity.data() + mesh_.offsets[static_cast<size_t>(c)];
      if (type == CellType::Hex8) {
        std::swap(n[1], n[3]);
        std::swap(n[5], n[7]);
      } else {
        std::swap(n[1], n[2]);
      }
      vol = cell_volume(mesh_, c);
    }
    Real size = 0;  // largest distance from node 0: the scale for "zero" volume
    for (Index a : nodes)
      size = std::max(size, (mesh_.points[size_t(a)] - mesh_.points[size_t(nodes[0])]).norm());
    const Real tiny = 1e-12 * size * size * size;
    if (!(vol > tiny))
      r_.fail(l, 0, "$Elements",
              std::string(kind.name) + " element " + std::to_string(tag) +
                  " is degenerate (volume " + std::to_string(vol) + ")");
    // A positive total volume does not make a hex valid: a wrong node order (e.g. 0 1 3 2 ...)
    // or a twisted hex has a negative Jacobian at some corner.
    if (type == CellType::Hex8) {
      const int corner = first_bad_hex_corner(mesh_, c, tiny / 8);
      if (corner >= 0)
        r_.fail(l, 0, "$Elements",
                "hex8 element " + std::to_string(tag) + " is twisted or its nodes are out of " +
                    "order: its Jacobian is not positive at local node " + std::to_string(corner) +
                    " (expected VTK/Gmsh hex8 node order)");
    }
  }

  /// First local node of hex `c` where det(J) <= `tiny` (J = dx/dxi), or -1 when none.
  static int first_bad_hex_corner(const Mesh& m, Index c, Real tiny) {
    static constexpr Real s[8][3] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                                     {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
    const auto n = m.cell_nodes(c);
    for (int q = 0; q < 8; ++q) {
      Mat3 J = Mat3::Zero();
      for (int a = 0; a < 8; ++a) {
        const Vec3 dN{0.125 * s[a][0] * (1 + s[a][1] * s[q][1]) * (1 + s[a][2] * s[q][2]),
                      0.125 * s[a][1] * (1 + s[a][0] * s[q][0]) * (1 + s[a][2] * s[q][2]),
                      0.125 * s[a][2] * (1 + s[a][0] * s[q][0]) * (1 + s[a][1] * s[q][1])};
        J += m.points[size_t(n[size_t(a)])] * dN.transpose();
      }
      if (!(J.determinant() > tiny)) return q;
    }
    return -1;
  }

  // ---- assembly of the mesh -------------------------------------------------------------------

  std::string group_name(int dim, int tag) const {
    const auto it = physical_names_.find({dim, tag});
    if (it != physical_names_.end()) return it->second;
    return std::string(kind_of_dim(dim)) + "_" + std::to_string(tag);
  }

  /// Physical groups of an entity (empty when it has none).
  const std::vector<int>& physicals(int dim, int entity) const {
    static const std::vector<int> kNone;
    const auto it = entity_physicals_.find({dim, entity});
    return it == entity_physicals_.end() ? kNone : it->second;
  }

  Mesh build() {
    check_sections();
    compact_nodes();
    const auto groups = physical_groups();
    assign_cells(groups);
    const auto volume_nodes = volume_node_sets(groups);
    add_lower_elements(groups);
    tidy_sets(volume_nodes);
    add_all_sets();
    return std::move(mesh_);
  }

  using Groups = std::map<std::pair<int, int>, std::string>;  // (dim, physical tag) -> name

  void check_sections() {
    const int last = r_.lines_read();
    if (!seen_.contains("$Nodes")) r_.fail(last, 1, "", "no $Nodes section");
    if (!seen_.contains("$Elements")) r_.fail(last, 1, "", "no $Elements section");
    if (mesh_.n_cells() == 0)
      r_.fail(last, 1, "$Elements",
              "no hex8 or tet4 cells (without a Physical Volume, Gmsh saves only the elements "
              "of the physical groups defined)");
    if (!seen_.contains("$Entities") && !physical_names_.empty())
      r_.fail(last, 1, "", "$PhysicalNames without $Entities: physical groups cannot be mapped");
    if (seen_.contains("$Entities")) {
      for (const auto& [key, where] : entity_lines_)
        if (!entity_physicals_.contains(key))
          r_.fail(where.first, where.second, "$Elements",
                  std::string(kind_of_dim(key.first)) + " entity " + std::to_string(key.second) +
                      " is not declared in $Entities");
    }
  }

  /// Every physical group, named or not, with its (possibly empty) sets and, for volumes, a
  /// block.
  Groups physical_groups() {
    Groups groups;
    for (const auto& [key, name] : physical_names_) groups.emplace(key, name);
    for (const auto& [ent, phys] : entity_physicals_)
      for (int p : phys) groups.emplace(std::pair{ent.first, p}, group_name(ent.first, p));
    for (const auto& [key, name] : groups) {
      if (key.first == 3) {
        if (block_of_.emplace(name, static_cast<int>(mesh_.block_names.size())).second)
          mesh_.block_names.push_back(name);
        mesh_.element_sets[name];
      } else if (key.first == 2) {
        mesh_.facet_sets[name];
      }
      mesh_.node_sets[name];
    }
    return groups;
  }

  /// 3-D groups: cells and blocks. Cells come in runs of one entity, so the entity's sets are
  /// looked up once per run rather than once per cell.
  void assign_cells(const Groups& groups) {
    int run_entity = 0;
    int run_block = 0;
    std::vector<std::vector<Index>*> run_sets;
    for (Index c = 0; c < mesh_.n_cells(); ++c) {
      const int entity = cell_entity_[size_t(c)];
      if (c == 0 || entity != run_entity) {
        run_entity = entity;
        run_sets.clear();
        const auto& phys = physicals(3, entity);
        for (int p : phys) run_sets.push_back(&mesh_.element_sets[groups.at({3, p})]);
        run_block = phys.empty() ? 0 : block_of_.at(groups.at({3, phys[0]}));
      }
      mesh_.cell_block[size_t(c)] = run_block;
      for (auto* set : run_sets) set->push_back(c);
    }
  }

  /// The node sets of the 3-D groups, in increasing order, by marking (no sort of 8 entries
  /// per cell).
  std::map<std::string, std::vector<Index>> volume_node_sets(const Groups& groups) const {
    std::map<std::string, std::vector<Index>> volume_nodes;
    std::vector<char> mark(size_t(mesh_.n_nodes()));
    for (const auto& [key, name] : groups) {
      if (key.first != 3 || volume_nodes.contains(name)) continue;
      std::fill(mark.begin(), mark.end(), 0);
      for (Index c : mesh_.element_sets.at(name))
        for (Index n : mesh_.cell_nodes(c)) mark[size_t(n)] = 1;
      auto& ns = volume_nodes[name];
      for (size_t n = 0; n < mark.size(); ++n)
        if (mark[n]) ns.push_back(Index(n));
    }
    return volume_nodes;
  }

  /// 0-D and 1-D groups give node sets; 2-D groups give facet sets: each boundary element
  /// becomes the cell face with the same nodes. A face shared by two cells (an internal surface
  /// of bodies that share nodes) goes to the lower-numbered cell; the model build splits such a
  /// surface into two sides when it joins a tissue and its bed (mesh/node_split.hpp).
  void add_lower_elements(const Groups& groups) {
    std::optional<NodeCells> around;
    for (const LowerElement& e : lower_) {
      const auto& phys = physicals(e.dim, e.entity);
      if (phys.empty()) continue;
      const std::span<const Index> nodes(e.nodes.data(), size_t(e.n));
      if (e.dim < 2) {
        add_point_or_line(e, groups, phys, nodes);
        continue;
      }
      if (!around) around.emplace(mesh_);
      const bool dropped = std::any_of(nodes.begin(), nodes.end(), [](Index n) { return n < 0; });
      Facet facet;
      if (dropped || !around->find_face(mesh_, nodes, facet))
        r_.fail(e.line, 1, "$Elements",
                std::string(e.n == 3 ? "tri3" : "quad4") + " element " + std::to_string(e.tag) +
                    " of physical surface '" + groups.at({2, phys[0]}) +
                    "' is not a face of any hex8/tet4 cell");
      for (int p : phys) {
        const std::string& name = groups.at({2, p});
        mesh_.facet_sets[name].push_back(facet);
        auto& ns = mesh_.node_sets[name];
        ns.insert(ns.end(), nodes.begin(), nodes.end());
      }
    }
  }

  void add_point_or_line(const LowerElement& e, const Groups& groups, const std::vector<int>& phys,
                         std::span<const Index> nodes) {
    for (int i = 0; i < e.n; ++i)
      if (nodes[size_t(i)] < 0)
        r_.fail(e.line, 1, "$Elements",
                std::string(e.dim == 0 ? "point" : "line2") + " element " + std::to_string(e.tag) +
                    " of physical group '" + groups.at({e.dim, phys[0]}) + "' has node " +
                    std::to_string(e.node_tags[size_t(i)]) +
                    ", which belongs to no hex8/tet4 cell");
    for (int p : phys) {
      auto& ns = mesh_.node_sets[groups.at({e.dim, p})];
      ns.insert(ns.end(), nodes.begin(), nodes.end());
    }
  }

  /// Sorted, duplicate-free sets; volume groups' node sets include their cells' nodes.
  void tidy_sets(const std::map<std::string, std::vector<Index>>& volume_nodes) {
    for (auto& [name, set] : mesh_.element_sets) sort_unique(set);
    for (auto& [name, set] : mesh_.node_sets) {
      sort_unique(set);
      if (const auto it = volume_nodes.find(name); it != volume_nodes.end()) {
        std::vector<Index> both;
        std::set_union(set.begin(), set.end(), it->second.begin(), it->second.end(),
                       std::back_inserter(both));
        set = std::move(both);
      }
    }
    for (auto& [name, set] : mesh_.facet_sets) {
      // Duplicate boundary elements must not apply a load twice.
      std::sort(set.begin(), set.end(), [](const Facet& a, const Facet& b) {
        return std::pair{a.cell, a.face} < std::pair{b.cell, b.face};
      });
      set.erase(std::unique(set.begin(), set.end()), set.end());
    }
  }

  void add_all_sets() {
    std::vector<Index> all(size_t(mesh_.n_nodes()));
    for (Index i = 0; i < mesh_.n_nodes(); ++i) all[size_t(i)] = i;
    mesh_.node_sets["all"] = std::move(all);
    std::vector<Index> cells(size_t(mesh_.n_cells()));
    for (Index i = 0; i < mesh_.n_cells(); ++i) cells[size_t(i)] = i;
    mesh_.element_sets["all"] = std::move(cells);
  }

  /// Drops nodes no cell uses, keeping file order; lower-dimensional elements get -1 for them.
  void compact_nodes() {
    std::vector<Index> new_id(mesh_.points.size(), -1);
    for (Index n : mesh_.connectivity) new_id[size_t(n)] = 0;
    Index next = 0;
    std::vector<Vec3> points;
    points.reserve(mesh_.points.size());
    for (size_t i = 0; i < new_id.size(); ++i)
      if (new_id[i] == 0) {
        new_id[i] = next++;
        points.push_back(mesh_.points[i]);
      }
    mesh_.points = std::move(points);
    for (Index& n : mesh_.connectivity) n = new_id[size_t(n)];
    for (LowerElement& e : lower_)
      for (int i = 0; i < e.n; ++i) e.nodes[size_t(i)] = new_id[size_t(e.nodes[size_t(i)])];
  }

  static void sort_unique(std::vector<Index>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }

  // ---- tokens ---------------------------------------------------------------------------------

  static bool parse_real(std::string_view t, Real& v) {
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    return ec == std::errc() && p == t.data() + t.size() && std::isfinite(v);
  }

  long long integer(const Line& l, size_t i, const std::string& s, std::string_view what) const {
    if (i >= l.tokens.size())
      r_.fail(l, i, s, "expected " + std::string(what) + ", but the line ends");
    const std::string_view t = l.tok(i);
    long long v = 0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size())
      r_.fail(l, i, s,
              "expected " + std::string(what) + " (an integer), found '" + std::string(t) + "'");
    return v;
  }

  /// An entity or physical tag: Gmsh stores them as int.
  int tag32(const Line& l, size_t i, const std::string& s, std::string_view what) const {
    const long long v = integer(l, i, s, what);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
      r_.fail(l, i, s,
              "expected " + std::string(what) + ", found the out-of-range " + std::to_string(v));
    return static_cast<int>(v);
  }

  long long count(const Line& l, size_t i, const std::string& s, std::string_view what) const {
    const long long v = integer(l, i, s, what);
    if (v < 0)
      r_.fail(l, i, s,
              "expected " + std::string(what) + ", found the negative count " + std::to_string(v));
    return v;
  }

  int dimension(const Line& l, size_t i, const std::string& s) const {
    const long long d = integer(l, i, s, "a dimension (0 to 3)");
    if (d < 0 || d > 3)
      r_.fail(l, i, s, "expected a dimension (0 to 3), found " + std::to_string(d));
    return static_cast<int>(d);
  }

  Real real(const Line& l, size_t i, const std::string& s, std::string_view what) const {
    if (i >= l.tokens.size())
      r_.fail(l, i, s, "expected " + std::string(what) + ", but the line ends");
    Real v = 0;
    if (!parse_real(l.tok(i), v))
      r_.fail(l, i, s,
              "expected " + std::string(what) + " (a finite number), found '" +
                  std::string(l.tok(i)) + "'");
    return v;
  }

  void no_more(const Line& l, size_t n, const std::string& s, std::string_view what) const {
    if (l.tokens.size() > n)
      r_.fail(l, n, s, "unexpected '" + std::string(l.tok(n)) + "' after " + std::string(what));
  }

  LineReader r_;
  Mesh mesh_;
  std::map<std::string, int> block_of_;  ///< volume group name -> block index
  std::set<std::string> seen_;
  std::map<std::pair<int, int>, std::string> physical_names_;
  std::map<std::pair<int, int>, std::vector<int>> entity_physicals_;
  // Entities of element blocks -> line and column of the first block's entity tag.
  std::map<std::pair<int, int>, std::pair<int, int>> entity_lines_;
  std::unordered_map<long long, Index> node_index_;  // node tag -> file-order index
  std::vector<long long> node_tags_;                 // file-order index -> node tag
  std::vector<int> cell_entity_;                     // per cell: its volume entity
  std::vector<LowerElement> lower_;
};

}  // namespace

Mesh read_gmsh_stream(std::istream& in, const std::string& name) {
  return GmshParser(in, name).parse();
}

Mesh read_gmsh(const std::string& path) {
  // By type first: a FIFO would block the open, a device never ends.
  if (const std::string problem = special_file_problem(path); !problem.empty())
    throw InputError(SourceLocation{path, 0, 0}, "", "the mesh file " + problem);
  std::ifstream in(path);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, "", "cannot open the mesh file");
  return read_gmsh_stream(in, path);
}

}  // namespace sinew::mesh
