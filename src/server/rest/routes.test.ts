import { describe, expect, it } from "vitest";
import { appRouter } from "../routers/_app";
import { matchRestRoute, restPathSegments, restRoutes } from "./routes";

const routes = restRoutes(appRouter._def.procedures);

describe("REST routing", () => {
  it("reads the path after /v1 or /api/v1, percent-decoded segment by segment", () => {
    expect(restPathSegments("/v1")).toEqual([]);
    expect(restPathSegments("/v1/?x=1")).toEqual([]);
    expect(restPathSegments("/api/v1/packs/a%20b?search=x")).toEqual(["packs", "a b"]);
    expect(restPathSegments("/v1/packs/a%2Fb%3Fc%23d")).toEqual(["packs", "a/b?c#d"]);
    expect(restPathSegments("/v1/packs/caf%C3%A9")).toEqual(["packs", "café"]);
    expect(restPathSegments("/v1x/packs")).toBeNull();
    expect(restPathSegments("/api/trpc/pack.list")).toBeNull();
  });

  it("refuses malformed percent-encoding as invalid_request", () => {
    for (const url of ["/v1/packs/%ZZ", "/v1/packs/%E0%A4%A", "/v1/packs/%ED%A0%80", "/v1/%"]) {
      expect(() => restPathSegments(url), url).toThrow(expect.objectContaining({ appCode: "invalid_request" }));
    }
  });

  it("finds the procedure and its path parameters", () => {
    expect(matchRestRoute(routes, "GET", ["packs", "a/b"])).toMatchObject({
      kind: "found",
      route: { procedurePath: "pack.bySlug" },
      pathParams: { slug: "a/b" },
    });
    expect(matchRestRoute(routes, "HEAD", ["packs"])).toMatchObject({ kind: "found", route: { procedurePath: "pack.list" } });
    expect(matchRestRoute(routes, "POST", ["marketplace", "packs", "p1", "checkout-session"])).toMatchObject({
      route: { procedurePath: "subscription.createCheckout" },
      pathParams: { packId: "p1" },
    });
  });

  it("tells a wrong method from an unknown path", () => {
    expect(matchRestRoute(routes, "DELETE", ["packs"])).toEqual({ kind: "wrong_method", allow: ["GET"] });
    expect(matchRestRoute(routes, "GET", [])).toEqual({ kind: "none" });
    expect(matchRestRoute(routes, "GET", ["packs", ""])).toEqual({ kind: "none" });
    expect(matchRestRoute(routes, "GET", ["packs", "a", "b"])).toEqual({ kind: "none" });
  });

  it("knows which procedures take no input", () => {
    const orgs = routes.find((r) => r.procedurePath === "org.mine");
    expect(orgs?.takesInput).toBe(false);
    expect(routes.find((r) => r.procedurePath === "pack.list")?.takesInput).toBe(true);
  });
});
