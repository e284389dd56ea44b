/**
 * Sessions 4 to 7's demos replayed on the labs' real databases: each reaches its step with the recorded trace
 * hash (demo-hashes.generated.json). The demos are split over three files so that they run side by side.
 */
import { expect, it } from 'vitest';
import type { LabDefinition } from '../../labs/sim/types.ts';
import { expectRecordedDemos, replayDemos } from './demo-replay.ts';
import { allDemos, SESSIONS } from './sessions.ts';

const modules = import.meta.glob<{ default: LabDefinition }>('../../labs/*/lab.ts', { eager: true });
const labs = new Map(Object.values(modules).map((m) => [m.default.id, m.default]));

it('sessions 4 to 7: each demo reaches its step and trace hash', async () => {
  const demos = allDemos(SESSIONS.filter((s) => s.number >= 4 && s.number <= 7));
  expect(demos.length).toBeGreaterThan(0);
  await expectRecordedDemos(await replayDemos(demos, labs), 'src/lib/course/demos-sessions-4-7.test.ts');
}, 120_000);
