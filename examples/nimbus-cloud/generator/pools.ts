// Pools of realistic words drawn once from faker with the run's seed; rows then pick from them with cheap arithmetic.
import { Faker, base, de, en, en_CA, es, fr, it, nl, type LocaleDefinition } from '@faker-js/faker';
import { NAME_LOCALES, type NameLocale } from './catalog.js';

const LOCALES: Readonly<Record<NameLocale, LocaleDefinition>> = { fr, en: en_CA, de, es, it, nl };

/** A pool entry and its ASCII slug, for e-mail addresses and host names. */
export interface Word {
  readonly text: string;
  readonly slug: string;
}

export interface LocalePools {
  readonly firstNames: readonly Word[];
  readonly lastNames: readonly Word[];
  readonly streets: readonly string[];
  readonly cities: readonly string[];
}

export interface StaffMember {
  readonly name: string;
  readonly email: string;
}

export interface Pools {
  readonly names: Readonly<Record<NameLocale, LocalePools>>;
  readonly companies: readonly Word[];
  readonly jobTitles: readonly string[];
  readonly staff: readonly StaffMember[];
  readonly interviewers: readonly string[];
}

const NAMES = 400;
const PLACES = 300;
const COMPANIES = 600;

/** Lower-case ASCII letters and digits only: "Éloïse" → "eloise", "D'Angelo" → "dangelo". */
function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function distinct(draw: () => string, count: number): Word[] {
  const seen = new Set<string>();
  const out: Word[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const text = draw();
    const slug = slugify(text);
    if (slug.length < 2 || seen.has(slug)) continue;
    seen.add(slug);
    out.push({ text, slug });
  }
  return out;
}

function times<T>(count: number, draw: () => T): T[] {
  return Array.from({ length: count }, draw);
}

const cache = new Map<number, Pools>();

/** The pools of a seed (built once per process and seed: about 50 ms). */
export function poolsFor(seed: number): Pools {
  const cached = cache.get(seed);
  if (cached) return cached;
  const faker = (locale: NameLocale | 'en', offset: number) => {
    const f = new Faker({ locale: locale === 'en' ? [en, base] : [LOCALES[locale], en, base] });
    f.seed((seed + offset) >>> 0);
    return f;
  };
  const names = Object.fromEntries(
    NAME_LOCALES.map((locale, i) => {
      const f = faker(locale, i + 1);
      const pools: LocalePools = {
        firstNames: distinct(() => f.person.firstName(), NAMES),
        lastNames: distinct(() => f.person.lastName(), NAMES),
        streets: times(PLACES, () => f.location.street()),
        cities: times(PLACES, () => f.location.city()),
      };
      return [locale, pools];
    }),
  ) as Record<NameLocale, LocalePools>;
  const fc = faker('fr', 101);
  const ec = faker('en', 102);
  const companies = distinct(() => (fc.datatype.boolean() ? fc.company.name() : ec.company.name()), COMPANIES);
  const staffFaker = faker('fr', 103);
  const staff = distinct(() => `${staffFaker.person.firstName()} ${staffFaker.person.lastName()}`, 60).map((w) => {
    const [first = '', ...rest] = w.text.split(' ');
    return { name: w.text, email: `${slugify(first)}.${slugify(rest.join(''))}@nimbus-cloud.example` };
  });
  const pools: Pools = {
    names,
    companies,
    jobTitles: times(200, () => ec.person.jobTitle()),
    staff,
    interviewers: staff.slice(0, 12).map((s) => s.name),
  };
  cache.set(seed, pools);
  return pools;
}
