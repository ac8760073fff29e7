import { describe, expect, it } from 'vitest';
import {
  checkEmail,
  checkPassword,
  mapServerErrors,
  validateLogin,
  validateOrganization,
  validatePasswordChange,
  validateRegister,
  validateRejectReason,
  type RegisterValues,
} from './validation';

const good: RegisterValues = {
  fullName: 'Nguyễn Thị Hoa',
  email: 'hoa@htx-chemienbac.vn',
  password: 'che-shan-tuyet-2025',
  organizationName: 'HTX Chè Shan tuyết Bản Bung',
  organizationKind: 'enterprise',
};

describe('register validation', () => {
  it('accepts a complete form', () => {
    expect(validateRegister(good, true)).toEqual({});
  });

  it('requires every field', () => {
    const errs = validateRegister(
      { fullName: ' ', email: '', password: '', organizationName: '', organizationKind: '' },
      true,
    );
    expect(errs).toEqual({
      fullName: { code: 'required' },
      email: { code: 'required' },
      password: { code: 'required' },
      organizationName: { code: 'required' },
      organizationKind: { code: 'required' },
    });
  });

  it('skips organisation fields when joining by invitation', () => {
    expect(validateRegister({ ...good, organizationName: '', organizationKind: '' }, false)).toEqual({});
  });

  it('checks the email format', () => {
    expect(checkEmail('not-an-email')).toEqual({ code: 'invalid_email' });
    expect(checkEmail('a@b')).toEqual({ code: 'invalid_email' });
    expect(checkEmail(' ok@so.gov.vn ')).toBeUndefined();
  });

  it('enforces the password policy: 10 characters, not the email', () => {
    expect(checkPassword('short', 'a@b.vn')).toEqual({ code: 'too_short', params: { min: 10 } });
    expect(checkPassword('123456789', 'a@b.vn')?.code).toBe('too_short');
    expect(checkPassword('1234567890', 'a@b.vn')).toBeUndefined();
    expect(checkPassword('Hoa@HTX.vn', 'hoa@htx.vn')).toEqual({ code: 'weak_password' });
    expect(checkPassword('xx-hoa@htx.vn-xx', 'hoa@htx.vn')).toEqual({ code: 'weak_password' });
  });

  it('rejects an unknown organisation kind', () => {
    const errs = validateRegister({ ...good, organizationKind: 'bank' as never }, true);
    expect(errs.organizationKind).toEqual({ code: 'invalid_choice' });
  });

  it('limits lengths', () => {
    expect(validateRegister({ ...good, fullName: 'x'.repeat(201) }, true).fullName).toEqual({
      code: 'too_long',
      params: { max: 200 },
    });
  });
});

describe('other forms', () => {
  it('login needs an email and a password', () => {
    expect(validateLogin({ email: '', password: '' })).toEqual({
      email: { code: 'required' },
      password: { code: 'required' },
    });
    expect(validateLogin({ email: 'a@b.vn', password: 'x' })).toEqual({});
  });

  it('a rejection reason has at least 5 characters', () => {
    expect(validateRejectReason('')).toEqual({ code: 'required' });
    expect(validateRejectReason(' abcd ')).toEqual({ code: 'too_short', params: { min: 5 } });
    expect(validateRejectReason('Thiếu giấy phép')).toBeUndefined();
    // The server's limit (1000), not a copy that had drifted to 2000.
    expect(validateRejectReason('a'.repeat(1001))).toEqual({ code: 'too_long', params: { max: 1000 } });
    expect(validateRejectReason('a'.repeat(1000))).toBeUndefined();
  });
});

describe('account and organisation forms', () => {
  it('a new password follows the policy and is repeated exactly', () => {
    const ok = { currentPassword: 'old', newPassword: 'che-shan-tuyet-2026', confirmPassword: 'che-shan-tuyet-2026' };
    expect(validatePasswordChange(ok, 'mai@htx.vn')).toEqual({});
    expect(validatePasswordChange({ ...ok, confirmPassword: 'che-shan-tuyet-2025' }, 'mai@htx.vn')).toEqual({
      confirmPassword: { code: 'password_mismatch' },
    });
    expect(validatePasswordChange({ currentPassword: '', newPassword: 'x', confirmPassword: '' }, 'mai@htx.vn')).toEqual({
      currentPassword: { code: 'required' },
      newPassword: { code: 'too_short', params: { min: 10 } },
      confirmPassword: { code: 'required' },
    });
  });

  it('an organisation needs a name of 2 to 200 characters and a known kind', () => {
    expect(validateOrganization({ name: 'HTX Chè', kind: 'enterprise' })).toEqual({});
    expect(validateOrganization({ name: ' H ', kind: '' })).toEqual({
      name: { code: 'too_short', params: { min: 2 } },
      kind: { code: 'required' },
    });
    expect(validateOrganization({ name: 'x'.repeat(201), kind: 'bank' as never })).toEqual({
      name: { code: 'too_long', params: { max: 200 } },
      kind: { code: 'invalid_choice' },
    });
  });
});

describe('mapServerErrors', () => {
  it('maps API field paths to form fields and keeps the rest', () => {
    const { fieldErrors, other } = mapServerErrors(
      [
        { field: 'email', code: 'email_taken', message: 'Đã tồn tại' },
        { field: 'organization.name', code: 'too_long', message: 'Quá dài' },
        { field: 'email', code: 'invalid_email', message: 'second error for the same field' },
        { field: 'captcha', code: 'unknown_field', message: 'Trường lạ' },
      ],
      { email: 'email', 'organization.name': 'organizationName' },
    );
    expect(fieldErrors).toEqual({
      email: { code: 'email_taken', message: 'Đã tồn tại' },
      organizationName: { code: 'too_long', message: 'Quá dài' },
    });
    expect(other).toEqual([{ field: 'captcha', code: 'unknown_field', message: 'Trường lạ' }]);
  });
});
