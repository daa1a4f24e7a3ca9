import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  const doc = openApiDocument("https://packmarket.example");

  it("describes the REST routes under /v1 with auth only where needed", () => {
    expect(doc.servers?.[0]?.url).toBe("https://packmarket.example/v1");
    expect(doc.paths?.["/packs"]?.get?.security ?? []).toEqual([]);
    expect(doc.paths?.["/orgs"]?.get?.security).toEqual([{ session: [] }]);
  });

  it("documents errors in our format and never a 403", () => {
    const schemas = doc.components?.schemas as Record<string, { properties?: Record<string, unknown> }>;
    const errorSchemas = Object.entries(schemas).filter(([key]) => key.startsWith("error."));
    expect(errorSchemas.length).toBeGreaterThan(0);
    for (const [, schema] of errorSchemas) expect(Object.keys(schema.properties ?? {})).toEqual(["error"]);
    expect(JSON.stringify(doc.paths)).not.toContain('"403"');
  });
});
