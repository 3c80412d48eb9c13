// Each webhook kind's request (URL, headers, body, signature) and how its answer tells success from failure.
import type { WebhookKind } from '../../../shared/webhook-schemas';
import { describeNotification, type Notification } from './notification';
import { cchubSignature, dingtalkSign, feishuSign } from './signing';
import { renderTemplate } from './template';

/** A target with its URL and secret decrypted (held only while a delivery is sent). */
export interface ResolvedTarget {
  kind: WebhookKind;
  url: string;
  secret: string | null;
  chatId: string | null;
  template: string | null;
}

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The request that delivers `n` to `target`; `now` (epoch ms) stamps the signed kinds. */
export function buildRequest(target: ResolvedTarget, n: Notification, now: number): OutgoingRequest {
  const text = describeNotification(n);
  const plain = [text.title, ...text.lines].join('\n');
  const json = (value: unknown, url = target.url): OutgoingRequest => ({
    url,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  });
  switch (target.kind) {
    case 'json': {
      const body = target.template ? renderTemplate(target.template, n, text) : JSON.stringify(n);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-cchub-event': n.event };
      if (target.secret) headers['x-cchub-signature'] = cchubSignature(target.secret, body);
      return { url: target.url, headers, body };
    }
    case 'slack':
      return json({ text: `*${text.title}*\n${text.lines.join('\n')}` });
    case 'feishu': {
      const body: Record<string, unknown> = { msg_type: 'text', content: { text: plain } };
      if (target.secret) {
        const timestamp = Math.floor(now / 1000);
        body.timestamp = String(timestamp);
        body.sign = feishuSign(target.secret, timestamp);
      }
      return json(body);
    }
    case 'dingtalk': {
      let url = target.url;
      if (target.secret) {
        const u = new URL(url);
        u.searchParams.set('timestamp', String(now));
        u.searchParams.set('sign', dingtalkSign(target.secret, now));
        url = u.toString();
      }
      const markdown = `### ${text.title}\n\n${text.lines.join('\n\n')}`;
      return json({ msgtype: 'markdown', markdown: { title: text.title, text: markdown } }, url);
    }
    case 'wecom':
      return json({ msgtype: 'markdown', markdown: { content: `**${text.title}**\n${text.lines.join('\n')}` } });
    case 'telegram':
      return json({
        chat_id: target.chatId,
        parse_mode: 'HTML',
        text: `<b>${escapeHtml(text.title)}</b>\n${text.lines.map(escapeHtml).join('\n')}`,
      });
  }
}

/**
 * Why an answer is a failure, or null for success: any non-2xx status; and the chat APIs that answer 200 with an
 * error code in the body (Feishu `code`, DingTalk and WeCom `errcode`, Telegram `ok: false`).
 */
export function answerError(kind: WebhookKind, status: number, body: string): string | null {
  if (status < 200 || status > 299) return `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  if (kind === 'json' || kind === 'slack') return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
  const code = kind === 'feishu' ? (parsed.code ?? parsed.StatusCode) : parsed.errcode;
  if (kind === 'telegram' && parsed.ok === false) return `telegram: ${String(parsed.description ?? 'not ok')}`;
  if (typeof code === 'number' && code !== 0)
    return `${kind} error ${code}: ${String(parsed.msg ?? parsed.errmsg ?? '')}`;
  return null;
}
