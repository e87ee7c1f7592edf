// manifest.json of an access package: what was asked, when, under which policy, and what each file holds, for programs.
import type { Language, PolicyModel } from '../../policy/index.js';
import { foundCategories, withheldFields, type PackagedCollection } from './found.js';
import type { PackagedMessageFile } from './person-messages.js';
import { packageMessages } from './summary-messages.js';

export const ACCESS_PACKAGE_FORMAT = 'custos-access-package/1';

export interface PackageManifest {
  readonly format: typeof ACCESS_PACKAGE_FORMAT;
  readonly requestId: string;
  readonly generatedAt: string;
  readonly organization: string;
  readonly policyVersion: string;
  readonly language: Language;
  readonly collections: readonly {
    readonly collection: string;
    readonly rows: number;
    readonly categories: readonly string[];
    readonly files: readonly string[];
    readonly emails?: readonly string[];
  }[];
  readonly categories: readonly string[];
  readonly withheld: readonly { readonly field: string; readonly marker: string }[];
  /** K6.3: the messages Custos sent the person about their requests, and how many values they held show as `marker`. */
  readonly messages: {
    readonly count: number;
    readonly removed: number;
    readonly marker: string;
    readonly files: readonly PackagedMessageFile[];
  };
}

export function packageManifest(
  model: PolicyModel,
  input: {
    readonly requestId: string;
    readonly generatedAt: Date;
    readonly lang: Language;
    readonly collections: readonly PackagedCollection[];
    readonly messages?: readonly PackagedMessageFile[] | undefined;
  },
): PackageManifest {
  const messages = input.messages ?? [];
  return {
    format: ACCESS_PACKAGE_FORMAT,
    requestId: input.requestId,
    generatedAt: input.generatedAt.toISOString(),
    organization: model.organization.name,
    policyVersion: model.organization.policy.version,
    language: input.lang,
    collections: input.collections.map((c) => ({
      collection: c.collection.qualifiedName,
      rows: c.rows,
      categories: [...new Set(c.fields.flatMap((f) => (f.category === undefined ? [] : [f.category])))],
      files: c.files,
      ...(c.emails.length > 0 ? { emails: c.emails } : {}),
    })),
    categories: [...foundCategories(input.collections).keys()],
    withheld: withheldFields(model, input.collections, packageMessages(input.lang).package.markers).map((w) => ({
      field: `${w.field.dataset}.${w.field.collection}.${w.field.name}`,
      marker: w.marker,
    })),
    messages: {
      count: messages.length,
      removed: messages.reduce((n, m) => n + m.removed, 0),
      marker: packageMessages(input.lang).messages.removed,
      files: messages,
    },
  };
}
