/**
 * A ready list of delegations for facilitators to pick from: the 193 UN Member States (ISO 3166-1 alpha-3
 * code, short name as used at the UN), the two observer States, and the usual negotiating groups. Every
 * code is unique across the whole catalog and valid for `validateDelegation`. The Non-Aligned Movement is
 * "NAM-GROUP" because "NAM" is Namibia.
 */

/** One pickable delegation: a code valid for `validateDelegation`, its display name, and what it is. */
export type CatalogEntry = { code: string; name: string; kind: 'state' | 'group' | 'observer' };

function parse(lines: string, kind: CatalogEntry['kind']): readonly CatalogEntry[] {
  return Object.freeze(
    lines
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => {
        const [code = '', name = ''] = line.split('|');
        return Object.freeze({ code, name, kind });
      }),
  );
}

/** The 193 UN Member States, kind 'state', in the UN's alphabetical order. */
export const unMemberStates: readonly CatalogEntry[] = parse(
  `
AFG|Afghanistan
ALB|Albania
DZA|Algeria
AND|Andorra
AGO|Angola
ATG|Antigua and Barbuda
ARG|Argentina
ARM|Armenia
AUS|Australia
AUT|Austria
AZE|Azerbaijan
BHS|Bahamas
BHR|Bahrain
BGD|Bangladesh
BRB|Barbados
BLR|Belarus
BEL|Belgium
BLZ|Belize
BEN|Benin
BTN|Bhutan
BOL|Bolivia (Plurinational State of)
BIH|Bosnia and Herzegovina
BWA|Botswana
BRA|Brazil
BRN|Brunei Darussalam
BGR|Bulgaria
BFA|Burkina Faso
BDI|Burundi
CPV|Cabo Verde
KHM|Cambodia
CMR|Cameroon
CAN|Canada
CAF|Central African Republic
TCD|Chad
CHL|Chile
CHN|China
COL|Colombia
COM|Comoros
COG|Congo
CRI|Costa Rica
CIV|Côte d'Ivoire
HRV|Croatia
CUB|Cuba
CYP|Cyprus
CZE|Czechia
PRK|Democratic People's Republic of Korea
COD|Democratic Republic of the Congo
DNK|Denmark
DJI|Djibouti
DMA|Dominica
DOM|Dominican Republic
ECU|Ecuador
EGY|Egypt
SLV|El Salvador
GNQ|Equatorial Guinea
ERI|Eritrea
EST|Estonia
SWZ|Eswatini
ETH|Ethiopia
FJI|Fiji
FIN|Finland
FRA|France
GAB|Gabon
GMB|Gambia
GEO|Georgia
DEU|Germany
GHA|Ghana
GRC|Greece
GRD|Grenada
GTM|Guatemala
GIN|Guinea
GNB|Guinea-Bissau
GUY|Guyana
HTI|Haiti
HND|Honduras
HUN|Hungary
ISL|Iceland
IND|India
IDN|Indonesia
IRN|Iran (Islamic Republic of)
IRQ|Iraq
IRL|Ireland
ISR|Israel
ITA|Italy
JAM|Jamaica
JPN|Japan
JOR|Jordan
KAZ|Kazakhstan
KEN|Kenya
KIR|Kiribati
KWT|Kuwait
KGZ|Kyrgyzstan
LAO|Lao People's Democratic Republic
LVA|Latvia
LBN|Lebanon
LSO|Lesotho
LBR|Liberia
LBY|Libya
LIE|Liechtenstein
LTU|Lithuania
LUX|Luxembourg
MDG|Madagascar
MWI|Malawi
MYS|Malaysia
MDV|Maldives
MLI|Mali
MLT|Malta
MHL|Marshall Islands
MRT|Mauritania
MUS|Mauritius
MEX|Mexico
FSM|Micronesia (Federated States of)
MCO|Monaco
MNG|Mongolia
MNE|Montenegro
MAR|Morocco
MOZ|Mozambique
MMR|Myanmar
NAM|Namibia
NRU|Nauru
NPL|Nepal
NLD|Netherlands (Kingdom of the)
NZL|New Zealand
NIC|Nicaragua
NER|Niger
NGA|Nigeria
MKD|North Macedonia
NOR|Norway
OMN|Oman
PAK|Pakistan
PLW|Palau
PAN|Panama
PNG|Papua New Guinea
PRY|Paraguay
PER|Peru
PHL|Philippines
POL|Poland
PRT|Portugal
QAT|Qatar
KOR|Republic of Korea
MDA|Republic of Moldova
ROU|Romania
RUS|Russian Federation
RWA|Rwanda
KNA|Saint Kitts and Nevis
LCA|Saint Lucia
VCT|Saint Vincent and the Grenadines
WSM|Samoa
SMR|San Marino
STP|Sao Tome and Principe
SAU|Saudi Arabia
SEN|Senegal
SRB|Serbia
SYC|Seychelles
SLE|Sierra Leone
SGP|Singapore
SVK|Slovakia
SVN|Slovenia
SLB|Solomon Islands
SOM|Somalia
ZAF|South Africa
SSD|South Sudan
ESP|Spain
LKA|Sri Lanka
SDN|Sudan
SUR|Suriname
SWE|Sweden
CHE|Switzerland
SYR|Syrian Arab Republic
TJK|Tajikistan
THA|Thailand
TLS|Timor-Leste
TGO|Togo
TON|Tonga
TTO|Trinidad and Tobago
TUN|Tunisia
TUR|Türkiye
TKM|Turkmenistan
TUV|Tuvalu
UGA|Uganda
UKR|Ukraine
ARE|United Arab Emirates
GBR|United Kingdom of Great Britain and Northern Ireland
TZA|United Republic of Tanzania
USA|United States of America
URY|Uruguay
UZB|Uzbekistan
VUT|Vanuatu
VEN|Venezuela (Bolivarian Republic of)
VNM|Viet Nam
YEM|Yemen
ZMB|Zambia
ZWE|Zimbabwe
`,
  'state',
);

/** The non-member observer States (Holy See, State of Palestine), kind 'observer'. */
export const observerStates: readonly CatalogEntry[] = parse(
  `
VAT|Holy See
PSE|State of Palestine
`,
  'observer',
);

/** The usual negotiating groups and blocs (the EU included), kind 'group', most-used first. */
export const negotiatingGroups: readonly CatalogEntry[] = parse(
  `
G77|G77 and China
EU|European Union
AGN|African Group
AOSIS|Alliance of Small Island States
LDC|Least Developed Countries
LLDC|Landlocked Developing Countries
SIDS|Small Island Developing States
ARAB|Arab Group
LMDC|Like-Minded Developing Countries
EIG|Environmental Integrity Group
UMBRELLA|Umbrella Group
BASIC|BASIC (Brazil, South Africa, India and China)
AILAC|Independent Association of Latin America and the Caribbean
ALBA|Bolivarian Alliance for the Peoples of Our America
JUSCANZ|JUSCANZ
CARICOM|Caribbean Community
CELAC|Community of Latin American and Caribbean States
NAM-GROUP|Non-Aligned Movement
OIC|Organisation of Islamic Cooperation
GRULAC|Group of Latin American and Caribbean States
WEOG|Western European and Other States Group
EEG|Eastern European Group
APG|Asia-Pacific Group
`,
  'group',
);

const everything: readonly CatalogEntry[] = Object.freeze([...negotiatingGroups, ...unMemberStates, ...observerStates]);
const byCode = new Map(everything.map((entry) => [entry.code, entry]));

/** The whole catalog as a new array: groups first, then Member States, then observer States; entries are frozen. */
export function catalog(): CatalogEntry[] {
  return [...everything];
}

/** The catalog entry with this code (surrounding spaces and letter case ignored), or undefined. */
export function findInCatalog(code: string): CatalogEntry | undefined {
  return byCode.get(code.trim().toUpperCase());
}
