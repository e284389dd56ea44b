import type { ResultSet } from '../../../labs/engine/types.ts';
import { commandTag, displayCell, hasRows, resultCaption } from './result-summary.ts';

/** One statement's outcome: a table of rows, or a command tag such as `UPDATE 1`. */
export function ResultView({ set }: { readonly set: ResultSet }) {
  if (!hasRows(set)) {
    return (
      <div class="sql-console__result">
        <p class="sql-console__tag">{commandTag(set)}</p>
        {set.notice === undefined ? null : <p class="sql-console__notice">{set.notice}</p>}
      </div>
    );
  }
  const caption = resultCaption(set);
  return (
    <div class="sql-console__result">
      {/* Wide results scroll sideways; the region is focusable so a keyboard can scroll it too. */}
      <div class="sql-console__scroll" tabIndex={0} role="region" aria-label={caption}>
        <table class="sql-console__table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {set.fields.map((field, index) => (
                <th scope="col" key={index}>
                  {field.name}
                  {field.type === '' ? null : <span class="sql-console__type"> {field.type}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {set.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, cellIndex) => {
                  const shown = displayCell(cell);
                  const kind = shown.isNull ? 'sql-console__null' : typeof cell === 'number' ? 'sql-console__number' : undefined;
                  return (
                    <td key={cellIndex} class={kind}>
                      {shown.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {set.notice === undefined ? null : <p class="sql-console__notice">{set.notice}</p>}
    </div>
  );
}
