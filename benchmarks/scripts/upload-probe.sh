#!/bin/bash
# How long an upload takes to be searchable, on a running service:
#   benchmarks/scripts/upload-probe.sh BASE_URL API_KEY [UPLOADS]
# Each upload is a small brief with a word of its own; the script posts it, polls keyword search for the word and
# semantic search for a paraphrase until the brief is found, prints the three times, then deletes the brief.
# Figures: docs/scaling.md.
set -euo pipefail
BASE=$1; KEY=$2
for i in $(seq 1 "${3:-2}"); do
  WORD="zqx$(date +%s%N | tail -c 9)probe"
  FILE=$(mktemp --suffix .md)
  printf -- "---\ntitle: Groundwater recharge probe %s\ndate: 2026-12-06\ntags: [water]\n---\n\n# Summary\n\nThe %s study examines aquifer recharge in arid river basins and how irrigation districts could bank floodwater underground.\n\n## Key Findings\n\n- Managed aquifer recharge stored %s floodwater at low cost.\n" "$WORD" "$WORD" "$WORD" > "$FILE"
  START=$(date +%s.%N)
  ID=$(curl -sf -H "X-Api-Key: $KEY" -F "file=@$FILE" "$BASE/api/briefs" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
  POSTED=$(date +%s.%N)
  until curl -s "$BASE/api/search?q=$WORD&mode=keyword" | grep -q "\"$ID\""; do sleep 0.02; done; BY_WORD=$(date +%s.%N)
  until curl -s "$BASE/api/search?q=banking+floodwater+in+aquifers+of+arid+river+basins+$WORD&mode=semantic&size=50" | grep -q "\"$ID\""; do sleep 0.02; done; BY_MEANING=$(date +%s.%N)
  echo "upload $i: answered after $(echo "$POSTED - $START" | bc) s, found by keyword after $(echo "$BY_WORD - $START" | bc) s, by meaning after $(echo "$BY_MEANING - $START" | bc) s"
  curl -s -o /dev/null -X DELETE -H "X-Api-Key: $KEY" "$BASE/api/briefs/$ID"
  rm -f "$FILE"
done
