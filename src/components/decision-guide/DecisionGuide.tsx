/**
 * The joint-ownership decision guide: one yes/no question at a time, then a recommendation with its reasons
 * and trade-offs. All logic lives in src/lib/joint-ownership-guide.ts; this only renders it.
 */
import { useEffect, useState } from 'preact/hooks';
import { decide, prune, QUESTIONS, TECHNIQUE_INFO, type Answers, type QuestionId } from '../../lib/joint-ownership-guide.ts';
import './decision-guide.css';

function AnswerChoice({ id, value, onAnswer }: { id: QuestionId; value: boolean | undefined; onAnswer: (v: boolean) => void }) {
  const question = QUESTIONS[id];
  const name = `jo-guide-${id}`;
  return (
    <fieldset class="dg-question" data-question={id}>
      <legend>{question.text}</legend>
      <p class="dg-help" id={`${name}-help`}>
        {question.help}
      </p>
      <div class="dg-choices">
        {([true, false] as const).map((choice) => (
          <label key={String(choice)} class="dg-choice">
            <input
              type="radio"
              name={name}
              value={choice ? 'yes' : 'no'}
              checked={value === choice}
              aria-describedby={`${name}-help`}
              onChange={() => onAnswer(choice)}
            />
            {choice ? 'Yes' : 'No'}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export default function DecisionGuide() {
  const [answers, setAnswers] = useState<Answers>({});
  // The server-rendered form does nothing until the island runs; tests and scripts wait for this.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const state = decide(answers);
  const answer = (id: QuestionId, value: boolean) => setAnswers(prune({ ...answers, [id]: value }));

  return (
    <section
      class="decision-guide not-content"
      aria-labelledby="jo-guide-title"
      data-guide="joint-ownership"
      data-status={ready ? 'ready' : 'loading'}
    >
      <h3 id="jo-guide-title">Which technique fits your table?</h3>
      <form onSubmit={(e) => e.preventDefault()}>
        {state.path.map((id) => (
          <AnswerChoice key={id} id={id} value={answers[id]} onAnswer={(v) => answer(id, v)} />
        ))}
      </form>
      <div class="dg-result" role="status" aria-live="polite">
        {state.kind === 'recommend' ? (
          <>
            <p class="dg-recommendation">
              Recommended: <strong>{TECHNIQUE_INFO[state.technique].label}</strong>
            </p>
            <h4>Why</h4>
            <ul>
              {state.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
            <h4>What you accept</h4>
            <ul>
              {TECHNIQUE_INFO[state.technique].tradeoffs.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </>
        ) : (
          <p class="dg-pending">Question {state.path.length}: answer it to continue.</p>
        )}
      </div>
      <button type="button" class="dg-reset" onClick={() => setAnswers({})} disabled={Object.keys(answers).length === 0}>
        Start over
      </button>
    </section>
  );
}
