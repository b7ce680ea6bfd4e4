import * as fs from 'node:fs';
import * as path from 'node:path';
import { alertLedgerLocation } from './keys';
import type { AlertGroup, AlertLedger, AlertPublisher } from './types';

/** The alert ledger as marker files in a local folder; `wx` creates a file only if it does not exist. */
export class LocalAlertLedger implements AlertLedger {
  constructor(private readonly output: string) {}

  async claim(id: string): Promise<boolean> {
    const marker = alertLedgerLocation(this.output, id);
    await fs.promises.mkdir(path.dirname(marker), { recursive: true });
    try {
      await fs.promises.writeFile(marker, new Date().toISOString(), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  async release(id: string): Promise<void> {
    await fs.promises.rm(alertLedgerLocation(this.output, id), { force: true });
  }
}

/** Keeps the alerts in memory: what `npm start` prints instead of mailing. */
export class CollectingAlertPublisher implements AlertPublisher {
  readonly sent: AlertGroup[] = [];

  async publish(group: AlertGroup): Promise<void> {
    this.sent.push(group);
  }
}
