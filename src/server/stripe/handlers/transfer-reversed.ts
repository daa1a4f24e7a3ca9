// A payout's transfer was reversed: its statement failed and the amount is carried forward. The
// event names the payout by the key in the transfer's metadata, and the handler holds the payout
// run's lock on that key, so a reversal can never slip between the run finding the transfer and
// recording it (whoever comes second sees the reversal).
import { markTransferReversed } from "~/server/services/payout/mark-transfer-reversed";
import { defineHandler } from "./types";

export const transferReversed = defineHandler("transfer.reversed", {
  subscriptionOf: async (_stripe, event) => {
    const key = event.data.object.metadata?.payout_key;
    return typeof key === "string" && key.startsWith("payout:") ? key : null;
  },
  lockName: (payoutKey) => payoutKey,
  apply: async ({ tx, stripe, event }) => markTransferReversed(tx, await stripe.transfers.retrieve(event.data.object.id)),
});
