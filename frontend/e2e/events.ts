// What the events specs share: the demo accounts and listings they use, the
// API calls that set up what earlier screens would have done, and a reader
// of the results report's workbook.
import { execFileSync } from 'node:child_process';
import { expect, type APIRequestContext } from '@playwright/test';

export const OFFICER = 'officer@demo.techmart.vn';
export const ENTERPRISE = 'enterprise@demo.techmart.vn';
export const INSTITUTE = 'institute@demo.techmart.vn';
export const NONG_LAM = 'lienhe.nonglam@demo.techmart.vn';
export const INSTITUTE_ORG = '64656d6f0000000000000002';
export const ENTERPRISE_ORG = '64656d6f0000000000000003';
export const INSTITUTE_NAME = 'Viện Khoa học Sự sống – Đại học Thái Nguyên';
export const ENTERPRISE_NAME = 'Công ty TNHH Nông sản sạch Ba Bể';

/** Demo listings (seeds/listings.json). */
export const LISTINGS = {
  baKich: '6c6973740000000000000001', // Quy trình nhân giống in vitro cây ba kích tím sạch bệnh (institute)
  viSinh: '6c6973740000000000000002', // Chế phẩm vi sinh xử lý phụ phẩm nông nghiệp làm phân bón hữu cơ (institute)
  kit: '6c697374000000000000002a', // Kit phát hiện nhanh bệnh vàng lá gân xanh trên cây có múi (institute)
  quyt: '6c6973740000000000000101', // Cần công nghệ bảo quản quýt tươi 2–3 tháng sau thu hoạch (enterprise)
  vangLa: '6c6973740000000000000125', // Cần phát hiện sớm bệnh vàng lá gân xanh cho vùng quýt liên kết (enterprise)
} as const;
export const VANG_LA_TITLE = 'Cần phát hiện sớm bệnh vàng lá gân xanh cho vùng quýt liên kết';

/** An access token of a demo account. */
export async function token(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.ok(), `login ${email}: ${res.status()}`).toBeTruthy();
  return (await res.json()).accessToken as string;
}

/** One API call as `tok`, expected to succeed; its JSON. */
export async function call(request: APIRequestContext, tok: string, method: 'GET' | 'POST', path: string, data?: unknown) {
  const res = await request.fetch(path, { method, headers: { Authorization: `Bearer ${tok}` }, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return res.json();
}

/** The first published offer of the account behind `tok`. */
export async function firstOffer(request: APIRequestContext, tok: string): Promise<string> {
  const list = await call(request, tok, 'GET', '/api/v1/listings?owner=me&state=published&pageSize=50');
  const offer = (list.items as { id: string; kind: string }[]).find((l) => l.kind !== 'demand');
  expect(offer, 'a published offer').toBeTruthy();
  return offer!.id;
}

/**
 * The rows of every sheet of an XLSX file, as text (shared strings
 * resolved), read with unzip: enough to find a label and its figures.
 */
export function xlsxRows(path: string): string[][] {
  const unzip = (entry: string) => execFileSync('unzip', ['-p', path, entry]).toString();
  const decode = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const entries = execFileSync('unzip', ['-Z1', path]).toString().split('\n');
  const shared = entries.includes('xl/sharedStrings.xml')
    ? [...unzip('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
        decode([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
      )
    : [];
  const rows: string[][] = [];
  for (const sheet of entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e))) {
    for (const row of unzip(sheet).matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
      const cells = [...row[1].matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map(([, attrs, body = '']) => {
        if (/t="s"/.test(attrs)) return shared[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])] ?? '';
        if (/t="inlineStr"/.test(attrs)) return decode(/<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1] ?? '');
        return decode(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
      });
      rows.push(cells);
    }
  }
  return rows;
}
