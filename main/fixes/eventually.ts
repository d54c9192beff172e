/** Retries a check for a little while: links, leases and resolvers take a moment to settle. */
export async function eventually(check: () => Promise<boolean>, ms = 4000): Promise<boolean> {
  const until = Date.now() + ms;
  do {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() < until);
  return false;
}
