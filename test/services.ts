// Real database servers for integration suites: URLs from the environment, with a printed reason when one is absent.

export interface TestServices {
  readonly postgres?: string | undefined;
  readonly mysql?: string | undefined;
  readonly redis?: string | undefined;
}

/** `.ci/run` exports these; on a developer machine without the servers the suites skip and say why. */
export const services: TestServices = {
  postgres: process.env.CUSTOS_TEST_POSTGRES_URL,
  mysql: process.env.CUSTOS_TEST_MYSQL_URL,
  redis: process.env.CUSTOS_TEST_REDIS_URL,
};

const announced = new Set<string>();

/** Returns the URL, or prints why the suite is skipped and returns undefined. */
export function serviceUrl(name: keyof TestServices): string | undefined {
  const url = services[name];
  if (!url && !announced.has(name)) {
    announced.add(name);
    const variable = `CUSTOS_TEST_${name.toUpperCase()}_URL`;
    console.warn(`[custos tests] skipping ${name} suites: ${variable} is not set (.ci/run sets it)`);
  }
  return url;
}

/** Drops the schemas a suite created on the PostgreSQL server at `url` (with what they hold), in one connection. */
export async function dropPostgresSchemas(url: string, ...schemas: string[]): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}
