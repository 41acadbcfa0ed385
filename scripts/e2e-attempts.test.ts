import { describe, expect, it } from 'vitest';
import { attemptIndex, attemptsPerTest } from '@/e2e/support/attempts';

describe('attempts a browser test may have in one run', () => {
  it.each([
    [[], 0, 1],
    [[], 1, 2],
    [['e2e/sale'], 1, 2],
    [['--repeat-each', '3'], 0, 3],
    [['--repeat-each=2'], 1, 4],
    [['--retries', '2'], 0, 3],
    [['--retries=0', '--repeat-each', '2'], 1, 2],
  ] as const)('%j with %i retries by default: %i', (argv, retries, expected) => {
    expect(attemptsPerTest(argv, retries)).toBe(expected);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => attemptsPerTest(['--repeat-each', 'x'])).toThrow(/whole number/);
  });

  it('numbers every attempt once, from 0 up to the count less one', () => {
    const retries = 1;
    const seen = [];
    for (let repeatEachIndex = 0; repeatEachIndex < 3; repeatEachIndex++)
      for (let retry = 0; retry <= retries; retry++) seen.push(attemptIndex({ repeatEachIndex, retry, project: { retries } }));
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen.length).toBe(attemptsPerTest(['--repeat-each', '3'], retries));
  });
});
