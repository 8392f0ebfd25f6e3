#!/usr/bin/env bash
# Run fuzz targets one after another for SECS seconds each: run_lane.sh SECS target…
# Output: logs/TARGET.log; crashes in artifacts/TARGET/.
cd "$(dirname "$0")"
secs=$1; shift
bin=target/x86_64-unknown-linux-gnu/release
for t in "$@"; do
  mkdir -p artifacts/$t corpus/$t
  start=$(date +%s)
  nice -n 15 $bin/$t corpus/$t -max_total_time=$secs -timeout=10 -rss_limit_mb=2048 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix=artifacts/$t/ > ${LOGS:-logs}/$t.log 2>&1
  echo "$t exit=$? secs=$(( $(date +%s) - start ))" >> ${LOGS:-logs}/lanes.txt
done
