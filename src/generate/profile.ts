import type { Role } from './platforms.ts';

/** How a device talks to Cisco licensing (DESIGN.md §5.2). `traditional` = PAK/RTU, no Smart agent. */
export type DeploymentMode = 'cloud' | 'onprem' | 'cslu' | 'slr' | 'plr' | 'offline' | 'traditional';

export interface VaProfile {
  name: string;
  weight: number;
  sites: readonly string[];
  roles: readonly (readonly [Role, number])[];
  modes: readonly (readonly [Exclude<DeploymentMode, 'traditional'>, number])[];
}

/** Everything about the fictional client that is not drawn at random. */
export interface ClientProfile {
  name: string;
  /** Smart Account domain, also the base of the SSM On-Prem host name. */
  domain: string;
  asOf: string;
  currency: string;
  virtualAccounts: readonly VaProfile[];
  /** Roles the first devices are given, so small estates still have controllers and ISE nodes. */
  pinned: readonly (readonly [string, Role])[];
  /** Licence keys the estate may use; `undefined` = every catalog licence a platform can take. */
  allowedLicences?: ReadonlySet<string>;
  /** PIDs left out of this estate. */
  excludedPids?: ReadonlySet<string>;
  /** Central VA that holds pooled surplus (the place a transfer plan takes from). */
  poolVa: string;
  /** VA whose SSM On-Prem has not synced for `onPremSyncAgeDays` (other on-prem VAs sync daily). */
  staleOnPremVa: string;
  onPremSyncAgeDays: number;
}

export const ENTERPRISE_VAS: readonly VaProfile[] = [
  {
    name: 'Corporate',
    weight: 12,
    sites: ['lon-hq'],
    roles: [
      ['acc-sw', 70],
      ['dist-sw', 8],
      ['core-sw', 4],
      ['ise', 1],
    ],
    modes: [
      ['cloud', 90],
      ['cslu', 10],
    ],
  },
  {
    name: 'EMEA Campus',
    weight: 34,
    sites: ['lon', 'man', 'fra', 'ams', 'par', 'dub', 'mad', 'mil'],
    roles: [
      ['acc-sw', 85],
      ['dist-sw', 8],
      ['wan-rtr', 2],
    ],
    modes: [
      ['onprem', 85],
      ['cloud', 10],
      ['offline', 5],
    ],
  },
  {
    name: 'Americas Branches',
    weight: 26,
    sites: ['nyc', 'chi', 'dal', 'atl', 'tor', 'mex', 'sao', 'bos'],
    roles: [
      ['br-rtr', 35],
      ['acc-sw', 60],
      ['dist-sw', 3],
    ],
    modes: [
      ['cloud', 60],
      ['cslu', 35],
      ['offline', 5],
    ],
  },
  {
    name: 'Data Centre',
    weight: 12,
    sites: ['ldc', 'ash'],
    roles: [
      ['dc-sw', 70],
      ['core-sw', 10],
      ['wan-rtr', 20],
    ],
    modes: [
      ['cslu', 45],
      ['slr', 35],
      ['offline', 20],
    ],
  },
  {
    name: 'Wireless',
    weight: 1.5,
    sites: ['lon', 'man', 'fra', 'nyc', 'chi'],
    roles: [['wlc', 1]],
    modes: [
      ['cloud', 50],
      ['onprem', 50],
    ],
  },
  {
    name: 'Lab',
    weight: 4,
    sites: ['lab'],
    roles: [
      ['acc-sw', 60],
      ['br-rtr', 20],
      ['dc-sw', 20],
    ],
    modes: [
      ['slr', 40],
      ['plr', 15],
      ['offline', 25],
      ['cloud', 20],
    ],
  },
];

const PINNED = [
  ['Corporate', 'ise'],
  ['Corporate', 'ise'],
  ['Wireless', 'wlc'],
  ['Wireless', 'wlc'],
  ['Lab', 'acc-sw'],
  ['Lab', 'acc-sw'],
  ['Lab', 'dc-sw'],
  ['Data Centre', 'dc-sw'],
] as const;

/** The shipped demo client: about a dozen licences, six VAs, a few hundred devices. */
export const DEMO_PROFILE: ClientProfile = {
  name: 'Northwind Logistics plc',
  domain: 'northwind-logistics.example',
  asOf: '2026-11-15',
  currency: 'EUR',
  virtualAccounts: ENTERPRISE_VAS,
  pinned: PINNED,
  allowedLicences: new Set([
    'c9300-network-advantage',
    'c9300-dna-advantage',
    'c9200-network-essentials',
    'c9200-dna-essentials',
    'c9500-network-advantage',
    'c9500-dna-advantage',
    'c8300-network-advantage',
    'c8300-dna-advantage',
    'air-network-advantage',
    'air-dna-advantage',
    'isr4k-appx',
    'isr4k-secx',
    'ise-base',
    // traditional only: never in CSSM, but PAK lines and show license name them
    'asr1k-aes',
    'c3850-ipbase',
    'isr4k-uc',
  ]),
  excludedPids: new Set(['C9300L-48P-4G', 'C9407R']),
  poolVa: 'Corporate',
  staleOnPremVa: 'Wireless',
  onPremSyncAgeDays: 38,
};

/** How data/clients/demo is generated (scripts/make-demo.ts; a test checks the committed copy). */
export const DEMO_RUN = { id: 'demo', seed: 'northwind-2026', devices: 350, maxCaptures: 60 } as const;

/** A generic client for scale runs; `name` and `domain` derive from the id. */
export function syntheticProfile(id: string): ClientProfile {
  const words = id.split(/[-_]+/).filter(Boolean);
  const title = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ') || 'Synthetic';
  return {
    name: `${title} Holdings plc`,
    domain: `${words.join('') || 'synthetic'}.example`,
    asOf: '2026-11-15',
    currency: 'EUR',
    virtualAccounts: ENTERPRISE_VAS,
    pinned: PINNED,
    poolVa: 'Corporate',
    staleOnPremVa: 'Wireless',
    onPremSyncAgeDays: 38,
  };
}
