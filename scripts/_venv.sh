# Shared by scripts/run and scripts/test: make (or reuse) the project's venv and install into it.
# Usage: . scripts/_venv.sh "<pip extras spec>"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${POLICYPARSE_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT$1" 2>&1 | grep -v -E "^WARNING: Location|is ignored" || true
"$VENV/bin/python" -c "import policyparse" # fail loudly if the install did not work
export PATH="$VENV/bin:$PATH"
