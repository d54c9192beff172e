/**
 * The single gate every request passes: trusted sender, known operation, then the operation
 * (which validates its parameters against the contract before its service runs); any failure becomes a typed error result, never an exception.
 */
import { isOperationName } from '../../common/contract.ts';
import { err, type Result } from '../../common/result.ts';
import { operations, type ServiceContext } from './services.ts';

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
  try {
    return await operations[request.operation](request.params ?? {}, ctx);
  } catch (error) {
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
