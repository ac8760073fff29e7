// Bars for money and targets: one horizontal meter made of coloured
// segments, read out by its label. A programme's budget (disbursed,
// committed, remaining), what an application has been paid of its approval,
// and the province's target of supported enterprises all use it.
import { useTranslation } from 'react-i18next';
import type { ProgramBudget } from '../api/types';
import { formatVnd } from '../lib/format';

/** A share of `total` in % (0..100), 0 when there is no total. */
export function percentOf(part: number, total: number): number {
  return total > 0 ? Math.max(0, Math.min(100, (part / total) * 100)) : 0;
}

export function Meter({
  segments,
  total,
  label,
  className = '',
  testId,
}: {
  /** Laid end to end, each `value` out of `total`. */
  segments: { value: number; className: string }[];
  total: number;
  /** What a screen reader hears instead of the picture. */
  label: string;
  className?: string;
  testId?: string;
}) {
  return (
    <div className={`budget-bar ${className}`.trim()} role="img" aria-label={label} data-testid={testId}>
      {segments.map((s, i) => (
        <span key={i} className={s.className} style={{ width: `${percentOf(s.value, total)}%` }} />
      ))}
    </div>
  );
}

/** One value out of a maximum: "paid 300.000.000 ₫ of 400.000.000 ₫", "12 of 20 enterprises". */
export function ProgressBar({ value, max, label, testId }: { value: number; max: number; label: string; testId?: string }) {
  return <Meter segments={[{ value: Math.min(value, max), className: 'budget-disbursed' }]} total={max} label={label} className="progress" testId={testId} />;
}

/** Disbursed, committed (not yet disbursed) and remaining, as one bar and (unless compact) as figures. */
export function BudgetBar({ budget: b, compact = false }: { budget: ProgramBudget; compact?: boolean }) {
  const { t } = useTranslation();
  const label = t('support.budgetBar', {
    committed: formatVnd(b.committed),
    disbursed: formatVnd(b.disbursed),
    remaining: formatVnd(b.remaining),
  });
  const bar = (
    <Meter
      total={b.total}
      label={label}
      segments={[
        { value: b.disbursed, className: 'budget-disbursed' },
        { value: Math.max(0, b.committed - b.disbursed), className: 'budget-committed' },
      ]}
    />
  );
  if (compact) return bar;
  return (
    <div className="budget" data-testid="program-ledger">
      {bar}
      <dl className="budget-legend">
        <div>
          <dt>
            <span className="swatch swatch-committed" aria-hidden="true" /> {t('support.committed')}
          </dt>
          <dd>{formatVnd(b.committed)}</dd>
        </div>
        <div>
          <dt>
            <span className="swatch swatch-disbursed" aria-hidden="true" /> {t('support.disbursed')}
          </dt>
          <dd>{formatVnd(b.disbursed)}</dd>
        </div>
        <div>
          <dt>
            <span className="swatch swatch-remaining" aria-hidden="true" /> {t('support.remaining')}
          </dt>
          <dd data-testid="program-remaining">{formatVnd(b.remaining)}</dd>
        </div>
      </dl>
    </div>
  );
}
