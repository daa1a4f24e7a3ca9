// A subscribed buyer's pack page and catalogue: "Subscribed — <Tier>" instead of subscribe buttons,
// the marketplace's badge, changing tier (an upgrade now, a downgrade at the period's end); and a
// signed-out visitor's "Sign in to subscribe" coming back to the pack's pricing.
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "~/server/db";
import { chromiumPagePerFile } from "./browser";
import { signInByEmail, signInLinksFor } from "./sign-in";

const baseUrl = inject("baseUrl");
const db = createDb(inject("databaseUrl"));
const ui = chromiumPagePerFile();
afterAll(() => db.$disconnect());

const PACK_SLUG = "grocery-basket-index";
const PACK_TITLE = "Grocery Basket Index";

describe("a subscribed pack", () => {
  it("says Subscribed — Standard, badges the card, and changes tier from the page", async () => {
    // An org of its own, so no other test's subscriptions get in the way.
    const user = await db.user.create({ data: { email: "subscribed-owner@e2e.example", name: "Sam Subscribed" } });
    const org = await db.org.create({ data: { name: "Subscribed Buyers", slug: "subscribed-buyers", settings: { create: {} } } });
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
    const context = await ui.browser.newContext();
    const page = await context.newPage();

    await signInByEmail(page, user.email, `/marketplace/packs/${PACK_SLUG}`);
    await page.getByTestId("tier-card").first().getByRole("button", { name: "Subscribe & Get Access" }).click();
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(`${baseUrl}/app/marketplace/my-packs`, { timeout: 30_000 });
    await page.getByTestId("my-pack").filter({ hasText: PACK_TITLE }).waitFor();

    // The pack page: no subscribe buttons, the tier it holds, and what to do with it.
    await page.goto(`${baseUrl}/marketplace/packs/${PACK_SLUG}#pricing`);
    const panel = page.getByTestId("subscribed-panel");
    await panel.waitFor();
    expect(await panel.innerText()).toContain("Subscribed — Standard");
    expect(await page.getByRole("button", { name: "Subscribe & Get Access" }).count()).toBe(0);
    expect(await panel.getByRole("button", { name: "Manage billing" }).isEnabled()).toBe(true);
    expect(await page.getByTestId("current-tier").first().innerText()).toContain("Your tier");

    // Upgrade: now.
    await panel.getByRole("button", { name: "Change tier" }).click();
    const dialog = page.getByRole("dialog", { name: `Change tier — ${PACK_TITLE}` });
    await dialog.getByLabel(/^Pro/).check();
    expect(await dialog.innerText()).toContain("Starts now");
    await dialog.getByRole("button", { name: "Upgrade to Pro" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Subscribed — Pro").waitFor();
    expect(await panel.innerText()).toContain("of 100,000 rows used this period");

    // Downgrade: at the period's end, said with its date.
    await panel.getByRole("button", { name: "Change tier" }).click();
    await dialog.getByLabel(/^Standard/).check();
    await dialog.getByRole("button", { name: /^Change to Standard on / }).click();
    await dialog.waitFor({ state: "hidden" });
    const scheduled = page.getByTestId("scheduled-change");
    await scheduled.waitFor();
    expect(await scheduled.innerText()).toMatch(/^Changes to Standard on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(await panel.innerText()).toContain("Subscribed — Pro");
    await page.screenshot({ path: "test-results/subscribed-pack.png", fullPage: true });

    // The catalogue marks the pack, and only that one.
    await page.goto(`${baseUrl}/marketplace`);
    const card = page.getByTestId("pack-card").filter({ hasText: PACK_TITLE });
    await card.getByTestId("subscribed-badge").waitFor();
    expect(await page.getByTestId("subscribed-badge").count()).toBe(1);
    // ... inside the app too, without leaving the app shell.
    await page.goto(`${baseUrl}/app/marketplace`);
    await page.getByTestId("pack-card").filter({ hasText: PACK_TITLE }).getByTestId("subscribed-badge").waitFor();
    expect(await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Marketplace" }).getAttribute("aria-current")).toBe("page");
    await context.close();
  });
});

describe("signing in to subscribe", () => {
  it("comes back to the pack's pricing section, from any spelling of its address", async () => {
    const context = await ui.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/marketplace/packs/EV-Charging-Sessions`);
    await page.waitForURL(`${baseUrl}/marketplace/packs/ev-charging-sessions`);

    await page.getByTestId("tier-card").first().getByRole("link", { name: "Sign in to subscribe" }).click();
    await page.waitForURL(/\/auth\/signin\?callbackUrl=/);
    const email = "returning-buyer@e2e.example";
    const earlier = signInLinksFor(email).length;
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Continue with email" }).click();
    await page.waitForURL(/verify-request/);
    await expect.poll(() => signInLinksFor(email).length, { timeout: 10_000 }).toBeGreaterThan(earlier);
    await page.goto(signInLinksFor(email).at(-1)!);
    await page.waitForURL(`${baseUrl}/marketplace/packs/ev-charging-sessions#pricing`);
    // Signed in now: the tiers offer to subscribe.
    await page.getByTestId("tier-card").first().getByRole("button", { name: "Subscribe & Get Access" }).waitFor();
    await context.close();
  });
});
