// Sections of the document this hub does not keep yet: exported empty, their items shown as skipped on import.
import { OpaqueExport } from '../../../../shared/config-document';
import { type ConfigSection, defineSection } from './section';

/** Replaced by the table group's own section module (one line in registry.ts) once the hub keeps it. */
export function notKeptSection(path: string): ConfigSection<Record<string, unknown>> {
  return defineSection<Record<string, unknown>>({
    path,
    item: OpaqueExport,
    id: (item) => String(item.id ?? item.name ?? '?'),
    label: (item) => String(item.name ?? item.pattern ?? item.url ?? item.id ?? '?'),
    export: () => [],
    skip: 'this hub does not keep these yet',
    reloads: [],
  });
}
