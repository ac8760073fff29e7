import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { api } from '.';
import { json, mockApi } from '../test/helpers';

describe('the application client', () => {
  it('asks the server in the UI language of the moment, so its errors come in that language', async () => {
    const { calls } = mockApi({ 'GET /taxonomy': () => json(200, {}) });
    await api.get('/taxonomy', undefined, { auth: false });
    await i18n.changeLanguage('en');
    await api.get('/taxonomy', undefined, { auth: false });
    expect(calls.map((c) => c.headers['accept-language'])).toEqual(['vi', 'en']);
  });
});
