"""A scripted reader session for docs/analytics.md: 50 searches against a running service, some results opened (click beacons), then the report.

Usage: python3 docs/analytics-session.py http://127.0.0.1:5417 API_KEY > report.json
"""
import json, random, sys, urllib.parse, urllib.request

base, key = sys.argv[1], sys.argv[2]
random.seed(15)

def get(path, headers=None):
    request = urllib.request.Request(base + path, headers=headers or {})
    with urllib.request.urlopen(request) as response:
        return json.load(response)

def click(search_id, brief_id, position):
    body = json.dumps({"searchId": search_id, "briefId": brief_id, "position": position}).encode()
    request = urllib.request.Request(base + "/api/analytics/clicks", data=body, headers={"Content-Type": "text/plain;charset=UTF-8"}, method="POST")
    urllib.request.urlopen(request).close()

# (query, extra parameters, chance that a reader opens a result)
searches = (
    [("AI sovereignty", "", 0.8)] * 6 + [("quantum computing", "", 0.7)] * 5 + [("water infrastructure", "", 0.6)] * 4
    + [("medicaid", "", 0.5)] * 3 + [("semiconductors", "&type=Report", 0.5)] * 3 + [("nuclear", "", 0.0)] * 3
    + [("cyber", "&mode=keyword", 0.4)] * 3 + [("facial recognition", "", 0.6)] * 2 + [("AI compute", "", 0.5)] * 2
    + [("SNAP benefits", "", 0.0)] * 2 + [("quantum computing", "&sort=date", 0.5)] * 2 + [("soverignty", "", 1.0)]
    + [("machine learning", "", 0.5)] * 2 + [("refugee assistance", "&from=2025", 0.7)] * 3
    + [("ML", "", 0)] * 3 + [("FRT", "", 0)] * 2 + [("deepfakes", "", 0)] * 2 + [("GPUs", "", 0)] + [("broadband", "", 0)]
)
assert len(searches) == 50, len(searches)
random.shuffle(searches)
for query, extra, chance in searches:
    answer = get(f"/api/search?q={urllib.parse.quote(query)}{extra}")
    hits = answer["hits"]
    if hits and random.random() < chance:
        position = min(len(hits), random.choice([1, 1, 1, 2, 2, 3]))
        click(answer["searchId"], hits[position - 1]["id"], position)
# A reader on a brief page opens the second related brief.
related = get("/api/briefs/navigating-ai-sovereignty/related?k=5")
click(related["searchId"], related["related"][1]["id"], 2)

report = get("/api/admin/analytics", {"X-Api-Key": key})
print(json.dumps(report, indent=1))
