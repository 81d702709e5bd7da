#!/bin/sh
# Installs the kiosk .deb on a clean Debian and runs the app's self-test (main/smoke-test.ts) as an
# ordinary user, with Chromium's sandbox on. Meant for a throwaway container; CI runs:
#
#   docker run --rm --shm-size=1g --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
#     -v "$PWD/release:/release:ro" -v "$PWD/scripts:/scripts:ro" debian:bookworm \
#     sh /scripts/smoke-deb.sh /release/helsinki-kiosk_<version>_amd64.deb
#
# seccomp/apparmor=unconfined: Docker's default profiles refuse the user-namespace clone Chromium's
# sandbox needs; the sandbox itself stays on. The host must allow unprivileged user namespaces (ubuntu-24.04:
# sysctl kernel.apparmor_restrict_unprivileged_userns=0). Exit status: the app's, 0 = passed.
set -eu
deb="$1"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The package's own Depends pull in everything Electron needs; xvfb and xauth give it a display.
apt-get install -y -qq --no-install-recommends "$deb" xvfb xauth >/dev/null
dpkg -s helsinki-kiosk | grep -E '^(Version|Depends):'
test -x /opt/HelsinkiKiosk/helsinki-kiosk
# Chromium refuses to run as root with its sandbox on; a station runs as an unprivileged user too.
useradd --create-home kiosk
# The packaged app logs to a file, not the console; print it afterwards so a failing step shows.
logs=/tmp/kiosk-smoke-log
status=0
runuser -u kiosk -- env KIOSK_LOG_DIR="$logs" timeout 180 xvfb-run --auto-servernum \
  /opt/HelsinkiKiosk/helsinki-kiosk --smoke-test \
  --config /opt/HelsinkiKiosk/resources/kiosk-config/default.json || status=$?
cat "$logs"/* 2>/dev/null || echo "(no station log in $logs)"
echo "smoke test: exit $status"
exit "$status"
