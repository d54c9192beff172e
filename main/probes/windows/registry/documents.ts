/** How the probes' JSON documents are read: PowerShell's one-element lists and enum values as they come. */
import { z } from 'zod';

/** A list as ConvertTo-Json writes it: an array, one bare element, null, or nothing at all. */
export const list = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), item.transform((v) => [v]), z.null().transform(() => [])])
    .optional()
    .default([]);
/** An enum or flag cast to [string] in the script; a number or boolean from an older engine reads the same. */
export const str = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** A parser from a zod schema: the document, or null when it is not of that shape. */
export const readWith =
  <S extends z.ZodType>(schema: S) =>
  (data: unknown): z.output<S> | null => {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : null;
  };

/** "<Component> on each adapter" (Get-NetAdapterBinding): absent in bundles from before it was read. */
export const bindingsDoc = list(z.object({ Name: z.string(), Enabled: z.boolean() }));
