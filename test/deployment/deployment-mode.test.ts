import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeploymentModeData } from '../../src/analysis/checks/deployment-mode.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import { NONE } from '../../src/analysis/reconcile/estate.ts';
import { analyseInputs } from '../../src/analysis/report/build-report.ts';
import { catalog, FIXTURES, reportFor } from '../helpers/fixtures.ts';

describe('deployment-mode on deploy-modes', async () => {
  const report = await reportFor(join(FIXTURES, 'deploy-modes'));
  const data = report.families['deployment-mode']!.data as DeploymentModeData;
  const byHost = new Map(data.devices.map((d) => [d.hostname, d]));

  it('classifies each device from its capture, citing the deciding line', () => {
    expect(Object.fromEntries(data.devices.map((d) => [d.hostname, d.mode]))).toEqual({
      'cloud-sw1': 'cloud',
      'onprem-sw2': 'on-prem',
      'cslu-sw3': 'cslu',
      'slr-sw4': 'slr',
      'off-sw5': 'offline',
      'classic-sw6': 'on-prem',
      'stale-sw7': 'cloud',
    });
    expect(byHost.get('cloud-sw1')?.evidence).toEqual({ file: 'captures/cloud-sw1.txt', line: 21 });
    expect(byHost.get('stale-sw7')).toMatchObject({
      seenIn: 'cssm',
      evidence: { file: 'cssm/product-instances.csv', line: 6 },
    });
  });

  it('raises each risk at its threshold and no risk on healthy devices', () => {
    const codes = (h: string) => byHost.get(h)?.risks.map((r) => r.code);
    expect(codes('cloud-sw1')).toEqual([]);
    expect(codes('cslu-sw3')).toEqual([]);
    expect(codes('slr-sw4')).toEqual([]); // an SLR device has no contact deadline
    expect(codes('onprem-sw2')).toEqual(['onprem-sync-90', 'ack-deadline-passed']); // freshest contact 2026-08-01 (CSSM): 106 days
    expect(codes('classic-sw6')).toEqual(['out-of-compliance']);
    expect(codes('stale-sw7')).toEqual(['contact-180']); // 2026-05-01: 198 days before asOf
    expect(codes('off-sw5')).toEqual(['ack-never']);
  });

  it('makes one finding per device at risk, with the worst risk as severity', () => {
    const f = report.findings.filter((x) => x.family === 'deployment-mode');
    expect(f.map((x) => [x.hostname, x.severity]).sort()).toEqual([
      ['classic-sw6', 'critical'],
      ['off-sw5', 'medium'],
      ['onprem-sw2', 'critical'],
      ['stale-sw7', 'critical'],
    ]);
    expect(f.find((x) => x.hostname === 'classic-sw6')?.evidence).toEqual([
      { file: 'captures/classic-sw6.txt', line: 15 },
    ]);
  });

  it('says when a check had no device captures instead of printing zeros', async () => {
    const basic = await reportFor(join(FIXTURES, 'va-basic'));
    expect(basic.families['deployment-mode']).toMatchObject({
      status: 'partial',
      missingInputs: ['captures'],
    });
    expect(basic.families['deployment-mode']?.note).toMatch(/No device captures/);
  });
});

describe('the empty list every device without captures, instances or risks shares', () => {
  it('fails the analysis that wrote to it, rather than show the write on every device', async () => {
    const c = await catalog();
    const inputs = await loadClientFolder(join(FIXTURES, 'deploy-modes'), c);
    expect(() => analyseInputs(inputs, c)).not.toThrow();
    (NONE as unknown[]).push('stray');
    try {
      expect(() => analyseInputs(inputs, c)).toThrow(/shared empty list/);
    } finally {
      NONE.length = 0;
    }
  });
});
