/**
 * A reporter that prints the ten slowest test files at the end of a run, so that a suite growing past the CI
 * budget shows where the time goes. Used by Vitest (`onTestRunEnd`) and Playwright (`onEnd`) alike.
 */
import { relative } from 'node:path';

const SHOWN = 10;

export function slowestFilesTable(files: ReadonlyMap<string, number>, title: string): string {
  const rows = [...files].sort((a, b) => b[1] - a[1]).slice(0, SHOWN);
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map(([file]) => file.length));
  const lines = rows.map(([file, ms]) => `  ${file.padEnd(width)}  ${(ms / 1000).toFixed(1).padStart(6)} s`);
  return [`\n${title}`, ...lines, ''].join('\n');
}

/** Vitest: a file's time is its collection plus its tests and hooks, as Vitest's own diagnostics count them. */
export default class SlowestFilesReporter {
  onTestRunEnd(modules: readonly { moduleId: string; diagnostic(): { collectDuration: number; duration: number } }[]) {
    const files = new Map<string, number>();
    for (const module of modules) {
      const { collectDuration, duration } = module.diagnostic();
      files.set(relative(process.cwd(), module.moduleId), collectDuration + duration);
    }
    process.stdout.write(slowestFilesTable(files, `The ${SHOWN} slowest test files (Vitest):`));
  }
}
