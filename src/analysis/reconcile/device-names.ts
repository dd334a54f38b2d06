import type { DeviceView } from './estate.ts';
import { instanceUdi } from './estate.ts';
import { normalisePid } from './udi.ts';

/*
 * A device's PIDs and names, derived from its records when a check asks. Reconcile used to keep
 * both lists on every device (two arrays per device, 200,000 devices) for the few devices that
 * data-quality and the hostname join look at. Order is the join's: inventory records, then
 * product instances, then captures, each in input order; a name seen again is not repeated.
 */

function addName(list: string[], v: string): void {
  if (!list.includes(v)) list.push(v);
}

/** The device's PIDs, normalised: its inventory rows' PIDs, then its product instances' UDI PIDs. */
export function devicePids(d: DeviceView): string[] {
  const out: string[] = [];
  for (const r of d.inventory) if (r.pid) addName(out, normalisePid(r.pid));
  for (const r of d.instances) {
    // joined instances all have a UDI (that is how they were joined)
    const pid = instanceUdi(r)?.pid;
    if (pid) addName(out, normalisePid(pid));
  }
  return out;
}

/** The device's names: inventory hostnames, product instance names, then capture hostnames. */
export function deviceHostnames(d: DeviceView): string[] {
  const out: string[] = [];
  for (const r of d.inventory) if (r.hostname) addName(out, r.hostname);
  for (const r of d.instances) if (r.name) addName(out, r.name);
  for (const c of d.captures) if (c.hostname) addName(out, c.hostname);
  return out;
}
