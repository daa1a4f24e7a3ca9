// A seller reads their statements: the payouts list (this month's live draft, what is carried
// forward, earlier months), a month's statement with its lines and links, and both downloads.
// A seller org of its own, with the statements of src/test/statements.ts written into the app's
// database (figures worked out by hand there), read by a plain member.
import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, inject, it } from "vitest";
import { monthKey, monthStart } from "~/lib/month";
import { createDb } from "~/server/db";
import { insertStatement, insertStatementFixture } from "~/test/statements";
import { chromiumPagePerFile } from "./browser";
import { signInByEmail } from "./sign-in";

const baseUrl = inject("baseUrl");
const db = createDb(inject("databaseUrl"));
const ui = chromiumPagePerFile();
afterAll(() => db.$disconnect());

async function pack(slug: string, title: string) {
  // Retired: the marketplace's listings (other tests' business) never show it.
  return db.pack.create({
    data: { slug, title, summary: "Statement fixture", description: "Statement fixture", category: "Mobility", rowSchema: [], sampleRows: [], revenueShareBps: 5000, status: "retired" },
  });
}

async function sellerWithStatements() {
  const user = await db.user.create({ data: { email: "payouts-member@e2e.example", name: "Pat Payout" } });
  const org = await db.org.create({ data: { name: "Payout Sellers", slug: "payout-sellers", settings: { create: {} } } });
  await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "member" } });
  const alpha = await pack("e2e-payouts-alpha", "Alpha Trips");
  const beta = await pack("e2e-payouts-beta", "Beta Baskets, Weekly");
  await insertStatementFixture(db, { orgId: org.id, alphaPackId: alpha.id, betaPackId: beta.id });
  // This month so far: 10 of 40 sessions of a 40.00 gross at 50% → pool 20.00, share 5.00.
  await insertStatement(db, {
    orgId: org.id,
    month: monthKey(monthStart(new Date())),
    status: "draft",
    lines: [{ kind: "share", packId: alpha.id, sessions: 10, packTotalSessions: 40, grossCents: 4_000, revenueShareBps: 5000, poolCents: 2_000, shareCents: 500 }],
  });
  return { user };
}

const FEBRUARY_CSV = [
  "month,status,kind,pack_slug,pack_title,source_month,sessions,pack_total_sessions,share_percent,pack_gross,revenue_share_bps,pool,amount,currency",
  "2026-02,paid,share,e2e-payouts-alpha,Alpha Trips,,120,480,25.00,1000.00,5000,500.00,125.00,USD",
  '2026-02,paid,share,e2e-payouts-beta,"Beta Baskets, Weekly",,2,3,66.67,10.01,5000,5.00,3.33,USD',
  "2026-02,paid,carried_forward,,,2026-01,,,,,,,3.00,USD",
  "2026-02,paid,total_shares,,,,,,,,,,128.33,USD",
  "2026-02,paid,total_adjustments,,,,,,,,,,0.00,USD",
  "2026-02,paid,total_carried_forward,,,,,,,,,,3.00,USD",
  "2026-02,paid,total,,,,,,,,,,131.33,USD",
  "",
].join("\n");

describe("payouts", () => {
  it("a member sees the statements by month, opens one, checks a share and downloads it as CSV and PDF", async () => {
    const { user } = await sellerWithStatements();
    const page = ui.page;
    await signInByEmail(page, user.email, "/app/marketplace/payouts");

    // The list: this month's live draft, March's failed transfer carried forward, the earlier months.
    await page.getByTestId("current-draft").waitFor();
    expect(await page.getByTestId("current-draft-total").innerText()).toBe("$5.00");
    expect(await page.getByTestId("current-draft").getByTestId("statement-status").innerText()).toBe("Draft");
    expect(await page.getByTestId("carried-forward-amount").innerText()).toBe("$12.50");
    expect(await page.getByTestId("carried-forward").innerText()).toContain("March 2026 ($12.50, transfer failed)");
    const rows = page.getByTestId("statement-row");
    expect(await rows.count()).toBe(3);
    const cells = async (i: number) => (await rows.nth(i).locator("td").allInnerTexts()).map((t) => t.trim());
    expect(await cells(0)).toEqual(["March 2026", "$12.50", "Failed", "—"]);
    expect(await cells(1)).toEqual(["February 2026", "$131.33", "Paid", "Mar 5, 2026"]);
    expect(await cells(2)).toEqual(["January 2026", "$3.00", "Carried forward\ninto February 2026", "—"]);
    await page.screenshot({ path: "test-results/payouts.png", fullPage: true });

    // February's statement: banner, the pack table a seller can recompute, January carried in.
    await page.getByRole("link", { name: "February 2026" }).click();
    await page.waitForURL(`${baseUrl}/app/marketplace/payouts/2026-02`);
    await page.getByTestId("statement-banner").waitFor();
    expect(await page.getByTestId("statement-total").innerText()).toBe("$131.33");
    expect(await page.getByTestId("statement-banner").getByTestId("statement-status").innerText()).toBe("Paid");
    expect(await page.getByTestId("statement-paid").innerText()).toBe("Mar 5, 2026");
    expect(await page.getByTestId("statement-transfer").innerText()).toBe("tr_fixture_feb");
    const alphaCells = (await page.getByTestId("pack-line").filter({ hasText: "Alpha Trips" }).locator("td").allInnerTexts()).map((t) => t.trim());
    expect(alphaCells.slice(0, 5)).toEqual(["Alpha Trips", "120", "480", "25.00%", "$1,000.00"]);
    expect(alphaCells[5]).toContain("$500.00");
    expect(alphaCells[6]).toContain("$125.00");
    expect(alphaCells[6]).toContain("$500.00 × 120 ÷ 480");
    const carried = page.getByTestId("carried_forward-line");
    expect(await carried.innerText()).toContain("Carried forward from January 2026");
    expect(await carried.getByRole("link").getAttribute("href")).toBe("/app/marketplace/payouts/2026-01");
    expect(await page.getByTestId("statement-totals").innerText()).toContain("$131.33");
    await page.screenshot({ path: "test-results/payouts-statement.png", fullPage: true });

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(csv.suggestedFilename()).toBe("pack-market-statement-payout-sellers-2026-02.csv");
    expect(await readFile((await csv.path())!, "utf8")).toBe(FEBRUARY_CSV);

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect(pdf.suggestedFilename()).toBe("pack-market-statement-payout-sellers-2026-02.pdf");
    const bytes = await readFile((await pdf.path())!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.subarray(-6).toString("latin1")).toContain("%%EOF");
    expect(bytes.length).toBeGreaterThan(1_500);

    // March: the clawback names and links the statement it corrects.
    await page.goto(`${baseUrl}/app/marketplace/payouts/2026-03`);
    const clawback = page.getByTestId("adjustment-line");
    await clawback.waitFor();
    expect(await clawback.innerText()).toContain("Clawback: refund on Alpha Trips after the February 2026 statement");
    expect(await clawback.innerText()).toContain("-$2.50");
    await clawback.getByRole("link", { name: /February 2026/ }).click();
    await page.waitForURL(`${baseUrl}/app/marketplace/payouts/2026-02`);

    // A month without a statement, and a URL that names no month.
    await page.goto(`${baseUrl}/app/marketplace/payouts/2026-07`);
    await page.getByRole("heading", { name: "No statement for July 2026" }).waitFor();
    await page.goto(`${baseUrl}/app/marketplace/payouts/2026-13`);
    await page.getByRole("heading", { name: "That is not a month" }).waitFor();
  });
});
