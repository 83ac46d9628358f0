#!/usr/bin/env bash
# Runs a command on a private virtual X display and stops the display afterwards; exits with the
# command's status. Xvfb chooses a free display number itself (-displayfd): it takes the first
# number whose lock file and sockets it can create, so several started at the same moment, or
# on hosts that share a network namespace, never collide. (`xvfb-run -a` picks the number from
# /tmp lock files before the server starts, and two runs can end up on the same display.)
#   tools/with-x-display.sh build/viz/sinew-viz out/study.h5
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 command [args...]" >&2; exit 2; fi
for tool in Xvfb xauth mcookie; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$0: $tool is not installed (Debian: apt-get install xvfb xauth)" >&2
    exit 3
  fi
done
work="$(mktemp -d -t sinew-x.XXXXXX)"
server=""
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop_server EXIT
mkfifo "$work/display"
# Only holders of this cookie may connect (other users on a shared node may not); the cookie is
# written for displays 0-999 because the server chooses its number only when it starts.
export XAUTHORITY="$work/Xauthority"
cookie="$(mcookie)"
touch "$XAUTHORITY"
for n in $(seq 0 999); do echo "add :$n . $cookie"; done | xauth -q source - 2>/dev/null
# Unix sockets only; the screen matches xvfb-run's default. -noreset: by default the server resets
# when its last client disconnects, and a program that opens and closes connections one after
# another (VTK opens one per render window) can try to connect during the reset and fail.
Xvfb -displayfd 3 -nolisten tcp -noreset -auth "$XAUTHORITY" -screen 0 1280x1024x24 3>"$work/display" 2>"$work/xvfb.log" &
server=$!
display=""
read -r -t 30 display <"$work/display" || true
if [ -z "$display" ]; then
  echo "$0: Xvfb did not start; its log:" >&2
  cat "$work/xvfb.log" >&2
  exit 3
fi
status=0
DISPLAY=":$display" "$@" || status=$?
exit $status
