#!/usr/bin/env python3
"""Where the metrics' instructions go: the functions whose own (exclusive) instructions grew
most from a metrics-off callgrind profile to a metrics-on one, and the inclusive cost of the
runtime's and adapters' own functions in the metrics-on profile.
Usage: callgrind-diff.py ON.callgrind OFF.callgrind [TOP]"""
import re
import subprocess
import sys

LINE = re.compile(r"^\s*([\d,]+)\s+\([^)]*\)\s+(.*?)(?:\s+\[[^\]]*\])?$")


def costs(path, inclusive):
    out = subprocess.run(
        ["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100", path],
        capture_output=True, text=True, check=True).stdout
    table = {}
    for line in out.splitlines():
        m = LINE.match(line)
        if m and ":" in m.group(2) and "PROGRAM TOTALS" not in line:
            name = m.group(2).split(":", 1)[1]
            table[name] = table.get(name, 0) + int(m.group(1).replace(",", ""))
    return table


def main():
    on, off = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    a, b = costs(on, False), costs(off, False)
    grown = sorted(((a.get(k, 0) - b.get(k, 0), k) for k in set(a) | set(b)), reverse=True)
    print("  largest increases, exclusive instructions (metrics on - off):")
    for d, k in grown[:top]:
        print(f"    {d / 1e6:8.1f} M  {k[:140]}")
    inc = costs(on, True)
    ours = sorted(((v, k) for k, v in inc.items()
                   if re.match(r"(<)?raft_metrics(_openraft|_raft_rs)?::", k)
                   and "::mem::" not in k), reverse=True)
    print("  raft-metrics functions, inclusive instructions (metrics on):")
    for v, k in ours[:top]:
        print(f"    {v / 1e6:8.1f} M  {k[:140]}")


main()
