import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { decodeEntities, Highlight, highlightParts } from './Highlight';

describe('Highlight', () => {
  it('wraps matched words in <mark> and keeps the rest as text', () => {
    const { container } = render(
      <p>
        <Highlight html="Nuôi <mark>cá</mark> <mark>tầm</mark> trong bể" text="unused" />
      </p>,
    );
    expect(container.textContent).toBe('Nuôi cá tầm trong bể');
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['cá', 'tầm']);
  });

  it('decodes the server escaping into text, never into markup', () => {
    const html = 'A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;<mark>b&#34;</mark>&#x27;';
    const { container } = render(
      <p>
        <Highlight html={html} text="" />
      </p>,
    );
    expect(container.textContent).toBe(`A <script>alert(1)</script> & '` + 'b"' + "'");
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelectorAll('mark')).toHaveLength(1);
  });

  it('shows stray tags as text: only <mark> ever becomes an element', () => {
    const html = '<img src=x onerror="alert(1)"><mark>ok</mark><b>bold</b><MARK>up</MARK>';
    const { container } = render(
      <p>
        <Highlight html={html} text="" />
      </p>,
    );
    const p = container.querySelector('p')!;
    expect(p.querySelector('img')).toBeNull();
    expect(p.querySelector('b')).toBeNull();
    expect([...p.querySelectorAll('*')].every((el) => el.tagName === 'MARK')).toBe(true);
    expect(p.textContent).toBe('<img src=x onerror="alert(1)">ok<b>bold</b>up');
  });

  it('falls back to the plain text without a highlight', () => {
    const { container } = render(
      <p>
        <Highlight text="Máy sấy chè <b>" />
      </p>,
    );
    expect(container.textContent).toBe('Máy sấy chè <b>');
    expect(container.querySelector('b')).toBeNull();
  });

  it('splits into parts and leaves unknown entities alone', () => {
    expect(highlightParts('x<mark>y</mark>z')).toEqual([
      { text: 'x', mark: false },
      { text: 'y', mark: true },
      { text: 'z', mark: false },
    ]);
    expect(decodeEntities('&bogus; &#0; &#xD800; &lt;')).toBe('&bogus; &#0; &#xD800; <');
  });
});
