import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/fixtures.ts';

const trueup = (...args: string[]) =>
  spawnSync(process.execPath, [join(REPO, 'src/cli/main.ts'), ...args], { cwd: REPO, encoding: 'utf8' });

describe('build on a folder that is not there', () => {
  it('says which folder and exits 1, with no stack trace', () => {
    const r = trueup('build', '/nonexistent/acme', '--no-site');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'trueup: /nonexistent/acme: no such client folder (expected a folder with client.yaml)\n',
    );
  });
});
