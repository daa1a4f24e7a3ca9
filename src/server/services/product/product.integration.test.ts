// Products: created, renamed and described by admins and owners, read by every member, unique by
// name within an org, invisible to other orgs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { addMember, callerFor, makeUser, makeUserInOrg, sessionFor } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";

let rest: Awaited<ReturnType<typeof startRestServer>>;
beforeAll(async () => {
  rest = await startRestServer();
});
afterAll(() => rest?.close());

async function owner() {
  const { user, org } = await makeUserInOrg("owner");
  return { user, org, caller: callerFor(sessionFor(user), org.id) };
}

describe("products", () => {
  it("creates, lists (by name), renames and describes the org's products", async () => {
    const { caller } = await owner();
    const ride = await caller.product.create({ name: "  Northwind Ride ", description: "Ride-hailing app" });
    expect(ride).toEqual({ id: expect.any(String), name: "Northwind Ride", description: "Ride-hailing app", createdAt: expect.any(Date) });
    await caller.product.create({ name: "acme steps" });
    expect((await caller.product.list()).products.map((p) => p.name)).toEqual(["acme steps", "Northwind Ride"]);

    const renamed = await caller.product.update({ productId: ride.id, name: "Northwind Rides" });
    expect(renamed).toMatchObject({ id: ride.id, name: "Northwind Rides", description: "Ride-hailing app" });
    const described = await caller.product.update({ productId: ride.id, description: "Ride-hailing in five metros" });
    expect(described).toMatchObject({ name: "Northwind Rides", description: "Ride-hailing in five metros" });
    await expect(caller.product.update({ productId: ride.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.product.create({ name: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("keeps names unique within an org (409 conflict) but not across orgs", async () => {
    const { caller } = await owner();
    const first = await caller.product.create({ name: "Loyalty" });
    const second = await caller.product.create({ name: "Checkout" });
    await expect(caller.product.create({ name: "Loyalty" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Loyalty") });
    await expect(caller.product.update({ productId: second.id, name: "Loyalty" })).rejects.toMatchObject({ code: "CONFLICT" });
    // Renaming a product to its own name is no clash.
    await expect(caller.product.update({ productId: first.id, name: "Loyalty" })).resolves.toMatchObject({ name: "Loyalty" });
    // Two creates at once: one product.
    const results = await Promise.allSettled([caller.product.create({ name: "Race" }), caller.product.create({ name: "Race" })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await getDb().product.count({ where: { name: "Race" } })).toBe(1);

    const other = await owner();
    await expect(other.caller.product.create({ name: "Loyalty" })).resolves.toMatchObject({ name: "Loyalty" });
  });

  it("answers not_found for another org's product and never lists it", async () => {
    const mine = await owner();
    const theirs = await owner();
    const secret = await theirs.caller.product.create({ name: "Secret product" });
    await expect(mine.caller.product.update({ productId: secret.id, name: "Mine now" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await mine.caller.product.list()).products).toEqual([]);
    expect(await getDb().product.findUniqueOrThrow({ where: { id: secret.id } })).toMatchObject({ name: "Secret product" });
  });

  it("lets members read and refuses them changes (403), through tRPC and REST", async () => {
    const { org, caller } = await owner();
    const product = await caller.product.create({ name: "Steps" });
    const member = await makeUser();
    await addMember(member.id, org.id, "member");
    const asMember = callerFor(sessionFor(member), org.id);
    expect((await asMember.product.list()).products.map((p) => p.id)).toEqual([product.id]);
    await expect(asMember.product.create({ name: "Sleep" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asMember.product.update({ productId: product.id, name: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const headers = { cookie: await sessionCookie(member), "x-pm-org": org.id, "content-type": "application/json" };
    const res = await fetch(`${rest.url}/v1/marketplace/products/${product.id}`, { method: "PATCH", headers, body: JSON.stringify({ name: "Mine" }) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });

  it("serves REST: POST, GET and PATCH /v1/marketplace/products, with 409 for a taken name", async () => {
    const { user, org } = await makeUserInOrg("admin");
    const headers = { cookie: await sessionCookie(user), "x-pm-org": org.id, "content-type": "application/json" };
    const created = await fetch(`${rest.url}/v1/marketplace/products`, { method: "POST", headers, body: JSON.stringify({ name: "Fleet", description: "Telematics" }) });
    expect(created.status).toBe(200);
    const product = (await created.json()) as { id: string; name: string; description: string; createdAt: string };
    expect(product).toMatchObject({ name: "Fleet", description: "Telematics", createdAt: expect.any(String) });

    const clash = await fetch(`${rest.url}/v1/marketplace/products`, { method: "POST", headers, body: JSON.stringify({ name: "Fleet" }) });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: { code: string } }).error.code).toBe("conflict");

    const patched = await fetch(`${rest.url}/v1/marketplace/products/${product.id}`, { method: "PATCH", headers, body: JSON.stringify({ name: "Fleet Telematics" }) });
    expect(((await patched.json()) as { name: string }).name).toBe("Fleet Telematics");
    const list = await fetch(`${rest.url}/v1/marketplace/products`, { headers });
    expect(((await list.json()) as { products: { name: string }[] }).products.map((p) => p.name)).toEqual(["Fleet Telematics"]);

    const missing = await fetch(`${rest.url}/v1/marketplace/products/nope`, { method: "PATCH", headers, body: JSON.stringify({ name: "X" }) });
    expect(missing.status).toBe(404);
  });
});
