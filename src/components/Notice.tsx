// An inline message box: red for errors (announced as an alert), amber for warnings, slate for
// neutral news. Optionally dismissible.
import type { ReactNode } from "react";
import { AlertIcon } from "./icons";

type Tone = "error" | "warning" | "neutral";

const TONES: Record<Tone, { box: string; icon: string }> = {
  error: { box: "border-red-200 bg-red-50 text-red-800", icon: "text-red-500" },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-900", icon: "text-amber-500" },
  neutral: { box: "border-slate-200 bg-white text-slate-700", icon: "text-slate-400" },
};

export function Notice({
  tone,
  children,
  action,
  onDismiss,
  className = "",
  testId,
}: {
  tone: Tone;
  children: ReactNode;
  action?: ReactNode;
  onDismiss?: () => void;
  className?: string;
  testId?: string;
}) {
  const style = TONES[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`flex flex-col gap-3 rounded-lg border px-4 py-3 text-sm shadow-sm sm:flex-row sm:items-center ${style.box} ${className}`}
    >
      <div className="flex flex-1 items-start gap-2.5">
        <AlertIcon className={`mt-0.5 h-4 w-4 shrink-0 ${style.icon}`} />
        <div className="flex-1 leading-6">{children}</div>
      </div>
      {(action || onDismiss) && (
        <div className="flex shrink-0 items-center gap-2 pl-6 sm:pl-0">
          {action}
          {onDismiss && (
            <button
              type="button"
              onClick={onDismiss}
              className="rounded-md px-2 py-1 text-sm font-medium opacity-70 transition hover:bg-black/5 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
