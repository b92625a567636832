import { BridgeError } from '../errors.js';

/**
 * The metadata view write-back reads does not exist in iconik (`bridge setup` has not run, or the
 * view was renamed). Not retryable: a retry cannot create it; after `bridge setup` the DLQ can be
 * redriven.
 */
export class WritebackViewMissingError extends BridgeError {
  readonly viewName: string;

  constructor(viewName: string) {
    super(`The metadata view "${viewName.slice(0, 200)}" that write-back reads does not exist in iconik: run \`bridge setup\` or set WRITEBACK_VIEW_ID.`);
    this.name = 'WritebackViewMissingError';
    this.viewName = viewName;
  }
}
