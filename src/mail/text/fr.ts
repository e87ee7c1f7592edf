// The desk's messages in French, written once for France's terms (données personnelles) and Quebec's (renseignements personnels).
import { parseDuration, type Language } from '../../policy/index.js';
import { agree, dateInWords, durationInWords, type Agreement } from '../../render/index.js';
import type { MessageBlock, MessageContext } from '../content.js';
import type { MailRequestKind } from '../kinds.js';
import type { MailTexts } from './table.js';
import { daysInWords, minutesInWords } from './words.js';

/** The words a French variety uses for personal data, with what participles agree with. */
export interface FrenchTerms {
  readonly lang: Extract<Language, 'fr' | 'fr-CA'>;
  /** "données personnelles", "renseignements personnels". */
  readonly data: string;
  readonly agreement: Agreement;
  /** The team that signs: "L’équipe de protection des données". */
  readonly team: string;
  /** Whom to complain to when the desk names no authority. */
  readonly authority: string;
}

/** What the person asked for, as the complement of "votre demande …". */
const kindWords = (t: FrenchTerms): Readonly<Record<MailRequestKind, string>> => ({
  access: `d’accès à vos ${t.data}`,
  portability: `de portabilité de vos ${t.data}`,
  rectification: `de rectification de vos ${t.data}`,
  erasure: `d’effacement de vos ${t.data}`,
  'account-closure': 'de fermeture de votre compte',
  restriction: `de limitation du traitement de vos ${t.data}`,
  'restriction-lift': `de levée de la limitation du traitement de vos ${t.data}`,
  objection: `d’opposition au traitement de vos ${t.data}`,
  'withdraw-consent': 'de retrait de votre consentement',
  'post-mortem': `concernant les ${t.data} d’une personne décédée`,
});

/** The kind as staff name it. */
const KIND_SHORT: Readonly<Record<MailRequestKind, string>> = {
  access: 'accès',
  portability: 'portabilité',
  rectification: 'rectification',
  erasure: 'effacement',
  'account-closure': 'fermeture de compte',
  restriction: 'limitation',
  'restriction-lift': 'levée d’une limitation',
  objection: 'opposition',
  'withdraw-consent': 'retrait du consentement',
  'post-mortem': 'directives post-mortem',
};

const p = (text: string): MessageBlock => ({ kind: 'paragraph', text });

export function frenchTexts(t: FrenchTerms): MailTexts {
  const KIND = kindWords(t);
  const day = (d: string) => dateInWords(d, t.lang);
  const a = t.agreement;
  const signature = (c: MessageContext): MessageBlock[] => [
    p(`${t.team} de ${c.organizationName}`),
    { kind: 'link', label: 'Suivre vos demandes sur notre centre de confidentialité', url: c.privacyCenterUrl },
  ];
  return {
    'verification-code': (x, c) => ({
      subject: `Votre code de vérification pour la demande ${x.requestId}`,
      greeting: 'Bonjour,',
      blocks: [
        p(
          `Pour confirmer que la demande ${x.requestId} vient bien de vous, saisissez ce code sur le centre de confidentialité de ${c.organizationName} :`,
        ),
        { kind: 'code', label: 'Code de vérification', code: x.code },
        p(`Ce code est valable ${minutesInWords(x.validMinutes, t.lang)}.`),
        p('Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien n’est fait sans ce code.'),
      ],
      signature: signature(c),
    }),
    received: (x, c) => ({
      subject: `Nous avons bien reçu votre demande (${x.requestId})`,
      greeting: 'Bonjour,',
      blocks: [
        p(`Nous avons reçu le ${day(x.receivedOn)} votre demande ${KIND[x.kind]}. Sa référence est ${x.requestId}.`),
        p(`Nous vous répondrons au plus tard le ${day(x.dueDate)}.`),
      ],
      signature: signature(c),
    }),
    extended: (x, c) => ({
      subject: `Nous avons besoin de plus de temps pour votre demande (${x.requestId})`,
      greeting: 'Bonjour,',
      blocks: [
        p(
          `Nous avons besoin de plus de temps pour répondre à votre demande ${KIND[x.kind]} (référence ${x.requestId}) : le délai de réponse est prolongé de ${durationInWords(parseDuration(x.extension)!, t.lang)}, jusqu’au ${day(x.dueDate)}.`,
        ),
        p(`Motif : ${x.reason}`),
      ],
      signature: signature(c),
    }),
    'proof-needed': (x, c) => ({
      subject: `Nous avons besoin d’une preuve d’identité supplémentaire (${x.requestId})`,
      greeting: 'Bonjour,',
      blocks: [
        p(
          `Pour répondre à votre demande ${KIND[x.kind]} (référence ${x.requestId}), nous avons besoin d’une preuve supplémentaire qu’elle vient bien de vous.`,
        ),
        p(`Motif : ${x.reason}`),
        p(
          x.respondBy === undefined
            ? 'Merci de nous la transmettre depuis notre centre de confidentialité.'
            : `Merci de nous la transmettre depuis notre centre de confidentialité d’ici le ${day(x.respondBy)}.`,
        ),
        p('Nous supprimons cette preuve dès que votre demande a été traitée.'),
      ],
      signature: signature(c),
    }),
    denied: (x, c) => ({
      subject: `Nous ne pouvons pas donner suite à votre demande (${x.requestId})`,
      greeting: 'Bonjour,',
      blocks: [
        p(`Nous ne pouvons pas donner suite à votre demande ${KIND[x.kind]} (référence ${x.requestId}).`),
        p(`Motif : ${x.reason}`),
        p(`Si vous êtes en désaccord, vous pouvez porter plainte auprès de ${x.authorityName ?? t.authority}.`),
        ...(x.authorityUrl === undefined ? [] : [{ kind: 'link', label: 'Comment porter plainte', url: x.authorityUrl } as const]),
      ],
      signature: signature(c),
    }),
    completed: (x, c) => ({
      subject: `Votre demande a été traitée (${x.requestId})`,
      greeting: 'Bonjour,',
      blocks: [
        p(`Nous avons traité votre demande ${KIND[x.kind]} (référence ${x.requestId}).`),
        ...(x.kind === 'erasure' || x.kind === 'account-closure'
          ? [p(`Vos ${t.data} ont été ${agree('effacé', a)}, sauf ${a.feminine ? 'celles' : 'ceux'} que la loi nous oblige à conserver.`)]
          : []),
        ...(x.downloadUrl === undefined || x.downloadExpiresAt === undefined
          ? []
          : [
              p(`Vos ${t.data} sont ${agree('prêt', a)} à être ${agree('téléchargé', a)} jusqu’au ${day(x.downloadExpiresAt)} :`),
              { kind: 'link', label: `Télécharger vos ${t.data}`, url: x.downloadUrl } as const,
              p(
                'Passé cette date, le lien ne fonctionne plus : faites une nouvelle demande depuis notre centre de confidentialité si vous en avez besoin.',
              ),
            ]),
      ],
      signature: signature(c),
    }),
    'closure-blocked': (x, c) => {
      const one = x.blockers.length === 1;
      return {
        subject: `Votre compte ne peut pas encore être fermé (${x.requestId})`,
        greeting: 'Bonjour,',
        blocks: [
          p(
            `Nous ne pouvons pas encore fermer votre compte (référence ${x.requestId}) : ${one ? 'un point doit' : `${x.blockers.length} points doivent`} d’abord être ${one ? 'réglé' : 'réglés'}.`,
          ),
          {
            kind: 'list',
            items: x.blockers.map((b) => ({
              title: b.description,
              text: b.whatToDo === undefined ? undefined : `Que faire : ${b.whatToDo}`,
            })),
          },
          p(`Une fois ${one ? 'ce point réglé' : 'ces points réglés'}, renouvelez votre demande depuis notre centre de confidentialité.`),
        ],
        signature: signature(c),
      };
    },
    cancelled: (x, c) => ({
      subject: `Votre demande a été annulée (${x.requestId})`,
      greeting: 'Bonjour,',
      blocks: [
        p(`Votre demande ${KIND[x.kind]} (référence ${x.requestId}) a été annulée : nous n’y donnerons pas suite.`),
        p(
          'Toute preuve d’identité que vous nous avez envoyée a été supprimée. Vous pouvez faire une nouvelle demande depuis notre centre de confidentialité à tout moment.',
        ),
      ],
      signature: signature(c),
    }),
    'deadline-reminder': (x, c) => ({
      subject:
        x.daysLeft < 0
          ? `En retard : demande ${x.requestId} (${KIND_SHORT[x.kind]})`
          : `Échéance ${x.daysLeft === 0 ? 'aujourd’hui' : `dans ${daysInWords(x.daysLeft, t.lang)}`} : demande ${x.requestId} (${KIND_SHORT[x.kind]})`,
      greeting: 'Bonjour,',
      blocks: [
        p(
          `La demande ${x.requestId} (${KIND_SHORT[x.kind]}) doit recevoir une réponse au plus tard le ${day(x.dueDate)} : ${
            x.daysLeft < 0
              ? `elle a ${daysInWords(x.daysLeft, t.lang)} de retard.`
              : x.daysLeft === 0
                ? 'c’est aujourd’hui.'
                : `il reste ${daysInWords(x.daysLeft, t.lang)}.`
          }`,
        ),
        ...(x.consoleUrl === undefined ? [] : [{ kind: 'link', label: 'L’ouvrir dans la console', url: x.consoleUrl } as const]),
      ],
      signature: [p(`Custos, pour ${c.organizationName}`)],
    }),
  };
}

export const fr: MailTexts = frenchTexts({
  lang: 'fr',
  data: 'données personnelles',
  agreement: { feminine: true, plural: true },
  team: 'L’équipe de protection des données',
  authority: 'l’autorité de protection des données',
});
