import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import i18n from '../i18n';
import { api } from '../api';
import { resetOrgCache } from '../lib/orgNames';
import { resetTaxonomyCache } from '../lib/taxonomy';

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
  api.clearSession();
  // Session caches start empty in every test.
  resetTaxonomyCache();
  resetOrgCache();
});
