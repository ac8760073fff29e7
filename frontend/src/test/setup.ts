import { afterEach, beforeEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import i18n, { addMessages } from '../i18n';
import viMessages from '../i18n/vi.json';
import enMessages from '../i18n/en.json';
import { api } from '../api';
import { resetOrgCache } from '../lib/orgNames';
import { resetTaxonomyCache } from '../lib/taxonomy';
import { resetUnread } from '../lib/unread';

// findBy*/waitFor give up after 1 s by default. On a 2-core CI machine the
// unit tests share the cores with the Go tests, Chromium and the server it
// drives: the suite ran seven times slower there than alone (226 s against
// 30 s) and one wait for a page that renders in 50 ms alone ran out at 5 s.
// Waiting longer never makes a failing assertion pass, it only stops a busy
// machine from failing a passing one.
configure({ asyncUtilTimeout: 30000 });

// The app downloads one language's messages (i18n/index.ts); tests switch
// between both without waiting, so both are there from the start.
addMessages('vi', viMessages);
addMessages('en', enMessages);

// jsdom has <dialog> but not its modal methods; emulate the open state.
if (typeof HTMLDialogElement !== 'undefined') {
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
  if (typeof proto.showModal !== 'function') {
    proto.showModal = function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
  }
  if (typeof proto.close !== 'function') {
    proto.close = function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
  }
}

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage('vi');
});

afterEach(() => {
  cleanup();
  // Test files share a worker (isolate: false in vite.config.ts): a test
  // that fakes timers must not leave them faked for the next file.
  vi.useRealTimers();
  api.clearSession();
  // Session caches start empty in every test.
  resetTaxonomyCache();
  resetOrgCache();
  resetUnread();
});
