import { GraphQLError } from 'graphql';
import type { ForwardedIdentity } from '../../lib/auth/forwarded';
import { isResident, RESIDENT_DESK } from '../../lib/auth/resident';
import { DEPARTMENTS, type Department, OWNER } from '../../lib/departments';
import { badInput, departmentUnavailable, notVisible } from '../../lib/errors';
import { accessEntriesField } from '../../lib/graphql/access-entries-field';
import { readPage } from '../../lib/graphql/paging';
import type { DeskContext, DeskPart } from './part';

/** An access entry as the departments answer it (lib/graphql/access-entries.ts's AccessEntry), passed on unchanged. */
interface Entry {
  id: string;
  at: string;
  [field: string]: unknown;
}
interface DepartmentPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Entry }[];
}

/** Each department's position in the merged list: the cursor of its last entry already shown. */
type Positions = Partial<Record<Department, string>>;

const typeDefs = `
type Query {
  """
  Who read my data (谁查看了我的信息, PIPL art. 44–45): every read and change of the signed-in resident's personal data by
  any department in [from, to), merged from the four departments' audit logs in time order, a page at a time, with
  the total. A resident's token only. \`department\` keeps one department's records (POPULATION, CIVIL_AFFAIRS,
  PUBLIC_SECURITY, GRID). A department that does not answer: its entries are missing and an error
  DEPARTMENT_UNAVAILABLE names it.
  """
  myAccessReport(from: DateTimeISO!, to: DateTimeISO!, department: String, first: Int, after: String): AccessReport
}

"""A resident's access report (个人信息查阅报告): a page of entries in time order, with the total of all departments"""
type AccessReport {
  totalCount: Int!
  edges: [AccessEntryEdge!]! @listSize(assumedSize: 100)
  nodes: [AccessEntry!]! @listSize(assumedSize: 100)
  pageInfo: PageInfo!
}

type AccessEntryEdge @shareable {
  cursor: String!
  node: AccessEntry!
}

"""A read or change of a resident’s personal data, for their access report (查阅记录)"""
type AccessEntry @shareable {
  """Opaque; entries of one department are in (at, id) order"""
  id: ID!
  at: DateTimeISO!
  """The department that read or changed (the official’s), e.g. CIVIL_AFFAIRS"""
  actorDepartment: String!
  """The department whose records were read, and whose audit log holds the entry"""
  recordsOf: String!
  """The official’s unit: the regions (grid’s Region ids) their scope covers"""
  actorUnits: [String!]!
  """The official’s role, e.g. CASEWORKER"""
  actorRole: String!
  """The stated purpose (X-Purpose)"""
  purpose: String
  """READ or WRITE"""
  kind: String!
  what: AccessedData!
}

"""What was read or changed, in words (读取的内容): a record and its groups of fields"""
type AccessedData @shareable {
  """
  The record, Chinese first, e.g. "低保等社会救助 (social assistance)"
  """
  record: String!
  """Its groups of fields, Chinese first"""
  fields: [String!]!
}
`;

const ENTRY_FIELDS = 'id at actorDepartment recordsOf actorUnits actorRole purpose kind what { record fields }';
const entriesQuery = (
  field: string,
) => `query ResidentAccessEntries($residentId: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $first: Int, $after: String) {
  ${field}(residentId: $residentId, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ENTRY_FIELDS} } } } }`;

const notACursor = () =>
  badInput('after is not a cursor this report issued; pass the endCursor of the previous page', 'after');

/** The report's cursor: each department's position (its own endCursor), as one opaque string. */
const writePositions = (positions: Positions) => Buffer.from(`r:${JSON.stringify(positions)}`).toString('base64url');
function readPositions(cursor: string | undefined | null): Positions {
  if (cursor === undefined || cursor === null) return {};
  const text = cursor.length <= 2000 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  let positions: unknown;
  try {
    positions = text.startsWith('r:') ? JSON.parse(text.slice(2)) : undefined;
  } catch {
    throw notACursor();
  }
  if (!positions || typeof positions !== 'object' || Array.isArray(positions)) throw notACursor();
  for (const [department, position] of Object.entries(positions))
    if (!(DEPARTMENTS as readonly string[]).includes(department) || typeof position !== 'string') throw notACursor();
  return positions as Positions;
}

/** `department`: a department as entries name it (`CIVIL_AFFAIRS`) or by its subgraph (`civil-affairs`). */
function departmentsAsked(department: string | undefined | null): readonly Department[] {
  if (department === undefined || department === null) return DEPARTMENTS;
  const found = DEPARTMENTS.find((d) => d === department || OWNER[d] === department);
  if (!found)
    throw badInput(
      `department must be one of ${DEPARTMENTS.map((d) => OWNER[d]).join(', ')}; got ${JSON.stringify(department).slice(0, 40)}`,
      'department',
    );
  return [found];
}

function readPeriod(from: string, to: string): { from: string; to: string } {
  const [start, end] = [Date.parse(from), Date.parse(to)];
  if (Number.isNaN(start)) throw badInput('from must be a date and time (ISO 8601)', 'from');
  if (Number.isNaN(end)) throw badInput('to must be a date and time (ISO 8601)', 'to');
  if (!(start < end)) throw badInput('from must be before to', 'from');
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

interface ReportArgs {
  from: string;
  to: string;
  department?: string | null;
  first?: number;
  after?: string;
}

/** The resident the gateway confirmed: the only one a report is ever about (never an argument). */
function signedResident(identity: ForwardedIdentity): string {
  const id = isResident(identity) && identity.resident?.confirmed ? identity.resident.id : undefined;
  // a resident's own field, answered to anyone else as `me` is: as if there were nothing
  if (!id) throw notVisible('AccessReport', '');
  return id;
}

/** Merges the departments' pages (each in time order) into one page of `limit` entries in time order. */
function merge(pages: Map<Department, DepartmentPage>, positions: Positions, limit: number) {
  const heads = new Map([...pages.keys()].map((d) => [d, 0]));
  const edges: { cursor: string; node: Entry }[] = [];
  const at = (d: Department) => pages.get(d)!.edges[heads.get(d)!];
  while (edges.length < limit) {
    let next: Department | undefined;
    for (const d of heads.keys())
      if (at(d) && (!next || Date.parse(at(d).node.at) < Date.parse(at(next).node.at))) next = d;
    if (!next) break;
    const edge = at(next);
    heads.set(next, heads.get(next)! + 1);
    positions = { ...positions, [next]: edge.cursor };
    edges.push({ cursor: writePositions(positions), node: edge.node });
  }
  const hasNextPage = [...pages].some(([d, page]) => heads.get(d)! < page.edges.length || page.pageInfo.hasNextPage);
  return { edges, hasNextPage };
}

async function myAccessReport(_root: unknown, args: ReportArgs, ctx: DeskContext) {
  const residentId = signedResident(ctx.identity);
  const page = readPage({ first: args.first });
  const period = readPeriod(args.from, args.to);
  const departments = departmentsAsked(args.department);
  const positions = readPositions(args.after);
  const pages = new Map<Department, DepartmentPage>();
  let refusedPosition = false;
  // each department answers its own entries, asked for the resident with `via` signed (lib/auth/resident.ts)
  const asking = { ...ctx.identity, via: RESIDENT_DESK };
  await Promise.all(
    departments.map(async (department) => {
      const field = accessEntriesField(department);
      const unavailable = (reason: string) =>
        new GraphQLError(
          `${department} is unavailable (${reason}); its entries are missing from this page, the other departments answered`,
          { path: ['myAccessReport'], extensions: departmentUnavailable(department, reason).extensions },
        );
      try {
        const answer = await ctx.ask<Record<string, DepartmentPage | null>>(
          asking,
          department,
          {
            query: entriesQuery(field),
            variables: { residentId, ...period, first: page.limit, after: positions[department] ?? null },
          },
          unavailable,
        );
        const error = answer.errors?.[0];
        const found = answer.data?.[field];
        // a position inside the cursor the department does not take: the cursor was not this report's
        if (error?.extensions?.code === 'BAD_USER_INPUT' && error.extensions.field === 'after') {
          refusedPosition = true;
          return;
        }
        if (error || !found)
          throw unavailable(error ? `${error.extensions?.code ?? 'an error'}: ${error.message}` : 'no answer');
        pages.set(department, found);
      } catch (error) {
        // never a silent gap: the report says which department's entries are missing
        ctx.errors.push(
          error instanceof GraphQLError && error.extensions?.department === department
            ? error
            : unavailable((error as Error)?.message ?? 'unknown'),
        );
      }
    }),
  );
  if (refusedPosition) throw notACursor();
  const ordered = new Map(departments.filter((d) => pages.has(d)).map((d) => [d, pages.get(d)!]));
  const { edges, hasNextPage } = merge(ordered, positions, page.limit);
  return {
    totalCount: [...ordered.values()].reduce((sum, p) => sum + p.totalCount, 0),
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** 谁查看了我的信息: the resident's access report, merged from the departments' access entries. */
export const accessReport: DeskPart = { typeDefs, resolvers: { Query: { myAccessReport } } };
