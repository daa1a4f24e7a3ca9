import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  const doc = openApiDocument("https://packmarket.example");

  it("describes the REST routes under /v1 with auth only where needed", () => {
    expect(doc.servers?.[0]?.url).toBe("https://packmarket.example/v1");
    expect(doc.paths?.["/packs"]?.get?.security ?? []).toEqual([]);
    expect(doc.paths?.["/orgs"]?.get?.security).toEqual([{ session: [] }]);
  });

  it("documents errors in our format", () => {
    const schemas = doc.components?.schemas as Record<string, { properties?: Record<string, unknown> }>;
    const errorSchemas = Object.entries(schemas).filter(([key]) => key.startsWith("error."));
    expect(errorSchemas.length).toBeGreaterThan(0);
    for (const [, schema] of errorSchemas) expect(Object.keys(schema.properties ?? {})).toEqual(["error"]);
  });

  it("promises a 403 only where a member's role or an API key's scope is refused, and a 404 wherever another org can be named", () => {
    const withStatus = (status: string) =>
      Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        Object.entries(item ?? {})
          .filter(([, operation]) => status in ((operation as { responses?: object }).responses ?? {}))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    expect(withStatus("403")).toEqual([
      "POST /marketplace/packs/{packId}/checkout-session",
      "POST /marketplace/billing-portal",
      "POST /marketplace/packs/{packId}/tier",
      "POST /marketplace/api-keys",
      "DELETE /marketplace/api-keys/{keyId}",
      "POST /marketplace/packs/{packId}/snapshots",
      "POST /marketplace/payouts/connect-link",
      "GET /marketplace/payouts/connect/callback",
      "POST /marketplace/payouts/connect/dashboard-link",
      "POST /marketplace/products",
      "PATCH /marketplace/products/{productId}",
      "PUT /marketplace/opt-in",
      // A key of the wrong scope: an ingest key reading, a read key ingesting.
      "GET /snapshots/{snapshotId}/download",
      "GET /packs/{slug}/rows",
      "POST /ingest/sessions",
    ]);
    expect(withStatus("404")).toEqual(
      expect.arrayContaining(["GET /orgs/active", "GET /marketplace/my-packs", "POST /marketplace/billing-portal", "GET /marketplace/api-keys"]),
    );
    expect(withStatus("404")).not.toContain("GET /orgs");
  });

  it("says which form the opt-in PUT takes: a list of changes, not the whole state", () => {
    const put = doc.paths?.["/marketplace/opt-in"]?.put;
    expect(put?.description).toContain("The body is a list of changes, not the whole desired state");
    const body = put?.requestBody as { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
    expect(Object.keys(body.content["application/json"]!.schema.properties).sort()).toEqual(["changes", "marketplaceOptIn"]);
  });

  it("documents the data API's rows route by hand: bearer key, parameters, formats and every error", () => {
    const op = doc.paths?.["/packs/{slug}/rows"]?.get as unknown as {
      security: unknown;
      parameters: { name: string }[];
      responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
    };
    expect(op.security).toEqual([{ apiKey: [] }]);
    expect((doc.components?.securitySchemes as Record<string, unknown>).apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(op.parameters.map((p) => p.name)).toEqual(["slug", "limit", "cursor", "format"]);
    expect(Object.keys(op.responses["200"]!.content!)).toEqual(["application/json", "application/x-ndjson", "text/csv"]);
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "403", "404", "405", "429", "500"]);
    expect(JSON.stringify(op.responses["404"])).toContain("collecting contributors");
    expect(op.responses["429"]!.headers).toHaveProperty("Retry-After");
    expect(JSON.stringify(op.responses["429"])).toContain("rate_limited");
    expect(JSON.stringify(op.responses["429"])).toContain("quota_exceeded");
  });

  it("describes the snapshot download, which streams a file outside the tRPC procedures", () => {
    const download = doc.paths?.["/snapshots/{snapshotId}/download"]?.get;
    expect(Object.keys(download?.responses ?? {})).toEqual(["200", "400", "401", "403", "404", "429"]);
    expect(Object.keys((download?.responses?.["200"] as { content: object }).content)).toEqual(["text/csv", "application/x-ndjson"]);
  });

  it("describes the statement downloads, files outside the tRPC procedures, beside the statement routes", () => {
    for (const format of ["csv", "pdf"]) {
      const download = doc.paths?.[`/marketplace/statements/{month}.${format}`]?.get;
      expect(download?.security).toEqual([{ session: [] }]);
      expect(Object.keys(download?.responses ?? {})).toEqual(["200", "400", "401", "404", "405"]);
      expect(Object.keys((download?.responses?.["200"] as { content: object }).content)).toEqual([format === "csv" ? "text/csv" : "application/pdf"]);
    }
    expect(doc.paths?.["/marketplace/statements"]?.get?.parameters).toEqual([expect.objectContaining({ name: "month", in: "query", required: true })]);
    expect(doc.paths?.["/marketplace/statements/list"]?.get).toBeDefined();
  });

  it("documents session ingest by hand: an ingest key, the batch, each session's result and every rejection code", () => {
    const op = doc.paths?.["/ingest/sessions"]?.post as unknown as {
      security: unknown;
      "x-api-key-scope": string;
      description: string;
      requestBody: { content: { "application/json": { schema: { properties: { sessions: { maxItems: number; items: { required: string[] } } } } } } };
      responses: Record<string, unknown>;
    };
    expect(op.security).toEqual([{ apiKey: [] }]);
    expect(op["x-api-key-scope"]).toBe("ingest");
    const sessions = op.requestBody.content["application/json"].schema.properties.sessions;
    expect(sessions.maxItems).toBe(1000);
    expect(sessions.items.required).toEqual(["client_session_id", "product_id", "pack", "occurred_at", "payload"]);
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "403", "405", "429", "500"]);
    for (const code of ["invalid_session", "invalid_time", "pack_not_found", "product_not_found", "marketplace_off", "not_opted_in", "schema_mismatch"]) {
      expect(op.description).toContain(`\`${code}\``);
      expect(JSON.stringify(op.responses["200"])).toContain(code);
    }
  });
});
