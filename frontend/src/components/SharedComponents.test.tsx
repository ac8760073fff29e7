import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { PagedTable } from './DataTable';
import { ChoiceGroup, TextField } from './Fields';
import { Tabs } from './Tabs';

const page = (items: string[], total = items.length) => ({ items, total, page: 1, pageSize: 2 });

describe('PagedTable', () => {
  const common = {
    loading: false,
    error: undefined,
    onRetry: () => undefined,
    empty: 'Nothing here',
    columns: ['Name', false as const, 'Date'],
    page: 1,
    pageSize: 2,
    onPage: () => undefined,
    row: (s: string) => (
      <tr key={s}>
        <td>{s}</td>
      </tr>
    ),
  };

  it('shows loading, then the error with a retry button', () => {
    const onRetry = vi.fn();
    const { rerender } = render(<PagedTable {...common} data={undefined} loading />);
    expect(screen.getByRole('status').className).toBe('loading');
    rerender(<PagedTable {...common} data={undefined} error={new Error('x')} onRetry={onRetry} />);
    fireEvent.click(screen.getByRole('button'));
    expect(onRetry).toHaveBeenCalled();
  });

  it('shows the empty text, or the table with its headings and pages', () => {
    const { rerender, container } = render(<PagedTable {...common} data={page([])} />);
    expect(container.querySelector('p.empty')?.textContent).toBe('Nothing here');
    rerender(<PagedTable {...common} data={page(['a', 'b'], 5)} actions />);
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Date', expect.any(String)]);
    expect(container.querySelector('th .visually-hidden')).toBeTruthy();
    expect(container.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(container.querySelector('table')?.getAttribute('aria-busy')).toBe('false');
    expect(container.querySelector('nav')).toBeTruthy();
  });
});

describe('Tabs', () => {
  function Harness() {
    const [tab, setTab] = useState<'a' | 'b' | 'c'>('a');
    return (
      <Tabs
        tabs={['a', 'b', 'c'] as const}
        current={tab}
        label="Tabs"
        panelId="p"
        tabLabel={(s) => s.toUpperCase()}
        onSelect={setTab}
      />
    );
  }

  it('moves with the arrow keys, Home and End, keeping one tab in the Tab order', () => {
    render(<Harness />);
    const a = screen.getByRole('tab', { name: 'A' });
    expect(a.getAttribute('aria-selected')).toBe('true');
    expect(a.getAttribute('aria-controls')).toBe('p');
    fireEvent.keyDown(a, { key: 'ArrowLeft' });
    const c = screen.getByRole('tab', { name: 'C' });
    expect(c.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(c);
    expect(a.tabIndex).toBe(-1);
    fireEvent.keyDown(c, { key: 'Home' });
    expect(document.activeElement).toBe(a);
    fireEvent.click(screen.getByRole('tab', { name: 'B' }));
    expect(screen.getByRole('tab', { name: 'B' }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('Field shells', () => {
  it('tie the hint and error to the control', () => {
    render(<TextField id="f" label="Name" required hint="Hint" error="Wrong" value="" onChange={() => undefined} />);
    const input = screen.getByLabelText(/Name/);
    expect(input.getAttribute('aria-describedby')).toBe('f-hint f-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('label a choice group by its legend and describe it by its error', () => {
    const { container } = render(
      <ChoiceGroup id="g" label="Pick" required error="Choose one">
        <input type="radio" id="g" />
      </ChoiceGroup>,
    );
    const fs = container.querySelector('fieldset')!;
    expect(fs.getAttribute('aria-describedby')).toBe('g-error');
    expect(fs.querySelector('legend .req')).toBeTruthy();
    expect(document.getElementById('g-error')?.textContent).toBe('Choose one');
  });
});
