import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO } from '../helpers/fixtures.ts';

const work = mkdtempSync(join(tmpdir(), 'trueup-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function validate(dir: string) {
  return spawnSync(process.execPath, [join(REPO, 'src/cli/main.ts'), 'validate', dir], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', TRUEUP_DEBUG: '' },
  });
}

/** A client folder built from va-basic plus broken exports of several kinds. */
function brokenClient(name: string): string {
  const dir = join(work, name);
  cpSync(join(FIXTURES, 'va-basic'), dir, { recursive: true });
  for (const d of ['legacy', 'inventory', 'workbook', 'contracts'])
    mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(
    join(dir, 'cssm/licenses-extra.csv'),
    'Virtual Account;License;Purchased;In Use\nLab;C9300 DNA Advantage;2,5;1\n"Lab\nNorth";C9300 DNA Advantage;-1;0\n',
  );
  writeFileSync(join(dir, 'legacy/paks.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
  writeFileSync(join(dir, 'inventory/cmdb.csv'), 'Hostname,Serial Number\nsw1,FOC1\n');
  writeFileSync(
    join(dir, 'contracts/support.csv'),
    'Serial Number,Contract,Start Date,End Date\nFOC1,C1,2024-01-01,31/02/2026\n',
  );
  writeFileSync(join(dir, 'workbook/findings.yaml'), 'va-imbalance-1a2b3c4d:\n  status: maybe\n');
  return dir;
}

describe('trueup validate on a folder with broken files', () => {
  it('names file, line, column and reason for every problem, exits 1, shows no stack trace', () => {
    const r = validate(brokenClient('broken'));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain(
      'cssm/licenses-extra.csv:2 column "Purchased": expected a whole number, found "2,5" (fractional)',
    );
    expect(out).toContain(
      'cssm/licenses-extra.csv:3 column "Purchased": expected a whole number ≥ 0, found "-1" (negative)',
    );
    expect(out).toMatch(/✗ legacy\/paks\.csv: binary content .*expected a CSV text file/);
    expect(out).toContain('✗ inventory/cmdb.csv: line 1: missing required column "PID"');
    expect(out).toContain(
      'contracts/support.csv:2 column "End Date": expected a real calendar date, found "31/02/2026"',
    );
    expect(out).toContain(
      'workbook/findings.yaml:1 column "status": expected status open | accepted | disputed | resolved, found "maybe"',
    );
    expect(out).toMatch(/\d+ files, \d+ rows read, 5 rejected, 2 unreadable/);
    expect(`${out}${r.stderr}`).not.toMatch(/\n\s+at .*\(|internal error/);
  });

  it('refuses a client.yaml alias bomb as a user error: a message and exit 1, no stack trace', () => {
    const dir = brokenClient('bomb');
    let yaml =
      'name: Bomb\nasOf: 2026-11-15\ncurrency: EUR\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 9; i++)
      yaml += `x${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    writeFileSync(join(dir, 'client.yaml'), yaml);
    const r = validate(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^trueup: .*alias/);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  it('exits 0 on a clean folder', () => {
    const dir = join(work, 'clean');
    mkdirSync(join(dir, 'cssm'), { recursive: true });
    writeFileSync(join(dir, 'client.yaml'), 'name: Clean\nasOf: 2026-11-15\ncurrency: EUR\n');
    writeFileSync(
      join(dir, 'cssm/licenses.csv'),
      'Virtual Account,License,Purchased,In Use\nA,C9300 DNA Advantage,1,1\n',
    );
    const r = validate(dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
