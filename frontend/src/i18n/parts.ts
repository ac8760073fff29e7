// The messages come in two parts per language. A visitor on a public page
// downloads only the first; the second holds the sections only the screens
// of signed-in people use (forms, queues, officer tools), and is loaded
// before such a screen renders and whenever a session may exist (main.tsx,
// lib/lazyPage.tsx). parts.test.ts checks that the public pages' code uses
// none of these sections.
export const SIGNED_IN_SECTIONS: readonly string[] = [
  'account',
  'acct',
  'application',
  'applications',
  'audit',
  'auditActions',
  'auditFields',
  'auditReasons',
  'backups',
  'eventsForm',
  'eventSchedule',
  'eventCheckIn',
  'eventDeals',
  'eventMeetings',
  'eventReport',
  'implementation',
  'implementationStatus',
  'invitation',
  'listingFormFiles',
  'listingQueue',
  'login',
  'myListings',
  'notificationSettings',
  'orgCertificate',
  'orgRole',
  'pipeline',
  'plan',
  'platformRole',
  'priceMode',
  'queue',
  'register',
  'registrationStatus',
  'review',
  'tasksSelection',
  'stepper',
  'supportForm',
  'tasksProposals',
  'tasksExecution',
  'thread',
  'transferForm',
  'users',
];

export type MessagesPart = 'public' | 'signedIn';

/** The sections of `all` in `part`. */
export function messagesPart(all: Record<string, unknown>, part: MessagesPart): Record<string, unknown> {
  const signedIn = new Set(SIGNED_IN_SECTIONS);
  return Object.fromEntries(Object.entries(all).filter(([k]) => signedIn.has(k) === (part === 'signedIn')));
}
