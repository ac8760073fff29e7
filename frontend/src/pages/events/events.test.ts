import { describe, expect, it } from 'vitest';
import { toInput } from './EventForm';
import { slotEnd, slotStart } from './slots';
import { registrationStatus } from './eventText';

describe('the event form', () => {
  it('sends days as the API writes them, lists and numbers as numbers', () => {
    const input = toInput({
      name: 'Chợ công nghệ Thái Nguyên 2027',
      nameEn: '',
      kind: 'hybrid',
      startDate: '27/12/2026',
      endDate: '28/12/2026',
      venue: 'Trung tâm Hội nghị tỉnh',
      link: '',
      organisers: 'Sở Khoa học và Công nghệ\n\n  Trường Đại học Nông Lâm  ',
      sectors: ['agri_processing'],
      registrationOpens: '01/12/2026',
      registrationCloses: '31/02/2026',
      description: '',
      descriptionEn: '',
      booths: [{ code: 'std', name: 'Gian tiêu chuẩn', nameEn: '', sizeM2: '9,5', count: '10', feeVnd: '3.000.000', freeQuota: '2', prefix: 'A' }],
      days: '28/12/2026, 27/12/2026',
      start: '08:30',
      minutes: '20',
      slotsPerDay: '12',
      tables: '',
      breaks: [{ after: 5, minutes: '30' }],
    });
    expect(input.startDate).toBe('2026-12-27');
    // A day that does not exist goes as typed, for the server to name.
    expect(input.registrationCloses).toBe('31/02/2026');
    expect(input.organisers).toEqual(['Sở Khoa học và Công nghệ', 'Trường Đại học Nông Lâm']);
    expect(input.booths?.[0]).toMatchObject({ sizeM2: 9.5, count: 10, feeVnd: 3_000_000, freeQuota: 2 });
    expect(input.meetings).toMatchObject({ days: ['2026-12-28', '2026-12-27'], start: '08:30', minutes: 20, slotsPerDay: 12, tables: 0, breaks: [{ after: 5, minutes: 30 }] });
  });
});

describe('meeting slots', () => {
  it('start after the breaks before them', () => {
    const breaks = [{ after: 5, minutes: 30 }];
    expect(slotStart('08:30', 20, 0, breaks)).toBe('08:30');
    expect(slotStart('08:30', 20, 5, breaks)).toBe('10:10');
    expect(slotStart('08:30', 20, 6, breaks)).toBe('11:00');
  });
  it('end where a break after them begins, when the day has a clock', () => {
    const breaks = [{ after: 5, minutes: 30 }];
    expect(slotEnd('08:30', 20, 4, breaks)).toBe('10:10');
    expect(slotEnd('08:30', 20, 5, breaks)).toBe('10:30');
    expect(slotEnd('08:30', 20, 6, breaks)).toBe('11:20');
    expect(slotEnd('8h30', 20, 0, breaks)).toBeUndefined();
    expect(slotEnd('08:30', 0, 0, breaks)).toBeUndefined();
  });
});

describe('the registration window', () => {
  it('is soon, open or closed against today', () => {
    const w = { registrationOpens: '2026-12-01', registrationCloses: '2026-12-10' };
    expect(registrationStatus(w, '2026-11-30')).toBe('soon');
    expect(registrationStatus(w, '2026-12-10')).toBe('open');
    expect(registrationStatus(w, '2026-12-11')).toBe('closed');
  });
});
