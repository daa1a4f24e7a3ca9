// Server start, Node.js runtime only: a bad environment stops the app with a message naming the variable.
import { env, EnvError } from "./env";

export function checkEnvironmentOrExit() {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
