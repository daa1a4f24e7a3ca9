// Text from outside that the rest of the stack can carry. PostgreSQL refuses a NUL byte in text and
// jsonb (the driver's error would be a 500), and an unpaired UTF-16 surrogate has no UTF-8 form (the
// driver would store U+FFFD instead; encodeURIComponent, on the way to Stripe, throws).
import { z } from "zod";
import { AppError } from "../errors";

export const UNSTORABLE_TEXT = "must not contain NUL bytes or unpaired surrogates";

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

// Every string field of an input schema starts here, so the schema alone (a page's
// getServerSideProps, a service called by a workflow) already refuses what cannot be stored.
export const ZText = z.string().refine(isStorableText, UNSTORABLE_TEXT);

// Each pending value points at its parent, so a path is only built for the one value reported.
type Pending = { value: unknown; key: string; parent: Pending | null };

function pathOf(node: Pending): string {
  const keys: string[] = [];
  for (let at: Pending | null = node; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join(".") || "(root)";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// The path of the first string, key or value, anywhere in `input` that cannot be stored; null when
// there is none. Breadth first in a loop rather than recursion: the input's depth is the caller's choice.
export function findUnstorableText(input: unknown): string | null {
  const pending: Pending[] = [{ value: input, key: "", parent: null }];
  const seen = new Set<object>();
  for (let next = 0; next < pending.length; next++) {
    const node = pending[next]!;
    const { value } = node;
    if (typeof value === "string") {
      if (!isStorableText(value)) return pathOf(node);
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value) || value instanceof Set) {
      [...value].forEach((item, i) => pending.push({ value: item, key: String(i), parent: node }));
    } else if (value instanceof Map) {
      [...value].forEach(([key, item], i) => {
        const entry = { value: item, key: String(i), parent: node };
        pending.push({ value: key, key: "(key)", parent: entry }, entry);
      });
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        // A key is named by where it sits, never echoed: it is the unstorable text.
        if (!isStorableText(key)) return pathOf({ value: key, key: "(key)", parent: node });
        pending.push({ value: item, key, parent: node });
      }
    }
  }
  return null;
}

// The same refusal as ZText's, for input no schema has seen yet.
export function assertStorableInput(input: unknown): void {
  const path = findUnstorableText(input);
  if (path === null) return;
  throw new AppError("invalid_request", `Invalid request: ${path}: ${UNSTORABLE_TEXT}`, {
    issues: [{ path, message: UNSTORABLE_TEXT }],
  });
}
