/**
 * A wait that something else may end early: a NOTIFY or stop() ends a
 * consumer's idle sleep, only stop() ends its pause before retrying a failed
 * event (a busy log must not hurry the retries).
 */
export class Wait {
  private end?: () => void;

  for(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.end = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Ends the wait in progress, if any. */
  cut(): void {
    this.end?.();
  }
}
