// Holds one connection to the X server for the whole sinew-viz run.
//
// VTK opens a new X connection for every render window and closes it with the window. When the
// last client of an X server disconnects the server resets (the default for Xvfb and xvfb-run);
// a render window created while that reset is in progress cannot connect and VTK aborts with
// "bad X server connection". Holding one connection open from start to end keeps the server
// from resetting between pictures. It also lets sinew-viz report an unreachable display with a
// message and exit code 2 instead of VTK's abort.
#pragma once

#include <string>

namespace sinew::viz {

class XDisplayHold {
 public:
  /// Connects to the display named by DISPLAY; check connected() afterwards.
  XDisplayHold();
  ~XDisplayHold();
  XDisplayHold(const XDisplayHold&) = delete;
  XDisplayHold& operator=(const XDisplayHold&) = delete;

  bool connected() const { return display_ != nullptr; }

 private:
  void* display_ = nullptr;  // Display*, kept opaque so Xlib's macros stay out of other files
};

}  // namespace sinew::viz
