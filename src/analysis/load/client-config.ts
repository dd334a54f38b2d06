import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { ClientConfig } from '../model/client.ts';
import { BinaryFileError, decodeText } from './decode.ts';
import { parseDate } from './values.ts';

/** Client ids become folder names in the output: letters, digits, `-` and `_` only. */
export const CLIENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

export class ClientConfigError extends Error {
  readonly problems: { line?: number; column?: number; message: string }[];
  constructor(problems: { line?: number; column?: number; message: string }[]) {
    super(
      problems
        .map((p) => (p.line ? `line ${p.line}, column ${p.column ?? 1}: ${p.message}` : p.message))
        .join('\n'),
    );
    this.problems = problems;
  }
}

const isoDate = z.union([z.string(), z.date()]).transform((v, ctx) => {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const r = parseDate(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.value;
});
const pct = z.number({ error: 'expected a number from 0 to 100' }).min(0).max(100);

const schema = z
  .object({
    name: z.string({ error: 'expected the client name as text' }).min(1),
    asOf: isoDate,
    currency: z
      .string({ error: 'expected a 3-letter ISO currency code such as EUR' })
      .regex(/^[A-Z]{3}$/, 'expected a 3-letter ISO currency code such as EUR'),
    smartAccount: z.string().optional(),
    dateOrder: z.enum(['DMY', 'MDY']).default('MDY'),
    agreement: z
      .object({
        type: z.enum(['EA', 'ELA', 'none']),
        start: isoDate.optional(),
        end: isoDate.optional(),
        trueForward: z.array(isoDate).default([]),
        growthAllowancePct: pct.default(0),
      })
      .strict()
      .optional(),
    pricing: z
      .object({ discountPct: pct.default(0), swssUpliftPct: pct.default(0) })
      .strict()
      .default({ discountPct: 0, swssUpliftPct: 0 }),
    report: z
      .object({
        preparedBy: z.string().optional(),
        confidentiality: z.string().optional(),
        redact: z.boolean().default(false),
      })
      .strict()
      .default({ redact: false }),
  })
  .strict();

/** client.yaml as bytes: any BOM or encoding a text file may have (UTF-8, UTF-16, Windows-1252). */
export function readClientConfig(id: string, bytes: Uint8Array): ClientConfig {
  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch (e) {
    if (e instanceof BinaryFileError) throw new ClientConfigError([{ message: `client.yaml: ${e.message}` }]);
    throw e;
  }
  return parseClientConfig(id, text);
}

/** Parse and validate client.yaml; every problem names its line and column and what was expected. */
export function parseClientConfig(id: string, text: string): ClientConfig {
  if (!CLIENT_ID.test(id)) {
    throw new ClientConfigError([
      {
        message: `client folder name "${id}" is not a valid client id (letters, digits, - and _; no dots or slashes)`,
      },
    ]);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const lineCol = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const before = text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  };
  if (doc.errors.length) {
    throw new ClientConfigError(
      doc.errors.map((e) => ({
        ...lineCol(e.pos[0]),
        message: `${e.message.split('\n')[0]}${/\t/.test(text) ? ' (YAML does not allow tabs for indentation)' : ''}`,
      })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // the yaml library refuses alias bombs ("billion laughs") with a ReferenceError
    throw new ClientConfigError([
      { message: `${(e as Error).message}; expected plain values (YAML aliases expand too far)` },
    ]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ClientConfigError([{ message: 'expected a YAML mapping with name, asOf and currency' }]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ClientConfigError(
      parsed.error.issues.map((issue) => {
        const path = issue.path.map(String);
        const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
        const parent = doc.getIn(path.slice(0, -1), true) as { range?: [number, number] } | undefined;
        const at = path.length > 0 && !doc.hasIn(path) ? {} : lineCol(node?.range?.[0] ?? parent?.range?.[0]);
        const key = path.join('.') || '(top level)';
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${key}`
            : path.length > 0 && !doc.hasIn(path)
              ? `missing required key "${key}"`
              : `${key}: ${issue.message}`;
        return { ...at, message };
      }),
    );
  }
  const c = parsed.data;
  const agreement = c.agreement;
  if (agreement && agreement.type !== 'none' && (!agreement.start || !agreement.end)) {
    throw new ClientConfigError([{ message: `agreement: an ${agreement.type} needs start and end dates` }]);
  }
  return {
    id,
    name: c.name,
    asOf: c.asOf,
    currency: c.currency,
    dateOrder: c.dateOrder,
    ...(c.smartAccount ? { smartAccount: c.smartAccount } : {}),
    ...(agreement ? { agreement } : {}),
    pricing: c.pricing,
    report: {
      ...(c.report.preparedBy ? { preparedBy: c.report.preparedBy } : {}),
      confidentiality: c.report.confidentiality ?? `Confidential - prepared for ${c.name}`,
      redact: c.report.redact,
    },
  } as ClientConfig;
}
