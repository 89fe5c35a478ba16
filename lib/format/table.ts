/**
 * A plain-text table with aligned columns, for the CLI: the first column is
 * left-aligned (names), the others right-aligned (numbers), two spaces apart.
 */
export function textTable(rows: string[][], align: Array<'left' | 'right'> = []): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  const side = (i: number) => align[i] ?? (i === 0 ? 'left' : 'right');
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const gap = ' '.repeat(widths[i] - [...cell].length);
          return side(i) === 'left' ? cell + gap : gap + cell;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
