// Transactional outbox for workflow events: enqueue inside your transaction, then (optionally)
// kick the relay. See relay.ts for the delivery guarantees.
export { enqueueEvent, type OutboxMessage } from "./enqueue-event";
export { kickOutboxRelay } from "./relay-loop";
