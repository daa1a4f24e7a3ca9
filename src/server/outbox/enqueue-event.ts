import type { Db, Prisma } from "~/server/db";

export type OutboxMessage = {
  // Deterministic, e.g. `stripe-event-followup:evt_123`: Inngest runs a function once per event id.
  id: string;
  name: string;
  data: Record<string, unknown>;
};

// Call inside the caller's transaction, beside the state change that causes the event, so the
// event exists exactly when the change does. Writing the same id again is a no-op: ON CONFLICT DO
// NOTHING, which (unlike a caught unique violation) leaves the caller's transaction usable.
export async function enqueueEvent(tx: Prisma.TransactionClient | Db, message: OutboxMessage): Promise<{ created: boolean }> {
  const { count } = await tx.outboxEvent.createMany({
    data: [{ id: message.id, name: message.name, data: message.data as Prisma.InputJsonObject }],
    skipDuplicates: true,
  });
  return { created: count === 1 };
}
