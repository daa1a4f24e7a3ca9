import type { ReactNode } from "react";
import { InboxIcon } from "./icons";

type EmptyStateProps = {
  title: string;
  text?: string;
  icon?: ReactNode;
  // A button (label + handler) or any node, e.g. a Link.
  action?: { label: string; onClick: () => void } | ReactNode;
  className?: string;
};

function isButtonAction(action: EmptyStateProps["action"]): action is { label: string; onClick: () => void } {
  return typeof action === "object" && action !== null && "onClick" in action && "label" in action;
}

export function EmptyState({ title, text, icon, action, className = "" }: EmptyStateProps) {
  return (
    <div
      className={`flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center ${className}`}
    >
      <span className="flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        {icon ?? <InboxIcon className="h-6 w-6" />}
      </span>
      <h2 className="mt-4 text-base font-semibold text-slate-900">{title}</h2>
      {text && <p className="mt-1 max-w-md text-sm text-slate-600">{text}</p>}
      {action && (
        <div className="mt-6">
          {isButtonAction(action) ? (
            <button
              type="button"
              onClick={action.onClick}
              className="inline-flex items-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
            >
              {action.label}
            </button>
          ) : (
            action
          )}
        </div>
      )}
    </div>
  );
}
