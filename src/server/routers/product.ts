import { z } from "zod";
import { createProduct } from "../services/product/create-product";
import { listProducts } from "../services/product/list-products";
import { ZCreateProductInput, ZProduct, ZProductList, ZUpdateProductInput } from "../services/product/product-schemas";
import { updateProduct } from "../services/product/update-product";
import { orgAdminProcedure, orgProcedure, router } from "../trpc";

// A seller's products: every member sees them; admins and owners create, rename and describe them.
export const productRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/products", tags: ["Selling"], summary: "Your org's products (the sources of the sessions you contribute)", protect: true } })
    .input(z.void())
    .output(ZProductList)
    .query(({ ctx }) => listProducts(ctx.db, { orgId: ctx.org.id })),

  create: orgAdminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/marketplace/products",
        tags: ["Selling"],
        summary: "Add a product; names are unique in your org (conflict otherwise)",
        protect: true,
      },
    })
    .input(ZCreateProductInput)
    .output(ZProduct)
    .mutation(({ ctx, input }) => createProduct(ctx.db, { ...input, orgId: ctx.org.id })),

  update: orgAdminProcedure
    .meta({
      openapi: {
        method: "PATCH",
        path: "/marketplace/products/{productId}",
        tags: ["Selling"],
        summary: "Rename a product or change its description (conflict if the name is taken)",
        protect: true,
      },
    })
    .input(ZUpdateProductInput)
    .output(ZProduct)
    .mutation(({ ctx, input }) => updateProduct(ctx.db, { ...input, orgId: ctx.org.id })),
});
