// The shape of the staff console's words (a part of each language's table): the layout, the guard's pages, sign-in,
// TOTP enrolment, the queue, a request's page and the outbox. A missing word is a type error.
import type { StaffRole } from '../../workflow/index.js';

/** The console's sections, in the navigation's order (layout.tsx says which permission opens each). */
export const CONSOLE_SECTIONS = ['dashboard', 'queue', 'registers', 'outbox', 'audit', 'users', 'keys', 'documents'] as const;
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];

export interface ConsoleMessages {
  readonly layout: {
    readonly brand: string;
    readonly navigation: string;
    readonly sections: Readonly<Record<ConsoleSection, string>>;
    readonly signedInAs: (email: string, role: string) => string;
    readonly signOut: string;
  };
  readonly roles: Readonly<Record<StaffRole, string>>;
  readonly guard: {
    readonly forbiddenTitle: string;
    readonly forbidden: (role: string) => string;
    readonly csrf: string;
    readonly back: string;
    readonly notFoundTitle: string;
    readonly notFound: string;
  };
}
