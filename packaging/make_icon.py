"""Draws the program icon (a red seal with 权) into resources/icons; run once, commit the images.

Small sizes are drawn separately with heavier strokes so the character stays legible at 16 px.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "uming.ttc"
RED = (190, 22, 34, 255)
WHITE = (255, 255, 255, 255)
SIZES = (16, 24, 32, 48, 64, 128, 256)
OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def seal(size: int) -> Image.Image:
    scale = 4
    side = size * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    margin = round(side * 0.03)
    draw.rounded_rectangle((margin, margin, side - margin, side - margin),
                           radius=round(side * 0.12), fill=RED)
    if size >= 32:
        inset = round(side * 0.09)
        draw.rounded_rectangle((inset, inset, side - inset, side - inset), radius=round(side * 0.07),
                               outline=WHITE, width=max(scale, round(side * 0.03)))
    glyph_ratio = 0.62 if size >= 32 else 0.78
    font = ImageFont.truetype(str(FONT), round(side * glyph_ratio), index=0)  # AR PL UMing CN
    stroke = round(side * (0.014 if size >= 128 else 0.022 if size >= 64 else 0.03 if size >= 32 else 0.045))
    draw.text((side / 2, side / 2 + side * 0.02), "权", font=font, fill=WHITE, anchor="mm",
              stroke_width=stroke, stroke_fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    images = [seal(s) for s in SIZES]
    images[-1].save(OUT / "quanze.png")
    images[-1].save(OUT / "quanze.ico", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    print(f"已生成：{OUT / 'quanze.png'}，{OUT / 'quanze.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
