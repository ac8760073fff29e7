// The steps of a long form as a numbered list of buttons: where one is,
// which steps are done, which have errors. Moving is the form's business
// (it saves first).
import { useTranslation } from 'react-i18next';

export function Stepper<T extends string>({
  steps,
  current,
  label,
  stepLabel,
  hasErrors,
  onSelect,
}: {
  steps: readonly T[];
  current: T;
  /** The list's accessible name. */
  label: string;
  stepLabel: (step: T) => string;
  hasErrors?: (step: T) => boolean;
  onSelect: (step: T) => void;
}) {
  const { t } = useTranslation();
  const at = steps.indexOf(current);
  return (
    <nav className="stepper" aria-label={label}>
      <ol>
        {steps.map((s, i) => {
          const errors = hasErrors?.(s) ?? false;
          const state = s === current ? 'current' : i < at ? 'done' : 'todo';
          return (
            <li key={s} className={`stepper-step step-${state}${errors ? ' has-error' : ''}`}>
              <button type="button" aria-current={s === current ? 'step' : undefined} onClick={() => onSelect(s)}>
                <span className="stepper-n" aria-hidden="true">
                  {errors ? '!' : i + 1}
                </span>
                <span className="stepper-label">{stepLabel(s)}</span>
                {errors && (
                  <>
                    {' '}
                    <span className="visually-hidden">({t('stepper.hasErrors')})</span>
                  </>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
