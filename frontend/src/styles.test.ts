// The style sheet is plain CSS: every rule closes before the next begins.
// A brace lost in a merge does not break the build; browsers read what
// follows as rules nested in the unclosed one, and every later page loses
// its styles without a single error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The style rules that open inside another style rule (at-rules such as @media may hold rules). */
function nestedRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const open: string[] = [];
  const nested: string[] = [];
  let since = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') {
      const selector = text.slice(since, i).split(';').pop()!.trim();
      if (open.length > 0 && !open[open.length - 1].startsWith('@')) nested.push(`${open[open.length - 1]} > ${selector}`);
      open.push(selector);
      since = i + 1;
    } else if (ch === '}') {
      if (open.length === 0) nested.push(`a } with no rule open at offset ${i}`);
      open.pop();
      since = i + 1;
    }
  }
  for (const unclosed of open) nested.push(`${unclosed} is never closed`);
  return nested;
}

describe('styles.css', () => {
  it('closes every rule before the next begins', () => {
    const css = readFileSync(join(__dirname, 'styles.css'), 'utf8');
    expect(nestedRules(css)).toEqual([]);
  });

  it('finds a rule left open', () => {
    expect(nestedRules('.a {\n  color: red;\n.b {\n  color: blue;\n}\n')).toEqual(['.a > .b', '.a is never closed']);
    expect(nestedRules('@media (min-width: 48rem) {\n  .a {\n    color: red;\n  }\n}\n')).toEqual([]);
  });
});
