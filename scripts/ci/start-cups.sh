#!/bin/sh
# Starts CUPS with a cups-pdf queue named PDF, for integration tests and CI. Idempotent: run it as
# often as you like; it only does what is missing.
#
#   apt-get install -y cups printer-driver-cups-pdf poppler-utils
#   scripts/ci/start-cups.sh            # prints CUPS_PDF_OUT=<dir> as its last line
#
# cups-pdf normally writes to ${HOME}/PDF of the submitting user, which depends on who runs the
# tests (root → /root/PDF, AppArmor may forbid other places). We pin it instead:
#   Out   /var/spool/cups-pdf/kakanai   (a path the Debian/Ubuntu AppArmor profile already allows)
#   Label 2                             (file names end in "-job_<id>.pdf", so a job's output can
#                                        be found by its CUPS job id)
# There is no systemd in our containers, so cupsd is started directly.
set -eu

OUT_DIR="${KAKANAI_CUPS_PDF_OUT:-/var/spool/cups-pdf/kakanai}"
QUEUE=PDF
CONF=/etc/cups/cups-pdf.conf

SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "start-cups.sh: must run as root (or with passwordless sudo)" >&2
    exit 1
  fi
fi

for tool in cupsd lpadmin lpstat cupsenable cupsaccept; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "start-cups.sh: $tool not found; install with: apt-get install -y cups printer-driver-cups-pdf" >&2
    exit 1
  fi
done
PATH="$PATH:/usr/sbin:/sbin"
if [ ! -x /usr/lib/cups/backend/cups-pdf ] || [ ! -f "$CONF" ]; then
  echo "start-cups.sh: cups-pdf is missing; install with: apt-get install -y printer-driver-cups-pdf" >&2
  exit 1
fi

# 1. Pin the cups-pdf output directory and job-id labels (cups-pdf re-reads its conf per job).
set_key() { # key value
  if grep -Eq "^$1[[:space:]]" "$CONF"; then
    $SUDO sed -i -E "s|^$1[[:space:]].*|$1 $2|" "$CONF"
  elif grep -Eq "^#$1[[:space:]]" "$CONF"; then
    $SUDO sed -i -E "0,/^#$1[[:space:]]/s|^#$1[[:space:]].*|$1 $2|" "$CONF"
  else
    echo "$1 $2" | $SUDO tee -a "$CONF" >/dev/null
  fi
}
set_key Out "$OUT_DIR"
set_key Label 2
$SUDO mkdir -p "$OUT_DIR"
# Output of every user lands here; the tests (and staff tools) must be able to read it.
$SUDO chmod 1777 "$OUT_DIR"

# 2. Start the scheduler if it is not answering.
if ! LANG=C lpstat -r 2>/dev/null | grep -q 'scheduler is running'; then
  $SUDO mkdir -p /run/cups /var/spool/cups /var/log/cups
  # Daemon mode (no -l): IdleExitTimeout in cupsd.conf applies only to on-demand (-l) mode.
  $SUDO cupsd
  i=0
  until LANG=C lpstat -r 2>/dev/null | grep -q 'scheduler is running'; do
    i=$((i + 1))
    if [ "$i" -gt 100 ]; then
      echo "start-cups.sh: cupsd did not start within 10 s; see /var/log/cups/error_log" >&2
      exit 1
    fi
    sleep 0.1
  done
fi

# 3. The PDF queue: create it if missing, then make sure it is enabled and accepting.
if ! LANG=C lpstat -p "$QUEUE" >/dev/null 2>&1; then
  PPD=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ {print $1; exit}')
  if [ -z "$PPD" ]; then PPD=$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ {print $1; exit}'); fi
  if [ -z "$PPD" ]; then
    echo "start-cups.sh: no cups-pdf PPD found by 'lpinfo -m'" >&2
    exit 1
  fi
  $SUDO lpadmin -p "$QUEUE" -v cups-pdf:/ -m "$PPD" -E -o printer-error-policy=abort-job
fi
$SUDO cupsenable "$QUEUE"
$SUDO cupsaccept "$QUEUE"

echo "CUPS is running; queue $QUEUE writes PDFs to $OUT_DIR (files named <title>-job_<id>.pdf)" >&2
echo "CUPS_PDF_OUT=$OUT_DIR"
