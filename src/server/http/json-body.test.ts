import { describe, expect, it } from "vitest";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "./json-body";

const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);

describe("the JSON depth limit", () => {
  it("allows nesting up to the limit and refuses one level more", () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(`{"a":${nested(MAX_JSON_DEPTH)}}`)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":{"c":[1,{"d":2}]}}}', 5)).toBe(false);
    expect(jsonDepthExceeds('{"a":{"b":{"c":[1,{"d":2}]}}}', 4)).toBe(true);
  });

  it("counts depth, not the number of siblings", () => {
    expect(jsonDepthExceeds(`[${Array.from({ length: 10_000 }, () => "[]").join(",")}]`)).toBe(false);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(jsonDepthExceeds(JSON.stringify({ text: "[".repeat(1000) }))).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ text: `\\"${"{".repeat(1000)}` }))).toBe(false);
  });

  it("counts malformed text as far as it goes, without throwing", () => {
    expect(jsonDepthExceeds("[".repeat(10_000))).toBe(true);
    expect(jsonDepthExceeds("]]]]" + nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds('"unterminated [[[[')).toBe(false);
  });
});
