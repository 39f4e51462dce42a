#!/usr/bin/env bash
# Runs a command inside a real, private desktop session: Xvfb, a private D-Bus
# session bus, dunst (notifications), a StatusNotifier watcher and a tray bar
# (gtk-sni-tray-standalone). It waits until the watcher has a tray host before
# running the command, and stops everything it started afterwards.
#
#   tools/desktop-session.sh [--no-notifications] COMMAND [ARGS...]
#
# --no-notifications: the bus has no org.freedesktop.Notifications service at
# all (no dunst, and no service directories, so nothing is D-Bus activated).
# Inside, FOLLOWUP_SESSION_NOTIFICATIONS is 1 or 0 so tests know which it is.
# Packages: FOLLOWUP_TEST_SESSION=1 tools/system-deps.sh. Never dbus-x11: with
# it, a client with DISPLAY and no bus starts a session bus that outlives us.
set -euo pipefail

if [[ -z "${FOLLOWUP_IN_DESKTOP_SESSION:-}" ]]; then
  notifications=1
  if [[ "${1:-}" == "--no-notifications" ]]; then
    notifications=0
    shift
  fi
  [[ $# -gt 0 ]] || { echo "usage: $0 [--no-notifications] COMMAND [ARGS...]" >&2; exit 2; }
  for tool in xvfb-run dbus-run-session gdbus; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing: FOLLOWUP_TEST_SESSION=1 tools/system-deps.sh" >&2; exit 2; }
  done
  export FOLLOWUP_IN_DESKTOP_SESSION=1 FOLLOWUP_SESSION_NOTIFICATIONS=$notifications
  bus_args=()
  if [[ $notifications == 0 ]]; then
    config=$(mktemp --suffix=.conf)
    trap 'rm -f "$config"' EXIT
    # A session bus like the default one, minus <standard_session_servicedirs/>:
    # nothing can be activated, so no notification daemon can appear.
    cat >"$config" <<'CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
    bus_args=(--config-file "$config")
  fi
  # not exec: the trap above removes the config file afterwards
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session "${bus_args[@]}" -- "$0" "$@" 2> >(grep -v "Failed to set fd limit" >&2)
  exit $?
fi

# -- inside Xvfb and the private bus ------------------------------------------------
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
logdir=$(mktemp -d)
export FOLLOWUP_SESSION_LOGS=$logdir

if [[ $FOLLOWUP_SESSION_NOTIFICATIONS == 1 ]]; then
  cat >"$logdir/dunstrc" <<'CONF'
[global]
    width = 420
    height = 160
    origin = top-right
    offset = 12x48
    font = DejaVu Sans 10
    frame_width = 1
    frame_color = "#2f6fb3"
    padding = 10
    horizontal_padding = 12
    icon_position = left
    max_icon_size = 48
    format = "<b>%s</b>\n%b"
    sticky_history = yes
    history_length = 100
    # a click invokes the notification's default action, as on most desktops
    mouse_left_click = do_action, close_current
[urgency_normal]
    background = "#ffffff"
    foreground = "#202124"
    timeout = 30
CONF
  dunst -config "$logdir/dunstrc" >"$logdir/dunst.log" 2>&1 &
  pids+=($!)
fi
# the Secret Service (gnome-keyring) with a throwaway, unlocked keyring: mail passwords
if command -v gnome-keyring-daemon >/dev/null; then
  mkdir -p "$logdir/keyring-data" && mkdir -m 700 "$logdir/keyring-run"
  printf 'pw' | XDG_DATA_HOME="$logdir/keyring-data" XDG_RUNTIME_DIR="$logdir/keyring-run" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$logdir/keyring.log" 2>&1 &
  pids+=($!)
fi
status-notifier-watcher >"$logdir/watcher.log" 2>&1 &
pids+=($!)
# wait for the watcher before the host registers with it
for _ in $(seq 100); do
  gdbus introspect --session -d org.kde.StatusNotifierWatcher -o /StatusNotifierWatcher >/dev/null 2>&1 && break
  sleep 0.1
done
gtk-sni-tray-standalone --top --end -s 32 >"$logdir/tray.log" 2>&1 &
pids+=($!)
ready=0
for _ in $(seq 150); do
  if gdbus call --session -d org.kde.StatusNotifierWatcher -o /StatusNotifierWatcher \
      -m org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierWatcher IsStatusNotifierHostRegistered \
      2>/dev/null | grep -q true; then
    ready=1
    break
  fi
  sleep 0.1
done
if [[ $ready != 1 ]]; then
  echo "$0: the tray host never registered with the StatusNotifier watcher" >&2
  cat "$logdir"/*.log >&2 || true
  exit 1
fi
if [[ $FOLLOWUP_SESSION_NOTIFICATIONS == 1 ]]; then
  for _ in $(seq 50); do dunstctl is-paused >/dev/null 2>&1 && break; sleep 0.1; done
fi
set +e
"$@"
rc=$?
exit $rc
