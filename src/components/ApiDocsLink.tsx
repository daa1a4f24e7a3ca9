import Link from "next/link";
import { secondaryButton } from "./button-styles";
import { CodeIcon } from "./icons";

export function ApiDocsLink() {
  return (
    <Link href="/docs/api" className={secondaryButton}>
      <CodeIcon className="h-4 w-4 text-slate-500" />
      API docs
    </Link>
  );
}
