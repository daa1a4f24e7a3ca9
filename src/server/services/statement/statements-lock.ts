// Every writer of statements (the draft refresh, finalization) holds this one lock, so a refresh
// never interleaves with a finalization and two refreshes never race on the same drafts.
export const STATEMENTS_LOCK = "statements:write";

// Computing a big month takes seconds: wait longer for the lock than the default.
export const STATEMENTS_LOCK_WAIT_MS = 120_000;
