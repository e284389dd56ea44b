/**
 * The approach guide over the whole site: ten questions as radio groups, and the path they lead to. Every
 * question starts answered (a small team at the start), so the server-rendered page already shows a full
 * recommendation. All logic lives in src/lib/approach-guide/; this only renders it.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  DEFAULT_ANSWERS,
  describeStores,
  QUESTION_IDS,
  QUESTIONS,
  recommend,
  type Answers,
  type QuestionId,
} from '../../lib/approach-guide/guide.ts';
import type { MeasuredFigures } from '../../lib/approach-guide/measured.ts';
import './approach-guide.css';

function QuestionGroup<Q extends QuestionId>({ id, value, onAnswer }: { id: Q; value: Answers[Q]; onAnswer: (v: Answers[Q]) => void }) {
  const question = QUESTIONS[id];
  const name = `ag-${id}`;
  return (
    <fieldset class="ag-question" data-question={id}>
      <legend>{question.text}</legend>
      <p class="ag-help" id={`${name}-help`}>
        {question.help}
      </p>
      <div class="ag-choices">
        {question.options.map((option) => (
          <label key={option.value} class="ag-choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              aria-describedby={`${name}-help`}
              onChange={() => onAnswer(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export default function ApproachGuideIsland({ figures }: { figures: MeasuredFigures }) {
  const [answers, setAnswers] = useState<Answers>(DEFAULT_ANSWERS);
  // The server-rendered form shows the default path but does nothing until the island runs; tests wait for this.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const result = recommend(answers);
  const answer = <Q extends QuestionId>(id: Q, value: Answers[Q]) => setAnswers({ ...answers, [id]: value });
  const changed = QUESTION_IDS.some((id) => answers[id] !== DEFAULT_ANSWERS[id]);

  return (
    <section class="approach-guide not-content" aria-labelledby="ag-title" data-guide="approach" data-status={ready ? 'ready' : 'loading'}>
      <h3 id="ag-title">Describe your system</h3>
      <form onSubmit={(e) => e.preventDefault()}>
        {QUESTION_IDS.map((id) => (
          <QuestionGroup key={id} id={id} value={answers[id]} onAnswer={(v) => answer(id, v)} />
        ))}
      </form>
      <button type="button" class="ag-reset" onClick={() => setAnswers(DEFAULT_ANSWERS)} disabled={!changed}>
        Back to a small team at the start
      </button>

      <div class="ag-result" data-testid="approach-result">
        <h3 id="ag-path-title">The path these answers lead to</h3>
        <div class="ag-summary" role="status" aria-live="polite" aria-atomic="true">
          <p>
            {result.steps.length} {result.steps.length === 1 ? 'step' : 'steps'}: {result.steps.map((s) => s.step.title).join('; ')}.
          </p>
          <p>Stores to run and back up: {describeStores(result.stores)}.</p>
        </div>
        <ol class="ag-steps" aria-labelledby="ag-path-title">
          {result.steps.map(({ step, reasons }) => (
            <li key={step.id} class="ag-step" data-step={step.id}>
              <h4>{step.title}</h4>
              <p>{step.action}</p>
              <ul class="ag-reasons">
                {reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
              <p class="ag-measured-title">
                Measured in <a href={step.chapter.path}>{step.chapter.title}</a>:
              </p>
              <ul class="ag-figures">
                {figures[step.id].map((f) => (
                  <li key={`${f.lab}-${f.row}-${f.what}`}>
                    {f.what}: <strong class="ag-figure">{f.value}</strong>{' '}
                    <span class="ag-source">
                      (<code>{f.lab}</code>, row “{f.row}”)
                    </span>
                  </li>
                ))}
              </ul>
              <p class="ag-cost">
                <span class="ag-cost-label">Running cost:</span> {step.stores.kind === 'none' ? 'no new store. ' : ''}
                {step.work}
              </p>
            </li>
          ))}
        </ol>
        {result.heldBack.length > 0 && (
          <>
            <h4>Not yet</h4>
            <ul class="ag-held" data-testid="approach-held-back">
              {result.heldBack.map(({ step, reason }) => (
                <li key={step.id} data-step={step.id}>
                  <a href={step.chapter.path}>{step.title}</a>: {reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
