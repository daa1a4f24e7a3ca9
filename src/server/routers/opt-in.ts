import { z } from "zod";
import { getOptIn } from "../services/opt-in/get-opt-in";
import { ZOptInState, ZSetOptInInput } from "../services/opt-in/opt-in-schemas";
import { setOptIn } from "../services/opt-in/set-opt-in";
import { orgAdminProcedure, orgProcedure, router } from "../trpc";

const ZSetOptInResult = ZOptInState.extend({
  changed: z.number().int().describe("How many of the changes sent changed something (setting what already holds is a no-op)"),
});

// Which of the org's products contribute to which packs, and the global switch. Members read;
// admins and owners change.
export const optInRouter = router({
  get: orgProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/marketplace/opt-in",
        tags: ["Selling"],
        summary: "Your marketplace switch and which products contribute to which active packs, with earnings estimates",
        description:
          "One cell per product × active pack. A cell that is off carries an estimate: what the product would have earned " +
          "from the pack over the last 30 days had it contributed its sessions of those days (its sessions in that pack if it " +
          "contributed before, else in any pack), against the pack's revenue and its other contributors' sessions of the same " +
          "days. A session counts only while both its cell and the global switch are on.",
        protect: true,
      },
    })
    .input(z.void())
    .output(ZOptInState)
    .query(({ ctx }) => getOptIn(ctx.db, { orgId: ctx.org.id })),

  set: orgAdminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/marketplace/opt-in",
        tags: ["Selling"],
        summary: "Change the marketplace switch and/or product × pack cells: a list of changes, not the whole state",
        description:
          "The body is a list of changes, not the whole desired state: `marketplaceOptIn` (optional) sets the global " +
          "switch, `changes` (optional, at most 200) sets the listed cells, each `{ productId, packId, enabled }` at most " +
          "once; anything not listed keeps its state, so two programs changing different cells never undo each other. " +
          "Setting what already holds changes nothing (see `changed`). All changes apply together in one transaction, " +
          "or none does: a product that is not your org's, or an unknown pack, is not_found; switching a cell on for a " +
          "pack that is not active is invalid_request. Every change is kept with its time: switching on starts " +
          "contributing from now on, switching off stops it from now on (sessions before it still count). The answer is " +
          "the new state, as GET returns it.",
        protect: true,
      },
    })
    .input(ZSetOptInInput)
    .output(ZSetOptInResult)
    .mutation(async ({ ctx, input }) => {
      const { changed } = await setOptIn(ctx.db, { ...input, orgId: ctx.org.id });
      return { ...(await getOptIn(ctx.db, { orgId: ctx.org.id })), changed };
    }),
});
