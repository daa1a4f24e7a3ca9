// The seller's pages in a browser: the opt-in table (a toggle saves with a toast, a reload shows what
// was saved, a failed save switches the toggle back with an error toast) and the contributions page.
// The seller org is this file's own, made in the database, so other browser tests are not disturbed.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { monthStart } from "~/lib/month";
import { createDb } from "~/server/db";
import { chromiumPagePerFile } from "./browser";
import { signInByEmail } from "./sign-in";

const baseUrl = inject("baseUrl");
const db = createDb(inject("databaseUrl"));
const ui = chromiumPagePerFile();
afterAll(() => db.$disconnect());

async function sellerOwner() {
  const user = await db.user.create({ data: { email: "optin-owner@e2e.example", name: "Olive Optin" } });
  const org = await db.org.create({ data: { name: "Opt-in Sellers", slug: "opt-in-sellers", settings: { create: {} } } });
  await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
  const ride = await db.product.create({ data: { orgId: org.id, name: "E2E Ride", description: "Rides for the browser test" } });
  const steps = await db.product.create({ data: { orgId: org.id, name: "E2E Steps" } });
  return { user, org, ride, steps };
}

const toggle = (page: Page, name: string) => page.getByRole("switch", { name, exact: true });
const toast = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });

describe("the opt-in page", () => {
  it("saves a toggle with a toast, keeps it across a reload, and switches a failed save back with an error toast", async () => {
    const { user, org, ride, steps } = await sellerOwner();
    const page = ui.page;
    await signInByEmail(page, user.email, "/app/marketplace/opt-in");
    await page.getByTestId("opt-in-table").waitFor();
    expect(await page.getByTestId("switch-off-notice").isVisible()).toBe(true);
    // Before opting in, the cell shows what it would likely earn (or that there is nothing to go on).
    const urban = page.getByTestId("opt-in-row").filter({ hasText: "Urban Trip Flows" });
    expect(await urban.innerText()).toMatch(/No recent sessions to estimate from|Est\. \$/);

    await page.getByTestId("marketplace-switch").click();
    await toast(page, "Marketplace participation is on").waitFor();
    await toggle(page, "E2E Ride in Urban Trip Flows").click();
    await toast(page, "E2E Ride now contributes to Urban Trip Flows").waitFor();
    expect(await toggle(page, "E2E Ride in Urban Trip Flows").getAttribute("aria-checked")).toBe("true");
    await page.screenshot({ path: "test-results/opt-in-saved.png", fullPage: true });

    await page.reload();
    await page.getByTestId("opt-in-table").waitFor();
    expect(await toggle(page, "E2E Ride in Urban Trip Flows").getAttribute("aria-checked")).toBe("true");
    expect(await page.getByTestId("marketplace-switch").getAttribute("aria-checked")).toBe("true");
    expect(await urban.innerText()).toContain("On since");
    const cell = await db.packOrgMembership.findFirstOrThrow({ where: { orgId: org.id, productId: ride.id }, include: { periods: true } });
    expect(cell.enabled).toBe(true);
    expect(cell.periods.map((p) => p.endedAt)).toEqual([null]);

    // A save the server refuses (answered by the network only once the test has seen the optimistic
    // state, so a slow machine cannot race it): the toggle flips at once, then back.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route("**/api/trpc/optIn.set**", async (route) => {
      await answered;
      await route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify([{ error: { json: { message: "The database is unavailable.", code: -32603, data: { code: "internal_error", httpStatus: 500 } } } }]),
      });
    });
    const grocery = toggle(page, "E2E Steps in Grocery Basket Index");
    await grocery.click();
    await expect.poll(() => grocery.getAttribute("aria-checked")).toBe("true");
    answer();
    await toast(page, "Couldn't save: The database is unavailable. The toggle was switched back.").waitFor();
    await expect.poll(() => grocery.getAttribute("aria-checked")).toBe("false");
    await page.screenshot({ path: "test-results/opt-in-failed.png", fullPage: true });
    await page.unroute("**/api/trpc/optIn.set**");

    // A save that fails for real: the owner was made a member under the page, which still offers the
    // toggles until it next asks; the server refuses (forbidden) and the toggle goes back.
    await db.membership.updateMany({ where: { userId: user.id, orgId: org.id }, data: { role: "member" } });
    const daily = toggle(page, "E2E Steps in Daily Activity & Sleep Benchmarks");
    await daily.click();
    await toast(page, "Only admins and owners of Opt-in Sellers can do this").waitFor();
    await expect.poll(() => daily.getAttribute("aria-checked")).toBe("false");
    expect(await db.packOrgMembership.count({ where: { orgId: org.id, productId: steps.id } })).toBe(0);
    expect(await db.packOrgMembership.count({ where: { orgId: org.id, enabled: true } })).toBe(1);
  });

  it("shows the contributions of the month: sessions, share of the pack, the revenue estimate and pack figures", async () => {
    const user = await db.user.create({ data: { email: "contributions-owner@e2e.example", name: "Cole Contrib" } });
    const org = await db.org.create({ data: { name: "Contributing Sellers", slug: "contributing-sellers", settings: { create: {} } } });
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "member" } });
    const other = await db.org.create({ data: { name: "Hidden Rival", slug: "hidden-rival" } });
    const mine = await db.product.create({ data: { orgId: org.id, name: "Contrib App" } });
    const theirs = await db.product.create({ data: { orgId: other.id, name: "Rival App" } });
    // A pack of this test's own, retired so it shows nowhere else.
    const pack = await db.pack.create({
      data: { slug: "e2e-contrib-pack", title: "E2E Contribution Pack", summary: "s", description: "d", category: "Test", rowSchema: [], sampleRows: [], revenueShareBps: 5000, status: "retired" },
    });
    const month = monthStart(new Date());
    await db.contribution.createMany({
      data: [
        { orgId: org.id, productId: mine.id, packId: pack.id, month, sessions: 42 },
        { orgId: other.id, productId: theirs.id, packId: pack.id, month, sessions: 58 },
      ],
    });
    // 100.00 of revenue: pool 50.00, of which 42% is 21.00.
    await db.revenue.create({ data: { stripeObjectId: "in_e2e_contrib", kind: "invoice", packId: pack.id, month, amountCents: 10_000, currency: "usd", occurredAt: new Date() } });

    // next dev compiles a page on its first visit (recharts is heavy): once here, before the sign-in
    // link's redirect waits for it.
    await fetch(`${baseUrl}/app/marketplace/contributions`, { redirect: "manual", signal: AbortSignal.timeout(120_000) });
    const context = await ui.browser.newContext();
    const page = await context.newPage();
    page.setDefaultNavigationTimeout(90_000);
    await signInByEmail(page, user.email, "/app/marketplace/contributions");
    const row = page.getByTestId("contribution-row").filter({ hasText: "E2E Contribution Pack" });
    await row.waitFor();
    expect(await page.getByTestId("total-sessions").innerText()).toBe("42");
    expect(await page.getByTestId("total-estimate").innerText()).toBe("$21.00");
    const text = await row.innerText();
    expect(text).toContain("Contrib App 42");
    expect(text).toContain("42%");
    expect(text).toContain("of 100");
    expect(text).toContain("$100.00");
    expect(await row.getByTestId("contribution-estimate").innerText()).toBe("$21.00");
    expect(await page.content()).not.toContain("Hidden Rival");
    expect(await page.content()).not.toContain("Rival App");
    await page.getByTestId("contributions-chart").waitFor();
    await page.screenshot({ path: "test-results/contributions.png", fullPage: true });
    await context.close();
  });
});
