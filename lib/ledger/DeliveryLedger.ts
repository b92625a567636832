import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { WebhookDeliveryItemSchema } from './items.js';
import { LEDGER_PARTITION_KEY, LEDGER_TTL_ATTRIBUTE, ledgerKeys, type LedgerDb } from './table.js';

/** A claim on one webhook event (its delivery key, see `deliveryKey`), held while it is enqueued. */
export interface DeliveryClaim {
  readonly key: string;
  readonly claimId: string;
}

/**
 * Remembers which webhook deliveries were taken (dedupe on iconik's `request_id`).
 *
 * Order, and why: claim (conditional put, state `claimed`) → enqueue → `confirm` (state `enqueued`).
 * If the enqueue fails the receiver `release`s the claim and answers 503, so iconik's retry is
 * taken again. If the release fails too, the claim goes stale after `staleClaimSeconds` and the
 * next retry takes it over: a dedupe entry never makes a failed enqueue look done. A duplicate that
 * arrives while the first delivery is still in flight is acknowledged: that first delivery owns the
 * outcome (it answers 503 on failure, and iconik retries it).
 */
export interface DeliveryLedger {
  /** Claims the delivery; `undefined` when it was already taken (a duplicate). */
  claim(key: string, now: Date): Promise<DeliveryClaim | undefined>;
  confirm(claim: DeliveryClaim): Promise<void>;
  release(claim: DeliveryClaim): Promise<void>;
}

export interface DynamoDeliveryLedgerOptions {
  readonly tableName: string;
  /** How long a `request_id` is remembered (`WEBHOOK_DEDUPE_HOURS`). */
  readonly dedupeHours: number;
  /** After this, an unconfirmed claim (a receiver that died mid-way) may be taken over. */
  readonly staleClaimSeconds?: number;
}

/** The ledger-table implementation: items `webhook#<request_id>#<realm>#<operation>#<object_id>` with a TTL (`expiresAt`). */
export class DynamoDeliveryLedger implements DeliveryLedger {
  readonly #client: LedgerDb;
  readonly #options: Required<DynamoDeliveryLedgerOptions>;

  constructor(client: LedgerDb, options: DynamoDeliveryLedgerOptions) {
    this.#client = client;
    // API Gateway gives up on an integration after 30 s: a claim older than that is no one's.
    this.#options = { staleClaimSeconds: 60, ...options };
  }

  async claim(key: string, now: Date): Promise<DeliveryClaim | undefined> {
    const claimId = randomUUID();
    const nowMs = now.getTime();
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#options.tableName,
          // Never read back (claims are conditional writes); the schema keeps what is written in shape.
          Item: WebhookDeliveryItemSchema.parse({
            [LEDGER_PARTITION_KEY]: ledgerKeys.webhook(key),
            kind: 'webhook',
            state: 'claimed',
            claimId,
            claimedAt: nowMs,
            [LEDGER_TTL_ATTRIBUTE]: Math.floor(nowMs / 1000) + this.#options.dedupeHours * 3600,
          }),
          // TTL deletes lazily (up to days late): an expired entry counts as absent.
          ConditionExpression: 'attribute_not_exists(#pk) OR #exp < :nowSec OR (#state = :claimed AND #claimedAt < :staleBefore)',
          ExpressionAttributeNames: { '#pk': LEDGER_PARTITION_KEY, '#exp': LEDGER_TTL_ATTRIBUTE, '#state': 'state', '#claimedAt': 'claimedAt' },
          ExpressionAttributeValues: {
            ':nowSec': Math.floor(nowMs / 1000),
            ':claimed': 'claimed',
            ':staleBefore': nowMs - this.#options.staleClaimSeconds * 1000,
          },
        }),
      );
      return { key, claimId };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }

  async confirm(claim: DeliveryClaim): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#options.tableName,
        Key: { [LEDGER_PARTITION_KEY]: ledgerKeys.webhook(claim.key) },
        UpdateExpression: 'SET #state = :enqueued',
        ConditionExpression: '#claimId = :claimId',
        ExpressionAttributeNames: { '#state': 'state', '#claimId': 'claimId' },
        ExpressionAttributeValues: { ':enqueued': 'enqueued', ':claimId': claim.claimId },
      }),
    );
  }

  async release(claim: DeliveryClaim): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#options.tableName,
          Key: { [LEDGER_PARTITION_KEY]: ledgerKeys.webhook(claim.key) },
          // Never remove a claim another delivery took over.
          ConditionExpression: '#claimId = :claimId',
          ExpressionAttributeNames: { '#claimId': 'claimId' },
          ExpressionAttributeValues: { ':claimId': claim.claimId },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
