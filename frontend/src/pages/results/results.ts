// The public results' figures as the page shows them: picked from the
// document's flat list (the same rows as the CSV) by section, year and
// metric, so the page and the CSV cannot disagree.
import type { ResultFigure } from '../../api/types';

/** The figures of one section and year, in the document's order. */
export function figuresOf(figures: ResultFigure[], section: string, year: number): ResultFigure[] {
  return figures.filter((f) => f.section === section && f.year === year);
}

/** The support rows of a year: one per programme (then the total), its three figures side by side. */
export interface SupportRow {
  key: string;
  labelVi: string;
  labelEn: string;
  total: boolean;
  enterprises: ResultFigure | undefined;
  committed: ResultFigure | undefined;
  disbursed: ResultFigure | undefined;
}

export function supportRows(figures: ResultFigure[], year: number): SupportRow[] {
  const rows: SupportRow[] = [];
  for (const f of figuresOf(figures, 'support', year)) {
    let row = rows.find((r) => r.key === f.key && r.total === (f.dimension === 'total'));
    if (!row) {
      row = { key: f.key, labelVi: f.labelVi, labelEn: f.labelEn, total: f.dimension === 'total', enterprises: undefined, committed: undefined, disbursed: undefined };
      rows.push(row);
    }
    if (f.metric === 'support.enterprises') row.enterprises = f;
    if (f.metric === 'support.committed') row.committed = f;
    if (f.metric === 'support.disbursed') row.disbursed = f;
  }
  return rows;
}

/** The anchor of a metric's explanation on the page. */
export function howId(metric: string): string {
  return `how-${metric.replace(/[^a-z0-9]+/gi, '-')}`;
}

/** A label in the page's language. */
export function labelOf(f: { labelVi: string; labelEn: string }, lang: string): string {
  return lang.startsWith('en') ? f.labelEn || f.labelVi : f.labelVi;
}
