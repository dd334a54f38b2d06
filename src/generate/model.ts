import type { GenLicence } from './licence-catalog.ts';
import type { Era, Platform } from './platforms.ts';
import type { ClientProfile, DeploymentMode } from './profile.ts';

export type InventoryStatus = 'active' | 'retired' | 'decommissioned' | 'spare';
export type Reservation = 'none' | 'SPECIFIC' | 'UNIVERSAL';

/** One piece of hardware of the synthetic estate, before it is written to any file. */
export interface Device {
  hostname: string;
  pid: string;
  serial: string;
  platform: Platform;
  va: string;
  site: string;
  os: string;
  era: Era;
  mode: DeploymentMode;
  status: InventoryStatus;
  retiredDate?: string;
  inInventory: boolean;
  /** Registered as a CSSM product instance. */
  inCssm: boolean;
  piName: string;
  licences: { key: string; count: number }[];
  reservation: Reservation;
  /** Product-instance Transport cell: URL, `cslu`, `off`. */
  transport: string;
  /** CSSM last contact / last ACK (ISO date); absent when the device never reported. */
  lastContact?: string;
  installDate: string;
  inventorySource: string;
  /** Legacy Smart Licensing device that never registered (EVAL MODE). */
  evalMode: boolean;
  /** Gets a captures/<hostname>.txt. */
  captured: boolean;
}

/** One CSSM licences row: a licence's position in one Virtual Account. */
export interface Position {
  va: string;
  key: string;
  /** Display name written to the file (differs from the catalog only for planted unknown names). */
  name: string;
  purchased: number;
  inUse: number;
  reserved: number;
  /** Balance as written; equals purchased − inUse except on planted contradictions. */
  balance: number;
  licenceType: 'PERPETUAL' | 'TERM';
  startDate?: string;
  endDate?: string;
  /** Alerts cell as written (planted disagreements leave it out or add a stale one). */
  alert: string;
  status: string;
}

export type PakStatus = 'Unfulfilled' | 'Partially Fulfilled' | 'Fulfilled';

export interface PakLine {
  pak: string;
  sku: string;
  licenceKey: string;
  description: string;
  quantity: number;
  /** Written instead of the number (a planted non-numeric quantity). */
  quantityText?: string;
  fulfilled: number;
  status: PakStatus;
  salesOrder: string;
  orderDate: string;
  bound: Device[];
  /** Set when the PAK was converted into CSSM (a PAK Migration transaction). */
  migratedTo?: { va: string; quantity: number; date: string };
}

export interface Transaction {
  va: string;
  licence: string;
  source: 'PAK Migration' | 'DLC Device Migration' | 'Order';
  pak?: string;
  sku: string;
  serial?: string;
  quantity: number;
  date: string;
}

export interface CiscoOneLine {
  suiteSku: string;
  model: 'perpetual' | 'term';
  start: string;
  end?: string;
  contract: string;
  devices: Device[];
  /** Planted SWSS gap between the first and the renewed contract, in days (0 = continuous). */
  gapDays: number;
}

/** The whole synthetic estate: what every file is rendered from. */
export interface Estate {
  profile: ClientProfile;
  catalog: readonly GenLicence[];
  devices: Device[];
  spares: Device[];
  /** Extra product instances: the same serial registered in a second VA (data quality). */
  duplicates: { device: Device; va: string }[];
  positions: Position[];
  paks: PakLine[];
  transactions: Transaction[];
  ciscoOne: CiscoOneLine[];
  /** Licence keys deliberately left out of the price list. */
  unpriced: string[];
}
