import { describe, expect, it } from 'vitest';
import { ClientConfigError, parseClientConfig } from '../../src/analysis/load/client-config.ts';

function problems(text: string, id = 'acme'): string[] {
  try {
    parseClientConfig(id, text);
  } catch (e) {
    if (e instanceof ClientConfigError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('client.yaml', () => {
  it('accepts the design example and fills defaults', () => {
    const c = parseClientConfig(
      'acme',
      'name: Acme\nasOf: 2026-11-15\ncurrency: EUR\nagreement:\n  type: EA\n  start: 2024-02-01\n  end: 2029-01-31\n  trueForward: [2025-02-01]\n  growthAllowancePct: 20\npricing:\n  discountPct: 42\n',
    );
    expect(c).toMatchObject({
      id: 'acme',
      asOf: '2026-11-15',
      pricing: { discountPct: 42, swssUpliftPct: 0 },
    });
    expect(c.agreement?.trueForward).toEqual(['2025-02-01']);
    expect(c.report.confidentiality).toBe('Confidential - prepared for Acme');
  });

  it('names a missing key', () => {
    expect(problems('name: Acme\ncurrency: EUR\n')).toEqual(['missing required key "asOf"']);
  });

  it('names the line and column of a wrong value and says what was expected', () => {
    expect(problems('name: Acme\nasOf: 2026-11-15\ncurrency: euro\n')).toEqual([
      'line 3, column 11: currency: expected a 3-letter ISO currency code such as EUR',
    ]);
    expect(problems('name: Acme\nasOf: 2026-13-45\ncurrency: EUR\n')[0]).toMatch(
      /^line 2, column 7: asOf: expected a/,
    );
  });

  it('rejects unknown keys (a typo must not silently drop a setting)', () => {
    expect(problems('name: Acme\nasOf: 2026-11-15\ncurrency: EUR\npricing:\n  discount: 40\n')).toEqual([
      'line 5, column 3: unknown key "discount" in pricing',
    ]);
  });

  it('explains tab indentation instead of throwing', () => {
    expect(problems('name: Acme\npricing:\n\tdiscountPct: 4\n')[0]).toMatch(/line 3.*tabs/);
  });

  it('refuses a client id that could escape the output folder', () => {
    expect(problems('name: A\nasOf: 2026-01-01\ncurrency: EUR\n', '..')[0]).toMatch(/not a valid client id/);
  });
});
