#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar and runs the whole suite: the JMH benchmarks (with the allocation
# profiler) and the stampede measurement, then the service workload, then the real mixes. Results go to
# benchmarks/results/: jmh.json (JMH's JSON), summary.md (ratios against targets, and the mixes' table),
# workload.txt, mixes.md.
#
#   benchmarks/run.sh                   # everything, with settings that finish in about 25-30 minutes on 2 cores
#   benchmarks/run.sh -f 1 -wi 5 -i 10  # other JMH settings for the JMH part
#   SKIP_WORKLOAD=1 benchmarks/run.sh   # without the service workload
#   SKIP_MIXES=1 benchmarks/run.sh      # without the real mixes
#   MIXES_OPTS="-Dmixes.pairs=4 -Dmixes.seconds=60" benchmarks/run.sh   # other settings for the mixes
#
# PostgreSQL: 127.0.0.1:5432, database test, user postgres, unless CACHED_JDBC_PG_URL, CACHED_JDBC_PG_USER and
# CACHED_JDBC_PG_PASSWORD say otherwise. Tables are named bm_* and dropped afterwards, except the mixes' mx_*, which
# are kept for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
mkdir -p benchmarks/results

if [ "$#" -eq 0 ]; then
  set -- -f 1 -wi 5 -w 1s -i 5 -r 1s
fi
java -Dsuite.output=benchmarks/results -cp "$jar" dev.cachedjdbc.benchmarks.Suite "$@" \
  | tee benchmarks/results/suite.log

if [ -z "${SKIP_WORKLOAD:-}" ]; then
  java -cp "$jar" dev.cachedjdbc.benchmarks.workload.ServiceWorkload 95 80 100 2>&1 | grep -v '^SLF4J' \
    | tee benchmarks/results/workload.txt
fi

if [ -z "${SKIP_MIXES:-}" ]; then
  # shellcheck disable=SC2086 # MIXES_OPTS is a list of options
  java -Dmixes.output=benchmarks/results/mixes.md ${MIXES_OPTS:-} -cp "$jar" dev.cachedjdbc.benchmarks.mixes.Mixes \
    2>&1 | grep -v '^SLF4J' | tee benchmarks/results/mixes.log
  printf '\nReal mixes (benchmarks/results/mixes.md):\n\n' >> benchmarks/results/summary.md
  cat benchmarks/results/mixes.md >> benchmarks/results/summary.md
fi
