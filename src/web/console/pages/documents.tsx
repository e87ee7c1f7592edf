// The documents page: the notice in each language, the record of processing, the data map picture, and the manifest's
// checks (file:line, rule, message) so a DPO sees what is wrong without a terminal.
import type { Diagnostic } from '../../../policy/index.js';
import { say, withLang } from '../../layout.js';
import { ScrollTable, StaffLayout, type ConsoleContext } from '../layout.js';
import type { OversightWords } from '../words/index.js';

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: 'English', fr: 'Français', 'fr-CA': 'Français (Canada)' };

export function DocumentsPage(props: { ctx: ConsoleContext; w: OversightWords; diagnostics?: readonly Diagnostic[] | undefined }) {
  const { ctx } = props;
  const d = props.w.documents;
  return (
    <StaffLayout ctx={ctx} title={d.title} current="documents">
      <ul>
        {ctx.model.languages.map((l) => (
          <li key={l}>
            <a href={`/console/documents/notice/${l}`} hreflang={l}>
              {say(ctx, d.notice(LANGUAGE_NAMES[l] ?? l))}
            </a>
          </li>
        ))}
        <li>
          <a href={withLang('/console/documents/ropa', ctx.lang)}>{say(ctx, d.ropa)}</a>
        </li>
      </ul>
      <section aria-labelledby="h-map">
        <h2 id="h-map">{say(ctx, d.map)}</h2>
        <p>
          <img src="/console/documents/map.svg" alt={say(ctx, d.mapAlt)} class="map" />
        </p>
      </section>
      <section aria-labelledby="h-lint">
        <h2 id="h-lint">{say(ctx, d.lint)}</h2>
        {props.diagnostics === undefined ? (
          <p>{say(ctx, d.lintUnknown)}</p>
        ) : props.diagnostics.length === 0 ? (
          <p>{say(ctx, d.lintClean)}</p>
        ) : (
          <ScrollTable ctx={ctx} headers={[d.where, d.severity, d.rule, d.message, d.fix]}>
            {props.diagnostics.map((x, i) => (
              <tr key={i}>
                <th scope="row">
                  <code>{x.location ? `${x.location.file}:${x.location.line}` : '—'}</code>
                </th>
                <td>{say(ctx, props.w.codes.severities[x.severity])}</td>
                <td>
                  <code>{x.code}</code>
                </td>
                <td>{x.message}</td>
                <td>{x.fix ?? ''}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </section>
    </StaffLayout>
  );
}
