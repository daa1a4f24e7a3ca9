// Server start, Node.js runtime only (kept out of instrumentation.ts so the Edge bundle never
// sees process.exit): a bad environment stops the app with a message naming the variable; then
// the outbox relay starts delivering workflow events (not under tests, which drive it themselves).
import { env, EnvError } from "./env";
import { startOutboxRelay } from "./server/outbox/relay-loop";

export function startNodeServer() {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (env().NODE_ENV !== "test") startOutboxRelay();
}
