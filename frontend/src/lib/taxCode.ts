// The tax code (mã số thuế) as the server reads it (internal/validate/
// taxcode.go): the shape comes from the OpenAPI pattern, the check digit
// (which no pattern can say) is computed here the same way, and both are
// tested on the same examples.
import { limits } from '../api/limits.gen';

const PATTERN = new RegExp(limits['OrganizationUpdate.evidence.taxCode'].pattern);

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export type TaxCodeProblem = 'invalid_tax_code' | 'tax_code_check_digit';

/** Checks a tax code a person typed; undefined when it is empty or valid. */
export function checkTaxCode(value: string): TaxCodeProblem | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (!/^[\d .-]+$/.test(v)) return 'invalid_tax_code';
  // Spaces and dots are separators; a dash only before the branch suffix.
  const compact = v.replace(/[ .]/g, '');
  if (!PATTERN.test(compact)) return 'invalid_tax_code';
  const d = compact.replace('-', '');
  if (d.length === 12) return undefined; // a personal identification number: format only
  if (d.slice(2, 9) === '0000000' || (d.length === 13 && d.slice(10) === '000')) return 'invalid_tax_code';
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(d[i]), 0);
  const check = 10 - (sum % 11);
  if (check === 10 || Number(d[9]) !== check % 10) return 'tax_code_check_digit';
  return undefined;
}
