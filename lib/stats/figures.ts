import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { Department } from '../departments';
import { Decimal } from '../graphql/scalars';
import type { TableShape } from './disclosure';

/**
 * A figure of regionStats (区域统计), declared once by the department that counts it: the GraphQL field and its type
 * (`figuresType`), the conditions of the department's counting statement (`countConditions`), the disclosure control's
 * shape (`disclosureShape`), the query the dashboard and the tests ask and the dashboard's columns (`npm run compose`
 * writes queries/region-stats.graphql and queries/region-figures.json) and the oracle's type (`FigureValues`) are all
 * read from it. How to add one: docs/adding-a-figure.md.
 */
export interface Figure {
  /** the GraphQL field, the statement's column, the oracle's key, the dashboard's column key */
  readonly name: string;
  /** the Chinese label (the dashboard's column and card) */
  readonly zh: string;
  /** what is counted, in English, precise enough to compute it by hand (the GraphQL description and the tooltip) */
  readonly description: string;
  readonly unit: FigureUnit;
  /**
   * - `count`: a count of personal records, shown to an analytics identity through the cell key method;
   * - `{ money: '<count>' }`: a sum of yuan paid to the records of that count, moved with it and withheld under k;
   * - `exact`: not personal data (the region tree, staff), never perturbed.
   */
  readonly disclosure: 'count' | 'exact' | { readonly money: string };
  /**
   * The SQL of the count: the rows it counts (`over`, one of the relations the department's statement names) and the
   * condition a row must meet (`where`). Without it the department's statement counts the figure in a fragment of its
   * own (a distinct count, another relation).
   */
  readonly sql?: { readonly over: string; readonly where: string };
  /** where the dashboard shows it: a headline card (and the table), the table, or the CSV only (default `table`) */
  readonly dashboard?: Placement;
  /** a figure the dashboard composes from two others (no GraphQL field): numerator ÷ denominator, as column keys */
  readonly ratio?: readonly [string, string];
  /**
   * The statement's column the value is counted in, when it is not `name`: two fields that show one column under the
   * name of its unit (civil affairs' `monthlyAmountYuan` and `totalAmountYuan`, both the `amount` column).
   */
  readonly column?: string;
  /** Why the field goes (its GraphQL deprecation): it stays in the schema, leaves the query and the dashboard. */
  readonly deprecated?: string;
}

export type FigureUnit = 'people' | 'households' | 'cases' | 'records' | 'events' | 'yuan' | 'percent';
export type Placement = 'card' | 'table' | 'csv';

/** A row-per-value section's dashboard columns: one per row value, with its own labels. */
export interface RowColumn {
  readonly key: string;
  readonly row: string;
  readonly figure: string;
  readonly zh: string;
  readonly description: string;
  readonly dashboard?: Placement;
}

/** A department's figures: one object type, reached at `path` from RegionFigures (`population`, `civilAffairs.welfare`). */
export interface FigureSection {
  readonly department: Department;
  readonly path: readonly string[];
  /** the GraphQL object type */
  readonly type: string;
  /** the type's description, with the Chinese term */
  readonly description: string;
  readonly figures: readonly Figure[];
  /**
   * A section answered as a list of rows, one per value of `key` (civil affairs' programs), whose GraphQL type is
   * `keyType` (an enum registered with type-graphql); the dashboard's columns are declared per row.
   */
  readonly rows?: { readonly key: string; readonly keyType: () => object; readonly columns: readonly RowColumn[] };
}

/** Declares a section, keeping its figure names as types (for `FigureValues`). */
export const defineFigures = <const S extends FigureSection>(section: S): S => section;

/** The figures of a section that are GraphQL fields (not composed on the page). */
export const fieldsOf = (section: FigureSection) => section.figures.filter((f) => !f.ratio);

/** The names of a section's fields, in the order declared. */
export const figureNames = (section: FigureSection) => fieldsOf(section).map((f) => f.name);

/** The fields a client should ask for: the section's fields less the deprecated ones. */
export const currentFigureNames = (section: FigureSection) =>
  fieldsOf(section)
    .filter((f) => !f.deprecated)
    .map((f) => f.name);

type FieldFigure<F> = F extends { ratio: readonly [string, string] } ? never : F;
/** A section's values as regionStats answers them (what the test oracle computes): yuan as decimal strings. */
export type FigureValues<S extends FigureSection> = {
  [F in FieldFigure<S['figures'][number]> as F['name']]: F extends { unit: 'yuan' } ? string | null : number | null;
} & { suppressed?: string[] };

/** `where` of each figure counted over `over`: the conditions of `keyedCounts` (lib/stats/keyed-counts.ts). */
export function countConditions(section: FigureSection, over: string): Record<string, string> {
  return Object.fromEntries(
    section.figures.filter((f) => f.sql?.over === over).map((f) => [f.name, (f.sql as { where: string }).where]),
  );
}

/** The disclosure control's shape of a section: each sum of money and the count it is paid to. */
export function disclosureShape(section: FigureSection): TableShape {
  const linked: Record<string, string> = {};
  for (const f of section.figures)
    if (typeof f.disclosure === 'object') linked[f.column ?? f.name] = f.disclosure.money;
  return { linked };
}

/** Whether anything in a section goes through the disclosure control (then it has a `suppressed` field). */
const controlled = (section: FigureSection) => section.figures.some((f) => f.disclosure !== 'exact');

export const SUPPRESSED_DESCRIPTION =
  'Figures withheld (小数抑制): for an analytics identity, a sum of money whose count is shown under k (counts are perturbed, never withheld)';

/** The GraphQL description of a figure: what it counts and its Chinese label. */
export const figureDescription = (f: Pick<Figure, 'zh' | 'description'>) => `${f.description} (${f.zh})`;

/** The section's GraphQL object type, made from its declaration (fields in the order declared). */
export function figuresType<T extends object>(section: FigureSection): ClassType<T> {
  const type = { [section.type]: class {} }[section.type];
  if (section.rows) Field(section.rows.keyType)(type.prototype, section.rows.key);
  for (const f of fieldsOf(section))
    Field(() => (f.unit === 'yuan' ? Decimal : Int), {
      nullable: f.disclosure !== 'exact',
      description: figureDescription(f),
      ...(f.deprecated ? { deprecationReason: f.deprecated } : {}),
    })(type.prototype, f.name);
  if (controlled(section)) Field(() => [String], { description: SUPPRESSED_DESCRIPTION })(type.prototype, 'suppressed');
  ObjectType(section.type, { description: section.description })(type);
  return type as ClassType<T>;
}
