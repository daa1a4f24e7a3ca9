// What a buyer pays for, end to end in the browser: subscribe through Checkout, create an API key
// and copy it from the modal, read rows with it, download a snapshot, and see the usage bar and the
// chart move by exactly what was read.
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "~/server/db";
import { chromiumPagePerFile } from "./browser";
import { signInByEmail } from "./sign-in";

const baseUrl = inject("baseUrl");
const db = createDb(inject("databaseUrl"));
const ui = chromiumPagePerFile();
afterAll(() => db.$disconnect());

const PACK_SLUG = "checkout-payment-mix";
const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);

describe("a buyer's journey", () => {
  it("subscribes, creates and copies a key, reads rows with it, downloads a snapshot, and sees usage move", async () => {
    // An org of its own, so no other test's subscriptions or keys get in the way.
    const user = await db.user.create({ data: { email: "journey-owner@e2e.example", name: "Jo Journey" } });
    const org = await db.org.create({ data: { name: "Journey Buyers", slug: "journey-buyers", settings: { create: {} } } });
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
    const context = await ui.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();

    await signInByEmail(page, user.email, `/marketplace/packs/${PACK_SLUG}`);
    await page.getByTestId("tier-card").first().getByRole("button", { name: "Subscribe & Get Access" }).click();
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(`${baseUrl}/app/marketplace/my-packs`, { timeout: 30_000 });
    const card = page.getByTestId("my-pack").filter({ hasText: "Checkout Payment Mix" });
    await card.getByTestId("usage-chart-empty").waitFor();
    const bar = card.getByRole("progressbar");
    expect(await bar.getAttribute("aria-valuenow")).toBe("0");

    // A key, shown once, copied from the modal.
    await page.getByRole("button", { name: "Create key" }).first().click();
    const createDialog = page.getByRole("dialog", { name: "Create an API key" });
    await createDialog.getByLabel("Label").fill("Journey");
    await createDialog.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByRole("dialog", { name: "Save your new API key" });
    await shown.getByRole("button", { name: "Copy" }).click();
    await shown.getByRole("button", { name: "Copied" }).waitFor();
    const key = await page.evaluate(() => navigator.clipboard.readText());
    expect(key).toMatch(/^pm_live_/);
    await shown.getByRole("button", { name: "I've saved my key" }).click();

    // Rows through the data API with the copied key.
    const rowsRes = await fetch(`${baseUrl}/v1/packs/${PACK_SLUG}/rows?limit=7`, { headers: { authorization: `Bearer ${key}` } });
    expect(rowsRes.status).toBe(200);
    const page1 = (await rowsRes.json()) as { data: unknown[]; next_cursor: string };
    expect(page1.data).toHaveLength(7);

    // A snapshot, made now by the admin, downloaded with the same key.
    await card.getByTestId("download-button").click();
    const snapshots = page.getByRole("dialog", { name: "Snapshots of Checkout Payment Mix" });
    await snapshots.getByRole("button", { name: "Make a snapshot now" }).click();
    await snapshots.getByTestId("snapshot-request-status").getByText("Your snapshot is ready below.").waitFor({ timeout: 60_000 });
    const pack = await db.pack.findUniqueOrThrow({ where: { slug: PACK_SLUG } });
    const snapshot = await db.packSnapshot.findFirstOrThrow({ where: { packId: pack.id, format: "csv" }, orderBy: { createdAt: "desc" } });
    const download = await fetch(`${baseUrl}/v1/snapshots/${snapshot.id}/download`, { headers: { authorization: `Bearer ${key}` } });
    expect(download.status).toBe(200);
    const csv = await download.text();
    expect(csv.trim().split("\n")).toHaveLength(snapshot.rowCount + 1);
    await snapshots.getByRole("button", { name: "Close" }).click();

    // The bar and the chart moved by exactly what was read.
    const used = 7 + snapshot.rowCount;
    await page.reload();
    await expect.poll(() => card.getByRole("progressbar").getAttribute("aria-valuenow"), { timeout: 10_000 }).toBe(String(used));
    expect(await card.getByTestId("usage-chart-summary").innerText()).toMatch(new RegExp(`^${fmt(used)} rows read over 1 day`));
    await page.screenshot({ path: "test-results/buyer-journey.png", fullPage: true });
    await context.close();
  });
});
