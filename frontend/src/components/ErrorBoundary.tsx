import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addressIn, isLanguage } from '../i18n/url';

function Fallback({ onReset }: { onReset: () => void }) {
  const { t, i18n } = useTranslation();
  // A full page load (the app may be broken), to the home page in the page's language.
  const home = addressIn(isLanguage(i18n.language) ? i18n.language : 'vi', { pathname: '/' });
  return (
    <section className="page narrow" role="alert">
      <h1>{t('errorBoundary.title')}</h1>
      <p>{t('errorBoundary.text')}</p>
      <p className="actions">
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </button>
        <a className="btn btn-secondary" href={home} onClick={onReset}>
          {t('common.backHome')}
        </a>
      </p>
    </section>
  );
}

/** Catches render errors (and failed lazy chunk loads on a weak connection). */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('render error', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) return <Fallback onReset={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
