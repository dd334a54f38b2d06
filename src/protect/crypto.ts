import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; the issue asks for at least 600,000. */
export const PBKDF2_ITERATIONS = 600_000;

export interface SiteKey {
  key: Buffer;
  salt: Buffer;
  iterations: number;
}

/** One key per protected site: the browser derives it once from the password and keeps it for the session. */
export function deriveSiteKey(
  password: string,
  iterations = PBKDF2_ITERATIONS,
  salt: Buffer = randomBytes(16),
): SiteKey {
  return { key: pbkdf2Sync(password, salt, iterations, 32, 'sha256'), salt, iterations };
}

export interface Sealed {
  iv: string;
  data: string;
}

/** AES-256-GCM with a fresh 96-bit IV; the tag is appended to the ciphertext as WebCrypto expects. */
export function seal(key: SiteKey, plaintext: Uint8Array | string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('base64'), data: body.toString('base64') };
}
