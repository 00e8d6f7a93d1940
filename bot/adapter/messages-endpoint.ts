import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  ActivityHandler,
  Request as BotRequest,
  Response as BotResponse,
  TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { statusOf } from '../../contract/errors.ts';
import { isAppError } from '../../src/domain/errors.ts';
import { readJsonBody } from '../../src/http/body.ts';
import { isLoopbackUrl } from '../../src/net/loopback.ts';
import { MAX_ACTIVITY_BYTES } from '../endpoint.ts';

/** The parts of an activity the bot relies on; everything else passes through to botbuilder. */
const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2048),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    from: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    recipient: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
  })
  .passthrough();

export interface MessagesEndpointOptions {
  /** Processes one activity through the Bot Framework adapter (TeamsFx ConversationBot's requestHandler). */
  readonly process: (
    req: BotRequest,
    res: BotResponse,
    logic: (context: TurnContext) => Promise<void>,
  ) => Promise<void>;
  readonly handler: ActivityHandler;
  /**
   * Anonymous local mode: requests carry no Bot Framework token, so replies may only go to a
   * loopback `serviceUrl` (a local connector), never to an address taken from an unauthenticated request.
   */
  readonly anonymous: boolean;
  readonly logger: Logger;
}

type Answer = { status: number; body?: unknown };

/**
 * `POST /api/messages`: reads and checks the activity, runs it through the adapter, and answers
 * with the invoke response, or `{error:{code, message}}` for anything refused.
 */
export function createMessagesEndpoint(options: MessagesEndpointOptions) {
  return async function messages(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = await handle(req).catch((error: unknown): Answer => {
      options.logger.error({ err: error }, 'bot.messages.failed');
      return failure(500, 'InternalError', 'The bot could not process the activity.');
    });
    res.statusCode = answer.status;
    res.setHeader('cache-control', 'no-store');
    if (answer.body === undefined) {
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(answer.body));
  };

  async function handle(req: IncomingMessage): Promise<Answer> {
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_ACTIVITY_BYTES);
    } catch (error) {
      if (isAppError(error)) return failure(statusOf(error.code), error.code, error.message);
      throw error;
    }
    const shape = activityShape.safeParse(body);
    if (!shape.success) {
      const issue = shape.error.issues[0];
      return failure(
        400,
        'BadRequest',
        `Invalid activity: ${issue ? `${issue.path.join('.') || 'body'} ${issue.message}` : 'malformed'}.`,
      );
    }
    if (options.anonymous && !isLoopbackUrl(shape.data.serviceUrl)) {
      return failure(
        400,
        'BadRequest',
        'In local (anonymous) mode the serviceUrl must be a loopback address.',
      );
    }

    let status = 200;
    let sent: unknown;
    const response = {
      socket: undefined,
      status(code: number) {
        status = code;
        return response;
      },
      send(value: unknown) {
        sent = value;
        return response;
      },
      header() {
        return response;
      },
      end() {
        return response;
      },
    };
    const request = { method: 'POST', headers: req.headers, body: shape.data };
    await options.process(request, response, (context) => options.handler.run(context));

    if (status === 401)
      return failure(401, 'Unauthorized', 'The request is not authenticated by the Bot Framework.');
    if (status >= 500 && (typeof sent === 'string' || sent === undefined)) {
      return failure(status, 'InternalError', 'The bot could not process the activity.');
    }
    if (status >= 400 && typeof sent === 'string') return failure(status, 'BadRequest', sent.slice(0, 300));
    return sent === undefined ? { status } : { status, body: sent };
  }
}

function failure(status: number, code: string, message: string): Answer {
  return { status, body: { error: { code, message } } };
}
