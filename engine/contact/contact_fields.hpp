// The output fields of contact (rigid-surface, node-to-segment and segment-to-segment): per
// mesh node, the contact pressure and the accumulated frictional slip (0 at nodes no contact
// set holds), for the output-field table.
#pragma once

#include <memory>
#include <vector>

#include "fem/coupling.hpp"
#include "fem/output_fields.hpp"

namespace sinew::contact {

/// True when one of `couplings` is a ContactSet, SegmentContactSet or MortarContactSet (the
/// model has contact).
bool has_contact(const std::vector<std::shared_ptr<const fem::Coupling>>& couplings);

/// contact_pressure (MPa) and contact_slip (mm), both Association::Point, one component.
std::vector<fem::OutputField> contact_output_fields();

}  // namespace sinew::contact
