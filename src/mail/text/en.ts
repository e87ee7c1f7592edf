// The desk's messages in English.
import { parseDuration } from '../../policy/index.js';
import { dateInWords, durationInWords } from '../../render/index.js';
import type { MessageBlock, MessageContext } from '../content.js';
import type { MailRequestKind } from '../kinds.js';
import type { MailTexts } from './table.js';
import { daysInWords, minutesInWords } from './words.js';

/** What the person asked for, as the object of "your request for …". */
const KIND: Readonly<Record<MailRequestKind, string>> = {
  access: 'access to your personal data',
  portability: 'a copy of your personal data to take elsewhere (portability)',
  rectification: 'the correction of your personal data',
  erasure: 'the erasure of your personal data',
  'account-closure': 'the closure of your account',
  restriction: 'the restriction of the use of your personal data',
  'restriction-lift': 'the lifting of the restriction on your personal data',
  objection: 'your objection to the use of your personal data',
  'withdraw-consent': 'the withdrawal of your consent',
  'post-mortem': 'the personal data of a deceased person',
};

/** The kind as staff name it. */
const KIND_SHORT: Readonly<Record<MailRequestKind, string>> = {
  access: 'access',
  portability: 'portability',
  rectification: 'rectification',
  erasure: 'erasure',
  'account-closure': 'account closure',
  restriction: 'restriction',
  'restriction-lift': 'lifting of a restriction',
  objection: 'objection',
  'withdraw-consent': 'withdrawal of consent',
  'post-mortem': 'post-mortem directives',
};

const p = (text: string): MessageBlock => ({ kind: 'paragraph', text });
const day = (d: string) => dateInWords(d, 'en');

const signature = (c: MessageContext): MessageBlock[] => [
  p(`The privacy team of ${c.organizationName}`),
  { kind: 'link', label: 'Follow your requests on our privacy center', url: c.privacyCenterUrl },
];

export const en: MailTexts = {
  'verification-code': (x, c) => ({
    subject: `Your verification code for request ${x.requestId}`,
    greeting: 'Hello,',
    blocks: [
      p(`To confirm that request ${x.requestId} comes from you, enter this code on the privacy center of ${c.organizationName}:`),
      { kind: 'code', label: 'Verification code', code: x.code },
      p(`The code is valid for ${minutesInWords(x.validMinutes, 'en')}.`),
      p('If you did not make this request, ignore this message: nothing is done without the code.'),
    ],
    signature: signature(c),
  }),
  received: (x, c) => ({
    subject: `We have received your request (${x.requestId})`,
    greeting: 'Hello,',
    blocks: [
      p(`We received your request for ${KIND[x.kind]} on ${day(x.receivedOn)}. Its reference is ${x.requestId}.`),
      p(`We will answer by ${day(x.dueDate)} at the latest.`),
    ],
    signature: signature(c),
  }),
  extended: (x, c) => ({
    subject: `We need more time for your request (${x.requestId})`,
    greeting: 'Hello,',
    blocks: [
      p(
        `We need more time to answer your request for ${KIND[x.kind]} (reference ${x.requestId}): the time to answer is extended by ${durationInWords(parseDuration(x.extension)!, 'en')}, until ${day(x.dueDate)}.`,
      ),
      p(`Why: ${x.reason}`),
    ],
    signature: signature(c),
  }),
  'proof-needed': (x, c) => ({
    subject: `We need more proof of your identity (${x.requestId})`,
    greeting: 'Hello,',
    blocks: [
      p(`To answer your request for ${KIND[x.kind]} (reference ${x.requestId}), we need more proof that it comes from you.`),
      p(`Why: ${x.reason}`),
      p(
        x.respondBy === undefined
          ? 'Please send it from our privacy center.'
          : `Please send it from our privacy center by ${day(x.respondBy)}.`,
      ),
      p('We delete this proof as soon as your request has been processed.'),
    ],
    signature: signature(c),
  }),
  denied: (x, c) => ({
    subject: `We cannot grant your request (${x.requestId})`,
    greeting: 'Hello,',
    blocks: [
      p(`We cannot grant your request for ${KIND[x.kind]} (reference ${x.requestId}).`),
      p(`Why: ${x.reason}`),
      p(
        x.authorityName === undefined
          ? 'If you disagree, you may complain to the data protection authority.'
          : `If you disagree, you may complain to ${x.authorityName}.`,
      ),
      ...(x.authorityUrl === undefined ? [] : [{ kind: 'link', label: 'How to complain', url: x.authorityUrl } as const]),
    ],
    signature: signature(c),
  }),
  completed: (x, c) => ({
    subject: `Your request is complete (${x.requestId})`,
    greeting: 'Hello,',
    blocks: [
      p(`We have completed your request for ${KIND[x.kind]} (reference ${x.requestId}).`),
      ...(x.kind === 'erasure' || x.kind === 'account-closure'
        ? [p('Your personal data has been erased, except what the law requires us to keep.')]
        : []),
      ...(x.downloadUrl === undefined || x.downloadExpiresAt === undefined
        ? []
        : [
            p(`Your personal data is ready to download until ${day(x.downloadExpiresAt)}:`),
            { kind: 'link', label: 'Download your personal data', url: x.downloadUrl } as const,
            p('After that date the link no longer works: ask again from our privacy center if you need it.'),
          ]),
    ],
    signature: signature(c),
  }),
  'closure-blocked': (x, c) => ({
    subject: `Your account cannot be closed yet (${x.requestId})`,
    greeting: 'Hello,',
    blocks: [
      p(
        `We cannot close your account yet (reference ${x.requestId}): ${x.blockers.length === 1 ? 'one thing has' : `${x.blockers.length} things have`} to be settled first.`,
      ),
      {
        kind: 'list',
        items: x.blockers.map((b) => ({ title: b.description, text: b.whatToDo === undefined ? undefined : `What to do: ${b.whatToDo}` })),
      },
      p('Once this is done, ask again from our privacy center.'),
    ],
    signature: signature(c),
  }),
  cancelled: (x, c) => ({
    subject: `Your request has been cancelled (${x.requestId})`,
    greeting: 'Hello,',
    blocks: [
      p(`Your request for ${KIND[x.kind]} (reference ${x.requestId}) has been cancelled: nothing more will be done about it.`),
      p('Any proof of identity you sent us has been deleted. You may make a new request from our privacy center at any time.'),
    ],
    signature: signature(c),
  }),
  'deadline-reminder': (x, c) => ({
    subject:
      x.daysLeft < 0
        ? `Overdue: request ${x.requestId} (${KIND_SHORT[x.kind]})`
        : `Due ${x.daysLeft === 0 ? 'today' : `in ${daysInWords(x.daysLeft, 'en')}`}: request ${x.requestId} (${KIND_SHORT[x.kind]})`,
    greeting: 'Hello,',
    blocks: [
      p(
        `Request ${x.requestId} (${KIND_SHORT[x.kind]}) must be answered by ${day(x.dueDate)}: ${
          x.daysLeft < 0
            ? `it is ${daysInWords(x.daysLeft, 'en')} overdue.`
            : x.daysLeft === 0
              ? 'that is today.'
              : `${daysInWords(x.daysLeft, 'en')} left.`
        }`,
      ),
      ...(x.consoleUrl === undefined ? [] : [{ kind: 'link', label: 'Open it in the console', url: x.consoleUrl } as const]),
    ],
    signature: [p(`Custos, for ${c.organizationName}`)],
  }),
};
