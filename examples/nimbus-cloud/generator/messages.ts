// What Nimbus Cloud writes and is written: notification e-mails, support exchanges, interview notes, in English and French.

type Lang = 'en' | 'fr';
type Localised = Readonly<Record<Lang, string>>;

export interface NotificationTemplate {
  readonly id: string;
  readonly subject: Localised;
  readonly body: Localised;
}

/** `{name}`, `{product}`, `{host}`, `{number}` and `{amount}` are filled per row (see fill). */
export const NOTIFICATIONS: readonly NotificationTemplate[] = [
  {
    id: 'welcome',
    subject: { en: 'Welcome to Nimbus Cloud', fr: 'Bienvenue chez Nimbus Cloud' },
    body: {
      en: 'Hello {name},\n\nYour Nimbus Cloud account is ready. Sign in to order your first service, add a payment method and invite your team.\n\nThe Nimbus Cloud team',
      fr: "Bonjour {name},\n\nVotre compte Nimbus Cloud est prêt. Connectez-vous pour commander votre premier service, ajouter un moyen de paiement et inviter votre équipe.\n\nL'équipe Nimbus Cloud",
    },
  },
  {
    id: 'order-confirmed',
    subject: { en: 'Your order for {product} is confirmed', fr: 'Votre commande {product} est confirmée' },
    body: {
      en: 'Hello {name},\n\nWe received your order for {product}. It will be delivered on {host} within a few minutes.',
      fr: 'Bonjour {name},\n\nNous avons bien reçu votre commande {product}. Elle sera livrée sur {host} dans quelques minutes.',
    },
  },
  {
    id: 'invoice-issued',
    subject: { en: 'Invoice {number} is available', fr: 'La facture {number} est disponible' },
    body: {
      en: 'Hello {name},\n\nInvoice {number} ({amount}) is available in your customer area. It will be paid with your default payment method.',
      fr: 'Bonjour {name},\n\nLa facture {number} ({amount}) est disponible dans votre espace client. Elle sera réglée avec votre moyen de paiement par défaut.',
    },
  },
  {
    id: 'payment-failed',
    subject: { en: 'Payment of invoice {number} failed', fr: 'Le paiement de la facture {number} a échoué' },
    body: {
      en: 'Hello {name},\n\nWe could not charge {amount} for invoice {number}. Please update your payment method to avoid the suspension of {product}.',
      fr: 'Bonjour {name},\n\nNous n’avons pas pu prélever {amount} pour la facture {number}. Merci de mettre à jour votre moyen de paiement pour éviter la suspension de {product}.',
    },
  },
  {
    id: 'renewal-reminder',
    subject: { en: '{product} renews soon', fr: '{product} arrive bientôt à échéance' },
    body: {
      en: 'Hello {name},\n\n{product} on {host} renews in 7 days. Manual renewal: remember to renew it from your customer area.',
      fr: 'Bonjour {name},\n\n{product} sur {host} arrive à échéance dans 7 jours. Renouvellement manuel : pensez à le renouveler depuis votre espace client.',
    },
  },
  {
    id: 'maintenance',
    subject: { en: 'Planned maintenance on {host}', fr: 'Maintenance programmée sur {host}' },
    body: {
      en: 'Hello {name},\n\nWe will replace network equipment serving {host} next Tuesday between 02:00 and 04:00 UTC. Expect up to 5 minutes of interruption.',
      fr: 'Bonjour {name},\n\nNous remplacerons mardi prochain entre 3 h et 5 h un équipement réseau desservant {host}. Une coupure de 5 minutes au plus est possible.',
    },
  },
  {
    id: 'security-alert',
    subject: { en: 'New sign-in to your account', fr: 'Nouvelle connexion à votre compte' },
    body: {
      en: 'Hello {name},\n\nSomeone signed in to your account from a new device. If it was not you, change your password and enable two-factor authentication.',
      fr: "Bonjour {name},\n\nUne connexion à votre compte a eu lieu depuis un nouvel appareil. Si ce n'était pas vous, changez votre mot de passe et activez la double authentification.",
    },
  },
  {
    id: 'password-reset',
    subject: { en: 'Reset your password', fr: 'Réinitialisez votre mot de passe' },
    body: {
      en: 'Hello {name},\n\nUse the link in your customer area within one hour to choose a new password. If you did not ask for it, ignore this message.',
      fr: "Bonjour {name},\n\nUtilisez le lien de votre espace client dans l'heure pour choisir un nouveau mot de passe. Si vous ne l'avez pas demandé, ignorez ce message.",
    },
  },
];

export const TICKET_SUBJECTS: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    'Server unreachable since this morning',
    'Cannot renew {product}',
    'Question about invoice {number}',
    'Reverse DNS for {host}',
    'Disk almost full on {host}',
    'How do I move {product} to Montréal?',
    'SSL certificate not renewed',
    'Refund request',
    'Two-factor device lost',
    'Slow network on {host}',
    'Change of company details',
    'Backup restore failed',
  ],
  fr: [
    'Serveur injoignable depuis ce matin',
    'Impossible de renouveler {product}',
    'Question sur la facture {number}',
    'DNS inverse pour {host}',
    'Disque presque plein sur {host}',
    'Comment déplacer {product} à Montréal ?',
    'Certificat SSL non renouvelé',
    'Demande de remboursement',
    'Appareil de double authentification perdu',
    'Réseau lent sur {host}',
    "Changement des coordonnées de l'entreprise",
    'Échec de la restauration de sauvegarde',
  ],
};

export const CUSTOMER_MESSAGES: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    'Hello, {host} does not answer to ping or SSH since about 8:00. Nothing changed on our side. Can you check?',
    'The renewal of {product} fails with "payment refused" although my card is valid until next year.',
    'Could you send me invoice {number} with our VAT number on it? Our accountant needs it.',
    'Thanks, it works again. Could you tell me what happened?',
    'I still see the problem after the reboot. The console shows a kernel panic.',
    'Please set the reverse DNS of {host} to mail.{host}.',
  ],
  fr: [
    'Bonjour, {host} ne répond plus au ping ni en SSH depuis 8 h environ. Rien n’a changé de notre côté. Pouvez-vous vérifier ?',
    'Le renouvellement de {product} échoue avec « paiement refusé » alors que ma carte est valable jusqu’à l’an prochain.',
    'Pourriez-vous m’envoyer la facture {number} avec notre numéro de TVA ? Notre comptable en a besoin.',
    'Merci, cela refonctionne. Pouvez-vous me dire ce qui s’est passé ?',
    'Le problème persiste après le redémarrage. La console affiche un kernel panic.',
    'Merci de définir le DNS inverse de {host} sur mail.{host}.',
  ],
};

export const STAFF_MESSAGES: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    'Hello {name}, thank you for your message. A switch serving your rack failed at 7:52; it was replaced at 9:10. {host} is reachable again.',
    'Hello {name}, your bank refused the payment. You can add another card or a SEPA mandate in your customer area, then retry the renewal.',
    'Hello {name}, the corrected invoice is now in your customer area.',
    'Hello {name}, we restarted {host} in rescue mode. You can now check the file system from the console.',
    'Hello {name}, done: the reverse DNS is updated, allow an hour for propagation.',
  ],
  fr: [
    'Bonjour {name}, merci pour votre message. Un commutateur de votre baie est tombé en panne à 7 h 52 ; il a été remplacé à 9 h 10. {host} est de nouveau joignable.',
    'Bonjour {name}, votre banque a refusé le paiement. Vous pouvez ajouter une autre carte ou un mandat SEPA dans votre espace client, puis relancer le renouvellement.',
    'Bonjour {name}, la facture corrigée est disponible dans votre espace client.',
    'Bonjour {name}, nous avons redémarré {host} en mode rescue. Vous pouvez vérifier le système de fichiers depuis la console.',
    'Bonjour {name}, c’est fait : le DNS inverse est à jour, comptez une heure pour la propagation.',
  ],
};

export const SURVEY_COMMENTS: Readonly<Record<Lang, readonly string[]>> = {
  en: ['Quick and clear answer, thanks.', 'Took two days to get a real answer.', 'Great support as usual.', 'The phone wait was too long.'],
  fr: [
    'Réponse rapide et claire, merci.',
    'Deux jours pour obtenir une vraie réponse.',
    'Support au top comme d’habitude.',
    'Attente téléphonique trop longue.',
  ],
};

export const INTERVIEW_NOTES = [
  'Solid Linux fundamentals; explained BGP failover clearly. Some hesitation on Kubernetes networking.',
  'Strong customer empathy, handled the role play well in both languages.',
  'Good system design discussion; needs more experience with on-call.',
  'Very good Go code in the exercise; tests were thorough.',
  'Not enough experience with incident response for this level.',
  'Excellent references; eager to move to Strasbourg.',
];

export const COVER_LETTERS = [
  'I have followed Nimbus Cloud since your Montréal region opened and would love to help build it. I run my own servers at home and volunteer for a local hosting association.',
  'Après cinq ans chez un hébergeur régional, je souhaite rejoindre une équipe qui fait de la souveraineté des données un engagement concret.',
  'I am applying for this position because your status page and post-mortems show a culture of transparency I want to work in.',
  'Titulaire d’un BTS SIO, je cherche un poste où apprendre auprès d’ingénieurs expérimentés tout en aidant vos clients au quotidien.',
];

/** Fills `{key}` placeholders; keys without a value are left as they are. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
