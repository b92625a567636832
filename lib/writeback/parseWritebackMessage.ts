import { InvalidEventError } from '../errors.js';
import { writebackMessageSchema, type WritebackMessage } from '../webhook/writebackMessageSchema.js';

/** An SQS body as the webhook receiver wrote it. @throws InvalidEventError naming what is wrong (permanent) */
export function parseWritebackMessage(body: string): WritebackMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new InvalidEventError('The write-back message is not JSON.', { cause: error });
  }
  const result = writebackMessageSchema.safeParse(json);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))];
    throw new InvalidEventError(`The write-back message is invalid: bad or missing ${fields.join(', ')}.`);
  }
  return result.data;
}
