// The shape of an API key and what is kept of it. A key is `pm_live_` plus 43 base62 characters
// (256 bits from node:crypto); the database keeps only its SHA-256 and the first 12 characters, so
// a leaked table (or a query log, or a database error that echoes its arguments) holds no usable key.
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_SCHEME = "pm_live_";
const SECRET_LENGTH = 43; // 43 × log2(62) ≈ 256 bits
export const API_KEY_LENGTH = API_KEY_SCHEME.length + SECRET_LENGTH;
// Enough to tell keys apart in a list, far too little to guess the rest.
export const API_KEY_PREFIX_LENGTH = 12;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// 248 = 4 × 62: bytes at or above it are dropped, so every character is equally likely.
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);
const KEY_PATTERN = new RegExp(`^${API_KEY_SCHEME}[0-9A-Za-z]{${SECRET_LENGTH}}$`);

// Base62 rather than base64url: no `-` or `_`, so a double click selects the whole key.
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX_LENGTH);
}

export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = API_KEY_SCHEME + randomBase62(SECRET_LENGTH);
  return { key, hash: hashApiKey(key), prefix: apiKeyPrefix(key) };
}

// Whether a presented value could be one of our keys at all; anything else is refused before it
// costs a query.
export function looksLikeApiKey(value: unknown): value is string {
  return typeof value === "string" && value.length === API_KEY_LENGTH && KEY_PATTERN.test(value);
}
