#!/usr/bin/env bash
# Same-minute ratio of Wiener's GBM ensemble to torchsde's (this machine is shared: only ratios of
# alternating runs mean much). Build first: mvn -q install -DskipTests && (cd benchmarks && mvn -q package).
# Needs torch, and torchsde's sources on PYTHONPATH (e.g. PYTHONPATH=/path/to/torchsde-checkout).
# Usage: benchmarks/torchsde/compare.sh [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/benchmarks.jar"
for ((round = 1; round <= ${1:-3}; round++)); do
    python3 "$here/gbm_torchsde.py" 0.05 5
    java -cp "$jar" org.wiener.benchmarks.GbmCpuTime slow_rk_doubled DPID8 11.5 8 30 | tail -1
done
