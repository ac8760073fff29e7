import { describe, expect, it } from 'vitest';
import vi from './vi.json';
import en from './en.json';
import i18n from './index';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

const viFlat = flatten(vi as Tree);
const enFlat = flatten(en as Tree);

function vars(s: string): string[] {
  return [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
}

describe('translations', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(viFlat).sort()).toEqual(Object.keys(enFlat).sort());
    expect(Object.keys(viFlat).length).toBeGreaterThan(100);
  });

  it('have no empty strings', () => {
    for (const [k, v] of [...Object.entries(viFlat), ...Object.entries(enFlat)]) {
      expect(v.trim(), k).not.toBe('');
    }
  });

  it('use the same interpolation variables in both languages', () => {
    for (const k of Object.keys(viFlat)) {
      expect(vars(viFlat[k]), k).toEqual(vars(enFlat[k]));
    }
  });

  it('translate every audit action and organisation kind', () => {
    for (const a of ['user.register', 'org.create', 'org.verify', 'org.reject', 'user.roles', 'org.invite',
      'org.invite_revoke', 'org.member_join', 'org.member_remove', 'auth.refresh_reuse']) {
      expect(viFlat[`auditActions.${a}`], a).toBeTruthy();
      expect(enFlat[`auditActions.${a}`], a).toBeTruthy();
    }
    expect(viFlat['orgKind.st_org']).toBe('Tổ chức KH&CN công lập');
    expect(viFlat['orgStatus.pending']).toBe('Chờ xác minh');
    expect(viFlat['orgStatus.verified']).toBe('Đã xác minh');
    expect(viFlat['orgStatus.rejected']).toBe('Bị từ chối');
  });

  it('default to Vietnamese, set <html lang> and store no choice (the address decides)', async () => {
    expect(i18n.language).toBe('vi');
    expect(i18n.t('nav.login')).toBe('Đăng nhập');
    await i18n.changeLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.length).toBe(0);
    expect(i18n.t('nav.login')).toBe('Log in');
  });
});
