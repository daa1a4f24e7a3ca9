// The app's button looks, shared by links and buttons so both read as the same control.
const base =
  "inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-medium shadow-sm transition focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60";

export const primaryButton = `${base} bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-brand-500 disabled:hover:bg-brand-600`;
export const secondaryButton = `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 focus-visible:outline-brand-500 disabled:hover:bg-white`;
// For what cannot be undone (revoking a key); used in confirmations, beside a Cancel.
export const dangerButton = `${base} bg-red-600 text-white hover:bg-red-700 focus-visible:outline-red-500 disabled:hover:bg-red-600`;
