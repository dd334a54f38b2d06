import { createHash } from 'node:crypto';

/** The sha256 of text (as UTF-8) or bytes, in hex: the digest every cache and kept file is keyed by. */
export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
