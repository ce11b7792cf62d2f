#!/usr/bin/env python3
"""Writes src/HpoSharp/Optimizers/Quasi/joe-kuo-6.4096.txt.gz, the first 4,096 dimensions of the
Sobol direction numbers of Joe and Kuo (2008), "new-joe-kuo-6.21201", as shipped by Debian's SciPy.

One line per dimension: the primitive polynomial (with its leading and constant terms, as an integer)
followed by the initial direction numbers m_1..m_s; the first dimension is the line "1".
Run with Debian's Python: apt-get install -y python3-scipy && /usr/bin/python3 tools/make-sobol-table.py
"""
import gzip
import os
import numpy as np

DIMENSIONS = 4096
SOURCE = "/usr/lib/python3/dist-packages/scipy/stats/_sobol_direction_numbers.npz"
TARGET = os.path.join(os.path.dirname(__file__), "..", "src", "HpoSharp", "Optimizers", "Quasi", "joe-kuo-6.4096.txt.gz")

table = np.load(SOURCE)
lines = []
for j in range(DIMENSIONS):
    poly = int(table["poly"][j])
    degree = poly.bit_length() - 1
    lines.append(" ".join(str(x) for x in [poly] + [int(m) for m in table["vinit"][j][:degree]]))
with open(TARGET, "wb") as out:
    out.write(gzip.compress(("\n".join(lines) + "\n").encode("ascii"), 9, mtime=0))
