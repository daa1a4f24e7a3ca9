import type { Db } from "~/server/db";
import { AppError, isUniqueViolation } from "~/server/errors";
import { productSelect, type CreateProductInput, type Product } from "./product-schemas";

export function productNameTaken(name: string) {
  return new AppError("conflict", `Your org already has a product named “${name}”.`);
}

export async function createProduct(db: Db, input: CreateProductInput & { orgId: string }): Promise<Product> {
  try {
    return await db.product.create({
      data: { orgId: input.orgId, name: input.name, description: input.description ?? "" },
      select: productSelect,
    });
  } catch (error) {
    // The unique (orgId, name) decides, so two creates at once still make one product.
    if (isUniqueViolation(error)) throw productNameTaken(input.name);
    throw error;
  }
}
