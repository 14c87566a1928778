/**
 * Seeded pseudo-random numbers for `sample`/`takeSample`, so that a sample is reproducible given its seed
 * (as Spark's is; the exact elements Spark picks depend on its JVM/Python generators and are not
 * reproduced). Each partition draws from its own stream derived from (seed, partition index).
 */
export function seededRandom(seed: number, stream = 0): () => number {
  // mulberry32 over a seed mixed with the stream index (splitmix-style finaliser).
  let state = mix32(mix32(Math.floor(seed) ^ Math.floor(seed / 2 ** 32)) ^ Math.imul(stream + 1, 0x9e3779b9));
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson(mean)-distributed count (Knuth's method; sampling fractions are small). */
export function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    // Normal approximation keeps large fractions O(1) per element.
    const u = 1 - random();
    const v = random();
    const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian));
  }
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}

/** A random 32-bit seed, for when the job gives none. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32);
}

function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}
