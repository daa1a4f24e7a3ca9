// Sign-in: an emailed link for everyone, plus one-click demo accounts when the dev-only demo login
// is switched on. next-auth sends its errors back here as ?error=<Code>.
import type { GetServerSideProps } from "next";
import { signIn } from "next-auth/react";
import { useRouter } from "next/router";
import { useState, type FormEvent } from "react";
import { DEMO_ACCOUNTS } from "../../../prisma/seed-data";
import { AuthLayout } from "~/components/AuthLayout";
import { AlertIcon, ArrowRightIcon } from "~/components/icons";
import { demoLoginEnabled } from "~/env";
import { getSession } from "~/server/auth";

type DemoAccount = { email: string; name: string; description: string };
type Props = { demoAccounts: DemoAccount[]; callbackUrl: string };

// Only same-site paths: anything else would make this page an open redirect.
function safeCallbackUrl(raw: unknown, host: string | undefined): string {
  if (typeof raw !== "string" || raw === "") return "/app";
  if (raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\")) return raw;
  // next-auth itself passes absolute URLs of this site; keep their path.
  try {
    const url = new URL(raw);
    if (host && url.host === host) return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    // not a URL: fall through to the default
  }
  return "/app";
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, query }) => {
  const requested = safeCallbackUrl(query.callbackUrl, req.headers.host);
  // Coming back to the sign-in pages after signing in would loop.
  const callbackUrl = requested.startsWith("/auth/") ? "/app" : requested;
  const session = await getSession(req);
  if (session && !query.error) return { redirect: { destination: callbackUrl, permanent: false } };
  return {
    props: { demoAccounts: demoLoginEnabled() ? [...DEMO_ACCOUNTS] : [], callbackUrl },
  };
};

const ERROR_MESSAGES: Record<string, string> = {
  EmailSignin: "We couldn't send the sign-in email. Check the address and try again.",
  Verification: "That sign-in link has expired or was already used. Request a new one below.",
  CredentialsSignin: "That demo account isn't available. Has the database been seeded (npm run db:seed)?",
  SessionRequired: "Please sign in to see that page.",
  AccessDenied: "You don't have access with that account.",
  Configuration: "Sign-in is not configured correctly on the server. Please contact support.",
  EmailCreateAccount: "We couldn't create an account for that email. Try again.",
};
const DEFAULT_ERROR = "Something went wrong while signing you in. Please try again.";

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3.5 py-2.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-500/15";
const primaryButton =
  "flex w-full items-center justify-center rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-wait disabled:opacity-60";

export default function SignInPage({ demoAccounts, callbackUrl }: Props) {
  const router = useRouter();
  // An error next-auth redirected here with, or one from this page's own attempt (which stays on
  // the page, so the typed email is still in the box).
  const [formError, setFormError] = useState<string | null>(null);
  const errorCode = formError ?? (typeof router.query.error === "string" ? router.query.error : null);
  const [email, setEmail] = useState(() => (typeof router.query.email === "string" ? router.query.email : ""));
  const [pending, setPending] = useState<string | null>(null);

  async function onEmailSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending("email");
    setFormError(null);
    try {
      const result = await signIn("email", { email: email.trim(), callbackUrl, redirect: false });
      if (result?.ok && !result.error) {
        window.location.assign(result.url ?? "/auth/verify-request");
        return;
      }
      setFormError(result?.error ?? "EmailSignin");
    } catch {
      setFormError("EmailSignin");
    }
    setPending(null);
  }

  async function onDemo(account: DemoAccount) {
    setPending(account.email);
    await signIn("demo", { email: account.email, callbackUrl });
  }

  return (
    <AuthLayout title="Sign in">
      <div className="rounded-2xl border border-slate-200 bg-white p-8 shadow-xl shadow-slate-200/50">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in to Pack Market</h1>
        <p className="mt-2 text-sm text-slate-600">We&apos;ll email you a secure link. No password needed.</p>

        {errorCode && (
          <div role="alert" className="mt-6 flex gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-3 text-sm text-red-800">
            <AlertIcon className="mt-0.5 h-4 w-4 shrink-0" />
            <p>{ERROR_MESSAGES[errorCode] ?? DEFAULT_ERROR}</p>
          </div>
        )}

        <form onSubmit={(e) => void onEmailSubmit(e)} className="mt-6 space-y-4">
          <div>
            <label htmlFor="email" className="block text-sm font-medium text-slate-700">
              Email address
            </label>
            <input
              id="email"
              name="email"
              type="email"
              required
              autoComplete="email"
              placeholder="you@company.com"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className={`mt-1.5 ${inputClass}`}
            />
          </div>
          <button type="submit" disabled={pending !== null} className={primaryButton}>
            {pending === "email" ? "Sending link…" : "Continue with email"}
          </button>
        </form>

        {demoAccounts.length > 0 && (
          <section aria-labelledby="demo-title" className="mt-8 border-t border-slate-200 pt-6">
            <div className="flex items-center justify-between">
              <h2 id="demo-title" className="text-sm font-semibold text-slate-900">
                Demo accounts (dev only)
              </h2>
              <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">
                No email needed
              </span>
            </div>
            <ul className="mt-3 space-y-2">
              {demoAccounts.map((account) => (
                <li key={account.email}>
                  <button
                    type="button"
                    disabled={pending !== null}
                    onClick={() => void onDemo(account)}
                    aria-describedby={`demo-${account.email}`}
                    className="group flex w-full items-start gap-3 rounded-lg border border-slate-200 px-3.5 py-3 text-left transition hover:border-brand-500/40 hover:bg-brand-50/40 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:cursor-wait disabled:opacity-60"
                  >
                    <span className="min-w-0 flex-1">
                      <span className="block text-sm font-semibold text-slate-900">
                        {pending === account.email ? "Signing in…" : `Continue as ${account.name}`}
                      </span>
                      <span id={`demo-${account.email}`} className="mt-0.5 block text-xs leading-5 text-slate-500">
                        {account.description}
                      </span>
                    </span>
                    <ArrowRightIcon className="mt-0.5 h-4 w-4 shrink-0 text-slate-300 group-hover:text-brand-600" />
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </AuthLayout>
  );
}
