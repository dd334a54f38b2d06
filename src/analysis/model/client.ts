/** client.yaml, validated (DESIGN.md §4). Dates are ISO strings. */
export interface ClientConfig {
  id: string;
  name: string;
  asOf: string;
  currency: string;
  smartAccount?: string;
  dateOrder: 'DMY' | 'MDY';
  agreement?: {
    type: 'EA' | 'ELA' | 'none';
    start?: string;
    end?: string;
    trueForward: string[];
    growthAllowancePct: number;
  };
  pricing: { discountPct: number; swssUpliftPct: number };
  report: { preparedBy?: string; confidentiality: string; redact: boolean };
}
