#!/usr/bin/env python3
"""Analysts' long texts against a running service: POST /api/search/similar with 1,000-word windows of the shared
GAO and CRS reports from CLIENTS threads for SECONDS, then print the rate, p50 and p99 (and errors).

    benchmarks/scripts/long-text-load.py URL CLIENTS SECONDS [keyword|semantic|hybrid] [--shared ../shared]

Run it beside a wrk cell to see what long texts cost a search box's traffic (figures: docs/serving.md). Needs only
Python 3; rate limits off on the service (SearchService__Limits__RequestsPerWindow=0)."""
import glob, json, random, re, sys, threading, time, urllib.request

args = sys.argv[1:]
shared = '../shared'
if '--shared' in args:
    at = args.index('--shared')
    shared = args[at + 1]
    del args[at:at + 2]
if len(args) < 3:
    sys.exit(__doc__)
url, clients, seconds = args[0].rstrip('/'), int(args[1]), float(args[2])
mode = args[3] if len(args) > 3 else 'hybrid'

texts = []
for path in sorted(glob.glob(f'{shared}/corpora/**/*.md', recursive=True)):
    with open(path, encoding='utf-8', errors='replace') as f:
        words = re.sub(r'^---.*?---', '', f.read(), flags=re.S).split()
    texts += [' '.join(words[i:i + 1000]) for i in range(0, min(len(words) - 1000, 3000), 1000)]
if not texts:
    sys.exit(f'no reports of 1,000 words or more under {shared}/corpora')
random.Random(1).shuffle(texts)

latencies, errors, lock = [], [], threading.Lock()
stop = time.time() + seconds

def client(first):
    i = first
    while time.time() < stop:
        body = json.dumps({'text': texts[i % len(texts)], 'mode': mode}).encode()
        i += clients
        started = time.time()
        try:
            request = urllib.request.Request(f'{url}/api/search/similar', body, {'Content-Type': 'application/json'})
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
            with lock:
                latencies.append((time.time() - started) * 1000)
        except Exception as e:  # counted and reported: one failed request never ends the run
            with lock:
                errors.append(str(e))

threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
latencies.sort()
at = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float('nan')
print(f'long texts ({mode}), {clients} client(s): {len(latencies) / seconds:.1f} r/s ({len(latencies)} in {seconds:.0f} s, '
      f'{len(texts)} texts), p50 {at(0.5):.0f} ms, p99 {at(0.99):.0f} ms, errors {len(errors)}'
      + (f' (first: {errors[0]})' if errors else ''))
