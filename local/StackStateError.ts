import { BridgeError } from '../lib/errors.js';

/** A stack file that cannot be read as one: names the file and what to do. */
export class StackStateError extends BridgeError {
  constructor(
    readonly path: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`${path} is not a local stack file (${problem}); remove it if no stack is running`, options);
    this.name = 'StackStateError';
  }
}
