/** A seeded shuffle (mulberry32), so a failure names an order that can be run again. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export const SEEDS = [1, 2, 3, 4, 5];

/** The written order reversed, then five seeded shuffles of it. */
export const otherOrders = <T>(items: readonly T[]): T[][] => [[...items].reverse(), ...SEEDS.map((s) => shuffled(items, s))];
