#!/usr/bin/env bash
# System packages the browser, server and HTML-validation tests need (Debian names).
# As root they are installed when missing; otherwise the missing ones are named.
set -euo pipefail
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
need=()
command -v chromium >/dev/null || need+=(chromium)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v java >/dev/null || need+=(default-jre-headless)
have fonts-noto-cjk || have fonts-wqy-microhei || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "setup: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "setup: missing system packages: ${need[*]}" >&2
  echo "setup: install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
