// Nodal contact fields gathered from every contact coupling of the problem (rigid-surface,
// node-to-segment and segment-to-segment): the pressure at the reported state and the committed
// slip path (committed at that state, as the history is), at the slave nodes.
#include "contact/contact_fields.hpp"

#include "contact/contact_set.hpp"
#include "contact/mortar_contact_set.hpp"
#include "contact/segment_contact_set.hpp"
#include "fem/mechanics_problem.hpp"

namespace sinew::contact {

namespace {

// Per slave node of a contact coupling: pressure (now) or committed slip; empty otherwise.
std::vector<double> values_of(const fem::Coupling& coupling, const fem::FieldContext& c,
                              bool pressure) {
  std::vector<double> out;
  if (const auto* set = dynamic_cast<const ContactSet*>(&coupling)) {
    if (pressure)
      for (const auto& n : set->evaluate(c.u(), c.t())) out.push_back(n.pressure);
    else
      for (const auto& n : set->node_info()) out.push_back(n.slip);
  } else if (const auto* seg = dynamic_cast<const SegmentContactSet*>(&coupling)) {
    if (pressure)
      for (const auto& n : seg->evaluate(c.u())) out.push_back(n.in_contact ? n.pressure : 0.0);
    else
      for (const auto& n : seg->node_info()) out.push_back(n.slip);
  } else if (const auto* mortar = dynamic_cast<const MortarContactSet*>(&coupling)) {
    // Frictionless: no slip path is kept.
    out = pressure ? mortar->evaluate(c.u()).node_pressure
                   : std::vector<double>(mortar->nodes().size(), 0.0);
  }
  return out;
}

const std::vector<Index>* slave_nodes(const fem::Coupling& coupling) {
  if (const auto* set = dynamic_cast<const ContactSet*>(&coupling)) return &set->nodes();
  if (const auto* seg = dynamic_cast<const SegmentContactSet*>(&coupling)) return &seg->nodes();
  if (const auto* mortar = dynamic_cast<const MortarContactSet*>(&coupling))
    return &mortar->nodes();
  return nullptr;
}

// Sum over the contact couplings, per mesh node.
std::vector<double> nodal(const fem::FieldContext& c, bool pressure) {
  const auto& problem = c.problem();
  std::vector<double> out(static_cast<size_t>(problem.model().mesh.n_nodes()), 0.0);
  for (const auto& coupling : problem.couplings())
    if (const auto* nodes = slave_nodes(*coupling)) {
      const auto values = values_of(*coupling, c, pressure);
      for (size_t k = 0; k < nodes->size(); ++k) out[static_cast<size_t>((*nodes)[k])] += values[k];
    }
  return out;
}

}  // namespace

bool has_contact(const std::vector<std::shared_ptr<const fem::Coupling>>& couplings) {
  for (const auto& c : couplings)
    if (slave_nodes(*c)) return true;
  return false;
}

std::vector<fem::OutputField> contact_output_fields() {
  using fem::Association;
  using fem::FieldKind;
  std::vector<fem::OutputField> f;
  f.push_back({"contact_pressure", Association::Point, 1, "MPa",
               "contact pressure p = eps_N <-g> at the (slave) node (0 off contact)",
               FieldKind::Output, [](const fem::FieldContext& c) { return nodal(c, true); }});
  f.push_back({"contact_slip", Association::Point, 1, "mm",
               "accumulated frictional slip path of the (slave) node along the rigid surface or "
               "the master facets",
               FieldKind::Output, [](const fem::FieldContext& c) { return nodal(c, false); }});
  return f;
}

}  // namespace sinew::contact
