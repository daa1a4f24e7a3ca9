// A period's usage crossed 80% or 100% of its quota (once each per period, debit-quota.ts): tell
// the buyer org's owners and admins. One step plans the emails, one step sends each, so a retry
// never re-sends one that went out.
import { getDb } from "~/server/db";
import { planUsageAlert } from "~/server/services/notification/plan-usage-alert";
import { inngest } from "../client";
import { sendEachEmail } from "./send-emails";
import { usageAlertRaised } from "../events";

export const usageAlertEmail = inngest.createFunction(
  {
    id: "usage-alert-email",
    name: "Usage alert email (80% and 100% of a period's quota)",
    triggers: [usageAlertRaised],
    retries: 5,
  },
  async ({ event, step }) => {
    const { counterId, thresholdPct } = event.data;
    const emails = await step.run("plan", () => planUsageAlert(getDb(), { counterId, thresholdPct }));
    const sent = await sendEachEmail(step, emails);
    return { sent };
  },
);
