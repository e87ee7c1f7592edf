// English words of the staff console.
import type { ConsoleMessages } from './console.js';

export const consoleEn: ConsoleMessages = {
  layout: {
    brand: 'Staff console',
    navigation: 'Console',
    sections: {
      dashboard: 'Dashboard',
      queue: 'Queue',
      registers: 'Registers',
      outbox: 'Outbox',
      audit: 'Audit trail',
      users: 'Users',
      keys: 'API keys',
      documents: 'Documents',
    },
    signedInAs: (email, role) => `Signed in as ${email} (${role})`,
    signOut: 'Sign out',
  },
  roles: { admin: 'administrator', officer: 'privacy officer', analyst: 'analyst', auditor: 'auditor' },
  guard: {
    forbiddenTitle: 'Not allowed',
    forbidden: (role) => `Your role (${role}) does not open this page or allow this action.`,
    csrf: 'This form had expired or did not come from the console: open the page again and repeat the action.',
    back: 'Back to the console',
    notFoundTitle: 'Not found',
    notFound: 'There is nothing at this address.',
  },
};
