import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import vi from './vi.json';
import { messagesPart, SIGNED_IN_SECTIONS } from './parts';
import publicPages from '../publicPages.json';

const SRC = resolve(__dirname, '..');

/** The files `entry` imports statically (not through import()), transitively, within src/. */
function staticClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) {
      const base = join(dirname(file), m[1]);
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => existsSync(f) && !f.endsWith('.json') && f.match(/\.tsx?$/));
      if (found) visit(found);
    }
  };
  entries.forEach((e) => visit(join(SRC, e)));
  return seen;
}

// The pages a visitor reaches without signing in (src/publicPages.json), and the code every page runs.
const PUBLIC = ['main.tsx', ...publicPages.pages];

describe('the messages’ parts', () => {
  it('split every section into exactly one part', () => {
    const pub = messagesPart(vi, 'public');
    const signedIn = messagesPart(vi, 'signedIn');
    expect(Object.keys(pub).length + Object.keys(signedIn).length).toBe(Object.keys(vi).length);
    for (const s of SIGNED_IN_SECTIONS) expect(Object.keys(vi), s).toContain(s);
    expect(pub.nav).toEqual(vi.nav);
    expect(signedIn.login).toEqual(vi.login);
  });

  it('name the same public pages as App.tsx', () => {
    // The pages App.tsx loads with the public messages are the ones listed.
    const app = readFileSync(join(SRC, 'App.tsx'), 'utf8');
    const declared = [...app.matchAll(/lazyPage\(\(\) => import\('\.\/([^']+)'\), \{ public: true \}\)/g)].map((m) => `${m[1]}.tsx`);
    expect([...declared].sort()).toEqual([...publicPages.pages].sort());
  });

  it('keep out of the public part only sections no public page uses', () => {
    const files = staticClosure(PUBLIC);
    expect(files.size).toBeGreaterThan(20);
    const offending: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      for (const s of SIGNED_IN_SECTIONS) {
        // A key of the section, or one built at run time ("plan.create" names an audit action, not a text).
        const section = (vi as Record<string, Record<string, unknown>>)[s];
        for (const m of code.matchAll(new RegExp(`['"\`]${s}\\.(\\$\\{|\\w+)`, 'g'))) {
          if (m[1] === '${' || m[1] in section) offending.push(`${file.slice(SRC.length + 1)} uses ${s}.${m[1]}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
