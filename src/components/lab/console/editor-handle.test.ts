import { describe, expect, it } from 'vitest';
import { submissionOf } from './editor-handle.ts';

describe('submissionOf', () => {
  it('submits everything when nothing is selected', () => {
    expect(submissionOf('select 1;\nselect 2;', 4, 4)).toEqual({ text: 'select 1;\nselect 2;', from: 0 });
  });

  it('submits the selection and says where it starts, whichever way it was made', () => {
    expect(submissionOf('select 1;\nselect 2;', 10, 19)).toEqual({ text: 'select 2;', from: 10 });
    expect(submissionOf('select 1;\nselect 2;', 19, 10)).toEqual({ text: 'select 2;', from: 10 });
  });

  it('ignores a selection of whitespace only', () => {
    expect(submissionOf('select 1;\n\nselect 2;', 9, 11)).toEqual({ text: 'select 1;\n\nselect 2;', from: 0 });
  });
});
