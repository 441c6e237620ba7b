/** `civil-affairs` → `civilAffairsAccessEntries`: a department's part of a resident's access report (no decorated classes here, so the gateway can load it). */
export const accessEntriesField = (department: string) =>
  `${department.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}AccessEntries`;
