// An on/off control (role="switch"): the opt-in page's toggles. Its accessible name says what it
// switches; when disabled, aria-describedby can point at the reason.
export function Switch({
  checked,
  onChange,
  label,
  disabled = false,
  describedBy,
  size = "md",
  testId,
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  label: string;
  disabled?: boolean;
  describedBy?: string;
  size?: "sm" | "md";
  testId?: string;
}) {
  const track = size === "sm" ? "h-5 w-9" : "h-6 w-11";
  const knob = size === "sm" ? "h-4 w-4" : "h-5 w-5";
  const shift = size === "sm" ? "translate-x-4" : "translate-x-5";
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-describedby={describedBy}
      disabled={disabled}
      data-testid={testId}
      onClick={() => onChange(!checked)}
      className={`relative inline-flex ${track} shrink-0 cursor-pointer items-center rounded-full p-0.5 transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50 ${
        checked ? "bg-brand-600" : "bg-slate-300"
      }`}
    >
      <span aria-hidden="true" className={`${knob} rounded-full bg-white shadow-sm transition ${checked ? shift : "translate-x-0"}`} />
    </button>
  );
}
