// Holds one X connection for the whole run (see x_display_hold.hpp).
#include "x_display_hold.hpp"

#include <X11/Xlib.h>

namespace sinew::viz {

XDisplayHold::XDisplayHold() : display_(XOpenDisplay(nullptr)) {}

XDisplayHold::~XDisplayHold() {
  if (display_) XCloseDisplay(static_cast<Display*>(display_));
}

}  // namespace sinew::viz
