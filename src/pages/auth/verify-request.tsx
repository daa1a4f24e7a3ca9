import Link from "next/link";
import { AuthLayout } from "~/components/AuthLayout";
import { MailIcon } from "~/components/icons";

export default function VerifyRequestPage() {
  return (
    <AuthLayout title="Check your email">
      <div className="rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-xl shadow-slate-200/50">
        <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
          <MailIcon className="h-6 w-6" />
        </span>
        <h1 className="mt-5 text-2xl font-semibold tracking-tight text-slate-900">Check your email</h1>
        <p className="mt-3 text-sm leading-6 text-slate-600">
          We sent you a sign-in link. Open it on this device to continue; it expires in 24 hours.
        </p>
        <div className="mt-6 rounded-lg bg-slate-50 px-4 py-3 text-left text-sm leading-6 text-slate-600 ring-1 ring-slate-200 ring-inset">
          <p className="font-medium text-slate-800">Running locally?</p>
          <p>
            In development no email is sent: the link is printed in the terminal running{" "}
            <code className="rounded bg-white px-1 py-0.5 font-mono text-[13px] text-slate-800 ring-1 ring-slate-200">npm run dev</code>.
          </p>
        </div>
        <p className="mt-6 text-sm text-slate-500">
          Wrong address?{" "}
          <Link href="/auth/signin" className="font-medium text-brand-700 hover:text-brand-900">
            Try again
          </Link>
        </p>
      </div>
    </AuthLayout>
  );
}
