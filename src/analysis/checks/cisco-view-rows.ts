import { licenceDisplayName } from '../load/catalog.ts';
import { mergeRefs } from '../model/evidence.ts';
import { type Finding, makeFinding, type Severity } from '../model/finding.ts';
import type { CheckContext } from './check.ts';
import type { CiscoSignal } from './cisco-signals.ts';
import type { ViewRow } from './cisco-view.ts';
import { familyUnits, TABLES } from './remediation-inputs.ts';

/** Expired licences: Cisco's alert/status against the export's own end dates. */
export function expiryRows(ctx: CheckContext, signals: readonly CiscoSignal[]): ViewRow[] {
  const asOf = ctx.inputs.config.asOf;
  const expired = ctx.inputs.licences.filter((l) => l.endDate && l.endDate < asOf && l.inUse > 0);
  const SA = '(Smart Account)';
  const groups = new Map<string, { sig: CiscoSignal[]; rows: typeof expired }>();
  const group = (va: string, key: string) => {
    const k = `${va}\u0000${key}`;
    const g = groups.get(k) ?? { sig: [], rows: [] };
    groups.set(k, g);
    return g;
  };
  for (const l of expired) group(l.virtualAccount, l.licenceKey).rows.push(l);
  for (const s of signals.filter((x) => x.topic === 'expired')) {
    // an alert without a VA or licence matches every expired row it could mean
    const matches = expired.filter(
      (l) =>
        (s.virtualAccount === undefined || l.virtualAccount === s.virtualAccount) &&
        (s.licenceKey === undefined || l.licenceKey === s.licenceKey),
    );
    const targets = matches.length
      ? [...new Set(matches.map((l) => `${l.virtualAccount}\u0000${l.licenceKey}`))]
      : [`${s.virtualAccount ?? SA}\u0000${s.licenceKey ?? ''}`];
    for (const t of targets) group(...(t.split('\u0000') as [string, string])).sig.push(s);
  }
  const rows: ViewRow[] = [];
  for (const [k, g] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [va, key] = k.split('\u0000') as [string, string];
    const licence = key
      ? (g.rows[0]?.licenceName ?? g.sig[0]?.licence ?? licenceDisplayName(ctx.catalog, key))
      : undefined;
    const base = {
      topic: 'expired' as const,
      virtualAccount: va,
      ...(key ? { licenceKey: key, licence } : {}),
      cisco: g.sig.length ? [...new Set(g.sig.map((x) => x.text))].join('; ') : 'no expiry alert',
      trueup: g.rows.length
        ? `${g.rows.reduce((n, l) => n + l.inUse, 0)} in use on licences that ended ${g.rows.map((l) => l.endDate).sort()[0]}`
        : 'no licence row ended before asOf',
      evidence: mergeRefs(
        g.sig.map((x) => x.source),
        g.rows.map((l) => l.source),
      ),
    };
    if (g.sig.length && g.rows.length)
      rows.push({
        ...base,
        verdict: 'agree',
        right: 'both',
        explanation: 'Both see licences in use past their end date.',
      });
    else if (g.sig.length)
      rows.push({
        ...base,
        verdict: 'cisco-only',
        right: 'unclear',
        explanation:
          'The licences export carries no end date before asOf for this licence; the expired entitlement may be a subscription line the export aggregates. Check the licence detail in CSSM.',
      });
    else
      rows.push({
        ...base,
        verdict: 'trueup-only',
        right: 'trueup',
        explanation:
          'The export shows devices still using licences whose term ended; CSSM shows no expiry alert yet.',
      });
  }
  return rows;
}

/** Account-level alerts (sync overdue, failed to connect, …): trueup's side is the deployment-mode check. */
export function accountRows(ctx: CheckContext, signals: readonly CiscoSignal[]): ViewRow[] {
  const dm = ctx.earlier['deployment-mode'];
  const dmRan = dm !== undefined && dm.section.status !== 'unavailable';
  const dmSees =
    dmRan &&
    dm.findings.some((f) => /sync|contact|ack|satellite|authori[sz]/i.test(`${f.title} ${f.detail}`));
  // grouped in one pass: appending to a copied list per alert was quadratic (259 MB at 10,888 alerts)
  const groups = Map.groupBy(
    signals.filter((x) => x.topic === 'sync' || x.topic === 'other'),
    (s) => `${s.topic}\u0000${s.virtualAccount ?? ''}\u0000${s.text}`,
  );
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, list]) => {
      const s = list[0]!;
      const agree = s.topic === 'sync' && dmSees;
      return {
        topic: s.topic,
        ...(s.virtualAccount ? { virtualAccount: s.virtualAccount } : {}),
        cisco: `${s.text}${list.length > 1 ? ` (${list.length} alerts)` : ''}`,
        trueup: agree
          ? 'the deployment-mode check also flags communication or sync risk'
          : dmRan
            ? 'no matching deployment-mode finding'
            : 'not assessed (the deployment-mode check did not run)',
        verdict: agree ? 'agree' : 'cisco-only',
        right: agree ? 'both' : 'cisco',
        explanation: agree
          ? 'Both see devices or satellites that have not reported.'
          : 'Cisco reports a condition outside the licence position trueup computes; act on it in CSSM.',
        evidence: list.map((x) => x.source),
      } satisfies ViewRow;
    });
}

/** The invisible estate: devices the inventory has and CSSM lacks. Cisco cannot see them until a true-up does. */
export function invisibleRows(ctx: CheckContext): ViewRow[] {
  const est = familyUnits('pak-estate', ctx.earlier['pak-estate'], TABLES['pak-estate'], ctx.catalog);
  if (!est.available) return [];
  return est.units.map((u) => ({
    topic: 'invisible-estate' as const,
    licenceKey: u.licenceKey,
    licence: licenceDisplayName(ctx.catalog, u.licenceKey),
    quantity: u.quantity,
    cisco: 'not visible: the devices are not in CSSM',
    trueup: `${u.quantity} licence(s) needed by active devices missing from CSSM`,
    verdict: 'trueup-only' as const,
    right: 'trueup' as const,
    explanation: 'CSSM only counts registered devices; an audit or true-up counts the inventory.',
    evidence: u.evidence,
  }));
}

const SEVERITY: Record<string, Severity> = {
  'trueup-only|shortage': 'high',
  'trueup-only|invisible-estate': 'high',
  'trueup-only|expired': 'high',
  'cisco-only|shortage': 'medium',
  'cisco-only|expired': 'medium',
  'cisco-only|sync': 'medium',
  'cisco-only|other': 'low',
};

/** One finding per disagreement (agreements add nothing the other families do not already say). */
export function viewFinding(r: ViewRow): Finding {
  const f = makeFinding({
    key: `${r.verdict}|${r.topic}|${r.virtualAccount ?? ''}|${r.licenceKey ?? ''}|${r.topic === 'sync' || r.topic === 'other' ? r.cisco : ''}`,
    family: 'cisco-view',
    severity:
      r.verdict === 'cisco-only' && r.right === 'both'
        ? 'low'
        : (SEVERITY[`${r.verdict}|${r.topic}`] ?? 'low'),
    title:
      r.topic === 'invisible-estate'
        ? `Cisco does not see: ${r.quantity} ${r.licence} needed by devices missing from CSSM`
        : `${r.verdict === 'cisco-only' ? 'Cisco sees' : 'Cisco does not see'}: ${r.licence ?? r.cisco}${r.virtualAccount ? ` in ${r.virtualAccount}` : ''}`,
    detail: `Cisco: ${r.cisco}. trueup: ${r.trueup}. ${r.explanation}`,
    ...(r.virtualAccount ? { virtualAccount: r.virtualAccount } : {}),
    ...(r.licence ? { licence: r.licence } : {}),
    ...(r.quantity !== undefined ? { quantity: r.quantity } : {}),
    action:
      r.verdict === 'trueup-only'
        ? 'Fix it before Cisco sees it: transfer, reclaim or budget (see the exposure page).'
        : r.right === 'both'
          ? 'Carry out the transfer plan; the alert clears when the Virtual Account balances.'
          : 'Check the alert in CSSM and resolve or document it.',
    evidence: r.evidence,
    facts: { verdict: r.verdict, topic: r.topic, right: r.right },
  });
  r.findingId = f.id;
  return f;
}
