import { describe, expect, it } from 'vitest';
import { errorSummary, scrubLogDetails, scrubLogText } from './log-policy.ts';

describe('what may go into the station log', () => {
  it('removes addresses, e-mail, personal identity codes and long numbers from any text', () => {
    expect(scrubLogText("ERR_NAME_NOT_RESOLVED (-105) loading 'https://www.kela.fi/hakemus?hetu=010101-123N'")).toBe(
      "ERR_NAME_NOT_RESOLVED (-105) loading '<url>'",
    );
    expect(scrubLogText('sent to matti.meikalainen@example.fi by 131052-308T')).toBe('sent to <email> by <id>');
    expect(scrubLogText('account FI2112345600000785')).toBe('account FI<number>');
    expect(scrubLogText('blob:https://x/1 data:text/html,<b>hi</b>')).toBe('<url> <url>');
  });

  it('removes file paths, which name a visitor download', () => {
    expect(scrubLogText("EPERM: operation not permitted, unlink 'C:\\Temp\\kiosk-downloads\\k1\\Matti.pdf'")).toBe(
      "EPERM: operation not permitted, unlink '<path>'",
    );
    expect(scrubLogText('rmdir /tmp/kiosk-downloads/k1 failed')).toBe('rmdir <path> failed');
    expect(scrubLogText('step delete-downloads 2/3 failed')).toBe('step delete-downloads 2/3 failed');
  });

  it('cuts free text and scrubs nested details, keeping numbers and booleans', () => {
    const details = scrubLogDetails({
      step: 'delete-downloads',
      n: 3,
      ok: false,
      nested: { at: 'file:///C:/Users/matti/x.pdf' },
    });
    expect(details).toEqual({ step: 'delete-downloads', n: 3, ok: false, nested: { at: '<url>' } });
    expect(scrubLogText('x'.repeat(500))).toHaveLength(201);
  });

  it('keeps only the kind and code of an error, never its message', () => {
    const error = Object.assign(new Error('EBUSY: locked C:\\Users\\matti\\päätös.pdf'), { code: 'EBUSY' });
    expect(errorSummary(error)).toEqual({ error: 'Error', code: 'EBUSY' });
    expect(errorSummary('text')).toEqual({ error: 'string' });
  });
});
