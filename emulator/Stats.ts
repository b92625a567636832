/** One line of the request log (no headers, no bodies: they may hold tokens). */
export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  /** Operation key, or `control`, `gcs`, `unrouted`. */
  operation: string;
  status: number;
  appId?: string;
  fault?: string;
}

/** Counters the control API exposes at `GET /_emulator/stats`. */
export interface StatsSnapshot {
  requests: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  rateLimited: number;
  faultsInjected: number;
  responseViolations: { operation: string; status: number; problems: string[] }[];
  log: RequestLogEntry[];
}

/** Request counters and a bounded request log. */
export class Stats {
  private data: StatsSnapshot = Stats.empty();

  constructor(private readonly logLimit = 5000) {}

  private static empty(): StatsSnapshot {
    return { requests: 0, byOperation: {}, byStatus: {}, rateLimited: 0, faultsInjected: 0, responseViolations: [], log: [] };
  }

  /** Records one finished request. */
  record(entry: RequestLogEntry): void {
    const d = this.data;
    d.requests += 1;
    d.byOperation[entry.operation] = (d.byOperation[entry.operation] ?? 0) + 1;
    d.byStatus[String(entry.status)] = (d.byStatus[String(entry.status)] ?? 0) + 1;
    if (entry.status === 429 && entry.fault === undefined) d.rateLimited += 1;
    if (entry.fault !== undefined) d.faultsInjected += 1;
    d.log.push(entry);
    if (d.log.length > this.logLimit) d.log.shift();
  }

  /** Records a strict-mode response violation. */
  violation(operation: string, status: number, problems: string[]): void {
    this.data.responseViolations.push({ operation, status, problems });
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = Stats.empty();
  }
}
