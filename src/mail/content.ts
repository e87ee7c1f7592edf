// A message before it is written out: a subject and blocks of plain text, serialised to text and HTML in one place.

/** Plain text everywhere: the serialisers escape it, so a reason typed by staff can never become markup. */
export type MessageBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  /** A code the person types back, set apart so it is easy to copy. */
  | { readonly kind: 'code'; readonly label: string; readonly code: string }
  /** Items with a title and a text: the blockers of an account's closure. */
  | { readonly kind: 'list'; readonly items: readonly { readonly title: string; readonly text?: string | undefined }[] }
  /** A link shown with its address in the text version (an http(s) URL, checked with the params). */
  | { readonly kind: 'link'; readonly label: string; readonly url: string };

export interface MessageContent {
  readonly subject: string;
  readonly greeting: string;
  readonly blocks: readonly MessageBlock[];
  /** Closing lines: who sends it, and where the person can follow their requests. */
  readonly signature: readonly MessageBlock[];
}

/** What every template is written with besides its params. */
export interface MessageContext {
  readonly organizationName: string;
  readonly privacyCenterUrl: string;
}
