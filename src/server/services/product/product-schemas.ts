// A seller org's products: the sources of the sessions it contributes to packs. Names are unique
// within an org (the database says so; a clash is a conflict).
import { z } from "zod";
import type { Prisma } from "~/server/db";
import { ZText } from "~/server/validation/text";

const ZProductName = ZText.trim().min(1, "Give the product a name").max(100, "Keep the name to 100 characters or fewer");
const ZProductDescription = ZText.trim().max(500, "Keep the description to 500 characters or fewer");

export const ZCreateProductInput = z.object({
  name: ZProductName,
  description: ZProductDescription.optional(),
});

export const ZUpdateProductInput = z
  .object({
    productId: ZText.trim().min(1).max(64),
    name: ZProductName.optional(),
    description: ZProductDescription.optional(),
  })
  .refine((input) => input.name !== undefined || input.description !== undefined, {
    message: "Send a new name, a new description or both",
    path: ["name"],
  });

export const ZProduct = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.date(),
});

export const ZProductList = z.object({ products: z.array(ZProduct) });

export const productSelect = { id: true, name: true, description: true, createdAt: true } satisfies Prisma.ProductSelect;

export type Product = z.infer<typeof ZProduct>;
export type CreateProductInput = z.infer<typeof ZCreateProductInput>;
export type UpdateProductInput = z.infer<typeof ZUpdateProductInput>;
