// The org's products (the sources of its sessions): listed for every member; added, renamed and
// described by admins and owners in a dialog. A taken name is shown on the name field (conflict).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { formatDate } from "~/lib/format";
import { ZCreateProductInput, type Product } from "~/server/services/product/product-schemas";
import { errorCode, useTRPC } from "~/utils/trpc";
import { primaryButton, secondaryButton } from "./button-styles";
import { ErrorState } from "./ErrorState";
import { BoxIcon } from "./icons";
import { Modal } from "./Modal";
import { Notice } from "./Notice";
import { LoadingRegion, Skeleton } from "./Skeleton";
import { Spinner } from "./Spinner";
import { useOrgManagement } from "./use-org-management";

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3.5 py-2.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-500/15 aria-invalid:border-red-400";
const editButton =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm transition hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-60";

// The dialog's target: a new product, or the product being edited.
export type ProductEditing = { mode: "create" } | { mode: "edit"; product: Product };

export function useProductDialog() {
  const [editing, setEditing] = useState<ProductEditing | null>(null);
  return { editing, openCreate: () => setEditing({ mode: "create" }), openEdit: (product: Product) => setEditing({ mode: "edit", product }), close: () => setEditing(null) };
}

export function ProductsSection({ dialog }: { dialog: ReturnType<typeof useProductDialog> }) {
  const trpc = useTRPC();
  const management = useOrgManagement();
  const products = useQuery(trpc.product.list.queryOptions());
  const noteId = useId();
  const reasonId = management.canManage ? undefined : noteId;
  const list = products.data?.products;

  return (
    <section id="products" aria-labelledby="products-title" className="scroll-mt-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1 basis-72">
          <h2 id="products-title" className="text-xl font-semibold text-slate-900">
            Products
          </h2>
          <p className="mt-1 text-sm text-slate-500">The apps and services whose sessions you contribute. Each one is opted into packs above.</p>
        </div>
        <div className="flex flex-col items-end gap-1.5">
          <button type="button" onClick={dialog.openCreate} disabled={!!reasonId} aria-describedby={reasonId} className={primaryButton}>
            <BoxIcon className="h-4 w-4" />
            Add product
          </button>
          {reasonId && (
            <p id={reasonId} data-testid="products-role-note" className="max-w-xs text-right text-xs text-slate-500">
              Only admins and owners of {management.orgName} can add or edit products.
            </p>
          )}
        </div>
      </div>
      <div className="mt-4">
        {products.isPending ? (
          <LoadingRegion label="Loading products" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
            {[0, 1].map((i) => (
              <Skeleton key={i} className="h-5 w-full" />
            ))}
          </LoadingRegion>
        ) : products.isError ? (
          <ErrorState title="We couldn't load your products" onRetry={() => void products.refetch()} retrying={products.isFetching} />
        ) : list && list.length > 0 ? (
          <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
            {list.map((product) => (
              <li key={product.id} data-testid="product-row" className="flex items-center gap-4 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">{product.name}</p>
                  <p className="truncate text-sm text-slate-500">{product.description || <span className="italic text-slate-400">No description</span>}</p>
                </div>
                <p className="hidden shrink-0 text-xs text-slate-400 sm:block">Added {formatDate(product.createdAt)}</p>
                <button
                  type="button"
                  onClick={() => dialog.openEdit(product)}
                  disabled={!!reasonId}
                  aria-describedby={reasonId}
                  aria-label={`Edit ${product.name}`}
                  className={editButton}
                >
                  Edit
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No products yet.</p>
        )}
      </div>
    </section>
  );
}

export function ProductDialog({ dialog }: { dialog: ReturnType<typeof useProductDialog> }) {
  const { editing } = dialog;
  const title = editing?.mode === "edit" ? `Edit ${editing.product.name}` : "Add a product";
  return (
    <Modal open={editing !== null} onClose={dialog.close} title={title} testId="product-dialog">
      {editing && <ProductForm key={editing.mode === "edit" ? editing.product.id : "new"} editing={editing} onDone={dialog.close} />}
    </Modal>
  );
}

function ProductForm({ editing, onDone }: { editing: ProductEditing; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = editing.mode === "edit" ? editing.product : { name: "", description: "" };
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [submitted, setSubmitted] = useState(false);
  const nameId = useId();
  const descriptionId = useId();
  const problemId = useId();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.product.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.optIn.get.queryKey() }),
    ]);
  const create = useMutation(trpc.product.create.mutationOptions());
  const update = useMutation(trpc.product.update.mutationOptions());
  const mutation = editing.mode === "edit" ? update : create;

  const parsed = ZCreateProductInput.safeParse({ name, description });
  const localProblem = submitted && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const conflict = errorCode(mutation.error) === "conflict" ? mutation.error?.message : undefined;
  const nameProblem = localProblem ?? conflict;
  const otherError = mutation.error && !conflict ? mutation.error.message : null;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSubmitted(true);
    if (!parsed.success || mutation.isPending) return;
    const onSuccess = async (product: Product) => {
      await refresh();
      toast.success(editing.mode === "edit" ? `Saved ${product.name}` : `Added ${product.name}`);
      onDone();
    };
    if (editing.mode === "edit") {
      update.mutate({ productId: editing.product.id, name: parsed.data.name, description: parsed.data.description ?? "" }, { onSuccess });
    } else {
      create.mutate(parsed.data, { onSuccess });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-4">
      <div>
        <label htmlFor={nameId} className="block text-sm font-medium text-slate-700">
          Name
        </label>
        <input
          id={nameId}
          autoFocus
          autoComplete="off"
          placeholder="Northwind Ride"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? problemId : undefined}
          className={`mt-1.5 ${inputClass}`}
        />
        {nameProblem && (
          <p id={problemId} className="mt-1.5 text-sm text-red-700" data-testid="product-name-problem">
            {nameProblem}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={descriptionId} className="block text-sm font-medium text-slate-700">
          Description <span className="font-normal text-slate-400">(optional)</span>
        </label>
        <textarea
          id={descriptionId}
          rows={3}
          placeholder="What it is and where its sessions come from"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className={`mt-1.5 ${inputClass}`}
        />
      </div>
      {otherError && <Notice tone="error">{otherError}</Notice>}
      <div className="flex justify-end gap-3 pt-2">
        <button type="button" onClick={onDone} disabled={mutation.isPending} className={secondaryButton}>
          Cancel
        </button>
        <button type="submit" disabled={mutation.isPending} className={`${primaryButton} disabled:cursor-wait`}>
          {mutation.isPending && <Spinner />}
          {editing.mode === "edit" ? "Save" : "Add product"}
        </button>
      </div>
    </form>
  );
}
