// A loopback SMTP server for end-to-end specs: it accepts every message
// (no TLS, no authentication: the binary is told `?tls=none`) and keeps
// it, so a spec can read the e-mail a person would receive.
import { createServer, type Server, type Socket } from 'node:net';

export interface Mail {
  to: string[];
  subject: string;
  body: string;
}

/** Decodes a quoted-printable body (soft line breaks, =XX bytes as UTF-8). */
function decodeQP(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const m = joined[i] === '=' ? /^[0-9A-F]{2}$/i.exec(joined.slice(i + 1, i + 3)) : null;
    if (m) {
      bytes.push(parseInt(m[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes an RFC 2047 subject (=?utf-8?q?…?=). */
function decodeSubject(s: string): string {
  return s.replace(/=\?utf-8\?q\?([^?]*)\?=\s*/gi, (_, q: string) => decodeQP(q.replace(/_/g, ' ')));
}

function parse(to: string[], data: string): Mail {
  const [head, ...rest] = data.split('\r\n\r\n');
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '';
  return { to, subject: decodeSubject(subject), body: decodeQP(rest.join('\r\n\r\n')) };
}

export class Mailbox {
  readonly mails: Mail[] = [];
  private server: Server | null = null;
  port = 0;

  async start(): Promise<number> {
    this.server = createServer((socket) => this.session(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this.port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Waits for the newest e-mail to `to` whose subject contains `word`. */
  async waitFor(to: string, word: string, timeoutMs = 15_000): Promise<Mail> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = [...this.mails].reverse().find((m) => m.to.includes(to) && m.subject.includes(word));
      if (found) return found;
      if (Date.now() > end) throw new Error(`no e-mail to ${to} about "${word}" within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private session(socket: Socket) {
    let buffer = '';
    let inData = false;
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 localhost ESMTP e2e');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = Buffer.from(buffer.slice(0, end), 'latin1').toString('utf8').replace(/\r\n\.\./g, '\r\n.');
          buffer = buffer.slice(end + 5);
          inData = false;
          this.mails.push(parse(to, data));
          to = [];
          reply('250 OK');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 localhost');
        else if (verb === 'MAIL') reply('250 OK');
        else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
          return;
        } else reply('250 OK');
      }
    });
    socket.on('error', () => socket.destroy());
  }
}
