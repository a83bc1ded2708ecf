#!/usr/bin/env bash
# What announcing inside a transaction (cache.coherence=notify) costs PostgreSQL itself, apart from the driver: pgbench
# runs the same one-row update transaction plain and with the announcement the driver adds before the commit, at 1, 4
# and 8 clients, alternating the two. PostgreSQL serializes the commits of transactions that notify (one lock per
# server, held through the commit's WAL flush), so the gap grows with concurrent writers.
#
#   benchmarks/notify-commit-cost.sh            # 10 s per run, two rounds
#   SECONDS_EACH=20 ROUNDS=3 benchmarks/notify-commit-cost.sh
#
# Needs pgbench and psql as user postgres on 127.0.0.1. Writes benchmarks/results/notify-commit-cost.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${SECONDS_EACH:-10}
rounds=${ROUNDS:-2}
database=${PGDATABASE:-test}
psql -h 127.0.0.1 -U postgres -d "$database" -Atqc "drop table if exists bm_notify;
  create table bm_notify (id int primary key, v bigint not null);
  insert into bm_notify select g, 0 from generate_series(1, 10000) g"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '\\set id random(1, 10000)\nbegin;\nupdate bm_notify set v = v + 1 where id = :id;\ncommit;\n' > "$work/plain.sql"
printf '%s\n' '\set id random(1, 10000)' 'begin;' 'update bm_notify set v = v + 1 where id = :id;' \
  "select pg_catalog.pg_notify('cached_jdbc_bench', 'cj1 00000000-0000-0000-0000-000000000000 r:bm_notify:' || :id) where not pg_catalog.pg_is_in_recovery();" \
  'commit;' > "$work/notify.sql"
out=benchmarks/results/notify-commit-cost.md
mkdir -p benchmarks/results
{
  echo "# PostgreSQL's cost of a notify inside each writing transaction"
  echo
  echo "$(date -u +%F), $(nproc) cores, PostgreSQL $(psql -h 127.0.0.1 -U postgres -d "$database" -Atqc 'show server_version'),"
  echo "$seconds s per run, $rounds rounds alternating plain and notify; tps per run."
  echo
  echo "| clients | plain tps | with notify tps | notify / plain (median of rounds) |"
  echo "|---|---|---|---|"
} > "$out"
tps() { pgbench -h 127.0.0.1 -U postgres -n -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$seconds" -f "$2" "$database" 2>/dev/null | awk '/^tps/ {print int($3)}'; }
for clients in 1 4 8; do
  plain=()
  notify=()
  ratios=()
  for _ in $(seq 1 "$rounds"); do
    p=$(tps "$clients" "$work/plain.sql")
    n=$(tps "$clients" "$work/notify.sql")
    plain+=("$p")
    notify+=("$n")
    ratios+=("$(awk -v n="$n" -v p="$p" 'BEGIN {printf "%.2f", n / p}')")
  done
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  echo "| $clients | ${plain[*]} | ${notify[*]} | $median |" | tee -a "$out"
done
psql -h 127.0.0.1 -U postgres -d "$database" -Atqc "drop table bm_notify"
echo "written to $out"
