import {
  type DefinitionNode,
  Kind,
  type DocumentNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
  parse,
  print,
} from 'graphql';
import { departmentOfSection, matchFieldName, PLANNER } from './names';

export { PLANNER };

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/** Each section a department declares — its name, its input type (the `where` of its match operation) — and every input and enum type it uses. */
function sectionTypes(
  sdl: DocumentNode,
  department: string,
): { name: string; section: string; definitions: DefinitionNode[] }[] {
  const byName = new Map<string, DefinitionNode>();
  for (const d of sdl.definitions) if ('name' in d && d.name) byName.set(d.name.value, d);
  const query = sdl.definitions.find(
    (d): d is ObjectTypeDefinitionNode | ObjectTypeExtensionNode =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Query',
  );
  const matches = (query?.fields ?? []).filter((f) => {
    const name = f.name.value.replace(/CohortMatch$/, '');
    return f.name.value === matchFieldName(name) && departmentOfSection(name, [department]) === department;
  });
  return matches.flatMap((match) => {
    const where = match.arguments?.find((a) => a.name.value === 'where');
    if (!where) return [];
    const seen = new Map<string, DefinitionNode>();
    const visit = (name: string) => {
      const def = byName.get(name);
      if (!def || seen.has(name)) return;
      seen.set(name, def);
      if (def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION)
        for (const field of def.fields ?? []) visit(namedType(field.type));
    };
    visit(namedType(where.type));
    return [
      {
        name: match.name.value.replace(/CohortMatch$/, ''),
        section: namedType(where.type),
        definitions: [...seen.values()],
      },
    ];
  });
}

/**
 * The planner's subgraph: `cohort(where, first, after)` with a `CohortFilter` made of each department's section, as
 * that department declares it in its own code (copied from its printed SDL, so the types are identical and compose),
 * returning residents as references that the gateway resolves from their owners like any other query.
 */
export function plannerSdl(departmentSdls: Record<string, string>): string {
  const sections: string[] = [];
  // by name: two departments may use the same scalar (DateTimeISO), which the planner declares once
  const definitions = new Map<string, string>();
  for (const [department, sdl] of Object.entries(departmentSdls)) {
    for (const found of sectionTypes(parse(sdl), department)) {
      sections.push(`  ${found.name}: ${found.section}`);
      for (const d of found.definitions) {
        const name = 'name' in d && d.name ? d.name.value : print(d);
        const printed = print(d);
        if (definitions.has(name) && definitions.get(name) !== printed)
          throw new Error(`the cohort sections declare ${name} differently in ${department} and before it`);
        definitions.set(name, printed);
      }
    }
  }
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@listSize"])

type Query {
  """
  Cohort search (条件查询): every resident on the active register inside your data scope who matches conditions set across
  departments, a page at a time (ordered by id), with the total. Each department answers its own section over its own
  data; only the keys of the residents that match leave it. For an analytics identity (the statistics office), counts
  only: no residents, and totalCount through the disclosure control (docs/disclosure-control.md).
  """
  cohort(where: CohortFilter!, first: Int, after: String): ResidentConnection!

  """
  The same cohort by household (按户), as a worker plans visits: the households the matching residents live in, a page
  at a time (ordered by household id), each with its members that match, and the total of households. The same
  conditions, access rules and audit as cohort; population, which knows who lives where, groups the residents (and
  audits it). For an analytics identity, the number of households only, through the disclosure control.
  """
  cohortHouseholds(where: CohortFilter!, first: Int, after: String): CohortHouseholdConnection!
}

"""Conditions of a cohort: the sections given must all hold (AND); anyOf holds when one of its filters does (OR), and an empty anyOf is refused (BAD_USER_INPUT)."""
input CohortFilter {
${sections.join('\n')}
  anyOf: [CohortFilter!]
}

type Resident @key(fields: "id", resolvable: false) {
  id: ID!
}

type Household @key(fields: "id", resolvable: false) {
  id: ID!
}

"""A household of a cohort (户) and those of its members who match"""
type CohortHousehold {
  household: Household!
  """The household's members who match the conditions, ordered by id (those who do not are left out)"""
  members: [Resident!]! @listSize(assumedSize: 4)
}

type CohortHouseholdConnection {
  edges: [CohortHouseholdEdge!]!
  nodes: [CohortHousehold!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type CohortHouseholdEdge {
  cursor: String!
  node: CohortHousehold!
}

type ResidentConnection @shareable {
  edges: [ResidentEdge!]!
  nodes: [Resident!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type ResidentEdge @shareable {
  cursor: String!
  node: Resident!
}

type PageInfo @shareable {
  hasNextPage: Boolean!
  endCursor: String
}

${[...definitions.values()].join('\n\n')}
`;
}
