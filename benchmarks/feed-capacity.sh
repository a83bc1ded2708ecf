#!/usr/bin/env bash
# What following PostgreSQL's logical decoding (cache.coherence=logical) costs the server, and how many writes a second
# the feed keeps up with: for 1 and 3 following instances (separate JVMs, FeedFollower), pgbench updates rows by key
# at rising rates while the script measures the CPU time of the instances' WAL sender processes (the decoding) and
# each instance reports how old its freshness proof got. The feed keeps up while the proof stays within the bound.
#
#   benchmarks/feed-capacity.sh                 # rates 500 1000 2000 4000 and unthrottled, 15 s each, bound 1s
#   RATES="1000 8000" SECONDS_EACH=10 benchmarks/feed-capacity.sh
#
# Needs pgbench, a local PostgreSQL with wal_level=logical (psql as user postgres on 127.0.0.1) whose processes this
# user can read in /proc. Writes benchmarks/results/feed-capacity.md.
set -euo pipefail
cd "$(dirname "$0")/.."

rates=${RATES:-"500 1000 2000 4000 0"}
seconds=${SECONDS_EACH:-15}
bound=${BOUND:-1s}
database=${PGDATABASE:-test}
psql_run() { psql -h 127.0.0.1 -U postgres -d "$database" -Atqc "$1"; }

[ -f benchmarks/target/benchmarks.jar ] || mvn -q -B -ntp -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
psql_run "drop table if exists bm_feed; create table bm_feed (id int primary key, v bigint not null);
  insert into bm_feed select g, 0 from generate_series(1, 10000) g"
script=$(mktemp)
printf '\\set id random(1, 10000)\nupdate bm_feed set v = v + 1 where id = :id;\n' > "$script"
ticks=$(getconf CLK_TCK)
out=benchmarks/results/feed-capacity.md
mkdir -p benchmarks/results
{
  echo "# Logical decoding: server CPU and the write rate the feed keeps up with"
  echo
  echo "$(date -u +%F), $(nproc) cores, PostgreSQL $(psql_run 'show server_version'), bound $bound, ${seconds} s per step,"
  echo "pgbench updating one row by key per transaction (2 clients); CPU is the WAL senders' (decoding) in % of one core."
  echo
  echo "| instances | asked tps | achieved tps | WAL sender CPU, total | per instance | proof age p99 / max, ms (each instance) | suspended ms |"
  echo "|---|---|---|---|---|---|---|"
} > "$out"

sender_ticks() {
  local total=0
  for pid in $(psql_run "select pid from pg_stat_activity where backend_type = 'walsender'
                         and application_name = 'cached-jdbc change stream'"); do
    if [ -r "/proc/$pid/stat" ]; then
      read -r -a fields < "/proc/$pid/stat"
      total=$((total + fields[13] + fields[14]))
    fi
  done
  echo "$total"
}

for instances in 1 3; do
  for rate in $rates; do
    logs=()
    pids=()
    for i in $(seq 1 "$instances"); do
      log=$(mktemp)
      java -cp "$jar" dev.cachedjdbc.benchmarks.FeedFollower logical "$bound" $((seconds + 4)) bm_feed > "$log" 2>&1 &
      pids+=($!)
      logs+=("$log")
    done
    for log in "${logs[@]}"; do
      for _ in $(seq 1 100); do grep -q ready "$log" && break; sleep 0.2; done
    done
    before=$(sender_ticks)
    throttle=()
    [ "$rate" != 0 ] && throttle=(-R "$rate")
    achieved=$(pgbench -h 127.0.0.1 -U postgres -n -c 2 -j 2 -T "$seconds" "${throttle[@]}" -f "$script" "$database" 2>/dev/null \
      | awk '/^tps/ {print int($3)}')
    after=$(sender_ticks)
    for pid in "${pids[@]}"; do wait "$pid" || true; done
    cpu=$(awk -v d=$((after - before)) -v t="$ticks" -v s="$seconds" 'BEGIN {printf "%.1f", 100 * d / t / s}')
    per=$(awk -v c="$cpu" -v n="$instances" 'BEGIN {printf "%.1f", c / n}')
    ages=""
    suspended=""
    for log in "${logs[@]}"; do
      line=$(grep 'proof age' "$log" || echo "proof age ms: p50 ? p99 ? max ?; suspended ? ms")
      ages="$ages $(echo "$line" | sed -E 's/.*p99 ([0-9?]+) max ([0-9?]+).*/\1\/\2/')"
      suspended="$suspended $(echo "$line" | sed -E 's/.*suspended ([0-9?]+) ms.*/\1/')"
      rm -f "$log"
    done
    asked=$([ "$rate" = 0 ] && echo "unthrottled" || echo "$rate")
    echo "| $instances | $asked | $achieved | ${cpu}% | ${per}% |$ages |$suspended |" | tee -a "$out"
  done
done
psql_run "drop table bm_feed"
rm -f "$script"
echo "written to $out"
