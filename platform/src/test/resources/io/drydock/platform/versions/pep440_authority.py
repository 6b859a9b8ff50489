# Drydock's PyPI comparator test: Python's packaging library orders every pair of the versions in argv[1]
# (one JSON string a line). Output: tool, validity flags, then one row of <, =, > (x: invalid) per version.
import json
import sys

import packaging
from packaging.version import InvalidVersion, Version

with open(sys.argv[1], encoding="utf-8") as f:
    texts = [json.loads(line) for line in f if line.strip()]
parsed = []
for text in texts:
    try:
        parsed.append(Version(text))
    except InvalidVersion:
        parsed.append(None)
print("packaging " + packaging.__version__)
print("".join("0" if p is None else "1" for p in parsed))
for a in parsed:
    print("".join("x" if a is None or b is None else "<" if a < b else ">" if a > b else "=" for b in parsed))
