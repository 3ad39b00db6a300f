#!/usr/bin/env bash
# Starts pcscd with the vpcd virtual readers unless it already runs with them, and waits until
# every virtual slot's port accepts connections.
#
# Debian's /etc/reader.conf.d/vpcd gives one vpcd reader with two slots ("Virtual PCD 00 00" on
# 35963, "Virtual PCD 00 01" on 35964). We add a second reader, "Virtual PCD B" (35965, 35966), so
# the e2e journeys can run in parallel, one worker per slot, beside the integration tests on slot 0.
set -euo pipefail
EXTRA=/etc/reader.conf.d/vpcd-kakanai-b

# Listening, read from /proc: a test connection would be taken by vpcd for a card (and, with its
# backlog of one, make the next connection wait).
listening() {
  local hex
  hex=$(printf '%04X' "$1")
  grep -qE ":$hex [0-9A-F]+:0000 0A" /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
all_open() { for p in "${PORTS[@]}"; do listening "$p" || return 1; done; }

if [ "${KAKANAI_VPCD_EXTRA:-0}" = "1" ] && [ ! -f "$EXTRA" ]; then
  # 0x8C7D = 35965: the reader's first slot; vpcd puts the second slot on the next port.
  cat >"$EXTRA" <<'CONF'
FRIENDLYNAME "Virtual PCD B"
DEVICENAME   /dev/null:0x8C7D
LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
CHANNELID    0x8C7D
CONF
fi

PORTS=(35963 35964); [ -f "$EXTRA" ] && PORTS+=(35965 35966)

if pgrep -x pcscd >/dev/null && ! all_open; then
  # Running without the second reader (started before its configuration existed): restart it.
  pkill -x pcscd || true
  for _ in $(seq 1 50); do pgrep -x pcscd >/dev/null || break; sleep 0.1; done
fi
if ! pgrep -x pcscd >/dev/null; then
  rm -f /run/pcscd/pcscd.comm /run/pcscd/pcscd.pid 2>/dev/null || true
  mkdir -p /run/pcscd
  pcscd   # daemonizes; no --auto-exit, so it stays up for the whole run
fi
for _ in $(seq 1 50); do
  if all_open; then
    echo "pcscd running; vpcd listening on 127.0.0.1:${PORTS[*]}"
    exit 0
  fi
  sleep 0.2
done
echo "pcscd did not start or vpcd is not listening on all of 127.0.0.1:${PORTS[*]}" >&2
exit 1
