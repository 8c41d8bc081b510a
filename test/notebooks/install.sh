#!/usr/bin/env bash
# Installs what executing the notebooks needs, from Debian's packages: jupyter-nbconvert (which
# brings jupyter-core, python3-nbclient and jupyter-client). The Deno kernel itself comes from the
# `deno` npm devDependency (`npm ci`), so no python3-ipykernel is needed. Idempotent: does nothing
# when `jupyter nbconvert` already runs.
set -euo pipefail

PACKAGES=(jupyter-nbconvert)

if command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1; then
  echo "notebooks install: jupyter nbconvert $(jupyter nbconvert --version) already present; nothing to do"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "notebooks install: need root or sudo to apt-get install ${PACKAGES[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
echo "notebooks install: installed ${PACKAGES[*]}: jupyter nbconvert $(jupyter nbconvert --version)"
