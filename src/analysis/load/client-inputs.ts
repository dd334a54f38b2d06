import type { DeviceCapture } from '../model/capture.ts';
import type { ClientConfig } from '../model/client.ts';
import type { InputKind, LedgerEntry } from '../model/ledger.ts';
import type {
  AlertRecord,
  CiscoOneRecord,
  InventoryRecord,
  LicenceRecord,
  PakRecord,
  PriceRecord,
  ProductInstanceRecord,
  SupportRecord,
  TransactionRecord,
} from '../model/records.ts';

/** Advisor decision for one finding, from workbook/findings.yaml. */
export interface WorkbookEntry {
  id: string;
  status?: 'open' | 'accepted' | 'disputed' | 'resolved';
  owner?: string;
  comment?: string;
  line: number;
}

/** Everything read from one client folder: records of every kind, and the ledger that accounts for them. */
export interface ClientInputs {
  config: ClientConfig;
  licences: LicenceRecord[];
  productInstances: ProductInstanceRecord[];
  paks: PakRecord[];
  inventory: InventoryRecord[];
  transactions: TransactionRecord[];
  alerts: AlertRecord[];
  ciscoOne: CiscoOneRecord[];
  /**
   * Service-contract records. A large load keeps only those a check can look up
   * (support-lookups.ts) and says in `supportRecords` how many the files held.
   */
  support: SupportRecord[];
  /** How many support records the files held, when `support` holds only those a check reads. */
  supportRecords?: number;
  prices: PriceRecord[];
  captures: DeviceCapture[];
  workbook: WorkbookEntry[];
  /** workbook/sections/<name>.mdx overrides, by section name. */
  sections: Record<string, string>;
  ledger: LedgerEntry[];
  /** Which input kinds had at least one file (for "this check needs X, which was not supplied"). */
  present: InputKind[];
}

export function emptyInputs(config: ClientConfig): ClientInputs {
  return {
    config,
    licences: [],
    productInstances: [],
    paks: [],
    inventory: [],
    transactions: [],
    alerts: [],
    ciscoOne: [],
    support: [],
    prices: [],
    captures: [],
    workbook: [],
    sections: {},
    ledger: [],
    present: [],
  };
}

/** Whether any service-contract record was supplied (`support` may hold only those a check reads). */
export function supportSupplied(inputs: Pick<ClientInputs, 'support' | 'supportRecords'>): boolean {
  return (inputs.supportRecords ?? inputs.support.length) > 0;
}
