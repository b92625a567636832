import type { Context } from 'aws-lambda';
import { lambdaDeadline } from '../iconik/lambdaDeadline.js';
import { logger } from '../observability.js';
import { withStandardMiddleware } from './withStandardMiddleware.js';

/** What one invocation gets besides its event. */
export interface Invocation<D> {
  /** The container's dependencies, built on the first invocation and kept. */
  readonly deps: D;
  /** Epoch ms: nothing starts after it (the Lambda's remaining time minus the deps' margin). */
  readonly deadline: number;
  /** Aborted by middy shortly before the Lambda times out. */
  readonly signal: AbortSignal;
  readonly context: Context;
}

export interface HandlerDefinition<D, E, R> {
  /** For the one log line a failed build gets ("write-back cannot start: …"). */
  readonly name: string;
  /** Builds the dependencies; called once per container (again only after it failed). */
  readonly build: () => D | Promise<D>;
  /** Time kept back from the Lambda's remaining time (`DEADLINE_MARGIN_MS`). */
  readonly deadlineMarginMs: (deps: D) => number;
  /** The work of one invocation. */
  readonly run: (event: E, invocation: Invocation<D>) => Promise<R>;
  /** HTTP functions render `statusCode` errors (`@middy/http-error-handler`). */
  readonly http?: boolean;
  /** The clock, given the deps (tests inject one there). @default Date.now */
  readonly now?: (deps: D) => number;
}

/**
 * The one way a function is wired: the standard middy chain, dependencies cached per container
 * (a failed build is retried on the next invocation rather than cached), and the deadline and abort
 * signal computed the same way for every function.
 *
 * @example
 * export const handler = defineHandler({ name: 'ingest', build: () => buildIngestDeps(loadConfig(process.env)), deadlineMarginMs: (d) => d.deadlineMarginMs, run: ingestEvent });
 */
export function defineHandler<D, E, R>(definition: HandlerDefinition<D, E, R>) {
  let deps: Promise<D> | undefined;
  const cachedDeps = (): Promise<D> => {
    if (deps === undefined) {
      const building = Promise.resolve().then(definition.build);
      deps = building;
      building.catch((error: unknown) => {
        // Every event fails with it (and SQS records reach the DLQ): say why once per attempt, plainly.
        logger.error(`${definition.name} cannot start`, { error: error as Error });
        if (deps === building) deps = undefined;
      });
    }
    return deps;
  };
  const handler = withStandardMiddleware(
    async (event: E, context: Context, { signal }: { signal: AbortSignal }): Promise<R> => {
      const d = await cachedDeps();
      const deadline = lambdaDeadline(context, definition.deadlineMarginMs(d), definition.now?.(d) ?? Date.now());
      return definition.run(event, { deps: d, deadline, signal, context });
    },
    definition.http === true ? { http: true } : {},
  );
  return handler;
}
