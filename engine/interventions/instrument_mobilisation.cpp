// Instrument-assisted soft-tissue mobilisation (IASTM / Astym): an instrument edge pressed on
// the skin and stroked along the tendon over the scar, with drag. The load is a narrow pressure
// strip with a tangential traction (drag x pressure) moving from `stroke_start` to `stroke_end`
// (mm along the axis from the scar centre); the tendon ends are held.
//
// Trained clinicians: peak 8.9 N, mean 6.0 N per stroke (Stevenson et al. 2023, J Athl Train
// 58:60); contact ~2 x 30 mm, i.e. 0.1-0.15 MPa [D]. The drag coefficient is an assumption
// (no data found).
#include <cmath>

#include <fmt/format.h>

#include "interventions/intervention.hpp"
#include "interventions/parameter_specs.hpp"

namespace sinew::interventions {

namespace {

class InstrumentMobilisation final : public Intervention {
 public:
  explicit InstrumentMobilisation(const ParameterSet& p)
      : force_(p["instrument_force"]),
        edge_width_(p["edge_width"]),
        edge_length_(p["edge_length"]),
        drag_(p["drag_coefficient"]),
        start_(p["stroke_start"]),
        end_(p["stroke_end"]),
        passes_(as_int(p["passes"])),
        simulated_(as_int(p["simulated_passes"])),
        increments_(as_int(p["increments"])) {}

  std::vector<LoadCase> load_cases() const override {
    LoadCase c;
    c.increments = increments_;
    PatchLoad patch;
    patch.force = force_;
    patch.force_profile = ramp(0.0, 0.2);
    patch.length = edge_width_;
    patch.width = edge_length_;
    patch.start = start_;
    patch.end = end_;
    patch.move_from = 0.2;
    patch.move_to = 1.0;
    patch.drag = drag_;
    c.patch = patch;
    return repeated(c, "stroke", simulated_, cycles());
  }
  std::int64_t cycles() const override { return std::max(passes_, simulated_); }
  std::string summary() const override {
    return fmt::format("{} strokes, {:g} N on a {:g} x {:g} mm edge, {:g} -> {:g} mm, drag {:g}",
                       passes_, force_, edge_width_, edge_length_, start_, end_, drag_);
  }
  Evidence evidence() const override {
    return {"weak; conflicts of interest",
            "The vendor's 96.5% success figure was not found in any independent source; the "
            "closest trials were led by Astym's developer (Sevier & Stegink-Jansen 2015, PeerJ "
            "3:e967). An insertional Achilles RCT with 8 per arm found better VISA-A but no pain "
            "difference (McCormack et al. 2016, Sports Health 8:230). IASTM meta-analyses: "
            "short-term pain/function gains, range of motion +4.9 deg with very low-low "
            "certainty (Tang et al. 2024, BMC Musculoskelet Disord)."};
  }

 private:
  Real force_, edge_width_, edge_length_, drag_, start_, end_;
  int passes_, simulated_, increments_;
};

}  // namespace

void add_instrument_mobilisation(InterventionRegistry& r) {
  r.add("instrument_mobilisation",
        [](const ParameterSet& p) { return std::make_unique<InstrumentMobilisation>(p); },
        "IASTM / Astym: instrument edge stroked along the tendon over the scar",
        {positive("instrument_force", "N", "normal force of the instrument", 6.0, 200.0),
         positive("edge_width", "mm", "edge contact width along the stroke", 2.0, 100.0),
         positive("edge_length", "mm", "edge length across the tendon", 30.0, 200.0),
         quantity("drag_coefficient", "1", "tangential drag / normal pressure", 0.1, 0.0, 2.0),
         quantity("stroke_start", "mm", "stroke start along the axis, from the scar centre", -15.0,
                  -1000.0, 1000.0),
         quantity("stroke_end", "mm", "stroke end along the axis, from the scar centre", 15.0,
                  -1000.0, 1000.0),
         count("passes", "strokes per session (recorded)", 10, 1, 10000),
         count("simulated_passes", "load cases solved", 1, 1, 20),
         count("increments", "load increments per load case", 12, 2, 400)},
        {{"passes", 7}, {"simulated_passes", 2}});
}

}  // namespace sinew::interventions
