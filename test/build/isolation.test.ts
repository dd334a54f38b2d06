import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO } from '../helpers/fixtures.ts';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

function trueup(...args: string[]) {
  return spawnSync(process.execPath, [join(REPO, 'src/cli/main.ts'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
}

/** Two clients whose every name differs, so any byte of one found in the other's output is a leak. */
describe('two clients in one build', () => {
  const work = mkdtempSync(join(tmpdir(), 'trueup-iso-'));
  const out = join(work, 'out');
  const alpha = join(work, 'clients', 'alpha');
  const bravo = join(work, 'clients', 'bravo');
  let result: ReturnType<typeof trueup>;

  beforeAll(() => {
    cpSync(join(FIXTURES, 'va-basic'), alpha, { recursive: true });
    cpSync(join(FIXTURES, 'deploy-modes'), bravo, { recursive: true });
    writeFileSync(
      join(bravo, 'client.yaml'),
      'name: Bravo Secret Holdings\nasOf: 2026-11-15\ncurrency: USD\n',
    );
    result = trueup('build', alpha, bravo, '--out', out);
  }, 180_000);

  it('builds both, each only into <out>/<id>/', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['alpha', 'bravo']);
    expect(readdirSync(work).sort()).toEqual(['clients', 'out']);
    for (const id of ['alpha', 'bravo']) {
      const files = listFiles(join(out, id));
      expect(files).toContain('site/index.html');
      expect(files).toContain(`${id}-licence-review.pdf`);
      for (const f of ['findings.csv', 'findings.xlsx', 'transfer-plan.csv', 'report.json'])
        expect(files).toContain(f);
    }
    // the client folders are read, never written
    expect(listFiles(alpha)).toEqual(listFiles(join(FIXTURES, 'va-basic')));
  });

  it('puts no byte of one client into the other’s outputs', () => {
    const bravoMarks = [
      'Bravo Secret Holdings',
      'Plant-North',
      'FOC2601A00',
      'onprem-sw2',
      'ssm-onprem.deploy.example',
    ];
    const alphaMarks = ['Basic Fixture Ltd', 'Branches', 'FOC2314X0A', 'basic.example'];
    const scan = (id: string, marks: string[]) => {
      for (const f of listFiles(join(out, id)).filter(
        (f) => !f.endsWith('.pdf') && !f.endsWith('.xlsx') && !f.endsWith('.woff2'),
      )) {
        const text = readFileSync(join(out, id, f), 'utf8');
        for (const m of marks) expect(text.includes(m), `${id}/${f} contains "${m}"`).toBe(false);
      }
    };
    scan('alpha', bravoMarks);
    scan('bravo', alphaMarks);
  });

  it('refuses a client id that could escape the output folder, with a message and exit 1', () => {
    const evil = join(work, 'clients', 'bad..id');
    cpSync(alpha, evil, { recursive: true });
    const r = trueup('build', evil, '--out', out, '--no-site');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^trueup: .*not a valid client id/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(relative(out, join(out, 'bad..id'))).toBe('bad..id');
    expect(readdirSync(out).sort()).toEqual(['alpha', 'bravo']);
  });
});
