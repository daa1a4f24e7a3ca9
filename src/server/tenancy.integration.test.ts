import { describe, expect, it } from "vitest";
import { addMember, callerFor, makeOrg, makeUserInOrg, sessionFor } from "~/test/factories";

describe("org-scoped procedures", () => {
  it("refuse a caller who is not signed in", async () => {
    await expect(callerFor(null).org.active()).rejects.toMatchObject({ code: "UNAUTHORIZED", appCode: "unauthorized" });
    await expect(callerFor(null).org.mine()).rejects.toMatchObject({ appCode: "unauthorized" });
  });

  it("act for the requested org when the user is a member of it", async () => {
    const { user, org } = await makeUserInOrg("owner");
    const second = await makeOrg({ name: "Second Org" });
    await addMember(user.id, second.id, "member");
    const active = await callerFor(sessionFor(user), second.id).org.active();
    expect(active).toMatchObject({ id: second.id, name: "Second Org", role: "member" });
    expect((await callerFor(sessionFor(user)).org.active()).id).toBe(org.id);
    expect((await callerFor(sessionFor(user)).org.mine()).map((o) => o.id)).toEqual([org.id, second.id]);
  });

  it("answer not_found, never forbidden, for another org", async () => {
    const { user } = await makeUserInOrg();
    const { org: foreign } = await makeUserInOrg();
    await expect(callerFor(sessionFor(user), foreign.id).org.active()).rejects.toMatchObject({
      code: "NOT_FOUND",
      appCode: "not_found",
    });
    await expect(callerFor(sessionFor(user), "does-not-exist").org.active()).rejects.toMatchObject({ appCode: "not_found" });
  });

  it("answer not_found for any requested value that is not one of the user's orgs, never falling back to the first org", async () => {
    const { user, org } = await makeUserInOrg();
    const hostile = [org.id + "x".repeat(64), "x".repeat(10_000), `${org.id}\u0000`, "\ud800", "'; drop table orgs; --", " ", org.id.toUpperCase() + "!"];
    for (const value of hostile) {
      await expect(callerFor(sessionFor(user), value).org.active()).rejects.toMatchObject({ appCode: "not_found" });
    }
  });
});
