// The three dialogs of API key management: name a new key, see it once, confirm a revoke.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { ApiKeyScope } from "~/server/services/api-key/api-key-scope";
import { ZCreateApiKeyInput, type ApiKey, type CreatedApiKey } from "~/server/services/api-key/api-key-schemas";
import { dangerButton, primaryButton, secondaryButton } from "./button-styles";
import { CheckIcon, CopyIcon } from "./icons";
import { Modal } from "./Modal";
import { Notice } from "./Notice";
import { Spinner } from "./Spinner";

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3.5 py-2.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-500/15 aria-invalid:border-red-400 aria-invalid:focus:ring-red-500/15";

// The server's message for a field, when it refused one (invalid_request carries issues).
function fieldIssue(error: unknown, field: string): string | undefined {
  const issues = (error as { data?: { issues?: { path: string; message: string }[] } } | null)?.data?.issues;
  return issues?.find((i) => i.path === field)?.message;
}

function labelProblem(label: string): string | undefined {
  const parsed = ZCreateApiKeyInput.safeParse({ label });
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

type CreateKeyProps = {
  open: boolean;
  onClose: () => void;
  onCreate: (input: { label: string; scope: ApiKeyScope }) => void;
  pending: boolean;
  error: { message: string } | null;
};

export function CreateKeyDialog(props: CreateKeyProps) {
  // The form mounts with the dialog's content, so each opening starts blank.
  return (
    <Modal open={props.open} onClose={props.onClose} title="Create an API key" testId="create-key-dialog" dismissible={!props.pending}>
      <CreateKeyForm {...props} />
    </Modal>
  );
}

const SCOPE_CHOICES: Array<{ scope: ApiKeyScope; title: string; text: string }> = [
  { scope: "read", title: "Read", text: "For buyers: reads the rows and snapshots of your org's subscriptions." },
  { scope: "ingest", title: "Ingest", text: "For sellers: sends your products' sessions to POST /v1/ingest/sessions, reads nothing." },
];

function CreateKeyForm({ onClose, onCreate, pending, error }: CreateKeyProps) {
  const [label, setLabel] = useState("");
  const [scope, setScope] = useState<ApiKeyScope>("read");
  // Problems show once the user has tried to submit, then follow their typing.
  const [submitted, setSubmitted] = useState(false);
  const inputId = useId();
  const problemId = useId();

  const problem = (submitted ? labelProblem(label) : undefined) ?? fieldIssue(error, "label");
  const otherError = error && !fieldIssue(error, "label") ? error.message : null;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSubmitted(true);
    if (labelProblem(label) || pending) return;
    onCreate({ label: label.trim(), scope });
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-4">
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
          Label
        </label>
        <p className="mt-0.5 text-xs text-slate-500">Where the key will be used, so you can tell keys apart later.</p>
        <input
          id={inputId}
          name="label"
          autoFocus
          autoComplete="off"
          placeholder="Nightly warehouse sync"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          className={`mt-1.5 ${inputClass}`}
        />
        {problem && (
          <p id={problemId} className="mt-1.5 text-sm text-red-700" data-testid="label-problem">
            {problem}.
          </p>
        )}
      </div>
      <fieldset>
        <legend className="block text-sm font-medium text-slate-700">What the key may do</legend>
        <div className="mt-1.5 space-y-2">
          {SCOPE_CHOICES.map((choice) => (
            <label
              key={choice.scope}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 px-3.5 py-2.5 has-checked:border-brand-500 has-checked:bg-brand-50/40"
            >
              <input
                type="radio"
                name="scope"
                value={choice.scope}
                checked={scope === choice.scope}
                onChange={() => setScope(choice.scope)}
                className="mt-0.5"
                data-testid={`key-scope-${choice.scope}`}
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{choice.title}</span>
                <span className="block text-xs text-slate-500">{choice.text}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {otherError && (
        <Notice tone="error" testId="create-key-error">
          {otherError}
        </Notice>
      )}
      <div className="flex justify-end gap-3 pt-2">
        <button type="button" onClick={onClose} disabled={pending} className={secondaryButton}>
          Cancel
        </button>
        <button type="submit" disabled={pending} aria-busy={pending || undefined} className={`${primaryButton} disabled:cursor-wait`}>
          {pending && <Spinner />}
          {pending ? "Creating…" : "Create key"}
        </button>
      </div>
    </form>
  );
}

type CopyState = "idle" | "copied" | "failed";

export function NewKeyDialog({ created, onDone }: { created: CreatedApiKey | null; onDone: () => void }) {
  return (
    <Modal open={created !== null} onClose={onDone} title="Save your new API key" testId="new-key-dialog" dismissible={false}>
      {created && <NewKey key={created.id} created={created} onDone={onDone} />}
    </Modal>
  );
}

function NewKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copy, setCopy] = useState<CopyState>("idle");
  const inputRef = useRef<HTMLInputElement>(null);
  const resetTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(resetTimer.current), []);

  async function copyKey() {
    clearTimeout(resetTimer.current);
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopy("copied");
      resetTimer.current = setTimeout(() => setCopy("idle"), 4000);
    } catch {
      // No clipboard (permission refused, insecure origin): select the key for a manual copy.
      setCopy("failed");
      inputRef.current?.select();
    }
  }

  return (
    <div className="mt-4 space-y-4">
      <Notice tone="warning">
        <strong className="font-semibold">This is the only time the full key is shown.</strong> Copy it now and keep it somewhere
        safe, such as a secrets manager. If you lose it, revoke it and create a new one.
      </Notice>
      <div>
        <p className="text-sm font-medium text-slate-700">
          Key <span className="font-semibold text-slate-900">{created.label}</span>
        </p>
        <div className="mt-1.5 flex gap-2">
          <input
            ref={inputRef}
            readOnly
            value={created.secret}
            aria-label={`The full API key for ${created.label}`}
            data-testid="new-api-key"
            onFocus={(e) => e.currentTarget.select()}
            spellCheck={false}
            className={`${inputClass} min-w-0 font-mono text-[13px]`}
          />
          <button type="button" autoFocus onClick={() => void copyKey()} className={`${secondaryButton} w-28 shrink-0`}>
            {copy === "copied" ? <CheckIcon className="h-4 w-4 text-emerald-600" /> : <CopyIcon className="h-4 w-4 text-slate-500" />}
            {copy === "copied" ? "Copied" : "Copy"}
          </button>
        </div>
        <p role="status" aria-live="polite" className="mt-1.5 min-h-5 text-xs text-slate-500">
          {copy === "copied" && "Copied to the clipboard."}
          {copy === "failed" && "Couldn't reach the clipboard: the key is selected, copy it with Ctrl+C or ⌘C."}
        </p>
      </div>
      <div className="flex justify-end">
        <button type="button" onClick={onDone} className={primaryButton}>
          I&apos;ve saved my key
        </button>
      </div>
    </div>
  );
}

export function RevokeKeyDialog({
  apiKey,
  onCancel,
  onConfirm,
  pending,
  error,
}: {
  apiKey: ApiKey | null;
  onCancel: () => void;
  onConfirm: (key: ApiKey) => void;
  pending: boolean;
  error: { message: string } | null;
}) {
  return (
    <Modal
      open={apiKey !== null}
      onClose={onCancel}
      title={apiKey ? `Revoke “${apiKey.label}”?` : "Revoke key?"}
      testId="revoke-key-dialog"
      dismissible={!pending}
    >
      {apiKey && (
        <div className="mt-3 space-y-4">
          <p className="text-sm leading-6 text-slate-600">
            Programs using the key <code className="font-mono text-[13px] text-slate-900">{apiKey.prefix}…</code> will be refused
            (401 unauthorized) from their next request. This cannot be undone.
          </p>
          {error && (
            <Notice tone="error" testId="revoke-key-error">
              {error.message || "We couldn't revoke the key. Try again."}
            </Notice>
          )}
          <div className="flex justify-end gap-3 pt-2">
            <button type="button" autoFocus onClick={onCancel} disabled={pending} className={secondaryButton}>
              Cancel
            </button>
            <button
              type="button"
              onClick={() => onConfirm(apiKey)}
              disabled={pending}
              aria-busy={pending || undefined}
              className={`${dangerButton} disabled:cursor-wait`}
            >
              {pending && <Spinner />}
              {pending ? "Revoking…" : "Revoke key"}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
