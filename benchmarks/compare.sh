#!/usr/bin/env bash
# Compares two versions of the driver in one run, so that both meet the same machine: builds
# benchmarks/target/benchmarks.jar at each git revision, then runs the same measures with each jar in turn,
# alternating which goes first. Each measure is a ratio against the plain driver measured by that jar's own run
# (hit, miss and write / plain driver), so a change of the driver shows as a change of its ratios.
#
#   benchmarks/compare.sh BEFORE [AFTER]    # revisions (commit, branch, tag); AFTER defaults to HEAD
#   ROUNDS=3 benchmarks/compare.sh main~5   # more alternations (default 2)
#
# Writes benchmarks/results/compare.md (the table) and compare-raw/ (every run's output). PostgreSQL as for
# run.sh. Takes about 6 minutes per round on 2 cores.
#
#   MIXES=1 benchmarks/compare.sh BEFORE [AFTER]           # the real mixes instead, both builds in one run
#   MIXES="wiki reviews" benchmarks/compare.sh BEFORE      # only these mixes
#   MIXES=1 MIXES_OPTS="-Dmixes.seconds=60" ROUNDS=4 benchmarks/compare.sh BEFORE
#
# With MIXES the runs of each pair go plain, before, after (the next pair after, before, plain; ROUNDS pairs), and
# every run uses this checkout's benchmark code with the driver of its build, so that only the driver differs.
# Writes benchmarks/results/compare-mixes.md. Takes about 1.5 minutes per mix and pair with the default 20 s runs.
set -euo pipefail
cd "$(dirname "$0")/.."

before=${1:?"usage: benchmarks/compare.sh BEFORE [AFTER]"}
after=${2:-HEAD}
rounds=${ROUNDS:-2}
work=$(mktemp -d)
raw=benchmarks/results/compare-raw
rm -rf "$raw" && mkdir -p "$raw"
trap 'git worktree remove --force "$work/before" >/dev/null 2>&1 || true;
      git worktree remove --force "$work/after" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

for side in before after; do
  revision=$([ "$side" = before ] && echo "$before" || echo "$after")
  git worktree add --detach -q "$work/$side" "$revision"
  echo "building $side ($revision = $(git rev-parse --short "$revision"))"
  (cd "$work/$side" && mvn -q -B -ntp -pl benchmarks -am package -DskipTests)
done

if [ -n "${MIXES:-}" ]; then
  echo "building this checkout's benchmarks: the mixes' code for both builds"
  mvn -q -B -ntp -pl benchmarks -am package -DskipTests
  mixes=$([ "$MIXES" = 1 ] && echo "" || echo "$MIXES")
  # shellcheck disable=SC2086 # MIXES_OPTS is a list of options, $mixes a list of names
  java -Dmixes.pairs="$rounds" -Dmixes.drivers=before,after \
    -Dmixes.classpath.before="$PWD/benchmarks/target/classes:$work/before/benchmarks/target/benchmarks.jar" \
    -Dmixes.classpath.after="$PWD/benchmarks/target/classes:$work/after/benchmarks/target/benchmarks.jar" \
    -Dmixes.note="before = \`$before\` ($(git rev-parse --short "$before")), after = \`$after\` ($(git rev-parse --short "$after"))" \
    -Dmixes.output=benchmarks/results/compare-mixes.md ${MIXES_OPTS:-} \
    -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.mixes.Mixes $mixes 2>&1 | grep -v '^SLF4J' \
    | tee "$raw/mixes.log"
  exit 0
fi

run_side() {
  local side=$1 round=$2 jar="$work/$1/benchmarks/target/benchmarks.jar"
  echo "round $round: $side"
  java -cp "$jar" dev.cachedjdbc.benchmarks.PairedRatios > "$raw/paired-$side-$round.md"
  java -jar "$jar" 'HitPathBenchmark|MissPathBenchmark|WritePathBenchmark' -p rows=1 \
    -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$raw/jmh-$side-$round.json" > "$raw/jmh-$side-$round.log"
}

for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then run_side before "$round"; run_side after "$round"
  else run_side after "$round"; run_side before "$round"; fi
done

python3 - "$raw" "$rounds" "$before" "$after" > benchmarks/results/compare.md <<'EOF'
import json, re, statistics, sys
raw, rounds, before, after = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def jmh_ratios(path):
    scores = {}
    for run in json.load(open(path)):
        name = run["benchmark"].rsplit(".", 2)
        params = run.get("params", {})
        key = (name[-2], params.get("database", "-"))
        scores.setdefault(key, {})[name[-1]] = run["primaryMetric"]["score"]
    ratios = {}
    for (bench, db), methods in scores.items():
        plain = methods.get("plainDriver")
        for method, score in methods.items():
            if method != "plainDriver" and plain and not method.startswith("plain"):
                ratios[f"JMH {bench}.{method} / plainDriver, {db}"] = score / plain
    return ratios

def paired_ratios(path):
    ratios = {}
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.fullmatch(r"[0-9.]+", cells[1]):
            ratios["paired " + cells[0]] = float(cells[1])
    return ratios

def collect(side):
    merged = {}
    for round_ in range(1, rounds + 1):
        for reader, name in ((jmh_ratios, f"jmh-{side}-{round_}.json"), (paired_ratios, f"paired-{side}-{round_}.md")):
            for measure, value in reader(f"{raw}/{name}").items():
                merged.setdefault(measure, []).append(value)
    return {measure: statistics.median(values) for measure, values in merged.items()}

b, a = collect("before"), collect("after")
print(f"Driver at `{before}` (before) and at `{after}` (after), {rounds} alternating rounds; each cell is the median over")
print("the rounds of the caching driver's time divided by the plain driver's (or the floor's) in the same run.\n")
print("| measure | before | after | after / before |")
print("|---|---|---|---|")
for measure in sorted(set(b) & set(a)):
    print(f"| {measure} | {b[measure]:.3f} | {a[measure]:.3f} | {a[measure] / b[measure]:.2f} |")
EOF
cat benchmarks/results/compare.md
