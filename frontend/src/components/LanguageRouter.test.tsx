import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { addressIn, basenameOf, languageOfPath, pathWithoutLanguage } from '../i18n/url';
import { mockApi } from '../test/helpers';
import { LanguageRouter } from './LanguageRouter';
import { LanguageSwitch } from './LanguageSwitch';

describe('the language of an address', () => {
  it('is English under /en/ and Vietnamese everywhere else', () => {
    expect(languageOfPath('/')).toBe('vi');
    expect(languageOfPath('/search')).toBe('vi');
    expect(languageOfPath('/listings/en')).toBe('vi');
    expect(languageOfPath('/english')).toBe('vi');
    expect(languageOfPath('/en')).toBe('en');
    expect(languageOfPath('/en/')).toBe('en');
    expect(languageOfPath('/en/listings/6b09')).toBe('en');
  });

  it('gives the router a basename per language and the path within the app', () => {
    expect(basenameOf('vi')).toBe('/');
    expect(basenameOf('en')).toBe('/en/');
    expect(pathWithoutLanguage('/en/')).toBe('/');
    expect(pathWithoutLanguage('/en')).toBe('/');
    expect(pathWithoutLanguage('/en/search')).toBe('/search');
    expect(pathWithoutLanguage('/search')).toBe('/search');
  });

  it('switches to the same page in the other language, keeping the query and the fragment', () => {
    expect(addressIn('en', { pathname: '/' })).toBe('/en/');
    expect(addressIn('vi', { pathname: '/en/' })).toBe('/');
    expect(addressIn('en', { pathname: '/search', search: '?q=ch%C3%A8&kind=offer' })).toBe('/en/search?q=ch%C3%A8&kind=offer');
    expect(addressIn('vi', { pathname: '/en/search', search: '?q=ch%C3%A8&kind=offer' })).toBe('/search?q=ch%C3%A8&kind=offer');
    expect(addressIn('en', { pathname: '/listings/6b09', hash: '#matches' })).toBe('/en/listings/6b09#matches');
    expect(addressIn('en', { pathname: '/en/listings/6b09' })).toBe('/en/listings/6b09');
    expect(addressIn('vi', { pathname: '/support/dashboard' })).toBe('/support/dashboard');
  });
});

let mounts = 0;

function SearchProbe() {
  const { t } = useTranslation();
  const location = useLocation();
  useEffect(() => {
    mounts += 1;
  }, []);
  return (
    <>
      <h1>{t('nav.search')}</h1>
      <output data-testid="inner">{location.pathname + location.search}</output>
      <Link to="/listings/l1">listing</Link>
      <Link to="/">home</Link>
    </>
  );
}

function renderAt(address: string) {
  window.history.replaceState(null, '', address);
  return render(
    <LanguageRouter>
      <LanguageSwitch />
      <Routes>
        <Route path="/search" element={<SearchProbe />} />
        <Route path="/listings/:id" element={<p>a listing</p>} />
        <Route path="*" element={<p>elsewhere</p>} />
      </Routes>
    </LanguageRouter>,
  );
}

describe('LanguageRouter', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/');
    mounts = 0;
  });

  it('reads the language from the address, keeps links in it, and switches to the same page in the other one', async () => {
    const { calls } = mockApi({ 'GET /config': () => new Response('{}', { headers: { 'Content-Type': 'application/json' } }) });
    const { default: i18n } = await import('../i18n');
    await act(() => i18n.changeLanguage('en')); // what main.tsx does for an /en/ address before the first paint
    renderAt('/en/search?q=ch%C3%A8');

    expect(screen.getByRole('heading', { name: 'Search' })).toBeTruthy();
    expect(screen.getByTestId('inner').textContent).toBe('/search?q=ch%C3%A8');
    expect(screen.getByRole('link', { name: 'listing' }).getAttribute('href')).toBe('/en/listings/l1');
    expect(screen.getByRole('link', { name: 'home' }).getAttribute('href')).toBe('/en/');
    expect(screen.getByRole('button', { name: 'English (EN)' }).getAttribute('aria-pressed')).toBe('true');
    await endpoints.config();
    expect(calls.at(-1)!.headers['accept-language']).toBe('en');

    fireEvent.click(screen.getByRole('button', { name: 'Tiếng Việt (VI)' }));
    await waitFor(() => expect(window.location.pathname).toBe('/search'));
    expect(window.location.search).toBe('?q=ch%C3%A8');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Tìm kiếm' })).toBeTruthy());
    expect(document.documentElement.lang).toBe('vi');
    // The router's base follows in its own (transition) render: wait for it
    // rather than assume it lands with the texts.
    await waitFor(() => expect(screen.getByRole('link', { name: 'listing' }).getAttribute('href')).toBe('/listings/l1'));
    expect(screen.getByRole('link', { name: 'home' }).getAttribute('href')).toBe('/');
    // The page stayed: only its language changed.
    expect(mounts).toBe(1);
    await endpoints.config();
    expect(calls.at(-1)!.headers['accept-language']).toBe('vi');
    // Nothing is remembered: a shared link's address alone decides.
    expect(localStorage.length).toBe(0);

    // Back returns to the English address, in English.
    act(() => window.history.back());
    await waitFor(() => expect(window.location.pathname).toBe('/en/search'));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Search' })).toBeTruthy());
    expect(document.documentElement.lang).toBe('en');

    // In-app links stay in the language.
    await waitFor(() => expect(screen.getByRole('link', { name: 'listing' }).getAttribute('href')).toBe('/en/listings/l1'));
    fireEvent.click(screen.getByRole('link', { name: 'listing' }));
    await waitFor(() => expect(screen.getByText('a listing')).toBeTruthy());
    expect(window.location.pathname).toBe('/en/listings/l1');
  });
});
