/** The corrections part of the resident desk's SDL: the contract the /me page is built against. */
export const CORRECTIONS_SDL = `type Query {
  """The facts of your record you may ask a department to correct (可申请更正的信息), from every department that takes corrections"""
  correctableFacts: [CorrectableFact!]! @listSize(assumedSize: 20)
  """Your own correction requests at every department (我的更正申请), newest first; a department that is down is named in an error, the others still listed"""
  myCorrections: [Correction!]! @listSize(assumedSize: 10)
}

type Mutation {
  """Asks the department that owns a fact of your record to correct it (申请更正, PIPL art. 46), for a resident's own token"""
  requestCorrection(input: CorrectionRequestInput!): Correction
}

input CorrectionRequestInput {
  """A new random key (e.g. a UUID) for each new form, sent again unchanged when the same form is retried"""
  idempotencyKey: String!
  """The department that owns the fact, e.g. POPULATION"""
  department: String!
  """The fact, as correctableFacts names it"""
  fact: String!
  """What it should be"""
  correctValue: String!
  """Why the record is wrong (1 to 500 characters)"""
  reason: String!
}

type CorrectableFact @shareable {
  department: String!
  fact: String!
  label: String!
}

"""A resident's correction request (申请更正) as the resident follows it"""
type Correction {
  id: ID!
  trackingCode: String!
  department: String!
  fact: String!
  label: String!
  currentValue: String
  requestedValue: String!
  reason: String!
  """PENDING, ACCEPTED or REJECTED"""
  status: String!
  filedAt: DateTimeISO!
  """YYYY-MM-DD"""
  dueOn: String!
  overdue: Boolean!
  decisionReason: String
  decidedAt: DateTimeISO
}
`;
