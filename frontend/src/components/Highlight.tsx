// Search highlights arrive as HTML: the server escapes the text and wraps
// matched words in <mark>. We never hand that string to the DOM as HTML:
// it is split on <mark>/</mark>, the entities of each piece are decoded, and
// every piece is rendered as a text node — so whatever else the string
// holds (a stray tag, a script) shows as text and cannot run.
import { Fragment } from 'react';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes character references (&amp; &#39; &#x27; …); unknown ones stay as they are. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const cp = parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

export interface HighlightPart {
  text: string;
  mark: boolean;
}

/** Splits highlighted HTML into plain-text pieces, marked or not. */
export function highlightParts(html: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let mark = false;
  for (const token of html.split(/(<mark>|<\/mark>)/i)) {
    const lower = token.toLowerCase();
    if (lower === '<mark>') {
      mark = true;
    } else if (lower === '</mark>') {
      mark = false;
    } else if (token) {
      parts.push({ text: decodeEntities(token), mark });
    }
  }
  return parts;
}

/** Shows `html` (a highlight) when given, else the plain `text`. */
export function Highlight({ html, text }: { html?: string; text: string }) {
  if (!html) return <>{text}</>;
  return (
    <>
      {highlightParts(html).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}
    </>
  );
}
