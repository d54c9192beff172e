/** Retries a check every `everyMs` until it holds or `ms` run out: links, leases, adapters and resolvers take a moment to settle. */
export async function eventually(check: () => Promise<boolean>, ms = 4000, everyMs = 250): Promise<boolean> {
  const until = Date.now() + ms;
  do {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  } while (Date.now() < until);
  return false;
}
