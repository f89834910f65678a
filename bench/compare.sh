#!/usr/bin/env bash
# Runs actorgraph and the spaCy baseline (../shared/peers) on the same corpus, side by side,
# and prints both throughputs and the ratio.
#
#   bench/compare.sh [N_DOCS] [WORK_DIR]
#
# N_DOCS (default 2000) documents are made by the peer's make_corpus.py from ../shared/seeds
# (or by examples/gen_corpus when CORPUS=gen). The peer runs on PEER_DOCS (default 300) of them,
# as it is ~1000x slower; throughput is MB of article text per second of wall clock.
# The peer needs a venv: PEER_VENV (default /tmp/venv-peer) with ../shared/peers/requirements.txt.
# actorgraph writes GraphML and JSON-LD and, as the peer keeps nothing for a later run, no
# incremental state (`--no-state`); STATE=1 times it with its state file too.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
work=${2:-/tmp/actorgraph-compare}
peers=../shared/peers
venv=${PEER_VENV:-/tmp/venv-peer}
peer_docs=${PEER_DOCS:-300}
jobs=${JOBS:-2}

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r "$peers/requirements.txt"
fi
# The release-lto profile (Cargo.toml) is the binary for big corpora; PROFILE=release times
# the plain release build.
profile=${PROFILE:-release-lto}
cargo build --profile "$profile" --quiet --bin actorgraph --example gen_corpus
bin=${CARGO_TARGET_DIR:-target}/$profile/actorgraph

rm -rf "$work" && mkdir -p "$work"
if [ "${CORPUS:-peer}" = gen ]; then
  "${CARGO_TARGET_DIR:-target}/$profile/examples/gen_corpus" "$n" "$work/corpus"
else
  python3 "$peers/make_corpus.py" "$n" "$work/corpus" ../shared/seeds/*.txt
fi
mapfile -t files < <(find "$work/corpus" -name '*.txt' | sort)
mb() { du -cb "$@" | tail -1 | awk '{printf "%.3f", $1 / 1e6}'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

all_mb=$(mb "${files[@]}")
t0=$(date +%s.%N)
state_flag=(--no-state)
[ "${STATE:-0}" = 1 ] && state_flag=()
"$bin" build "$work/corpus" --out "$work/ag" --quiet --jobs "$jobs" "${state_flag[@]}"
t1=$(date +%s.%N)
ag_s=$(secs "$t0" "$t1")

peer_files=("${files[@]:0:$peer_docs}")
peer_mb=$(mb "${peer_files[@]}")
t0=$(date +%s.%N)
"$venv/bin/python" "$peers/spacy_kg.py" "$work/peer.graphml" "${peer_files[@]}" --n-process "$jobs" >/dev/null 2>&1
t1=$(date +%s.%N)
peer_s=$(secs "$t0" "$t1")

awk -v amb="$all_mb" -v as="$ag_s" -v pmb="$peer_mb" -v ps="$peer_s" -v n="$n" -v pn="${#peer_files[@]}" 'BEGIN {
  a = amb / as; p = pmb / ps
  printf "actorgraph: %d docs, %.2f MB in %.2f s = %.2f MB/s\n", n, amb, as, a
  printf "spaCy peer: %d docs, %.2f MB in %.2f s = %.4f MB/s\n", pn, pmb, ps, p
  printf "ratio: %.0fx\n", a / p
}'
