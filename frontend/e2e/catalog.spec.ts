// The catalogue end to end: an institute lists a technology, the officer
// approves it, a visitor finds it by typing without diacritics; and an
// officer rejects a listing that its owner then corrects and resubmits.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { demoConfig, fmt, LANGS, login, logout, MOBILE, DESKTOP, navTo, openIn, shot, shotDesktop, shotMobile, TEXT, type Lang } from './helpers';

const INSTITUTE = 'institute@demo.techmart.vn';
const OFFICER = 'officer@demo.techmart.vn';

/** Distinctive titles (sturgeon farming) so that the demo catalogue does not interfere. */
const JOURNEY = {
  vi: {
    title: 'Quy trình nuôi cá tầm thương phẩm trong bể tuần hoàn nước lạnh',
    query: 'nuoi ca tam thuong pham',
  },
  en: {
    title: 'Công nghệ ương giống cá tầm Xi-bê-ri bằng thức ăn viên nổi',
    query: 'uong giong ca tam',
  },
} as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A small RGB PNG (cold water blues with a green band), made here so that no binary fixture is needed. */
function samplePng(width = 320, height = 200): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const band = Math.abs(y - height * 0.6 - 12 * Math.sin(x / 25)) < 10;
      const i = row + 1 + x * 3;
      raw[i] = band ? 11 : 20 + Math.round((x / width) * 40);
      raw[i + 1] = band ? 93 : 90 + Math.round((y / height) * 80);
      raw[i + 2] = band ? 75 : 160 + Math.round((y / height) * 80);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Waits until every image in `scope` has loaded real pixels. */
async function imagesLoaded(page: Page, selector: string) {
  await expect
    .poll(() =>
      page.locator(selector).evaluateAll((imgs) => imgs.length > 0 && imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)),
    )
    .toBe(true);
}

function nav(page: Page, lang: Lang) {
  return page.getByRole('navigation', { name: TEXT[lang].nav.main });
}

async function apiToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

for (const lang of LANGS) {
  test(`an institute lists a technology, the officer approves it, a visitor finds it without diacritics (${lang})`, async ({
    page,
    request,
  }) => {
    const T = TEXT[lang];
    const { demoPassword } = await demoConfig(request);
    const { title, query } = JOURNEY[lang];

    // The institute starts a listing from "My listings".
    await openIn(page, lang);
    await login(page, lang, INSTITUTE, demoPassword);
    await nav(page, lang).getByRole('link', { name: T.nav.myListings }).click();
    await expect(page.getByRole('heading', { level: 1, name: T.myListings.title })).toBeVisible();
    await expect(page.locator('#my-listings-panel').locator('table, .empty')).toBeVisible();
    await shot(page, lang, '23-my-listings');
    await page.getByRole('main').getByRole('link', { name: T.myListings.new }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: T.listingForm.newTitle })).toBeVisible();
    await shot(page, lang, '24-listing-kind');
    await page.getByRole('link', { name: new RegExp(T.listingForm.kindTitle.technology) }).click();
    await expect(page).toHaveURL(/kind=technology/);

    // Submitting an empty form shows what is missing, next to each field.
    const form = page.locator('form.listing-form');
    await form.getByRole('button', { name: T.listingForm.saveSubmit, exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: fmt(T.form.fixErrors_other, { count: 6 }) })).toBeVisible();
    await expect(form.getByText(T.fieldErrors.required).first()).toBeVisible();
    await shot(page, lang, '25-listing-form-errors');

    await form.getByLabel(T.listingFields.title).fill(title);
    await form
      .getByLabel(T.listingFields.summary)
      .fill('Nuôi cá tầm thương phẩm trong hệ thống bể tuần hoàn nước lạnh, tiết kiệm 90% nước, kiểm soát dịch bệnh, năng suất 40 kg/m³.');
    await form.getByLabel(T.listingFields.description).fill('Hệ thống gồm bể nuôi, bể lắng, lọc sinh học và máy làm lạnh.\nĐã vận hành thử 2 năm tại Ba Bể.');
    await form.getByLabel(T.listingFields.trl).selectOption('6');
    await form.getByRole('checkbox', { name: lang === 'vi' ? 'Chuyển giao quyền sử dụng công nghệ' : 'Licence (right to use)' }).check();
    await form.getByRole('checkbox', { name: lang === 'vi' ? 'Đào tạo, hướng dẫn kỹ thuật' : 'Training and technical guidance' }).check();
    await form.getByRole('radio', { name: T.priceMode.range }).check();
    await form.getByLabel(T.listingFields.price_min).fill('300000000');
    await form.getByLabel(T.listingFields.price_max).fill('450.000.000');
    await form.getByRole('checkbox', { name: lang === 'vi' ? 'Nông lâm nghiệp công nghệ cao' : 'High-tech agriculture and forestry' }).check();
    await form.getByLabel(T.listingFields.keywords).fill('cá tầm, nuôi trồng thủy sản, bể tuần hoàn');
    await form.getByLabel(T.listingFields.adminUnit).selectOption('phuong_duc_xuan');
    await form.getByLabel(T.listingFields.contact_name).fill('TS. Phạm Thị Lan');
    await form.getByLabel(T.listingFields.contact_email).fill('institute@demo.techmart.vn');
    await form.getByRole('button', { name: T.listingFormFiles.saveDraftAddFiles, exact: true }).click();

    // The draft opens in the form with the upload on top: the institute adds a photo, refused files first.
    await expect(page).toHaveURL(/\/listings\/[0-9a-f]+\/edit$/);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: T.listingFormFiles.filesStep })).toBeVisible();
    const files = page.locator('section.files-editor');
    await expect(files.getByRole('heading', { name: T.files.title })).toBeVisible();
    const fileInput = files.getByLabel(T.files.choose);
    await fileInput.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await expect(files.getByRole('alert')).toHaveText(fmt(T.files.error.type, { name: 'setup.exe' }));
    await fileInput.setInputFiles({ name: 'be-nuoi-ca-tam.png', mimeType: 'image/png', buffer: samplePng() });
    await expect(page.getByRole('status').filter({ hasText: fmt(T.files.uploaded, { name: 'be-nuoi-ca-tam.png' }) })).toBeVisible();
    await expect(files.locator('.thumb img')).toHaveCount(1);
    await imagesLoaded(page, '.files-editor .thumb img');
    await expect(files.getByRole('alert')).toHaveText('');
    await shot(page, lang, '26a-listing-files-owner');

    // Then submits it for review from the same form.
    await page.locator('form.listing-form').getByRole('button', { name: T.listingForm.saveSubmit, exact: true }).click();

    // The listing page: awaiting review.
    await expect(page).toHaveURL(/\/listings\/[0-9a-f]+$/);
    await expect(page.getByRole('status').filter({ hasText: T.listingForm.submitted })).toBeVisible();
    await expect(page.locator('.listing-kicker .badge')).toHaveText(T.listingState.pending);
    await shot(page, lang, '26-listing-owner-pending');
    await logout(page, lang);

    // The officer approves it from the moderation queue.
    await login(page, lang, OFFICER, demoPassword);
    await navTo(page, lang, 'officerTools', T.nav.listingQueue);
    await expect(page.getByRole('heading', { level: 1, name: T.listingQueue.title })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Viện Khoa học Sự sống');
    await shot(page, lang, '27-listing-queue');
    await row.getByRole('link', { name: fmt(T.listingQueue.reviewLabel, { title }) }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('button', { name: T.moderation.approve })).toBeVisible();
    await imagesLoaded(page, '.listing-files .thumb img');
    await shot(page, lang, '28-listing-officer');
    await page.getByRole('button', { name: T.moderation.approve }).click();
    const approve = page.getByRole('dialog', { name: T.moderation.approveTitle });
    await approve.getByRole('button', { name: T.moderation.approve }).click();
    await expect(page.getByRole('status').filter({ hasText: fmt(T.moderation.approved, { title }) })).toBeVisible();
    await expect(page.locator('.listing-kicker .badge')).toHaveText(T.listingState.published);
    await logout(page, lang);

    // A visitor types the title without diacritics on the home page.
    await page.goto('/');
    const box = page.getByRole('combobox', { name: T.home.searchLabel });
    await box.fill(query);
    const suggestion = page.getByRole('option', { name: new RegExp(title) });
    await expect(suggestion).toBeVisible();
    await shotDesktop(page, lang, '29-search-suggest');
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${query.replace(/ /g, '\\+')}`));
    const card = page.locator('li.result').filter({ hasText: title });
    await expect(card).toBeVisible();
    await expect(card.locator('h3 mark').first()).toBeVisible();
    await expect(card).toContainText(lang === 'en' ? '300,000,000 – 450,000,000' : '300.000.000 – 450.000.000');
    await expect(card).toContainText('TRL 6');
    await shot(page, lang, '30-search-results');

    // On a phone the facets fold into a "Filters" drawer.
    await page.setViewportSize(MOBILE);
    await page.locator('summary').filter({ hasText: T.search.filters }).click();
    await expect(page.getByRole('group', { name: T.search.facet.kind })).toBeVisible();
    await shotMobile(page, lang, '31-search-filters');
    await page.setViewportSize(DESKTOP);

    await card.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.locator('.listing-org')).toContainText('Viện Khoa học Sự sống – Đại học Thái Nguyên');
    await expect(page.locator('.listing-kicker .badge')).toHaveCount(0);
    // The photo is public now: a plain <img> of its thumbnail that opens the full image.
    const gallery = page.locator('section.listing-files');
    await expect(gallery.getByRole('heading', { name: T.files.title })).toBeVisible();
    await expect(gallery.locator('.thumb img')).toHaveAttribute('src', /^\/api\/v1\/files\/[0-9a-f]+\/thumbnail$/);
    await imagesLoaded(page, '.listing-files .thumb img');
    await shot(page, lang, '32-listing-public');
    await gallery.getByRole('button', { name: fmt(T.files.openImage, { n: 1 }) }).click();
    const lightbox = page.getByRole('dialog', { name: fmt(T.files.imageAlt, { title, n: 1 }) });
    await expect(lightbox.locator('img')).toHaveAttribute('src', /^\/api\/v1\/files\/[0-9a-f]+$/);
    await imagesLoaded(page, '.lightbox img');
    // A modal: the visible part only, at both widths.
    await shotDesktop(page, lang, '32a-listing-gallery');
    await page.setViewportSize(MOBILE);
    await shotMobile(page, lang, '32a-listing-gallery');
    await page.setViewportSize(DESKTOP);
    await lightbox.getByRole('button', { name: T.common.close }).click();

    // Nothing found: a way out for each filter.
    await page.goto(`/search?q=zzqx&kind=ip&sector=biotech`);
    await expect(page.getByRole('heading', { name: fmt(T.search.noResultsFor, { q: 'zzqx' }) })).toBeVisible();
    const zero = page.locator('.zero-results');
    await shot(page, lang, '33-search-zero');
    await zero.getByRole('button', { name: fmt(T.search.removeFilter, { filter: `${T.search.filterName.kind}: ${T.listingKind.ip}` }) }).click();
    await expect(page).toHaveURL(/\/search\?q=zzqx&sector=biotech$/);
  });

  test(`an officer rejects a listing with a reason; the owner corrects and resubmits it (${lang})`, async ({ page, request }) => {
    const T = TEXT[lang];
    const { demoPassword } = await demoConfig(request);
    const title = lang === 'vi' ? `Máy cho cá tầm ăn tự động theo nhiệt độ nước ${Date.now()}` : `Automatic sturgeon feeder by water temperature ${Date.now()}`;
    const comment = lang === 'vi' ? 'Cần nêu rõ kết quả thử nghiệm và công suất máy.' : 'State the trial results and the machine capacity.';

    // The institute submits a listing (through the API to keep this short).
    const token = await apiToken(request, INSTITUTE, demoPassword);
    const auth = { Authorization: `Bearer ${token}` };
    const created = await request.post('/api/v1/listings', {
      headers: auth,
      data: {
        kind: 'equipment',
        title,
        summary: 'Máy cho cá tầm ăn tự động, điều chỉnh lượng thức ăn theo nhiệt độ nước và giờ trong ngày.',
        sectors: ['mechanics_automation'],
        trl: 5,
        transferForms: ['equipment_sale'],
        price: { mode: 'fixed', min: 45000000 },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const l = (await created.json()) as { id: string; version: number };
    const submitted = await request.post(`/api/v1/listings/${l.id}/submit`, { headers: { ...auth, 'If-Match': `"${l.version}"` } });
    expect(submitted.status(), await submitted.text()).toBe(200);

    // The officer rejects it with a reason and a comment.
    await openIn(page, lang);
    await login(page, lang, OFFICER, demoPassword);
    await page.goto('/officer/listings');
    await page.getByRole('row').filter({ hasText: title }).getByRole('link', { name: fmt(T.listingQueue.reviewLabel, { title }) }).click();
    await page.getByRole('button', { name: T.moderation.reject, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: fmt(T.moderation.rejectTitle, { title }) });
    await dialog.getByLabel(T.moderation.rejectReason).selectOption('incomplete');
    await dialog.getByLabel(T.moderation.rejectComment).fill(comment);
    await shot(page, lang, '34-listing-reject-dialog');
    await dialog.getByRole('button', { name: T.moderation.rejectConfirm }).click();
    await expect(page.getByRole('status').filter({ hasText: fmt(T.moderation.rejected, { title }) })).toBeVisible();
    await logout(page, lang);

    // The owner finds it under "Rejected", reads why, corrects and resubmits.
    await login(page, lang, INSTITUTE, demoPassword);
    await page.goto('/my/listings');
    await page.getByRole('tab', { name: T.listingState.rejected }).click();
    await expect(page).toHaveURL(/state=rejected/);
    await page.getByRole('row').filter({ hasText: title }).getByRole('link', { name: title, exact: true }).click();
    const panel = page.locator('.owner-panel');
    await expect(panel).toContainText(lang === 'vi' ? 'Thông tin chưa đầy đủ' : 'Incomplete information');
    await expect(panel).toContainText(comment);
    await shot(page, lang, '35-listing-rejected');
    await panel.getByRole('link', { name: T.ownerActions.edit }).click();
    const form = page.locator('form.listing-form');
    await expect(form.getByLabel(T.listingFields.title)).toHaveValue(title);
    await form
      .getByLabel(T.listingFields.summary)
      .fill('Máy cho cá tầm ăn tự động theo nhiệt độ nước; thử nghiệm 6 tháng tại Ba Bể, công suất 200 kg thức ăn/ngày.');
    await shot(page, lang, '36-listing-edit');
    await form.getByRole('button', { name: T.listingForm.saveSubmit, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: T.listingForm.submitted })).toBeVisible();
    await expect(page.locator('.listing-kicker .badge')).toHaveText(T.listingState.pending);
    await expect(page.locator('.owner-panel')).not.toContainText(comment);
  });
}
