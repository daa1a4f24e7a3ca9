import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { API_KEY_LENGTH, apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from "./api-key-secret";

describe("API key secrets", () => {
  it("are pm_live_ plus 43 base62 characters, with their SHA-256 and a 12-character prefix", () => {
    const { key, hash, prefix } = generateApiKey();
    expect(key).toMatch(/^pm_live_[0-9A-Za-z]{43}$/);
    expect(key).toHaveLength(API_KEY_LENGTH);
    expect(hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hash).toBe(hashApiKey(key));
    expect(prefix).toBe(key.slice(0, 12));
    expect(apiKeyPrefix(key)).toBe(prefix);
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it("use every base62 character about equally (no modulo bias, no fixed positions)", () => {
    const counts = new Map<string, number>();
    const keys = Array.from({ length: 2000 }, () => generateApiKey().key.slice(8));
    for (const secret of keys) for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (2000 * 43) / 62;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("recognise only their own shape", () => {
    const { key } = generateApiKey();
    for (const value of ["", key.slice(0, -1), `${key}a`, ` ${key}`, key.replace("pm_live_", "pm_test_"), `pm_live_${"_".repeat(43)}`, 7, null]) {
      expect(looksLikeApiKey(value)).toBe(false);
    }
  });
});
