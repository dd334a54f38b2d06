import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/analysis/model/report.ts';
import { perReport } from '../../src/lib/per-report.ts';

describe('perReport', () => {
  it('computes once per Report, shared by every copy of the module that asks under the same name', () => {
    // Astro bundles its own copy of the module: two perReport calls stand for the two copies
    let runs = 0;
    const fromBuild = perReport('test-shared', () => ++runs);
    const fromPages = perReport('test-shared', () => ++runs);
    const report = {} as Report;
    expect(fromBuild(report)).toBe(1);
    expect(fromPages(report)).toBe(1);
    expect(runs).toBe(1);
    // another Report is computed afresh; another name is another cache
    expect(fromPages({} as Report)).toBe(2);
    expect(perReport('test-other', () => 'x')(report)).toBe('x');
  });
});
