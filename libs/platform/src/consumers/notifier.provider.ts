import type { Provider } from '@nestjs/common';
import { LogNotifier } from '#event-store';
import type { DatabaseHandle } from '../database/database.provider.js';
import { DATABASE } from '../tokens.js';

export const LOG_NOTIFIER = Symbol('LOG_NOTIFIER');

export const notifierProvider: Provider = {
  provide: LOG_NOTIFIER,
  inject: [DATABASE],
  useFactory: async (database: DatabaseHandle) => {
    const notifier = new LogNotifier(database.url);
    await notifier.start();
    return notifier;
  },
};
