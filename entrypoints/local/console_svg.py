"""The console's charts, drawn on the server as SVG (no chart script, no tiles): bars of steps,
and a day's track as a line in a box scaled to its positions, the safe zone as a circle."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from domain.readings import Position
from domain.safe_zones import SafeZone

WIDTH, HEIGHT, PAD = 560, 180, 24
MAP_WIDTH, MAP_HEIGHT = 560, 320
METRES_PER_DEGREE = 111_320.0


def bar_chart(bars: Sequence[tuple[str, int]], label: str) -> str:
    """One bar a (label, steps), each with its figure as a tooltip (<title>) and under it."""
    most = max((value for _, value in bars), default=0) or 1
    step = (WIDTH - 2 * PAD) / max(len(bars), 1)
    parts = [_open(label)]
    for index, (name, value) in enumerate(bars):
        height = (HEIGHT - 3 * PAD) * value / most
        x, y = PAD + index * step, HEIGHT - 2 * PAD - height
        parts.append(
            f"<g class='bar' data-label='{escape(name)}' data-steps='{value}'>"
            f"<title>{escape(name)}: {value} steps</title>"
            f"<rect x='{x + 2:.1f}' y='{y:.1f}' width='{step - 4:.1f}' height='{height:.1f}' fill='#3b7dd8'/>"
            f"<text x='{x + step / 2:.1f}' y='{HEIGHT - PAD:.1f}' text-anchor='middle' font-size='10'>{escape(name)}</text>"
            f"<text class='figure' x='{x + step / 2:.1f}' y='{y - 3:.1f}' text-anchor='middle' font-size='{_figure_size(step)}'>{value}</text>"
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def track_map(points: Sequence[Position], zone: SafeZone | None, label: str) -> str:
    """The day's positions joined in time order; north up, metres alike on both axes, the
    whole centred in the box, with a scale bar."""
    every = list(points) + ([zone.centre] if zone else [])
    if not every:
        return f"<p>{escape(label)}: no positions today</p>"
    scale, origin, (east_span, north_span) = _frame(every, zone)
    # Centred: the spare room on the axis the track does not fill is shared on both sides.
    left = PAD + (MAP_WIDTH - 2 * PAD - east_span * scale) / 2
    bottom = MAP_HEIGHT - PAD - (MAP_HEIGHT - 2 * PAD - north_span * scale) / 2

    def xy(position: Position) -> tuple[float, float]:
        east, north = _metres(position, origin)
        return left + east * scale, bottom - north * scale

    parts = [
        _open(label, MAP_WIDTH, MAP_HEIGHT),
        "<rect width='100%' height='100%' fill='#f4f7f2'/>",
    ]
    if zone is not None:
        cx, cy = xy(zone.centre)
        parts.append(
            f"<circle class='safe-zone' cx='{cx:.1f}' cy='{cy:.1f}' r='{zone.radius_m * scale:.1f}' "
            "fill='#5cb85c' fill-opacity='.15' stroke='#5cb85c'/>"
        )
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in map(xy, points))
    parts.append(
        f"<polyline class='track' points='{line}' fill='none' stroke='#d9534f' "
        "stroke-width='2' stroke-linejoin='round'/>"
    )
    if points:
        x, y = xy(points[0])
        parts.append(f"<circle class='first' cx='{x:.1f}' cy='{y:.1f}' r='4' fill='#888'/>")
        x, y = xy(points[-1])
        parts.append(f"<circle class='last' cx='{x:.1f}' cy='{y:.1f}' r='5' fill='#d9534f'/>")
    parts.append(_scale_bar(scale))
    parts.append("</svg>")
    return "".join(parts)


def _scale_bar(scale: float) -> str:
    """A bar of a round length (1, 2 or 5 times a power of ten metres) at most 120 px long."""
    longest = 120 / scale if scale > 0 else 1.0
    power = 10 ** math.floor(math.log10(longest)) if longest >= 1 else 1
    metres = max((m * power for m in (1, 2, 5) if m * power <= longest), default=power)
    length, x, y = metres * scale, PAD, MAP_HEIGHT - 8
    text = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    return (
        f"<g class='scale'><line x1='{x}' y1='{y}' x2='{x + length:.1f}' y2='{y}' "
        "stroke='#333' stroke-width='2'/>"
        f"<text x='{x + length + 4:.1f}' y='{y + 4}' font-size='10'>{text}</text></g>"
    )


def _figure_size(step: float) -> int:
    """Figures fit their bar: a week's bars take 11 px digits, a day's 24 bars 7 px."""
    return 11 if step > 40 else 7


def _open(label: str, width: int = WIDTH, height: int = HEIGHT) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' aria-label='{escape(label)}' "
        f"viewBox='0 0 {width} {height}' width='{width}' height='{height}'>"
    )


def _frame(
    points: Sequence[Position], zone: SafeZone | None
) -> tuple[float, Position, tuple[float, float]]:
    """Pixels a metre, the south-west corner, and the spans east and north in metres."""
    radius = zone.radius_m if zone else 0.0
    south = min(p.latitude for p in points) - radius / METRES_PER_DEGREE
    west = min(p.longitude for p in points) - radius / (METRES_PER_DEGREE * _cos(south))
    origin = Position(south, west)
    spans = [_metres(p, origin) for p in points]
    east = max(e for e, _ in spans) + radius
    north = max(n for _, n in spans) + radius
    scale = min((MAP_WIDTH - 2 * PAD) / (east or 1), (MAP_HEIGHT - 2 * PAD) / (north or 1))
    return scale, origin, (east, north)


def _metres(position: Position, origin: Position) -> tuple[float, float]:
    east = (position.longitude - origin.longitude) * METRES_PER_DEGREE * _cos(origin.latitude)
    return east, (position.latitude - origin.latitude) * METRES_PER_DEGREE


def _cos(latitude: float) -> float:
    return math.cos(math.radians(latitude))
