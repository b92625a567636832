import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LEDGER_PARTITION_KEY, LEDGER_TTL_ATTRIBUTE } from '../../ledger/table.js';
import type { BudgetStore } from './BudgetStore.js';
import { scheduleReservation, type Refusal, type Reservation, type ReservationRequest } from './scheduleReservation.js';

export interface DynamoBudgetStoreOptions {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The item's key, `ledgerKeys.budget(account)`. */
  readonly key: string;
}

/** The item outlives a quiet day, then DynamoDB's TTL removes it (a fresh one starts empty). */
const ITEM_TTL_SECONDS = 86_400;
/** Races lost in a row before giving the caller a short refusal instead (many processes at once). */
const MAX_RACES = 4;

/**
 * The account's schedule as one DynamoDB item (`tat`: where the booked schedule ends, epoch ms),
 * booked with one conditional `UpdateItem` per block — no transaction (dynalite has none) and no
 * read in the common case:
 *
 * - extend: `SET tat = tat + span` if `now ≤ tat ≤ now + horizon` (someone booked ahead of us);
 * - restart: `SET tat = now + span` if the item is new or `tat < now` (the schedule ran dry).
 *
 * The store guesses which of the two applies from the `tat` it last saw; when the guess fails it
 * reads the item (consistent read) and either books the other way or returns a refusal with the
 * time the schedule will be within the caller's horizon again.
 */
export class DynamoBudgetStore implements BudgetStore {
  private lastTat: number | undefined;

  constructor(private readonly options: DynamoBudgetStoreOptions) {}

  async reserve(request: ReservationRequest): Promise<Reservation | Refusal> {
    let tat = this.lastTat;
    for (let race = 0; race < MAX_RACES; race += 1) {
      const decision = scheduleReservation(tat, request);
      if (!decision.granted) return decision;
      const booked = await this.book(decision.start === request.now && (tat === undefined || tat < request.now) ? 'restart' : 'extend', request);
      if (booked !== undefined) {
        this.lastTat = booked;
        return { granted: true, start: booked - request.spanMs, end: booked };
      }
      tat = await this.read();
    }
    return { granted: false, retryAt: request.now + request.spanMs };
  }

  /** One conditional update; the new end of the schedule, or `undefined` when the condition failed. */
  private async book(mode: 'extend' | 'restart', { spanMs, now, horizonMs }: ReservationRequest): Promise<number | undefined> {
    const expiresAt = Math.ceil(now / 1000) + ITEM_TTL_SECONDS;
    const names = { '#tat': 'tat', '#exp': LEDGER_TTL_ATTRIBUTE };
    const command =
      mode === 'extend'
        ? new UpdateCommand({
            TableName: this.options.tableName,
            Key: { [LEDGER_PARTITION_KEY]: this.options.key },
            UpdateExpression: 'SET #tat = #tat + :span, #exp = :exp',
            ConditionExpression: '#tat BETWEEN :now AND :limit',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':span': round(spanMs), ':now': round(now), ':limit': round(now + horizonMs), ':exp': expiresAt },
            ReturnValues: 'UPDATED_NEW',
          })
        : new UpdateCommand({
            TableName: this.options.tableName,
            Key: { [LEDGER_PARTITION_KEY]: this.options.key },
            UpdateExpression: 'SET #tat = :end, #exp = :exp',
            ConditionExpression: 'attribute_not_exists(#tat) OR #tat < :now',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':end': round(now + spanMs), ':now': round(now), ':exp': expiresAt },
            ReturnValues: 'UPDATED_NEW',
          });
    try {
      const { Attributes } = await this.options.db.send(command);
      return Number(Attributes?.tat);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  private async read(): Promise<number | undefined> {
    const { Item } = await this.options.db.send(
      new GetCommand({ TableName: this.options.tableName, Key: { [LEDGER_PARTITION_KEY]: this.options.key }, ConsistentRead: true, ProjectionExpression: 'tat' }),
    );
    const tat = Item?.tat;
    this.lastTat = typeof tat === 'number' ? tat : undefined;
    return this.lastTat;
  }
}

/** Microsecond precision is plenty and keeps DynamoDB's numbers short. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
