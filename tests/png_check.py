"""Decodes a PNG chart rkplan wrote and checks it: its whole image data decodes, it has
the given size and rkplan's Software chunk, a white background and a drawn chart.
usage: png_check.py FILE WIDTH HEIGHT   (Debian's python3-pil, installed by cmake/dev.sh)"""
import sys

from PIL import Image

path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
image = Image.open(path)
image.load()  # decodes every row: a truncated or corrupt file raises here
problems = []
if image.format != "PNG":
    problems.append(f"format {image.format}")
if image.size != (width, height):
    problems.append(f"size {image.size}, expected {(width, height)}")
if image.info.get("Software") != "rkplan":
    problems.append(f"Software chunk {image.info.get('Software')!r}")
rgb = image.convert("RGB")
if rgb.getpixel((2, 2)) != (255, 255, 255):
    problems.append(f"background {rgb.getpixel((2, 2))}, expected white")
colours = rgb.getcolors(maxcolors=1 << 20) or []
if len(colours) < 100:
    problems.append(f"only {len(colours)} colours: the chart is not drawn")
# The title, top left, is dark text.
title = rgb.crop((0, 0, width // 2, height // 20))
if min(sum(p) for p in title.getdata()) > 200:
    problems.append("no dark title text at the top left")
for p in problems:
    print(f"FAIL: {path}: {p}")
sys.exit(1 if problems else 0)
