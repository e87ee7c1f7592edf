// Rows of the telemetry dataset around one customer: sign-in events, hosting connection logs, API logs, audience measurement.
import { ANALYTICS_ACTIONS, ANALYTICS_PAGES, API_AGENTS, API_CALLS, DEVICES } from './devices.js';
import { ip, ipPrefix, ipv4 } from './formats.js';
import { DAY, type CustomerProfile } from './people.js';
import { Rng, STREAMS } from './random.js';
import type { GenerationContext } from './rows.js';

const CONNECTION_ACTIONS: readonly (readonly [string, number])[] = [
  ['update', 60],
  ['create', 30],
  ['delete', 10],
];
const LOG_LEVELS: readonly (readonly [string, number])[] = [
  ['info', 70],
  ['warn', 15],
  ['error', 10],
  ['debug', 5],
];

/** A moment in the `window` before `end` (not before `start`), or (one time in `late`) older: rows past their retention, for the sweeps. */
function recent(rng: Rng, end: number, start: number, window: number, late = 0.05): number {
  const span = Math.min(rng.chance(late) ? window * 2 : window, end - start);
  return end - rng.int(Math.max(1, span));
}

export function writeTelemetry(p: CustomerProfile, ctx: GenerationContext): void {
  const rng = new Rng(ctx.seed, STREAMS.telemetry, p.id);
  const { out, now } = ctx;
  const end = p.closedAt ?? now;
  if (p.lastLoginAt !== null) {
    for (let i = p.closedAt === null ? rng.count(6) : rng.count(1); i >= 0; i--) {
      const at = i === 0 ? p.lastLoginAt : recent(rng, end, p.createdAt, 183 * DAY, 0.1);
      const attack = i > 0 && rng.chance(0.05);
      const success = !attack && rng.chance(0.96);
      out.write('telemetry.login_events', {
        id: out.nextId('telemetry.login_events'),
        customer_id: p.id,
        ip: attack ? ipv4(rng) : rng.pick(p.ips),
        user_agent: attack ? rng.pick(API_AGENTS) : rng.pick(p.devices).userAgent,
        success: i === 0 || success,
        mfa_used: p.mfa && (i === 0 || success),
        occurred_at: at,
      });
    }
  }
  if (p.services.length > 0) {
    for (let i = rng.count(4); i > 0; i--) {
      const s = rng.pick(p.services);
      const at = recent(rng, s.endedAt ?? end, s.startedAt, 365 * DAY);
      const kind = s.product.kind;
      const [resource, port] =
        kind === 'domain' || kind === 'email'
          ? [`dns:${s.hostname}/${rng.pick(['A', 'AAAA', 'MX', 'TXT', 'CNAME'])}/${rng.pick(['@', 'www', 'mail', 'api'])}`, 443]
          : kind === 'storage'
            ? [`s3://${s.hostname.split('.')[0]}/backups/${new Date(at).toISOString().slice(0, 10)}.tar.zst`, 443]
            : kind === 'web'
              ? [
                  `ftp://${s.hostname}/www/${rng.pick(['index.php', 'wp-config.php', '.htaccess', 'assets/app.js'])}`,
                  rng.chance(0.7) ? 21 : 22,
                ]
              : [
                  `ssh://${s.hostname}${rng.pick(['/etc/nginx/nginx.conf', '/var/www/html', '/home/deploy/app', '/etc/ssh/sshd_config'])}`,
                  22,
                ];
      out.write('telemetry.connection_logs', {
        id: out.nextId('telemetry.connection_logs'),
        customer_id: p.id,
        ip: rng.pick(p.ips),
        port,
        action: rng.weighted(CONNECTION_ACTIONS),
        resource,
        occurred_at: at,
      });
    }
  }
  for (let i = p.services.length > 0 ? rng.count(3) : rng.count(0.5); i > 0; i--) {
    const [method, path, status] = rng.pick(API_CALLS);
    out.write('telemetry.application_logs', {
      id: out.nextId('telemetry.application_logs'),
      customer_id: p.id,
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : rng.weighted(LOG_LEVELS),
      request_id: `req_${rng.hex(16)}`,
      message: `${method} ${path.replace('{id}', String(rng.between(1000, 999999)))} ${status} in ${rng.between(3, 900)}ms`,
      ip: rng.pick(p.ips),
      logged_at: recent(rng, end, p.createdAt, 730 * DAY),
    });
  }
  for (const visitorId of p.visitorIds) {
    const device = rng.pick(p.devices);
    for (let i = rng.count(1.8); i > 0; i--) writeVisit(rng, ctx, visitorId, rng.pick(p.ips), device, recent(rng, now, 0, 180 * DAY));
  }
  // Visitors who never became customers.
  for (let v = rng.count(0.7); v > 0; v--) {
    const visitorId = rng.hex(20);
    const address = ip(rng);
    const device = rng.pick(DEVICES);
    for (let i = 1 + rng.count(0.8); i > 0; i--) writeVisit(rng, ctx, visitorId, address, device, recent(rng, now, 0, 180 * DAY));
  }
}

function writeVisit(
  rng: Rng,
  ctx: GenerationContext,
  visitorId: string,
  address: string,
  device: (typeof DEVICES)[number],
  at: number,
): void {
  ctx.out.write('telemetry.analytics_visits', {
    id: ctx.out.nextId('telemetry.analytics_visits'),
    visitor_id: visitorId,
    ip_prefix: ipPrefix(address),
    browser: device.browser,
    os: device.os,
    device_type: device.device,
    screen: rng.pick(device.screens),
    url: `https://nimbus-cloud.example${rng.pick(ANALYTICS_PAGES)}`,
    action: rng.weighted(ANALYTICS_ACTIONS),
    visited_at: at,
  });
}
