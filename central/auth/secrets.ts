/**
 * Password hashing (scrypt with its parameters stored in each hash, per-user salt), random tokens
 * and token hashes.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const SCRYPT_KEY_BYTES = 64;

/** scrypt cost parameters; stored with each hash so they can be raised without breaking old hashes. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * Today's parameters (OWASP's scrypt minimum, N=2^17, r=8, p=1: 128 MiB per hash). Hashes made
 * with weaker parameters are rehashed at the next successful login.
 */
export const CURRENT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** What hashes without stored parameters were made with (before issue 10). */
export const LEGACY_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };

function scryptAsync(password: string, salt: string, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; the default 32 MiB ceiling would refuse today's parameters.
  const maxmem = 128 * params.N * params.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT_KEY_BYTES, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** A stored password: `scrypt$N$r$p$<hash>` plus the salt (its own column). */
export interface PasswordHash {
  hash: string;
  salt: string;
}

const ENCODED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)$/;

/** Hashes a password with a fresh random salt, writing the parameters into the hash. */
export async function hashPassword(password: string, params: ScryptParams = CURRENT_SCRYPT): Promise<PasswordHash> {
  const salt = randomBytes(16).toString('base64url');
  const key = (await scryptAsync(password, salt, params)).toString('base64url');
  return { hash: `scrypt$${params.N}$${params.r}$${params.p}$${key}`, salt };
}

/** The parameters a stored hash was made with (legacy hashes carry none). */
export function hashParams(hash: string): ScryptParams {
  const match = ENCODED.exec(hash);
  return match ? { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) } : LEGACY_SCRYPT;
}

/** True when a stored hash is weaker than `target` and should be replaced at the next login. */
export function needsRehash(hash: string, target: ScryptParams = CURRENT_SCRYPT): boolean {
  const params = hashParams(hash);
  return params.N < target.N || params.r < target.r || params.p < target.p;
}

/** Compares in constant time, with the parameters stored in the hash. */
export async function verifyPassword(password: string, hash: string, salt: string): Promise<boolean> {
  const match = ENCODED.exec(hash);
  const expected = Buffer.from(match ? (match[4] ?? '') : hash, 'base64url');
  const actual = await scryptAsync(password, salt, hashParams(hash));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A random secret for tokens and session ids (256 bits, URL-safe). */
export function randomSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** SHA-256 hex: tokens and session ids are stored only as this hash. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time string comparison. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
