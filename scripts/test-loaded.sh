#!/usr/bin/env bash
# The whole test suite on a loaded machine: two CPU burners (one busy Node process per core of the
# 2-core machine the tests must pass on) run while the suite runs five times in a row, so a test that
# sleeps a fixed time, asserts wall-clock speed or has a short timeout shows up as a failure.
# Builds once first (the end-to-end tests run bin/bondline.js on dist/). Each run's output is kept in a
# log; a line per run says pass or fail. Exits 1 if any run failed.
#
#   npm run test:loaded                    # 5 runs of vitest run, 2 burners
#   RUNS=2 BURNERS=4 npm run test:loaded   # other counts
#   npm run test:loaded -- packages/secs   # arguments go to vitest run
set -u

cd "$(dirname "$0")/.."
runs=${RUNS:-5}
burners=${BURNERS:-2}
logs=$(mktemp -d "${TMPDIR:-/tmp}/bondline-test-loaded.XXXXXX")

pids=()
stop_burners() {
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null
    wait "${pids[@]}" 2>/dev/null
  fi
  pids=()
}
trap stop_burners EXIT
trap 'stop_burners; exit 130' INT
trap 'stop_burners; exit 143' TERM

for _ in $(seq "$burners"); do
  node -e 'for (;;) {}' &
  pids+=($!)
done
echo "test:loaded: ${burners} CPU burners running (pids ${pids[*]}); logs in ${logs}"

if ! npm run build >"${logs}/build.log" 2>&1; then
  echo "test:loaded: the build failed (${logs}/build.log)"
  tail -n 30 "${logs}/build.log"
  exit 1
fi

failed=0
summary=()
for run in $(seq "$runs"); do
  log="${logs}/run-${run}.log"
  started=$(date +%s)
  if npx vitest run "$@" >"$log" 2>&1; then result=pass; else result=FAIL; failed=$((failed + 1)); fi
  seconds=$(($(date +%s) - started))
  # vitest's own count of the tests, without its colours.
  tests=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +Tests ' | tail -n 1 | sed 's/^ *//' | tr -s ' ')
  line="run ${run}/${runs}: ${result} in ${seconds} s, ${tests:-no test summary} (load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
  summary+=("$line")
  echo "test:loaded: ${line}"
  if [ "$result" = FAIL ]; then
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *(FAIL|×) ' | sort -u | head -n 20
  fi
done

stop_burners
echo "test:loaded: summary (logs in ${logs})"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -gt 0 ]; then
  echo "test:loaded: ${failed} of ${runs} runs failed"
  exit 1
fi
echo "test:loaded: all ${runs} runs passed"
