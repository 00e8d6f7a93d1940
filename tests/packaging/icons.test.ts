import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import pngjs from 'pngjs';
import { ICON_SIZES, renderIcon } from '../../appPackage/generate-icons.ts';
import { iconProblems } from '../../scripts/package-app.ts';
import { ROOT, readJson } from './support.ts';

const manifest = readJson<{ icons: { color: string; outline: string } }>('appPackage/manifest.json');
const iconFile = (kind: 'color' | 'outline') => readFileSync(join(ROOT, 'appPackage', manifest.icons[kind]));
const decode = (bytes: Buffer) => pngjs.PNG.sync.read(bytes);

function solid(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  const png = new pngjs.PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return pngjs.PNG.sync.write(png);
}

describe('app icons', () => {
  it('colour icon: a 192×192 opaque PNG', () => {
    const png = decode(iconFile('color'));
    expect([png.width, png.height]).toEqual([192, 192]);
    let translucent = 0;
    for (let i = 3; i < png.data.length; i += 4) if (png.data[i] !== 255) translucent++;
    expect(translucent).toBe(0);
    expect(iconProblems('color', iconFile('color'))).toEqual([]);
  });

  it('outline icon: 32×32, only white or fully transparent pixels, with a visible glyph', () => {
    const png = decode(iconFile('outline'));
    expect([png.width, png.height]).toEqual([32, 32]);
    let visible = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3]!;
      if (alpha === 0) continue;
      visible++;
      expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(100);
    expect(visible).toBeLessThan(32 * 32 - 100);
    expect(iconProblems('outline', iconFile('outline'))).toEqual([]);
  });

  it('the committed PNGs are what appPackage/generate-icons.ts draws', () => {
    for (const kind of Object.keys(ICON_SIZES) as Array<keyof typeof ICON_SIZES>) {
      expect(Buffer.compare(decode(iconFile(kind)).data, renderIcon(kind).data)).toBe(0);
    }
  });

  it('the icon check rejects wrong sizes, coloured or opaque outlines and non-PNG files', () => {
    expect(iconProblems('color', solid(96, 96, [15, 108, 189, 255]))).toEqual([
      'color icon must be 192×192, is 96×96',
    ]);
    expect(iconProblems('outline', solid(32, 32, [255, 0, 0, 128]))).toEqual([
      'outline icon has 1024 pixels that are neither white nor fully transparent',
    ]);
    expect(iconProblems('outline', solid(32, 32, [255, 255, 255, 255]))).toEqual([
      'outline icon has no transparent background',
    ]);
    expect(iconProblems('outline', solid(32, 32, [0, 0, 0, 0]))).toEqual(['outline icon is empty']);
    expect(iconProblems('color', Buffer.from('GIF89a'))[0]).toMatch(/not a PNG/);
  });
});
