import { describe, expect, it } from 'vitest';
import { checkTaxCode } from './taxCode';

// The same examples as internal/validate/taxcode_test.go.
describe('checkTaxCode', () => {
  it.each([
    ['0100233488', undefined],
    ['0314409058', undefined],
    ['0100112437', undefined],
    ['0312687878', undefined],
    [' 4600123459 ', undefined],
    ['0314409058-002', undefined],
    ['0314409058002', undefined],
    ['0314.409.058 - 002', undefined],
    ['001099012345', undefined],
    ['', undefined],
    ['0100233480', 'tax_code_check_digit'],
    ['0314409059-002', 'tax_code_check_digit'],
    ['0100000000', 'invalid_tax_code'],
    ['0314409058-000', 'invalid_tax_code'],
    ['031440905', 'invalid_tax_code'],
    ['03144090581', 'invalid_tax_code'],
    ['0314409058-02', 'invalid_tax_code'],
    ['031440-9058', 'invalid_tax_code'],
    ['0314409058--002', 'invalid_tax_code'],
    ['00109901234-5', 'invalid_tax_code'],
    ['0314409058A', 'invalid_tax_code'],
    ['03144090580020', 'invalid_tax_code'],
  ])('%s → %s', (input, want) => {
    expect(checkTaxCode(input)).toBe(want);
  });
});
