#!/usr/bin/env python3
"""Counts import cycles between the app's modules (files), for the shape notes.

A file `a/b.rs` is module `a::b` (`a/mod.rs` is `a`). An edge a -> b means a names
`crate::b…` or `super::…` resolving to b. Prints the strongly connected groups with
more than one module, and the largest file. Usage: scripts/import-cycles.py [app/src]
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "app/src"
modules = {}
for dirpath, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".rs"):
            continue
        path = os.path.join(dirpath, f)
        rel = os.path.relpath(path, root)[:-3].split(os.sep)
        if rel[-1] == "mod":
            rel = rel[:-1]
        if rel in (["lib"], ["main"]):
            rel = []
        # SeaORM entities name each other for their relations by design.
        if rel[:1] == ["entities"]:
            continue
        modules["::".join(rel)] = path

def resolve(parts):
    """The longest known module prefix of a path."""
    for n in range(len(parts), 0, -1):
        name = "::".join(parts[:n])
        if name in modules:
            return name
    return None

edges = {m: set() for m in modules}
for mod, path in modules.items():
    text = open(path, encoding="utf-8").read()
    # Drop unit tests: they import their parent by nature.
    text = re.split(r"#\[cfg\(test\)\]", text)[0]
    here = mod.split("::") if mod else []
    is_dir = path.endswith("mod.rs") or path.endswith("lib.rs")
    parent = here if is_dir else here[:-1]
    for m in re.finditer(r"\b(crate|super)((?:::\w+)+)", text):
        parts = m.group(2).strip(":").split("::")
        if m.group(1) == "crate":
            target = resolve(parts)
        else:
            base = parent[:-1] if is_dir else parent
            target = resolve(base + parts) if base or parts else None
        if target is not None and target != mod and target != "":
            edges[mod].add(target)

# Tarjan's strongly connected components.
index, low, stack, on, out = {}, {}, [], set(), []
counter = [0]
sys.setrecursionlimit(10000)
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        group = []
        while True:
            w = stack.pop(); on.discard(w); group.append(w)
            if w == v:
                break
        out.append(group)
for v in edges:
    if v not in index:
        visit(v)
cycles = []
for g in out:
    if len(g) < 2:
        continue
    cycles.append(sorted(g))
for g in sorted(cycles, key=len, reverse=True):
    print(f"cycle of {len(g)}: {', '.join(g)}")
print(f"{len(cycles)} cycles")
largest = max(modules.values(), key=lambda p: sum(1 for _ in open(p, encoding='utf-8')))
print(f"largest file: {largest} ({sum(1 for _ in open(largest, encoding='utf-8'))} lines)")
