// Categories (built-in, added, re-classed), per-class handling rules and the edits of the forbidden list.
import { DEFAULT_CATEGORIES } from '../defaults/taxonomy.js';
import { DEFAULT_HANDLING } from '../defaults/handling.js';
import type * as M from '../model.js';
import type { ManifestData } from '../schema/index.js';
import { optionalText, toText } from '../text.js';
import { DATA_CLASSES, HANDLING_ACTIONS, type DataClass } from '../vocabulary.js';

export function forbiddenEdits(data: ManifestData): M.PolicyModel['forbiddenEdits'] {
  const list = data.taxonomy?.forbidden;
  if (list === undefined || list === 'default') return { add: [], remove: [] };
  return { add: list.add ?? [], remove: list.remove ?? [] };
}

/**
 * Built-in categories, then the manifest's own and re-classed ones, then the forbidden list's edits: an added category is
 * forbidden; a removed one takes the class `taxonomy.categories` gives it, and stays forbidden without one (CUS085).
 */
export function buildCategories(data: ManifestData): ReadonlyMap<string, M.CategoryModel> {
  const out = new Map<string, M.CategoryModel>();
  for (const [key, c] of Object.entries(DEFAULT_CATEGORIES)) {
    out.set(key, Object.freeze({ key, class: c.class, label: Object.freeze({ en: c.en, fr: c.fr }), builtIn: true }));
  }
  for (const [key, c] of Object.entries(data.taxonomy?.categories ?? {})) {
    const base = out.get(key);
    out.set(
      key,
      Object.freeze({
        key,
        class: c.class,
        label: c.label ? toText(c.label) : (base?.label ?? toText(key)),
        description: optionalText(c.description),
        builtIn: false,
      }),
    );
  }
  for (const key of forbiddenEdits(data).add) {
    const c = out.get(key);
    if (c) out.set(key, Object.freeze({ ...c, class: 'forbidden' }));
  }
  return out;
}

export function buildHandling(data: ManifestData): Readonly<Record<DataClass, M.HandlingRuleModel>> {
  const entries = DATA_CLASSES.map((cls) => {
    const base = DEFAULT_HANDLING[cls];
    const override = data.taxonomy?.handling?.[cls];
    const actions = Object.fromEntries(
      HANDLING_ACTIONS.map((a) => {
        const text = override?.[a];
        return [a, text === undefined ? Object.freeze({ ...base.actions[a] }) : toText(text)];
      }),
    ) as M.HandlingRuleModel['actions'];
    const publish = override?.publish ?? true;
    const published = Object.fromEntries(
      HANDLING_ACTIONS.flatMap((a) => {
        const text = override?.[a];
        if (!publish) return [];
        if (text !== undefined) return [[a, toText(text)]];
        return data.taxonomy?.handlingTexts === 'default' ? [[a, actions[a]]] : [];
      }),
    ) as M.HandlingRuleModel['published'];
    const rule: M.HandlingRuleModel = Object.freeze({
      class: cls,
      actions,
      published,
      publish,
      storage: override?.storage ?? base.storage,
      exportInClear: override?.exportInClear ?? base.exportInClear,
      loggable: override?.loggable ?? base.loggable,
      shareable: override?.shareable ?? base.shareable,
    });
    return [cls, rule] as const;
  });
  return Object.freeze(Object.fromEntries(entries) as Record<DataClass, M.HandlingRuleModel>);
}
