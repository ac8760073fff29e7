import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies `text`; falls back to selecting the given field when the Clipboard API is missing. */
export function CopyButton({ text, inputId }: { text: string; inputId?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
      } else {
        const input = inputId ? (document.getElementById(inputId) as HTMLInputElement | HTMLTextAreaElement | null) : null;
        if (!input) throw new Error('no clipboard');
        input.select();
        if (!document.execCommand('copy')) throw new Error('copy failed');
      }
      setState('copied');
    } catch {
      const input = inputId ? (document.getElementById(inputId) as HTMLInputElement | HTMLTextAreaElement | null) : null;
      input?.select();
      setState('failed');
    }
  }

  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={copy}>
        {state === 'copied' ? t('common.copied') : t('common.copy')}
      </button>
      <span role="status" aria-live="polite" className={state === 'failed' ? 'field-error' : 'visually-hidden'}>
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </>
  );
}
