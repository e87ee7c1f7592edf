// The JSON Schema of the manifest, generated from the same zod schemas, for editor completion.
import { z } from 'zod';
import { Manifest } from './schema/index.js';

/** JSON Schema (draft 2020-12) describing what a manifest file may contain. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Manifest, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://custos.dev/schema/custos-manifest.schema.json',
    title: 'Custos privacy manifest',
    description: 'One file of a provider’s privacy/ folder. Files are merged; every top-level section is optional in a single file.',
    // Files of one folder are merged, so no single file has to hold every required section.
    required: [],
  };
}
