import { parseVmId } from '../../contract/vm-id.ts';
import type { AzureGateway, PollOptions } from '../azure/gateway.ts';
import { AppError } from '../domain/errors.ts';
import type { ResumeOperation } from '../operations/tracker.ts';

/**
 * How an instance resumes an operation another one started: the SDK's poller restored from its
 * serialized state, polled as the requester through the same OBO path as everything else.
 */
export function createOperationResumer(gateway: AzureGateway, poll: PollOptions): ResumeOperation {
  return async (record, user) => {
    const ref = parseVmId(record.operation.vmId);
    if (!ref || !record.poller) {
      throw new AppError('InternalError', 'The stored operation cannot be resumed.');
    }
    return gateway.resumeAction(user, ref, record.poller, poll);
  };
}
