// French words of the staff console.
import type { ConsoleMessages } from './console.js';

export const consoleFr: ConsoleMessages = {
  layout: {
    brand: 'Console du personnel',
    navigation: 'Console',
    sections: {
      dashboard: 'Tableau de bord',
      queue: 'File des demandes',
      registers: 'Registres',
      outbox: 'Messages envoyés',
      audit: 'Journal d’audit',
      users: 'Utilisateurs',
      keys: 'Clés d’API',
      documents: 'Documents',
    },
    signedInAs: (email, role) => `Connecté en tant que ${email} (${role})`,
    signOut: 'Se déconnecter',
  },
  roles: { admin: 'administrateur', officer: 'délégué à la protection des données', analyst: 'analyste', auditor: 'auditeur' },
  guard: {
    forbiddenTitle: 'Accès refusé',
    forbidden: (role) => `Votre rôle (${role}) n’ouvre pas cette page et ne permet pas cette action.`,
    csrf: 'Ce formulaire avait expiré ou ne venait pas de la console : rouvrez la page et refaites l’action.',
    back: 'Retour à la console',
    notFoundTitle: 'Page introuvable',
    notFound: 'Il n’y a rien à cette adresse.',
  },
};
