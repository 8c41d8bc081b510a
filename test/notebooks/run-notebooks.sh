#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless with the Deno kernel (`deno jupyter`, from the
# `deno` npm devDependency) through `jupyter nbconvert --execute`, writing the executed copies to
# test-output/notebooks/ (never in place). Fails on any cell error, naming the notebook.
# Needs: npm ci (deno), test/notebooks/install.sh (jupyter nbconvert). Usage:
#   bash test/notebooks/run-notebooks.sh [notebooks/x.ipynb ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DENO=$ROOT/node_modules/.bin/deno
OUT=$ROOT/test-output/notebooks
TIMEOUT=${NOTEBOOK_CELL_TIMEOUT:-300}

if ! command -v jupyter >/dev/null 2>&1 || ! jupyter nbconvert --version >/dev/null 2>&1; then
  echo "notebooks: FAIL: jupyter nbconvert not found; run bash test/notebooks/install.sh" >&2
  exit 1
fi
if [ ! -e "$DENO" ]; then
  echo "notebooks: FAIL: no deno at $DENO; run npm ci (devDependency deno)" >&2
  exit 1
fi

# Register the Deno kernel in a Jupyter data folder of our own (deno jupyter --install writes to
# $HOME/.local/share/jupyter), so the user's own kernels are neither needed nor touched.
KERNEL_HOME=$ROOT/test-output/jupyter-home
mkdir -p "$KERNEL_HOME" "$OUT"
HOME=$KERNEL_HOME "$DENO" jupyter --install --force --name deno --display Deno >/dev/null 2>&1 || {
  echo "notebooks: FAIL: deno jupyter --install failed:" >&2
  HOME=$KERNEL_HOME "$DENO" jupyter --install --force --name deno --display Deno >&2 || true
  exit 1
}
export JUPYTER_PATH=$KERNEL_HOME/.local/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}
export NO_COLOR=1

if [ $# -gt 0 ]; then NOTEBOOKS=("$@"); else mapfile -t NOTEBOOKS < <(find notebooks -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort); fi
if [ ${#NOTEBOOKS[@]} -eq 0 ]; then
  echo "notebooks: FAIL: no notebooks found under notebooks/" >&2
  exit 1
fi

# seconds since a `date +%s%N` stamp, to 0.1 s
elapsed() { local ms=$((($(date +%s%N) - $1) / 1000000)); echo "$((ms / 1000)).$((ms % 1000 / 100)) s"; }

failed=0
started=$(date +%s%N)
for notebook in "${NOTEBOOKS[@]}"; do
  name=$(basename "$notebook" .ipynb)
  t0=$(date +%s%N)
  # nbconvert runs the kernel in the notebook's folder, so the notebook's relative paths hold.
  if jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=deno \
    --ExecutePreprocessor.timeout="$TIMEOUT" \
    --output-dir "$OUT" --output "$name.executed" \
    "$notebook" >"$OUT/$name.log" 2>&1; then
    echo "pass  $notebook  ($(elapsed "$t0"))"
  else
    failed=$((failed + 1))
    echo "FAIL  $notebook  ($(elapsed "$t0"))"
    # the cell that failed and its error, as nbconvert reports them
    sed -n '/An error occurred while executing/,$p' "$OUT/$name.log" | head -60 | sed 's/^/      /'
    [ -s "$OUT/$name.log" ] && ! grep -q 'CellExecutionError\|An error occurred' "$OUT/$name.log" && tail -30 "$OUT/$name.log" | sed 's/^/      /'
  fi
done
if [ "$failed" -eq 0 ]; then
  echo "notebooks: PASS: ${#NOTEBOOKS[@]} of ${#NOTEBOOKS[@]} notebooks executed without a cell error in $(elapsed "$started") (outputs in test-output/notebooks/)"
else
  printf 'notebooks: FAIL: %d of %d notebooks had a cell error (logs in test-output/notebooks/)\n' "$failed" "${#NOTEBOOKS[@]}"
  exit 1
fi
