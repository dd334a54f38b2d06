import { type GenLicence, licenceByKey } from './licence-catalog.ts';
import { skusOf } from './orders.ts';

/** Indicative list prices (EUR): perpetual per licence, subscriptions per year. */
const LIST: Record<string, number> = {
  'c9300-network-essentials': 1_450,
  'c9300-network-advantage': 4_820,
  'c9300-dna-essentials': 620,
  'c9300-dna-advantage': 1_310,
  'c9300l-network-advantage': 3_900,
  'c9300l-dna-advantage': 1_050,
  'c9200-network-essentials': 640,
  'c9200-dna-essentials': 310,
  'c9200-dna-advantage': 690,
  'c9400-network-advantage': 14_200,
  'c9400-dna-advantage': 5_400,
  'c9500-network-advantage': 17_500,
  'c9500-dna-advantage': 6_100,
  'c8300-network-advantage': 6_250,
  'c8300-dna-advantage': 2_180,
  'air-network-advantage': 95,
  'air-dna-advantage': 125,
  'isr4k-appx': 2_600,
  'isr4k-secx': 1_900,
  'isr4k-uc': 2_100,
  'asr1k-aes': 11_800,
  'ise-base': 18,
  'ise-plus': 24,
  'c9k-hsec': 980,
  'c3850-ipbase': 1_150,
  'c3850-ipservices': 2_800,
};

/** Every licence this price list knows: a client's list covers what it buys, not only what CSSM shows. */
export const PRICED_KEYS: readonly string[] = Object.keys(LIST).sort();

export interface PriceRow {
  item: string;
  listPrice: number;
  unit: 'each' | 'year';
  termMonths?: number;
}

/**
 * The price list: one row per licence the estate uses (by SKU, a few by licence name, as client
 * price lists mix both), except `unpriced`, which must show up as unpriced in the exposure.
 */
export function buildPrices(
  catalog: readonly GenLicence[],
  keys: readonly string[],
  unpriced: readonly string[],
): PriceRow[] {
  const rows: PriceRow[] = [];
  for (const key of keys) {
    if (unpriced.includes(key) || LIST[key] === undefined || !catalog.some((l) => l.key === key)) continue;
    const lic = licenceByKey(catalog, key);
    const byName = key.startsWith('air-') || key.startsWith('ise-');
    const item = byName ? lic.displayName : skusOf(lic)[0]!;
    rows.push(
      lic.cssmType === 'TERM'
        ? { item, listPrice: LIST[key]!, unit: 'year', termMonths: 36 }
        : { item, listPrice: LIST[key]!, unit: 'each' },
    );
  }
  return rows;
}
