// Renames or re-describes one of the org's products. Another org's product is not_found.
import type { Db } from "~/server/db";
import { AppError, isUniqueViolation } from "~/server/errors";
import { productNameTaken } from "./create-product";
import { productSelect, type Product, type UpdateProductInput } from "./product-schemas";

export async function updateProduct(db: Db, input: UpdateProductInput & { orgId: string }): Promise<Product> {
  const data = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
  };
  try {
    // Tenancy in the where: a product of another org matches nothing.
    const { count } = await db.product.updateMany({ where: { id: input.productId, orgId: input.orgId }, data });
    if (count === 0) throw new AppError("not_found", "No such product.");
  } catch (error) {
    if (isUniqueViolation(error)) throw productNameTaken(input.name ?? "");
    throw error;
  }
  return db.product.findFirstOrThrow({ where: { id: input.productId, orgId: input.orgId }, select: productSelect });
}
