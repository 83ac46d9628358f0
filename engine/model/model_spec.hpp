// The typed model specification: what a model file says, as plain structs, before any mesh is
// generated or material created. The YAML reader (model_reader.cpp) produces it, sweeps and
// `set:` overrides change it through its key paths (spec_paths.hpp), an arm's identity is its
// canonical text (spec_paths.hpp), and build_model() (model_builder.cpp) turns it into the
// finite-element model. No YAML here: the spec can be made and changed by code.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/types.hpp"
#include "mesh/box_generator.hpp"
#include "mesh/fascia_band_generator.hpp"
#include "mesh/tendon_sheath_generator.hpp"
#include "solver/load_stepper.hpp"
#include "solver/newton.hpp"
#include "tissue/scar.hpp"
#include "tissue/tissue_model.hpp"

namespace sinew::model {

/// `mesh`: a generator's keys, or a Gmsh file.
struct MeshSpec {
  std::string generator;  ///< "box", "tendon_sheath", "fascia_band"; "" for a Gmsh file
  std::string file;       ///< Gmsh file, resolved against the model file's folder
  mesh::BoxSpec box;
  std::string box_cell = "hex8";  ///< box: "hex8" or "tet4"
  mesh::TendonSheathSpec tendon_sheath;
  Real helix_angle_deg = 0.0;  ///< tendon_sheath: fascicle twist at the tendon surface
  mesh::FasciaBandSpec fascia_band;
};

/// `materials.<name>`: a registered law and the parameters given (defaults are the law's).
struct MaterialSpec {
  std::string name;
  std::string type;
  std::map<std::string, Real> parameters;
};

/// `regions[i]`
struct RegionSpec {
  std::string name;
  std::string elements;  ///< element set
  std::string material;
  std::string formulation = "standard";  ///< "standard" or "mean-dilatation"
};

/// `load_curves.<name>`: piecewise-linear [time, value] points.
struct CurveSpec {
  std::string name;
  std::vector<std::pair<Real, Real>> points;
};

/// `boundary[i]`: a registered condition type and the keys it was given.
struct BoundarySpec {
  std::string type;
  std::string nodes, facets;            ///< node set / facet set it acts on
  std::vector<std::string> components;  ///< fixed: x, y, z
  std::string component;                ///< displacement: x, y or z
  std::vector<Real> value;              ///< mm, N or MPa: one number or three
  std::vector<Real> total_force;        ///< traction: N, three numbers (or empty)
  std::string curve = "ramp";
  Real stiffness = 0.0;  ///< foundation: N/mm³
};

/// `steps[i]` (the times are set when the model is built)
struct StepSpec {
  std::string name;
  Real duration = 1.0;  ///< s
  solver::LoadStepSettings stepping;
};

/// `solver`: the Newton settings (their defaults are solver::NewtonSettings').
using SolverSpec = solver::NewtonSettings;

/// `output`
struct OutputSpec {
  std::string file;  ///< CSV of node displacements ("" = none)
  std::vector<std::string> reactions;
};

/// `scars[i]`: geometry and the scar's own properties (tissue/scar.hpp).
struct ScarSpec {
  std::string name;
  std::string shape = "ellipsoid";            ///< "ellipsoid", "box" or "elements"
  std::string elements;                       ///< element set of an `elements` scar
  Vec3 centre = Vec3::Zero();                 ///< mm
  Vec3 size = Vec3::Ones();                   ///< mm: semi-axes (ellipsoid) or half-sizes (box)
  std::optional<std::pair<Vec3, Vec3>> axes;  ///< first and second local axis; none = x, y, z
  Real falloff = 0.0;                         ///< mm
  tissue::ScarProperties properties;
};

/// `interface`: the adhesion interface between body and bed (absent: the generator's default
/// for tissue generators, none otherwise).
struct InterfaceSpec {
  bool given = false;     ///< the section was written
  std::string primary;    ///< facet set ("" = the generator's)
  std::string secondary;  ///< facet set ("" = the generator's)
  Real adhesion_density = 0.0;
  std::string law = "bilinear";
  std::map<std::string, Real> parameters;  ///< interface parameters given
};

/// `contact[i]`: a rigid analytical surface, or a master facet set of the mesh (node-to-segment
/// contact, finite sliding), touching the nodes of a facet set of the body (engine/contact).
/// Penalties of 0 are chosen by the builder (docs/model-reference.md).
struct ContactSpec {
  std::string name;
  std::string surface;                        ///< "plane", "cylinder" or "sphere"; "" with master
  std::string master;                         ///< master facet set (quad4); "" with surface
  Real reach = 0.0;                           ///< mm; master: sliding range, 0 = every facet
  std::string facets;                         ///< facet set of the body
  Vec3 centre = Vec3::Zero();                 ///< mm: a point of the plane / the axis; the centre
  Vec3 direction = Vec3::UnitZ();             ///< plane normal (towards the body) / cylinder axis
  Real radius = 0.0;                          ///< mm (cylinder, sphere)
  Real friction_coefficient = 0.0;            ///< mu
  Real normal_penalty = 0.0;                  ///< MPa/mm; 0 = penalty_scale x 3G / h
  Real tangential_penalty = 0.0;              ///< MPa/mm; 0 = the normal penalty
  Real penalty_scale = 10.0;                  ///< of the automatic normal penalty
  std::vector<std::pair<Real, Vec3>> motion;  ///< [t, dx, dy, dz] points (s, mm)

  /// Master: "node_to_segment" or "segment_to_segment" (mortar, with nodal friction).
  std::string formulation = "node_to_segment";
};

/// `tissue`: roles (empty = the generator's) and probe settings.
struct TissueSpec {
  bool given = false;
  std::string body, bed, fixed_end, loaded_end, bed_support;
  std::optional<Vec3> axis;
  std::string end_condition;  ///< "plate" or "traction" ("" = plate)
  std::string probe_sliding;  ///< "small" or "finite" ("" = small)
  /// "node_to_segment" or "segment_to_segment" ("" = node_to_segment)
  std::string probe_contact;
  tissue::ProbeSettings probes;
};

struct ModelSpec {
  std::string source;      ///< file the model came from (messages, relative paths)
  std::string key_prefix;  ///< key path of the model section ("" or "model")
  MeshSpec mesh;
  std::vector<MaterialSpec> materials;
  std::vector<RegionSpec> regions;
  std::vector<CurveSpec> load_curves;
  std::vector<BoundarySpec> boundary;
  bool steps_given = false;
  std::vector<StepSpec> steps;
  SolverSpec solver;
  OutputSpec output;
  std::optional<Vec3> fibre;  ///< default fibre direction (none = x)
  std::vector<ScarSpec> scars;
  InterfaceSpec interface;
  std::vector<ContactSpec> contact;
  TissueSpec tissue;
  /// Where each key was written (key path -> file:line:column), for messages of the build.
  std::map<std::string, SourceLocation> origins;

  /// The key path of `relative` below the model section ("regions[0].material").
  std::string key(const std::string& relative) const {
    return key_prefix.empty() ? relative : key_prefix + "." + relative;
  }
  /// The location of `path` or of its nearest written ancestor.
  SourceLocation origin(const std::string& path) const;
};

/// A model file as read: its spec (defaults where a value was bad) and the problems found.
struct ModelReading {
  ModelSpec spec;
  std::vector<InputError> errors;
};

}  // namespace sinew::model
