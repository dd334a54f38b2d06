import { addDays, ciscoRestartStamp, uptimeText } from './dates.ts';
import type { Device } from './model.ts';

/** IOS XE release trains and their code names, as `show version` prints them. */
const TRAIN_NAMES: [RegExp, string][] = [
  [/^16\.3\./, 'Denali'],
  [/^16\.6\./, 'Everest'],
  [/^16\.9\./, 'Fuji'],
  [/^16\.12\./, 'Gibraltar'],
  [/^17\.3\./, 'Amsterdam'],
  [/^17\.6\./, 'Bengaluru'],
  [/^17\.9\./, 'Cupertino'],
  [/^17\.12\./, 'Dublin'],
];

const LEGAL = `Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or "License Notice" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.`;

function platformSoftware(d: Device): string {
  const f = d.platform.family;
  if (f === 'C9800') return 'C9800 Software (C9800_IOSXE-K9)';
  if (f.startsWith('C9') || f === 'C3850') return 'Catalyst L3 Switch Software (CAT9K_IOSXE)';
  if (f === 'ASR1000') return 'ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)';
  if (f === 'C8300') return 'c8000be Software (X86_64_LINUX_IOSD-UNIVERSALK9_NPE-M)';
  return 'ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)';
}

/** Two-digit XE version as the first line prints it: 17.9.4a → 17.09.04a. */
function xeVersion(v: string): string {
  const [a, b, c] = v.split('.');
  return `${a}.${(b ?? '0').padStart(2, '0')}.${(c ?? '0').padStart(2, '0')}`;
}

function smartStatus(d: Device): string {
  if (d.era === 'slup') return 'Smart Licensing Using Policy';
  if (d.evalMode) return 'UNREGISTERED/EVAL MODE';
  if (d.reservation !== 'none') return 'REGISTERED/AUTHORIZED - RESERVED';
  return 'REGISTERED/AUTHORIZED';
}

function licenceTable(d: Device, names: string[]): string {
  if (d.era === 'traditional') {
    if (!d.pid.startsWith('ISR')) {
      const level = names[0] ?? 'ipbase';
      return `License Level: ${level}\nLicense Type: Permanent Right-To-Use\nNext reload license Level: ${level}\n`;
    }
    const row = (tech: string, pkg: string) =>
      names.includes(pkg)
        ? `${tech.padEnd(17)}${pkg.padEnd(17)}${'Permanent'.padEnd(17)}${pkg}`
        : `${tech.padEnd(17)}${'None'.padEnd(17)}${'None'.padEnd(17)}None`;
    return `Technology Package License Information: 

-----------------------------------------------------------------
Technology    Technology-package           Technology-package
              Current       Type           Next reboot  
------------------------------------------------------------------
${row('appxk9', 'appxk9')}
${row('uck9', 'uck9')}
${row('securityk9', 'securityk9')}
${'ipbase'.padEnd(17)}${'ipbasek9'.padEnd(17)}${'Permanent'.padEnd(17)}ipbasek9
`;
  }
  const lines = names.map((n) => {
    const short = n.split(' ')[0]!;
    const type = short.includes('dna') ? 'Subscription Smart License' : 'Smart License';
    return `${short.padEnd(20)}\t${type.padEnd(30)}\t ${short}`;
  });
  return `Technology Package License Information: 

------------------------------------------------------------------------------
Technology-package                                     Technology-package
Current                        Type                       Next reboot  
------------------------------------------------------------------------------
${lines.join('\n')}
`;
}

/** `show version` for IOS XE switches, routers and controllers (shape of the corpus captures). */
export function showVersion(d: Device, asOf: string, names: string[], seconds: number): string {
  const train = TRAIN_NAMES.find(([re]) => re.test(d.os))?.[1] ?? 'Cupertino';
  const up = 60 * 24 * ((seconds % 400) + 3) + (seconds % 1440);
  const switchTable =
    d.platform.family.startsWith('C9') && d.platform.family !== 'C9800'
      ? `
Switch Ports Model              SW Version        SW Image              Mode   
------ ----- -----              ----------        ----------            ----   
*    1 ${String(d.pid.includes('24') ? 28 : 56).padEnd(5)} ${d.pid.padEnd(18)} ${xeVersion(d.os).padEnd(17)} CAT9K_IOSXE           INSTALL
`
      : '';
  return `Cisco IOS XE Software, Version ${xeVersion(d.os)}
Cisco IOS Software [${train}], ${platformSoftware(d)}, Version ${d.os}, RELEASE SOFTWARE (fc2)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Thu 20-Jul-23 12:17 by mcpre


${LEGAL}


ROM: IOS-XE ROMMON
BOOTLDR: System Bootstrap, Version 17.6.1r[FC2], RELEASE SOFTWARE (P)

${d.hostname} uptime is ${uptimeText(up)}
Uptime for this control processor is ${uptimeText(up + 4)}
System returned to ROM by Reload Command
System restarted at ${ciscoRestartStamp(addDays(asOf, -Math.floor(up / 1440)), seconds % 86_400)}
System image file is "flash:packages.conf"
Last reload reason: Reload Command


${licenceTable(d, names)}
${d.era === 'traditional' ? '' : `Smart Licensing Status: ${smartStatus(d)}\n`}
cisco ${d.pid} (X86) processor with 1863083K/6147K bytes of memory.
Processor board ID ${d.serial}
${d.pid.includes('48') ? 52 : 28} Gigabit Ethernet interfaces
2048K bytes of non-volatile configuration memory.
8388608K bytes of physical memory.

Model Number                       : ${d.pid}
System Serial Number               : ${d.serial}
${switchTable}
Configuration register is 0x102
`;
}
