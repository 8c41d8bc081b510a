/**
 * Stateless 32-bit hashing for per-entity properties that must not depend on draw order: a user's
 * number, segment membership, device. Murmur3's finaliser over a combined key.
 */

/**
 * Mixes a 32-bit key with an integer into a well-spread 32-bit unsigned hash.
 * @example mix32(1, 2) === mix32(1, 2) // => true
 */
export function mix32(key: number, value: number): number {
  let h = (key ^ Math.imul(value | 0, 0x9e3779b1)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A uniform number in [0, 1) that depends only on `(key, index, salt)`.
 * @example hashUnit(7, 3) < 1 // => true
 */
export function hashUnit(key: number, index: number, salt = 0): number {
  return mix32(mix32(key, salt), index) / 4294967296;
}
