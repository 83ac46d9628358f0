// Nodal contact fields gathered from every ContactSet of the problem: the pressure at the
// reported state and the committed slip path (committed at that state, as the history is).
#include "contact/contact_fields.hpp"

#include "contact/contact_set.hpp"
#include "fem/mechanics_problem.hpp"

namespace sinew::contact {

namespace {

// Sum over the contact sets of `value(set, k)` at node k of each set, per mesh node.
template <class Value>
std::vector<double> nodal(const fem::FieldContext& c, Value&& value) {
  const auto& problem = c.problem();
  std::vector<double> out(static_cast<size_t>(problem.model().mesh.n_nodes()), 0.0);
  for (const auto& coupling : problem.couplings())
    if (const auto* set = dynamic_cast<const ContactSet*>(coupling.get())) {
      const auto values = value(*set);
      for (size_t k = 0; k < set->nodes().size(); ++k)
        out[static_cast<size_t>(set->nodes()[k])] += values[k];
    }
  return out;
}

}  // namespace

bool has_contact(const std::vector<std::shared_ptr<const fem::Coupling>>& couplings) {
  for (const auto& c : couplings)
    if (dynamic_cast<const ContactSet*>(c.get())) return true;
  return false;
}

std::vector<fem::OutputField> contact_output_fields() {
  using fem::Association;
  using fem::FieldKind;
  std::vector<fem::OutputField> f;
  f.push_back({"contact_pressure", Association::Point, 1, "MPa",
               "contact pressure p = eps_N <-g> of rigid-surface contact at the node (0 off "
               "contact)",
               FieldKind::Output, [](const fem::FieldContext& c) {
                 return nodal(c, [&](const ContactSet& s) {
                   std::vector<double> p;
                   for (const auto& n : s.evaluate(c.u(), c.t())) p.push_back(n.pressure);
                   return p;
                 });
               }});
  f.push_back({"contact_slip", Association::Point, 1, "mm",
               "accumulated frictional slip path of the node along the rigid surface",
               FieldKind::Output, [](const fem::FieldContext& c) {
                 return nodal(c, [](const ContactSet& s) {
                   std::vector<double> slip;
                   for (const auto& n : s.node_info()) slip.push_back(n.slip);
                   return slip;
                 });
               }});
  return f;
}

}  // namespace sinew::contact
