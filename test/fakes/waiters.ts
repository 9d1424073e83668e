/**
 * Waiting for a fake to see something: `waitFor` resolves once `check` holds, checked again at
 * every `notify()` (each request or message the fake records). `ms` only ends a broken run: it is
 * generous so that a loaded machine never fails a test that is right; timing is the bench's job.
 */
export class Waiters {
  private waiters: Array<() => void> = [];

  constructor(private readonly name: string) {}

  async waitFor(check: () => boolean, ms = 30_000): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}.waitFor timed out`)), ms);
      const waiter = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      this.waiters.push(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
