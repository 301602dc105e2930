/**
 * The sample zero draft the demo negotiation starts from: written for Draftroom, in the shape of a real
 * one (title block, headings, numbered paragraphs, source annotations, a footnote).
 */

/** The demo zero draft as plain text, in the conventional format. */
export const demoDraftText = `High-level Meeting on Coastal Resilience and Sustainable Ocean Economies
Political declaration
Zero draft
3 February 2027

1. We, Heads of State and Government and representatives of States, assembled at United Nations Headquarters in New York on 14 May 2027, reaffirm our commitment to the conservation and sustainable use of the oceans, seas and marine resources for sustainable development. *[based on 2030 Agenda, SDG 14]*

2. We recognize that coastal communities, small island developing States and least developed countries are among the most exposed to sea-level rise, storm surges, coastal erosion and the loss of marine biodiversity. *[based on SG report, para 12]*

Context

3. We note with concern that nearly 40 per cent of the world's population lives within 100 kilometres of a coast, and that the costs of coastal hazards have risen sharply over the past two decades.¹ *[based on SG report, para 4]*

4. We acknowledge that healthy mangroves, seagrass meadows, salt marshes and coral reefs protect shorelines, store carbon and sustain the livelihoods of millions of people.

5. We stress that the sustainable ocean economy must benefit all, in particular women, young people, small-scale fishers and Indigenous Peoples and local communities. *[71/312, para 13(c)]*

Commitments

6. We commit to integrating coastal resilience into national development plans, adaptation communications and disaster risk reduction strategies, in line with the Sendai Framework for Disaster Risk Reduction 2015–2030. *[based on Sendai Framework, priority 3]*

7. We commit to protecting and restoring coastal and marine ecosystems, including through nature-based solutions and ecosystem-based approaches, and to mobilizing finance from all sources for this purpose.

8. We will strengthen early warning systems for coastal hazards so that every person is protected by 2027, building on the Early Warnings for All initiative. *[based on A/77/PV.57]*

9. We call upon international financial institutions to scale up concessional finance for coastal adaptation, taking into account the specific vulnerabilities of small island developing States.

Follow-up

10. We request the Secretary-General to submit to the General Assembly at its eighty-third session a report on the implementation of the present declaration. *[standard follow-up language]*

¹ Estimates of the Intergovernmental Panel on Climate Change, *Special Report on the Ocean and Cryosphere in a Changing Climate* (2019).
`;

/** Delegations the demo starts with: code and name. */
export const demoDelegations: readonly { code: string; name: string }[] = [
  { code: 'G77', name: 'G77 and China' },
  { code: 'EU', name: 'European Union' },
  { code: 'AOSIS', name: 'Alliance of Small Island States' },
  { code: 'KEN', name: 'Kenya' },
  { code: 'NOR', name: 'Norway' },
  { code: 'USA', name: 'United States of America' },
];
