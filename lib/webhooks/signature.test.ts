import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature, webhookHeaders } from './signature';
import { isPrivateAddress, webhookUrlProblem } from './url-policy';

const secret = 'whsec_test-secret';
const body = JSON.stringify({ id: 'evt-1', type: 'ping', createdAt: '2026-11-30T12:00:00.000Z', data: {} });
const at = new Date('2026-11-30T12:00:00Z');

describe('webhook signatures', () => {
  it('verifies what it signed, with the headers a receiver gets', () => {
    const headers = webhookHeaders(secret, 'evt-1', body, at);
    expect(headers['Webhook-Signature']).toBe(`v1=${signWebhook(secret, 'evt-1', Math.floor(at.getTime() / 1000), body)}`);
    expect(headers['Webhook-Signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    // Header names arrive lower-cased from node:http.
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifyWebhookSignature(secret, lower, body, 300, new Date(at.getTime() + 60_000))).toEqual({ ok: true, id: 'evt-1', timestamp: at.getTime() / 1000 });
    expect(verifyWebhookSignature(secret, new Headers(headers), body, 300, at).ok).toBe(true);
  });

  it('refuses a tampered body, another secret, another id, and a missing header', () => {
    const headers = webhookHeaders(secret, 'evt-1', body, at);
    expect(verifyWebhookSignature(secret, headers, body.replace('ping', 'pong'), 300, at)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhookSignature('whsec_other', headers, body, 300, at)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhookSignature(secret, { ...headers, 'Webhook-Id': 'evt-2' }, body, 300, at)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhookSignature(secret, { ...headers, 'Webhook-Signature': 'v1=zz' }, body, 300, at)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhookSignature(secret, { 'Webhook-Id': 'evt-1', 'Webhook-Timestamp': headers['Webhook-Timestamp']! }, body, 300, at)).toEqual({ ok: false, reason: 'missing-headers' });
  });

  it('refuses an old timestamp (a replay), and one from the future, beyond the tolerance', () => {
    const headers = webhookHeaders(secret, 'evt-1', body, at);
    expect(verifyWebhookSignature(secret, headers, body, 300, new Date(at.getTime() + 301_000))).toEqual({ ok: false, reason: 'too-old' });
    expect(verifyWebhookSignature(secret, headers, body, 300, new Date(at.getTime() - 301_000))).toEqual({ ok: false, reason: 'too-new' });
    // Moving the timestamp forward breaks the signature: the timestamp is signed.
    const replayed = { ...headers, 'Webhook-Timestamp': String(Number(headers['Webhook-Timestamp']) + 3600) };
    expect(verifyWebhookSignature(secret, replayed, body, 300, new Date(at.getTime() + 3600_000))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhookSignature(secret, { ...headers, 'Webhook-Timestamp': '1e9' }, body, 300, at)).toEqual({ ok: false, reason: 'bad-timestamp' });
  });
});

describe('webhook URLs', () => {
  it('takes only http(s), and in production only public hosts', () => {
    expect(webhookUrlProblem('ftp://example.com/x', false)).toMatch(/Only http/);
    expect(webhookUrlProblem('not a url', false)).toMatch(/full URL/);
    expect(webhookUrlProblem('https://user:pw@example.com/', false)).toMatch(/user name and password/);
    for (const host of ['127.0.0.1', 'localhost', '10.1.2.3', '192.168.0.5', '169.254.169.254', '[::1]', '[::ffff:10.0.0.1]', '172.20.0.1'])
      expect(webhookUrlProblem(`http://${host}:8080/hook`, false), host).toMatch(/private network/);
    expect(webhookUrlProblem('https://hooks.example.com/in', false)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2001:4860:4860::8888')).toBe(false);
    expect(isPrivateAddress('fd00::1')).toBe(true);
  });
});
