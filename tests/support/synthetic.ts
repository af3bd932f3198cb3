import { DataSource } from 'typeorm';

/** A national dashboard's request: every förbund's comparison with members and allocation. */
export const DASHBOARD = `{
  nationalComparison(measure: "to_work_or_studies", year: 2017, peerGroup: ALLOCATION_BAND) {
    reference { value year isFallback provenance { document { id } } }
    pooled { value } meanOfForbund { value }
    entries {
      rank percentile differencePp ci95 { low high } significantlyDifferent peerMean peerGroup { key count }
      coverage { shareWithPersonalData }
      value { numerator denominator value measure { code } provenance { isFinal } }
      forbund {
        slug county
        members(year: 2017) { organisation { name kind municipalityCode } }
        allocation(year: 2017) { totalSek byMember { party amountSek organisation { name } } }
        outcome(year: 2017) { participants anonymous ended }
      }
    }
    notComparable { forbund { slug } reason }
  }
  financialComparison(year: 2017) {
    forbund { slug }
    allocationSplit { followsRule }
    equity { ratio basis }
    costPerParticipant { valueSek }
    goalAttainment { met total }
  }
}`;

/** Adds n synthetic förbund with members, a 2017 allocation and 2017 SUS figures (figures are made up: test data only). */
export async function addSyntheticForbund(ds: DataSource, n: number): Promise<void> {
  await ds.transaction(async (em) => {
    await em.query(
      `INSERT INTO source_document (id, url, title, kind, status, publisher, years_covered)
       VALUES ('synthetic', 'https://example.invalid/synthetic', 'Synthetic test data', 'ANNUAL_REPORT', 'FINAL', 'tests', '{2017}')`,
    );
    for (let i = 1; i <= n; i++) {
      const [{ id }] = await em.query(
        `INSERT INTO forbund (slug, name, county_code, provenance) VALUES ($1, $2, $3, 'synthetic') RETURNING id`,
        [`synthetic-${i}`, `Synthetic förbund ${i}`, ['01', '03', '04', '05', '06', '07'][i % 6]],
      );
      const [{ id: kommun }] = await em.query(
        `INSERT INTO organisation (key, name, kind, municipality_code) VALUES ($1, $2, 'MUNICIPALITY', $3) RETURNING id`,
        [`kommun-9${String(i).padStart(3, '0')}`, `Synthetic kommun ${i}`, `9${String(i).padStart(3, '0')}`],
      );
      await em.query(
        `INSERT INTO membership (forbund_id, organisation_id, from_year, source_document_id, locator)
         SELECT $1, o.id, 2010, 'synthetic', 'members' FROM organisation o WHERE o.key IN ('forsakringskassan', 'arbetsformedlingen') OR o.id = $2`,
        [id, kommun],
      );
      const total = 4_000_000 + i * 1_000_000;
      const [{ id: allocation }] = await em.query(
        `INSERT INTO allocation (forbund_id, year, kind, total_sek, stated_unit, source_document_id, locator)
         VALUES ($1, 2017, 'ACTUAL', $2, 'KR', 'synthetic', 'allocation') RETURNING id`,
        [id, total],
      );
      await em.query(
        `INSERT INTO allocation_part (allocation_id, position, party, organisation_id, label, amount_sek, stated_unit)
         VALUES ($1, 0, 'STATE', NULL, 'Staten', $2, 'KR'), ($1, 1, 'REGION', NULL, 'Regionen', $3, 'KR'), ($1, 2, 'MUNICIPALITY', $4, 'Kommunen', $3, 'KR')`,
        [allocation, total / 2, total / 4, kommun],
      );
      const ended = 20 + i;
      await em.query(
        `INSERT INTO observation (forbund_id, measure_code, year, gender, value, numerator, denominator, source_document_id, locator) VALUES
           ($1, 'participants_registered', 2017, 'ALL', $2, NULL, NULL, 'synthetic', 'sus'),
           ($1, 'participants_anonymous', 2017, 'ALL', 2, NULL, NULL, 'synthetic', 'sus'),
           ($1, 'participants_ended', 2017, 'ALL', $3, NULL, NULL, 'synthetic', 'sus'),
           ($1, 'to_work_or_studies', 2017, 'ALL', NULL, $4, $3, 'synthetic', 'sus')`,
        [id, ended + 10, ended, i % ended],
      );
    }
  });
}

