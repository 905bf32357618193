/**
 * A small seeded pseudo-random number generator and sampling helpers for the synthetic
 * training-data generator. Pure TypeScript, no Node or browser APIs: the same seed gives the
 * same sequence everywhere (the arithmetic is 32-bit integer maths via Math.imul, so there is no
 * platform-dependent floating point in the core generator).
 *
 * Not cryptographic. Do not use for anything but training data.
 */

/** Hash a string (or number) seed to a 32-bit unsigned integer (cyrb53-style mixing, low 32 bits). */
export function hashSeed(seed: string | number): number {
  const str = String(seed);
  let h1 = 0xdeadbeef ^ str.length;
  let h2 = 0x41c6ce57 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter), 128-bit state, passes PractRand.
 * Returns a function giving uniform floats in [0, 1).
 */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A seeded random source with the sampling helpers the generator needs. */
export class Rng {
  private readonly next: () => number;
  /** Spare standard normal from the last Box-Muller pair. */
  private spare: number | null = null;

  constructor(seed: string | number) {
    const s = String(seed);
    this.next = sfc32(
      hashSeed(s + '#a'),
      hashSeed(s + '#b'),
      hashSeed(s + '#c'),
      hashSeed(s + '#d'),
    );
    // Discard the first outputs so that similar seeds decorrelate.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** An independent stream for a named purpose (so adding draws to one table never shifts another). */
  fork(label: string): Rng {
    return new Rng(`${this.uint32()}:${label}`);
  }

  /** Uniform float in [0, 1). */
  random(): number {
    return this.next();
  }

  /** Unsigned 32-bit integer. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal via the Box-Muller transform (caches the second value of each pair). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u <= Number.EPSILON) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale sd. */
  lognormal(median: number, sdLog: number): number {
    return median * Math.exp(this.normal(0, sdLog));
  }

  /** Normal draw clamped to [min, max]. */
  clampedNormal(mean: number, sd: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, this.normal(mean, sd)));
  }

  /**
   * Poisson(lambda). Knuth's multiplication method for small lambda; for lambda >= 30 the
   * normal approximation with continuity correction (adequate for synthetic counts).
   */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
  }

  /** Binomial(n, p): exact Bernoulli sum for n <= 100, normal approximation otherwise (clamped). */
  binomial(n: number, p: number): number {
    const trials = Math.max(0, Math.round(n));
    if (trials === 0 || p <= 0) return 0;
    if (p >= 1) return trials;
    if (trials <= 100) {
      let k = 0;
      for (let i = 0; i < trials; i++) if (this.next() < p) k++;
      return k;
    }
    const k = Math.round(this.normal(trials * p, Math.sqrt(trials * p * (1 - p))));
    return Math.min(trials, Math.max(0, k));
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One element with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error('weighted() needs as many weights as items');
    }
    const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= Math.max(0, weights[i]);
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** Split n into parts with expected shares proportional to weights (sequential binomials). */
  multinomial(n: number, weights: readonly number[]): number[] {
    const out: number[] = [];
    let left = Math.max(0, Math.round(n));
    let rest = weights.reduce((s, w) => s + Math.max(0, w), 0);
    for (let i = 0; i < weights.length; i++) {
      const w = Math.max(0, weights[i]);
      if (i === weights.length - 1) {
        out.push(left);
        break;
      }
      const k = rest > 0 ? this.binomial(left, w / rest) : 0;
      out.push(k);
      left -= k;
      rest -= w;
    }
    return out;
  }
}

/**
 * The random stream for one purpose, e.g. (seed, 'deaths', area code). Deriving every stream from
 * its own labels keeps each table's draws for an area independent of the order of the areas, of
 * which other areas are present and of every other table.
 */
export function rngFor(seed: number | string, ...labels: string[]): Rng {
  return new Rng([String(seed), ...labels].join('|'));
}
