/**
 * The single gate every request passes: known operation, trusted sender, valid parameters,
 * then the service; any failure becomes a typed error result, never an exception.
 */
import { isOperationName } from '../../common/contract.ts';
import { operationParams } from '../../common/contract-schemas.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { handlers, OperationFailure, type ServiceContext } from './services.ts';

export interface InvokeRequest {
  /** Where the request came from: the sender frame URL (Electron) or the Origin (harness). */
  senderUrl: string | null;
  operation: unknown;
  params: unknown;
}

export type SenderCheck = (senderUrl: string | null) => boolean;

export async function dispatch(
  request: InvokeRequest,
  isTrustedSender: SenderCheck,
  ctx: ServiceContext,
): Promise<Result<unknown>> {
  if (!isTrustedSender(request.senderUrl)) return err('forbidden-sender', 'request from an untrusted sender refused');
  if (!isOperationName(request.operation)) return err('unknown-operation', 'no such operation');
  const schema = operationParams[request.operation];
  const parsed = schema.safeParse(request.params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err('invalid-params', `invalid parameters${issue ? `: ${issue.path.join('.') || '(root)'} ${issue.message}` : ''}`);
  }
  try {
    const handler = handlers[request.operation] as (p: unknown, c: ServiceContext) => Promise<unknown>;
    return ok(await handler(parsed.data, ctx));
  } catch (error) {
    if (error instanceof OperationFailure) return err(error.code, error.message);
    // Services report their own failures as values; reaching this is a bug, so say little.
    console.error(`[vmnet-doctor] ${request.operation} failed:`, error);
    return err('internal', 'the operation failed unexpectedly');
  }
}

/** A sender is trusted only when its URL is exactly the app's own renderer page. */
export function senderMatches(allowedUrl: string): SenderCheck {
  const allowed = new URL(allowedUrl);
  return (senderUrl) => {
    if (!senderUrl) return false;
    try {
      const url = new URL(senderUrl);
      return url.protocol === allowed.protocol && url.host === allowed.host && url.pathname === allowed.pathname;
    } catch {
      return false;
    }
  };
}
