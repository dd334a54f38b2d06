import { addDays } from './dates.ts';
import { type GenLicence, licenceByKey } from './licence-catalog.ts';
import type { Position, Transaction } from './model.ts';
import type { Rng } from './prng.ts';
import type { ClientProfile } from './profile.ts';

/**
 * `Order` transactions that, with the PAK and DLC migrations, add up to each row's Purchased, so
 * the transaction detail never contradicts the licence summary.
 */
export function buildOrders(
  rng: Rng,
  profile: ClientProfile,
  catalog: readonly GenLicence[],
  positions: readonly Position[],
  migrations: readonly Transaction[],
): Transaction[] {
  const migrated = new Map<string, number>();
  for (const m of migrations)
    migrated.set(`${m.va}|${m.licence}`, (migrated.get(`${m.va}|${m.licence}`) ?? 0) + m.quantity);
  const out: Transaction[] = [];
  for (const p of positions) {
    let rest = p.purchased - (migrated.get(`${p.va}|${p.key}`) ?? 0);
    const skus = p.key === 'unknown' ? ['C9300X-NW-A-48'] : skusOf(licenceByKey(catalog, p.key));
    const first = p.startDate ?? addDays(profile.asOf, -rng.int(400, 2000));
    let n = 0;
    while (rest > 0) {
      const q = n === 2 || rest < 4 ? rest : rng.int(1, rest);
      out.push({
        va: p.va,
        licence: p.key,
        source: 'Order',
        sku: skus[n % skus.length]!,
        quantity: q,
        date: addDays(first, n * rng.int(30, 200)),
      });
      rest -= q;
      n++;
    }
  }
  return out;
}

/** Ordering SKUs: the catalog's, without the Cisco ONE component ones. */
export function skusOf(l: GenLicence): string[] {
  const own = l.skus.filter((s) => !s.startsWith('C1-'));
  return own.length ? own : [l.key.toUpperCase()];
}
