import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { catalogRoutes } from '../../server/http/catalog-routes.ts';
import {
  catalog,
  findInCatalog,
  negotiatingGroups,
  observerStates,
  unMemberStates,
} from '../../shared/delegation-catalog.ts';
import { validateDelegation } from '../../shared/model/delegations.ts';

describe('delegation catalog', () => {
  it('lists exactly the 193 UN Member States, as states, with alpha-3 codes', () => {
    expect(unMemberStates).toHaveLength(193);
    for (const entry of unMemberStates) {
      expect(entry.kind).toBe('state');
      expect(entry.code).toMatch(/^[A-Z]{3}$/);
    }
  });

  it('has unique codes across the whole catalog, each valid for validateDelegation', () => {
    const all = catalog();
    expect(all).toHaveLength(negotiatingGroups.length + unMemberStates.length + observerStates.length);
    expect(new Set(all.map((entry) => entry.code)).size).toBe(all.length);
    expect(new Set(all.map((entry) => entry.name)).size).toBe(all.length);
    for (const entry of all) expect(validateDelegation(entry.code, entry.name)).toEqual({ code: entry.code, name: entry.name });
  });

  it('uses the short names used at the UN', () => {
    const expected: Record<string, string> = {
      BOL: 'Bolivia (Plurinational State of)',
      GBR: 'United Kingdom of Great Britain and Northern Ireland',
      TUR: 'Türkiye',
      CIV: "Côte d'Ivoire",
      PRK: "Democratic People's Republic of Korea",
      KOR: 'Republic of Korea',
      COD: 'Democratic Republic of the Congo',
      COG: 'Congo',
      IRN: 'Iran (Islamic Republic of)',
      VEN: 'Venezuela (Bolivarian Republic of)',
      VNM: 'Viet Nam',
      SWZ: 'Eswatini',
      CZE: 'Czechia',
      MKD: 'North Macedonia',
      TZA: 'United Republic of Tanzania',
      USA: 'United States of America',
      NAM: 'Namibia',
      FSM: 'Micronesia (Federated States of)',
    };
    for (const [code, name] of Object.entries(expected)) expect(findInCatalog(code)).toEqual({ code, name, kind: 'state' });
  });

  it('has the observer States and the negotiating groups', () => {
    expect(observerStates.map((entry) => entry.code)).toEqual(['VAT', 'PSE']);
    expect(findInCatalog('VAT')).toEqual({ code: 'VAT', name: 'Holy See', kind: 'observer' });
    expect(findInCatalog('PSE')).toEqual({ code: 'PSE', name: 'State of Palestine', kind: 'observer' });
    const groups = negotiatingGroups.map((entry) => entry.code);
    for (const code of ['G77', 'EU', 'AGN', 'AOSIS', 'LDC', 'LLDC', 'SIDS', 'CARICOM', 'NAM-GROUP', 'ARAB', 'CELAC',
      'JUSCANZ', 'EIG', 'LMDC', 'OIC', 'GRULAC', 'WEOG', 'EEG', 'APG']) {
      expect(groups).toContain(code);
    }
    expect(findInCatalog('G77')).toEqual({ code: 'G77', name: 'G77 and China', kind: 'group' });
    expect(findInCatalog('EU')).toEqual({ code: 'EU', name: 'European Union', kind: 'group' });
    for (const entry of negotiatingGroups) expect(entry.kind).toBe('group');
  });

  it('lists groups first, then states, then observers, in a fresh array each time', () => {
    const kinds = catalog().map((entry) => entry.kind);
    expect(kinds.indexOf('state')).toBe(negotiatingGroups.length);
    expect(kinds.lastIndexOf('group')).toBe(negotiatingGroups.length - 1);
    expect(kinds.indexOf('observer')).toBe(negotiatingGroups.length + 193);
    const first = catalog();
    first.pop();
    expect(catalog()).toHaveLength(first.length + 1);
  });

  it('finds codes regardless of case and spaces, and nothing for unknown codes', () => {
    expect(findInCatalog(' ken ')?.name).toBe('Kenya');
    expect(findInCatalog('XYZ')).toBeUndefined();
    expect(findInCatalog('')).toBeUndefined();
  });
});

describe('GET /api/delegation-catalog', () => {
  it('answers the catalog as cacheable public JSON', async () => {
    const app = new Hono().route('/api/delegation-catalog', catalogRoutes());
    const response = await app.request('/api/delegation-catalog');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=86400');
    expect(await response.json()).toEqual(catalog());
  });
});
