// Whether the client is still there: one listener at a time (the current attempt) is told when it goes away.
import type { ServerResponse } from 'node:http';

export class ClientConnection {
  /** True once the client closed the connection before the answer finished. */
  gone = false;
  private listener: (() => void) | undefined;

  constructor(res: ServerResponse) {
    res.once('close', () => {
      if (res.writableFinished) return;
      this.gone = true;
      this.listener?.();
    });
  }

  /** Sets (or clears, with undefined) the callback run when the client goes away; runs it now if it already has. */
  onGone(listener: (() => void) | undefined): void {
    this.listener = listener;
    if (listener && this.gone) listener();
  }
}
