#!/usr/bin/env bash
# Side by side: Stan's NUTS (rstan, diag_e metric) and the Wiener sampler on every data set of DATA_DIR,
# against a long Stan reference run (computed once and cached in OUT). Prints one table per data set.
#
#   mvn -B -q package -DskipTests && benchmarks/mcmc/compare.sh
#
# Environment (defaults in brackets): DATA_DIR [/work/shared/data or ../shared/data], OUT [target/mcmc],
# CHAINS [4], WARMUP [1000], DRAWS [1000], SEED [1], REF_DRAWS [10000], REUSE_NUTS [0] (1: keep the NUTS
#   results already in OUT, nuts_NAME_{summary,stats}.csv, and rerun only the Wiener side),
# WIENER_CONFIGS: Wiener settings separated by ';', each run on every data set [Wiener's recommended settings,
#   --solver align --tolerance 0.3 --warmup-tolerance 1 --friction 0.5 --chain-sep 2, chosen on pima, breast
#   cancer and sonar (docs/mcmc.md); then the paper's: QUICSORT with step doubling at atol 0.1, friction 1,
#   draws 0.5 apart, the paper's stepping], plus WIENER_EXTRA [empty] for all of them.
# Both samplers run their chains one after the other on one core (rstan cores = 1, wiener --threads 1),
# so ESS per second compares single-core work. The Wiener settings are the same for every data set.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA_DIR=${DATA_DIR:-$( [ -d /work/shared/data ] && echo /work/shared/data || echo ../shared/data )}
OUT=${OUT:-target/mcmc}
CHAINS=${CHAINS:-4}; WARMUP=${WARMUP:-1000}; DRAWS=${DRAWS:-1000}; SEED=${SEED:-1}; REF_DRAWS=${REF_DRAWS:-10000}
WIENER_CONFIGS=${WIENER_CONFIGS:---solver align --tolerance 0.3 --warmup-tolerance 1 --friction 0.5 --chain-sep 2;--solver quicsort_doubled --tolerance 0.1 --friction 1 --chain-sep 0.5 --paper-steps}
WIENER_EXTRA=${WIENER_EXTRA:-}
JAR=target/wiener-cli.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
mkdir -p "$OUT"
names=()
for f in "$DATA_DIR"/*.csv; do
  name=$(basename "$f" .csv)
  names+=("$name")
  if [ ! -f "$OUT/reference_${name}_summary.csv" ]; then
    echo "== $name: long Stan reference run (4 x $REF_DRAWS draws), cached in $OUT" >&2
    Rscript benchmarks/mcmc/run_nuts.R "$f" "$OUT/reference_$name" 4 1000 "$REF_DRAWS" 20261128 1 > "$OUT/reference_$name.log" 2>&1
  fi
  if [ "${REUSE_NUTS:-0}" = 1 ] && [ -f "$OUT/nuts_${name}_summary.csv" ] && [ -f "$OUT/nuts_${name}_stats.csv" ]; then
    echo "== $name: NUTS results reused from $OUT" >&2
  else
    echo "== $name: NUTS" >&2
    Rscript benchmarks/mcmc/run_nuts.R "$f" "$OUT/nuts_$name" "$CHAINS" "$WARMUP" "$DRAWS" "$SEED" 1 > "$OUT/nuts_$name.log" 2>&1
  fi
  IFS=';' read -r -a configs <<< "$WIENER_CONFIGS"
  for cfg in "${configs[@]}"; do
    tag=$(echo "$cfg" | sed -e 's/--solver //' -e 's/--warmup-tolerance /wtol/' -e 's/--tolerance /tol/' -e 's/--step /step/' \
        -e 's/--friction /g/' -e 's/--chain-sep /sep/' -e 's/--paper-steps/paper/' -e 's/[ -]//g')
    echo "== $name: Wiener $cfg" >&2
    # shellcheck disable=SC2086
    java -jar "$JAR" sample --model logistic --data "$f" $cfg $WIENER_EXTRA \
        --chains "$CHAINS" --draws "$DRAWS" --warmup "$WARMUP" --seed "$SEED" --threads 1 --plots 0 \
        --out "$OUT/wiener_${name}__$tag" > "$OUT/wiener_${name}__$tag.log"
  done
done
python3 benchmarks/mcmc/tables.py "$OUT" "${names[@]}"
