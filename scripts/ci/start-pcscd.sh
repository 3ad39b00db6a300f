#!/usr/bin/env bash
# Starts pcscd (with the vpcd virtual reader from /etc/reader.conf.d/vpcd) unless it already runs,
# and waits until the virtual reader's port accepts connections.
set -euo pipefail
if ! pgrep -x pcscd >/dev/null; then
  rm -f /run/pcscd/pcscd.comm /run/pcscd/pcscd.pid 2>/dev/null || true
  mkdir -p /run/pcscd
  pcscd   # daemonizes; no --auto-exit, so it stays up for the whole run
fi
for _ in $(seq 1 50); do
  if (exec 3<>/dev/tcp/127.0.0.1/35963) 2>/dev/null; then
    echo "pcscd running; vpcd listening on 127.0.0.1:35963"
    exit 0
  fi
  sleep 0.2
done
echo "pcscd did not start or vpcd is not listening on 127.0.0.1:35963" >&2
exit 1
