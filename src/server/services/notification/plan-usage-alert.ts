// What to tell a buyer org when a period's usage crosses 80% or 100% of its quota: one email to each
// owner and admin. Plain data, so the workflow can send each email as its own retriable step.
import { appUrl } from "~/env";
import type { Db } from "~/server/db";
import type { Email } from "~/server/email/send-email";
import { formatCount, formatDate } from "~/lib/format";
import { findCurrentCounter } from "~/server/services/usage/current-counter";
import { managerEmails, orgManagersSelect } from "~/server/services/notification/org-managers";

export async function planUsageAlert(db: Db, input: { counterId: string; thresholdPct: number; now?: Date }): Promise<Email[]> {
  const counter = await db.buyerUsageCounter.findUnique({
    where: { id: input.counterId },
    select: {
      rowQuota: true,
      periodEnd: true,
      subscription: {
        select: {
          id: true,
          status: true,
          currentPeriodStart: true,
          isDuplicate: true,
          pack: { select: { title: true } },
          buyerOrg: { select: orgManagersSelect },
        },
      },
    },
  });
  if (!counter) return [];
  const sub = counter.subscription;
  // Delivered late, after the period ended or access was lost: the warning no longer holds.
  const current = await findCurrentCounter(db, { subscription: sub, now: input.now });
  if (current?.id !== input.counterId) return [];
  const pack = sub.pack.title;
  const org = sub.buyerOrg.name;
  const link = `${appUrl()}/app/marketplace/my-packs`;
  const subject = `You have used ${input.thresholdPct}% of this period's rows for ${pack}`;
  const text =
    input.thresholdPct >= 100
      ? `${org} has used all ${formatCount(counter.rowQuota)} rows of ${pack} for this period. ` +
        `Reads are refused until ${formatDate(counter.periodEnd)}, when the next period starts: upgrade to a larger tier or wait.\n\n` +
        `Your usage and plans: ${link}\n`
      : `${org} has used ${formatCount(Math.ceil((counter.rowQuota * input.thresholdPct) / 100))} of its ` +
        `${formatCount(counter.rowQuota)} rows of ${pack} for this period, which ends ${formatDate(counter.periodEnd)}. ` +
        `At 100%, reads are refused until then.\n\n` +
        `Your usage: ${link}\n`;
  return managerEmails(sub.buyerOrg).map((to) => ({ to, subject, text }));
}
