#!/usr/bin/env bash
# Installs the Debian packages Qt needs to open a window (and the test session
# needs), when they are missing. Does nothing where apt-get is absent: on other
# systems the Qt wheel's own libraries are enough, or the platform's package
# manager is the user's to run.
set -euo pipefail

packages=(
  # Qt's xcb platform plugin and fonts
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-sync1 libxcb-shm0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
  # international names in screenshots: Latin, CJK, Arabic and Hebrew scripts, emoji
  fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
)
if [[ "${FOLLOWUP_TEST_SESSION:-}" == 1 ]]; then
  # the real desktop session for end-to-end tests
  packages+=(xvfb xauth dbus-daemon dbus-bin libglib2.0-bin)
  # notifications, a StatusNotifier watcher and tray bar; screenshots, clicks, window states
  packages+=(dunst libnotify-bin haskell-status-notifier-item-utils haskell-gtk-sni-tray-utils imagemagick xdotool x11-utils)
  # the real keyring (Secret Service) for the mail and calendar passwords in the tests
  packages+=(gnome-keyring)
fi
if [[ "${FOLLOWUP_TEST_SESSION:-}" == 1 || "$(uname -s)" == Linux ]]; then
  # to build dbus-python (pyproject.toml), which plyer needs to report failures
  packages+=(libdbus-1-dev libglib2.0-dev pkg-config)
fi

command -v apt-get >/dev/null 2>&1 || exit 0
command -v dpkg-query >/dev/null 2>&1 || exit 0

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "Followup needs: apt-get install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing system packages Qt needs: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
