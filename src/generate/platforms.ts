/**
 * Hardware the synthetic estate is made of: PIDs, the licences each consumes, serial prefixes and
 * software trains. Weights are rough shares of a campus-heavy enterprise estate.
 */

export type Era = 'slup' | 'smart' | 'traditional';

export type Role = 'acc-sw' | 'dist-sw' | 'core-sw' | 'dc-sw' | 'wan-rtr' | 'br-rtr' | 'wlc' | 'ise';

export interface Platform {
  pid: string;
  family: string;
  productType: string;
  serialPrefixes: readonly string[];
  /** Network-stack licence choices (perpetual), by weight. */
  network: readonly (readonly [string, number])[];
  /** DNA/subscription licence choices; `null` entries mean no subscription. */
  dna: readonly (readonly [string | null, number])[];
  /** Licences counted per endpoint/AP rather than per device (controllers, ISE). */
  countRange?: readonly [number, number];
  /** Software trains with their licensing era. */
  trains: readonly (readonly [string, Era, number])[];
  /** Features a classic `show license` lists for traditional devices (catalog keys). */
  traditional?: readonly string[];
  /** Image names for `show version`. */
  image: string;
}

const CAT9K_TRAINS = [
  ['17.9.4a', 'slup', 40],
  ['17.12.3', 'slup', 25],
  ['17.6.5', 'slup', 15],
  ['16.12.8', 'smart', 12],
  ['16.9.8', 'smart', 8],
] as const;

export const PLATFORMS: Record<string, Platform> = {
  'C9300-48P': cat9k('C9300-48P', 'C9300', ['FOC', 'FCW', 'FJC']),
  'C9300-24T': cat9k('C9300-24T', 'C9300', ['FOC', 'FCW']),
  'C9300-48U': cat9k('C9300-48U', 'C9300', ['FCW', 'FJC']),
  'C9300L-48P-4G': {
    ...cat9k('C9300L-48P-4G', 'C9300L', ['FOC', 'JAE']),
    network: [['c9300l-network-advantage', 1]],
    dna: [
      ['c9300l-dna-advantage', 9],
      [null, 1],
    ],
  },
  'C9200-48P': {
    ...cat9k('C9200-48P', 'C9200', ['JAE', 'FOC']),
    network: [['c9200-network-essentials', 1]],
    dna: [
      ['c9200-dna-essentials', 8],
      ['c9200-dna-advantage', 1],
      [null, 1],
    ],
  },
  'C9200-24P': {
    ...cat9k('C9200-24P', 'C9200', ['JAE']),
    network: [['c9200-network-essentials', 1]],
    dna: [
      ['c9200-dna-essentials', 9],
      [null, 1],
    ],
  },
  C9407R: {
    ...cat9k('C9407R', 'C9400', ['FXS']),
    network: [['c9400-network-advantage', 1]],
    dna: [['c9400-dna-advantage', 1]],
  },
  'C9500-32C': {
    ...cat9k('C9500-32C', 'C9500', ['FCW', 'CAT']),
    network: [['c9500-network-advantage', 1]],
    dna: [['c9500-dna-advantage', 1]],
  },
  'C9500-48Y4C': {
    ...cat9k('C9500-48Y4C', 'C9500', ['FCW']),
    network: [['c9500-network-advantage', 1]],
    dna: [
      ['c9500-dna-advantage', 4],
      [null, 1],
    ],
  },
  'C8300-1N1S-4T2X': {
    pid: 'C8300-1N1S-4T2X',
    family: 'C8300',
    productType: 'Catalyst 8300',
    serialPrefixes: ['FDO', 'FGL'],
    network: [['c8300-network-advantage', 1]],
    dna: [['c8300-dna-advantage', 1]],
    trains: [
      ['17.9.4a', 'slup', 60],
      ['17.12.2', 'slup', 40],
    ],
    image: 'c8000be-universalk9',
  },
  'ISR4331/K9': isr('ISR4331/K9'),
  'ISR4451-X/K9': isr('ISR4451-X/K9'),
  'ASR1001-X': {
    pid: 'ASR1001-X',
    family: 'ASR1000',
    productType: 'ASR 1000',
    serialPrefixes: ['FXS', 'JAE'],
    network: [['asr1k-aes', 1]],
    dna: [[null, 1]],
    trains: [
      ['16.9.8', 'traditional', 70],
      ['3.16.10S', 'traditional', 30],
    ],
    traditional: ['asr1k-aes'],
    image: 'asr1001x-universalk9',
  },
  'WS-C3850-48P': {
    pid: 'WS-C3850-48P',
    family: 'C3850',
    productType: 'Catalyst 3850',
    serialPrefixes: ['FOC', 'FCW'],
    network: [['c3850-ipbase', 1]],
    dna: [[null, 1]],
    trains: [['16.3.9', 'traditional', 1]],
    traditional: ['c3850-ipbase'],
    image: 'cat3k_caa-universalk9',
  },
  'C9800-40-K9': {
    pid: 'C9800-40-K9',
    family: 'C9800',
    productType: 'Catalyst 9800 Wireless Controller',
    serialPrefixes: ['TTM', 'FOX'],
    network: [['air-network-advantage', 1]],
    dna: [['air-dna-advantage', 1]],
    countRange: [40, 400],
    trains: [
      ['17.9.5', 'slup', 70],
      ['17.3.8', 'slup', 30],
    ],
    image: 'C9800-universalk9_wlc',
  },
  'SNS-3655-K9': {
    pid: 'SNS-3655-K9',
    family: 'ISE',
    productType: 'Identity Services Engine',
    serialPrefixes: ['WZP', 'FCH'],
    network: [['ise-base', 1]],
    dna: [
      ['ise-plus', 1],
      [null, 1],
    ],
    countRange: [300, 2500],
    trains: [['3.2.0.542', 'smart', 1]],
    image: 'ise',
  },
};

/** PIDs that only ever sit on a shelf in this estate (spares). */
export const SPARE_ONLY_PIDS = ['AIR-AP2802I-E-K9', 'C9120AXI-E', 'C9130AXI-E'] as const;

function cat9k(pid: string, family: string, serialPrefixes: string[]): Platform {
  return {
    pid,
    family,
    productType: `Catalyst ${family.slice(1)}`,
    serialPrefixes,
    network: [
      ['c9300-network-advantage', 7],
      ['c9300-network-essentials', 3],
    ],
    dna: [
      ['c9300-dna-advantage', 7],
      ['c9300-dna-essentials', 2],
      [null, 1],
    ],
    trains: CAT9K_TRAINS,
    image: 'cat9k_iosxe',
  };
}

function isr(pid: string): Platform {
  return {
    pid,
    family: 'ISR4000',
    productType: 'ISR 4000',
    serialPrefixes: ['FDO', 'FLM', 'FGL'],
    network: [['isr4k-appx', 1]],
    dna: [
      ['isr4k-secx', 6],
      [null, 4],
    ],
    trains: [
      ['16.9.7', 'traditional', 55],
      ['16.6.9', 'traditional', 20],
      ['17.3.6', 'slup', 25],
    ],
    traditional: ['isr4k-appx', 'isr4k-secx', 'isr4k-uc'],
    image: 'isr4300-universalk9',
  };
}

/** Platforms per role (by weight). */
export const ROLE_PLATFORMS: Record<Role, readonly (readonly [string, number])[]> = {
  'acc-sw': [
    ['C9300-48P', 40],
    ['C9300-24T', 14],
    ['C9300-48U', 10],
    ['C9300L-48P-4G', 8],
    ['C9200-48P', 16],
    ['C9200-24P', 8],
    ['WS-C3850-48P', 4],
  ],
  'dist-sw': [
    ['C9300-48U', 4],
    ['C9407R', 3],
    ['C9500-48Y4C', 3],
  ],
  'core-sw': [
    ['C9500-32C', 3],
    ['C9407R', 1],
  ],
  'dc-sw': [
    ['C9500-32C', 2],
    ['C9500-48Y4C', 3],
  ],
  'wan-rtr': [
    ['C8300-1N1S-4T2X', 4],
    ['ASR1001-X', 3],
    ['ISR4451-X/K9', 2],
  ],
  'br-rtr': [
    ['ISR4331/K9', 5],
    ['C8300-1N1S-4T2X', 4],
    ['ISR4451-X/K9', 1],
  ],
  wlc: [['C9800-40-K9', 1]],
  ise: [['SNS-3655-K9', 1]],
};
