import { describe, expect, it } from 'vitest';
import { candidatePairs } from './candidate-pairs';
import { compileRule, rulesIntersect } from './compiled-rule';
import { APP_A, traffic, type TTrafficFilter } from './fixtures';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFilter(next: () => number): TTrafficFilter {
  const pick = next();
  if (pick < 0.1) return { protocol: ['UDP'] }; // no destination: meets every rule
  if (pick < 0.2) return { dstAddress: [`2001:db8:${Math.floor(next() * 4)}::/${48 + Math.floor(next() * 3) * 8}`] };
  if (pick < 0.25) return { dstAddress: ['not-an-address'] };
  return { dstAddress: [`10.${Math.floor(next() * 4)}.${Math.floor(next() * 8)}.0/${22 + Math.floor(next() * 10)}`] };
}

describe('candidatePairs', () => {
  it('never leaves out two rules that can match one packet (500 random rule sets)', () => {
    const next = random(12);
    for (let round = 0; round < 500; round++) {
      const rules = Array.from({ length: 2 + Math.floor(next() * 12) }, (_, i) =>
        compileRule(APP_A, 'a', traffic(`r${i}`, { trafficFilter: Array.from({ length: 1 + Math.floor(next() * 2) }, () => randomFilter(next)) })));
      const found = new Set(candidatePairs(rules).map(([i, j]) => `${i}-${j}`));
      for (let i = 0; i < rules.length; i++) {
        for (let j = i + 1; j < rules.length; j++) {
          if (rulesIntersect(rules[i]!, rules[j]!)) expect(found.has(`${i}-${j}`), `round ${round}: ${i}-${j}`).toBe(true);
        }
      }
    }
  });

  it('leaves out rules whose destinations are far apart', () => {
    const rules = ['10.0.0.0/24', '10.0.1.0/24', '10.0.0.128/25'].map((dst, i) => compileRule(APP_A, 'a', traffic(`r${i}`, { filter: { dstAddress: [dst] } })));
    expect(candidatePairs(rules)).toEqual([[0, 2]]);
  });
});
