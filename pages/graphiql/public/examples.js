// Saved example operations, one tab each. The ids come from the graph when the page opens (see app.js).

export const EXAMPLES = [
  {
    title: 'Resident 360 (居民全景)',
    lookup: 'resident',
    query: `# One resident with fields from all four departments in one request
query Resident360($id: ID!) {
  resident(id: $id) {
    id name idNumber gender birthDate age residenceStatus livingArrangement
    household { id room building { id address communityCode grid { id name level parent { name } } } }
    registration { type }
    assistance { program status monthlyAmount }
  }
}`,
  },
  {
    title: 'Grid roster (网格花名册)',
    lookup: 'grid',
    query: `# A grid's buildings, households and residents with each department's facts, a page of buildings at a time
query Roster($id: ID!, $first: Int = 5, $after: String) {
  region(id: $id) {
    name level
    buildings(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id address
        households { id room members { id name age registration { type } assistance { program status } } }
      }
    }
  }
}`,
  },
  {
    title: 'Cohort (条件查询)',
    lookup: 'community',
    query: `# Residents 80 and over living alone in one community who receive no assistance (漏保)
query Cohort($community: ID!) {
  cohort(where: {
    population: { minAge: 80, livingArrangement: ALONE }
    grid: { regionId: $community }
    civilAffairs: { not: true }
  }, first: 20) {
    totalCount
    nodes { id name age household { building { address } } grid { name } }
  }
}`,
  },
  {
    title: 'Region stats (区域统计)',
    lookup: 'district',
    query: `# A region and each child region: figures from every department (small cells withheld for ANALYTICS)
query RegionStats($regionId: ID!, $asOf: LocalDate) {
  regionStats(regionId: $regionId, asOf: $asOf) {
    asOf
    region { name level }
    figures {
      region { name level }
      grid { grids buildings staff targetHouseholds }
      population { residents registered floating overseas age80plus livingAlone80plus households suppressed }
      civilAffairs { assistance { program cases monthlyAmountYuan totalAmountYuan pending suppressed } }
    }
  }
}`,
  },
];

/** One request that finds an id for each example (the caller's own scope decides what it finds). */
export const LOOKUP = `query ExampleIds {
  residents(first: 1) { nodes { id } }
  district: regions(level: DISTRICT, first: 1) { nodes { id } }
  community: regions(level: COMMUNITY, first: 1) { nodes { id } }
  grid: regions(level: GRID, first: 1) { nodes { id } }
}`;

export function variablesFor(example, ids) {
  switch (example.lookup) {
    case 'resident':
      return { id: ids.resident };
    case 'grid':
      return { id: ids.grid };
    case 'community':
      return { community: ids.community };
    default:
      return { regionId: ids.district };
  }
}
