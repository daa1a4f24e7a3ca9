// The environment `npm run dev` gives `next dev`: the addresses of the parts it started and the
// secrets it keeps in .data/secrets.json, with the user's own variables winning. It never switches
// demo sign-in on itself: the app allows it on the embedded database (EMBEDDED_DATABASE, set here
// only when this run started it) or when the user sets ENABLE_DEMO_LOGIN.
import { withUserOverrides, type DevSecrets } from "./dev-secrets";

export type NextDevEnvInput = {
  env: NodeJS.ProcessEnv;
  secrets: DevSecrets;
  databaseUrl: string;
  embeddedDatabase: boolean;
  appUrl: string;
  inngestBaseUrl: string;
  // The local Stripe fake's URL, when this run started it.
  stripeApiBase?: string;
};

export function nextDevEnv(input: NextDevEnvInput): NodeJS.ProcessEnv {
  const { env } = input;
  return {
    ...env,
    ...withUserOverrides(input.secrets, env),
    DATABASE_URL: input.databaseUrl,
    EMBEDDED_DATABASE: input.embeddedDatabase ? "1" : "",
    // No fixed app URL unless the user set one: next-auth and the app's links follow the host the
    // browser opened (localhost or 127.0.0.1 alike), so signing in never bounces to another host
    // whose cookies the browser does not send. `appUrl` is only where this run is announced.
    ...(env.NEXTAUTH_URL ? { NEXTAUTH_URL: env.NEXTAUTH_URL } : { AUTH_TRUST_HOST: "1" }),
    NEXT_TELEMETRY_DISABLED: "1",
    INNGEST_DEV: env.INNGEST_DEV ?? "1",
    INNGEST_BASE_URL: input.inngestBaseUrl,
    ...(input.stripeApiBase && { STRIPE_API_BASE: input.stripeApiBase }),
  };
}
