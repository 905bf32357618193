/**
 * Identifies a data file without keeping it: SHA-256 of the whole file, or, above 64 MB (where
 * reading it all into memory just to hash it would be wasteful), of its size plus its first and
 * last 8 MB, marked "sampled" so nobody mistakes it for a full hash.
 */
const FULL_HASH_LIMIT = 64 * 1024 * 1024;
const SAMPLE = 8 * 1024 * 1024;

export async function fingerprint(blob: Blob): Promise<string> {
  if (blob.size <= FULL_HASH_LIMIT) return 'sha256:' + (await sha256Hex(await blob.arrayBuffer()));
  const head = await blob.slice(0, SAMPLE).arrayBuffer();
  const tail = await blob.slice(blob.size - SAMPLE).arrayBuffer();
  const size = new TextEncoder().encode(String(blob.size));
  const joined = new Uint8Array(size.length + head.byteLength + tail.byteLength);
  joined.set(size, 0);
  joined.set(new Uint8Array(head), size.length);
  joined.set(new Uint8Array(tail), size.length + head.byteLength);
  return 'sha256-sampled:' + (await sha256Hex(joined.buffer));
}

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
