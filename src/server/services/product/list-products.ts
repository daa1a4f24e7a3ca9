import type { Db } from "~/server/db";
import { productSelect, type Product } from "./product-schemas";

// The org's products, by name (case-insensitive order, as people scan a list).
export async function listProducts(db: Db, input: { orgId: string }): Promise<{ products: Product[] }> {
  const products = await db.product.findMany({ where: { orgId: input.orgId }, select: productSelect });
  products.sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id.localeCompare(b.id));
  return { products };
}
