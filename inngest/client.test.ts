import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { fetchWithTimeout } from "./client";

describe("the Inngest client's fetch", () => {
  it("gives up on a server that accepts the connection and never answers", async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const started = Date.now();
      await expect(fetchWithTimeout(100)(`http://127.0.0.1:${port}/e/key`, { method: "POST", body: "[]" })).rejects.toThrow(/aborted|timeout/i);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
