// A seller connects Stripe for payouts, against the Stripe fake's hosted onboarding: leaves half
// way, continues, outlives a link (regenerated through the refresh URL), completes, and the payouts
// page says payouts are enabled; a member of the org sees it but cannot act.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "~/server/db";
import { chromiumPagePerFile } from "./browser";
import { signInByEmail } from "./sign-in";

const baseUrl = inject("baseUrl");
const stripeFakeUrl = inject("stripeFakeUrl");
const db = createDb(inject("databaseUrl"));
const ui = chromiumPagePerFile();
afterAll(() => db.$disconnect());

const PAYOUTS = `${baseUrl}/app/marketplace/payouts`;
const ONBOARDING = new RegExp(`^${stripeFakeUrl}/connect/onboard/(acct_\\w+)/\\w+$`);

// A seller org of its own (the demo sellers' accounts are the demo's): its owner and a member.
async function sellerOrg() {
  const id = randomBytes(4).toString("hex");
  const org = await db.org.create({ data: { name: `Connect Sellers ${id}`, slug: `connect-sellers-${id}`, settings: { create: {} } } });
  const owner = await db.user.create({ data: { email: `connect-owner-${id}@e2e.example`, name: "Olga Owner" } });
  const member = await db.user.create({ data: { email: `connect-member-${id}@e2e.example`, name: "Milo Member" } });
  await db.membership.create({ data: { userId: owner.id, orgId: org.id, role: "owner" } });
  await db.membership.create({ data: { userId: member.id, orgId: org.id, role: "member" } });
  return { org, owner, member };
}

describe("Stripe Connect on the payouts page", () => {
  it("an owner connects through the fake's onboarding, a stale link is regenerated, and payouts end up enabled", async () => {
    const { org, owner, member } = await sellerOrg();
    const page = ui.page;
    await signInByEmail(page, owner.email, "/app/marketplace/payouts");
    const badge = page.getByTestId("connect-status");
    expect(await badge.innerText()).toBe("Not connected");
    await page.getByText("No statements yet").waitFor();

    // Connect → Stripe's hosted onboarding, for an Express account now stored on the org.
    await page.getByRole("button", { name: "Connect Stripe Account" }).click();
    await page.waitForURL(ONBOARDING);
    const accountId = ONBOARDING.exec(page.url())![1]!;
    const profile = await db.orgBillingProfile.findUniqueOrThrow({ where: { orgId: org.id } });
    expect(profile).toMatchObject({ stripeConnectId: accountId, connectPayoutsEnabled: false });

    // Back without finishing: the callback asks Stripe and says what is missing.
    await page.getByRole("link", { name: "Return without finishing" }).click();
    await page.getByTestId("connect-incomplete").getByText("Onboarding isn't finished yet").waitFor();
    expect(page.url()).toBe(`${baseUrl}/app/marketplace/payouts/connect/callback?org=${org.id}`);
    await page.getByRole("link", { name: "Back to payouts" }).click();
    await page.waitForURL(PAYOUTS);
    await badge.getByText("Onboarding incomplete").waitFor();

    // Continue, then let the link expire: visiting it goes through the refresh URL to a new one.
    await page.getByRole("button", { name: "Continue onboarding" }).click();
    await page.waitForURL(ONBOARDING);
    const staleUrl = page.url();
    expect(ONBOARDING.exec(staleUrl)![1]).toBe(accountId);
    const expire = await fetch(`${stripeFakeUrl}/_fake/accounts/${accountId}/expire-links`, { method: "POST" });
    expect(expire.status).toBe(200);
    await page.goto(staleUrl);
    await page.waitForURL((url) => ONBOARDING.test(url.href) && url.href !== staleUrl, { timeout: 30_000 });
    expect(ONBOARDING.exec(page.url())![1]).toBe(accountId);

    // Complete: back on the callback, which reports success and returns to payouts.
    await page.getByRole("button", { name: "Complete onboarding" }).click();
    await page.getByTestId("connect-success").getByText("Your Stripe account is connected").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: "test-results/connect-callback.png", fullPage: true });
    await page.waitForURL(PAYOUTS, { timeout: 15_000 });
    await badge.getByText("Payouts enabled").waitFor();
    expect(await page.getByTestId("connect-card").innerText()).toContain(accountId);
    await page.screenshot({ path: "test-results/payouts-connected.png", fullPage: true });
    expect(await db.orgBillingProfile.findUniqueOrThrow({ where: { orgId: org.id } })).toMatchObject({
      stripeConnectId: accountId,
      connectDetailsSubmitted: true,
      connectPayoutsEnabled: true,
    });
    // The fake's account.updated reached the Connect webhook too, verified with its own secret.
    await expect
      .poll(() => db.stripeEvent.count({ where: { account: accountId, type: "account.updated", status: "processed" } }), { timeout: 30_000 })
      .toBe(1);

    await page.getByRole("button", { name: "Open Stripe dashboard" }).click();
    await page.waitForURL(`${stripeFakeUrl}/connect/express/${accountId}`);
    await page.getByText("Express dashboard").first().waitFor();

    // A member sees where the org stands, and why the button is not theirs to press.
    const context = await ui.browser.newContext();
    const memberPage = await context.newPage();
    await signInByEmail(memberPage, member.email, "/app/marketplace/payouts");
    await memberPage.getByTestId("connect-status").getByText("Payouts enabled").waitFor();
    expect(await memberPage.getByRole("button", { name: "Open Stripe dashboard" }).isDisabled()).toBe(true);
    expect(await memberPage.getByTestId("connect-role-note").innerText()).toContain(`Only admins and owners of ${org.name} can manage payouts`);
    await context.close();
  });
});
