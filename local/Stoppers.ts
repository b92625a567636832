/**
 * What a stack has started, stopped last-started-first: pollers before the servers they poll. A step
 * that fails does not keep the others running.
 */
export class Stoppers {
  private readonly steps: Array<() => Promise<unknown> | unknown> = [];

  add(...steps: Array<() => Promise<unknown> | unknown>): void {
    this.steps.push(...steps);
  }

  async stopAll(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // keep stopping the rest: a server that fails to close must not leave the others running
      }
    }
  }
}
