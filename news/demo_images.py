"""Illustrations for the demo articles, drawn here with Pillow: no third-party photos.

Each is a night sky with stars, a planet and its orbit, plus a subject chosen by the article's
section (a rocket, a satellite, a lander...), its colours and positions drawn from the article's
slug, so the same article always gets the same picture.
"""

import hashlib
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1280, 720
PALETTES = [
    # (sky top, sky bottom, planet light, planet dark)
    ((8, 12, 40), (40, 30, 90), (230, 140, 80), (90, 40, 30)),
    ((4, 20, 36), (20, 70, 110), (120, 190, 230), (20, 60, 110)),
    ((16, 8, 30), (70, 30, 70), (240, 210, 150), (120, 80, 50)),
    ((2, 10, 20), (10, 50, 60), (160, 220, 160), (30, 90, 70)),
    ((12, 12, 24), (60, 50, 40), (210, 120, 120), (80, 30, 50)),
]
SUBJECTS = {
    "rocket-science": "rocket",
    "launch-industry": "rocket",
    "satellites": "satellite",
    "exploration": "lander",
    "space-careers": "station",
    "space-policy": "satellite",
}
SUBJECT_WORDS = {
    "rocket": "a rocket climbing on a bright exhaust plume",
    "satellite": "a satellite with blue solar panels",
    "lander": "a lander with its legs out, descending",
    "station": "a space station with long solar arrays",
}


def illustration(slug, section_slug):
    """(image, alt text) for the article at `slug` in the section `section_slug`."""
    rng = random.Random(hashlib.sha256(slug.encode()).digest())
    top, bottom, light, dark = rng.choice(PALETTES)
    image = _sky(top, bottom)
    draw = ImageDraw.Draw(image)
    for _ in range(220):
        x, y, r = rng.randrange(WIDTH), rng.randrange(HEIGHT), rng.choice((1, 1, 1, 2))
        shade = rng.randrange(150, 256)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(shade, shade, shade))
    cx, cy, radius = rng.randrange(250, 500), rng.randrange(420, 620), rng.randrange(180, 300)
    _planet(image, cx, cy, radius, light, dark)
    ring = rng.randrange(40, 90)
    draw.ellipse((cx - radius - ring * 2, cy - ring, cx + radius + ring * 2, cy + ring), outline=(200, 200, 220), width=3)
    subject = SUBJECTS.get(section_slug, "satellite")
    sx, sy = rng.randrange(760, 1080), rng.randrange(160, 360)
    {"rocket": _rocket, "satellite": _satellite, "lander": _lander, "station": _station}[subject](draw, sx, sy)
    return image, f"Illustration: {SUBJECT_WORDS[subject]} above a planet with an orbit line, among stars."


def _sky(top, bottom):
    # A one-pixel-wide gradient stretched across: far quicker than drawing each line.
    column = Image.new("RGB", (1, HEIGHT))
    column.putdata(
        [tuple(round(t + (b - t) * y / (HEIGHT - 1)) for t, b in zip(top, bottom, strict=True)) for y in range(HEIGHT)]
    )
    return column.resize((WIDTH, HEIGHT))


def _planet(image, cx, cy, radius, light, dark):
    """A shaded disc: the dark colour, with a blurred light disc offset towards the upper left."""
    size = radius * 2
    disc = Image.new("RGB", (size, size), dark)
    highlight = Image.new("L", (size, size), 0)
    ImageDraw.Draw(highlight).ellipse((-radius // 3, -radius // 3, size * 0.8, size * 0.8), fill=255)
    disc.paste(Image.new("RGB", (size, size), light), mask=highlight.filter(ImageFilter.GaussianBlur(radius // 3)))
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size - 1, size - 1), fill=255)
    image.paste(disc, (cx - radius, cy - radius), mask)


def _rocket(draw, x, y):
    draw.polygon([(x - 14, y + 120), (x - 10, y + 160 + 90), (x + 10, y + 160 + 90), (x + 14, y + 120)], fill=(255, 170, 60))
    draw.polygon([(x - 8, y + 130), (x, y + 215), (x + 8, y + 130)], fill=(255, 240, 200))
    draw.rectangle((x - 18, y, x + 18, y + 120), fill=(235, 235, 240))
    draw.polygon([(x - 18, y), (x, y - 50), (x + 18, y)], fill=(200, 60, 60))
    draw.polygon([(x - 18, y + 80), (x - 40, y + 125), (x - 18, y + 120)], fill=(200, 60, 60))
    draw.polygon([(x + 18, y + 80), (x + 40, y + 125), (x + 18, y + 120)], fill=(200, 60, 60))
    draw.ellipse((x - 8, y + 25, x + 8, y + 41), fill=(60, 120, 200))


def _satellite(draw, x, y):
    draw.rectangle((x - 25, y - 25, x + 25, y + 25), fill=(215, 185, 90))
    for side in (-1, 1):
        near, far = x + side * 35, x + side * 150
        draw.line((x + side * 25, y, near, y), fill=(190, 190, 190), width=4)
        draw.rectangle((min(near, far), y - 28, max(near, far), y + 28), fill=(40, 80, 170), outline=(150, 180, 230))
        for step in range(1, 4):
            gx = near + side * step * 29
            draw.line((gx, y - 28, gx, y + 28), fill=(150, 180, 230), width=1)
    draw.line((x, y - 25, x, y - 55), fill=(220, 220, 220), width=3)
    draw.ellipse((x - 14, y - 70, x + 14, y - 50), outline=(220, 220, 220), width=3)


def _lander(draw, x, y):
    draw.polygon([(x - 40, y), (x + 40, y), (x + 28, y - 45), (x - 28, y - 45)], fill=(210, 175, 80))
    draw.rectangle((x - 18, y - 75, x + 18, y - 45), fill=(225, 225, 230))
    for side in (-1, 1):
        draw.line((x + side * 30, y, x + side * 70, y + 60), fill=(200, 200, 200), width=4)
        draw.ellipse((x + side * 70 - 10, y + 56, x + side * 70 + 10, y + 64), fill=(200, 200, 200))
    draw.polygon([(x - 12, y), (x, y + 55), (x + 12, y)], fill=(255, 200, 120))


def _station(draw, x, y):
    draw.rectangle((x - 120, y - 6, x + 120, y + 6), fill=(200, 200, 205))
    draw.rectangle((x - 30, y - 22, x + 30, y + 22), fill=(230, 230, 235))
    draw.ellipse((x - 16, y - 16, x + 16, y + 16), fill=(180, 180, 190))
    for px in (x - 120, x + 80):
        for py in (y - 80, y + 14):
            draw.rectangle((px, py, px + 40, py + 66), fill=(50, 90, 180), outline=(150, 180, 230))
