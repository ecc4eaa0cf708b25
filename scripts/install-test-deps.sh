#!/usr/bin/env bash
# Installs the system packages the test suite uses, only where they are missing:
#   tinyproxy        - a real HTTP proxy for the client's proxy tests
#   chromium         - the headless browser of the storefront's browser test
#   chromium-driver  - chromedriver, through which that test drives chromium
#   postgresql       - initdb, pg_ctl and the server: the storefront's database tests start
#                      their own server in a temporary directory
#   softhsm2         - a PKCS#11 token in software for amazon-pay-pkcs11's tests and benchmark
# Safe to run repeatedly; needs root (or sudo) for apt-get.
set -euo pipefail

missing=()
command -v tinyproxy >/dev/null 2>&1 || [ -x /usr/bin/tinyproxy ] || [ -x /usr/sbin/tinyproxy ] || missing+=(tinyproxy)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[ -e /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-deps: nothing to install"
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 && sudo="sudo" || { echo "install-test-deps: need root to install ${missing[*]}" >&2; exit 1; }
fi
echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
