#!/usr/bin/env bash
# What announcing writes on LISTEN/NOTIFY (cache.coherence=notify) costs PostgreSQL itself, apart from the driver:
# pgbench runs the same one-row update transaction at 1, 4 and 8 clients, alternating three ways of running it:
#   plain    begin; update; commit
#   inside   begin; update; notify; commit          the announcement inside the transaction (the driver's fallback)
#   opened   notify (opening); begin; update; commit; notify (closing)
#            the driver's way: the opening commits before the transaction, the closing after it. pgbench has one
#            connection per client, so both go on it, each a transaction and a round trip of its own, unbatched; the
#            driver sends openings from a connection of its own, many to a statement, and closings from its feed's
#            thread, so this bounds its cost from above.
# PostgreSQL commits transactions that notify one at a time (it holds a lock of the whole database from queueing
# the notifications until the transaction has ended, through the commit's WAL flush), so `inside` falls behind as
# clients grow; a transaction that only notifies writes no WAL and holds the lock briefly.
# Then the same for an autocommit update: plain, and with an opening before it (what opening autocommit writes
# would cost; the driver announces them after their commit from the feed's thread, many to a statement).
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
sender=00000000-0000-0000-0000-000000000000
notify() { echo "select pg_catalog.pg_notify('cached_jdbc_bench', 'cj1 $sender $1r:bm_notify:' || :id)$2;"; }
update='update bm_notify set v = v + 1 where id = :id;'
printf '%s\n' '\set id random(1, 10000)' 'begin;' "$update" 'commit;' > "$work/plain.sql"
printf '%s\n' '\set id random(1, 10000)' 'begin;' "$update" \
  "$(notify '' ' where not pg_catalog.pg_is_in_recovery()')" 'commit;' > "$work/inside.sql"
printf '%s\n' '\set id random(1, 10000)' "$(notify 'o :id ' '')" 'begin;' "$update" 'commit;' \
  "$(notify 'c :id ' '')" > "$work/opened.sql"
printf '%s\n' '\set id random(1, 10000)' "$update" > "$work/autocommit.sql"
printf '%s\n' '\set id random(1, 10000)' "$(notify 'o :id ' '')" "$update" > "$work/autocommit-opened.sql"

out=benchmarks/results/notify-commit-cost.md
mkdir -p benchmarks/results
tps() { pgbench -h 127.0.0.1 -U postgres -n -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$seconds" -f "$2" "$database" 2>/dev/null | awk '/^tps/ {print int($3)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
{
  echo "# PostgreSQL's cost of announcing writes on LISTEN/NOTIFY"
  echo
  echo "$(date -u +%F), $(nproc) cores, PostgreSQL $(psql -h 127.0.0.1 -U postgres -d "$database" -Atqc 'show server_version'),"
  echo "load average at the start $(cut -d' ' -f1-3 /proc/loadavg); $seconds s per run, $rounds rounds alternating the"
  echo "ways; tps per run, ratios the median of the rounds' ratios. See the script for what each way runs."
  echo
  echo "One-row update transaction:"
  echo
  echo "| clients | plain tps | inside tps | opened tps | inside / plain | opened / plain |"
  echo "|---|---|---|---|---|---|"
} > "$out"
for clients in 1 4 8; do
  plain=(); inside=(); opened=(); inside_ratios=(); opened_ratios=()
  for _ in $(seq 1 "$rounds"); do
    p=$(tps "$clients" "$work/plain.sql")
    i=$(tps "$clients" "$work/inside.sql")
    o=$(tps "$clients" "$work/opened.sql")
    plain+=("$p"); inside+=("$i"); opened+=("$o")
    inside_ratios+=("$(ratio "$i" "$p")"); opened_ratios+=("$(ratio "$o" "$p")")
  done
  echo "| $clients | ${plain[*]} | ${inside[*]} | ${opened[*]} | $(median "${inside_ratios[@]}") | $(median "${opened_ratios[@]}") |" | tee -a "$out"
done
{
  echo
  echo "One-row autocommit update:"
  echo
  echo "| clients | plain tps | with an opening before it tps | opened / plain |"
  echo "|---|---|---|---|"
} >> "$out"
for clients in 1 8; do
  plain=(); opened=(); ratios=()
  for _ in $(seq 1 "$rounds"); do
    p=$(tps "$clients" "$work/autocommit.sql")
    o=$(tps "$clients" "$work/autocommit-opened.sql")
    plain+=("$p"); opened+=("$o"); ratios+=("$(ratio "$o" "$p")")
  done
  echo "| $clients | ${plain[*]} | ${opened[*]} | $(median "${ratios[@]}") |" | tee -a "$out"
done
echo >> "$out"
echo "Load average at the end $(cut -d' ' -f1-3 /proc/loadavg)." >> "$out"
psql -h 127.0.0.1 -U postgres -d "$database" -Atqc "drop table bm_notify"
echo "written to $out"
