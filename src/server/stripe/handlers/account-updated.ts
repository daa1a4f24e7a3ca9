// account.updated (Connect): a seller's Express account changed (onboarding finished, Stripe
// verified it, or disabled its payouts). Re-fetched under the account's lock and converged.
import { convergeConnectAccount } from "~/server/services/connect/sync-connect-account";
import type { ConnectEventHandler } from "./types";

export const accountUpdated: ConnectEventHandler<"account.updated"> = {
  accountOf: (event) => event.account ?? event.data.object.id,
  apply: async ({ tx, stripe, accountId }) =>
    (await convergeConnectAccount(tx, stripe, accountId)) ? undefined : { ignored: "No org of ours has this connected account." },
};
