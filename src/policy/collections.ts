// The collection a plan or a journal names by `dataset.collection`, refused when the manifest no longer declares it.
import { CustosError } from '../errors.js';
import type { CollectionModel, PolicyModel } from './model.js';

export function collectionOf(model: PolicyModel, qualified: string): CollectionModel {
  const c = model.index.collections.get(qualified);
  if (!c) throw new CustosError({ code: 'invalid-input', message: `the plan names ${qualified}, which the manifest no longer declares` });
  return c;
}
