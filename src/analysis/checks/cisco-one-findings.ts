import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import { type Finding, makeFinding, type NewFinding } from '../model/finding.ts';
import type { CiscoOneRecord } from '../model/records.ts';
import type { CiscoOneLineRow } from './cisco-one.ts';
import { SWSS_GRACE_DAYS, TERM_ENDING_SOON_DAYS } from './thresholds.ts';

type Extra = { retiredRefs: SourceRef[]; missingRequired: string | undefined };

/**
 * The findings of one Cisco ONE line: one per problem (unknown suite, components missing,
 * components in another VA, SWSS gap, term ending, retired hardware, prerequisite suite missing).
 */
export function lineFindings(row: CiscoOneLineRow, rec: CiscoOneRecord, extra: Extra): Finding[] {
  const out: Finding[] = [];
  const label = `${row.suiteSku} ×${row.quantity}`;
  const base = (problem: string, f: Omit<NewFinding, 'key' | 'family'>) =>
    out.push(
      makeFinding({
        key: `${problem}|${row.key}`,
        family: 'cisco-one',
        ...(row.virtualAccounts.length ? { virtualAccount: row.virtualAccounts.join('; ') } : {}),
        ...(row.serials.length === 1 ? { serial: row.serials[0]! } : {}),
        ...f,
        facts: {
          suiteSku: row.suiteSku,
          model: row.model,
          tier: row.tier,
          dnaTier: row.dnaTier,
          problem,
          ...f.facts,
        },
      }),
    );

  if (!row.known) {
    base('unknown-suite', {
      severity: 'low',
      title: `${label}: suite SKU not in the Cisco ONE catalog`,
      detail: `${row.suiteSku} is not in data/catalog/cisco-one-suites.csv, so its component licences cannot be checked against CSSM.`,
      quantity: row.quantity,
      action: 'Add the suite and its components (with a source) to data/catalog/cisco-one-suites.csv.',
      evidence: [rec.source],
    });
  }

  const missing = row.components.filter((c) => c.missing > 0);
  if (missing.length) {
    const units = missing.reduce((s, c) => s + c.missing, 0);
    base('components-missing', {
      severity: 'high',
      title: `${label}: ${units} component licence(s) not in CSSM`,
      detail: `The suite should deliver ${missing.map((c) => `${c.needed} ${c.licence} (${c.sku})`).join(', ')}; CSSM is short of ${missing.map((c) => `${c.missing} ${c.licence}`).join(', ')}. Entitlements bought in a suite but never deposited cannot be used or shown at a true-up.`,
      licence: missing.map((c) => c.licence).join('; '),
      quantity: units,
      action:
        'Ask Cisco licensing support to deposit the missing components into the Smart Account (quote the order).',
      evidence: mergeRefs([rec.source], ...missing.map((c) => c.evidence)),
      facts: { missingUnits: units },
    });
  }

  const elsewhere = row.components.filter((c) => c.inOtherVas.length > 0);
  if (elsewhere.length) {
    const units = elsewhere.reduce((s, c) => s + c.inOtherVas.reduce((t, o) => t + o.quantity, 0), 0);
    const where = [...new Set(elsewhere.flatMap((c) => c.inOtherVas.map((o) => o.virtualAccount)))].sort();
    base('components-other-va', {
      severity: 'medium',
      title: `${label}: ${units} component licence(s) sit in ${where.join(', ')}, not with the suite's devices`,
      detail: `The suite's devices are in ${row.virtualAccounts.join(', ')}; ${elsewhere.map((c) => `${c.licence}: ${c.inOtherVas.map((o) => `${o.quantity} in ${o.virtualAccount}`).join(', ')}`).join('; ')}. Devices can only consume licences of their own Virtual Account.`,
      licence: elsewhere.map((c) => c.licence).join('; '),
      quantity: units,
      action: `Transfer the components to ${row.virtualAccounts.join(', ')} in CSSM.`,
      evidence: mergeRefs([rec.source], ...elsewhere.map((c) => c.evidence)),
    });
  }

  const s = row.swss;
  if (s.status === 'lapsed' || s.status === 'grace' || s.status === 'no-record') {
    const worst = [...s.gaps].sort((a, b) => b.days - a.days)[0];
    const gapText = worst
      ? `SWSS coverage has a gap of ${worst.days} days (${worst.from} to ${worst.to}${worst.serial ? `, serial ${worst.serial}` : ''}${worst.open ? ', still open at asOf' : ''})`
      : 'No service contract covers this line';
    const lapsed = s.status !== 'grace';
    base(lapsed ? 'swss-lapsed' : 'swss-grace', {
      severity: lapsed ? 'high' : worst?.open ? 'medium' : 'low',
      title: !worst
        ? `${label}: no SWSS contract found for its devices, portability at risk`
        : lapsed
          ? `${label}: SWSS gap over ${SWSS_GRACE_DAYS} days, portability lost`
          : `${label}: SWSS gap of ${s.longestGapDays} days, within the ${SWSS_GRACE_DAYS}-day grace`,
      detail: `${gapText}. Perpetual Cisco ONE licences move to new hardware only with continuous SWSS; Cisco forgives a late renewal within ${SWSS_GRACE_DAYS} days.`,
      quantity: row.quantity,
      action: lapsed
        ? 'Budget for repurchase on a hardware refresh, or negotiate reinstatement of SWSS with back-support.'
        : worst?.open
          ? `Renew SWSS before the gap reaches ${SWSS_GRACE_DAYS} days.`
          : 'No action: the late renewal fell within the grace period; keep the renewal evidence.',
      evidence: mergeRefs([rec.source], s.evidence),
      facts: { longestGapDays: s.longestGapDays, contracts: s.contracts.join('; ') },
    });
  }

  const t = row.term;
  if (t.status === 'expired' || t.status === 'ending-soon' || t.status === 'ends-before-agreement') {
    const text =
      t.status === 'expired'
        ? `ended ${-(t.daysLeft ?? 0)} days before asOf`
        : t.status === 'ending-soon'
          ? `ends in ${t.daysLeft} days (within ${TERM_ENDING_SOON_DAYS})`
          : `ends ${row.endDate}, before the agreement ends ${t.agreementEnd}`;
    base('term-ending', {
      severity: t.status === 'ends-before-agreement' ? 'medium' : 'high',
      title: `${label}: term suite ${text}`,
      detail: `The term Cisco ONE suite runs to ${row.endDate}. Its components (${row.components.map((c) => c.licence).join(', ') || 'unknown'}) stop being entitled then; devices still using them become a shortage.`,
      quantity: row.quantity,
      action: 'Decide renewal or replacement (e.g. the matching DNA subscription) before the end date.',
      evidence: [rec.source],
      facts: { endDate: row.endDate ?? null, daysLeft: t.daysLeft ?? null },
    });
  }

  if (row.retiredSerials.length) {
    const portable = row.model === 'term' || s.status === 'continuous' || s.status === 'grace';
    base('retired-hardware', {
      severity: 'medium',
      title: `${label}: ${row.retiredSerials.length} device(s) retired, suite may be re-hosted`,
      detail: `Serials ${row.retiredSerials.join(', ')} are retired or decommissioned in the inventory. ${portable ? 'The licences are portable: re-host them on replacement hardware instead of buying new.' : 'SWSS continuity is not shown, so portability may be lost.'}`,
      quantity: row.quantity,
      action: portable
        ? 'Re-host the suite on the replacement devices.'
        : 'Establish SWSS continuity first; otherwise treat the suite as lost on refresh.',
      evidence: mergeRefs([rec.source], extra.retiredRefs),
      facts: { portable },
    });
  }

  if (extra.missingRequired) {
    base('prerequisite-missing', {
      severity: 'low',
      title: `${label}: requires ${extra.missingRequired}, which is not among the holdings`,
      detail: `The catalog says ${row.suiteSku} (${row.tier}) requires ${extra.missingRequired}; no holding line has it.`,
      quantity: row.quantity,
      action: 'Check the order: the prerequisite suite may be missing from the export or from the estate.',
      evidence: [rec.source],
    });
  }
  return out;
}
