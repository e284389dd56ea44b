import { describe, expect, it } from 'vitest';
import { decide, prune, QUESTIONS, type Answers, type QuestionId } from './joint-ownership-guide.ts';

function outcome(answers: Answers) {
  const state = decide(answers);
  return state.kind === 'recommend' ? state.technique : `ask ${state.question.id}`;
}

describe('joint-ownership decision guide', () => {
  it('starts with the column question', () => {
    expect(outcome({})).toBe('ask columns-map');
  });

  it('recommends a table split when columns map cleanly and no cross-slice transaction is needed', () => {
    expect(outcome({ 'columns-map': true, atomic: false })).toBe('table-split');
  });

  it('recommends a data domain when both slices must commit together and the services change apart', () => {
    expect(outcome({ 'columns-map': true, atomic: true })).toBe('ask change-together');
    expect(outcome({ 'columns-map': true, atomic: true, 'change-together': false })).toBe('data-domain');
    expect(outcome({ 'columns-map': false, atomic: true, 'change-together': false })).toBe('data-domain');
  });

  it('recommends consolidation when the services must commit together and already change together', () => {
    expect(outcome({ 'columns-map': false, atomic: true, 'change-together': true })).toBe('service-consolidation');
  });

  it('recommends delegate when one service owns the rows and the other can afford the hop', () => {
    expect(outcome({ 'columns-map': false, atomic: false, 'semantic-owner': true, 'extra-hop': true })).toBe('delegate');
    expect(outcome({ 'columns-map': false, atomic: false, 'semantic-owner': true, 'extra-hop': false, 'change-together': true })).toBe(
      'service-consolidation',
    );
    expect(outcome({ 'columns-map': false, atomic: false, 'semantic-owner': false, 'change-together': false })).toBe('data-domain');
  });

  it('gives one reason per answered question on the path, in order', () => {
    const state = decide({ 'columns-map': false, atomic: false, 'semantic-owner': true, 'extra-hop': true });
    expect(state.kind).toBe('recommend');
    expect(state.path).toEqual(['columns-map', 'atomic', 'semantic-owner', 'extra-hop']);
    if (state.kind === 'recommend') expect(state.reasons).toHaveLength(4);
  });

  it('drops answers an earlier change made irrelevant', () => {
    const answers: Answers = { 'columns-map': false, atomic: false, 'semantic-owner': true, 'extra-hop': true };
    expect(prune({ ...answers, 'columns-map': true })).toEqual({ 'columns-map': true, atomic: false });
  });

  it('always ends in a recommendation, whatever the answers', () => {
    const ids = Object.keys(QUESTIONS) as QuestionId[];
    for (let mask = 0; mask < 2 ** ids.length; mask++) {
      const answers = Object.fromEntries(ids.map((id, i) => [id, (mask >> i) % 2 === 1])) as Answers;
      expect(decide(answers).kind).toBe('recommend');
    }
  });
});

describe('ownership diagram layout', () => {
  it('draws one write line per writer and a request line for a delegation', async () => {
    const { layoutOwnership } = await import('./joint-ownership-guide-diagram.ts');
    const layout = layoutOwnership({
      services: [
        { id: 'ticket', label: 'Ticket' },
        { id: 'assignment', label: 'Assignment' },
      ],
      tables: [{ name: 'tickets', key: 'id', columns: ['priority', 'expert_id'], writers: ['ticket'] }],
      delegation: ['assignment', 'ticket'],
    });
    expect(layout.edges.map((e) => `${e.kind} ${e.from}->${e.to}`)).toEqual(['writes ticket->tickets', 'asks assignment->ticket']);
    expect(layout.tables[0]?.lines).toEqual(['tickets', 'id (key)', 'priority', 'expert_id']);
    for (const s of layout.services) expect(s.box.y + s.box.height).toBeLessThanOrEqual(layout.height);
  });
});
