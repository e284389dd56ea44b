/** Playwright: the ten slowest spec files at the end of a run, summed over their tests (see slowest-files.ts). */
import { relative } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { slowestFilesTable } from './slowest-files.ts';

export default class SlowestSpecsReporter implements Reporter {
  readonly #files = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult) {
    const file = relative(process.cwd(), test.location.file);
    this.#files.set(file, (this.#files.get(file) ?? 0) + result.duration);
  }

  onEnd() {
    process.stdout.write(slowestFilesTable(this.#files, 'The 10 slowest spec files (Playwright, summed over their tests):'));
  }
}
