import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findUnstorableText, isStorableText, ZText } from "./text";

describe("storable text", () => {
  it("refuses NUL bytes and unpaired surrogates, accepts any other Unicode", () => {
    expect(isStorableText("plain, émoji 🚲, 中文, \u200b, \t\n")).toBe(true);
    for (const bad of ["a\u0000b", "\ud800", "x\udfffy", "🚲".slice(0, 1)]) expect(isStorableText(bad)).toBe(false);
  });

  it("is the base of schema strings and keeps their other rules", () => {
    const schema = z.object({ slug: ZText.trim().min(1).max(5) });
    expect(schema.parse({ slug: " abc " })).toEqual({ slug: "abc" });
    const refused = schema.safeParse({ slug: "a\u0000" });
    expect(refused.error?.issues).toMatchObject([{ path: ["slug"], message: "must not contain NUL bytes or unpaired surrogates" }]);
    expect(schema.safeParse({ slug: "abcdefg" }).success).toBe(false);
  });

  it("finds the first unstorable string anywhere in raw input, keys included", () => {
    expect(findUnstorableText({ a: "ok", b: [1, true, null, { c: "fine" }] })).toBeNull();
    expect(findUnstorableText("\u0000")).toBe("(root)");
    expect(findUnstorableText({ search: "a\u0000" })).toBe("search");
    expect(findUnstorableText({ a: [{ b: "ok" }, { c: "\ud800" }] })).toBe("a.1.c");
    expect(findUnstorableText({ a: { "\u0000": 1 } })).toBe("a.(key)");
    expect(findUnstorableText(new Map([["k", new Set(["\u0000"])]]))).toBe("0.0");
  });

  it("walks deep and cyclic input without recursion", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toMatch(/^0(\.0)+$/);
    const cyclic: Record<string, unknown> = { name: "ok" };
    cyclic.self = cyclic;
    expect(findUnstorableText(cyclic)).toBeNull();
  });
});
