#!/usr/bin/env bash
# Fuzzes Yakuji's parsers with libFuzzer (Linux, Swift toolchain with -sanitize=fuzzer):
#   dmn      the DMN loader, then evaluating the model with null inputs
#   feel     the FEEL parser and evaluator
#   unary    unary-test cells against literal values (and the literal parser's round trip)
#   answers  answer files (load, save through libxml2, load again, assess)
# Each harness runs until RUNS executions (default 1,000,000) or MAX_TIME seconds (default: no bound), restarting
# after a finding; -timeout is the time budget per input (TIMEOUT, default 10 s: the FEEL work budget,
# FEELBudget, keeps an evaluation to a few seconds in the instrumented build, where a unit of work costs up to 40
# times as much as in a release build; a hang still ends the input). Seeds: Rules/, the DMN TCK beside the repository, Samples/ and Fuzz/seeds/. Work, corpora and findings
# go to Fuzz/.work/<harness>/; one summary line per harness is appended to Fuzz/.work/summary.txt.
# Every built-in is fuzzed, the regular-expression ones (a Pike VM with a step budget) and distinct values/union
# (hashed) included.
# Leak detection is off (-detect_leaks=0 while fuzzing, detect_leaks=0 in ASAN_OPTIONS for the check at exit): on
# an empty input it reported the FEEL trees of the rules loaded once (still held by a global) as direct leaks,
# most likely because Swift keeps references in enum payloads with spare bits that LeakSanitizer does not follow.
# AddressSanitizer records no allocation stacks (malloc_context_size=0): unwinding Swift's deep stacks on every
# allocation took about 15 % of the dmn harness's processor time, and detection is unchanged; for the full report,
# run the harness binary on the finding (.build/*/release/FuzzDMN finding) without ASAN_OPTIONS.
# Usage: Fuzz/run.sh [harness…]      e.g. RUNS=200000 Fuzz/run.sh feel unary; MAX_TIME=600 Fuzz/run.sh dmn
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd .. && pwd)"
runs="${RUNS:-1000000}"
timeout="${TIMEOUT:-10}"
max_time="${MAX_TIME:-0}"
harnesses=("${@:-dmn feel unary answers}")
read -r -a harnesses <<< "${harnesses[*]}"

flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld)
swift build "${flags[@]}"
bin="$(swift build "${flags[@]}" --show-bin-path)"
work="$root/Fuzz/.work"
mkdir -p "$work"

unescape() { sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g'; }

# One file per distinct line of stdin, named by its hash.
split_seeds() {
    local dir="$1" line
    mkdir -p "$dir"
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        printf '%s' "$line" > "$dir/$(printf '%s' "$line" | md5sum | cut -c1-16)"
    done
}

dmn_files() { find "$root/Rules" "$root/Samples" "$root/../shared/dmn-tck" "$root/../shared/dmn-tck-cl3" -name '*.dmn' -size -64k 2>/dev/null || true; }
texts() { dmn_files | xargs -r grep -oh '<text>[^<]*</text>' | sed 's/^<text>//; s/<\/text>$//' | unescape | sort -u; }

seed() {
    local harness="$1" dir="$work/$1/seeds"
    rm -rf "$dir"
    mkdir -p "$dir"
    case "$harness" in
        dmn) dmn_files | while read -r f; do cp "$f" "$dir/$(md5sum < "$f" | cut -c1-16).dmn"; done ;;
        feel) texts | split_seeds "$dir" ;;
        unary)
            # Each cell against a few answers of different types.
            texts | head -4000 | while IFS= read -r cell; do
                for value in '"human"' '12' 'true' 'date("2026-05-01")' '[1, "a"]' '{a: @"P1D"}'; do
                    f="$dir/$(printf '%s|%s' "$cell" "$value" | md5sum | cut -c1-16)"
                    printf '%s\n%s' "$cell" "$value" > "$f"
                done
            done ;;
        answers) cp "$root"/Samples/*.xml "$dir"/ ;;
    esac
    [ -d "seeds/$harness" ] && cp seeds/"$harness"/* "$dir"/ 2>/dev/null || true
}

max_len() { case "$1" in dmn) echo 65536 ;; answers) echo 16384 ;; *) echo 512 ;; esac; }
binary() { case "$1" in dmn) echo FuzzDMN ;; feel) echo FuzzFEEL ;; unary) echo FuzzUnaryTests ;; answers) echo FuzzAnswers ;; esac; }

for harness in "${harnesses[@]}"; do
    seed "$harness"
    corpus="$work/$harness/corpus" findings="$work/$harness/findings"
    mkdir -p "$corpus" "$findings"
    done_runs=0 rounds=0 start=$(date +%s)
    stamp="$work/$harness/.started"
    touch "$stamp"
    while [ "$done_runs" -lt "$runs" ] && [ "$rounds" -lt 100 ]; do
        left=0
        if [ "$max_time" -gt 0 ]; then
            left=$((max_time - ($(date +%s) - start)))
            [ "$left" -gt 0 ] || break
        fi
        rounds=$((rounds + 1))
        log="$work/$harness/round-$rounds.log"
        ASAN_OPTIONS="${ASAN_OPTIONS-detect_leaks=0:malloc_context_size=0}" YAKUJI_RULES="$root/Rules" "$bin/$(binary "$harness")" "$corpus" "$work/$harness/seeds" \
            -runs=$((runs - done_runs)) -max_total_time="$left" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$(max_len "$harness")" \
            -detect_leaks=0 -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1 || true
        executed=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
        done_runs=$((done_runs + ${executed:-0}))
        grep -E '^==[0-9]+== ERROR|deadly signal|Fatal error|ALARM|out-of-memory' "$log" | head -3 || true
    done
    found=$(find "$findings" -type f -newer "$stamp" | wc -l)
    line="$(date -u +%FT%TZ) $harness: $done_runs executions in $(( $(date +%s) - start )) s, $rounds round(s), $found finding(s) in $findings (load $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "$line" | tee -a "$work/summary.txt"
done
