#!/usr/bin/env bash
# Installs Followup's launcher entry and icons for the current user, the
# freedesktop way (XDG): ~/.local/share/applications/followup.desktop and
# ~/.local/share/icons/hicolor/<size>/apps/followup.png (+ scalable SVG).
#
#   tools/install-desktop.sh              # Exec= the bundle if built, else the source checkout
#   tools/install-desktop.sh --uninstall  # removes exactly those files
#
# Needs no root. Desktops pick the entry up at once or at the next login.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
hicolor="$data/icons/hicolor"
sizes=(16 24 32 48 64 128 256 512)

# No gtk-update-icon-cache here: a cache in the user's own hicolor folder goes
# stale when other apps add icons there, and then hides their icons. Without a
# cache, desktops scan the folder; touching it tells them to look again.
refresh() { touch "$hicolor" 2>/dev/null || true; }

if [[ "${1:-}" == "--uninstall" ]]; then
  rm -f "$apps/followup.desktop" "$hicolor/scalable/apps/followup.svg"
  for s in "${sizes[@]}"; do rm -f "$hicolor/${s}x${s}/apps/followup.png"; done
  refresh
  echo "Removed Followup's launcher entry and icons from $data"
  exit 0
fi

if [[ -x "$root/dist/followup/followup" ]]; then
  exec_line="\"$root/dist/followup/followup\""
elif [[ -x "$root/.venv/bin/python" ]]; then
  exec_line="\"$root/.venv/bin/python\" \"$root/main.py\""
else
  echo "install-desktop: build the bundle (make dist) or set up the source (make setup) first" >&2
  exit 1
fi

mkdir -p "$apps" "$hicolor/scalable/apps"
for s in "${sizes[@]}"; do
  install -D -m 644 "$root/resources/icons/png/followup-$s.png" "$hicolor/${s}x${s}/apps/followup.png"
done
install -m 644 "$root/resources/icons/followup.svg" "$hicolor/scalable/apps/followup.svg"
sed "s|^Exec=.*|Exec=$exec_line|" "$root/resources/followup.desktop" > "$apps/followup.desktop"
chmod 644 "$apps/followup.desktop"
if command -v desktop-file-validate >/dev/null 2>&1; then desktop-file-validate "$apps/followup.desktop"; fi
refresh
echo "Installed $apps/followup.desktop (Exec=$exec_line) and icons under $hicolor"
