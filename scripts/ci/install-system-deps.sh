#!/usr/bin/env bash
# Debian packages the project needs at test and run time. Idempotent; skips apt when all are present.
set -euo pipefail
PACKAGES=(
  pcscd vsmartcard-vpcd libpcsclite1 pcsc-tools   # real PC/SC stack + virtual reader driver
  cups cups-client printer-driver-cups-pdf         # real printing into PDF
  poppler-utils qpdf                               # pdftotext, pdffonts, pdftoppm, pdfsig
  openssl                                          # openssl cms -verify in tests
  chromium                                         # Playwright journeys (e2e)
  postgresql                                       # the hub's tests and benchmark (a throw-away cluster)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "all system packages present"
fi
