// The request form: kind, e-mail, jurisdiction, and the details a correction or an objection needs; errors beside fields.
import type { ComponentChildren } from 'preact';
import { localize, type Jurisdiction } from '../../policy/index.js';
import { categoryLabel, createContext } from '../../render/index.js';
import { Layout, say, type PageContext } from '../layout.js';
import type { FormField, FormProblems, FormValues } from '../request-form.js';
import type { FormKind } from '../messages/index.js';

export interface RequestFormProps {
  readonly ctx: PageContext;
  readonly jurisdiction: Jurisdiction;
  readonly kinds: readonly FormKind[];
  readonly values: FormValues;
  readonly problems: FormProblems;
}

const errorId = (field: FormField) => `${field}-error`;

export function RequestFormPage({ ctx, jurisdiction, kinds, values, problems }: RequestFormProps) {
  const { t, model, lang } = ctx;
  const render = createContext(model, lang);
  const wrong = Object.keys(problems) as FormField[];
  const problem = (field: FormField) =>
    problems[field] && (
      <p class="error" id={errorId(field)}>
        {say(ctx, t.form.problems[problems[field]])}
      </p>
    );
  /** aria-invalid and aria-describedby (hint first, then the error) for a field. */
  const aria = (field: FormField, hint?: string) => {
    const ids = [hint, problems[field] && errorId(field)].filter(Boolean).join(' ');
    return { 'aria-invalid': problems[field] ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
  };
  const labels: Readonly<Record<FormField, string>> = {
    jurisdiction: t.form.jurisdiction,
    kind: t.form.kind,
    email: t.form.email,
    target: t.form.target,
    value: t.form.value,
    purpose: t.form.purpose,
  };
  const firstTarget = (field: FormField) => (field === 'kind' ? `kind-${kinds[0] ?? ''}` : field);
  return (
    <Layout ctx={ctx} title={t.form.title}>
      {wrong.length > 0 && (
        <div class="summary" role="alert" aria-labelledby="summary-title">
          <h2 id="summary-title">{say(ctx, t.form.errorSummary)}</h2>
          <ul>
            {wrong.map((field) => (
              <li key={field}>
                <a href={`#${firstTarget(field)}`}>{`${say(ctx, labels[field])} — ${say(ctx, t.form.problems[problems[field]!])}`}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>{say(ctx, t.form.intro)}</p>
      <form method="post" action={`/privacy/request?lang=${lang}`} novalidate>
        <Field>
          <label for="jurisdiction">{say(ctx, t.form.jurisdiction)}</label>
          <select id="jurisdiction" name="jurisdiction" {...aria('jurisdiction')}>
            {model.jurisdictions.map((j) => (
              <option key={j.id} value={j.id} selected={j.id === (values.jurisdiction || jurisdiction.id)}>
                {localize(j.name, lang)}
              </option>
            ))}
          </select>
          {problem('jurisdiction')}
        </Field>
        <fieldset aria-describedby={problems.kind && errorId('kind')}>
          <legend>{say(ctx, t.form.kind)}</legend>
          {kinds.map((kind) => (
            <div class="choice" key={kind}>
              <input
                type="radio"
                id={`kind-${kind}`}
                name="kind"
                value={kind}
                checked={values.kind === kind}
                aria-describedby={`kind-${kind}-hint`}
              />
              <label for={`kind-${kind}`}>
                {say(ctx, t.kinds[kind].title)}
                <span class="hint" id={`kind-${kind}-hint`}>
                  {` — ${say(ctx, t.kinds[kind].text)}`}
                </span>
              </label>
            </div>
          ))}
          {problem('kind')}
        </fieldset>
        <Field>
          <label for="email">{say(ctx, t.form.email)}</label>
          <p class="hint" id="email-hint">
            {say(ctx, t.form.emailHint)}
          </p>
          <input type="email" id="email" name="email" autocomplete="email" value={values.email} {...aria('email', 'email-hint')} />
          {problem('email')}
        </Field>
        {kinds.includes('rectification') && (
          <fieldset>
            <legend>{say(ctx, t.form.rectification)}</legend>
            <Field>
              <label for="target">{say(ctx, t.form.target)}</label>
              <select id="target" name="target" {...aria('target')}>
                <option value="">{say(ctx, t.form.targetNone)}</option>
                {[...model.categories.keys()].map((key) => (
                  <option key={key} value={key} selected={values.target === key}>
                    {categoryLabel(render, key)}
                  </option>
                ))}
              </select>
              {problem('target')}
            </Field>
            <Field>
              <label for="value">{say(ctx, t.form.value)}</label>
              <input type="text" id="value" name="value" value={values.value} {...aria('value')} />
              {problem('value')}
            </Field>
          </fieldset>
        )}
        {kinds.includes('objection') && (
          <fieldset>
            <legend>{say(ctx, t.form.objection)}</legend>
            <Field>
              <label for="purpose">{say(ctx, t.form.purpose)}</label>
              <select id="purpose" name="purpose" {...aria('purpose')}>
                <option value="">{say(ctx, t.form.purposeNone)}</option>
                {[...model.purposes.values()].map((p) => (
                  <option key={p.id} value={p.id} selected={values.purpose === p.id}>
                    {localize(p.name, lang)}
                  </option>
                ))}
              </select>
              {problem('purpose')}
            </Field>
          </fieldset>
        )}
        <button type="submit">{say(ctx, t.form.submit)}</button>
      </form>
    </Layout>
  );
}

const Field = ({ children }: { children: ComponentChildren }) => <div class="field">{children}</div>;
