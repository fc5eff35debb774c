#!/usr/bin/env python3
"""Draws the packages' icon (icon.png, 128 x 128 RGBA) with the standard library only: a rounded square shading from
berry pink to violet, crossed by a white wave (noise smoothed into text). Run: python3 make_icon.py (writes icon.png
next to this script). Deterministic: the same bytes every run."""
import math
import os
import struct
import zlib

SIZE = 128
SUPERSAMPLE = 4
RADIUS = 26.0  # corner radius of the rounded square


def inside_rounded_square(x, y):
    cx = min(max(x, RADIUS), SIZE - RADIUS)
    cy = min(max(y, RADIUS), SIZE - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2


def wave_distance(x, y):
    # A sine whose amplitude decays from left (noisy) to right (smooth): the denoising picture.
    amplitude = 22.0 * math.exp(-x / 60.0) + 4.0
    centre = SIZE / 2 + amplitude * math.sin(x / 9.0)
    return abs(y - centre)


def pixel(px, py):
    r = g = b = a = 0.0
    n = SUPERSAMPLE * SUPERSAMPLE
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = px + (sx + 0.5) / SUPERSAMPLE
            y = py + (sy + 0.5) / SUPERSAMPLE
            if not inside_rounded_square(x, y):
                continue
            t = (x + y) / (2 * SIZE)
            cr, cg, cb = 236 + (124 - 236) * t, 72 + (58 - 72) * t, 153 + (237 - 153) * t
            if wave_distance(x, y) <= 7.0:
                cr, cg, cb = 255.0, 255.0, 255.0
            r, g, b, a = r + cr, g + cg, b + cb, a + 255.0
    if a == 0:
        return (0, 0, 0, 0)
    covered = a / 255.0
    return (round(r / covered), round(g / covered), round(b / covered), round(a / n))


def png(width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(v for p in row for v in p) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(path, "wb") as f:
        f.write(png(SIZE, SIZE, rows))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
