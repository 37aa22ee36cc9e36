// Writes media/icon.png: node scripts/make-icon.mjs media/icon.png (no dependencies).
// 128x128 RGBA PNG: rounded square in blue with a white "E" and an orange squiggle.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const N = 128;
const px = Buffer.alloc(N * N * 4);
function set(x, y, [r, g, b, a]) { const i = (y * N + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; }
const blue = [32, 92, 184, 255], white = [255, 255, 255, 255], orange = [255, 159, 28, 255];
for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
  const r = 22, cx = Math.min(Math.max(x, r), N - 1 - r), cy = Math.min(Math.max(y, r), N - 1 - r);
  const d = Math.hypot(x - cx, y - cy);
  if (d <= r) set(x, y, blue); else if (d <= r + 1) set(x, y, [32, 92, 184, Math.round(255 * (r + 1 - d))]);
}
// "E"
const rect = (x0, y0, x1, y1, c) => { for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) set(x, y, c); };
rect(36, 24, 50, 88, white); rect(36, 24, 92, 37, white); rect(36, 50, 84, 62, white); rect(36, 75, 92, 88, white);
// squiggle under it
for (let x = 28; x < 100; x++) { const y = Math.round(102 + 5 * Math.sin((x - 28) / 4)); for (let dy = -2; dy <= 2; dy++) set(x, y + dy, orange); }
const raw = Buffer.alloc(N * (1 + N * 4));
for (let y = 0; y < N; y++) { raw[y * (1 + N * 4)] = 0; px.copy(raw, y * (1 + N * 4) + 1, y * N * 4, (y + 1) * N * 4); }
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type, 'latin1'), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync(process.argv[2], Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
