import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = new URL('../../scripts/generate.ts', import.meta.url).pathname;

describe('scripts/generate.ts', () => {
  it('writes <out>/<id>/ and <out>/<id>.planted.json', () => {
    const out = mkdtempSync(join(tmpdir(), 'trueup-cli-'));
    const r = spawnSync(
      process.execPath,
      [script, '--devices', '60', '--seed', '5', '--out', out, '--id', 'cli-client'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(out, 'cli-client', 'cssm', 'licenses.csv'))).toBe(true);
    const planted = JSON.parse(readFileSync(join(out, 'cli-client.planted.json'), 'utf8'));
    expect(planted.client.id).toBe('cli-client');
    expect(planted.generator).toEqual({ seed: '5', devices: 60, version: 1 });
  });

  it('rejects a bad device count with a message, not a stack trace', () => {
    const r = spawnSync(process.execPath, [script, '--devices', 'lots', '--out', tmpdir()], {
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('expected a whole number');
    expect(r.stderr).not.toContain('    at ');
  });
});
