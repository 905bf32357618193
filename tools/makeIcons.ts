// Writes public/manifest.webmanifest with the app icon (tools/icon.svg, and the same bars drawn as
// PNG here with no image library): `npx tsx tools/makeIcons.ts`.
import { deflateSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
function crc32(buf: Buffer) {
  let c,
    crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size: number, maskable: boolean) {
  const s = size / 512;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const bars = [
    [96, 288, 72, 128],
    [220, 200, 72, 216],
    [344, 112, 72, 304],
  ];
  const inRound = (x: number, y: number) => {
    if (maskable) return true;
    const r = 96;
    const cx = Math.min(Math.max(x, r), 512 - r),
      cy = Math.min(Math.max(y, r), 512 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let x = (px + 0.5) / s,
        y = (py + 0.5) / s;
      if (maskable) {
        x = 256 + (x - 256) / 0.8;
        y = 256 + (y - 256) / 0.8;
      } // safe zone: shrink the bars
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const bar = bars.some(([bx, by, bw, bh]) => x >= bx && x < bx + bw && y >= by && y < by + bh);
      const bg = inRound((px + 0.5) / s, (py + 0.5) / s);
      const [r, g, b, a] = bar ? [255, 255, 255, 255] : bg ? [0x1d, 0x70, 0xb8, 255] : [0, 0, 0, 0];
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
// The manifest carries its icons as data: URLs: Chromium fetches manifest icons under img-src,
// which allows only data: and blob: (src/lib/security/csp.ts).
const svg = readFileSync('tools/icon.svg', 'utf8').replace(/\s+/g, ' ').trim();
const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;
const manifest = {
  name: 'jsna-notebook: drug and alcohol needs assessments',
  short_name: 'jsna-notebook',
  description:
    'A notebook for drug and alcohol needs assessments in England. Your data stays on this computer; it works offline after the first visit.',
  lang: 'en-GB',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#1d70b8',
  icons: [
    { src: dataUrl('image/svg+xml', Buffer.from(svg)), sizes: 'any', type: 'image/svg+xml' },
    { src: dataUrl('image/png', png(192, false)), sizes: '192x192', type: 'image/png' },
    { src: dataUrl('image/png', png(512, false)), sizes: '512x512', type: 'image/png' },
    {
      src: dataUrl('image/png', png(512, true)),
      sizes: '512x512',
      type: 'image/png',
      purpose: 'maskable',
    },
  ],
};
writeFileSync('public/manifest.webmanifest', JSON.stringify(manifest, null, 2) + '\n');
