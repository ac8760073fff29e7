import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import '../i18n';
import { DateField } from './Fields';

function Form() {
  const [v, setV] = useState('');
  return <DateField id="opens" label="Ngày mở" value={v} onChange={(e) => setV(e.target.value)} />;
}

describe('DateField', () => {
  it('accepts dd/mm/yyyy typed, and writes the calendar’s choice back as dd/mm/yyyy', () => {
    render(<Form />);
    const typed = screen.getByLabelText('Ngày mở') as HTMLInputElement;
    fireEvent.change(typed, { target: { value: '05/01/2027' } });
    expect(typed.value).toBe('05/01/2027');
    const native = document.querySelector('input[type="date"]') as HTMLInputElement;
    // The picker shows the typed day.
    expect(native.value).toBe('2027-01-05');
    expect(screen.getByRole('button', { name: 'Mở lịch chọn ngày' })).toBeTruthy();
    fireEvent.change(native, { target: { value: '2027-03-31' } });
    expect(typed.value).toBe('31/03/2027');
  });
});
