/**
 * Draws the Teams app icons: `color.png` (192×192, a white server glyph on the accent colour) and `outline.png`
 * (32×32, the same glyph in white on transparent). Pure drawing functions plus a small CLI:
 *
 *   node appPackage/generate-icons.ts        # rewrites appPackage/color.png and appPackage/outline.png
 *
 * Shapes are described in a unit square (0..1) and rasterised with 8×8 supersampling, so edges are anti-aliased
 * while outline pixels stay pure white (only their alpha varies), as Teams requires.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import { isEntryModule } from '../infra/scripts/entry.ts';

/** The manifest's `accentColor`, also the colour icon's background. */
export const ACCENT_COLOR = '#0F6CBD';

export const ICON_SIZES = { color: 192, outline: 32 } as const;
export type IconKind = keyof typeof ICON_SIZES;

/** True when the point (unit coordinates) lies inside the shape. */
type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

/** One server unit: a rounded box with a status light and a drive slot. */
interface Unit {
  readonly body: Shape;
  readonly details: Shape;
}

function serverUnit(x0: number, y0: number, x1: number, y1: number, radius: number, detail: number): Unit {
  const cy = (y0 + y1) / 2;
  const w = x1 - x0;
  const light = circle(x0 + w * 0.2, cy, detail * 0.8);
  const slot = roundedRect(x0 + w * 0.42, cy - detail / 2, x1 - w * 0.16, cy + detail / 2, detail / 2);
  return { body: roundedRect(x0, y0, x1, y1, radius), details: union(light, slot) };
}

/** The glyph: two stacked server units. Colour icon: solid units with cut-out details on the accent background. */
function colorGlyph(): Shape {
  const units = [
    serverUnit(0.22, 0.26, 0.78, 0.475, 0.05, 0.045),
    serverUnit(0.22, 0.525, 0.78, 0.74, 0.05, 0.045),
  ];
  return union(...units.map((u) => minus(u.body, u.details)));
}

/**
 * Outline icon: the same units drawn as 2 px strokes with filled details. Coordinates are whole pixels of the
 * 32 px grid so the strokes stay crisp.
 */
function outlineGlyph(): Shape {
  const px = (v: number) => v / ICON_SIZES.outline;
  const unit = (top: number): Shape => {
    const bottom = top + 10;
    const cy = top + 5;
    const box = minus(
      roundedRect(px(2), px(top), px(30), px(bottom), px(3)),
      roundedRect(px(4), px(top + 2), px(28), px(bottom - 2), px(1)),
    );
    const light = circle(px(8), px(cy), px(1.6));
    const slot = roundedRect(px(13), px(cy - 1), px(25), px(cy + 1), px(1));
    return union(box, light, slot);
  };
  return union(unit(4), unit(18));
}

/** Fraction (0..1) of the pixel at (px, py) covered by `shape`, sampled on an n×n grid. */
function coverage(shape: Shape, size: number, px: number, py: number, n = 8): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (shape((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)) hits++;
    }
  }
  return hits / (n * n);
}

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** Renders an icon as a PNG image (RGBA). Deterministic: the same input always gives the same pixels. */
export function renderIcon(kind: IconKind): pngjs.PNG {
  const size = ICON_SIZES[kind];
  const png = new pngjs.PNG({ width: size, height: size });
  const accent = hexToRgb(ACCENT_COLOR);
  const glyph = kind === 'color' ? colorGlyph() : outlineGlyph();
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(glyph, size, x, y);
      const i = (y * size + x) * 4;
      if (kind === 'color') {
        // White glyph blended over the opaque accent background.
        for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(accent[c]! + (255 - accent[c]!) * a);
        png.data[i + 3] = 255;
      } else {
        // Pure white; only alpha carries the shape (fully transparent pixels are white too).
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 255;
        png.data[i + 3] = Math.round(255 * a);
      }
    }
  }
  return png;
}

/** PNG file bytes for an icon. */
export function encodeIcon(kind: IconKind): Buffer {
  return pngjs.PNG.sync.write(renderIcon(kind), { colorType: 6 });
}

if (isEntryModule(import.meta.url)) {
  for (const kind of Object.keys(ICON_SIZES) as IconKind[]) {
    const path = fileURLToPath(new URL(`./${kind}.png`, import.meta.url));
    writeFileSync(path, encodeIcon(kind));
    console.log(`wrote ${path}`);
  }
}
