// Every workflow the app serves at /api/inngest. Add a function here and it is synced with the app.
import { cancelDuplicateSubscriptionFunction } from "./cancel-duplicate-subscription";
import { contributionsRollup } from "./contributions-rollup";
import { heartbeatCleanup } from "./heartbeat-cleanup";
import { payoutPayOrg, payoutRun } from "./payout-run";
import { snapshotPack, snapshotPacks } from "./snapshot-packs";
import { statementsRefresh } from "./statements-refresh";
import { stripeEventFollowup } from "./stripe-event-followup";
import { usageAlertEmail } from "./usage-alert-email";
import { usageRollup } from "./usage-rollup";

export const functions = [
  heartbeatCleanup,
  stripeEventFollowup,
  cancelDuplicateSubscriptionFunction,
  usageRollup,
  usageAlertEmail,
  snapshotPacks,
  snapshotPack,
  statementsRefresh,
  payoutRun,
  payoutPayOrg,
  contributionsRollup,
];
