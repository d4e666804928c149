#!/usr/bin/env bash
# The paper's many-short-chains regime (docs/mcmc.md): energy distance to a long Stan run against gradient
# evaluations, 256 chains from 0, for NUTS (20 warm-up iterations kept) and two Wiener methods.
#   mvn -B -q package -DskipTests && benchmarks/mcmc/paper_regime.sh pima sonar
# Writes target/mcmc/paper_regime_NAME.csv and docs/images/mcmc_energy_NAME.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA_DIR=${DATA_DIR:-$( [ -d /work/shared/data ] && echo /work/shared/data || echo ../shared/data )}
OUT=${OUT:-target/mcmc}
mkdir -p "$OUT"
for name in "$@"; do
  f="$DATA_DIR/$name.csv"
  if [ ! -f "$OUT/reference_${name}_draws.csv" ]; then
    SAVE_DRAWS=2000 Rscript benchmarks/mcmc/run_nuts.R "$f" "$OUT/reference_$name" 4 1000 10000 20261128 1 \
        > "$OUT/reference_$name.log" 2>&1
  fi
  Rscript benchmarks/mcmc/nuts_short.R "$f" "$OUT/nuts_short_$name.csv" 256 20 32 7 > "$OUT/nuts_short_$name.log" 2>&1
  java -cp "target/classes:$(cat target/classpath.txt)" benchmarks/mcmc/PaperRegime.java "$name" "$OUT" docs/images "$DATA_DIR"
done
