/** Cells are shown as text; anything that is not a plain value is shown as its JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * A small table of plain rows (invariant evidence, measurements), rendered as text. It scrolls sideways inside
 * its panel when the panel is narrower than its columns, and takes focus so that a keyboard can scroll it.
 */
export function RowsTable({ rows, caption }: { readonly rows: readonly Record<string, unknown>[]; readonly caption: string }) {
  const columns = Object.keys(rows[0] ?? {});
  return (
    <div class="lab-mini-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table class="lab-mini-table">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((k) => (
              <th key={k} scope="col">
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((k) => (
                <td key={k}>{cellText(row[k])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
