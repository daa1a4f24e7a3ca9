// Sign-in: email links (SMTP in production, printed to the console in dev) and, in dev only,
// one-click demo accounts (see demoLoginEnabled). Sessions are JWTs so both providers share one
// session strategy.
import type { NextAuthOptions, Session } from "next-auth";
import { decode } from "next-auth/jwt";
import type { IncomingMessage } from "node:http";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { z } from "zod";
import { DEMO_ACCOUNTS } from "../../prisma/seed-data";
import { authSecret, demoLoginEnabled, env } from "~/env";
import { getDb, type Db } from "./db";
import { createPersonalOrg } from "./services/org/create-personal-org";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; image?: string | null };
  }
}

const ZDemoCredentials = z.object({ email: z.string().email() });
const DEMO_EMAILS = new Set(DEMO_ACCOUNTS.map((a) => a.email.toLowerCase()));

// Demo sign-in asks for no password, so it signs in the demo accounts and no one else: never any
// user who happens to exist in the database.
export async function authorizeDemoUser(db: Db, credentials: unknown) {
  const parsed = ZDemoCredentials.safeParse(credentials);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  if (!DEMO_EMAILS.has(email)) return null;
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
}

export function authOptions(): NextAuthOptions {
  const db = getDb();
  const e = env();
  return {
    // The adapter is typed against @prisma/client's default output; ours is generated elsewhere.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    adapter: PrismaAdapter(db as any),
    secret: authSecret(),
    session: { strategy: "jwt" },
    pages: { signIn: "/auth/signin", verifyRequest: "/auth/verify-request", error: "/auth/signin" },
    providers: [
      EmailProvider({
        server: e.EMAIL_SERVER ?? { jsonTransport: true },
        from: e.EMAIL_FROM ?? "Pack Market <no-reply@packmarket.local>",
        ...(e.EMAIL_SERVER
          ? {}
          : {
              async sendVerificationRequest({ identifier, url }) {
                console.log(`\n[auth] Sign-in link for ${identifier}:\n  ${url}\n`);
              },
            }),
      }),
      ...(demoLoginEnabled(e)
        ? [
            CredentialsProvider({
              id: "demo",
              name: "Demo account",
              credentials: { email: { label: "Email", type: "email" } },
              authorize: (credentials) => authorizeDemoUser(db, credentials),
            }),
          ]
        : []),
    ],
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user = { ...session.user, id: token.sub, email: token.email ?? session.user.email };
        return session;
      },
    },
    events: {
      // Everyone belongs to at least one org: a first email sign-in gets a personal one.
      async createUser({ user }) {
        await createPersonalOrg(db, { userId: user.id, email: user.email ?? "", name: user.name ?? null });
      },
    },
  };
}

// The session of a request to the app's own server code (tRPC, REST, getServerSideProps): the
// claims of next-auth's session cookie, decrypted with the app's secret, or null. It does not renew
// the cookie as next-auth's getServerSession does on every call (decrypting, calling back, encrypting
// again and setting it): the pages' session provider renews it through /api/auth/session. A signed-in
// read spent most of its time in that round; see bench:pages (my-packs).
export async function getSession(req: IncomingMessage & { cookies: Partial<Record<string, string>> }): Promise<Session | null> {
  const token = sessionCookie(req.cookies ?? {});
  if (!token) return null;
  const claims = await decodeSessionToken(token);
  if (!claims?.sub) return null;
  return {
    user: { id: claims.sub, email: typeof claims.email === "string" ? claims.email : "", name: typeof claims.name === "string" ? claims.name : null, image: typeof claims.picture === "string" ? claims.picture : null },
    expires: new Date((claims.exp ?? 0) * 1000).toISOString(),
  };
}

// next-auth's cookie names: __Secure- when the app's URL is https; chunked (.0, .1, …) when large.
const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function sessionCookie(cookies: Partial<Record<string, string>>): string | null {
  for (const name of SESSION_COOKIE_NAMES) {
    if (cookies[name]) return cookies[name];
    const chunks: string[] = [];
    for (let i = 0; cookies[`${name}.${i}`]; i++) chunks.push(cookies[`${name}.${i}`]!);
    if (chunks.length > 0) return chunks.join("");
  }
  return null;
}

// Decrypted tokens by their text (a session sends the same cookie with every request, and
// decrypting it derives a key each time). The token is authenticated encryption under the app's
// secret, so its text fixes its claims; the expiry is checked at every use. A token that does not
// decrypt is remembered as nobody's. At most MAX_DECODED tokens, the least recently used go first.
type Claims = { sub?: string; email?: unknown; name?: unknown; picture?: unknown; exp?: number };
const MAX_DECODED = 2_000;
const decoded = new Map<string, Claims | null>();

async function decodeSessionToken(token: string): Promise<Claims | null> {
  const secret = authSecret();
  const key = `${secret}\n${token}`;
  let claims = decoded.get(key);
  if (claims === undefined) {
    claims = (await decode({ token, secret }).catch(() => null)) as Claims | null;
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
  } else {
    decoded.delete(key);
  }
  decoded.set(key, claims);
  if (!claims || (typeof claims.exp === "number" && claims.exp * 1000 < Date.now())) return null;
  return claims;
}
