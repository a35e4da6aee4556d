#!/bin/sh
# mk/deps.sh - make sure the libraries hamdel builds against are installed.
#
# Called by `make` (through the deps stamp) with the pkg-config names it
# needs. Anything missing is installed with the platform's package manager:
# apt (Debian/Ubuntu), dnf (Fedora), pacman (Arch) or brew (macOS). With CI
# set, or without a terminal, it never asks questions. When it cannot install
# (no known package manager, not root and no sudo), it says what to install.
set -u

# Arguments are pkg-config names, or tool:NAME for a program on PATH.
missing=""
for p in "$@"; do
    case "$p" in
    tool:*) command -v "${p#tool:}" >/dev/null 2>&1 || missing="$missing $p" ;;
    *) pkg-config --exists "$p" 2>/dev/null || missing="$missing $p" ;;
    esac
done
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config $*"
[ -z "$missing" ] && exit 0

# pkg-config name -> package name, per package manager.
map() { # $1 = manager, $2 = pkg-config name
    case "$1:$2" in
    apt:yaml-0.1) echo libyaml-dev ;;       dnf:yaml-0.1) echo libyaml-devel ;;
    apt:libutf8proc) echo libutf8proc-dev ;; dnf:libutf8proc) echo utf8proc-devel ;;
    apt:jansson) echo libjansson-dev ;;     dnf:jansson) echo jansson-devel ;;
    apt:readline) echo libreadline-dev ;;   dnf:readline) echo readline-devel ;;
    apt:cmocka) echo libcmocka-dev ;;       dnf:cmocka) echo libcmocka-devel ;;
    apt:sqlite3) echo libsqlite3-dev ;;     dnf:sqlite3) echo sqlite-devel ;;
    apt:fribidi) echo libfribidi-dev ;;     dnf:fribidi) echo fribidi-devel ;;
    apt:pkg-config|dnf:pkg-config) echo pkgconf ;;
    *:tool:msgfmt) echo gettext ;;
    *:tool:tmux) echo tmux ;;
    pacman:yaml-0.1) echo libyaml ;;        brew:yaml-0.1) echo libyaml ;;
    pacman:libutf8proc) echo libutf8proc ;; brew:libutf8proc) echo utf8proc ;;
    pacman:sqlite3|brew:sqlite3) echo sqlite ;;
    *:pkg-config) echo pkgconf ;;
    *) echo "$2" ;;
    esac
}

if [ "$(id -u)" -eq 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1; then
    if [ -n "${CI:-}" ] || [ ! -t 0 ]; then sudo="sudo -n"; else sudo="sudo"; fi
else sudo="none"; fi

for m in apt-get dnf pacman brew; do
    command -v $m >/dev/null 2>&1 && { mgr=$m; break; }
done
mgr=${mgr:-none}
short=$(echo "$mgr" | sed 's/-get//')
pkgs=""
for p in $missing; do pkgs="$pkgs $(map "$short" "$p")"; done

echo "hamdel: missing libraries:$missing; installing:$pkgs" >&2
status=1
if [ "$sudo" = none ] && [ "$mgr" != brew ]; then
    echo "hamdel: not root and no sudo: please install$pkgs, then run make again" >&2
    exit 1
fi
case "$mgr" in
apt-get) $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $pkgs >&2 ||
         { $sudo apt-get update -q >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $pkgs >&2; }
         status=$? ;;
dnf)     $sudo dnf install -y $pkgs >&2; status=$? ;;
pacman)  $sudo pacman -S --needed --noconfirm $pkgs >&2; status=$? ;;
brew)    brew install $pkgs >&2; status=$? ;;
*)       echo "hamdel: no known package manager (apt, dnf, pacman, brew): please install$pkgs" >&2
         exit 1 ;;
esac
if [ $status -ne 0 ]; then
    echo "hamdel: could not install$pkgs with $mgr (exit $status): install them by hand, then run make again" >&2
    exit 1
fi
for p in $missing; do
    case "$p" in
    tool:*) command -v "${p#tool:}" >/dev/null 2>&1 || { echo "hamdel: ${p#tool:} is still not on PATH after installing" >&2; exit 1; } ;;
    *) pkg-config --exists "$p" || { echo "hamdel: $p is still not visible to pkg-config after installing" >&2; exit 1; } ;;
    esac
done
exit 0
