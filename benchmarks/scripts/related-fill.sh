#!/bin/bash
# What the first related-list fill costs requests, and what it allocates, on an index the scale benchmark built.
#   benchmarks/scripts/related-fill.sh cells SERVICE_DIR LABEL [complete|empty|lists]   wrk cells in one fill state
#   benchmarks/scripts/related-fill.sh rate  SERVICE_DIR LABEL [complete|empty|lists]   fill rate and garbage, no load
# Run from the repository root after `scale --briefs N` (WORK, N and SEED as that run: defaults
# benchmarks/results/scale-work, 20000, 1). The first call copies the generation's related store aside; every state
# starts from that copy: complete (as built), empty (no store: profiles, statistics and lists all computed), lists
# (profiles and statistics kept, lists deleted). CELLS picks the cells ("endpoint connections", default the five below).
# Needs wrk and sqlite3. Figures: docs/scaling.md.
set -euo pipefail
WORK=${WORK:-benchmarks/results/scale-work}; N=${N:-20000}; SEED=${SEED:-1}; PORT=${PORT:-5601}
MODE=$1; SERVICE=$(realpath "$2"); LABEL=$3; STATE=${4:-lists}
INDEX=$(realpath "$WORK/index-$N"); GENERATION="$INDEX/generations/$(cat "$INDEX/current")"; ASIDE="$WORK/related-store-$N"
ROOT=$(pwd)

if [ ! -d "$ASIDE" ]; then mkdir -p "$ASIDE"; cp "$GENERATION"/related-*.db "$ASIDE/"; fi
rm -f "$GENERATION"/related-*.db*
case $STATE in
  complete) cp "$ASIDE"/related-*.db "$GENERATION/" ;;
  empty) ;;
  lists) cp "$ASIDE"/related-*.db "$GENERATION/"; sqlite3 "$GENERATION"/related-*.db "DELETE FROM lists; DELETE FROM list_members;" ;;
esac

SearchService__IndexPath=$INDEX SearchService__BriefsPath=$(realpath "$WORK/briefs-$N-$SEED") \
SearchService__Semantic__CachePath=$(realpath "$WORK/embedding-cache-$N-$SEED") \
SearchService__Limits__RequestsPerWindow=0 SearchService__Limits__WritesPerWindow=0 \
SearchService__ResultCacheEntries=0 SearchService__QueryVectorCacheEntries=0 \
SearchService__ApiKeys__0=related-fill-script-key-0123456789 Related__ModelPath=$ROOT/models/related \
Urls=http://127.0.0.1:$PORT ASPNETCORE_CONTENTROOT=$SERVICE dotnet "$SERVICE/SearchService.Api.dll" > "$WORK/logs/related-fill-$PORT.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/search?q=water&mode=keyword")" = 200 ]; do sleep 0.2; done

metric() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -v name="$1" 'index($1, name) == 1 { s += $NF } END { printf "%.0f", s }'; }
gc() { curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^dotnet_gc_collections_total/ { match($0, /gen[0-2]/); n[substr($0, RSTART, 4)] = $NF }
  END { printf "gen0 %s gen1 %s gen2 %s", n["gen0"], n["gen1"], n["gen2"] }'; }
computed() { curl -s "http://127.0.0.1:$PORT/health" | python3 -c "import json,sys; print(json.load(sys.stdin)['related']['computedSinceStart'])"; }

if [ "$MODE" = rate ]; then
  sleep 20
  c0=$(computed); a0=$(metric dotnet_gc_heap_total_allocated_bytes_total); g0=$(gc)
  sleep 60
  c1=$(computed); a1=$(metric dotnet_gc_heap_total_allocated_bytes_total); g1=$(gc)
  echo "$LABEL: $((c1 - c0)) lists in 60 s, $(( (a1 - a0) / 1000000 / (c1 - c0) )) MB allocated a list; GCs $g0 -> $g1"
  exit 0
fi

# The first half minute after a start is slower (code still being optimised, files read into the page cache): cells
# begin once the fill has compared the store with the index, and each warms up for 10 s.
until curl -s "http://127.0.0.1:$PORT/health" | grep -q '"checked":true'; do sleep 0.5; done
sleep 5
IFS=',' read -ra cells <<< "${CELLS:-keyword 1,suggest 1,related 1,keyword 8,hybrid 1}"
for cell in "${cells[@]}"; do
  set -- $cell
  threads=$([ "$2" = 1 ] && echo 1 || echo 2)
  script="$WORK/wrk/$N/rotate-$1.lua"
  wrk -t$threads -c$2 -d10s -s "$script" "http://127.0.0.1:$PORT" > /dev/null
  g0=$(gc)
  result=$(wrk -t$threads -c$2 -d15s --latency -s "$script" "http://127.0.0.1:$PORT" | awk '/Requests\/sec/ {r = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2} END {printf "%s r/s p50 %s p99 %s", r, p50, p99}')
  echo "$LABEL ($STATE) | $1 ${2}c: $result | GCs $g0 -> $(gc)"
done
echo "$LABEL ($STATE) | RSS after the cells $(( $(awk '/VmRSS/ {print $2}' /proc/$PID/status) / 1024 )) MiB; lists computed since start $(computed)"
